//! Renders diagnostics for people: the message, file:line:column, the source line with the
//! offending part marked, and the help line.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor};

use super::{Diagnostic, Severity, SourceFile, printable, same_width};

/// Whether rendered diagnostics carry ANSI colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Always,
    Never,
}

/// Renders every diagnostic of one file, in order, into one string.
pub fn render_human(source: &SourceFile, diagnostics: &[Diagnostic], color: ColorChoice) -> String {
    let shown = same_width(&source.text);
    let name = printable(&source.name);
    let file = Indexed {
        index: source,
        name: &name,
        text: &shown,
    };
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

/// The source file for codespan, answering line look-ups from the index the file already has:
/// codespan's own `SimpleFile` rescans the whole text for each diagnostic, which is quadratic
/// when a large spec has many findings.
/// It shows the source with unprintable characters replaced (same byte lengths, so spans hold).
struct Indexed<'a> {
    index: &'a SourceFile,
    name: &'a str,
    text: &'a str,
}

impl<'a> Files<'a> for Indexed<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.index.line_index(byte_index))
    }

    fn line_range(
        &'a self,
        (): (),
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, FilesError> {
        self.index
            .line_range(line_index)
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: self.index.line_index(self.index.text.len()),
            })
    }
}

fn one_line(d: &Diagnostic, source: &SourceFile) -> String {
    let at = d.primary.as_ref().map(|l| source.line_col(l.span.start));
    match at {
        Some(at) => format!(
            "{}[{}]: {}:{}:{}: {}\n",
            d.severity.as_str(),
            d.code,
            printable(&source.name),
            at.line,
            at.column,
            printable(&d.message)
        ),
        None => format!(
            "{}[{}]: {}\n",
            d.severity.as_str(),
            d.code,
            printable(&d.message)
        ),
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
        labels.push(cs::Label::primary((), clamp(p.span)).with_message(printable(&p.message)));
    }
    for s in &d.secondary {
        labels.push(cs::Label::secondary((), clamp(s.span)).with_message(printable(&s.message)));
    }
    let mut notes: Vec<String> = d
        .notes
        .iter()
        .map(|n| format!("note: {}", printable(n)))
        .collect();
    if let Some(help) = &d.help {
        notes.push(format!("help: {}", printable(help)));
    }
    if d.primary.is_none() {
        notes.insert(0, format!("in {}", printable(&source.name)));
    }
    cs::Diagnostic::new(severity)
        .with_code(d.code)
        .with_message(printable(&d.message))
        .with_labels(labels)
        .with_notes(notes)
}
