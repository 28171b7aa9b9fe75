//! A001 single-point-of-failure.

use crate::analysis::Impact;
use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use std::collections::BTreeSet;

use crate::model::{ComponentId, Design, HostId, Kind, ZoneId};
use crate::spec::ZoneKind;

use super::{another_zone, components, list, moves, noun, zone_noun};

declare_rule! {
    /// ## What it does
    /// Finds every host and component whose failure cuts all paths from the users to a part
    /// of the site it needs: the entry (load balancer, firewall, CDN), the web servers, the
    /// application servers and their code, the databases. It is a graph analysis, not a
    /// count: a lone load balancer, a lone server and a database with no replica are all
    /// found the same way, and a redundant pair is never reported.
    ///
    /// Only `serve` links make the request path: a bastion operators SSH through or a backup
    /// server is not on it (see `single-admin-path` and `no-backup`). Load balancers sharing a
    /// virtual IP (`[vips]`) or clustered with `peers` are alternatives, never single points.
    /// A managed component (`managed = true`) is never reported: the provider runs it
    /// redundantly and fails it over itself; `provider-dependency` lists the ones the site
    /// cannot serve without. A firewall that is a box of its own (it has a `host`, or its
    /// software is not a host packet filter such as iptables, nftables, ufw or firewalld) is a
    /// failure unit like a host: when it fails, nothing behind it can be reached.
    ///
    /// Regions and availability zones (`[zones]`) are failure units too: a zone fails with
    /// every host in it, and with the managed components whose `zones` all lie inside it (one
    /// spread over several zones survives the loss of one). A zone is reported when its loss
    /// cuts a part of the site that no single host or component inside it already cuts, such
    /// as two web servers that are redundant as machines but share one availability zone;
    /// when one host already explains the loss, that host's finding says it. An availability
    /// zone is reported whenever that holds, so a design that runs in one availability zone
    /// gets one finding for it, at most. A region is reported only when the design runs in two
    /// or more regions: running in one region is a choice most services make on purpose
    /// (moving to a second means replicating data across distances), and a design in one
    /// region would otherwise be told so on every run. The availability estimate still counts
    /// the region's own failures. Networks are not failure units: they set who can reach a
    /// machine, not what fails together.
    ///
    /// When the zone's loss cuts every load balancer, or every database, because all of them
    /// run in it, this finding carries the move (with a failover that crosses zones for load
    /// balancers), and `load-balancers-share-a-zone` or `replicas-share-a-zone` stays quiet
    /// about that zone: one problem, one finding.
    ///
    /// ## Why is this bad?
    /// Hardware fails, kernels panic, disks fill up, someone reboots the wrong machine. When
    /// the only path to the site runs through one machine or process, that one failure is an
    /// outage, however many servers stand behind it.
    ///
    /// ## Example
    /// ```toml
    /// [components.haproxy]
    /// kind = "load-balancer"
    /// host = "lb-01"
    ///
    /// [[links]]
    /// from = "user"
    /// to = "haproxy"
    /// protocol = "https"
    /// ```
    /// If lb-01 fails, nothing reaches the two web servers behind it.
    ///
    /// ## Use instead
    /// ```toml
    /// [components.haproxy-1]
    /// kind = "load-balancer"
    /// host = "lb-01"
    /// peers = ["haproxy-2"]
    ///
    /// [components.haproxy-2]
    /// kind = "load-balancer"
    /// host = "lb-02"
    /// peers = ["haproxy-1"]
    /// ```
    pub struct SinglePointOfFailure {
        code: "A001",
        name: "single-point-of-failure",
        category: Availability,
        severity: Error,
        summary: "A host, component or zone whose failure takes the site, or a part it needs, down.",
    }
}

impl Rule for SinglePointOfFailure {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        for host in design.host_ids() {
            let impact = cx.failures.host(host);
            if !impact.is_cut() {
                continue;
            }
            let on_it: Vec<_> = design.components_on(host).to_vec();
            let name = &design.host(host).id;
            let fix = format!(
                "spread what {name} runs over two or more hosts: {}",
                fixes(design, &on_it)
            );
            out.push(
                Hit::new(
                    Subject::Host(host),
                    format!("if {name} fails, {}", effect(cx, impact)),
                    fix,
                )
                .note(format!("{name} runs {}", components(design, &on_it))),
            );
        }
        for c in design.component_ids() {
            let impact = cx.failures.component(c);
            let component = design.component(c);
            let host_reported = component.host.is_some_and(|h| cx.failures.host(h).is_cut());
            if !impact.is_cut()
                || host_reported
                || component.kind == Kind::Client
                || component.managed
            {
                continue;
            }
            let message = format!("if {} fails, {}", component.id, effect(cx, impact));
            out.push(Hit::new(
                Subject::Component(c),
                message,
                fixes(design, &[c]),
            ));
        }
        zones(cx, out);
    }
}

/// Reports the regions and availability zones of [`reported_zones`].
fn zones(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for (z, new) in reported_zones(cx) {
        if let Some(impact) = cx.failures.zone(z) {
            out.push(zone_hit(cx, z, impact, &new));
        }
    }
}

/// Regions and availability zones whose loss cuts a part of the site that no host or
/// component inside them cuts alone, each with the kinds it cuts that way: availability zones
/// first, so a region's loss that an availability zone inside it already explains is not told
/// twice. `load-balancers-share-a-zone` and `replicas-share-a-zone` leave a zone reported
/// here for their kind to this rule.
pub fn reported_zones(cx: &Context<'_>) -> Vec<(ZoneId, Vec<Kind>)> {
    let design = cx.design;
    let failures = cx.failures;
    let members = &failures.zone_members;
    let regions = design
        .zone_ids()
        .filter(|&z| design.zone(z).kind == ZoneKind::Region && members.holds_anything(z))
        .count();
    let mut explained_by_zone: Vec<BTreeSet<Kind>> = vec![BTreeSet::new(); design.zones.len()];
    let mut reported = Vec::new();
    for kind in [ZoneKind::AvailabilityZone, ZoneKind::Region] {
        for z in design.zone_ids().filter(|&z| design.zone(z).kind == kind) {
            let Some(impact) = failures.zone(z).filter(|i| i.is_cut()) else {
                continue;
            };
            // What a reported host or component inside the zone already cuts alone.
            let mut explained = explained_by_zone[z.0 as usize].clone();
            for &h in &members.hosts[z.0 as usize] {
                explained.extend(failures.host(h).lost.iter().copied());
            }
            for &c in &members.components[z.0 as usize] {
                if !design.component(c).managed {
                    explained.extend(failures.component(c).lost.iter().copied());
                }
            }
            for outer in design.zone_chain(z).skip(1) {
                explained_by_zone[outer.0 as usize].extend(impact.lost.iter().copied());
            }
            let new: Vec<Kind> = impact
                .lost
                .iter()
                .copied()
                .filter(|k| !explained.contains(k))
                .collect();
            if new.is_empty() || (kind == ZoneKind::Region && regions < 2) {
                continue;
            }
            reported.push((z, new));
        }
    }
    reported
}

/// Whether the zone's loss cuts `kind` only because what leads to it is in the zone (web
/// servers elsewhere behind load balancers in it): that is fixed where it is cut off, and the
/// zone's finding says nothing about moving that kind.
fn cut_off_elsewhere(cx: &Context<'_>, zone: ZoneId, kind: Kind) -> bool {
    let inside = &cx.failures.zone_members.components[zone.0 as usize];
    cx.design
        .components_of_kind(kind)
        .any(|c| cx.failures.on_request_path(c) && inside.binary_search(&c).is_err())
}

/// Each (zone, kind) whose finding here says how to move that kind out of the zone: every
/// component of the kind on the request path runs in the zone, and losing the zone cuts it
/// when no single host or component does.
pub fn zone_moves(cx: &Context<'_>) -> Vec<(ZoneId, Kind)> {
    reported_zones(cx)
        .into_iter()
        .flat_map(|(z, new)| new.into_iter().map(move |k| (z, k)))
        .filter(|&(z, k)| !cut_off_elsewhere(cx, z, k))
        .collect()
}

/// The finding for a zone whose loss cuts the `new` kinds.
fn zone_hit(cx: &Context<'_>, zone: ZoneId, impact: &Impact, new: &[Kind]) -> Hit {
    let design = cx.design;
    let members = &cx.failures.zone_members;
    let z = design.zone(zone);
    let noun = zone_noun(z.kind);
    let mut fixes: Vec<String> = Vec::new();
    let inside = &members.components[zone.0 as usize];
    for &kind in new {
        if cut_off_elsewhere(cx, zone, kind) {
            continue;
        }
        let of_kind: Vec<ComponentId> = inside
            .iter()
            .copied()
            .filter(|&c| design.component(c).kind == kind && cx.failures.on_request_path(c))
            .collect();
        let mut hosts: Vec<HostId> = of_kind
            .iter()
            .filter_map(|&c| design.component(c).host)
            .collect();
        hosts.sort_unstable();
        hosts.dedup();
        let fix = match hosts.as_slice() {
            [] => String::new(),
            [_] => format!(
                "run a second {} on a host in {}",
                super::noun(kind),
                another_zone(design, zone)
            ),
            // Load balancers that take over from each other need a failover that crosses
            // zones: a virtual IP moved by VRRP usually stays inside one.
            _ if kind == Kind::LoadBalancer => format!(
                "{}, with a failover that works across zones (a floating IP the provider moves, DNS failover, or the provider's load balancer)",
                moves(design, zone, &hosts)
            ),
            _ => moves(design, zone, &hosts),
        };
        fixes.push(fix);
        for &c in of_kind.iter().filter(|&&c| design.component(c).managed) {
            fixes.push(format!(
                "have the provider spread `{}` over {} as well (its `zones`)",
                design.component(c).id,
                another_zone(design, zone)
            ));
        }
    }
    fixes.retain(|f| !f.is_empty());
    fixes.dedup();
    if fixes.is_empty() {
        fixes.push(format!(
            "spread what `{}` holds over two or more {noun}s",
            z.id
        ));
    }
    let hosts: Vec<&str> = members.hosts[zone.0 as usize]
        .iter()
        .filter(|&&h| !design.components_on(h).is_empty())
        .map(|&h| design.host(h).id.as_str())
        .collect();
    let managed: Vec<&str> = members.components[zone.0 as usize]
        .iter()
        .filter(|&&c| design.component(c).managed)
        .map(|&c| design.component(c).id.as_str())
        .collect();
    let mut held = Vec::new();
    if !hosts.is_empty() {
        held.push(format!("the hosts {}", list(&hosts)));
    }
    if !managed.is_empty() {
        held.push(format!(
            "{}, which the provider runs only there",
            list(&managed)
        ));
    }
    let lost: Vec<&str> = new.iter().map(|&k| super::noun(k)).collect();
    let mut hit = Hit::new(
        Subject::Zone(zone),
        format!("if `{}` fails, {}", z.id, effect(cx, impact)),
        fixes.join("; "),
    )
    .note(format!(
        "no single host or component in `{}` cuts off every {}, but losing the {noun} as a whole does",
        z.id,
        or_list(&lost)
    ));
    if !held.is_empty() {
        hit = hit.note(format!("`{}` holds {}", z.id, held.join(", and ")));
    }
    hit
}

fn effect(cx: &Context<'_>, impact: &Impact) -> String {
    if impact.site_down {
        return format!("{} is unreachable", cx.site());
    }
    let lost: Vec<&str> = impact.lost.iter().map(|k| noun(*k)).collect();
    let lost = or_list(&lost);
    // What fails and what is only cut off from the users alike: none of it can be reached.
    format!("{} is left with no reachable {lost}", cx.site())
}

/// How to remove the single point, by what fails. A database that already has a replica is
/// told to automate its promotion, not to add one.
fn fixes(design: &Design, failing: &[ComponentId]) -> String {
    let replicated = |c: ComponentId| {
        design
            .components_of_kind(Kind::Database)
            .any(|r| design.component(r).attrs.replicates_from == Some(c))
    };
    let mut fixes: Vec<&str> = failing
        .iter()
        .map(|&c| (c, design.component(c).kind))
        .filter(|(_, k)| crate::analysis::on_request_path(*k) && !matches!(k, Kind::Client | Kind::Bastion | Kind::Backup))
        .map(|(c, kind)| match kind {
            Kind::VpnGateway => "run a second VPN gateway on another host and give the clients both endpoints",
            Kind::LoadBalancer => "add a second load balancer on another host and cluster the two (`peers`) so either can take the site's address",
            Kind::Database if replicated(c) => "automate failover so a replica is promoted, and clients move to it, when the primary fails (Patroni, repmgr, Orchestrator or a managed database's failover)",
            Kind::Database => "add a replica on another host (`role = \"replica\"`, `replicates_from`) that can be promoted if the primary fails",
            Kind::Firewall => "run a second firewall as a failover pair, or a firewall on each server",
            Kind::WebServer | Kind::AppServer | Kind::AppFiles => "run the web and application tier on a second server and put both behind a load balancer",
            _ => "run a second instance on another host",
        })
        .collect();
    fixes.sort_unstable();
    fixes.dedup();
    fixes.join("; ")
}

/// "a", "a or b", "a, b or c".
pub fn or_list(items: &[&str]) -> String {
    match items {
        [init @ .., last] if !init.is_empty() => format!("{} or {last}", init.join(", ")),
        _ => items.concat(),
    }
}
