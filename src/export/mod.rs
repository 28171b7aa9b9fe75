//! The resolved design in other tools' languages: Mermaid (GitHub renders it), Graphviz DOT,
//! D2, and JSON. Hosts become groups; links keep protocol and port.

mod d2;
mod dot;
mod json;
mod mermaid;
mod relation;
mod schema;

use crate::model::{Design, Link};

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

/// "https :443", the link's custom label, or the protocol alone.
fn link_label(link: &Link) -> String {
    match (&link.label, link.port) {
        (Some(l), _) => l.clone(),
        (None, Some(p)) => format!("{} :{p}", link.protocol),
        (None, None) => link.protocol.to_string(),
    }
}

/// "nginx-1\nNginx": id, then software on a second line when there is one.
fn node_label(design: &Design, c: crate::model::ComponentId) -> (String, Option<String>) {
    let component = design.component(c);
    let id = if component.count > 1 {
        format!("{} ×{}", component.id, component.count)
    } else {
        component.id.clone()
    };
    (id, component.software.clone())
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
