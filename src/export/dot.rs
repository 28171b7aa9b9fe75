//! Graphviz DOT, with a cluster per host.

use std::fmt::Write;

use crate::model::{Design, HostId, Link, ZoneId};
use crate::spec::vocabulary::{Direction, Protocol, Purpose};

use super::nest::{
    Groups, Look, NETWORK_FILL, PUBLIC_NETWORK_FILL, look, write_groups, zone_label,
};
use super::relation::{End, relations};
use super::{Edge, edges, holder_label, host_label, link_label, node_label, quote, vip_label};

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
        "  label={};\n  labelloc=t;\n  rankdir={rankdir};\n  newrank=true;\n  compound=true;\n  node [shape=box, style=rounded];",
        quote(&design.title)
    );
    let node = |c: crate::model::ComponentId| {
        let (id, software) = node_label(design, c);
        let label = match software {
            Some(sw) => format!("{id}\n{sw}"),
            None => id,
        };
        // The provider runs a managed component: dashed, as in infradoc's own diagram.
        let style = if design.component(c).managed {
            ", style=\"rounded,dashed\""
        } else {
            ""
        };
        format!(
            "{} [label={}{style}];",
            quote(&design.component(c).id),
            quote(&label)
        )
    };
    // Zones hold hosts, hosts hold components. A cluster passes its style to the clusters
    // inside it, so each one in a zone says its own.
    let groups = Groups {
        open_zone: |z: ZoneId, pad: &str| {
            let style = match look(design, z) {
                Look::Region => "style=solid;".to_string(),
                Look::AvailabilityZone => "style=dashed;".to_string(),
                Look::Network => format!("style=solid;\n{pad}  bgcolor=\"{NETWORK_FILL}\";"),
                Look::PublicNetwork => {
                    format!("style=solid;\n{pad}  bgcolor=\"{PUBLIC_NETWORK_FILL}\";")
                }
            };
            format!(
                "{pad}subgraph {} {{\n{pad}  label={};\n{pad}  {style}",
                quote(&format!("cluster_{}", design.zone(z).id)),
                quote(&zone_label(design, z))
            )
        },
        open_host: |h: HostId, pad: &str| {
            let style = if design.host(h).zone.is_some() {
                format!("\n{pad}  style=solid;")
            } else {
                String::new()
            };
            format!(
                "{pad}subgraph {} {{\n{pad}  label={};{style}",
                quote(&format!("cluster_{}", design.host(h).id)),
                quote(&host_label(design.host(h)))
            )
        },
        close: "}",
        node,
    };
    write_groups(&mut s, design, 1, &groups);
    // A virtual IP is an oval: an address in front of the load balancers, not a machine.
    for vip in &design.vips {
        let (name, second) = vip_label(vip);
        let _ = writeln!(
            s,
            "  {} [label={}, shape=oval];",
            quote(&vip.id),
            quote(&format!("{name}\n{second}"))
        );
    }
    let style = |link: &Link| match link.purpose {
        Purpose::Admin => ", style=dashed, color=\"#9a6700\"",
        Purpose::Background => ", style=dashed, color=\"#1b7c83\"",
        Purpose::Serve if link.protocol == Protocol::Replication => ", style=dashed",
        Purpose::Serve if link.encrypted => ", penwidth=2",
        Purpose::Serve => "",
    };
    for edge in edges(design) {
        let (from, to, label, style) = match edge {
            Edge::Link(link) => (
                &design.component(link.from).id,
                &design.component(link.to).id,
                link_label(link),
                style(link),
            ),
            Edge::ToVip { link, vip } => (
                &design.component(link.from).id,
                &design.vips[vip.0 as usize].id,
                link_label(link),
                style(link),
            ),
            Edge::Holder {
                vip,
                holder,
                standby,
            } => (
                &design.vips[vip.0 as usize].id,
                &design.component(holder).id,
                holder_label(standby).to_string(),
                if standby { ", style=dashed" } else { "" },
            ),
        };
        let _ = writeln!(
            s,
            "  {} -> {} [label={}{style}];",
            quote(from),
            quote(to),
            quote(&label)
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
            End::Zone {
                zone,
                entry: Some(c),
            } => (
                c,
                format!(
                    ", lhead={}",
                    quote(&format!("cluster_{}", design.zone(zone).id))
                ),
            ),
            End::Host { entry: None, .. } | End::Zone { entry: None, .. } => continue,
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

#[cfg(test)]
mod tests {
    /// Graphviz 2.43's default ranking fails with "trouble in init_rank" on some designs whose
    /// edges cross host clusters; the newer ranker (`newrank`) lays them all out.
    #[test]
    fn the_graph_asks_for_the_newer_ranker() {
        let design =
            crate::design_of("[design]\nname = \"t\"\n[components.web]\nkind = \"web-server\"\n");
        let dot = super::to_dot(&design);
        let header: Vec<&str> = dot.lines().take_while(|l| !l.contains("->")).collect();
        assert!(header.contains(&"  newrank=true;"), "{dot}");
    }
}
