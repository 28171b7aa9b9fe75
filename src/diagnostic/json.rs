//! Renders diagnostics as JSON lines for machines: one object per diagnostic.

use serde::Serialize;

use super::{Diagnostic, SourceFile, Span};

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    code: &'a str,
    severity: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location<'a>>,
    related: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

#[derive(Serialize)]
pub struct Location<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    label: &'a str,
}

pub fn location<'a>(source: &SourceFile, span: Span, label: &'a str) -> Location<'a> {
    let start = source.line_col(span.start);
    let end = source.line_col(span.end);
    Location {
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        byte_start: span.start,
        byte_end: span.end,
        label,
    }
}

/// One JSON object per line, in the order given.
pub fn render_json(source: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        // Serialising plain strings and integers cannot fail.
        if let Ok(line) = serde_json::to_string(&to_json(source, d)) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// A diagnostic as a JSON value: file, code, severity, message, location, related, help.
pub fn to_json(source: &SourceFile, d: &Diagnostic) -> serde_json::Value {
    let json = JsonDiagnostic {
        file: &source.name,
        code: d.code,
        severity: d.severity.as_str(),
        message: &d.message,
        location: d
            .primary
            .as_ref()
            .map(|l| location(source, l.span, &l.message)),
        related: d
            .secondary
            .iter()
            .map(|l| location(source, l.span, &l.message))
            .collect(),
        notes: &d.notes,
        help: d.help.as_deref(),
    };
    serde_json::to_value(json).unwrap_or_default()
}
