//! `infradoc lint`: each rule fires where it should and only there, the classic designs get
//! the findings the exercises expect, and every output format is checked.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use infradoc::lint::{Report, lint, registry};

use crate::{classic_specs, root};

const TODAY: &str = "2026-11-28";

fn report(path: &Path) -> Report {
    let compiled = infradoc::compile_file(path);
    let design = compiled
        .design
        .unwrap_or_else(|| panic!("{} is invalid: {:?}", path.display(), compiled.diagnostics));
    lint(&design, TODAY)
}

fn active_names(report: &Report) -> BTreeSet<&'static str> {
    report.active().map(|f| f.rule.name).collect()
}

fn infradoc() -> Command {
    let mut cmd = Command::cargo_bin("infradoc").expect("binary built");
    // 2026-11-28, so expiry dates give the same output on any day.
    cmd.current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1795824000");
    cmd
}

#[test]
fn every_rule_fires_on_its_fixture_and_not_on_the_fixed_one() {
    for meta in registry::all() {
        let dir = root().join("tests/fixtures/rules");
        let fires = report(&dir.join(format!("{}.fires.toml", meta.name)));
        assert!(
            active_names(&fires).contains(meta.name),
            "{} does not fire on its fixture",
            meta.name
        );
        let passes = report(&dir.join(format!("{}.passes.toml", meta.name)));
        assert!(
            !active_names(&passes).contains(meta.name),
            "{} fires on its fixed fixture: {:?}",
            meta.name,
            passes.findings
        );
    }
}

#[test]
fn the_classic_designs_get_the_findings_the_exercises_expect() {
    let specs = classic_specs();
    let expect = |n: usize, present: &[&str], absent: &[&str]| {
        let report = report(&specs[n]);
        let names = active_names(&report);
        for rule in present {
            assert!(names.contains(rule), "spec {n} lacks {rule}: {names:?}");
        }
        for rule in absent {
            assert!(!names.contains(rule), "spec {n} has {rule}: {names:?}");
        }
        report
    };
    let simple = expect(
        0,
        &[
            "single-point-of-failure",
            "maintenance-downtime",
            "cannot-scale",
            "no-https",
            "no-firewall",
            "no-monitoring",
            "colocated-tiers",
        ],
        &[],
    );
    assert!(
        simple
            .active()
            .any(|f| f.rule.name == "single-point-of-failure" && f.subject_id == "server-01")
    );

    let distributed = expect(
        1,
        &[
            "single-point-of-failure",
            "single-writer-database",
            "no-firewall",
            "no-https",
            "no-monitoring",
        ],
        &["cannot-scale"],
    );
    let spofs: Vec<&str> = distributed
        .active()
        .filter(|f| f.rule.name == "single-point-of-failure")
        .map(|f| f.subject_id.as_str())
        .collect();
    assert_eq!(
        spofs,
        ["lb-01"],
        "only the load balancer's host is a single point of failure"
    );

    expect(
        2,
        &[
            "tls-terminated-at-load-balancer",
            "single-writer-database",
            "identical-servers",
        ],
        &["no-https", "no-firewall", "no-monitoring"],
    );

    let scaled = expect(
        3,
        &["single-writer-database"],
        &[
            "no-https",
            "no-firewall",
            "no-monitoring",
            "identical-servers",
            "colocated-tiers",
        ],
    );
    for f in scaled
        .active()
        .filter(|f| f.rule.name == "single-point-of-failure")
    {
        assert!(
            !f.subject_id.starts_with("lb-") && !f.subject_id.starts_with("haproxy"),
            "the clustered pair is not a SPOF: {}",
            f.message
        );
    }
}

#[test]
fn human_output_of_the_classic_designs() {
    for path in classic_specs() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let out = infradoc()
            .args(["lint", "--color", "never"])
            .arg(crate::relative(&path))
            .assert()
            .code(1);
        insta::assert_snapshot!(
            format!("human-{name}"),
            String::from_utf8_lossy(&out.get_output().stdout)
        );
    }
}

#[test]
fn json_output_of_the_classic_designs() {
    let out = infradoc()
        .args(["lint", "--format", "json"])
        .args(classic_specs().iter().map(|p| crate::relative(p)))
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["specs"].as_array().unwrap().len(), 4);
    insta::assert_json_snapshot!("json-classic", json);
}

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let out = infradoc()
        .args(["lint", "--format", "sarif"])
        .args(classic_specs().iter().map(|p| crate::relative(p)))
        .assert()
        .code(1);
    let sarif: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_valid_sarif(&sarif);
    assert_eq!(
        sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        registry::all().count()
    );
    let mut sarif = sarif;
    sarif["runs"][0]["tool"]["driver"]["semanticVersion"] = "[version]".into();
    insta::assert_json_snapshot!("sarif-classic", sarif);
}

#[test]
fn sarif_of_an_invalid_spec_says_why_in_the_log_and_on_stderr() {
    let dir = crate::cli::TempDir::new("sarif-invalid");
    let spec = dir.0.join("shop #2.toml");
    std::fs::write(
        &spec,
        "[design]\nname = \"shop\"\n\n[hosts.web]\nipp = \"1.2.3.4\"\n",
    )
    .unwrap();
    let out = infradoc()
        .current_dir(&dir.0)
        .args(["lint", "--format", "sarif", "shop #2.toml"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("error[E005]: unknown key `ipp`"),
        "{stderr}"
    );
    assert!(stderr.contains("shop #2.toml:5:1"), "{stderr}");
    let sarif: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_valid_sarif(&sarif);
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notice = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notice["level"], "error");
    assert_eq!(notice["descriptor"]["id"], "E005");
    let location = &notice["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "shop%20%232.toml");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(location["region"]["startLine"], 5);
}

/// Validates against the official SARIF 2.1.0 schema (tests/fixtures).
fn assert_valid_sarif(sarif: &serde_json::Value) {
    // The official schema's `language` patterns have a stray `]` that strict regex checkers
    // reject as a schema error; escape it. They constrain properties infradoc does not write.
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/sarif-schema-2.1.0.json")).unwrap();
    let stray = "[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    assert!(text.contains(stray));
    let escaped = text.replace(stray, r"[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$");
    let schema: serde_json::Value = serde_json::from_str(&escaped).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn github_annotations_point_at_lines() {
    let out = infradoc()
        .args([
            "lint",
            "--format",
            "github",
            "specs/1-distributed_web_infrastructure.toml",
        ])
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        text.starts_with("::error file=specs/1-distributed_web_infrastructure.toml,line=16,col=8,"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.starts_with("::error ")
        || l.starts_with("::warning ")
        || l.starts_with("::notice ")));
    insta::assert_snapshot!("github-distributed", text);
}

#[test]
fn fail_on_sets_the_exit_code() {
    let spec = "tests/fixtures/rules/load-balancer-without-health-check.fires.toml"; // warnings only
    infradoc().args(["lint", spec]).assert().code(0);
    infradoc()
        .args(["lint", "--fail-on", "warning", spec])
        .assert()
        .code(1);
    infradoc()
        .args([
            "lint",
            "--fail-on",
            "never",
            "specs/0-simple_web_stack.toml",
        ])
        .assert()
        .code(0);
    infradoc()
        .args(["lint", "tests/fixtures/errors/self-link.toml"])
        .assert()
        .code(2);
}

#[test]
fn settings_ignore_rules_change_severities_and_accept_findings() {
    let out = infradoc()
        .args([
            "lint",
            "--format",
            "json",
            "tests/fixtures/lint-settings.toml",
        ])
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let findings = json["specs"][0]["findings"].as_array().unwrap().clone();
    let by_rule = |rule: &str| {
        findings
            .iter()
            .filter(|f| f["rule"] == rule)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert!(
        by_rule("no-monitoring").is_empty(),
        "ignored by [lint] ignore"
    );
    assert!(
        by_rule("colocated-tiers")
            .iter()
            .all(|f| f["severity"] == "info"),
        "severity override"
    );
    let accepted = by_rule("no-firewall");
    assert_eq!(accepted.len(), 1);
    assert_eq!(
        accepted[0]["suppressed"]["reason"],
        "Behind the provider's network firewall."
    );
    // On a link and on a DNS record.
    let https = by_rule("no-https");
    let mut reasons: Vec<&str> = https
        .iter()
        .map(|f| f["suppressed"]["reason"].as_str().unwrap_or("not accepted"))
        .collect();
    reasons.sort();
    assert_eq!(
        reasons,
        [
            "A demo site with nothing to protect.",
            "Plain HTTP on the intranet only."
        ]
    );
    let expired = by_rule("maintenance-downtime");
    assert!(
        expired.iter().all(|f| f["suppressed"].is_null()),
        "an expired exception no longer applies"
    );
    assert!(expired.iter().any(|f| {
        f["notes"][0]
            .as_str()
            .unwrap()
            .contains("expired on 2026-01-31")
    }));
}

#[test]
fn an_unknown_rule_in_the_settings_is_an_error() {
    let out = infradoc()
        .args([
            "lint",
            "--color",
            "never",
            "tests/fixtures/lint-unknown-rule.toml",
        ])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("error[E021]: unknown rule `no-http`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `no-https`?"), "{stderr}");
}

/// An unknown rule in `[lint]` or in an `allow` entry gets one verdict from every command:
/// check and build once passed such a spec that lint refused.
#[test]
fn every_command_refuses_an_unknown_rule() {
    let dir = crate::cli::TempDir::new("unknown-rule");
    std::fs::write(
        dir.0.join("allow.toml"),
        "[design]\nname = \"allow\"\n[components.web]\nkind = \"web-server\"\n\
         [[components.web.allow]]\nrule = \"no-htps\"\nreason = \"intranet\"\n",
    )
    .unwrap();
    let ignore = root().join("tests/fixtures/lint-unknown-rule.toml");
    for spec in [dir.0.join("allow.toml"), ignore] {
        let spec = spec.to_str().unwrap();
        for command in ["check", "lint", "analyze", "build"] {
            let out = infradoc()
                .current_dir(&dir.0)
                .args([command, "--color", "never", spec])
                .assert()
                .code(2);
            let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
            assert!(
                stderr.contains("error[E021]: unknown rule"),
                "{command}: {stderr}"
            );
            assert_eq!(stderr.matches("E021").count(), 1, "{command}: {stderr}");
        }
    }
    assert!(!dir.0.join("output").exists(), "build wrote outputs");
}

#[test]
fn a_design_named_like_the_output_index_is_refused() {
    let dir = crate::cli::TempDir::new("readme-name");
    std::fs::write(dir.0.join("r.toml"), "[design]\nname = \"README.md\"\n").unwrap();
    for command in ["check", "build"] {
        let out = infradoc()
            .current_dir(&dir.0)
            .args([command, "--color", "never", "r.toml"])
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(stderr.contains("error[E018]"), "{stderr}");
        assert!(
            stderr.contains("output folder's index of designs"),
            "{stderr}"
        );
    }
    assert!(!dir.0.join("output").exists(), "build wrote outputs");
}

#[test]
fn rules_and_explain_document_every_rule() {
    let out = infradoc().arg("rules").assert().code(0);
    insta::assert_snapshot!("rules", String::from_utf8_lossy(&out.get_output().stdout));
    for meta in registry::all() {
        let out = infradoc().args(["explain", meta.name]).assert().code(0);
        let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(
            text.starts_with(&format!("{} {}", meta.code, meta.name)),
            "{text}"
        );
        assert!(text.contains("## Why is this bad?"));
    }
}

#[test]
fn analyze_shows_blast_radius_and_availability() {
    let specs: Vec<String> = classic_specs().iter().map(|p| crate::relative(p)).collect();
    let out = infradoc().arg("analyze").args(&specs).assert().code(0);
    insta::assert_snapshot!(
        "analyze-classic",
        String::from_utf8_lossy(&out.get_output().stdout)
    );
    let out = infradoc()
        .args(["analyze", "--format", "json"])
        .args(&specs)
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let availability: Vec<f64> = json["specs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["availability"]["value"].as_f64().unwrap())
        .collect();
    // Redundant servers raise availability; the scale-up's three single-purpose servers, each
    // a single point of failure, lower it.
    assert!(availability[1] > availability[0], "{availability:?}");
    assert!(availability[3] < availability[1], "{availability:?}");
    assert!(
        json["specs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["availability"]["exact"] == true)
    );
    infradoc()
        .args(["analyze", "tests/fixtures/errors/self-link.toml"])
        .assert()
        .code(2);
}

/// A web server with the application server it proxies to on one host is one tier: neither
/// `colocated-tiers` nor `identical-servers` reports it (the three-zone design runs such a
/// pair in each zone); a database beside them still is, with a fix that moves only it.
#[test]
fn a_reverse_proxy_beside_its_application_server_is_one_tier() {
    let hosts = |path: &Path, rule: &str| -> Vec<String> {
        report(path)
            .active()
            .filter(|f| f.rule.name == rule)
            .map(|f| f.subject_id.clone())
            .collect()
    };
    let dir = root().join("tests/fixtures/rules");
    assert_eq!(
        hosts(&dir.join("colocated-tiers.fires.toml"), "colocated-tiers"),
        ["server-01", "server-02"]
    );
    let fires = report(&dir.join("colocated-tiers.fires.toml"));
    let proxied = fires
        .active()
        .find(|f| f.rule.name == "colocated-tiers" && f.subject_id == "server-02")
        .unwrap();
    assert!(
        proxied
            .fix
            .starts_with("move the database to a host of its own"),
        "{}",
        proxied.fix
    );
    for spec in [
        "specs/three-zone-web-service.toml",
        "specs/intranet-vpn-bastion.toml",
    ] {
        for rule in ["colocated-tiers", "identical-servers"] {
            let found = hosts(&root().join(spec), rule);
            assert!(found.is_empty(), "{spec}: {rule} on {found:?}");
        }
    }
    for (spec, want) in [
        ("specs/0-simple_web_stack.toml", &["server-01"][..]),
        (
            "specs/1-distributed_web_infrastructure.toml",
            &["web-01", "web-02"][..],
        ),
    ] {
        assert_eq!(hosts(&root().join(spec), "colocated-tiers"), want, "{spec}");
    }
}
