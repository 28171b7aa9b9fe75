//! One problem, one finding: where two rules see the same problem, one tells it, in `lint`
//! output and in the write-up, and the other speaks only when that one is off. Also the
//! write-up's fix for a zone that is a single point of failure is the zone's own move.

use std::collections::BTreeMap;

use infradoc::diagnostic::SourceFile;
use infradoc::lint::{Report, lint};
use infradoc::model::Design;
use infradoc::render::Theme;

use crate::root;

const TODAY: &str = "2026-11-28";

fn design(text: String) -> Design {
    let compiled = infradoc::compile(SourceFile::new("told-once.toml", text));
    compiled
        .design
        .unwrap_or_else(|| panic!("invalid: {:?}", compiled.diagnostics))
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

/// Active findings by rule code.
fn counts(report: &Report) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for f in report.active() {
        *counts.entry(f.rule.code).or_insert(0) += 1;
    }
    counts
}

fn count(report: &Report, code: &str) -> usize {
    counts(report).get(code).copied().unwrap_or(0)
}

fn readme(design: &Design, report: &Report) -> String {
    let theme = Theme::load("default").unwrap();
    infradoc::writeup::writeup(
        design,
        report,
        infradoc::analysis::estimate(design),
        None,
        "diagram.svg",
        &theme.writeup,
    )
    .unwrap()
}

/// The Markdown of one weakness, from its `#### ` heading to the next heading.
fn weakness<'a>(text: &'a str, code: &str) -> Option<&'a str> {
    let start = text.find(&format!("#### `{code}`"))?;
    let body = &text[start..];
    let end = body[5..].find("\n#").map_or(body.len(), |i| i + 5);
    Some(&body[..end])
}

/// A public host in a public network with no firewall in front: the network's finding
/// (S005) tells it, not `no-firewall` (S003) on each host; a database on a public host in
/// that network: `database-in-public-network` (S004) tells it, not S003 again.
#[test]
fn a_public_network_without_a_firewall_is_told_once() {
    let text = fixture("tests/fixtures/lint/firewall-told-once.toml");
    let d = design(text.clone());
    let report = lint(&d, TODAY);
    assert_eq!(count(&report, "S003"), 0, "{:?}", counts(&report));
    assert_eq!(count(&report, "S004"), 1, "{:?}", counts(&report));
    assert_eq!(count(&report, "S005"), 1, "{:?}", counts(&report));
    let s005 = report.active().find(|f| f.rule.code == "S005").unwrap();
    assert!(
        s005.message.contains("`db-01` and `web-01`"),
        "{}",
        s005.message
    );

    let md = readme(&d, &report);
    assert!(weakness(&md, "S003").is_none(), "{md}");
    assert_eq!(md.matches("#### `S005`").count(), 1);
    assert_eq!(md.matches("#### `S004`").count(), 1);

    // With the rules that tell it off, `no-firewall` tells it: both hosts and the database.
    let off = format!(
        "{text}\n[lint]\nignore = [\"public-host-without-firewall-boundary\", \"database-in-public-network\"]\n"
    );
    let report = lint(&design(off), TODAY);
    assert_eq!(count(&report, "S003"), 3, "{:?}", counts(&report));
}

/// Both load balancers of a pair and both copies of the database in one availability zone:
/// `single-point-of-failure` (A001) reports the zone once, with both moves and a failover
/// that crosses zones; A009 and A008 would say the same of the same zone and stay quiet.
#[test]
fn a_zone_holding_every_load_balancer_and_database_is_told_once() {
    let text = fixture("tests/fixtures/lint/zones-told-once.toml");
    let d = design(text.clone());
    let report = lint(&d, TODAY);
    assert_eq!(count(&report, "A001"), 1, "{:?}", counts(&report));
    assert_eq!(count(&report, "A008"), 0, "{:?}", counts(&report));
    assert_eq!(count(&report, "A009"), 0, "{:?}", counts(&report));
    let a001 = report.active().find(|f| f.rule.code == "A001").unwrap();
    assert_eq!(a001.subject_id, "az-a");
    assert_eq!(
        a001.fix,
        "move `lb-02` to `az-b`, with a failover that works across zones (a floating IP the \
         provider moves, DNS failover, or the provider's load balancer); move `db-02` to `az-b`"
    );

    let md = readme(&d, &report);
    assert!(
        weakness(&md, "A008").is_none() && weakness(&md, "A009").is_none(),
        "{md}"
    );
    let a001 = weakness(&md, "A001").unwrap();
    assert!(
        a001.contains("*Fix:* To survive the loss of `az-a`, move `lb-02` to `az-b`, with a failover that works across zones"),
        "{a001}"
    );
    assert!(!a001.contains("Add redundancy"), "{a001}");

    // With `single-point-of-failure` off, each of the other two tells its part.
    let off = format!("{text}\n[lint]\nignore = [\"single-point-of-failure\"]\n");
    let report = lint(&design(off), TODAY);
    assert_eq!(count(&report, "A008"), 1, "{:?}", counts(&report));
    assert_eq!(count(&report, "A009"), 1, "{:?}", counts(&report));
}

/// tests/fixtures/real/zones.toml: `az-a` and `db-01` are both single points of failure; the
/// write-up's fix keeps the host's advice and adds the zone's own move, not a generic one.
#[test]
fn the_write_up_fixes_a_zone_with_the_zone_findings_move() {
    let d = design(fixture("tests/fixtures/real/zones.toml"));
    let report = lint(&d, TODAY);
    let md = readme(&d, &report);
    let a001 = weakness(&md, "A001").unwrap();
    assert!(
        a001.contains("To survive the loss of `az-a`, move `web-02` to `private-b` in `az-b`."),
        "{a001}"
    );
    assert!(
        a001.contains("*Fix:* Add redundancy: automatic promotion of the replica"),
        "{a001}"
    );
    // Still one paragraph per weakness: the zone's move is not repeated by `A008`, which
    // moves the replica's host, a different cause.
    let a008 = weakness(&md, "A008").unwrap();
    assert!(
        a008.contains("Move `db-02` to `private-b` in `az-b`"),
        "{a008}"
    );
    assert!(!a008.contains("web-02"), "{a008}");
}
