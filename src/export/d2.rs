//! A D2 diagram: hosts are containers, components their children.

use std::fmt::Write;

use crate::model::{ComponentId, Design};
use crate::spec::vocabulary::{Direction, Protocol};

use super::{host_label, link_label, node_label, quote};

pub fn to_d2(design: &Design) -> String {
    let mut s = String::new();
    let direction = if design.direction == Direction::TopToBottom {
        "down"
    } else {
        "right"
    };
    let _ = writeln!(
        s,
        "direction: {direction}\ntitle: {} {{\n  near: top-center\n  shape: text\n}}",
        quote(&design.title)
    );
    let path = |c: ComponentId| match design.component(c).host {
        Some(h) => format!(
            "{}.{}",
            quote(&design.host(h).id),
            quote(&design.component(c).id)
        ),
        None => quote(&design.component(c).id),
    };
    let node = |c: ComponentId| {
        let (name, software) = node_label(design, c);
        let label = match software {
            Some(sw) => format!("{name}\n{sw}"),
            None => name,
        };
        format!("{}: {}", quote(&design.component(c).id), quote(&label))
    };
    for h in design.host_ids() {
        let _ = writeln!(
            s,
            "{}: {} {{",
            quote(&design.host(h).id),
            quote(&host_label(design.host(h)))
        );
        for &c in design.components_on(h) {
            let _ = writeln!(s, "  {}", node(c));
        }
        s.push_str("}\n");
    }
    for c in design
        .component_ids()
        .filter(|&c| design.component(c).host.is_none())
    {
        let _ = writeln!(s, "{}", node(c));
    }
    for link in &design.links {
        let style = if link.protocol == Protocol::Replication {
            " {style.stroke-dash: 4}"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "{} -> {}: {}{style}",
            path(link.from),
            path(link.to),
            quote(&link_label(link))
        );
    }
    s
}
