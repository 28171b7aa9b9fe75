//! `--format github`: GitHub Actions workflow commands, which annotate the spec's lines in a
//! pull request. Accepted findings are left out.

use crate::diagnostic::Severity;

use super::{Outcome, shown_path};

pub fn render_github(outcomes: &[Outcome<'_>]) -> String {
    let mut out = String::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Linted { source, report, .. } => {
                for f in report.active() {
                    let level = match f.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "notice",
                    };
                    let mut properties = vec![format!("file={}", property(&shown_path(source)))];
                    if let Some(span) = f.span {
                        let (start, end) = (source.line_col(span.start), source.line_col(span.end));
                        properties.push(format!(
                            "line={},col={},endLine={},endColumn={}",
                            start.line, start.column, end.line, end.column
                        ));
                    }
                    properties.push(format!(
                        "title={}",
                        property(&format!("{} {}", f.rule.code, f.rule.name))
                    ));
                    let text = format!("{}\nhelp: {}", f.message, f.fix);
                    out.push_str(&format!(
                        "::{level} {}::{}\n",
                        properties.join(","),
                        data(&text)
                    ));
                }
            }
            Outcome::Invalid {
                source,
                diagnostics,
            } => {
                for d in *diagnostics {
                    let mut properties = vec![format!("file={}", property(&shown_path(source)))];
                    if let Some(label) = &d.primary {
                        let at = source.line_col(label.span.start);
                        properties.push(format!("line={},col={}", at.line, at.column));
                    }
                    properties.push(format!("title={}", property(d.code)));
                    out.push_str(&format!(
                        "::error {}::{}\n",
                        properties.join(","),
                        data(&d.message)
                    ));
                }
            }
        }
    }
    out
}

/// Escapes a message, as the workflow-command parser expects.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, where `:` and `,` are separators too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
