//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning ingests it. Every rule is described
//! with its documentation; accepted findings are kept and marked as suppressed in source; a
//! spec that cannot be linted is reported as a failed invocation with its errors located.

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Severity, SourceFile, Span};
use crate::lint::Finding;
use crate::lint::registry;
use crate::lint::rule::{Category, RuleMeta};

use super::{Outcome, artifact};

/// The base a relative artifact URI is resolved against: the checkout's root, as GitHub code
/// scanning and other SARIF viewers read it.
const SOURCE_ROOT: &str = "%SRCROOT%";

pub fn render_sarif(outcomes: &[Outcome<'_>]) -> String {
    let rules: Vec<Value> = registry::all().map(rule).collect();
    let codes: Vec<&str> = registry::all().map(|m| m.code).collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Linted { source, report, .. } => {
                for f in &report.findings {
                    let mut result = json!({
                        "ruleId": f.rule.code,
                        "ruleIndex": codes.iter().position(|c| *c == f.rule.code),
                        "level": level(f.severity),
                        "message": { "text": format!("{}\nhelp: {}", f.message, f.fix) },
                        "locations": [location(source, f.span)],
                        "partialFingerprints": { "infradocSubject/v1": fingerprint(f) },
                    });
                    if let Some(s) = &f.suppressed {
                        result["suppressions"] =
                            json!([{ "kind": "inSource", "justification": s.reason }]);
                    }
                    results.push(result);
                }
            }
            Outcome::Invalid {
                source,
                diagnostics,
            } => notifications.extend(diagnostics.iter().map(|d| notification(source, d))),
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "infradoc",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": {
                SOURCE_ROOT: { "description": { "text": "The directory infradoc was run from." } },
            },
            "results": results,
        }],
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&log).unwrap_or_default()
    )
}

fn rule(m: &RuleMeta) -> Value {
    let mut properties = json!({ "tags": [m.category.as_str()] });
    // GitHub ranks security alerts by this score (0.0-10.0; 7.0 and up is "high").
    if m.category == Category::Security {
        let score = match m.severity {
            Severity::Error => "7.5",
            Severity::Warning => "5.0",
            Severity::Info => "2.0",
        };
        properties["security-severity"] = score.into();
    }
    json!({
        "id": m.code,
        "name": m.name,
        "shortDescription": { "text": m.summary },
        "fullDescription": { "text": m.summary },
        "help": { "text": m.documentation(), "markdown": m.documentation() },
        "defaultConfiguration": { "level": level(m.severity) },
        "properties": properties,
    })
}

/// A spec error: the invocation failed for that file, and says where and why.
fn notification(source: &SourceFile, d: &Diagnostic) -> Value {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    json!({
        "level": level(d.severity),
        "message": { "text": text },
        "descriptor": { "id": d.code },
        "locations": [location(source, d.primary.as_ref().map(|l| l.span))],
    })
}

fn location(source: &SourceFile, span: Option<Span>) -> Value {
    let (uri, relative) = artifact(source);
    let mut artifact_location = json!({ "uri": uri });
    if relative {
        artifact_location["uriBaseId"] = SOURCE_ROOT.into();
    }
    let mut physical = json!({ "artifactLocation": artifact_location });
    if let Some(span) = span {
        let (start, end) = (source.line_col(span.start), source.line_col(span.end));
        physical["region"] = json!({
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column,
        });
    }
    json!({ "physicalLocation": physical })
}

/// What the finding is about rather than where it is written, so an alert survives edits that
/// move lines: rule, subject and a hash of the message (FNV-1a, stable across Rust releases,
/// unlike std's hasher), which tells apart two findings of one rule on one subject.
fn fingerprint(f: &Finding) -> String {
    let hash = f.message.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{}:{}:{hash:016x}", f.rule.code, f.subject_id)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}
