//! Each issue's fix, in the order the fixes can be made: a single point of failure first,
//! then a single writable database, whose fix depends on the first.

use super::*;

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
                super::super::markdown::or(&through)
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
        .map(|&k| format!("a second {} on another machine", super::super::noun(k)))
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
