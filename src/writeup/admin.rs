//! "How operators reach the machines": the design's `purpose = "admin"` links as a few
//! sentences, kept apart from the users' request flow.

use std::collections::{BTreeSet, HashSet};

use crate::model::{ComponentId, Design, HostId, Kind, Link};
use crate::spec::vocabulary::Purpose;

use super::flow::{name, protocol_phrase};
use super::markdown::{and, code, or};

fn admin_links(design: &Design, c: ComponentId) -> impl Iterator<Item = &Link> + '_ {
    design.links_from(c).filter(|l| l.purpose == Purpose::Admin)
}

/// The protocols of some links: "SSH", "SSH or HTTPS".
fn protocols(links: &[&Link]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for l in links {
        let p = protocol_phrase(l.protocol, None);
        if !seen.contains(&p) {
            seen.push(p);
        }
    }
    or(&seen)
}

/// The section's sentences; empty when the design has no admin link. `reported` holds the
/// ids that an active `single-admin-path` finding is about: that finding says what their loss
/// costs, so this section does not say it again.
pub fn sentences(design: &Design, reported: &[&str]) -> Vec<String> {
    let all: Vec<&Link> = design
        .links
        .iter()
        .filter(|l| l.purpose == Purpose::Admin)
        .collect();
    if all.is_empty() {
        return Vec::new();
    }
    let targets: BTreeSet<ComponentId> = all.iter().map(|l| l.to).collect();
    let clients: BTreeSet<ComponentId> = design.components_of_kind(Kind::Client).collect();
    let serve_reached = reached_by_users(design);
    let mut out = Vec::new();
    // Where operators start: a client, or a component they reach as users do (a VPN).
    let mut starts: Vec<ComponentId> = all
        .iter()
        .map(|l| l.from)
        .filter(|f| clients.contains(f) || serve_reached.contains(f) || !targets.contains(f))
        .collect();
    starts.sort();
    starts.dedup();
    let mut first_hops: Vec<ComponentId> = Vec::new();
    for &s in &starts {
        let links: Vec<&Link> = admin_links(design, s).collect();
        let to: Vec<ComponentId> = dedup(links.iter().map(|l| l.to));
        first_hops.extend(&to);
        let to_names = and(&to.iter().map(|&c| name(design, c)).collect::<Vec<_>>());
        let over = protocols(&links);
        out.push(if clients.contains(&s) {
            format!("Operators connect from their own computers to {to_names} over {over}.")
        } else if serve_reached.contains(&s) {
            format!(
                "Operators come in through {} as users do, then connect to {to_names} over {over}.",
                code(&design.component(s).id)
            )
        } else {
            // A jump host the spec gives no way into: where operators log in first.
            let on = design.component(s).host.map_or(String::new(), |h| {
                format!(" on {}", code(&design.host(h).id))
            });
            format!(
                "Operators log in first to {}{on}, and from it reach {}.",
                code(&design.component(s).id),
                reach(design, s)
            )
        });
    }
    // The firewalls in front of the first hop.
    for fw in design.components_of_kind(Kind::Firewall) {
        let attrs = &design.component(fw).attrs;
        let guarded: Vec<ComponentId> = first_hops
            .iter()
            .copied()
            .filter(|&c| attrs.protects.iter().any(|&t| design.covers(t, c)))
            .collect();
        if !guarded.is_empty() && !attrs.allowed_ports.is_empty() {
            let ports: Vec<String> = attrs.allowed_ports.iter().map(|p| p.to_string()).collect();
            // The machines, as the sentences around name them; a component with no host
            // by its own id.
            let mut machines: Vec<String> = Vec::new();
            let mut named = HashSet::new();
            for &c in &guarded {
                let name = design.component(c).host.map_or_else(
                    || code(&design.component(c).id),
                    |h| code(&design.host(h).id),
                );
                if named.insert(name.clone()) {
                    machines.push(name);
                }
            }
            out.push(format!(
                "The firewall {} lets only port {} through to {}.",
                code(&design.component(fw).id),
                or(&ports),
                and(&machines)
            ));
        }
    }
    // From each jump host onwards.
    let mut hops: Vec<ComponentId> = targets
        .iter()
        .copied()
        .filter(|&t| admin_links(design, t).next().is_some())
        .filter(|t| !starts.contains(t))
        .collect();
    hops.sort();
    for &hop in &hops {
        out.push(format!(
            "From {}, they reach {}.",
            code(&design.component(hop).id),
            reach(design, hop)
        ));
    }
    // One machine that carries every operator's session.
    if let [only] = hops.as_slice() {
        let all_through = !first_hops.is_empty() && first_hops.iter().all(|c| c == only);
        if all_through && !serve_reached.contains(only) {
            let c = design.component(*only);
            let told = reported.contains(&c.id.as_str())
                || c.host
                    .is_some_and(|h| reported.contains(&design.host(h).id.as_str()));
            out.push(if told {
                format!("Every operator session passes through {}.", code(&c.id))
            } else {
                format!(
                    "Every operator session passes through {}: while it is down, operators cannot reach the machines, though users' requests are not affected.",
                    code(&c.id)
                )
            });
        }
    }
    out
}

/// The machines a jump host's admin links lead to: "every other machine over SSH: `a` and
/// `b`", or "`a` and `b` over SSH" when some are left out.
fn reach(design: &Design, hop: ComponentId) -> String {
    let links: Vec<&Link> = admin_links(design, hop).collect();
    let to: Vec<ComponentId> = dedup(links.iter().map(|l| l.to));
    let mut hosts: Vec<HostId> = to
        .iter()
        .filter_map(|&c| design.component(c).host)
        .collect();
    hosts.sort();
    hosts.dedup();
    let own = design.component(hop).host;
    let hostless: Vec<String> = to
        .iter()
        .filter(|&&c| design.component(c).host.is_none())
        .map(|&c| code(&design.component(c).id))
        .collect();
    let mut reached: Vec<String> = hosts.iter().map(|&h| code(&design.host(h).id)).collect();
    reached.extend(hostless);
    let busy_hosts: BTreeSet<HostId> = design
        .host_ids()
        .filter(|&h| !design.components_on(h).is_empty())
        .collect();
    let every = busy_hosts
        .iter()
        .all(|h| hosts.binary_search(h).is_ok() || Some(*h) == own);
    let over = protocols(&links);
    if every && busy_hosts.len() > 1 {
        format!("every other machine over {over}: {}", and(&reached))
    } else {
        format!("{} over {over}", and(&reached))
    }
}

/// The ids in their first order, each once.
fn dedup(ids: impl Iterator<Item = ComponentId>) -> Vec<ComponentId> {
    let mut seen = HashSet::new();
    ids.filter(|&c| seen.insert(c)).collect()
}

/// The components users' requests reach (over `serve` links from a client).
fn reached_by_users(design: &Design) -> BTreeSet<ComponentId> {
    let mut seen: BTreeSet<ComponentId> = design.components_of_kind(Kind::Client).collect();
    let mut todo: Vec<ComponentId> = seen.iter().copied().collect();
    while let Some(c) = todo.pop() {
        for l in design.links_from(c).filter(|l| l.serves()) {
            if seen.insert(l.to) {
                todo.push(l.to);
            }
        }
    }
    seen
}
