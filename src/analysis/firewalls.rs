//! Which firewalls fail as units of their own, and what each one's failure cuts off.
//!
//! A firewall with a `host` is a machine in front of what it protects (an appliance, a
//! pfSense box); so is a provider's firewall (`managed = true`) and a firewall with no host
//! whose software is not a host packet filter. All traffic into what it protects crosses it,
//! so its failure takes those components off the request path at once. A firewall with no
//! host whose software is a host packet filter (iptables, nftables, ufw, firewalld, the
//! Windows firewall) is a rule set in the kernel of each host it protects: it fails with
//! that host, which the analysis already counts.

use crate::model::{ComponentId, Design, Kind, Target};

/// Software that filters packets inside the protected host itself, by name (any case).
const HOST_FILTERS: &[&str] = &[
    "iptables",
    "nftables",
    "ufw",
    "firewalld",
    "windows firewall",
    "windows defender firewall",
];

/// Whether a firewall runs on each host it protects rather than in front of them.
pub fn host_based(design: &Design, fw: ComponentId) -> bool {
    let c = design.component(fw);
    if c.host.is_some() || c.managed {
        return false;
    }
    c.software.as_deref().is_some_and(|s| {
        let s = s.to_ascii_lowercase();
        HOST_FILTERS.iter().any(|f| s.contains(f))
    })
}

/// Every firewall that fails as a unit of its own, with the components behind it (those it
/// protects and those on the hosts it protects), by id.
pub fn firewall_gates(design: &Design) -> Vec<(ComponentId, Vec<ComponentId>)> {
    design
        .components_of_kind(Kind::Firewall)
        .filter(|&fw| !host_based(design, fw))
        .map(|fw| {
            let mut behind: Vec<ComponentId> = Vec::new();
            for target in &design.component(fw).attrs.protects {
                match *target {
                    Target::Component(c) => behind.push(c),
                    t => {
                        for h in design.covered_hosts(t) {
                            behind.extend(design.components_on(h).iter().copied());
                        }
                    }
                }
            }
            behind.retain(|&c| c != fw);
            behind.sort_unstable();
            behind.dedup();
            (fw, behind)
        })
        .collect()
}
