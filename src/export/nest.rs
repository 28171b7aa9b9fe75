//! Zones as nested groups, for the formats that nest them (Mermaid subgraphs, DOT clusters,
//! D2 containers): the zones drawn (those holding a host), the order groups open and close in,
//! and each zone's label.

use std::fmt::Write;

use crate::model::{ComponentId, Design, HostId, ZoneId};
use crate::spec::ZoneKind;

/// One step of the walk over the groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A zone's group opens.
    Open(ZoneId),
    /// A host's group, inside the zones open.
    Host(HostId),
    /// The innermost open zone's group closes.
    Close,
}

/// How a format writes its groups: the lines that open a zone's and a host's group (given the
/// indentation), the line that closes a group, and a component's line.
pub struct Groups<Z, H, N> {
    pub open_zone: Z,
    pub open_host: H,
    pub close: &'static str,
    pub node: N,
}

/// Writes the zones and hosts as nested groups (each level indented two spaces more, from
/// `depth`), each host's components inside it, then the components on no host at `depth`.
pub fn write_groups<Z, H, N>(s: &mut String, design: &Design, depth: usize, g: &Groups<Z, H, N>)
where
    Z: Fn(ZoneId, &str) -> String,
    H: Fn(HostId, &str) -> String,
    N: Fn(ComponentId) -> String,
{
    let mut level = depth;
    for step in steps(design) {
        let pad = "  ".repeat(level);
        match step {
            Step::Open(z) => {
                let _ = writeln!(s, "{}", (g.open_zone)(z, &pad));
                level += 1;
            }
            Step::Close => {
                level -= 1;
                let _ = writeln!(s, "{}{}", "  ".repeat(level), g.close);
            }
            Step::Host(h) => {
                let _ = writeln!(s, "{}", (g.open_host)(h, &pad));
                for &c in design.components_on(h) {
                    let _ = writeln!(s, "{pad}  {}", (g.node)(c));
                }
                let _ = writeln!(s, "{pad}{}", g.close);
            }
        }
    }
    let pad = "  ".repeat(depth);
    for c in design
        .component_ids()
        .filter(|&c| design.component(c).host.is_none())
    {
        let _ = writeln!(s, "{pad}{}", (g.node)(c));
    }
}

/// Whether the zone is drawn: some host sits in it, or in a zone inside it.
pub fn drawn(design: &Design, zone: ZoneId) -> bool {
    design
        .host_ids()
        .any(|h| design.host(h).zone.is_some() && design.host_in(h, zone))
}

/// The groups in order: each outermost zone (by id) with, inside it, the zones it holds (by
/// id, each before the hosts directly in it), then its hosts (by id); then the hosts in no
/// zone. Without zones: one `Host` per host, by id.
pub fn steps(design: &Design) -> Vec<Step> {
    let n = design.zones.len();
    let mut inner: Vec<Vec<ZoneId>> = vec![Vec::new(); n];
    let mut hosts: Vec<Vec<HostId>> = vec![Vec::new(); n];
    let mut top = Vec::new();
    let mut loose = Vec::new();
    let mut shown = vec![false; n];
    for h in design.host_ids() {
        match design.host(h).zone {
            Some(z) => {
                hosts[z.0 as usize].push(h);
                for x in design.zone_chain(z) {
                    shown[x.0 as usize] = true;
                }
            }
            None => loose.push(h),
        }
    }
    for z in design.zone_ids().filter(|z| shown[z.0 as usize]) {
        match design.zone(z).parent {
            Some(p) => inner[p.0 as usize].push(z),
            None => top.push(z),
        }
    }
    let mut out = Vec::new();
    // A stack of (zone, how many of its inner zones are done), so a deep nesting cannot
    // exhaust the call stack.
    for root in top {
        let mut stack = vec![(root, 0usize)];
        out.push(Step::Open(root));
        while let Some((z, next)) = stack.last_mut() {
            let z = *z;
            if let Some(&child) = inner[z.0 as usize].get(*next) {
                *next += 1;
                out.push(Step::Open(child));
                stack.push((child, 0));
            } else {
                out.extend(hosts[z.0 as usize].iter().map(|&h| Step::Host(h)));
                out.push(Step::Close);
                stack.pop();
            }
        }
    }
    out.extend(loose.into_iter().map(Step::Host));
    out
}

/// "eu-west-1 · region", "public-a · public network": the zone's id and what it is.
pub fn zone_label(design: &Design, zone: ZoneId) -> String {
    let what = match design.zone(zone).kind {
        ZoneKind::Region => "region",
        ZoneKind::AvailabilityZone => "availability zone",
        ZoneKind::Network if design.zone_is_public(zone) => "public network",
        ZoneKind::Network => "network",
    };
    format!("{} · {what}", design.zone(zone).id)
}

/// What a zone's group looks like, as in infradoc's own diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// A region: a plain outline.
    Region,
    /// An availability zone: a dashed outline.
    AvailabilityZone,
    /// A network: a blue tint.
    Network,
    /// A public network: a green tint.
    PublicNetwork,
}

pub fn look(design: &Design, zone: ZoneId) -> Look {
    match design.zone(zone).kind {
        ZoneKind::Region => Look::Region,
        ZoneKind::AvailabilityZone => Look::AvailabilityZone,
        ZoneKind::Network if design.zone_is_public(zone) => Look::PublicNetwork,
        ZoneKind::Network => Look::Network,
    }
}

/// The tints of networks, as in the default theme.
pub const NETWORK_FILL: &str = "#eaf1fb";
pub const PUBLIC_NETWORK_FILL: &str = "#e8f5ec";
