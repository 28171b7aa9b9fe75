//! A finding: a rule's hit, located in the spec, with its severity and whether it is accepted.

use crate::diagnostic::{Diagnostic, Label, Severity, Span};
use crate::model::Design;

use super::rule::{Hit, RuleMeta, Subject};

/// An accepted finding: the reason given in the spec's `allow` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub reason: String,
    pub until: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub subject: Subject,
    /// The id of what the finding is about: a host or component id, a DNS name, a link.
    pub subject_id: String,
    pub message: String,
    pub fix: String,
    pub notes: Vec<String>,
    pub span: Option<Span>,
    pub related: Vec<(Span, String)>,
    /// Other subjects whose `allow` entries accept the finding.
    pub allowed_on: Vec<Subject>,
    pub suppressed: Option<Suppression>,
}

impl Finding {
    pub fn new(rule: &'static RuleMeta, severity: Severity, hit: Hit, design: &Design) -> Self {
        let (subject_id, span) = locate(design, hit.subject);
        Finding {
            rule,
            severity,
            subject: hit.subject,
            subject_id,
            message: hit.message,
            fix: hit.fix,
            notes: hit.notes,
            span,
            related: hit.related,
            allowed_on: hit.allowed_on,
            suppressed: None,
        }
    }

    /// The documented order of findings: severity (errors first), rule code, subject id,
    /// message. It does not depend on the order of declarations in the spec.
    pub fn sort_key(&self) -> (Severity, &'static str, &str, &str) {
        (
            self.severity,
            self.rule.code,
            &self.subject_id,
            &self.message,
        )
    }

    /// The finding as a diagnostic, for the human renderer.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            code: self.rule.code,
            severity: self.severity,
            message: self.message.clone(),
            primary: self.span.map(|span| Label {
                span,
                message: self.rule.name.to_string(),
            }),
            secondary: self
                .related
                .iter()
                .map(|(span, message)| Label {
                    span: *span,
                    message: message.clone(),
                })
                .collect(),
            notes: self.notes.clone(),
            help: Some(self.fix.clone()),
        }
    }
}

fn locate(design: &Design, subject: Subject) -> (String, Option<Span>) {
    match subject {
        Subject::Design => (design.name.clone(), None),
        Subject::Dns(i) => (design.dns[i].fqdn.clone(), Some(design.dns[i].span)),
        Subject::Host(h) => {
            let host = design.host(h);
            (host.id.clone(), Some(host.span))
        }
        Subject::Component(c) => {
            let component = design.component(c);
            (component.id.clone(), component.span)
        }
        Subject::Zone(z) => {
            let zone = design.zone(z);
            (zone.id.clone(), Some(zone.span))
        }
        Subject::Link(i) => {
            let link = &design.links[i];
            let id = format!(
                "{} -> {}",
                design.component(link.from).id,
                design.component(link.to).id
            );
            (id, Some(link.span))
        }
    }
}
