//! Everything the write-up template shows, computed from the design, its findings and its
//! failure analysis. Text from the spec is escaped here; the template adds none of its own
//! escaping, so every value it prints is Markdown ready to use.

use serde::Serialize;

use crate::analysis::Availability;
use crate::diagnostic::Severity;
use crate::lint::Report;
use crate::model::{Design, Kind};
use crate::spec::vocabulary::{DnsType, Vocabulary};

use super::admin;
use super::background::{self, Background};
use super::changes::Changes;
use super::components::{self, ComponentView};
use super::flow;
use super::ids::Ids;
use super::markdown::{and, code, count, escape, sentence};
use super::noun;
use super::zones::{self, Zones};

/// What a template sees. docs/themes.md documents every field; a test keeps the two in step.
#[derive(Debug, Serialize)]
pub struct Context {
    /// The design's own facts, where a theme author looks first (`design.title`).
    pub design: DesignView,
    /// The same as `design.title`, `design.site`, `design.domain` and `design.notes`: the
    /// names the default template was written with, kept for the themes that use them.
    pub title: String,
    pub site: String,
    pub domain: Option<String>,
    pub overview: String,
    pub notes: Option<String>,
    pub diagram: String,
    pub counts: Counts,
    pub flow: Vec<String>,
    pub admin: Vec<String>,
    /// Where things run: none for a design that declares no zone.
    pub zones: Option<Zones>,
    pub components: Vec<ComponentView>,
    pub dns: Vec<DnsView>,
    pub hosts: Vec<String>,
    pub machines: Vec<String>,
    pub findings: Vec<SeverityGroup>,
    pub accepted: Vec<AcceptedView>,
    pub blast: Vec<BlastRow>,
    pub availability: AvailabilityView,
    pub changes: Option<Changes>,
    pub background: Background,
}

#[derive(Debug, Serialize)]
pub struct DesignView {
    /// The design's slug, also the name of its output folder.
    pub name: String,
    pub title: String,
    /// The name users type: the first DNS record, else the domain, else the design's name.
    pub site: String,
    pub domain: Option<String>,
    pub notes: Option<String>,
}

/// How many findings of each severity the write-up reports, and how many are accepted.
#[derive(Debug, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
    pub accepted: usize,
}

#[derive(Debug, Serialize)]
pub struct DnsView {
    pub record: String,
    pub explanation: String,
}

#[derive(Debug, Serialize)]
pub struct SeverityGroup {
    pub title: String,
    pub items: Vec<FindingView>,
}

#[derive(Debug, Serialize)]
pub struct FindingView {
    pub heading: String,
    pub why: String,
    pub fix: String,
    pub cases: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct AcceptedView {
    pub heading: String,
    pub message: String,
    pub reason: String,
    pub until: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct BlastRow {
    pub what: String,
    pub effect: String,
    pub unreachable: String,
}

#[derive(Debug, Serialize)]
pub struct AvailabilityView {
    pub percent: String,
    pub downtime: String,
    /// The site up and accepting writes (a database that is not a replica reachable).
    pub writes_percent: String,
    /// Whether some failures leave the site up but read-only (the two figures differ).
    pub read_only: bool,
    pub exact: bool,
}

pub fn build(
    design: &Design,
    ids: &Ids,
    report: &Report,
    availability: Availability,
    changes: Option<Changes>,
    diagram: &str,
) -> Context {
    let site = design.site();
    let facts = DesignView {
        name: escape(&design.name),
        title: escape(&design.title),
        site: escape(&site),
        domain: design.domain.as_deref().map(escape),
        notes: design.notes.as_deref().map(escape),
    };
    Context {
        title: facts.title.clone(),
        site: facts.site.clone(),
        domain: facts.domain.clone(),
        overview: overview(design, &site),
        notes: facts.notes.clone(),
        design: facts,
        diagram: diagram.to_string(),
        counts: Counts {
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            info: report.count(Severity::Info),
            accepted: report
                .findings
                .iter()
                .filter(|f| f.suppressed.is_some())
                .count(),
        },
        flow: flow::steps(design, &site),
        admin: admin::sentences(
            design,
            &report
                .active()
                .filter(|f| f.rule.name == "single-admin-path")
                .map(|f| f.subject_id.as_str())
                .collect::<Vec<_>>(),
        ),
        zones: zones::build(design, ids),
        components: components::views(design, changes.as_ref()),
        dns: dns(design),
        hosts: design.hosts.iter().map(|h| code(&h.id)).collect(),
        machines: machines(design, ids),
        findings: findings(design, ids, report),
        accepted: report
            .findings
            .iter()
            .filter_map(|f| {
                let s = f.suppressed.as_ref()?;
                Some(AcceptedView {
                    heading: format!(
                        "`{}` {} on {}",
                        f.rule.code,
                        f.rule.name,
                        code(&f.subject_id)
                    ),
                    message: ids.mark(&f.message),
                    // The template ends the sentence itself.
                    reason: escape(s.reason.trim_end_matches('.')),
                    until: s.until.clone(),
                })
            })
            .collect(),
        blast: blast(design, report),
        availability: AvailabilityView {
            percent: format!("{:.4}%", availability.percent()),
            downtime: downtime(availability.downtime_hours_per_year()),
            writes_percent: format!("{:.4}%", availability.writes_percent()),
            read_only: availability.read_only_hours_per_year() * 60.0 >= 0.5,
            exact: availability.exact,
        },
        changes,
        background: background::build(design),
    }
}

/// "every web server", "the application code".
fn every(kind: Kind) -> String {
    match kind {
        Kind::AppFiles => "the application code".to_string(),
        other => format!("every {}", countable(other)),
    }
}

/// A kind's noun as it reads after a number: "one storage service", "3 load balancers".
fn countable(kind: Kind) -> String {
    match kind {
        Kind::Storage => "storage service".to_string(),
        Kind::Backup => "backup system".to_string(),
        other => noun(other).to_string(),
    }
}

fn downtime(hours: f64) -> String {
    if hours < 1.0 {
        format!("{:.0} minutes", hours * 60.0)
    } else if hours < 48.0 {
        format!("{hours:.1} hours")
    } else {
        format!("{:.1} days", hours / 24.0)
    }
}

fn overview(design: &Design, site: &str) -> String {
    let hosts: Vec<String> = design
        .hosts
        .iter()
        .map(|h| {
            let mut s = code(&h.id);
            match (h.ip, h.public) {
                (Some(ip), true) => s.push_str(&format!(" ({ip}, public)")),
                (Some(ip), false) => s.push_str(&format!(" ({ip})")),
                (None, true) => s.push_str(" (public)"),
                (None, false) => {}
            }
            s
        })
        .collect();
    let managed: Vec<String> = design
        .components
        .iter()
        .filter(|c| c.managed)
        .map(|c| code(&c.id))
        .collect();
    let on = match (hosts.is_empty(), managed.is_empty()) {
        (true, true) => "no declared host".to_string(),
        (true, false) => format!(
            "services the provider manages ({}), with no host of its own",
            and(&managed)
        ),
        (false, true) => format!("{}: {}", count(hosts.len(), "host", "hosts"), and(&hosts)),
        (false, false) => format!(
            "{}: {}, and on services the provider manages ({})",
            count(hosts.len(), "host", "hosts"),
            and(&hosts),
            and(&managed)
        ),
    };
    let mut kinds: Vec<(Kind, usize)> = Vec::new();
    for c in &design.components {
        if c.kind == Kind::Client {
            continue;
        }
        match kinds.iter_mut().find(|(k, _)| *k == c.kind) {
            Some((_, n)) => *n += c.count as usize,
            None => kinds.push((c.kind, c.count as usize)),
        }
    }
    kinds.sort();
    let parts: Vec<String> = kinds
        .iter()
        .map(|&(k, n)| match (k, n) {
            (Kind::AppFiles, 1) => "the application code".to_string(),
            (Kind::AppFiles, n) => format!("{n} copies of the application code"),
            (k, 1) => format!("one {}", countable(k)),
            (k, n) => format!("{n} {}s", countable(k)),
        })
        .collect();
    format!(
        "{} runs on {on}. The design has {}.",
        escape(site),
        if parts.is_empty() {
            "no components yet".to_string()
        } else {
            and(&parts)
        }
    )
}

fn dns(design: &Design) -> Vec<DnsView> {
    design
        .dns
        .iter()
        .map(|d| {
            let holder = design.hosts.iter().find(|h| h.ip.map(|ip| ip.to_string()) == Some(d.value.clone()));
            let vip = design.vips.iter().find(|v| v.ip.to_string() == d.value);
            let points = match (vip, holder) {
                // The machines list says how the address moves; here, whose it is.
                (Some(v), _) => format!(", {}", flow::vip_owner(design, v)),
                (None, Some(h)) => format!(", the address of {}", code(&h.id)),
                (None, None) => String::new(),
            };
            let mut explanation = match d.record_type {
                DnsType::A => format!(
                    "An A record maps a name to an IPv4 address: {} resolves to {}{points}. It is an A record, not a CNAME, because it points straight at an address; a CNAME would make {} an alias of another name and can never hold an IP address.",
                    escape(&d.fqdn), escape(&d.value), code(&d.name)
                ),
                DnsType::Aaaa => format!("An AAAA record maps a name to an IPv6 address: {} resolves to {}{points}.", escape(&d.fqdn), escape(&d.value)),
                DnsType::Cname => format!(
                    "A CNAME record makes {} an alias of {}: resolvers look that name up instead. It cannot point at an IP address, and it cannot sit at the zone apex.",
                    escape(&d.fqdn), code(&d.value)
                ),
                DnsType::Alias => format!(
                    "An ALIAS record makes {} answer with the addresses of {}: the DNS provider looks that name up itself and returns what it finds. Unlike a CNAME it may sit at the zone apex, so the bare domain can point at a host name such as a CDN's.",
                    escape(&d.fqdn), code(&d.value)
                ),
                other => format!("{} ({})", other.describe(), escape(&d.value)),
            };
            if let Some(ttl) = d.ttl {
                explanation.push_str(&format!(" Resolvers may keep the answer for {ttl} seconds, its TTL, so a change takes up to that long to reach every user."));
            }
            if let Some(notes) = &d.notes {
                explanation.push_str(&format!(" {}", escape(notes.trim())));
            }
            if d.internal {
                explanation.push_str(" The record is internal: only the network's own resolver answers it (split horizon), so the name works only inside the network and its address is never published.");
            }
            DnsView { record: format!("{} {} {}", code(&d.name), d.record_type, code(&d.value)), explanation }
        })
        .collect()
}

/// Each host and virtual IP with its address and the spec's `why` and `notes`.
fn machines(design: &Design, ids: &Ids) -> Vec<String> {
    let own = |why: &Option<String>, notes: &Option<String>| {
        let words: Vec<String> = [why, notes]
            .into_iter()
            .flatten()
            .map(|t| escape(t.trim()))
            .collect();
        if words.is_empty() {
            ".".to_string()
        } else {
            format!(": {}", words.join(" "))
        }
    };
    let mut out: Vec<String> = design
        .hosts
        .iter()
        .map(|h| {
            let address = match (h.ip, h.public) {
                (Some(ip), true) => format!(" ({ip}, public)"),
                (Some(ip), false) => format!(" ({ip}, private)"),
                (None, true) => " (public)".to_string(),
                (None, false) => String::new(),
            };
            let mut line = format!("{}{address}{}", code(&h.id), own(&h.why, &h.notes));
            line = ids.mark(&line);
            if !line.ends_with('.') {
                line.push('.');
            }
            line
        })
        .collect();
    out.extend(design.vips.iter().map(|v| {
        let mut line = format!(
            "{} ({}) is {}.{}",
            code(&v.ip.to_string()),
            code(&v.id),
            flow::vip_phrase(design, v),
            own(&v.why, &v.notes).trim_start_matches(['.', ':'])
        );
        if !line.ends_with('.') {
            line.push('.');
        }
        ids.mark(&line)
    }));
    out
}

/// Active findings by severity, then by rule: the rule's explanation and fix once, then each
/// case it found, as sentences with ids in code font.
fn findings(design: &Design, ids: &Ids, report: &Report) -> Vec<SeverityGroup> {
    use super::answer::fix;
    let spofs: Vec<&crate::lint::Finding> = report
        .active()
        .filter(|f| f.rule.name == "single-point-of-failure")
        .collect();
    let spof_promotes = super::answer::spof_fix_promotes(design, &spofs);
    [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Notes"),
    ]
    .into_iter()
    .filter_map(|(severity, title)| {
        let mut rules: Vec<&'static crate::lint::RuleMeta> = Vec::new();
        for f in report.active().filter(|f| f.severity == severity) {
            if !rules.iter().any(|r| r.code == f.rule.code) {
                rules.push(f.rule);
            }
        }
        let items: Vec<FindingView> = rules
            .into_iter()
            .map(|rule| {
                let found: Vec<&crate::lint::Finding> = report
                    .active()
                    .filter(|f| f.severity == severity && f.rule.code == rule.code)
                    .collect();
                // Rule messages hold only ids and checked names, with code spans meant as
                // Markdown; an expired exception's note quotes the spec's reason, escaped.
                let cases = found
                    .iter()
                    .map(|f| {
                        let mut text = sentence(&ids.mark(&f.message));
                        for note in &f.notes {
                            text.push(' ');
                            text.push_str(&sentence(&quoted_reason(&ids.mark(note))));
                        }
                        text
                    })
                    .collect();
                // The single-point-of-failure fix already tells to automate the replica's
                // promotion: the single-writer fix does not tell it again.
                let fix = if rule.name == "single-writer-database" && spof_promotes {
                    super::answer::writer_fix_after_spof(design)
                } else {
                    fix(design, ids, rule, &found)
                };
                FindingView {
                    heading: format!("`{}` {}", rule.code, rule.name),
                    why: rule.why(),
                    fix: fix.trim_end_matches('.').to_string(),
                    cases,
                }
            })
            .collect();
        (!items.is_empty()).then(|| SeverityGroup {
            title: title.to_string(),
            items,
        })
    })
    .collect()
}

/// The spec's reason inside "(reason given: ...)" is the author's text: escaped here.
fn quoted_reason(note: &str) -> String {
    const MARK: &str = "(reason given: ";
    match (note.find(MARK), note.rfind(')')) {
        (Some(start), Some(end)) if end > start + MARK.len() => format!(
            "{}{}{})",
            &note[..start + MARK.len()],
            escape(&note[start + MARK.len()..end]),
            &note[end + 1..]
        ),
        _ => note.to_string(),
    }
}

fn blast(design: &Design, report: &Report) -> Vec<BlastRow> {
    let f = &report.failures;
    let effect = |impact: &crate::analysis::Impact| {
        if impact.site_down {
            "site down".to_string()
        } else if impact.is_cut() {
            let lost: Vec<String> = impact.lost.iter().map(|k| every(*k)).collect();
            let writes = if impact.read_only() {
                "; writes fail"
            } else {
                ""
            };
            format!("loses {}{writes}", and(&lost))
        } else if impact.writes_lost {
            "read-only: writes fail".to_string()
        } else {
            "keeps serving".to_string()
        }
    };
    let list = |blast: crate::analysis::Blast| -> String { blast.describe(design, code) };
    // Regions, then availability zones: each fails with everything in it.
    let mut zones: Vec<crate::model::ZoneId> = design
        .zone_ids()
        .filter(|&z| f.zone_members.holds_anything(z))
        .collect();
    zones.sort_by_key(|&z| design.zone(z).kind != crate::spec::ZoneKind::Region);
    let mut rows: Vec<BlastRow> = zones
        .into_iter()
        .filter_map(|z| {
            let zone = design.zone(z);
            let word = match zone.kind {
                crate::spec::ZoneKind::Region => "region",
                _ => "zone",
            };
            Some(BlastRow {
                what: format!("{word} {}", code(&zone.id)),
                effect: effect(f.zone(z)?),
                unreachable: list(f.unreachable_without_zone(z, 12)),
            })
        })
        .collect();
    rows.extend(
        design
            .host_ids()
            .filter(|&h| !design.components_on(h).is_empty())
            .map(|h| BlastRow {
                what: format!("host {}", code(&design.host(h).id)),
                effect: effect(f.host(h)),
                unreachable: list(f.unreachable_without_host(design, h, 12)),
            }),
    );
    rows.extend(
        design
            .component_ids()
            .filter(|&c| design.component(c).kind != Kind::Client)
            .filter_map(|c| {
                let unreachable = f.unreachable_without_component(c, 12);
                (!unreachable.is_empty()).then(|| BlastRow {
                    what: code(&design.component(c).id),
                    effect: effect(f.component(c)),
                    unreachable: list(unreachable),
                })
            }),
    );
    rows
}
