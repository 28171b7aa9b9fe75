//! `infradoc lint`: check designs against the rules, for people and for CI.

use std::path::PathBuf;

use clap::ValueEnum;

use crate::diagnostic::{ColorChoice, Severity, render_human};
use crate::report::{self, Outcome};

use super::output::{self, Exit, count};

/// Check designs against the design rules (single points of failure, HTTPS, firewalls,
/// monitoring, scaling...).
///
/// Findings are sorted by severity, rule code and subject. Exits 1 when a finding reaches
/// --fail-on, 2 when a spec is invalid. `infradoc rules` lists the rules; accept a finding
/// with an `allow` entry on its host or component, or turn a rule off under [lint].
///
/// Example: infradoc lint specs/*.toml --format sarif > infradoc.sarif
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Spec files to lint.
    #[arg(required = true, value_name = "SPEC")]
    specs: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,

    /// Pass over TOML files that have no `[design]` table (Cargo.toml, pyproject.toml...), for
    /// hooks that hand every *.toml to infradoc.
    #[arg(long)]
    skip_non_specs: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Source snippets with the subject underlined, on stdout.
    Human,
    /// One JSON document with findings and failure analysis (docs/lint.md).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions annotations (::error file=...,line=...::).
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    /// Never fail because of findings.
    Never,
}

impl FailOn {
    fn reached_by(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity == Severity::Error,
            FailOn::Warning => severity <= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

pub fn run(args: Args, when: output::ColorWhen) -> anyhow::Result<Exit> {
    let color = output::color_choice(when, output::Stream::Stderr);
    let today = super::today::today();
    let compiled = output::load_specs(&args.specs, args.skip_non_specs);
    let reports: Vec<_> = compiled
        .iter()
        .map(|c| c.design.as_ref().map(|d| crate::lint::lint(d, &today)))
        .collect();
    let mut exit = Exit::Clean;
    let mut outcomes = Vec::new();
    for (c, report) in compiled.iter().zip(&reports) {
        match (&c.design, report) {
            (Some(design), Some(report)) if report.diagnostics.is_empty() => {
                if report.active().any(|f| args.fail_on.reached_by(f.severity)) {
                    exit = exit.max(Exit::Findings);
                }
                outcomes.push(Outcome::Linted {
                    source: &c.source,
                    design,
                    report,
                });
            }
            (_, Some(report)) => {
                exit = Exit::Invalid;
                outcomes.push(Outcome::Invalid {
                    source: &c.source,
                    diagnostics: &report.diagnostics,
                });
            }
            _ => {
                exit = Exit::Invalid;
                outcomes.push(Outcome::Invalid {
                    source: &c.source,
                    diagnostics: &c.diagnostics,
                });
            }
        }
    }
    match args.format {
        Format::Human => {
            // Findings go to stdout, so colour follows stdout there.
            human(
                &outcomes,
                output::color_choice(when, output::Stream::Stdout),
                color,
            );
            return Ok(exit);
        }
        Format::Json => output::stdout(&report::render_json(&outcomes)),
        Format::Sarif => output::stdout(&report::render_sarif(&outcomes)),
        Format::Github => output::stdout(&report::render_github(&outcomes)),
    }
    // The report on stdout carries the spec errors too, but a CI log shows stderr: a run that
    // fails because a spec is invalid says so there, where the person reading the log looks.
    for outcome in &outcomes {
        if let Outcome::Invalid {
            source,
            diagnostics,
        } = outcome
        {
            output::diagnostics(source, diagnostics, output::MessageFormat::Human, color);
        }
    }
    Ok(exit)
}

/// Findings on stdout, spec errors on stderr, a summary line per design.
/// Findings on stdout, spec errors on stderr (each in its stream's colour), a summary line per
/// design.
fn human(outcomes: &[Outcome<'_>], color: ColorChoice, errors_color: ColorChoice) {
    for outcome in outcomes {
        match outcome {
            Outcome::Linted {
                source,
                design,
                report,
            } => {
                let shown: Vec<_> = report.active().map(|f| f.to_diagnostic()).collect();
                let mut text = render_human(source, &shown, color);
                let accepted = report.findings.len() - shown.len();
                let mut summary = format!(
                    "{}: {}: {}, {}, {}",
                    source.name,
                    design.name,
                    count(report.count(Severity::Error), "error", "errors"),
                    count(report.count(Severity::Warning), "warning", "warnings"),
                    count(report.count(Severity::Info), "info", "info"),
                );
                if accepted > 0 {
                    summary.push_str(&format!(" ({accepted} accepted)"));
                }
                text.push_str(&summary);
                text.push('\n');
                output::stdout(&text);
            }
            Outcome::Invalid {
                source,
                diagnostics,
            } => {
                output::diagnostics(
                    source,
                    diagnostics,
                    output::MessageFormat::Human,
                    errors_color,
                );
            }
        }
    }
}
