//! What a rule is: its identity (code, name, category, severity, documentation) and its check.

use serde::Serialize;

use crate::analysis::FailureAnalysis;
use crate::diagnostic::{Severity, Span};
use crate::model::{ComponentId, Design, HostId, ZoneId};

/// What a rule protects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Availability,
    Security,
    Observability,
    Scalability,
    Correctness,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Availability => "availability",
            Category::Security => "security",
            Category::Observability => "observability",
            Category::Scalability => "scalability",
            Category::Correctness => "correctness",
        }
    }
}

/// A rule's identity and documentation, fixed at compile time.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, such as `A001`.
    pub code: &'static str,
    /// Stable kebab-case name, such as `single-point-of-failure`.
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// The rule's doc comment: What it does / Why is this bad? / Example / Use instead.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The "Why is this bad?" section of the documentation, as one paragraph.
    pub fn why(&self) -> String {
        let doc = self.documentation();
        let Some(start) = doc.find("## Why is this bad?") else {
            return String::new();
        };
        let section = &doc[start + "## Why is this bad?".len()..];
        let end = section.find("\n## ").unwrap_or(section.len());
        section[..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The documentation with the doc comment's leading space removed from each line.
    pub fn documentation(&self) -> String {
        self.doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }
}

/// What a finding is about; its span and id come from here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    Design,
    Dns(usize),
    Host(HostId),
    Component(ComponentId),
    Link(usize),
    /// A region, an availability zone or a network.
    Zone(ZoneId),
}

/// What a rule's check reports; the engine adds the rule, severity, span and suppression.
#[derive(Debug, Clone)]
pub struct Hit {
    pub subject: Subject,
    pub message: String,
    pub fix: String,
    pub notes: Vec<String>,
    pub related: Vec<(Span, String)>,
    /// Other things whose `allow` entries accept the finding too (the links a finding about
    /// a component is about).
    pub allowed_on: Vec<Subject>,
    /// Findings of other rules (code, subject) that tell the same problem: when one of them
    /// is reported, accepted or not, this hit is dropped, so the problem is told once.
    pub told_by: Vec<(&'static str, Subject)>,
}

impl Hit {
    pub fn new(subject: Subject, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Hit {
            subject,
            message: message.into(),
            fix: fix.into(),
            notes: Vec::new(),
            related: Vec::new(),
            allowed_on: Vec::new(),
            told_by: Vec::new(),
        }
    }

    /// The finding of rule `code` on `subject`, when that rule reports it, tells this
    /// problem already: drop this hit then. When the rule is off or finds nothing there, the
    /// hit stands.
    pub fn told_by(mut self, code: &'static str, subject: Subject) -> Self {
        self.told_by.push((code, subject));
        self
    }

    /// An `allow` entry on `subject` accepts the finding as well.
    pub fn allowed_on(mut self, subject: Subject) -> Self {
        self.allowed_on.push(subject);
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn related(mut self, span: Option<Span>, label: impl Into<String>) -> Self {
        if let Some(span) = span {
            self.related.push((span, label.into()));
        }
        self
    }
}

/// What a check can look at.
pub struct Context<'a> {
    pub design: &'a Design,
    pub failures: &'a FailureAnalysis,
    /// [`Design::site`], worked out once: finding it looks at DNS records and links.
    pub site: String,
}

impl Context<'_> {
    /// "www.foobar.com", or the domain, or the design's name: never free text, so messages
    /// hold only checked names and can go into Markdown as they are.
    pub fn site(&self) -> String {
        self.site.clone()
    }
}

/// A design rule.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>);
}

/// Declares a rule struct whose doc comment is also its `RuleMeta::doc`.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        pub struct $name:ident {
            code: $code:literal,
            name: $kebab:literal,
            category: $category:ident,
            severity: $severity:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::lint::rule::RuleMeta = $crate::lint::rule::RuleMeta {
                code: $code,
                name: $kebab,
                category: $crate::lint::rule::Category::$category,
                severity: $crate::diagnostic::Severity::$severity,
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}

pub(crate) use declare_rule;
