//! The failure analysis agrees with brute force on random designs: remove each component (or
//! every component of a host, or of every host in an availability zone or region), search from
//! the users again, and compare what is lost.

use std::collections::{BTreeSet, VecDeque};

use infradoc::analysis::{FailureAnalysis, NEEDED};
use infradoc::diagnostic::SourceFile;
use infradoc::model::{ComponentId, Design, Kind};
use infradoc::spec::Vocabulary;
use proptest::prelude::*;

const KINDS: &[Kind] = &[
    Kind::LoadBalancer,
    Kind::WebServer,
    Kind::AppServer,
    Kind::AppFiles,
    Kind::Database,
    Kind::Firewall,
];

#[derive(Debug, Clone)]
struct Shape {
    kinds: Vec<usize>,
    hosts: Vec<Option<usize>>,
    entry: Vec<usize>,
    edges: Vec<(usize, usize)>,
}

fn shape() -> impl Strategy<Value = Shape> {
    (2usize..16).prop_flat_map(|n| {
        (
            prop::collection::vec(0..KINDS.len(), n),
            prop::collection::vec(prop::option::of(0usize..5), n),
            prop::collection::vec(0..n, 1..3),
            prop::collection::vec((0..n, 0..n), 0..(3 * n)),
        )
            .prop_map(|(kinds, hosts, entry, edges)| Shape {
                kinds,
                hosts,
                entry,
                edges,
            })
    })
}

fn spec_text(shape: &Shape) -> String {
    let mut text = String::from("[design]\nname = \"random\"\n\n");
    // h0 and h1 in az-0, h2 and h3 in az-1, both in region r; h4 in no zone.
    text.push_str("[zones.r]\nkind = \"region\"\n");
    for z in 0..2 {
        text.push_str(&format!(
            "[zones.az-{z}]\nkind = \"availability-zone\"\nparent = \"r\"\n"
        ));
    }
    for h in 0..5 {
        text.push_str(&format!("[hosts.h{h}]\n"));
        if h < 4 {
            text.push_str(&format!("zone = \"az-{}\"\n", h / 2));
        }
    }
    for (i, &k) in shape.kinds.iter().enumerate() {
        text.push_str(&format!(
            "[components.c{i}]\nkind = \"{}\"\n",
            KINDS[k].as_str()
        ));
        if let Some(h) = shape.hosts[i] {
            text.push_str(&format!("host = \"h{h}\"\n"));
        }
    }
    let mut links: BTreeSet<(String, usize)> = shape
        .entry
        .iter()
        .map(|&e| ("user".to_string(), e))
        .collect();
    links.extend(
        shape
            .edges
            .iter()
            .filter(|(a, b)| a != b)
            .map(|&(a, b)| (format!("c{a}"), b)),
    );
    for (from, to) in links {
        text.push_str(&format!(
            "[[links]]\nfrom = \"{from}\"\nto = \"c{to}\"\nprotocol = \"tcp\"\n"
        ));
    }
    text
}

/// The needed kinds the users reach while `failed` is down, by breadth-first search.
fn reached_kinds(design: &Design, failed: &BTreeSet<ComponentId>) -> BTreeSet<Kind> {
    let start = design.find_component("user").unwrap();
    let mut seen = BTreeSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(c) = queue.pop_front() {
        for link in design.links_from(c) {
            if !failed.contains(&link.to) && seen.insert(link.to) {
                queue.push_back(link.to);
            }
        }
    }
    seen.into_iter()
        .map(|c| design.component(c).kind)
        .filter(|k| NEEDED.contains(k))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn failure_analysis_matches_brute_force(shape in shape()) {
        let compiled = infradoc::compile(SourceFile::new("random.toml", spec_text(&shape)));
        let design = compiled.design.expect("generated specs are valid");
        let analysis = FailureAnalysis::new(&design);
        let all = reached_kinds(&design, &BTreeSet::new());
        prop_assert_eq!(&analysis.reachable_kinds.iter().copied().collect::<BTreeSet<_>>(), &all);
        for c in design.component_ids() {
            if design.component(c).kind == Kind::Client {
                continue;
            }
            let expected: BTreeSet<Kind> = all.difference(&reached_kinds(&design, &BTreeSet::from([c]))).copied().collect();
            let got: BTreeSet<Kind> = analysis.component(c).lost.iter().copied().collect();
            prop_assert_eq!(got, expected, "component {}", design.component(c).id);
        }
        for h in design.host_ids() {
            let on_it: BTreeSet<ComponentId> = design.components_on(h).iter().copied().collect();
            let expected: BTreeSet<Kind> = all.difference(&reached_kinds(&design, &on_it)).copied().collect();
            let got: BTreeSet<Kind> = analysis.host(h).lost.iter().copied().collect();
            prop_assert_eq!(got, expected, "host {}", design.host(h).id);
        }
        for z in design.zone_ids() {
            let inside: BTreeSet<ComponentId> = design
                .hosts_in(z)
                .into_iter()
                .flat_map(|h| design.components_on(h).iter().copied())
                .collect();
            let expected: BTreeSet<Kind> = all.difference(&reached_kinds(&design, &inside)).copied().collect();
            let got: BTreeSet<Kind> = analysis.zone(z).expect("a failure unit").lost.iter().copied().collect();
            prop_assert_eq!(got, expected, "zone {}", design.zone(z).id);
        }
    }
}
