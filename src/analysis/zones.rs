//! Zones as failure units: which zones fail as a whole, their default availability, and what
//! fails with each one.
//!
//! A region or an availability zone is a failure unit: a power or cooling failure, a flood, a
//! cut fibre or a provider's outage takes everything in it down at once. A network is not: it
//! sets who can reach the machines in it, and its machines do not fail together because they
//! share a subnet. (A network that declares its own `availability`, such as one switch every
//! host hangs off, is counted in the availability estimate, but it is not a row of the
//! failure analysis.)

use crate::model::{ComponentId, Design, HostId, ZoneId};
use crate::spec::ZoneKind;

/// A region's availability unless the spec says otherwise: about 53 minutes a year in which
/// the whole region is unusable, close to the regional outages the large providers have had.
pub const REGION_DEFAULT: f64 = 0.9999;

/// An availability zone's availability unless the spec says otherwise: about 4.4 hours a year,
/// the order of the zone-wide outages (power, cooling, networking) providers report.
pub const AVAILABILITY_ZONE_DEFAULT: f64 = 0.9995;

/// Whether zones of this kind fail as a whole.
pub fn is_failure_unit(kind: ZoneKind) -> bool {
    matches!(kind, ZoneKind::Region | ZoneKind::AvailabilityZone)
}

/// The availability a zone counts with in the estimate, or `None` when it never fails as a
/// whole (a network that sets no `availability` of its own).
pub fn zone_availability(design: &Design, zone: ZoneId) -> Option<f64> {
    let z = design.zone(zone);
    match (z.kind, z.availability) {
        (_, Some(a)) => Some(a),
        (ZoneKind::Region, None) => Some(REGION_DEFAULT),
        (ZoneKind::AvailabilityZone, None) => Some(AVAILABILITY_ZONE_DEFAULT),
        (ZoneKind::Network, None) => None,
    }
}

/// The zones a managed component fails with: those that hold every zone it is spread over
/// (with `zones = ["az-a", "az-b"]`, their region but neither zone), innermost first. Empty for
/// a component with no `zones`.
pub fn managed_zones(design: &Design, component: ComponentId) -> Vec<ZoneId> {
    let zones = &design.component(component).zones;
    let Some((first, rest)) = zones.split_first() else {
        return Vec::new();
    };
    let mut common: Vec<ZoneId> = design.zone_chain(*first).collect();
    for &z in rest {
        common.retain(|&c| design.zone_chain(z).any(|x| x == c));
    }
    common
}

/// What fails with each failure-unit zone, indexed by zone: the hosts in it (or in zones
/// inside it) and the components that go down with them: those on the hosts, and managed
/// components whose `zones` all lie inside it. Empty for a network. One walk up each host's
/// and each managed component's chain of zones, so the work is the design's size times the
/// depth of nesting.
#[derive(Debug, Clone, Default)]
pub struct ZoneMembers {
    pub hosts: Vec<Vec<HostId>>,
    pub components: Vec<Vec<ComponentId>>,
}

impl ZoneMembers {
    pub fn new(design: &Design) -> Self {
        let n = design.zones.len();
        let mut hosts: Vec<Vec<HostId>> = vec![Vec::new(); n];
        let mut components: Vec<Vec<ComponentId>> = vec![Vec::new(); n];
        for h in design.host_ids() {
            for z in design.host_zones(h) {
                if is_failure_unit(design.zone(z).kind) {
                    hosts[z.0 as usize].push(h);
                    components[z.0 as usize].extend_from_slice(design.components_on(h));
                }
            }
        }
        for c in design.component_ids() {
            for z in managed_zones(design, c) {
                if is_failure_unit(design.zone(z).kind) {
                    components[z.0 as usize].push(c);
                }
            }
        }
        for list in &mut components {
            list.sort_unstable();
            list.dedup();
        }
        ZoneMembers { hosts, components }
    }

    /// Whether anything fails with the zone.
    pub fn holds_anything(&self, zone: ZoneId) -> bool {
        !self.components[zone.0 as usize].is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;

    #[test]
    fn members_follow_the_nesting_and_managed_spread() {
        let text = "[design]\nname = \"t\"\n\
            [zones.r]\nkind = \"region\"\n\
            [zones.a]\nkind = \"availability-zone\"\nparent = \"r\"\n\
            [zones.b]\nkind = \"availability-zone\"\nparent = \"r\"\n\
            [zones.net-a]\nkind = \"network\"\nparent = \"a\"\n\
            [hosts.h1]\nzone = \"net-a\"\n[hosts.h2]\nzone = \"b\"\n\
            [components.w1]\nkind = \"web-server\"\nhost = \"h1\"\n\
            [components.w2]\nkind = \"web-server\"\nhost = \"h2\"\n\
            [components.lb]\nkind = \"load-balancer\"\nmanaged = true\nzones = [\"a\", \"b\"]\n\
            [components.db]\nkind = \"database\"\nmanaged = true\nzones = [\"net-a\"]\n";
        let compiled = crate::compile(SourceFile::new("t.toml", text));
        let d = compiled.design.expect("valid");
        let m = ZoneMembers::new(&d);
        let id = |name: &str| d.zone_ids().find(|&z| d.zone(z).id == name).unwrap();
        let c = |name: &str| d.find_component(name).unwrap();
        assert_eq!(m.components[id("a").0 as usize], vec![c("db"), c("w1")]);
        assert_eq!(m.components[id("b").0 as usize], vec![c("w2")]);
        let mut all = vec![c("db"), c("lb"), c("w1"), c("w2")];
        all.sort();
        assert_eq!(m.components[id("r").0 as usize], all);
        assert!(m.components[id("net-a").0 as usize].is_empty());
        assert_eq!(managed_zones(&d, c("lb")), vec![id("r")]);
        assert_eq!(
            zone_availability(&d, id("a")),
            Some(AVAILABILITY_ZONE_DEFAULT)
        );
        assert_eq!(zone_availability(&d, id("net-a")), None);
    }
}
