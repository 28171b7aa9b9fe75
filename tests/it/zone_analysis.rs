//! Zones as failure units: what losing a region or an availability zone takes down, when
//! `single-point-of-failure` reports one, the zone rules on a badly zoned design, correlated
//! failure in the availability estimate, and `allow` on a zone.

use std::collections::BTreeSet;

use infradoc::analysis::{self, FailureAnalysis};
use infradoc::diagnostic::SourceFile;
use infradoc::lint::lint;
use infradoc::model::{Design, ZoneId};

use crate::root;

const TODAY: &str = "2026-11-28";

fn compile(text: &str) -> Design {
    let compiled = infradoc::compile(SourceFile::new("zones.toml", text.to_string()));
    compiled
        .design
        .unwrap_or_else(|| panic!("invalid: {:?}", compiled.diagnostics))
}

fn zone(d: &Design, id: &str) -> ZoneId {
    d.zone_ids().find(|&z| d.zone(z).id == id).unwrap()
}

fn findings(d: &Design) -> BTreeSet<(String, String)> {
    lint(d, TODAY)
        .active()
        .map(|f| (f.rule.name.to_string(), f.subject_id.clone()))
        .collect()
}

fn zone_findings(d: &Design) -> Vec<(String, String, String)> {
    lint(d, TODAY)
        .active()
        .filter(|f| d.zone_ids().any(|z| d.zone(z).id == f.subject_id))
        .map(|f| (f.rule.name.to_string(), f.subject_id.clone(), f.fix.clone()))
        .collect()
}

/// Two web servers behind a managed load balancer, a managed database; `zones` and the hosts'
/// zones filled in by the caller.
fn two_servers(zones: &str, web1: &str, web2: &str, lb_zones: &str) -> String {
    format!(
        "[design]\nname = \"z\"\n{zones}\n\
         [hosts.web-01]\nzone = \"{web1}\"\n[hosts.web-02]\nzone = \"{web2}\"\n\
         [components.lb]\nkind = \"load-balancer\"\nmanaged = true\nhealth_check = true\nzones = {lb_zones}\n\
         [components.nginx-1]\nkind = \"web-server\"\nhost = \"web-01\"\n\
         [components.nginx-2]\nkind = \"web-server\"\nhost = \"web-02\"\n\
         [[links]]\nfrom = \"user\"\nto = \"lb\"\nprotocol = \"https\"\n\
         [[links]]\nfrom = \"lb\"\nto = [\"nginx-1\", \"nginx-2\"]\nprotocol = \"http\"\n"
    )
}

const REGION_TWO_AZS: &str = "[zones.eu]\nkind = \"region\"\n\
    [zones.az-a]\nkind = \"availability-zone\"\nparent = \"eu\"\n\
    [zones.az-b]\nkind = \"availability-zone\"\nparent = \"eu\"\n";

#[test]
fn a_zone_fails_with_its_hosts_and_the_managed_components_only_inside_it() {
    let d = compile(&two_servers(
        REGION_TWO_AZS,
        "az-a",
        "az-a",
        "[\"az-a\", \"az-b\"]",
    ));
    let f = FailureAnalysis::new(&d);
    // The load balancer still answers, with no web server behind it.
    let a = f.zone(zone(&d, "az-a")).unwrap();
    assert_eq!(a.lost, vec![infradoc::model::Kind::WebServer], "{a:?}");
    // The load balancer is spread over both zones: it survives az-b, which holds nothing else.
    assert!(!f.zone(zone(&d, "az-b")).unwrap().is_cut());
    assert_eq!(f.unreachable_without_zone(zone(&d, "az-b"), 10).total, 0);
    assert!(f.zone(zone(&d, "eu")).unwrap().site_down);
    assert_eq!(f.unreachable_without_zone(zone(&d, "az-a"), 10).total, 2);
    // Each host alone is not a single point; the zone they share is, and the fix names az-b.
    assert_eq!(
        zone_findings(&d),
        vec![(
            "single-point-of-failure".to_string(),
            "az-a".to_string(),
            "move `web-02` to `az-b`".to_string()
        )]
    );

    // A load balancer the provider runs only in az-a falls with it.
    let d = compile(&two_servers(REGION_TWO_AZS, "az-a", "az-b", "[\"az-a\"]"));
    let f = FailureAnalysis::new(&d);
    assert!(f.zone(zone(&d, "az-a")).unwrap().site_down);
    let found = zone_findings(&d);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains("`lb` over `az-b`"), "{found:?}");

    // Spread over both zones: nothing to report.
    let d = compile(&two_servers(
        REGION_TWO_AZS,
        "az-a",
        "az-b",
        "[\"az-a\", \"az-b\"]",
    ));
    assert!(zone_findings(&d).is_empty());
}

#[test]
fn a_design_in_one_region_and_one_zone_is_told_once_and_never_about_the_region() {
    let one = "[zones.eu]\nkind = \"region\"\n[zones.az-a]\nkind = \"availability-zone\"\nparent = \"eu\"\n";
    let d = compile(&two_servers(one, "az-a", "az-a", "[\"az-a\"]"));
    let found = zone_findings(&d);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "az-a");
    assert!(
        found[0].2.contains("a second availability zone"),
        "{found:?}"
    );

    // In a region with no availability zones declared: nothing about the region.
    let region = "[zones.eu]\nkind = \"region\"\n";
    let d = compile(&two_servers(region, "eu", "eu", "[\"eu\"]"));
    assert!(
        FailureAnalysis::new(&d)
            .zone(zone(&d, "eu"))
            .unwrap()
            .site_down
    );
    assert!(zone_findings(&d).is_empty(), "{:?}", zone_findings(&d));

    // Two regions, everything in one of them: that region is reported, the empty one is not.
    let two = "[zones.eu]\nkind = \"region\"\n[zones.us]\nkind = \"region\"\n\
               [hosts.spare]\nzone = \"us\"\n[components.standby]\nkind = \"web-server\"\nhost = \"spare\"\n";
    let d = compile(&two_servers(two, "eu", "eu", "[\"eu\"]"));
    let found = zone_findings(&d);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "eu");
    assert!(found[0].2.contains("`us`"), "{found:?}");
}

#[test]
fn a_network_is_not_a_failure_unit() {
    let nets = "[zones.net]\nkind = \"network\"\n";
    let d = compile(&two_servers(nets, "net", "net", "[\"net\"]"));
    let f = FailureAnalysis::new(&d);
    assert!(f.zone(zone(&d, "net")).is_none());
    assert!(zone_findings(&d).is_empty());
    // Nor does it lower the estimate unless it says its own availability.
    let plain = compile(
        &two_servers("", "", "", "[]")
            .replace("zone = \"\"\n", "")
            .replace("zones = []\n", ""),
    );
    assert_eq!(
        analysis::estimate(&d).value,
        analysis::estimate(&plain).value
    );
}

#[test]
fn correlated_failure_counts_each_zone_once() {
    // Hosts 0.999, the web servers and the load balancer never fail on their own: two hosts in
    // one availability zone are up while the zone, the region and one host are.
    let with = |text: String| -> String {
        text.replace(
            "kind = \"web-server\"\n",
            "kind = \"web-server\"\navailability = 1\n",
        )
        .replace("managed = true\n", "managed = true\navailability = 1\n")
    };
    let (az, region, host) = (0.9995, 0.9999, 0.999);
    let pair = 1.0 - (1.0 - host) * (1.0 - host);
    let same = analysis::estimate(&compile(&with(two_servers(
        REGION_TWO_AZS,
        "az-a",
        "az-a",
        "[\"az-a\", \"az-b\"]",
    ))));
    assert!(same.exact);
    assert!(
        (same.value - region * az * pair).abs() < 1e-12,
        "{}",
        same.value
    );
    let spread = analysis::estimate(&compile(&with(two_servers(
        REGION_TWO_AZS,
        "az-a",
        "az-b",
        "[\"az-a\", \"az-b\"]",
    ))));
    let one_side = az * host;
    let expected = region * (1.0 - (1.0 - one_side) * (1.0 - one_side));
    assert!((spread.value - expected).abs() < 1e-12, "{}", spread.value);
    assert!(spread.value > same.value);
}

#[test]
fn an_allow_on_a_zone_accepts_its_finding() {
    let text = two_servers(REGION_TWO_AZS, "az-a", "az-a", "[\"az-a\", \"az-b\"]").replace(
        "[zones.az-a]\nkind = \"availability-zone\"\n",
        "[zones.az-a]\nkind = \"availability-zone\"\nallow = [{ rule = \"A001\", reason = \"A staging copy; downtime is fine.\" }]\n",
    );
    let d = compile(&text);
    let report = lint(&d, TODAY);
    let a001: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.subject_id == "az-a")
        .collect();
    assert_eq!(a001.len(), 1);
    assert!(a001[0].suppressed.is_some());
    assert!(zone_findings(&d).is_empty());

    let unknown = text.replace("rule = \"A001\"", "rule = \"single-point-of-failur\"");
    let compiled = infradoc::compile(SourceFile::new("zones.toml", unknown));
    assert!(
        compiled
            .diagnostics
            .iter()
            .any(|d| d.message.contains("unknown rule")),
        "{:?}",
        compiled.diagnostics
    );
}

/// tests/fixtures/real/zones.toml, reviewed finding by finding: two availability zones with a
/// load balancer in each, but both application servers, the database and its replica in
/// `az-a`, the database in the public subnet, and the second public subnet outside the
/// security groups.
#[test]
fn a_badly_zoned_design_gets_exactly_the_findings_a_reviewer_expects() {
    let path = root().join("tests/fixtures/real/zones.toml");
    let d = infradoc::compile_file(&path).design.expect("valid");
    let want: BTreeSet<(String, String)> = [
        // Losing az-a loses both application servers: the load balancer in az-b is left with
        // nothing behind it.
        ("single-point-of-failure", "az-a"),
        // The only database that takes writes, on one host.
        ("single-point-of-failure", "db-01"),
        ("single-writer-database", "pg-primary"),
        ("no-backup", "pg-primary"),
        ("replicas-share-a-zone", "pg-primary"),
        ("database-in-public-network", "pg-primary"),
        ("public-host-without-firewall-boundary", "public-b"),
        ("no-https", "www.example.com"),
        ("no-monitoring", "db-01"),
        ("no-monitoring", "db-02"),
        ("no-monitoring", "lb-01"),
        ("no-monitoring", "lb-02"),
        ("no-monitoring", "web-01"),
        ("no-monitoring", "web-02"),
        ("provider-dependency", "sg"),
    ]
    .iter()
    .map(|(r, s)| (r.to_string(), s.to_string()))
    .collect();
    assert_eq!(findings(&d), want);
    let report = lint(&d, TODAY);
    let text = |rule: &str| -> String {
        let f = report.active().find(|f| f.rule.name == rule).unwrap();
        format!("{} / {}", f.message, f.fix)
    };
    assert!(text("replicas-share-a-zone").contains("move `db-02` to `private-b` in `az-b`"));
    assert!(text("database-in-public-network").contains("such as `private-a`"));
    let spof = report
        .active()
        .find(|f| f.subject_id == "az-a")
        .map(|f| f.fix.clone())
        .unwrap();
    assert_eq!(spof, "move `web-02` to `private-b` in `az-b`");
}

/// specs/three-zone-web-service.toml: the primary is in az-a and the replica in az-b, the load
/// balancer spans three zones and the security groups cover every subnet, so no zone rule
/// fires; losing az-a loses the database, which the finding on `db-a` already says.
#[test]
fn the_three_zone_design_is_quiet_about_zones() {
    let d = infradoc::compile_file(&root().join("specs/three-zone-web-service.toml"))
        .design
        .expect("valid");
    assert!(zone_findings(&d).is_empty(), "{:?}", zone_findings(&d));
    let f = FailureAnalysis::new(&d);
    let a = f.zone(zone(&d, "az-a")).unwrap();
    assert!(!a.site_down && a.is_cut());
    for z in ["az-b", "az-c"] {
        assert!(!f.zone(zone(&d, z)).unwrap().is_cut(), "{z}");
    }
    assert!(f.zone(zone(&d, "eu-west-1")).unwrap().site_down);
}
