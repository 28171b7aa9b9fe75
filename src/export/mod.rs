//! The resolved design in other tools' languages: Mermaid (GitHub renders it), Graphviz DOT,
//! D2, and JSON. Hosts become groups; links keep protocol and port.

mod d2;
mod dot;
mod json;
mod mermaid;
mod nest;
mod relation;
mod schema;

use crate::model::{ComponentId, Design, Link, Vip, VipId};
use crate::spec::Vocabulary;
use crate::spec::vocabulary::Setup;

pub use d2::to_d2;
pub use dot::to_dot;
pub use json::to_json;
pub use mermaid::to_mermaid;
pub use schema::json_schema;

/// An id for Mermaid and D2 made of lowercase letters, digits and `_`, one to one with the
/// spec id: `_`, `-`, `.` and capitals are spelt out, so distinct ids stay distinct in D2,
/// which ignores case. The prefix (`h` for hosts, `c` for components) keeps hosts and
/// components apart and keeps every id off the tools' keywords (`end`, `label`, `style`...).
fn ident(prefix: &str, raw: &str) -> String {
    let mut out = format!("{prefix}_");
    for c in raw.chars() {
        match c {
            '_' => out.push_str("__"),
            '-' => out.push_str("_d"),
            '.' => out.push_str("_p"),
            c if c.is_ascii_uppercase() => {
                out.push_str("_c");
                out.push(c.to_ascii_lowercase());
            }
            c if c.is_ascii_alphanumeric() => out.push(c),
            c => out.push_str(&format!("_u{:x}_", c as u32)),
        }
    }
    out
}

/// A double-quoted string as DOT and D2 both read it: `"` and `\` escaped, newlines as `\n`.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// "https :443", the link's custom label, or the protocol alone; then the paths it carries
/// ("https :443 · /static/*, /images/*") and its purpose when it is not the users' request
/// ("ssh :22 (admin)", "nightly dump (background)").
fn link_label(link: &Link) -> String {
    let mut label = match (&link.label, link.port) {
        (Some(l), _) => l.clone(),
        (None, Some(p)) => format!("{} :{p}", link.protocol),
        (None, None) => link.protocol.to_string(),
    };
    if !link.paths.is_empty() {
        label.push_str(&format!(" · {}", link.paths.join(", ")));
    }
    if !link.serves() {
        label.push_str(&format!(" ({})", link.purpose.as_str()));
    }
    label
}

/// What the text exports draw for the links: a link written to a virtual IP becomes one edge
/// to the virtual IP (once per source) and the virtual IP one edge to each holder.
#[derive(Debug, Clone)]
enum Edge<'a> {
    /// A link as it is.
    Link(&'a Link),
    /// A link written to virtual IP `vip`, drawn to it.
    ToVip { link: &'a Link, vip: VipId },
    /// From a virtual IP to a load balancer that holds it; `standby` when it takes the address
    /// over only if the active holder fails.
    Holder {
        vip: VipId,
        holder: ComponentId,
        standby: bool,
    },
}

fn edges(design: &Design) -> Vec<Edge<'_>> {
    let mut out = Vec::new();
    let mut drawn: Vec<(ComponentId, VipId)> = Vec::new();
    for link in &design.links {
        match link.via {
            Some(vip) if drawn.contains(&(link.from, vip)) => {}
            Some(vip) => {
                drawn.push((link.from, vip));
                out.push(Edge::ToVip { link, vip });
            }
            None => out.push(Edge::Link(link)),
        }
    }
    for (v, vip) in design.vips.iter().enumerate() {
        let id = VipId(v as u32);
        if !drawn.iter().any(|&(_, x)| x == id) {
            continue;
        }
        for (k, &holder) in vip.held_by.iter().enumerate() {
            out.push(Edge::Holder {
                vip: id,
                holder,
                standby: vip.mode == Setup::ActivePassive && k > 0,
            });
        }
    }
    out
}

/// "vip-www\n203.0.113.10 · keepalived (VRRP)": a virtual IP's label lines.
fn vip_label(vip: &Vip) -> (String, String) {
    let second = match &vip.software {
        Some(sw) => format!("{} · {sw}", vip.ip),
        None => vip.ip.to_string(),
    };
    (vip.id.clone(), second)
}

/// The edge label from a virtual IP to a holder.
fn holder_label(standby: bool) -> &'static str {
    if standby { "standby" } else { "active" }
}

/// "nginx-1\nNginx": id, then software on a second line when there is one; a managed
/// component's second line says so ("Amazon S3 · managed").
fn node_label(design: &Design, c: crate::model::ComponentId) -> (String, Option<String>) {
    let component = design.component(c);
    let id = if component.count > 1 {
        format!("{} ×{}", component.id, component.count)
    } else {
        component.id.clone()
    };
    let second = match (&component.software, component.managed) {
        (Some(sw), true) => Some(format!("{sw} · managed")),
        (None, true) => Some("managed".to_string()),
        (sw, false) => sw.clone(),
    };
    (id, second)
}

/// "web-01 · 10.0.0.2 · public".
fn host_label(host: &crate::model::Host) -> String {
    let mut s = host.id.clone();
    if let Some(ip) = host.ip {
        s.push_str(&format!(" · {ip}"));
    }
    if host.public {
        s.push_str(" · public");
    }
    s
}
