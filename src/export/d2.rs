//! A D2 diagram: hosts are containers, components their children.

use std::fmt::Write;

use crate::model::{ComponentId, Design, HostId, Link, VipId, ZoneId};
use crate::spec::vocabulary::{Direction, Protocol, Purpose};

use super::nest::{
    Groups, Look, NETWORK_FILL, PUBLIC_NETWORK_FILL, look, write_groups, zone_label,
};
use super::relation::{End, relations};
use super::{
    Edge, edges, holder_label, host_label, ident, link_label, node_label, quote, vip_label,
};

/// A double-quoted D2 string: D2 substitutes variables in these, and stops on any `$` that
/// does not start one, so `$` is escaped too.
fn string(text: &str) -> String {
    quote(text).replace('$', "\\$")
}

/// Keys are [`ident`]s, never the spec's ids: D2 reads a key such as `label`, `style`, `near`
/// or `vars` as a keyword, and a key `title` would merge with the title shape below. The
/// labels still show the ids as written.
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
        string(&design.title)
    );
    let key = |c: ComponentId| ident("c", &design.component(c).id);
    // A zone's key path: the zones it sits in, outermost first.
    let zone_path = |z: crate::model::ZoneId| {
        let mut keys: Vec<String> = design
            .zone_chain(z)
            .map(|x| ident("z", &design.zone(x).id))
            .collect();
        keys.reverse();
        keys.join(".")
    };
    let path = |c: ComponentId| match design.component(c).host {
        Some(h) => {
            let host = ident("h", &design.host(h).id);
            match design.host(h).zone {
                Some(z) => format!("{}.{host}.{}", zone_path(z), key(c)),
                None => format!("{host}.{}", key(c)),
            }
        }
        None => key(c),
    };
    let node = |c: ComponentId| {
        let (name, software) = node_label(design, c);
        let label = match software {
            Some(sw) => format!("{name}\n{sw}"),
            None => name,
        };
        let style = if design.component(c).managed {
            " {style.stroke-dash: 3}"
        } else {
            ""
        };
        format!("{}: {}{style}", key(c), string(&label))
    };
    // Zones hold hosts, hosts hold components.
    let groups = Groups {
        open_zone: |z: ZoneId, pad: &str| {
            let open = format!(
                "{pad}{}: {} {{",
                ident("z", &design.zone(z).id),
                string(&zone_label(design, z))
            );
            let style = match look(design, z) {
                Look::Region => return open,
                Look::AvailabilityZone => "style.stroke-dash: 4".to_string(),
                Look::Network => format!("style.fill: \"{NETWORK_FILL}\""),
                Look::PublicNetwork => format!("style.fill: \"{PUBLIC_NETWORK_FILL}\""),
            };
            format!("{open}\n{pad}  {style}")
        },
        open_host: |h: HostId, pad: &str| {
            format!(
                "{pad}{}: {} {{",
                ident("h", &design.host(h).id),
                string(&host_label(design.host(h)))
            )
        },
        close: "}",
        node,
    };
    write_groups(&mut s, design, 0, &groups);
    let vip = |v: VipId| ident("v", &design.vips[v.0 as usize].id);
    for (v, x) in design.vips.iter().enumerate() {
        let (name, second) = vip_label(x);
        let _ = writeln!(
            s,
            "{}: {} {{shape: oval}}",
            vip(VipId(v as u32)),
            string(&format!("{name}\n{second}"))
        );
    }
    let style = |link: &Link| match link.purpose {
        Purpose::Admin => " {style.stroke-dash: 6; style.stroke: \"#9a6700\"}",
        Purpose::Background => " {style.stroke-dash: 3; style.stroke: \"#1b7c83\"}",
        Purpose::Serve if link.protocol == Protocol::Replication => " {style.stroke-dash: 4}",
        Purpose::Serve => "",
    };
    for edge in edges(design) {
        let (from, to, label, style) = match edge {
            Edge::Link(link) => (
                path(link.from),
                path(link.to),
                link_label(link),
                style(link),
            ),
            Edge::ToVip { link, vip: v } => {
                (path(link.from), vip(v), link_label(link), style(link))
            }
            Edge::Holder {
                vip: v,
                holder,
                standby,
            } => (
                vip(v),
                path(holder),
                holder_label(standby).to_string(),
                if standby {
                    " {style.stroke-dash: 4}"
                } else {
                    ""
                },
            ),
        };
        let _ = writeln!(s, "{from} -> {to}: {}{style}", string(&label));
    }
    for relation in relations(design) {
        let to = match relation.to {
            End::Component(c) => path(c),
            End::Host { host, .. } => match design.host(host).zone {
                Some(z) => format!("{}.{}", zone_path(z), ident("h", &design.host(host).id)),
                None => ident("h", &design.host(host).id),
            },
            End::Zone { zone, .. } => zone_path(zone),
        };
        let _ = writeln!(
            s,
            "{} -> {to}: {} {{style.stroke-dash: 2}}",
            path(relation.from),
            string(relation.tie.label())
        );
    }
    s
}
