//! `infradoc answer`: the exercise's answer for a design, in the order the spec's `[answer]`
//! table asks: the diagram, the request from the user's first keystroke, each question, each
//! issue with its consequence and fix, and what changed since the design it extends.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::analysis::Availability;
use crate::lint::{Finding, Report, RuleMeta, registry};
use crate::model::Design;
use crate::spec::{Topic, Vocabulary};

use super::ids::Ids;
use super::markdown::{and, code, escape, sentence, url};
use super::topics::{self, Before, Facts, clause};

/// The design this one `extends`, with its lint report and availability.
pub struct Earlier<'a> {
    pub design: &'a Design,
    pub report: &'a Report,
    pub availability: Availability,
}

/// The answer as Markdown; `None` when the spec has no `[answer]` table.
pub fn answer(
    design: &Design,
    report: &Report,
    availability: Availability,
    earlier: Option<Earlier<'_>>,
    diagram: &str,
) -> Option<String> {
    let asked = design.answer.as_ref()?;
    let ids = Ids::new(design);
    let title = escape(&design.title);
    let mut out = format!("# {title}\n\n![Diagram of {title}]({})\n", url(diagram));
    let steps = super::flow_steps(design);
    if !steps.is_empty() {
        out.push_str("\n## The request, from the user's first keystroke\n\n");
        for (i, step) in steps.iter().enumerate() {
            out.push_str(&format!("{}. {step}\n", i + 1));
        }
    }
    if let Some(e) = &earlier {
        let added = added(design, e.design);
        if !added.is_empty() {
            out.push_str(&format!(
                "\n## What changed, and why\n\nCompared with {}:\n\n{}\n",
                escape(&e.design.title),
                added.join("\n")
            ));
        }
    }
    let facts = Facts {
        design,
        report,
        availability,
        before: earlier.map(|e| Before {
            report: e.report,
            availability: e.availability,
        }),
    };
    if !asked.questions.is_empty() {
        out.push_str("\n## Questions\n");
        for &topic in &asked.questions {
            out.push_str(&format!(
                "\n### {}\n\n{}\n",
                topics::heading(topic, design),
                topics::answer(topic, &facts)
            ));
        }
    }
    let mut seen = BTreeSet::new();
    let rules: Vec<&'static RuleMeta> = asked
        .issues
        .iter()
        .filter_map(|r| registry::find(&r.value))
        .filter(|m| seen.insert(m.code))
        .collect();
    if !rules.is_empty() {
        out.push_str("\n## Issues\n");
        for rule in rules {
            out.push_str(&issue(design, &ids, report, rule));
        }
    }
    let marked: Vec<String> = out
        .lines()
        .map(|line| {
            if line.starts_with('#') || line.starts_with('!') {
                line.to_string()
            } else {
                ids.mark(line)
            }
        })
        .collect();
    Some(marked.join("\n") + "\n")
}

/// Every topic with its one-line meaning, for `infradoc answer --topics`.
pub fn catalogue() -> String {
    Topic::ALL
        .iter()
        .map(|t| format!("{:<26}{}\n", t.as_str(), t.describe()))
        .collect()
}

/// A rule's name as a heading: "Single point of failure".
fn title(rule: &RuleMeta) -> String {
    let words = rule.name.replace('-', " ");
    let words = words
        .replace("https", "HTTPS")
        .replace("tls", "TLS")
        .replace("dns", "DNS");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn issue(design: &Design, ids: &Ids, report: &Report, rule: &RuleMeta) -> String {
    let found: Vec<&Finding> = report
        .active()
        .filter(|f| f.rule.code == rule.code)
        .collect();
    let mut out = format!("\n### {}\n\n", title(rule));
    if found.is_empty() {
        out.push_str(&format!(
            "This design no longer has this issue: {}\n",
            lower_first(rule.summary)
        ));
        return out;
    }
    for line in consequences(ids, &found) {
        out.push_str(&format!("- {line}\n"));
    }
    out.push_str(&format!("\n**Fix:** {}\n", fix(design, ids, rule, &found)));
    out
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The findings' messages as sentences; messages that end alike ("...: deploying it takes
/// the site down") become one.
fn consequences(ids: &Ids, found: &[&Finding]) -> Vec<String> {
    let messages: Vec<String> = found.iter().map(|f| ids.mark(&f.message)).collect();
    let tails: BTreeSet<&str> = messages
        .iter()
        .filter_map(|m| m.split_once(": ").map(|(_, tail)| tail))
        .collect();
    if messages.len() > 1 && tails.len() == 1 && messages.iter().all(|m| m.contains(": ")) {
        let heads: Vec<String> = messages
            .iter()
            .filter_map(|m| m.split_once(": ").map(|(head, _)| head.to_string()))
            .collect();
        let tail = tails.first().copied().unwrap_or_default();
        let tail = tail.replacen(" it ", " any of them ", 1);
        return vec![sentence(&format!("{}: {tail}", join_heads(&heads)))];
    }
    messages.iter().map(|m| sentence(m)).collect()
}

/// "Nothing monitors `a`", "Nothing monitors `b`" become "Nothing monitors `a` and `b`";
/// heads that differ otherwise are joined with semicolons.
fn join_heads(heads: &[String]) -> String {
    let split: Vec<Option<(&str, &str)>> = heads
        .iter()
        .map(|h| h.rfind(" `").map(|i| (&h[..i], &h[i + 1..])))
        .collect();
    let prefix = split.first().copied().flatten().map(|(p, _)| p);
    let same = split.iter().all(|s| {
        s.is_some_and(|(p, id)| {
            Some(p) == prefix && id.ends_with('`') && id.matches('`').count() == 2
        })
    });
    match prefix {
        Some(prefix) if same => {
            let ids: Vec<String> = split
                .iter()
                .flatten()
                .map(|(_, id)| id.to_string())
                .collect();
            format!("{prefix} {}", super::markdown::and(&ids))
        }
        _ => heads.join("; "),
    }
}

/// The fix in words: what to change in the design, without the spec's keys (those belong to
/// `infradoc lint` and the docs).
pub fn fix(design: &Design, ids: &Ids, rule: &RuleMeta, found: &[&Finding]) -> String {
    let words = match rule.name {
        "single-point-of-failure" => return spof_fix(design, ids, found),
        "maintenance-downtime" => {
            "Run at least two of each behind a load balancer and update them one at a time (a \
             rolling deploy), so one serves while the other restarts; for the database, a replica \
             takes over while the primary is upgraded."
        }
        "cannot-scale" => {
            "Put a load balancer in front, so that more web and application servers can be added \
             behind it as traffic grows."
        }
        "no-firewall" => {
            "Put a firewall in front of each server that lets in only what the site needs (HTTPS \
             from the internet, the database port only from the application servers) and drops \
             the rest."
        }
        "no-https" => {
            "Get a TLS certificate for the site's name (Let's Encrypt issues one free), install it \
             where users connect, serve HTTPS on port 443 and redirect port 80 to it."
        }
        "no-monitoring" => {
            "Install a monitoring agent on every server that sends its logs and metrics to a \
             monitoring service, with alerts on downtime, errors and load."
        }
        "tls-terminated-at-load-balancer" => {
            "Encrypt the last hop too: re-encrypt from the load balancer to the web servers, or \
             pass TLS through to them, so traffic inside the network cannot be read either."
        }
        "single-writer-database" => return writer_fix(design),
        "single-admin-path" => {
            let through: Vec<String> = found.iter().map(|f| code(&f.subject_id)).collect();
            return format!(
                "Give operators a second way in that does not pass through {}: a second bastion \
                 or VPN gateway on another machine, or out-of-band access such as the provider's \
                 console, written down as an admin path of its own.",
                super::markdown::or(&through)
            );
        }
        "identical-servers" => {
            "Give each tier its own servers, so each pool grows with its own load and one bad \
             deploy or memory leak does not hit every tier at once."
        }
        "no-backup" => {
            "Back the database up every day to another machine or an object store, keep several \
             days of copies and test restoring them."
        }
        _ => {
            let mut fixes: Vec<String> = Vec::new();
            let mut said = HashSet::new();
            for f in found {
                let one = sentence(&ids.mark(&in_words(&f.fix)));
                if said.insert(one.clone()) {
                    fixes.push(one);
                }
            }
            return fixes.join(" ");
        }
    };
    words.to_string()
}

/// What takes away each single point of failure: for a host or component, from the kinds of
/// component it holds; for a region or availability zone, the finding's own fix, which knows
/// which hosts to move where.
fn spof_fix(design: &Design, ids: &Ids, found: &[&Finding]) -> String {
    use crate::lint::Subject;
    let (zones, units): (Vec<&Finding>, Vec<&Finding>) = found
        .iter()
        .partition(|f| matches!(f.subject, Subject::Zone(_)));
    let mut out = Vec::new();
    if !units.is_empty() || zones.is_empty() {
        out.push(redundancy_fix(design, &units));
    }
    for f in zones {
        // The lint help names the spec key a managed component spreads with; prose does not.
        let fix = in_words(&f.fix).replace(" (its `zones`)", "");
        out.push(format!(
            "To survive the loss of {}, {}.",
            code(&f.subject_id),
            ids.mark(fix.trim_end_matches('.'))
        ));
    }
    out.join(" ")
}

/// What takes away the single points of failure that are hosts or components, from the kinds
/// of component they hold.
fn redundancy_fix(design: &Design, found: &[&Finding]) -> String {
    use crate::model::Kind;
    let kinds = failing_kinds(design, found);
    let mut parts = Vec::new();
    if kinds.contains(&Kind::LoadBalancer) {
        parts.push("a second load balancer on another machine, sharing a virtual IP address that moves to it when the first fails");
    }
    if kinds.contains(&Kind::WebServer) || kinds.contains(&Kind::AppServer) {
        parts.push("a second server for the web and application tiers, with a load balancer in front sending requests only to the servers that answer");
    }
    if kinds.contains(&Kind::Database) {
        let has_replica = design.components_of_kind(Kind::Database).any(|d| {
            design.component(d).attrs.role == Some(crate::spec::vocabulary::Role::Replica)
        });
        parts.push(if has_replica {
            // The replica exists: what is missing is promoting it and moving the clients.
            "automatic promotion of the replica when the primary fails, with the application reaching the database through an address that follows the primary (a virtual IP or a proxy)"
        } else {
            "a database replica on another machine that can be promoted when the primary fails"
        });
    }
    let others: Vec<String> = kinds
        .iter()
        .filter(|k| {
            !matches!(
                k,
                Kind::LoadBalancer
                    | Kind::WebServer
                    | Kind::AppServer
                    | Kind::AppFiles
                    | Kind::Database
                    | Kind::MonitoringAgent
                    | Kind::Firewall
            )
        })
        .map(|&k| format!("a second {} on another machine", super::noun(k)))
        .collect();
    let mut parts: Vec<String> = parts.into_iter().map(String::from).chain(others).collect();
    if parts.is_empty() {
        parts.push("a second instance on another machine, ready to take over".into());
    }
    format!("Add redundancy: {}.", parts.join("; "))
}

/// The kinds of component the hosts and components of single-point-of-failure findings run.
fn failing_kinds(design: &Design, found: &[&Finding]) -> BTreeSet<crate::model::Kind> {
    use crate::lint::Subject;
    let mut kinds = BTreeSet::new();
    for f in found {
        match f.subject {
            Subject::Host(h) => kinds.extend(
                design
                    .components_on(h)
                    .iter()
                    .map(|&c| design.component(c).kind),
            ),
            Subject::Component(c) => {
                kinds.insert(design.component(c).kind);
            }
            _ => {}
        }
    }
    kinds
}

/// Whether the fix for these single-point-of-failure findings tells what to do about the
/// database: a replica that can be promoted, or automating the promotion of the one there is.
pub fn spof_fix_promotes(design: &Design, found: &[&Finding]) -> bool {
    failing_kinds(design, found).contains(&crate::model::Kind::Database)
}

/// The single-writer-database fix in a text whose `A001` fix already tells to add a replica or
/// automate its promotion: what that means for writes, and what else helps, without telling
/// the promotion again.
pub fn writer_fix_after_spof(design: &Design) -> String {
    use crate::model::Kind;
    use crate::spec::vocabulary::Role;
    let dbs: Vec<_> = design.components_of_kind(Kind::Database).collect();
    let has_replica = !design.databases_in_role(&dbs, Role::Replica).is_empty();
    let (software, all_safe) = writers(design);
    let first = if has_replica {
        "The automatic promotion in the `A001` fix is also what lets writes resume"
    } else {
        "The replica the `A001` fix adds also lets writes resume once it is promoted automatically when the primary fails"
    };
    let tools = if software.contains("postgres") {
        ": a failover manager such as Patroni does it, or a managed database that fails over by itself"
    } else if software.contains("mysql") || software.contains("maria") {
        "; a multi-primary cluster (MySQL Group Replication, Galera) keeps writes going with no promotion at all"
    } else {
        "; a managed database fails over by itself"
    };
    let semi = if has_replica && all_safe {
        ""
    } else {
        "; semi-synchronous replication keeps a promoted replica from losing recent writes"
    };
    format!("{first}{tools}{semi}.")
}

/// The databases' software, lowercased and joined, and whether every replica copies
/// synchronously or semi-synchronously (none loses an acknowledged write when promoted).
fn writers(design: &Design) -> (String, bool) {
    use crate::model::Kind;
    use crate::spec::vocabulary::{Replication, Role};
    let dbs: Vec<_> = design.components_of_kind(Kind::Database).collect();
    let software = dbs
        .iter()
        .filter_map(|&d| design.component(d).software.as_deref())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let all_safe = dbs.iter().all(|&d| {
        let db = design.component(d);
        db.attrs.role != Some(Role::Replica) || db.attrs.replication != Some(Replication::Async)
    });
    (software, all_safe)
}

/// How writes go on when the only writable database fails, for the database software used.
fn writer_fix(design: &Design) -> String {
    use crate::model::Kind;
    use crate::spec::vocabulary::Role;
    let dbs: Vec<_> = design.components_of_kind(Kind::Database).collect();
    let has_replica = !design.databases_in_role(&dbs, Role::Replica).is_empty();
    let (software, all_safe) = writers(design);
    let cluster = if software.contains("postgres") {
        " by a failover manager such as Patroni, or use a managed database that fails over by itself"
    } else if software.contains("mysql") || software.contains("maria") {
        ", or run a multi-primary cluster (MySQL Group Replication, Galera) so writes go on"
    } else {
        ", or use a managed database that fails over by itself"
    };
    let first = if has_replica {
        "Have the replica promoted automatically when the primary fails"
    } else {
        "Add a replica on another machine and have it promoted automatically when the primary fails"
    };
    if has_replica && all_safe {
        format!("{first}{cluster}.")
    } else {
        format!(
            "{first}{cluster}; semi-synchronous replication keeps a promoted replica from losing \
             recent writes."
        )
    }
}

/// A lint fix without spec key assignments: "(`role = "replica"`)" and "`host = "x"`" go.
pub fn in_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
        } else if !part.contains('=') && !part.contains('_') {
            out.push('`');
            out.push_str(part);
            out.push('`');
        }
    }
    let mut tidy = out
        .replace("(, )", "")
        .replace("(,)", "")
        .replace(" ()", "")
        .replace("()", "");
    while tidy.contains("  ") {
        tidy = tidy.replace("  ", " ");
    }
    tidy.replace(" ,", ",")
        .replace(" .", ".")
        .trim()
        .to_string()
}

/// Each host and component the design has and the earlier one had not, with its `why`.
fn added(design: &Design, earlier: &Design) -> Vec<String> {
    let mut out = Vec::new();
    for h in &design.hosts {
        if earlier.find_host(&h.id).is_none() {
            let why = h
                .why
                .as_deref()
                .map_or_else(|| "a new machine".to_string(), clause);
            out.push(format!("- The server {}: {why}.", code(&h.id)));
        }
    }
    out.extend(moved(design, earlier).into_iter().map(|m| format!("- {m}")));
    for v in &design.vips {
        if !earlier.vips.iter().any(|e| e.id == v.id) {
            let why = v.why.as_deref().map_or_else(
                || "an address that moves between load balancers".to_string(),
                clause,
            );
            out.push(format!(
                "- The virtual IP {}: {why}.",
                code(&v.ip.to_string())
            ));
        }
    }
    // Several instances of one kind with one reason (an agent per server) make one line.
    type Group = (crate::model::Kind, Option<String>, Vec<String>, Vec<String>);
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of: BTreeMap<(crate::model::Kind, Option<&str>), usize> = BTreeMap::new();
    for c in design.components.iter().filter(|c| !c.is_implicit()) {
        if earlier.find_component(&c.id).is_some() {
            continue;
        }
        let host = c.host.map(|h| code(&design.host(h).id));
        match group_of.get(&(c.kind, c.why.as_deref())) {
            Some(&g) => {
                groups[g].2.push(code(&c.id));
                groups[g].3.extend(host);
            }
            None => {
                group_of.insert((c.kind, c.why.as_deref()), groups.len());
                groups.push((
                    c.kind,
                    c.why.clone(),
                    vec![code(&c.id)],
                    host.into_iter().collect(),
                ));
            }
        }
    }
    for (kind, why, ids, hosts) in groups {
        let reason = why
            .as_deref()
            .map_or_else(|| clause(kind.describe()), clause);
        let (noun, plural) = match kind {
            crate::model::Kind::AppFiles => ("application code", "copies of the application code"),
            _ => (super::noun(kind), ""),
        };
        let line = if ids.len() == 1 {
            let place = hosts
                .first()
                .map(|h| format!(" on {h}"))
                .unwrap_or_default();
            format!("- The {noun} {}{place}: {reason}.", ids[0])
        } else {
            let plural = if plural.is_empty() {
                format!("{noun}s")
            } else {
                plural.to_string()
            };
            let place = if hosts.len() == ids.len() {
                format!(", one on each of {}", and(&hosts))
            } else {
                String::new()
            };
            let is = if reason.starts_with("the ") || reason.starts_with("a ") {
                "is "
            } else {
                ""
            };
            format!("- The {plural} {}{place}: each {is}{reason}.", and(&ids))
        };
        out.push(line);
    }
    out.extend(gone(design, earlier));
    out
}

/// Components that stay but run on another host now, grouped by their old and new host:
/// "`app-1` and `app-files-1` move from `web-01` to `app-01`." Shared with the write-up's
/// "What changed" section.
pub fn moved(design: &Design, earlier: &Design) -> Vec<String> {
    let mut moves: Vec<(String, String, Vec<String>)> = Vec::new();
    let mut move_of: HashMap<(String, String), usize> = HashMap::new();
    for c in &design.components {
        let Some(before) = earlier.find_component(&c.id) else {
            continue;
        };
        let host_id = |d: &Design, h: Option<crate::model::HostId>| h.map(|h| d.host(h).id.clone());
        let (from, to) = (
            host_id(earlier, earlier.component(before).host),
            host_id(design, c.host),
        );
        let (Some(from), Some(to)) = (from, to) else {
            continue;
        };
        if from == to {
            continue;
        }
        match move_of.get(&(from.clone(), to.clone())) {
            Some(&m) => moves[m].2.push(code(&c.id)),
            None => {
                move_of.insert((from.clone(), to.clone()), moves.len());
                moves.push((from, to, vec![code(&c.id)]));
            }
        }
    }
    moves
        .into_iter()
        .map(|(from, to, ids)| {
            let verb = if ids.len() == 1 { "moves" } else { "move" };
            format!(
                "{} {verb} from {} to {}.",
                and(&ids),
                code(&from),
                code(&to)
            )
        })
        .collect()
}

/// What the earlier design had and this one does not: its hosts, then its components.
fn gone(design: &Design, earlier: &Design) -> Vec<String> {
    let hosts: Vec<String> = earlier
        .hosts
        .iter()
        .filter(|h| design.find_host(&h.id).is_none())
        .map(|h| code(&h.id))
        .collect();
    let components: Vec<String> = earlier
        .components
        .iter()
        .filter(|c| !c.is_implicit() && design.find_component(&c.id).is_none())
        .map(|c| code(&c.id))
        .collect();
    let mut parts = Vec::new();
    if !hosts.is_empty() {
        let noun = if hosts.len() == 1 {
            "the server"
        } else {
            "the servers"
        };
        parts.push(format!("{noun} {}", and(&hosts)));
    }
    if !components.is_empty() {
        parts.push(and(&components));
    }
    if parts.is_empty() {
        return Vec::new();
    }
    vec![format!("- No longer in the design: {}.", parts.join("; "))]
}

#[cfg(test)]
mod tests {
    use super::in_words;

    #[test]
    fn fixes_lose_their_spec_keys() {
        assert_eq!(
            in_words(
                "add a replica (`role = \"replica\"`, `replicates_from`) that can be promoted."
            ),
            "add a replica that can be promoted."
        );
        assert_eq!(
            in_words("Run a `monitoring-agent` on db-1 (`host = \"db-1\"`) that sends."),
            "Run a `monitoring-agent` on db-1 that sends."
        );
    }
}
