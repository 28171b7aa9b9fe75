//! Renders diagnostics for people: the message, file:line:column, the source line with the
//! offending part marked, and the help line.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor};

use super::{Diagnostic, Severity, SourceFile};

/// Whether rendered diagnostics carry ANSI colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Always,
    Never,
}

/// Renders every diagnostic of one file, in order, into one string.
pub fn render_human(source: &SourceFile, diagnostics: &[Diagnostic], color: ColorChoice) -> String {
    let file = SimpleFile::new(source.name.as_str(), source.text.as_str());
    let config = term::Config::default();
    let mut out = String::new();
    for diagnostic in diagnostics {
        let converted = convert(diagnostic, source);
        let rendered = match color {
            ColorChoice::Never => term::emit_into_string(&config, &file, &converted),
            ColorChoice::Always => {
                let styles = term::Styles::default();
                let mut buffer = termcolor::Buffer::ansi();
                let mut writer = term::StylesWriter::new(&mut buffer, &styles);
                term::emit_to_write_style(&mut writer, &config, &file, &converted)
                    .map(|()| String::from_utf8_lossy(buffer.as_slice()).into_owned())
            }
        };
        // Spans are clamped in `convert`, so rendering can only fail on a bug in the
        // renderer; fall back to a one-line form rather than lose the message.
        out.push_str(&rendered.unwrap_or_else(|_| one_line(diagnostic, source)));
    }
    out
}

fn one_line(d: &Diagnostic, source: &SourceFile) -> String {
    let at = d.primary.as_ref().map(|l| source.line_col(l.span.start));
    match at {
        Some(at) => format!(
            "{}[{}]: {}:{}:{}: {}\n",
            d.severity.as_str(),
            d.code,
            source.name,
            at.line,
            at.column,
            d.message
        ),
        None => format!("{}[{}]: {}\n", d.severity.as_str(), d.code, d.message),
    }
}

fn convert(d: &Diagnostic, source: &SourceFile) -> cs::Diagnostic<()> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Info => cs::Severity::Note,
    };
    let len = source.text.len();
    let clamp = |span: super::Span| {
        let start = span.start.min(len);
        start..span.end.clamp(start, len)
    };
    let mut labels = Vec::new();
    if let Some(p) = &d.primary {
        labels.push(cs::Label::primary((), clamp(p.span)).with_message(&p.message));
    }
    for s in &d.secondary {
        labels.push(cs::Label::secondary((), clamp(s.span)).with_message(&s.message));
    }
    let mut notes: Vec<String> = d.notes.iter().map(|n| format!("note: {n}")).collect();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    if d.primary.is_none() {
        notes.insert(0, format!("in {}", source.name));
    }
    cs::Diagnostic::new(severity)
        .with_code(d.code)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}
