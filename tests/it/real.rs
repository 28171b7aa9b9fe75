//! Real designs: managed services, virtual IPs, admin and background traffic, firewalls, reads
//! and writes, and text that holds for them (tests/fixtures/real/), and the exact findings of
//! the real designs in specs/.

use std::collections::BTreeSet;
use std::path::Path;

use infradoc::analysis::{self, FailureAnalysis};
use infradoc::lint::{Report, lint};
use infradoc::model::Design;

use crate::{all_specs, classic_specs, root};

fn design(name: &str) -> Design {
    let path = root().join("tests/fixtures/real").join(name);
    load(&path)
}

fn load(path: &Path) -> Design {
    let compiled = infradoc::compile_file(path);
    compiled
        .design
        .unwrap_or_else(|| panic!("{} is invalid: {:?}", path.display(), compiled.diagnostics))
}

fn findings(report: &Report) -> BTreeSet<(String, String)> {
    report
        .active()
        .map(|f| (f.rule.name.to_string(), f.subject_id.clone()))
        .collect()
}

fn has(report: &Report, rule: &str, subject: &str) -> bool {
    findings(report).contains(&(rule.to_string(), subject.to_string()))
}

fn fired(report: &Report, rule: &str) -> bool {
    report.active().any(|f| f.rule.name == rule)
}

#[test]
fn managed_components_are_dependencies_not_single_points() {
    let d = design("managed.toml");
    let report = lint(&d, "2026-11-28");
    for rule in [
        "single-point-of-failure",
        "single-writer-database",
        "maintenance-downtime",
        "no-backup",
    ] {
        assert!(!fired(&report, rule), "{rule}: {:?}", findings(&report));
    }
    assert!(has(&report, "provider-dependency", "alb"));
    assert!(has(&report, "provider-dependency", "db"));
    // The managed defaults: load balancer 0.9999, database 0.9995; two app servers at
    // 0.999 on hosts at 0.999 in parallel.
    let app = 0.999 * 0.999;
    let expected = 0.9999 * (1.0 - (1.0 - app) * (1.0 - app)) * 0.9995;
    let a = analysis::estimate(&d);
    assert!(a.exact);
    assert!(
        (a.value - expected).abs() < 1e-12,
        "{} vs {expected}",
        a.value
    );
}

#[test]
fn a_virtual_ip_pair_is_redundant_and_its_address_is_the_designs() {
    let d = design("vip.toml");
    let report = lint(&d, "2026-11-28");
    assert!(
        !fired(&report, "single-point-of-failure"),
        "{:?}",
        findings(&report)
    );
    // The VIP's address, an internal record at a private host and an apex ALIAS are fine.
    assert!(
        !fired(&report, "dns-record-pointing-at-nothing"),
        "{:?}",
        findings(&report)
    );
    let failures = FailureAnalysis::new(&d);
    for lb in ["haproxy-1", "haproxy-2"] {
        let c = d.find_component(lb).unwrap();
        assert!(!failures.component(c).is_cut(), "{lb}");
    }
}

#[test]
fn admin_and_background_links_are_not_on_the_request_path() {
    let d = design("purpose.toml");
    let report = lint(&d, "2026-11-28");
    assert!(
        !fired(&report, "single-point-of-failure"),
        "{:?}",
        findings(&report)
    );
    assert!(has(&report, "single-admin-path", "jump-1"));
    assert!(!fired(&report, "no-backup"));
    let failures = FailureAnalysis::new(&d);
    for host in ["jump-1", "backup-1"] {
        let h = d.find_host(host).unwrap();
        assert!(!failures.host(h).is_cut(), "{host}");
        // Only its own component is lost, nothing behind it.
        assert_eq!(
            failures.unreachable_without_host(&d, h, 10).total,
            1,
            "{host}"
        );
    }
    // The bastion is not a way to reach the databases for users: losing both web servers'
    // hosts is what cuts them off, never the bastion.
    let a = analysis::estimate(&d);
    assert!(a.exact);
}

#[test]
fn a_firewall_appliance_is_a_failure_unit_and_a_host_filter_is_not() {
    let d = design("firewall.toml");
    let report = lint(&d, "2026-11-28");
    assert!(
        has(&report, "single-point-of-failure", "fw-box"),
        "{:?}",
        findings(&report)
    );
    assert!(!has(&report, "single-point-of-failure", "host-filter"));
    assert!(!fired(&report, "firewall-blocks-traffic"));
    let failures = FailureAnalysis::new(&d);
    let pfsense = d.find_component("pfsense").unwrap();
    assert!(failures.component(pfsense).site_down);
    let host_filter = d.find_component("host-filter").unwrap();
    assert!(!failures.component(host_filter).is_cut());
    // The appliance is in series with everything: the estimate counts it and its host.
    let with = analysis::estimate(&d).value;
    let text = std::fs::read_to_string(root().join("tests/fixtures/real/firewall.toml")).unwrap();
    let without = text.replace(
        "host = \"fw-box\"\nprotects = [\"lb-1\", \"lb-2\"]",
        "host = \"fw-box\"",
    );
    let compiled = infradoc::compile(infradoc::diagnostic::SourceFile::new("f.toml", without));
    let without = analysis::estimate(&compiled.design.unwrap()).value;
    assert!(with < without * 0.9991, "{with} vs {without}");
}

#[test]
fn losing_the_only_writable_database_makes_the_site_read_only() {
    let d = design("purpose.toml");
    let failures = FailureAnalysis::new(&d);
    let pg = d.find_component("pg").unwrap();
    let impact = failures.component(pg);
    assert!(!impact.is_cut() && impact.writes_lost && impact.read_only());
    let db1 = d.find_host("db-1").unwrap();
    assert!(failures.host(db1).read_only());
    let a = analysis::estimate(&d);
    assert!(a.writes < a.value, "{a:?}");
    assert!(a.read_only_hours_per_year() > 0.0);
}

#[test]
fn text_matches_the_design() {
    let d = design("text.toml");
    assert_eq!(d.site(), "wiki.corp.example.net");
    let report = lint(&d, "2026-11-28");
    let a002 = report
        .active()
        .find(|f| f.rule.name == "single-writer-database")
        .expect("A002");
    let text = format!("{} {} {:?}", a002.message, a002.fix, a002.notes);
    assert!(
        !text.contains("asynchronously") && !text.contains("semi-sync replication so"),
        "{text}"
    );
    assert!(text.contains("pg-standby"), "{text}");
    // The WireGuard name is UDP, not HTTP; the internal wiki name has its certificate.
    assert!(!fired(&report, "no-https"), "{:?}", findings(&report));
    assert!(!fired(&report, "dns-record-pointing-at-nothing"));
    // S002 accepted by the allow on the link it is about.
    let s002: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule.name == "tls-terminated-at-load-balancer")
        .collect();
    assert_eq!(s002.len(), 1);
    assert!(s002[0].suppressed.is_some());
    assert!(!fired(&report, "firewall-blocks-traffic"));
}

/// Reviewed one by one: each is true of the design (see the helper's report).
#[test]
fn the_real_designs_get_exactly_the_findings_a_reviewer_expects() {
    let expected: &[(&str, &[(&str, &str)])] = &[
        (
            "cloud-web-service",
            &[
                ("provider-dependency", "alb"),
                ("provider-dependency", "assets"),
                ("provider-dependency", "cdn"),
                ("provider-dependency", "db"),
                ("provider-dependency", "jobs"),
            ],
        ),
        (
            "ha-pair-vip",
            &[
                ("single-point-of-failure", "db-1"),
                ("single-writer-database", "pg-primary"),
                ("single-admin-path", "bastion-1"),
            ],
        ),
        (
            "intranet-vpn-bastion",
            &[
                ("single-point-of-failure", "db-1"),
                ("single-point-of-failure", "gw-1"),
                ("single-point-of-failure", "intra-1"),
                ("single-writer-database", "postgres"),
                ("maintenance-downtime", "nginx"),
                ("maintenance-downtime", "postgres"),
                ("maintenance-downtime", "wiki"),
                ("single-admin-path", "gw-1"),
                ("single-admin-path", "jump-1"),
                ("no-monitoring", "backup-1"),
                ("no-monitoring", "db-1"),
                ("no-monitoring", "gw-1"),
                ("no-monitoring", "intra-1"),
                ("no-monitoring", "jump-1"),
                ("provider-dependency", "sso"),
            ],
        ),
        (
            "three-zone-web-service",
            &[
                ("single-point-of-failure", "db-a"),
                ("single-writer-database", "db-primary"),
                ("provider-dependency", "acl"),
                ("provider-dependency", "lb"),
            ],
        ),
    ];
    let classic: Vec<_> = classic_specs();
    let real: Vec<_> = all_specs()
        .into_iter()
        .filter(|p| !classic.contains(p))
        .collect();
    assert_eq!(real.len(), expected.len());
    for (name, list) in expected {
        let path = real
            .iter()
            .find(|p| p.file_stem().is_some_and(|s| s == *name))
            .unwrap_or_else(|| panic!("specs/{name}.toml"));
        let report = lint(&load(path), "2026-11-28");
        let want: BTreeSet<(String, String)> = list
            .iter()
            .map(|(r, s)| (r.to_string(), s.to_string()))
            .collect();
        assert_eq!(findings(&report), want, "{name}");
    }
}

/// Advice fits the design it is given to: a design that already has a synchronous standby is
/// not told to add a replica or to switch to semi-sync, and accepted reasons end once.
#[test]
fn fixes_do_not_ask_for_what_the_design_already_has() {
    let readme =
        std::fs::read_to_string(crate::root().join("output/ha-pair-vip/README.md")).unwrap();
    assert!(
        readme.contains("`pg-standby` copies it synchronously:"),
        "{readme}"
    );
    for wrong in [
        "a database replica on another machine",
        "semi-synchronous replication keeps",
        "synchronously or semi-synchronously",
        "..",
    ] {
        assert!(!readme.contains(wrong), "`{wrong}` in:\n{readme}");
    }
}
