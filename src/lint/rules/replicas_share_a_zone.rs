//! A008 replicas-share-a-zone.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::{ComponentId, HostId, Kind};
use crate::spec::ZoneKind;
use crate::spec::vocabulary::Role;

use super::single_point_of_failure::{SinglePointOfFailure, zone_moves};
use super::{another_zone, list, moves};

declare_rule! {
    /// ## What it does
    /// Finds a database that accepts writes whose replicas (every database whose
    /// `replicates_from` leads to it) all run in its own availability zone: the hosts of the
    /// primary and of each replica sit in one zone of `kind = "availability-zone"`. Databases
    /// whose hosts are in no availability zone, and managed databases, are not judged. When
    /// the application reaches the primary and its replicas alike, so that losing the zone
    /// is what cuts off every database, `single-point-of-failure` reports the zone with the
    /// same move and this rule stays quiet about it.
    ///
    /// ## Why is this bad?
    /// A replica is there to take over when the primary is lost. An availability zone fails
    /// as a whole (power, cooling, its network), and then the primary and every replica go
    /// down together: no copy of the data is left to promote, and the site has no database
    /// until the zone comes back, or has to be restored from backups.
    ///
    /// ## Example
    /// ```toml
    /// [hosts.db-01]
    /// zone = "az-a"
    ///
    /// [hosts.db-02]
    /// zone = "az-a"
    ///
    /// [components.pg-replica]
    /// kind = "database"
    /// role = "replica"
    /// replicates_from = "pg-primary"
    /// host = "db-02"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [hosts.db-02]
    /// zone = "az-b"
    /// ```
    pub struct ReplicasShareAZone {
        code: "A008",
        name: "replicas-share-a-zone",
        category: Availability,
        severity: Warning,
        summary: "A primary database and all its replicas in one availability zone.",
    }
}

impl Rule for ReplicasShareAZone {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        let n = design.components.len();
        // Each database's replicas, then the ones that replicate from those, and so on.
        let mut copies: Vec<Vec<ComponentId>> = vec![Vec::new(); n];
        for db in design.components_of_kind(Kind::Database) {
            if let Some(from) = design.component(db).attrs.replicates_from {
                copies[from.0 as usize].push(db);
            }
        }
        let zone_of = |c: ComponentId| {
            design
                .component(c)
                .host
                .and_then(|h| design.host_zone_of_kind(h, ZoneKind::AvailabilityZone))
        };
        // The zones whose `single-point-of-failure` finding moves the databases already.
        let carried = zone_moves(cx);
        let mut seen = vec![false; n];
        for primary in design.components_of_kind(Kind::Database) {
            let p = design.component(primary);
            if p.attrs.role == Some(Role::Replica) || copies[primary.0 as usize].is_empty() {
                continue;
            }
            let (Some(zone), Some(primary_host)) = (zone_of(primary), p.host) else {
                continue;
            };
            let mut replicas: Vec<ComponentId> = Vec::new();
            let mut stack = vec![primary];
            seen[primary.0 as usize] = true;
            while let Some(c) = stack.pop() {
                for &r in &copies[c.0 as usize] {
                    if !seen[r.0 as usize] {
                        seen[r.0 as usize] = true;
                        replicas.push(r);
                        stack.push(r);
                    }
                }
            }
            for &c in replicas.iter().chain([&primary]) {
                seen[c.0 as usize] = false;
            }
            if replicas.iter().any(|&r| zone_of(r) != Some(zone)) {
                continue;
            }
            replicas.sort_unstable();
            let names: Vec<&str> = replicas
                .iter()
                .map(|&r| design.component(r).id.as_str())
                .collect();
            let (its, verb) = match names.len() {
                1 => ("its only replica", "both run"),
                _ => ("its replicas", "all run"),
            };
            let z = &design.zone(zone).id;
            let mut hosts: Vec<HostId> = vec![primary_host];
            hosts.extend(replicas.iter().filter_map(|&r| design.component(r).host));
            let mut rest = hosts.split_off(1);
            rest.sort_unstable();
            rest.dedup();
            rest.retain(|&h| h != primary_host);
            hosts.extend(rest);
            let fix = match moves(design, zone, &hosts) {
                m if m.is_empty() => format!(
                    "run {} on a host of its own in {}",
                    list(&names[..1]),
                    another_zone(design, zone)
                ),
                m => format!("{m}, so a replica survives the loss of `{z}`"),
            };
            let mut hit = Hit::new(
                Subject::Component(primary),
                format!(
                    "`{}` and {its} {} {verb} in `{z}`: if that availability zone fails, no copy of the data is left to promote",
                    p.id,
                    list(&names)
                ),
                fix,
            )
            .related(Some(design.zone(zone).span), "the availability zone");
            if carried.contains(&(zone, Kind::Database)) {
                hit = hit.told_by(SinglePointOfFailure::META.code, Subject::Zone(zone));
            }
            for &r in &replicas {
                hit = hit.allowed_on(Subject::Component(r));
            }
            out.push(hit);
        }
    }
}
