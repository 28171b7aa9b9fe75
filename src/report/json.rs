//! `--format json`: one document for the whole run, shaped as docs/lint.md describes.

use serde_json::{Value, json};

use crate::diagnostic::{Severity, SourceFile, location, to_json};
use crate::lint::{Finding, Report};
use crate::model::Design;

use super::Outcome;

pub fn render_json(outcomes: &[Outcome<'_>]) -> String {
    let specs: Vec<Value> = outcomes
        .iter()
        .map(|outcome| match outcome {
            Outcome::Linted {
                source,
                design,
                report,
            } => spec(source, design, report),
            Outcome::Invalid {
                source,
                diagnostics,
            } => json!({
                "file": source.name,
                "errors": diagnostics.iter().map(|d| to_json(source, d)).collect::<Vec<_>>(),
            }),
        })
        .collect();
    let document = json!({ "version": 1, "specs": specs });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&document).unwrap_or_default()
    )
}

fn spec(source: &SourceFile, design: &Design, report: &Report) -> Value {
    json!({
        "file": source.name,
        "design": design.name,
        "summary": {
            "error": report.count(Severity::Error),
            "warning": report.count(Severity::Warning),
            "info": report.count(Severity::Info),
            "suppressed": report.findings.iter().filter(|f| f.suppressed.is_some()).count(),
        },
        "findings": report.findings.iter().map(|f| finding(source, f)).collect::<Vec<_>>(),
        "failures": failures(design, report),
    })
}

fn finding(source: &SourceFile, f: &Finding) -> Value {
    json!({
        "code": f.rule.code,
        "rule": f.rule.name,
        "category": f.rule.category.as_str(),
        "severity": f.severity.as_str(),
        "subject": f.subject_id,
        "message": f.message,
        "explanation": f.rule.why(),
        "fix": f.fix,
        "notes": f.notes,
        "location": f.span.map(|span| location(source, span, f.rule.name)),
        "suppressed": f.suppressed.as_ref().map(|s| json!({ "reason": s.reason, "until": s.until })),
    })
}

/// What each region, availability zone, host and component on the request path takes down
/// when it fails.
pub fn failures(design: &Design, report: &Report) -> Value {
    let failures = &report.failures;
    let row = |blast: crate::analysis::Blast,
               impact: &crate::analysis::Impact,
               key: &str,
               id: &str| {
        json!({
            key: id,
            "site_down": impact.site_down,
            "lost": impact.lost,
            "writes_lost": impact.writes_lost,
            "unreachable": blast.ids.iter().map(|&c| design.component(c).id.clone()).collect::<Vec<_>>(),
            "unreachable_count": blast.total,
        })
    };
    let hosts: Vec<Value> = design
        .host_ids()
        .map(|h| {
            row(
                failures.unreachable_without_host(design, h, BLAST_SAMPLE),
                failures.host(h),
                "host",
                &design.host(h).id,
            )
        })
        .collect();
    let components: Vec<Value> = design
        .component_ids()
        .filter(|&c| design.component(c).kind != crate::model::Kind::Client)
        .map(|c| (c, failures.unreachable_without_component(c, BLAST_SAMPLE)))
        .filter(|(_, blast)| !blast.is_empty())
        .map(|(c, blast)| {
            row(
                blast,
                failures.component(c),
                "component",
                &design.component(c).id,
            )
        })
        .collect();
    // Regions and availability zones, which fail with everything in them.
    let zones: Vec<Value> = design
        .zone_ids()
        .filter_map(|z| Some((z, failures.zone(z)?)))
        .map(|(z, impact)| {
            let mut value = row(
                failures.unreachable_without_zone(z, BLAST_SAMPLE),
                impact,
                "zone",
                &design.zone(z).id,
            );
            value["kind"] = json!(crate::spec::Vocabulary::as_str(design.zone(z).kind));
            value
        })
        .collect();
    json!({ "zones": zones, "hosts": hosts, "components": components })
}

/// How many unreachable ids each failure lists; `unreachable_count` has the full number.
const BLAST_SAMPLE: usize = 50;
