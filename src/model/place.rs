//! Where things run: queries over zones (a host's chain of zones, the hosts in a zone, what a
//! firewall's `protects` covers) that the analysis, rules, layout and write-up share.

use super::{ComponentId, Design, HostId, Target, ZoneId};
use crate::spec::ZoneKind;

impl Design {
    pub fn zone(&self, id: ZoneId) -> &super::Zone {
        &self.zones[id.0 as usize]
    }

    pub fn zone_ids(&self) -> impl Iterator<Item = ZoneId> + '_ {
        (0..self.zones.len()).map(|i| ZoneId(i as u32))
    }

    /// The zone and the zones it sits in, innermost first. Parents never cycle (the model
    /// stage refuses a cycle), and the walk stops after as many steps as there are zones.
    pub fn zone_chain(&self, zone: ZoneId) -> impl Iterator<Item = ZoneId> + '_ {
        std::iter::successors(Some(zone), |&z| self.zone(z).parent).take(self.zones.len())
    }

    /// The zones a host sits in, innermost first; empty for a host with no `zone`.
    pub fn host_zones(&self, host: HostId) -> impl Iterator<Item = ZoneId> + '_ {
        self.host(host)
            .zone
            .into_iter()
            .flat_map(|z| self.zone_chain(z))
    }

    /// Whether the host sits in the zone, directly or in a zone inside it.
    pub fn host_in(&self, host: HostId, zone: ZoneId) -> bool {
        self.host_zones(host).any(|z| z == zone)
    }

    /// The hosts in the zone or in the zones inside it, by id.
    pub fn hosts_in(&self, zone: ZoneId) -> Vec<HostId> {
        self.host_ids().filter(|&h| self.host_in(h, zone)).collect()
    }

    /// The innermost zone of `kind` the host sits in: its availability zone, its region.
    pub fn host_zone_of_kind(&self, host: HostId, kind: ZoneKind) -> Option<ZoneId> {
        self.host_zones(host).find(|&z| self.zone(z).kind == kind)
    }

    /// Whether the zone, or one it sits in, is a public network.
    pub fn zone_is_public(&self, zone: ZoneId) -> bool {
        self.zone_chain(zone).any(|z| self.zone(z).public)
    }

    /// Whether a `protects` target covers the host: the host itself, or a zone holding it.
    pub fn covers_host(&self, target: Target, host: HostId) -> bool {
        match target {
            Target::Host(h) => h == host,
            Target::Zone(z) => self.host_in(host, z),
            Target::Component(_) => false,
        }
    }

    /// Whether a `protects` target covers the component: the component itself, its host, or a
    /// zone holding its host.
    pub fn covers(&self, target: Target, component: ComponentId) -> bool {
        match target {
            Target::Component(c) => c == component,
            _ => self
                .component(component)
                .host
                .is_some_and(|h| self.covers_host(target, h)),
        }
    }

    /// The hosts a `protects` target covers (none for a component).
    pub fn covered_hosts(&self, target: Target) -> Vec<HostId> {
        match target {
            Target::Host(h) => vec![h],
            Target::Zone(z) => self.hosts_in(z),
            Target::Component(_) => Vec::new(),
        }
    }
}
