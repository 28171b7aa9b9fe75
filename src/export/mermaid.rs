//! A Mermaid flowchart, which GitHub renders inside a ```mermaid block.

use std::fmt::Write;

use crate::model::{ComponentId, Design};
use crate::spec::vocabulary::{Direction, Protocol};

use super::{host_label, link_label, node_label};

/// Mermaid ids take letters, digits and `_`: `_`, `-` and `.` are spelt out so distinct ids
/// stay distinct, and a prefix keeps them off keywords such as `end`.
fn id(prefix: &str, raw: &str) -> String {
    let mut out = format!("{prefix}_");
    for c in raw.chars() {
        match c {
            '_' => out.push_str("__"),
            '-' => out.push_str("_d"),
            '.' => out.push_str("_p"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            c => out.push_str(&format!("_u{:x}", c as u32)),
        }
    }
    out
}

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
        text(&design.title).replace(':', "#58;")
    );
    let node = |c: ComponentId| {
        let (name, software) = node_label(design, c);
        let label = match software {
            Some(sw) => format!("{}<br/>{}", text(&name), text(&sw)),
            None => text(&name),
        };
        format!("{}[\"{label}\"]", id("c", &design.component(c).id))
    };
    for h in design.host_ids() {
        let _ = writeln!(
            s,
            "  subgraph {}[\"{}\"]",
            id("h", &design.host(h).id),
            text(&host_label(design.host(h)))
        );
        for &c in design.components_on(h) {
            let _ = writeln!(s, "    {}", node(c));
        }
        s.push_str("  end\n");
    }
    for c in design
        .component_ids()
        .filter(|&c| design.component(c).host.is_none())
    {
        let _ = writeln!(s, "  {}", node(c));
    }
    for link in &design.links {
        let arrow = if link.protocol == Protocol::Replication {
            "-.->"
        } else if link.encrypted {
            "==>"
        } else {
            "-->"
        };
        let _ = writeln!(
            s,
            "  {} {arrow}|\"{}\"| {}",
            id("c", &design.component(link.from).id),
            text(&link_label(link)),
            id("c", &design.component(link.to).id)
        );
    }
    s
}
