//! Problems found in a user's spec, as data: a code, a severity, a message and located labels.
//!
//! Stages never print. They return diagnostics; `render_human` and `render_json` turn them into
//! text for people and for machines.

mod code;
mod human;
mod json;
mod printable;
mod source;
mod suggest;

pub use code::Code;
pub use human::{ColorChoice, render_human};
pub use json::{location, render_json, to_json};
pub use printable::{is_unprintable, printable, same_width};
pub use source::{LineCol, SourceFile};
pub use suggest::{SUGGESTION_BUDGET, did_you_mean, did_you_mean_within, help_for};

use serde::Serialize;

/// A byte range in a spec's source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A value together with where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spanned<T> {
    pub value: T,
    #[serde(skip)]
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A located remark attached to a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One problem: what is wrong, where, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Where the problem is; `None` for whole-file problems such as a missing file.
    pub primary: Option<Label>,
    pub secondary: Vec<Label>,
    /// Extra facts, printed as `= note:` lines.
    pub notes: Vec<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error in the user's spec, with the stable code that `infradoc explain` documents.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.as_str(),
            severity: Severity::Error,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn at(mut self, span: Span, label: impl Into<String>) -> Self {
        self.primary = Some(Label {
            span,
            message: label.into(),
        });
        self
    }

    pub fn also(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: label.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The order diagnostics are reported in: by position in the file, then by code.
    pub fn sort_key(&self) -> (usize, &'static str, &str) {
        let start = self.primary.as_ref().map_or(0, |l| l.span.start);
        (start, self.code, &self.message)
    }
}

/// Puts diagnostics in reporting order and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}
