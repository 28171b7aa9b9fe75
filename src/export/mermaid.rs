//! A Mermaid flowchart, which GitHub renders inside a ```mermaid block.

use std::fmt::Write;

use crate::model::{ComponentId, Design, HostId, Link, VipId, ZoneId};
use crate::spec::vocabulary::{Direction, Protocol};

use super::nest::{Groups, Look, Step, look, steps, write_groups, zone_label};
use super::relation::{End, relations};
use super::{Edge, edges, holder_label, host_label, ident, link_label, node_label, vip_label};

/// Text inside a quoted Mermaid label: quotes and markup become entity codes.
fn text(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A YAML double-quoted scalar, for the front matter's `title`. Mermaid shows the title as
/// plain text, so nothing but YAML's own escapes applies: `\`, `"` and every character YAML
/// does not allow to be written as it is.
fn yaml_string(raw: &str) -> String {
    let mut out = String::from("\"");
    for c in raw.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\x{:02X}", c as u32)),
            // Line and paragraph separators, the byte-order mark and the non-characters that
            // YAML excludes from printable text.
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn to_mermaid(design: &Design) -> String {
    let mut s = String::new();
    let direction = if design.direction == Direction::TopToBottom {
        "TB"
    } else {
        "LR"
    };
    let _ = writeln!(
        s,
        "---\ntitle: {}\n---\nflowchart {direction}",
        yaml_string(&design.title)
    );
    let component = |c: ComponentId| ident("c", &design.component(c).id);
    let node = |c: ComponentId| {
        let (name, software) = node_label(design, c);
        let label = match software {
            Some(sw) => format!("{}<br/>{}", text(&name), text(&sw)),
            None => text(&name),
        };
        format!("{}[\"{label}\"]", component(c))
    };
    // Zones hold hosts, hosts hold components.
    let groups = Groups {
        open_zone: |z: ZoneId, pad: &str| {
            format!(
                "{pad}subgraph {}[\"{}\"]",
                ident("z", &design.zone(z).id),
                text(&zone_label(design, z))
            )
        },
        open_host: |h: HostId, pad: &str| {
            format!(
                "{pad}subgraph {}[\"{}\"]",
                ident("h", &design.host(h).id),
                text(&host_label(design.host(h)))
            )
        },
        close: "end",
        node,
    };
    write_groups(&mut s, design, 1, &groups);
    let vip = |v: VipId| ident("v", &design.vips[v.0 as usize].id);
    for (v, x) in design.vips.iter().enumerate() {
        let (name, second) = vip_label(x);
        let _ = writeln!(
            s,
            "  {}([\"{}<br/>{}\"])",
            vip(VipId(v as u32)),
            text(&name),
            text(&second)
        );
    }
    // Admin access and background work are dotted, like replication, and their labels say
    // which: none of them is the users' request path.
    let arrow = |link: &Link| {
        if link.protocol == Protocol::Replication || !link.serves() {
            "-.->"
        } else if link.encrypted {
            "==>"
        } else {
            "-->"
        }
    };
    for edge in edges(design) {
        let (from, arrow, label, to) = match edge {
            Edge::Link(link) => (
                component(link.from),
                arrow(link),
                link_label(link),
                component(link.to),
            ),
            Edge::ToVip { link, vip: v } => {
                (component(link.from), arrow(link), link_label(link), vip(v))
            }
            Edge::Holder {
                vip: v,
                holder,
                standby,
            } => (
                vip(v),
                if standby { "-.->" } else { "-->" },
                holder_label(standby).to_string(),
                component(holder),
            ),
        };
        let _ = writeln!(s, "  {from} {arrow}|\"{}\"| {to}", text(&label));
    }
    for relation in relations(design) {
        let to = match relation.to {
            End::Component(c) => component(c),
            End::Host { host, .. } => ident("h", &design.host(host).id),
            End::Zone { zone, .. } => ident("z", &design.zone(zone).id),
        };
        let _ = writeln!(
            s,
            "  {} -.->|\"{}\"| {to}",
            component(relation.from),
            relation.tie.label()
        );
    }
    let managed: Vec<String> = design
        .component_ids()
        .filter(|&c| design.component(c).managed)
        .map(component)
        .collect();
    if !managed.is_empty() {
        s.push_str("  classDef managed stroke-dasharray: 5 3\n");
        let _ = writeln!(s, "  class {} managed", managed.join(","));
    }
    // Each kind of zone looks as in infradoc's own diagram.
    for (class, style, which) in [
        ("region", "fill:none", Look::Region),
        (
            "availability_zone",
            "fill:none,stroke-dasharray: 6 4",
            Look::AvailabilityZone,
        ),
        ("network", "fill:#eaf1fb,stroke:none", Look::Network),
        (
            "public_network",
            "fill:#e8f5ec,stroke:none",
            Look::PublicNetwork,
        ),
    ] {
        let zones: Vec<String> = steps(design)
            .into_iter()
            .filter_map(|step| match step {
                Step::Open(z) if look(design, z) == which => Some(ident("z", &design.zone(z).id)),
                _ => None,
            })
            .collect();
        if !zones.is_empty() {
            let _ = writeln!(s, "  classDef {class} {style}");
            let _ = writeln!(s, "  class {} {class}", zones.join(","));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::yaml_string;

    #[test]
    fn yaml_escapes_what_would_end_or_break_the_scalar() {
        assert_eq!(yaml_string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(
            yaml_string("x\ny\u{7}\u{85}\u{2028}"),
            r#""x\ny\x07\x85\u2028""#
        );
        assert_eq!(yaml_string("- Shop: #2"), r#""- Shop: #2""#);
    }
}
