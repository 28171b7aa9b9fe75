//! What changed since the design this one extends: what was added, moved and taken away.

use super::*;

/// Each host and component the design has and the earlier one had not, with its `why`.
pub(super) fn added(design: &Design, earlier: &Design) -> Vec<String> {
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
            _ => (super::super::noun(kind), ""),
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
