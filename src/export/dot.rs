//! Graphviz DOT, with a cluster per host.

use std::fmt::Write;

use crate::model::Design;
use crate::spec::vocabulary::{Direction, Protocol};

use super::relation::{End, relations};
use super::{host_label, link_label, node_label, quote};

pub fn to_dot(design: &Design) -> String {
    let mut s = String::new();
    let rankdir = if design.direction == Direction::TopToBottom {
        "TB"
    } else {
        "LR"
    };
    let _ = writeln!(s, "digraph {} {{", quote(&design.name));
    let _ = writeln!(
        s,
        "  label={};\n  labelloc=t;\n  rankdir={rankdir};\n  compound=true;\n  node [shape=box, style=rounded];",
        quote(&design.title)
    );
    let node = |c: crate::model::ComponentId| {
        let (id, software) = node_label(design, c);
        let label = match software {
            Some(sw) => format!("{id}\n{sw}"),
            None => id,
        };
        format!(
            "{} [label={}];",
            quote(&design.component(c).id),
            quote(&label)
        )
    };
    for h in design.host_ids() {
        let _ = writeln!(
            s,
            "  subgraph {} {{\n    label={};",
            quote(&format!("cluster_{}", design.host(h).id)),
            quote(&host_label(design.host(h)))
        );
        for &c in design.components_on(h) {
            let _ = writeln!(s, "    {}", node(c));
        }
        s.push_str("  }\n");
    }
    for c in design
        .component_ids()
        .filter(|&c| design.component(c).host.is_none())
    {
        let _ = writeln!(s, "  {}", node(c));
    }
    for link in &design.links {
        let style = if link.protocol == Protocol::Replication {
            ", style=dashed"
        } else if link.encrypted {
            ", penwidth=2"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  {} -> {} [label={}{style}];",
            quote(&design.component(link.from).id),
            quote(&design.component(link.to).id),
            quote(&link_label(link))
        );
    }
    // An edge cannot end on a cluster: one to a host ends on its entry and is clipped at the
    // cluster's border (`lhead`, which `compound=true` turns on).
    for relation in relations(design) {
        let (to, lhead) = match relation.to {
            End::Component(c) => (c, String::new()),
            End::Host {
                host,
                entry: Some(c),
            } => (
                c,
                format!(
                    ", lhead={}",
                    quote(&format!("cluster_{}", design.host(host).id))
                ),
            ),
            End::Host { entry: None, .. } => continue,
        };
        let _ = writeln!(
            s,
            "  {} -> {} [label={}, style=dotted{lhead}];",
            quote(&design.component(relation.from).id),
            quote(&design.component(to).id),
            quote(relation.tie.label())
        );
    }
    s.push_str("}\n");
    s
}
