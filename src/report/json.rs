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
        "fix": f.fix,
        "notes": f.notes,
        "location": f.span.map(|span| location(source, span, f.rule.name)),
        "suppressed": f.suppressed.as_ref().map(|s| json!({ "reason": s.reason, "until": s.until })),
    })
}

/// What each host and component takes down when it fails, for the ones that take anything.
fn failures(design: &Design, report: &Report) -> Value {
    let names = |ids: &[crate::model::ComponentId]| -> Vec<&str> {
        ids.iter()
            .map(|&c| design.component(c).id.as_str())
            .collect()
    };
    let hosts: Vec<Value> = design
        .host_ids()
        .map(|h| (design.host(h).id.as_str(), report.failures.host(h)))
        .filter(|(_, impact)| !impact.unreachable.is_empty())
        .map(|(id, impact)| {
            json!({ "host": id, "site_down": impact.site_down, "lost": impact.lost, "unreachable": names(&impact.unreachable) })
        })
        .collect();
    let components: Vec<Value> = design
        .component_ids()
        .map(|c| (design.component(c).id.as_str(), report.failures.component(c)))
        .filter(|(_, impact)| impact.is_cut())
        .map(|(id, impact)| {
            json!({ "component": id, "site_down": impact.site_down, "lost": impact.lost, "unreachable": names(&impact.unreachable) })
        })
        .collect();
    json!({ "hosts": hosts, "components": components })
}
