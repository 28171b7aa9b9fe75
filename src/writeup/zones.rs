//! The write-up's "Where things run": the regions, availability zones and networks with the
//! hosts in each, where the provider runs its services, which firewall guards which network,
//! and how the request path is spread over the zones that fail on their own.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::{ComponentId, Design, HostId, Kind, Target, ZoneId};
use crate::spec::vocabulary::{Role, ZoneKind};

use super::ids::Ids;
use super::markdown::{and, code, escape, or};
use super::noun;
use super::spread::{Spread, failure_unit, placeless};

/// What the template shows of the zones; none for a design that declares no zone.
#[derive(Debug, Serialize)]
pub struct Zones {
    /// One item per outermost zone, as list-item Markdown: the zone, the hosts directly in it,
    /// its `why` and `notes`, then the zones inside it as a nested list.
    pub list: Vec<String>,
    /// Sentences: the hosts in no zone, where the provider runs the services the spread does
    /// not cover, which firewall guards which network, and the networks none guards.
    pub placement: Vec<String>,
    /// One sentence: where each tier of the request path runs, over the availability zones
    /// (or the regions, when the design has no availability zone). None without either.
    pub spread: Option<String>,
}

pub fn build(design: &Design, ids: &Ids) -> Option<Zones> {
    if design.zones.is_empty() {
        return None;
    }
    let members = Members::new(design);
    let list = design
        .zone_ids()
        .filter(|&z| design.zone(z).parent.is_none())
        .map(|z| item(design, ids, &members, z, 4))
        .collect();
    let spread = Spread::new(design);
    let mut placement = Vec::new();
    let nowhere: Vec<String> = design
        .hosts
        .iter()
        .filter(|h| h.zone.is_none())
        .map(|h| code(&h.id))
        .collect();
    match nowhere.len() {
        0 => {}
        1 => placement.push(format!("{} is in no zone.", nowhere[0])),
        _ => placement.push(format!("{} are in no zone.", and(&nowhere))),
    }
    placement.extend(managed(design, &spread.covered));
    placement.extend(firewalls(design));
    Some(Zones {
        list,
        placement,
        spread: spread.sentence,
    })
}

/// The `zones` answer topic: what zones are, then where this design runs and which machines
/// each zone that fails as a whole takes with it.
pub fn answer(design: &Design) -> String {
    let mut text = "A region is a provider's geographic area; an availability zone is an isolated \
        location inside one, with its own power, cooling and network, that can fail as a whole; a \
        network sets who can reach the machines in it. Machines in one availability zone (or one \
        region) can fail together."
        .to_string();
    let Some(zones) = build(design, &Ids::new(design)) else {
        text.push_str(" This design declares no zones: it does not say where its machines run, so it cannot tell which of them fail together.");
        return text;
    };
    text.push_str(" This design runs here:\n");
    for item in &zones.list {
        text.push_str(&format!("\n- {item}"));
    }
    let mut after = zones.placement;
    after.extend(zones.spread);
    for paragraph in [after, losses(design)] {
        if !paragraph.is_empty() {
            text.push_str("\n\n");
            text.push_str(&paragraph.join(" "));
        }
    }
    text
}

/// "If `az-a` fails, `db-a` and `web-a` fail with it.", for each availability zone (else
/// region) with a host, or a managed service the provider runs only there.
fn losses(design: &Design) -> Vec<String> {
    let of = |kind| -> Vec<ZoneId> {
        design
            .zone_ids()
            .filter(|&z| design.zone(z).kind == kind)
            .collect()
    };
    let units = match of(ZoneKind::AvailabilityZone) {
        azs if azs.is_empty() => of(ZoneKind::Region),
        azs => azs,
    };
    units
        .into_iter()
        .filter_map(|u| {
            let mut lost: Vec<String> = design
                .hosts_in(u)
                .into_iter()
                .map(|h| code(&design.host(h).id))
                .collect();
            lost.extend(
                design
                    .components
                    .iter()
                    .filter(|c| c.managed && !c.zones.is_empty())
                    .filter(|c| {
                        c.zones
                            .iter()
                            .all(|&z| failure_unit(design, z).unwrap_or(z) == u)
                    })
                    .map(|c| format!("the provider's {}", code(&c.id))),
            );
            let verb = if lost.len() == 1 { "fails" } else { "fail" };
            (!lost.is_empty()).then(|| {
                format!(
                    "If {} fails, {} {verb} with it.",
                    code(&design.zone(u).id),
                    and(&lost)
                )
            })
        })
        .collect()
}

/// "region", "availability zone", "public network", "private network".
fn kind_label(design: &Design, z: ZoneId) -> &'static str {
    match design.zone(z).kind {
        ZoneKind::Region => "region",
        ZoneKind::AvailabilityZone => "availability zone",
        ZoneKind::Network if design.zone_is_public(z) => "public network",
        ZoneKind::Network => "private network",
    }
}

/// The hosts directly in each zone and the zones directly inside it, in the design's order,
/// by zone index: found in one pass, not one per zone.
struct Members {
    hosts: Vec<Vec<HostId>>,
    children: Vec<Vec<ZoneId>>,
}

impl Members {
    fn new(design: &Design) -> Self {
        let mut hosts = vec![Vec::new(); design.zones.len()];
        for h in design.host_ids() {
            if let Some(z) = design.host(h).zone {
                hosts[z.0 as usize].push(h);
            }
        }
        let mut children = vec![Vec::new(); design.zones.len()];
        for z in design.zone_ids() {
            if let Some(p) = design.zone(z).parent {
                children[p.0 as usize].push(z);
            }
        }
        Members { hosts, children }
    }
}

/// A zone's list item, with the zones inside it nested `indent` spaces deeper.
fn item(design: &Design, ids: &Ids, members: &Members, z: ZoneId, indent: usize) -> String {
    let zone = design.zone(z);
    let hosts: Vec<String> = members.hosts[z.0 as usize]
        .iter()
        .map(|&h| match role(design, h) {
            Some(r) => format!("{} ({r})", code(&design.host(h).id)),
            None => code(&design.host(h).id),
        })
        .collect();
    let own: Vec<String> = [&zone.why, &zone.notes]
        .into_iter()
        .flatten()
        .map(|t| {
            // The author's text, with the design's ids in code font (as the machines have
            // them) and no capital forced on an id it may start with.
            let mut t = ids.mark(&escape(t.trim()));
            if !t.ends_with(['.', '!', '?']) {
                t.push('.');
            }
            t
        })
        .collect();
    let children = &members.children[z.0 as usize];
    let mut text = format!("{} ({})", code(&zone.id), kind_label(design, z));
    match (hosts.is_empty(), own.is_empty()) {
        (false, _) => text.push_str(&format!(": {}.", and(&hosts))),
        (true, false) => text.push(':'),
        (true, true) if children.is_empty() => text.push_str(": no hosts."),
        (true, true) => {}
    }
    for sentence in own {
        text.push(' ');
        text.push_str(&sentence);
    }
    for &child in children {
        text.push_str(&format!(
            "\n{}- {}",
            " ".repeat(indent),
            item(design, ids, members, child, indent + 4)
        ));
    }
    text
}

/// What a host runs, in a few words: "web and application server", "primary database". None
/// for a host that runs nothing.
pub fn role(design: &Design, h: HostId) -> Option<String> {
    let on = design.components_on(h);
    let helpers = |k: Kind| {
        matches!(
            k,
            Kind::MonitoringAgent | Kind::TlsCertificate | Kind::AppFiles
        )
    };
    let main = on.iter().any(|&c| !helpers(design.component(c).kind));
    let mut ids: Vec<ComponentId> = on
        .iter()
        .copied()
        .filter(|&c| !main || !helpers(design.component(c).kind))
        .collect();
    ids.sort_by_key(|&c| (design.component(c).kind, database_order(design, c)));
    let mut phrases: Vec<String> = Vec::new();
    for c in ids {
        let phrase = singular(design, c);
        if !phrases.contains(&phrase) {
            phrases.push(phrase);
        }
    }
    // "web server" and "application server" share their last word: "web and application server".
    let mut groups: Vec<(Vec<String>, String)> = Vec::new();
    for p in phrases {
        let (head, last) = match p.rsplit_once(' ') {
            Some((head, last)) => (Some(head.to_string()), last.to_string()),
            None => (None, p.clone()),
        };
        match (groups.last_mut(), head) {
            (Some((heads, l)), Some(head)) if *l == last && !heads.is_empty() => heads.push(head),
            (_, Some(head)) => groups.push((vec![head], last)),
            (_, None) => groups.push((Vec::new(), last)),
        }
    }
    let words: Vec<String> = groups
        .into_iter()
        .map(|(heads, last)| match heads.is_empty() {
            true => last,
            false => format!("{} {last}", and(&heads)),
        })
        .collect();
    (!words.is_empty()).then(|| and(&words))
}

/// Primaries before replicas.
pub(super) fn database_order(design: &Design, c: ComponentId) -> bool {
    design.component(c).attrs.role == Some(Role::Replica)
}

/// Whether a database has replicas copying it.
pub(super) fn is_primary(design: &Design, c: ComponentId) -> bool {
    design
        .components
        .iter()
        .any(|o| o.attrs.replicates_from == Some(c))
}

/// A component's kind as it reads for one of it: "primary database", "database replica".
pub(super) fn singular(design: &Design, c: ComponentId) -> String {
    let component = design.component(c);
    match component.kind {
        Kind::Database if component.attrs.role == Some(Role::Replica) => "database replica".into(),
        Kind::Database if is_primary(design, c) => "primary database".into(),
        // Not "`bastion` (bastion host)".
        Kind::Bastion => "jump host".into(),
        kind => noun(kind).to_string(),
    }
}

/// The same for several: "primary databases", "storage services".
pub(super) fn plural(design: &Design, c: ComponentId) -> String {
    match design.component(c).kind {
        Kind::Storage => "storage services".into(),
        Kind::Backup => "backup systems".into(),
        _ => format!("{}s", singular(design, c)),
    }
}

/// Where the provider runs the managed services the spread sentence does not place.
fn managed(design: &Design, covered: &BTreeSet<ComponentId>) -> Vec<String> {
    let mut placed: Vec<(Vec<ZoneId>, Vec<String>)> = Vec::new();
    let mut unsaid = Vec::new();
    for c in design.component_ids() {
        let component = design.component(c);
        if !component.managed || covered.contains(&c) || placeless(component.kind) {
            continue;
        }
        if component.zones.is_empty() {
            unsaid.push(code(&component.id));
            continue;
        }
        let mut zones = component.zones.clone();
        zones.sort();
        match placed.iter_mut().find(|(z, _)| *z == zones) {
            Some((_, ids)) => ids.push(code(&component.id)),
            None => placed.push((zones, vec![code(&component.id)])),
        }
    }
    let mut out = Vec::new();
    if !placed.is_empty() {
        let parts: Vec<String> = placed
            .iter()
            .map(|(zones, ids)| {
                let zones: Vec<String> = zones.iter().map(|&z| code(&design.zone(z).id)).collect();
                format!("{} in {}", and(ids), and(&zones))
            })
            .collect();
        out.push(format!("The provider runs {}.", and(&parts)));
    }
    if !unsaid.is_empty() {
        out.push(format!(
            "The design does not say where the provider runs {}.",
            and(&unsaid)
        ));
    }
    out
}

/// Which firewall guards which network, and the networks no firewall guards.
fn firewalls(design: &Design) -> Vec<String> {
    let networks: Vec<ZoneId> = design
        .zone_ids()
        .filter(|&z| design.zone(z).kind == ZoneKind::Network)
        .collect();
    let zone_targets = |fw: ComponentId| -> Vec<ZoneId> {
        let mut zones: Vec<ZoneId> = design
            .component(fw)
            .attrs
            .protects
            .iter()
            .filter_map(|t| match t {
                Target::Zone(z) => Some(*z),
                _ => None,
            })
            .collect();
        zones.sort();
        zones.dedup();
        zones
    };
    let guards = |targets: &[ZoneId], z: ZoneId| design.zone_chain(z).any(|c| targets.contains(&c));
    let mut out = Vec::new();
    let mut guarded: BTreeSet<ZoneId> = BTreeSet::new();
    for fw in design.components_of_kind(Kind::Firewall) {
        let targets = zone_targets(fw);
        if targets.is_empty() {
            continue;
        }
        let covers: Vec<ZoneId> = networks
            .iter()
            .copied()
            .filter(|&n| guards(&targets, n))
            .collect();
        guarded.extend(covers.iter().copied());
        let what = if networks.len() > 1 && covers.len() == networks.len() {
            "every network".to_string()
        } else {
            and(&targets
                .iter()
                .map(|&z| code(&design.zone(z).id))
                .collect::<Vec<_>>())
        };
        out.push(format!(
            "The firewall {} guards the boundary of {what}.",
            code(&design.component(fw).id)
        ));
    }
    let open: Vec<ZoneId> = networks
        .iter()
        .copied()
        .filter(|n| !guarded.contains(n))
        .collect();
    let any_public = open.iter().any(|&n| design.zone_is_public(n));
    if open.is_empty() || (guarded.is_empty() && !any_public) {
        return out;
    }
    let names: Vec<String> = open
        .iter()
        .map(|&n| match design.zone_is_public(n) {
            true => format!("the public network {}", code(&design.zone(n).id)),
            false => code(&design.zone(n).id),
        })
        .collect();
    let mut text = format!("No firewall guards {}", or(&names));
    // Hosts in an unguarded public network that no firewall covers in any way.
    let exposed: Vec<String> = design
        .host_ids()
        .filter(|&h| {
            design
                .host(h)
                .zone
                .is_some_and(|z| open.contains(&z) && design.zone_is_public(z))
        })
        .filter(|&h| !firewalled(design, h))
        .map(|h| code(&design.host(h).id))
        .collect();
    if !exposed.is_empty() {
        text.push_str(&format!(
            ": nothing filters what the internet sends to {}",
            and(&exposed)
        ));
    }
    text.push('.');
    out.push(text);
    out
}

/// Whether some firewall covers the host or one of its components.
fn firewalled(design: &Design, h: HostId) -> bool {
    design.components_of_kind(Kind::Firewall).any(|fw| {
        design.component(fw).attrs.protects.iter().any(|&t| {
            design.covers_host(t, h) || design.components_on(h).iter().any(|&c| design.covers(t, c))
        })
    })
}

#[cfg(test)]
#[path = "zones_tests.rs"]
mod tests;
