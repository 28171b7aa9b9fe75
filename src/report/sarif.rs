//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning ingests it. Every rule is described
//! with its documentation; accepted findings are kept and marked as suppressed in source.

use serde_json::{Value, json};

use crate::diagnostic::Severity;
use crate::lint::registry;

use super::{Outcome, uri};

pub fn render_sarif(outcomes: &[Outcome<'_>]) -> String {
    let rules: Vec<Value> = registry::all()
        .map(|m| {
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.summary },
                "help": { "text": m.documentation(), "markdown": m.documentation() },
                "defaultConfiguration": { "level": level(m.severity) },
                "properties": { "tags": [m.category.as_str()] },
            })
        })
        .collect();
    let codes: Vec<&str> = registry::all().map(|m| m.code).collect();
    let mut results = Vec::new();
    for outcome in outcomes {
        let Outcome::Linted { source, report, .. } = outcome else {
            continue;
        };
        for f in &report.findings {
            let mut result = json!({
                "ruleId": f.rule.code,
                "ruleIndex": codes.iter().position(|c| *c == f.rule.code),
                "level": level(f.severity),
                "message": { "text": format!("{}\nhelp: {}", f.message, f.fix) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(source) },
                    }
                }],
            });
            if let Some(span) = f.span {
                let (start, end) = (source.line_col(span.start), source.line_col(span.end));
                result["locations"][0]["physicalLocation"]["region"] = json!({
                    "startLine": start.line,
                    "startColumn": start.column,
                    "endLine": end.line,
                    "endColumn": end.column,
                });
            }
            if let Some(s) = &f.suppressed {
                result["suppressions"] = json!([{ "kind": "inSource", "justification": s.reason }]);
            }
            results.push(result);
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
            "results": results,
        }],
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&log).unwrap_or_default()
    )
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}
