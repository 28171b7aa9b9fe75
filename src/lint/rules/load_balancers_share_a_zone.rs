//! A009 load-balancers-share-a-zone.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::{ComponentId, Design, HostId, Kind};
use crate::spec::ZoneKind;

use super::single_point_of_failure::{SinglePointOfFailure, zone_moves};
use super::{list, moves};

declare_rule! {
    /// ## What it does
    /// Finds load balancers that stand in for each other (clustered with `peers`, or holding
    /// one virtual IP from `[vips]`) and front the site, when every one of them runs in the
    /// same availability zone. Load balancers on hosts in no availability zone, and managed
    /// ones (see their `zones`), are not judged. When losing that zone takes every load
    /// balancer with it, `single-point-of-failure` reports the zone with the same move, and
    /// this rule stays quiet: it speaks when that rule is off, or when a single machine in
    /// the zone already cuts the site off and is reported instead.
    ///
    /// ## Why is this bad?
    /// A pair of load balancers survives one machine failing, not the zone they share: when
    /// the availability zone fails, every holder of the site's address goes with it and no
    /// request gets in, however many web servers still run in other zones. A virtual IP moved
    /// by VRRP usually cannot cross zones either, so spreading the pair means a failover the
    /// provider supports (a floating IP, DNS failover, or the provider's load balancer).
    ///
    /// ## Example
    /// ```toml
    /// [hosts.lb-01]
    /// zone = "az-a"
    ///
    /// [hosts.lb-02]
    /// zone = "az-a"
    ///
    /// [components.haproxy-1]
    /// kind = "load-balancer"
    /// host = "lb-01"
    /// peers = ["haproxy-2"]
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [hosts.lb-02]
    /// zone = "az-b"
    /// ```
    pub struct LoadBalancersShareAZone {
        code: "A009",
        name: "load-balancers-share-a-zone",
        category: Availability,
        severity: Warning,
        summary: "All the load balancers that take over from each other in one availability zone.",
    }
}

impl Rule for LoadBalancersShareAZone {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        // The zones whose `single-point-of-failure` finding moves the load balancers already.
        let carried = zone_moves(cx);
        for group in clusters(design) {
            // Only a group that users' requests come in through fronts the site.
            let fronts = group
                .iter()
                .any(|&c| design.links_to(c).any(|l| l.serves()));
            if !fronts {
                continue;
            }
            let zone_of = |c: ComponentId| {
                design
                    .component(c)
                    .host
                    .and_then(|h| design.host_zone_of_kind(h, ZoneKind::AvailabilityZone))
            };
            let Some(zone) = zone_of(group[0]) else {
                continue;
            };
            if group.iter().any(|&c| zone_of(c) != Some(zone)) {
                continue;
            }
            let names: Vec<&str> = group
                .iter()
                .map(|&c| design.component(c).id.as_str())
                .collect();
            let mut hosts: Vec<HostId> = group
                .iter()
                .filter_map(|&c| design.component(c).host)
                .collect();
            hosts.sort_unstable();
            hosts.dedup();
            let z = &design.zone(zone).id;
            let fix = match moves(design, zone, &hosts) {
                m if m.is_empty() => {
                    "run the load balancers on hosts of their own in two or more availability zones"
                        .to_string()
                }
                m => format!(
                    "{m}, with a failover that works across zones (a floating IP the provider moves, DNS failover, or the provider's load balancer)"
                ),
            };
            let both = if names.len() == 2 { "both" } else { "all" };
            let mut hit = Hit::new(
                Subject::Component(group[0]),
                format!(
                    "the load balancers {} {both} run in `{z}`: if that availability zone fails, none is left to take the site's requests",
                    list(&names)
                ),
                fix,
            )
            .related(Some(design.zone(zone).span), "the availability zone");
            if carried.contains(&(zone, Kind::LoadBalancer)) {
                hit = hit.told_by(SinglePointOfFailure::META.code, Subject::Zone(zone));
            }
            for &c in &group[1..] {
                hit = hit.allowed_on(Subject::Component(c));
            }
            out.push(hit);
        }
    }
}

/// Load balancers joined by `peers` or by holding one virtual IP, directly or through others:
/// each group of two or more, by id, groups ordered by their first member.
fn clusters(design: &Design) -> Vec<Vec<ComponentId>> {
    let n = design.components.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let join = |a: ComponentId, b: ComponentId, parent: &mut Vec<usize>| {
        let (ra, rb) = (find(parent, a.0 as usize), find(parent, b.0 as usize));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    for lb in design.components_of_kind(Kind::LoadBalancer) {
        for &peer in &design.component(lb).attrs.peers {
            join(lb, peer, &mut parent);
        }
    }
    for vip in &design.vips {
        for pair in vip.held_by.windows(2) {
            join(pair[0], pair[1], &mut parent);
        }
    }
    let mut groups: Vec<Vec<ComponentId>> = vec![Vec::new(); n];
    for lb in design.components_of_kind(Kind::LoadBalancer) {
        let root = find(&mut parent, lb.0 as usize);
        groups[root].push(lb);
    }
    groups.retain(|g| g.len() > 1);
    groups
}
