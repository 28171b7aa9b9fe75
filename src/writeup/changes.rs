//! "What changed": the design against the one it `extends`, component by component and
//! finding by finding, so each added element gets the weaknesses it resolved as its reason.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::lint::Report;
use crate::model::{Design, Kind};

use super::ids::Ids;
use super::markdown::{and, code, escape};
use super::noun;

#[derive(Debug, Clone, Serialize)]
pub struct Changes {
    pub previous_title: String,
    /// The spec's `extends` value, as inline code.
    pub previous_file: String,
    pub added_hosts: Vec<String>,
    /// What the added hosts addressed (tiers on their own servers), or empty.
    pub hosts_because: String,
    pub removed_hosts: Vec<String>,
    pub added: Vec<Added>,
    pub removed: Vec<String>,
    /// Rules that fired before and no longer do.
    pub resolved: Vec<String>,
    /// Rules that fire now and did not before.
    pub introduced: Vec<String>,
    /// Rules that fire in both, on different subjects.
    pub moved: Vec<String>,
    /// Components that stay but run on another host: "`app-1` moves from `web-01` to `app-01`."
    pub relocated: Vec<String>,
    /// Each new host with the spec's `why`: "the host `app-01`, which runs only ...".
    pub host_reasons: Vec<String>,
    /// Single points of failure and estimated availability before and after, as sentences.
    pub tradeoff: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Added {
    /// "the load balancer `haproxy`", "web servers `nginx-1` and `nginx-2`".
    pub what: String,
    /// What their arrival addressed, as Markdown; empty when nothing is attributed to them.
    pub because: String,
    /// The spec's `why`, shared by every one of them, escaped; empty when they have none.
    pub why: String,
}

/// Whether adding `kind` can account for fewer findings of `rule`, given the design now.
fn addresses(rule: &str, kind: Kind, design: &Design) -> bool {
    let instances = |k: Kind| -> u32 {
        design
            .components
            .iter()
            .filter(|c| c.kind == k)
            .map(|c| c.count)
            .sum()
    };
    match rule {
        // Redundancy is what removes these: the kind must now have company.
        "single-point-of-failure" | "maintenance-downtime" => {
            matches!(
                kind,
                Kind::LoadBalancer
                    | Kind::WebServer
                    | Kind::AppServer
                    | Kind::AppFiles
                    | Kind::Database
            ) && instances(kind) >= 2
        }
        "cannot-scale" | "load-balancer-without-health-check" => kind == Kind::LoadBalancer,
        "single-writer-database" | "replica-without-primary" => kind == Kind::Database,
        "no-https" => kind == Kind::TlsCertificate,
        "no-firewall" => kind == Kind::Firewall,
        "no-monitoring" => matches!(kind, Kind::MonitoringAgent | Kind::MonitoringService),
        _ => false,
    }
}

fn subjects(report: &Report) -> BTreeMap<&'static str, BTreeSet<String>> {
    let mut by_rule: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    for f in report.active() {
        by_rule
            .entry(f.rule.name)
            .or_default()
            .insert(f.subject_id.clone());
    }
    by_rule
}

pub fn compare(
    previous: &Design,
    previous_report: &Report,
    previous_file: &str,
    design: &Design,
    marks: &Ids,
    report: &Report,
) -> Changes {
    let ids = |d: &Design| {
        d.components
            .iter()
            .filter(|c| !c.is_implicit())
            .map(|c| c.id.clone())
            .collect::<BTreeSet<_>>()
    };
    let hosts = |d: &Design| {
        d.hosts
            .iter()
            .map(|h| h.id.clone())
            .collect::<BTreeSet<_>>()
    };
    let (before, now) = (ids(previous), ids(design));
    let (hosts_before, hosts_now) = (hosts(previous), hosts(design));
    let (was, is) = (subjects(previous_report), subjects(report));
    let rule_code = |name: &str| crate::lint::registry::find(name).map_or("", |m| m.code);
    let describe = |name: &str| format!("`{}` {name}", rule_code(name));

    let resolved: Vec<&str> = was
        .keys()
        .copied()
        .filter(|r| !is.contains_key(r))
        .collect();
    let introduced: Vec<&str> = is
        .keys()
        .copied()
        .filter(|r| !was.contains_key(r))
        .collect();
    let mut moved = Vec::new();
    for (rule, now_on) in &is {
        if let Some(then_on) = was.get(rule)
            && then_on != now_on
        {
            let gone: Vec<String> = then_on.difference(now_on).map(|s| code(s)).collect();
            let new: Vec<String> = now_on.difference(then_on).map(|s| code(s)).collect();
            let mut parts = Vec::new();
            if !gone.is_empty() {
                parts.push(format!("no longer on {}", and(&gone)));
            }
            if !new.is_empty() {
                parts.push(format!("now on {}", and(&new)));
            }
            moved.push(format!("{}: {}", describe(rule), parts.join("; ")));
        }
    }
    // Rules with fewer findings than before: an added component may be why.
    let improved: Vec<&str> = was
        .iter()
        .filter(|(rule, then_on)| {
            is.get(*rule)
                .is_none_or(|now_on| now_on.len() < then_on.len())
        })
        .map(|(rule, _)| *rule)
        .collect();
    let mut by_kind: BTreeMap<Kind, Vec<String>> = BTreeMap::new();
    for c in design
        .components
        .iter()
        .filter(|c| !c.is_implicit() && !before.contains(&c.id))
    {
        by_kind.entry(c.kind).or_default().push(code(&c.id));
    }
    let added = by_kind
        .into_iter()
        .map(|(kind, ids)| {
            let rules: Vec<String> = improved
                .iter()
                .filter(|r| addresses(r, kind, design))
                .map(|r| describe(r))
                .collect();
            let what = match (ids.len(), kind) {
                (1, _) => format!("the {} {}", noun(kind), ids[0]),
                (_, Kind::AppFiles) => format!("copies of the application code {}", and(&ids)),
                _ => format!("{}s {}", noun(kind), and(&ids)),
            };
            let because = match (rules.is_empty(), ids.len()) {
                (true, _) => String::new(),
                (false, 1) => format!("it addresses {}", and(&rules)),
                (false, _) => format!("together they address {}", and(&rules)),
            };
            let new: Vec<&crate::model::Component> = design
                .components
                .iter()
                .filter(|c| c.kind == kind && !c.is_implicit() && !before.contains(&c.id))
                .collect();
            let whys: BTreeSet<Option<&str>> = new.iter().map(|c| c.why.as_deref()).collect();
            // One reason shared by all is said once; different reasons each under its id.
            let why = match whys.into_iter().collect::<Vec<_>>().as_slice() {
                [Some(w)] => escape(w.trim()),
                [_] => String::new(),
                _ => {
                    let each: Vec<String> = new
                        .iter()
                        .filter_map(|c| {
                            let w = super::topics::clause(c.why.as_deref()?);
                            let noun_phrase = w.starts_with("the ") || w.starts_with("a ");
                            let sep = if noun_phrase { ", " } else { " " };
                            Some(format!("{}{sep}{w}", code(&c.id)))
                        })
                        .collect();
                    if each.is_empty() {
                        String::new()
                    } else {
                        format!("{}.", each.join("; "))
                    }
                }
            };
            let why = marks.mark(&why);
            Added { what, because, why }
        })
        .collect();
    let split: Vec<String> = improved
        .iter()
        .filter(|r| matches!(**r, "colocated-tiers" | "identical-servers"))
        .map(|r| describe(r))
        .collect();
    let hosts_because = if split.is_empty() || hosts_now.len() <= hosts_before.len() {
        String::new()
    } else {
        format!("tiers on servers of their own address {}", and(&split))
    };
    let host_reasons = design
        .hosts
        .iter()
        .filter(|h| !hosts_before.contains(&h.id))
        .map(|h| match &h.why {
            Some(why) => format!(
                "the host {}: {}",
                code(&h.id),
                marks.mark(&escape(why.trim()))
            ),
            None => format!("the host {}", code(&h.id)),
        })
        .map(|mut line: String| {
            if !line.ends_with(['.', '!', '?']) {
                line.push('.');
            }
            line
        })
        .collect();
    Changes {
        host_reasons,
        tradeoff: tradeoff(previous, previous_report, design, report),
        previous_title: escape(&previous.title),
        hosts_because,
        previous_file: code(previous_file),
        added_hosts: hosts_now
            .difference(&hosts_before)
            .map(|h| code(h))
            .collect(),
        removed_hosts: hosts_before
            .difference(&hosts_now)
            .map(|h| code(h))
            .collect(),
        added,
        removed: before.difference(&now).map(|c| code(c)).collect(),
        resolved: resolved.iter().map(|r| describe(r)).collect(),
        introduced: introduced.iter().map(|r| describe(r)).collect(),
        moved,
        relocated: super::answer::moved(design, previous),
    }
}

/// How the change moved the single points of failure and the availability estimate, said
/// plainly whichever way they went.
fn tradeoff(
    previous: &Design,
    previous_report: &Report,
    design: &Design,
    report: &Report,
) -> String {
    let spofs = |r: &Report| {
        r.active()
            .filter(|f| f.rule.name == "single-point-of-failure")
            .count()
    };
    let (then, now) = (spofs(previous_report), spofs(report));
    let (a_then, a_now) = (
        crate::analysis::estimate(previous).percent(),
        crate::analysis::estimate(design).percent(),
    );
    let points =
        |n: usize| super::topics::number(n, "single point of failure", "single points of failure");
    let spof = match now.cmp(&then) {
        std::cmp::Ordering::Less => format!(
            "The change removes single points of failure: {} before, {} now.",
            super::topics::number(then, "", "").trim(),
            super::topics::number(now, "", "").trim()
        ),
        std::cmp::Ordering::Equal => format!("It keeps {} as before.", points(now)),
        std::cmp::Ordering::Greater => format!(
            "The change has a cost: {} where there {} before.",
            points(now),
            if then == 1 {
                "was one".to_string()
            } else {
                format!("were {}", super::topics::number(then, "", "").trim())
            }
        ),
    };
    let verb = if a_now < a_then - 1e-9 {
        "falls"
    } else if a_now > a_then + 1e-9 {
        "rises"
    } else {
        "stays"
    };
    let availability = if verb == "stays" {
        format!("The estimated availability stays at {a_now:.3}%.")
    } else {
        format!("The estimated availability {verb} from {a_then:.3}% to {a_now:.3}%.")
    };
    format!("{spof} {availability}")
}
