//! `infradoc analyze`: what each failure takes down, and the site's availability.

use std::path::PathBuf;

use clap::ValueEnum;
use serde_json::json;

use crate::analysis::{self, Availability, FailureAnalysis};
use crate::diagnostic::ColorChoice;
use crate::model::Design;

use super::output::{self, Exit, MessageFormat};

/// Show what each region, availability zone, host and component takes down when it fails
/// (blast radius), and estimate the site's availability from each part's own.
///
/// Availability assumes independent failures of hosts, components and zones, a host failing
/// with its zones, and, unless one sets `availability`, a default per kind (hosts 99.9%,
/// availability zones 99.95%, regions 99.99%; managed services their own); docs/lint.md lists
/// them. It gives two figures: the site up, and the site up and accepting writes.
///
/// Example: infradoc analyze specs/1-distributed_web_infrastructure.toml
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Spec files to analyse.
    #[arg(required = true, value_name = "SPEC")]
    specs: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A table per design.
    Human,
    /// One JSON document: availability and blast radius per design.
    Json,
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<Exit> {
    let today = super::today::today();
    let mut exit = Exit::Clean;
    let mut text = String::new();
    let mut specs = Vec::new();
    for path in &args.specs {
        let compiled = output::compile(path, MessageFormat::Human, color);
        let Some(design) = &compiled.design else {
            exit = Exit::Invalid;
            continue;
        };
        let availability = analysis::estimate(design);
        match args.format {
            Format::Human => {
                let failures = FailureAnalysis::new(design);
                text.push_str(&human(
                    &compiled.source.name,
                    design,
                    &failures,
                    availability,
                ));
            }
            Format::Json => {
                let report = crate::lint::lint(design, &today);
                specs.push(json!({
                    "file": compiled.source.name,
                    "design": design.name,
                    "availability": {
                        "value": availability.value,
                        "percent": availability.percent(),
                        "downtime_hours_per_year": availability.downtime_hours_per_year(),
                        "writes": availability.writes,
                        "writes_percent": availability.writes_percent(),
                        "read_only_hours_per_year": availability.read_only_hours_per_year(),
                        "exact": availability.exact,
                    },
                    "failures": crate::report::failures_json(design, &report),
                }));
            }
        }
    }
    match args.format {
        Format::Human => output::stdout(&text),
        Format::Json => {
            let document = json!({ "version": 1, "specs": specs });
            output::stdout(&format!("{}\n", serde_json::to_string_pretty(&document)?));
        }
    }
    Ok(exit)
}

fn human(
    file: &str,
    design: &Design,
    failures: &FailureAnalysis,
    availability: Availability,
) -> String {
    let names = |blast: analysis::Blast| -> String { blast.describe(design, |id| id.to_string()) };
    let effect = |impact: &analysis::Impact| -> String {
        if impact.site_down {
            "site down".to_string()
        } else if impact.is_cut() {
            let lost: Vec<&str> = impact
                .lost
                .iter()
                .map(|k| crate::spec::Vocabulary::as_str(*k))
                .collect();
            let writes = if impact.read_only() {
                "; writes fail"
            } else {
                ""
            };
            format!("loses {}{writes}", lost.join(", "))
        } else if impact.writes_lost {
            "read-only: writes fail".to_string()
        } else {
            "degraded".to_string()
        }
    };
    let mut rows: Vec<(String, String, String)> = Vec::new();
    // Regions, then availability zones: each fails with everything in it.
    for z in zone_order(design) {
        let (Some(impact), unreachable) =
            (failures.zone(z), failures.unreachable_without_zone(z, 12))
        else {
            continue;
        };
        if !unreachable.is_empty() {
            let zone = design.zone(z);
            rows.push((
                format!("{} {}", zone_word(zone.kind), zone.id),
                effect(impact),
                names(unreachable),
            ));
        }
    }
    for h in design.host_ids() {
        let unreachable = failures.unreachable_without_host(design, h, 12);
        if !unreachable.is_empty() {
            rows.push((
                format!("host {}", design.host(h).id),
                effect(failures.host(h)),
                names(unreachable),
            ));
        }
    }
    for c in design.component_ids() {
        if design.component(c).kind == crate::model::Kind::Client {
            continue;
        }
        let unreachable = failures.unreachable_without_component(c, 12);
        if !unreachable.is_empty() {
            rows.push((
                design.component(c).id.clone(),
                effect(failures.component(c)),
                names(unreachable),
            ));
        }
    }
    let w0 = rows
        .iter()
        .map(|r| r.0.len())
        .max()
        .unwrap_or(0)
        .max("fails".len());
    let w1 = rows
        .iter()
        .map(|r| r.1.len())
        .max()
        .unwrap_or(0)
        .max("effect".len());
    let mut out = format!("{file}: {}\n\n", design.name);
    out.push_str(&format!(
        "  {:<w0$}  {:<w1$}  cannot be reached\n",
        "fails", "effect"
    ));
    for (what, effect, lost) in rows {
        out.push_str(&format!("  {what:<w0$}  {effect:<w1$}  {lost}\n"));
    }
    out.push_str(&format!(
        "\navailability: {:.4}% ({:.1} hours of downtime a year{})\n",
        availability.percent(),
        availability.downtime_hours_per_year(),
        if availability.exact {
            ""
        } else {
            "; tier-model estimate"
        }
    ));
    out.push_str(&format!(
        "accepting writes: {:.4}% ({:.1} hours a year up but read-only)\n\n",
        availability.writes_percent(),
        availability.read_only_hours_per_year(),
    ));
    out
}

/// The zones that fail as a whole, regions first, then availability zones, each by id.
pub(super) fn zone_order(design: &Design) -> Vec<crate::model::ZoneId> {
    let mut zones: Vec<_> = design
        .zone_ids()
        .filter(|&z| analysis::zones::is_failure_unit(design.zone(z).kind))
        .collect();
    zones.sort_by_key(|&z| design.zone(z).kind != crate::spec::ZoneKind::Region);
    zones
}

/// "region", or "zone" for an availability zone, at the head of a row.
fn zone_word(kind: crate::spec::ZoneKind) -> &'static str {
    match kind {
        crate::spec::ZoneKind::Region => "region",
        _ => "zone",
    }
}
