//! How the request path is spread over the zones that fail on their own (availability zones,
//! else regions): one sentence for the write-up's "Where things run", tier by tier.

use std::collections::BTreeSet;

use crate::analysis::RequestGraph;
use crate::model::{ComponentId, Design, Kind, ZoneId};
use crate::spec::vocabulary::ZoneKind;

use super::markdown::{and, code, sentence};
use super::topics::number;
use super::zones::{database_order, is_primary, plural, singular};

/// Where a component runs, as far as the design says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// In these zones that fail on their own (or the zones a managed service lists).
    Zones(BTreeSet<ZoneId>),
    /// On a host in no region or availability zone.
    Nowhere,
    /// Managed, or hostless, without zones: the design does not say.
    Unsaid,
}

/// The innermost zone around `z` that fails as a whole: an availability zone or a region.
pub fn failure_unit(design: &Design, z: ZoneId) -> Option<ZoneId> {
    design
        .zone_chain(z)
        .find(|&u| design.zone(u).kind != ZoneKind::Network)
}

fn place(design: &Design, c: ComponentId) -> Place {
    let component = design.component(c);
    if let Some(h) = component.host {
        return match design.host(h).zone.and_then(|z| failure_unit(design, z)) {
            Some(u) => Place::Zones(BTreeSet::from([u])),
            None => Place::Nowhere,
        };
    }
    if component.zones.is_empty() {
        return Place::Unsaid;
    }
    Place::Zones(
        component
            .zones
            .iter()
            .map(|&z| failure_unit(design, z).unwrap_or(z))
            .collect(),
    )
}

/// Kinds that run nowhere in particular or are not the design's own (the user, DNS, firewall
/// rules, certificates, someone else's service).
pub fn placeless(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Client
            | Kind::Dns
            | Kind::Firewall
            | Kind::TlsCertificate
            | Kind::AppFiles
            | Kind::ExternalService
    )
}

/// Who runs somewhere, in the spread sentence.
struct Subject {
    text: String,
    /// Plural: "run", not "runs".
    many: bool,
    /// "its replica": the replicas of the primary named just before.
    its: bool,
    /// The one primary database this subject names.
    primary: Option<ComponentId>,
}

/// The request path's spread over the zones that fail on their own.
pub struct Spread {
    pub sentence: Option<String>,
    /// The components the sentence places, so no other sentence places them again.
    pub covered: BTreeSet<ComponentId>,
}

impl Spread {
    pub fn new(design: &Design) -> Self {
        let none = Spread {
            sentence: None,
            covered: BTreeSet::new(),
        };
        let of = |kind| {
            design
                .zone_ids()
                .filter(move |&z| design.zone(z).kind == kind)
        };
        let (units, unit_one, unit_many): (Vec<ZoneId>, _, _) =
            match of(ZoneKind::AvailabilityZone).collect::<Vec<_>>() {
                azs if !azs.is_empty() => (azs, "availability zone", "availability zones"),
                _ => (of(ZoneKind::Region).collect(), "region", "regions"),
            };
        if units.is_empty() {
            return none;
        }
        let nowhere_words = match (
            of(ZoneKind::Region).next().is_some(),
            unit_one == "availability zone",
        ) {
            (true, true) => "no region or availability zone",
            (false, true) => "no availability zone",
            _ => "no region",
        };
        // Tiers in the order a request meets them: primaries before their replicas.
        let mut tiers: Vec<((Kind, bool), Vec<ComponentId>)> = Vec::new();
        for c in on_path(design) {
            let kind = design.component(c).kind;
            if placeless(kind) {
                continue;
            }
            let key = (kind, database_order(design, c));
            match tiers.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(c),
                None => tiers.push((key, vec![c])),
            }
        }
        tiers.sort_by_key(|(k, _)| *k);
        // Each tier's subject and the zones it runs in; whoever runs in no zone, by id.
        let mut groups: Vec<(BTreeSet<ZoneId>, Vec<Subject>)> = Vec::new();
        let mut nowhere: Vec<String> = Vec::new();
        let mut covered = BTreeSet::new();
        // The primary database the last subject named alone, and its group: "its replica" may
        // follow it.
        let mut last_primary: Option<(usize, ComponentId)> = None;
        for (_, list) in tiers {
            let mut zones = BTreeSet::new();
            let mut placed = Vec::new();
            for &c in &list {
                match place(design, c) {
                    Place::Zones(z) => {
                        zones.extend(z);
                        placed.push(c);
                    }
                    Place::Nowhere => nowhere.push(code(&design.component(c).id)),
                    Place::Unsaid => {}
                }
            }
            let Some(&first) = placed.first() else {
                continue;
            };
            covered.extend(placed.iter().copied());
            let whole = placed.len() == list.len();
            let group = groups.iter().position(|(z, _)| *z == zones);
            // Replicas of the primary named just before: "its replica `db-2`".
            let sources: BTreeSet<Option<ComponentId>> = placed
                .iter()
                .map(|&c| design.component(c).attrs.replicates_from)
                .collect();
            let its = whole
                && last_primary.is_some_and(|(g, p)| {
                    sources == BTreeSet::from([Some(p)])
                        && match group {
                            Some(i) => {
                                i == g && groups[i].1.last().is_some_and(|s| s.primary == Some(p))
                            }
                            None => g + 1 == groups.len(),
                        }
                });
            let ids: Vec<String> = placed
                .iter()
                .map(|&c| code(&design.component(c).id))
                .collect();
            let subject = Subject {
                text: match (placed.len(), whole) {
                    (1, _) if its => format!("its replica {}", ids[0]),
                    (_, true) if its => "its replicas".to_string(),
                    (1, _) => format!("the {} {}", singular(design, first), ids[0]),
                    (_, true) => format!("the {}", plural(design, first)),
                    (_, false) => and(&ids),
                },
                many: placed.len() > 1,
                its,
                primary: (placed.len() == 1 && is_primary(design, first)).then_some(first),
            };
            last_primary = subject.primary.map(|p| (group.unwrap_or(groups.len()), p));
            match group {
                Some(i) => groups[i].1.push(subject),
                None => groups.push((zones, vec![subject])),
            }
        }
        let all: BTreeSet<ZoneId> = units.iter().copied().collect();
        let mut clauses: Vec<String> = Vec::new();
        for (zones, subjects) in groups {
            let ids: Vec<String> = zones.iter().map(|&z| code(&design.zone(z).id)).collect();
            let where_ = if zones == all {
                match units.len() {
                    1 => format!("in {}, the only {unit_one}", ids[0]),
                    2 => format!("in both {unit_many}"),
                    n => format!("in all {}", number(n, unit_one, unit_many)),
                }
            } else if zones.len() == 1 {
                format!("only in {}", ids[0])
            } else {
                format!("in {}", and(&ids))
            };
            let names: Vec<String> = subjects.iter().map(|s| s.text.clone()).collect();
            // "the primary database `db-1` runs only in `a`, its replica `db-2` in `b`".
            if let ([only], Some(before)) = (subjects.as_slice(), clauses.last_mut())
                && only.its
            {
                before.push_str(&format!(
                    ", {} {}",
                    only.text,
                    where_.trim_start_matches("only ")
                ));
                continue;
            }
            let many = subjects.len() > 1 || subjects[0].many;
            let verb = if many { "run" } else { "runs" };
            clauses.push(format!("{} {verb} {where_}", and(&names)));
        }
        match nowhere.len() {
            0 => {}
            1 => clauses.push(format!("{} runs in {nowhere_words}", nowhere[0])),
            _ => clauses.push(format!("{} run in {nowhere_words}", and(&nowhere))),
        }
        if clauses.is_empty() {
            return none;
        }
        Spread {
            sentence: Some(sentence(&clauses.join("; "))),
            covered,
        }
    }
}

/// The components a user's request can reach, in id order, then the replicas of those that
/// are databases, a generation at a time (each in id order).
fn on_path(design: &Design) -> Vec<ComponentId> {
    let graph = RequestGraph::new(design);
    let mut seen = vec![0u32; design.components.len() + 1];
    graph.reach(&[], &mut seen, 1, &mut Vec::new());
    let mut reached: Vec<ComponentId> = design
        .component_ids()
        .filter(|c| seen[c.0 as usize] == 1)
        .collect();
    let mut replicas: Vec<Vec<ComponentId>> = vec![Vec::new(); design.components.len()];
    for c in design.component_ids() {
        if let Some(p) = design.component(c).attrs.replicates_from {
            replicas[p.0 as usize].push(c);
        }
    }
    let mut known = vec![false; design.components.len()];
    for c in &reached {
        known[c.0 as usize] = true;
    }
    let mut generation = reached.clone();
    loop {
        let mut more: Vec<ComponentId> = generation
            .iter()
            .flat_map(|p| replicas[p.0 as usize].iter().copied())
            .filter(|c| !known[c.0 as usize])
            .collect();
        if more.is_empty() {
            break;
        }
        more.sort();
        more.dedup();
        for c in &more {
            known[c.0 as usize] = true;
        }
        reached.extend(more.iter().copied());
        generation = more;
    }
    reached
}
