//! Stage 4: design rules. Each rule is one file under `rules/` whose doc comment is its user
//! documentation; `registry` lists them; the engine runs them, applies the spec's settings and
//! returns findings in a documented order.

mod config;
mod finding;
pub mod registry;
pub mod rule;
pub mod rules;

use std::collections::BTreeSet;

use crate::analysis::FailureAnalysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Design;

pub use config::unknown_rules;
pub use finding::{Finding, Suppression};
pub use rule::{Category, RuleMeta, Subject};

use config::Setting;
use rule::Context;

/// The outcome of linting one design.
#[derive(Debug)]
pub struct Report {
    /// Every finding, accepted ones included (see [`Finding::suppressed`]), sorted by
    /// [`Finding::sort_key`].
    pub findings: Vec<Finding>,
    /// Problems in the spec's lint settings, such as an unknown rule name.
    pub diagnostics: Vec<Diagnostic>,
    pub failures: FailureAnalysis,
}

impl Report {
    /// Findings that are not accepted.
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppressed.is_none())
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.active().filter(|f| f.severity == severity).count()
    }
}

/// Runs every enabled rule on the design. `today` (YYYY-MM-DD) decides which `allow`
/// entries have expired.
pub fn lint(design: &Design, today: &str) -> Report {
    let failures = FailureAnalysis::new(design);
    let mut diagnostics = Vec::new();
    let settings = config::settings(design, &mut diagnostics);
    let cx = Context {
        design,
        failures: &failures,
        site: design.site(),
    };
    let mut all = Vec::new();
    for (rule, (meta, setting)) in registry::RULES.iter().zip(settings) {
        let severity = match setting {
            Setting::Off => continue,
            Setting::Default => meta.severity,
            Setting::Severity(s) => s,
        };
        let mut hits = Vec::new();
        rule.check(&cx, &mut hits);
        all.extend(hits.into_iter().map(|hit| (meta, severity, hit)));
    }
    // A problem two rules see is told by one: a hit goes when a finding it names is reported.
    let reported: BTreeSet<(&str, Subject)> = all
        .iter()
        .map(|(meta, _, hit)| (meta.code, hit.subject))
        .collect();
    let mut findings = Vec::new();
    for (meta, severity, hit) in all {
        if hit.told_by.iter().any(|told| reported.contains(told)) {
            continue;
        }
        let mut finding = Finding::new(meta, severity, hit, design);
        config::apply_allows(design, &mut finding, today);
        findings.push(finding);
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    crate::diagnostic::sort(&mut diagnostics);
    Report {
        findings,
        diagnostics,
        failures,
    }
}
