//! Applies the spec's lint settings: `[lint] ignore`, `[lint] severity` and `allow` entries.

use crate::diagnostic::{Code, Diagnostic, Severity, Spanned, did_you_mean};
use crate::model::{Allow, Design};
use crate::spec::vocabulary::Level;

use super::finding::{Finding, Suppression};
use super::registry;
use super::rule::{RuleMeta, Subject};

/// What the spec says about one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Default,
    Off,
    Severity(Severity),
}

/// Resolves rule names in the spec's settings; unknown names become diagnostics.
pub fn settings(
    design: &Design,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(&'static RuleMeta, Setting)> {
    let mut settings: Vec<_> = registry::all().map(|m| (m, Setting::Default)).collect();
    let mut set = |rule: &Spanned<String>, setting: Setting, diagnostics: &mut Vec<Diagnostic>| {
        let meta = resolve(rule, diagnostics);
        if let Some(entry) = settings
            .iter_mut()
            .find(|(m, _)| meta.is_some_and(|meta| m.code == meta.code))
        {
            entry.1 = setting;
        }
    };
    for rule in &design.lint.ignore {
        set(rule, Setting::Off, diagnostics);
    }
    for (rule, level) in &design.lint.severity {
        let setting = match level {
            Level::Off => Setting::Off,
            Level::Error => Setting::Severity(Severity::Error),
            Level::Warning => Setting::Severity(Severity::Warning),
            Level::Info => Setting::Severity(Severity::Info),
        };
        set(rule, setting, diagnostics);
    }
    for rule in design.answer.iter().flat_map(|a| &a.issues) {
        resolve(rule, diagnostics);
    }
    let allows = design
        .hosts
        .iter()
        .flat_map(|h| &h.allow)
        .chain(design.components.iter().flat_map(|c| &c.allow))
        .chain(design.dns.iter().flat_map(|d| &d.allow))
        .chain(design.links.iter().flat_map(|l| &l.allow))
        .chain(design.zones.iter().flat_map(|z| &z.allow));
    // A `[[links]]` entry with several ends becomes several links sharing its entries: check
    // each entry once.
    let mut seen = std::collections::HashSet::new();
    for allow in allows {
        if seen.insert((allow.rule.span.start, allow.rule.span.end)) {
            resolve(&allow.rule, diagnostics);
        }
    }
    settings
}

/// The unknown rule names in the spec's settings. Every command reports them (the compile
/// step runs this on each design), so a spec gets one verdict whether it is checked, built or
/// linted.
pub fn unknown_rules(design: &Design) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    settings(design, &mut diagnostics);
    diagnostics
}

fn resolve(rule: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) -> Option<&'static RuleMeta> {
    let found = registry::find(&rule.value);
    if found.is_none() {
        let names = registry::all().flat_map(|m| [m.name, m.code]);
        let help = match did_you_mean(&rule.value, names) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "`infradoc rules` lists every rule".to_string(),
        };
        diagnostics.push(
            Diagnostic::error(Code::UnknownRule, format!("unknown rule `{}`", rule.value))
                .at(rule.span, "no rule has this code or name")
                .help(help),
        );
    }
    found
}

/// Marks findings accepted by an `allow` entry of their host, component, link, DNS record or zone
/// (or of another subject the rule names, such as the link a load balancer finding is about).
/// An entry whose `until` date is before `today` no longer applies, and the finding says so.
pub fn apply_allows(design: &Design, finding: &mut Finding, today: &str) {
    let allows_of = |subject: Subject| -> &[Allow] {
        match subject {
            Subject::Host(h) => &design.host(h).allow,
            Subject::Component(c) => &design.component(c).allow,
            Subject::Link(l) => &design.links[l].allow,
            Subject::Dns(d) => &design.dns[d].allow,
            Subject::Zone(z) => &design.zone(z).allow,
            Subject::Design => &[],
        }
    };
    let matching = std::iter::once(finding.subject)
        .chain(finding.allowed_on.iter().copied())
        .flat_map(allows_of)
        .find(|a| registry::find(&a.rule.value).is_some_and(|m| m.code == finding.rule.code));
    let Some(allow) = matching else {
        return;
    };
    match &allow.until {
        Some(until) if until.as_str() < today => finding.notes.push(format!(
            "the accepted exception expired on {until} (reason given: {})",
            allow.reason
        )),
        _ => {
            finding.suppressed = Some(Suppression {
                reason: allow.reason.clone(),
                until: allow.until.clone(),
            })
        }
    }
}
