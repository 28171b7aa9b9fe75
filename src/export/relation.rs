//! The ties that are not links: a firewall protects a host, a component or a zone, a
//! certificate is installed on a component. The text exports draw them as dotted, labelled edges.

use crate::model::{ComponentId, Design, HostId, Kind, Target, ZoneId};

/// What the tie means; its label in every export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tie {
    Protects,
    InstalledOn,
}

impl Tie {
    pub fn label(self) -> &'static str {
        match self {
            Tie::Protects => "protects",
            Tie::InstalledOn => "installed on",
        }
    }
}

/// Where a tie ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Component(ComponentId),
    /// A host the tie's source is not on. `entry` is the component on it that traffic reaches
    /// first, for formats whose edges must end on a node (DOT); `None` when the host holds no
    /// such component.
    Host {
        host: HostId,
        entry: Option<ComponentId>,
    },
    /// A zone (drawn, as a group) the tie's source is not in; `entry` as for a host.
    Zone {
        zone: ZoneId,
        entry: Option<ComponentId>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relation {
    pub from: ComponentId,
    pub to: End,
    pub tie: Tie,
}

/// Every tie of the design, in component order, then in the order the spec lists them.
///
/// A firewall that protects the host it runs on points at that host's entry component: an edge
/// from a node to the group around it is one that Mermaid's and D2's layouts cannot draw.
pub fn relations(design: &Design) -> Vec<Relation> {
    let mut out = Vec::new();
    for from in design.component_ids() {
        let component = design.component(from);
        for &to in &component.attrs.installed_on {
            out.push(Relation {
                from,
                to: End::Component(to),
                tie: Tie::InstalledOn,
            });
        }
        for target in &component.attrs.protects {
            let to = match *target {
                Target::Component(c) => Some(End::Component(c)),
                Target::Host(h) if component.host == Some(h) => {
                    entry(design, h).map(End::Component)
                }
                Target::Host(h) => Some(End::Host {
                    host: h,
                    entry: entry(design, h),
                }),
                // A zone holding no host is not drawn: there is nothing to point at.
                Target::Zone(z) if !super::nest::drawn(design, z) => None,
                Target::Zone(z) if design.covers(Target::Zone(z), from) => {
                    zone_entry(design, z).map(End::Component)
                }
                Target::Zone(z) => Some(End::Zone {
                    zone: z,
                    entry: zone_entry(design, z),
                }),
            };
            if let Some(to) = to {
                out.push(Relation {
                    from,
                    to,
                    tie: Tie::Protects,
                });
            }
        }
    }
    out
}

/// The component on `host` that traffic from elsewhere reaches first: one that a link from
/// off the host reaches, earliest on the request path, then by id. Firewalls are skipped: they
/// are what stands in front of the entry.
fn entry(design: &Design, host: HostId) -> Option<ComponentId> {
    design
        .components_on(host)
        .iter()
        .copied()
        .filter(|&c| design.component(c).kind != Kind::Firewall)
        .min_by_key(|&c| {
            let reached_from_outside = design
                .links_to(c)
                .any(|l| design.component(l.from).host != Some(host));
            (!reached_from_outside, design.component(c).kind.tier())
        })
}

/// The component in `zone` that traffic from outside it reaches first, as [`entry`] for a
/// host.
fn zone_entry(design: &Design, zone: ZoneId) -> Option<ComponentId> {
    design
        .hosts_in(zone)
        .into_iter()
        .flat_map(|h| design.components_on(h).iter().copied())
        .filter(|&c| design.component(c).kind != Kind::Firewall)
        .min_by_key(|&c| {
            let reached_from_outside = design
                .links_to(c)
                .any(|l| !design.covers(Target::Zone(zone), l.from));
            (!reached_from_outside, design.component(c).kind.tier(), c.0)
        })
}
