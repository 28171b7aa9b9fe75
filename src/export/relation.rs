//! The ties that are not links: a firewall protects a host or component, a certificate is
//! installed on a component. The text exports draw them as dotted, labelled edges.

use crate::model::{ComponentId, Design, HostId, Kind, Target};

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
                // Exports draw zones as groups; the tie to one is not an edge yet.
                Target::Zone(_) => None,
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
