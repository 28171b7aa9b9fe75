//! Hubs: links that fan into one monitoring service, or out of one bastion, are written on
//! the boxes at their other end ("→ metrics", "← ssh") instead of drawn. Six agents' report
//! lines and six admin lines cross every zone and tier to say one thing each; a reader of a
//! hand-drawn architecture diagram expects them left out, and the tag keeps what they say.
//! A firewall guarding many hosts or zones is written in their titles ("behind fw-private").

use super::EdgeStyle;
use super::route::Wire;
use super::text;
use super::wires::node_id;
use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Component, Design, Kind, Target};
use crate::spec::Vocabulary;
use crate::spec::vocabulary::Signal;

/// From how many links into one monitoring service, or out of one admin source, the links
/// become tags. Two lines are still easy to follow.
pub const HUB_MIN: usize = 3;

/// A hub whose links became tags: the legend says what its tag means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hub {
    pub style: EdgeStyle,
    /// The tag written on each box at the links' other end; empty when no box carries it
    /// (every agent reports to the one service).
    pub tag: String,
    /// What the tag means, as the legend says it after the tag.
    pub meaning: String,
}

/// Removes the wires of every hub with [`HUB_MIN`] or more report or admin links, and
/// returns the tag each node at their other end takes (a node that already has a tag keeps
/// its line, as does one a second hub reaches), with the hubs for the legend.
#[allow(clippy::type_complexity)]
pub(super) fn fold_hubs(
    design: &Design,
    wires: &mut Vec<Wire>,
    info: &mut Vec<(String, EdgeStyle, Option<String>)>,
    tagged: &[bool],
) -> (Vec<Option<String>>, Vec<Hub>) {
    let n = tagged.len();
    let mut tags: Vec<Option<String>> = vec![None; n];
    // Per node, how many foldable links it is the hub of, by style.
    let hub_of = |w: &Wire, style: EdgeStyle| match style {
        EdgeStyle::Reports => Some((w.to, w.from)),
        EdgeStyle::Admin => Some((w.from, w.to)),
        _ => None,
    };
    let mut count = vec![[0usize; 2]; n];
    let slot = |style: EdgeStyle| usize::from(style == EdgeStyle::Admin);
    for (w, (_, style, _)) in wires.iter().zip(info.iter()) {
        if let Some((hub, other)) = hub_of(w, *style)
            && !tagged[other]
        {
            count[hub][slot(*style)] += 1;
        }
    }
    let mut hubs = Vec::new();
    // What the agents folded into each report hub collect, by its tag.
    let mut signals: BTreeMap<String, BTreeSet<Signal>> = BTreeMap::new();
    let mut keep = Vec::with_capacity(wires.len());
    for (w, (_, style, _)) in wires.iter().zip(info.iter()) {
        let fold = hub_of(w, *style).filter(|&(hub, other)| {
            !tagged[other] && tags[other].is_none() && count[hub][slot(*style)] >= HUB_MIN
        });
        let Some((hub, other)) = fold else {
            keep.push(true);
            continue;
        };
        let name = text::clip(node_id(design, hub), 16);
        let tag = match style {
            EdgeStyle::Admin => format!("← {name}"),
            _ => format!("→ {name}"),
        };
        if !hubs.iter().any(|h: &Hub| h.style == *style && h.tag == tag) {
            hubs.push(Hub {
                style: *style,
                tag: tag.clone(),
                meaning: match style {
                    EdgeStyle::Admin => "operators log in from there (admin)".to_string(),
                    _ => String::new(),
                },
            });
        }
        if *style == EdgeStyle::Reports
            && let Some(agent) = design.components.get(other)
        {
            signals
                .entry(tag.clone())
                .or_default()
                .extend(&agent.attrs.collects);
        }
        // A node at the end of two hubs' links names the first; the second's line stays.
        tags[other] = Some(tag);
        keep.push(false);
    }
    // When every agent reports to the one service, the legend says so once and the agents'
    // boxes stay as narrow as they were.
    let report_hubs: Vec<usize> = hubs
        .iter()
        .enumerate()
        .filter(|(_, h)| h.style == EdgeStyle::Reports)
        .map(|(k, _)| k)
        .collect();
    let kept_reports = wires
        .iter()
        .zip(info.iter())
        .zip(&keep)
        .any(|((_, (_, style, _)), &kept)| kept && *style == EdgeStyle::Reports);
    let every = matches!(report_hubs[..], [_]) && !kept_reports;
    for &k in &report_hubs {
        let what = signals
            .get(&hubs[k].tag)
            .map(|s| words(&s.iter().map(|s| s.as_str()).collect::<Vec<_>>()))
            .filter(|w| !w.is_empty())
            .unwrap_or_else(|| "reports".to_string());
        hubs[k].meaning = if every {
            let tag = hubs[k].tag.clone();
            for t in tags
                .iter_mut()
                .filter(|t| t.as_deref() == Some(tag.as_str()))
            {
                *t = None;
            }
            // No box carries the tag: the legend says it in words.
            hubs[k].tag = String::new();
            format!("every monitoring agent's {what} {tag}")
        } else {
            format!("its {what} go there")
        };
    }
    let mut k = keep.iter();
    wires.retain(|_| *k.next().unwrap_or(&true));
    let mut k = keep.iter();
    info.retain(|_| *k.next().unwrap_or(&true));
    (tags, hubs)
}

/// Whether a firewall's lines to the hosts and zones it protects are folded: it protects
/// [`HUB_MIN`] or more of them.
fn folds(firewall: &Component) -> bool {
    firewall.kind == Kind::Firewall
        && firewall
            .attrs
            .protects
            .iter()
            .filter(|t| matches!(t, Target::Host(_) | Target::Zone(_)))
            .count()
            >= HUB_MIN
}

/// The firewall whose lines to `target` (a host or a zone) are folded: the first folding one
/// that protects it and does not run on the host it guards. Its name is written in the
/// host's or the zone's title ("behind fw-private") instead of a line to each.
pub(super) fn folding_firewall(design: &Design, target: Target) -> Option<&str> {
    let guards = |c: &&Component| match target {
        Target::Host(h) => c.host != Some(h),
        _ => true,
    };
    design
        .components
        .iter()
        .filter(|c| folds(c) && c.attrs.protects.contains(&target))
        .find(guards)
        .map(|c| c.id.as_str())
}

/// [`folding_firewall`] of every host, then of every zone, in one pass over the firewalls.
#[allow(clippy::type_complexity)]
pub(super) fn folded(design: &Design) -> (Vec<Option<&str>>, Vec<Option<&str>>) {
    let mut hosts = vec![None; design.hosts.len()];
    let mut zones = vec![None; design.zones.len()];
    for c in design.components.iter().filter(|c| folds(c)) {
        for t in &c.attrs.protects {
            match *t {
                Target::Host(h) if c.host != Some(h) => {
                    hosts[h.0 as usize].get_or_insert(c.id.as_str());
                }
                Target::Zone(z) => {
                    zones[z.0 as usize].get_or_insert(c.id.as_str());
                }
                _ => {}
            }
        }
    }
    (hosts, zones)
}

/// "logs", "logs and metrics", "logs, metrics and traces".
fn words(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What a title says after its own words when a folded firewall guards it.
pub(super) fn behind(firewall: &str) -> String {
    format!("behind {}", text::clip(firewall, 16))
}

/// The legend's entries for the folded firewalls, hosts' first.
pub(super) fn firewall_hubs(design: &Design) -> Vec<Hub> {
    let (hosts, zones) = folded(design);
    let mut hubs: Vec<Hub> = Vec::new();
    for fw in hosts.into_iter().chain(zones).flatten() {
        let hub = Hub {
            style: EdgeStyle::Association,
            tag: behind(fw),
            meaning: "the firewall filters what reaches it".to_string(),
        };
        if !hubs.contains(&hub) {
            hubs.push(hub);
        }
    }
    hubs
}
