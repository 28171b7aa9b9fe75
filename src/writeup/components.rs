//! The write-up's component sections: what each component is, where it runs, what it talks
//! to, and why it is in the design.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::{ComponentId, Design, Kind};
use crate::spec::vocabulary::{Purpose, Role, Setup, Vocabulary};

use super::changes::{Added, Changes};
use super::flow::{self, protocol_phrase};
use super::markdown::{and, code, escape};
use super::noun;

#[derive(Debug, Serialize)]
pub struct ComponentView {
    pub heading: String,
    pub general: String,
    pub here: String,
    pub talks: Vec<String>,
    pub why: String,
}

/// One section per component the spec declares, by kind then id.
pub fn views(design: &Design, changes: Option<&Changes>) -> Vec<ComponentView> {
    let alternatives = flow::alternatives(design);
    let added = changes.map(added_by_id).unwrap_or_default();
    let mut ids: Vec<ComponentId> = design
        .component_ids()
        .filter(|&c| !design.component(c).is_implicit())
        .collect();
    ids.sort_by_key(|&c| (design.component(c).kind, design.component(c).id.clone()));
    ids.into_iter()
        .map(|c| {
            let component = design.component(c);
            let mut here = Vec::new();
            if component.managed {
                here.push("Managed by the provider; no host of yours.".to_string());
            }
            if let Some(h) = component.host {
                let host = design.host(h);
                here.push(format!(
                    "Runs on {}{}.",
                    code(&host.id),
                    host.ip.map_or(String::new(), |ip| format!(" ({ip})"))
                ));
            }
            if let Some(s) = &component.software {
                here.push(format!("Software: {}.", escape(s)));
            }
            if component.count > 1 {
                here.push(format!("{} identical instances.", component.count));
            }
            if component.kind == Kind::TlsCertificate {
                let names: Vec<String> =
                    component.attrs.domains.iter().map(|d| escape(d)).collect();
                match (&component.attrs.issuer, names.is_empty()) {
                    (Some(issuer), false) => {
                        here.push(format!("Issued by {} for {}.", escape(issuer), and(&names)))
                    }
                    (Some(issuer), true) => here.push(format!("Issued by {}.", escape(issuer))),
                    (None, false) => here.push(format!("Covers {}.", and(&names))),
                    (None, true) => {}
                }
            }
            if let Some(n) = &component.notes {
                here.push(escape(n));
            }
            let talks = talks(design, c);
            // What its arrival addressed, when it is new since the design this one extends.
            let key = code(&component.id);
            let because = added
                .get(&key[1..key.len() - 1])
                .map(|a| {
                    a.because
                        .replacen("together they address", "with its peers it addresses", 1)
                })
                .filter(|b| !b.is_empty());
            let why = match (&component.why, because) {
                (Some(w), Some(b)) => format!("{} New in this design: {b}.", escape(w)),
                (Some(w), None) => escape(w),
                (None, Some(b)) => format!(
                    "New in this design: {b}. {}",
                    default_why(design, c, &alternatives)
                ),
                (None, None) => default_why(design, c, &alternatives),
            };
            ComponentView {
                heading: format!("{} · {}", code(&component.id), noun(component.kind)),
                general: if background_worker(design, c) {
                    "Runs the application code that does work in the background, away from users' requests.".to_string()
                } else {
                    component.kind.describe().to_string()
                },
                here: here.join(" "),
                talks,
                why,
            }
        })
        .collect()
}

/// Each id an added group names in code font, with the first group naming it: the group
/// whose `what` holds the id between backticks.
fn added_by_id(changes: &Changes) -> HashMap<&str, &Added> {
    let mut out = HashMap::new();
    for a in &changes.added {
        let parts: Vec<&str> = a.what.split('`').collect();
        for &inside in parts.iter().take(parts.len().saturating_sub(1)).skip(1) {
            out.entry(inside).or_insert(a);
        }
    }
    out
}

/// What the component talks to and hears from, one phrase per direction and way of talking:
/// "from `app-a`, `app-b` and `app-c` over the PostgreSQL protocol on port 5432".
fn talks(design: &Design, c: ComponentId) -> Vec<String> {
    let who = |id: ComponentId, link: &crate::model::Link| {
        let other = design.component(id);
        match (other.is_implicit(), link.purpose) {
            (true, Purpose::Admin) => "the operators' computers".to_string(),
            (true, _) => "the users' browsers".to_string(),
            (false, _) => code(&other.id),
        }
    };
    let how = |l: &crate::model::Link| {
        let noted = l
            .notes
            .as_deref()
            .map(|n| format!(" ({})", escape(n.trim().trim_end_matches('.'))))
            .unwrap_or_default();
        // "From the operators' computers" says what the link is for already.
        let operators = l.purpose == Purpose::Admin && design.component(l.from).is_implicit();
        format!(
            "over {}{}{noted}",
            protocol_phrase(l.protocol, l.port),
            if operators { "" } else { purpose(l) }
        )
    };
    let mut groups: Vec<(&str, String, Vec<String>)> = Vec::new();
    // Which group already names whom: a load balancer in front of thousands of servers is
    // not searched for each.
    let mut named: HashSet<(usize, String)> = HashSet::new();
    let ends = design
        .links_to(c)
        .map(|l| ("from", how(l), who(l.from, l)))
        .chain(design.links_from(c).map(|l| ("to", how(l), who(l.to, l))));
    for (direction, how, other) in ends {
        match groups
            .iter()
            .position(|(d, h, _)| *d == direction && *h == how)
        {
            Some(g) => {
                if named.insert((g, other.clone())) {
                    groups[g].2.push(other);
                }
            }
            None => {
                named.insert((groups.len(), other.clone()));
                groups.push((direction, how, vec![other]));
            }
        }
    }
    groups
        .into_iter()
        .map(|(direction, how, others)| format!("{direction} {} {how}", and(&others)))
        .collect()
}

/// What a link is for, when it is not users' requests: " (operators' access)".
fn purpose(link: &crate::model::Link) -> &'static str {
    match link.purpose {
        Purpose::Serve => "",
        Purpose::Admin => " (operators' access)",
        Purpose::Background => " (background work)",
    }
}

/// Why a component is there when the spec does not say: its part in this design.
fn default_why(
    design: &Design,
    c: ComponentId,
    alternatives: &std::collections::BTreeMap<ComponentId, std::rc::Rc<[ComponentId]>>,
) -> String {
    let component = design.component(c);
    let serves_users = design
        .links_to(c)
        .any(|l| l.serves() && l.protocol != crate::spec::vocabulary::Protocol::Replication);
    let others = |group: &[ComponentId]| -> Vec<String> {
        group
            .iter()
            .filter(|&&o| o != c)
            .map(|&o| code(&design.component(o).id))
            .collect()
    };
    // Its peers, when they really take over its work.
    let several = match alternatives.get(&c) {
        None => String::new(),
        Some(group) if component.kind == Kind::LoadBalancer => {
            let vip = design.vips.iter().find(|v| v.held_by.contains(&c));
            match vip {
                Some(v) if v.mode == Setup::ActivePassive => {
                    if v.held_by.first() == Some(&c) {
                        format!(
                            " It holds the virtual IP {}; {} takes it over if it fails.",
                            v.ip,
                            super::markdown::or(&others(&v.held_by))
                        )
                    } else {
                        format!(
                            " It stands by to take over the virtual IP {} if {} fails.",
                            v.ip,
                            super::markdown::or(&others(&v.held_by))
                        )
                    }
                }
                Some(v) => format!(
                    " It answers on the virtual IP {} with {}; if it fails, {} on.",
                    v.ip,
                    and(&others(&v.held_by)),
                    the_rest_carry(v.held_by.len())
                ),
                None if component.attrs.setup == Some(Setup::ActivePassive) => format!(
                    " It is clustered with {} (active-passive): one serves while the other waits to take over.",
                    and(&others(group))
                ),
                None => format!(
                    " It is one of {} load balancers that share the requests, so {} on when it fails or is being updated.",
                    group.len(),
                    the_rest_carry(group.len())
                ),
            }
        }
        Some(group) => format!(
            " It is one of {} {}s that answer the same requests, so {} on when it fails or is being updated.",
            group.len(),
            noun(component.kind),
            the_rest_carry(group.len())
        ),
    };
    let base = match component.kind {
        Kind::LoadBalancer => "It spreads requests over the servers behind it.".to_string(),
        Kind::WebServer => "It answers the browsers' HTTP requests and keeps static files and slow clients away from the application server.".to_string(),
        Kind::AppServer if background_worker(design, c) => {
            "It does the work that can wait until after the response.".to_string()
        }
        Kind::AppServer => "It runs the code that turns a request into a page.".to_string(),
        Kind::AppFiles => "Without the code there is no application to run.".to_string(),
        Kind::Database => match component.attrs.role {
            Some(Role::Replica) if serves_users => "It keeps a copy of the primary's data: it serves reads and can be promoted if the primary is lost.".to_string(),
            Some(Role::Replica) => "It keeps a copy of the primary's data, ready to be promoted if the primary is lost.".to_string(),
            _ => "It keeps the data that must survive restarts: accounts, content, orders.".to_string(),
        },
        Kind::Firewall => firewall_why(design, c),
        Kind::TlsCertificate => "Without it the site cannot serve HTTPS.".to_string(),
        Kind::MonitoringAgent => {
            let collects: Vec<String> = component.attrs.collects.iter().map(|s| s.as_str().to_string()).collect();
            let to = component.attrs.sends_to.map_or("a monitoring service".to_string(), |s| code(&design.component(s).id));
            format!("It sends its host's {} to {to}, so problems are seen before users report them.", if collects.is_empty() { "data".to_string() } else { and(&collects) })
        }
        Kind::MonitoringService => "It stores what the agents send, draws dashboards and raises alerts.".to_string(),
        // The kind's own description opens the section already: these say what the design
        // gains from it.
        Kind::Client => "It stands for the people the design serves: every request this write-up follows starts from it.".to_string(),
        Kind::Dns => "It turns the names users type into the addresses of the design's entry.".to_string(),
        Kind::Cdn => "It answers from servers near each user, which cuts the time to the first byte and keeps repeated requests off the servers behind it.".to_string(),
        Kind::Cache => "It answers repeated reads from memory, which keeps pages fast and takes load off the stores behind it.".to_string(),
        Kind::Queue => "Slow work waits in it rather than in a user's request, so responses do not wait for that work.".to_string(),
        Kind::Storage => "It keeps files and objects off any one server, so every server sees the same files and none is lost with a machine.".to_string(),
        Kind::ExternalService => "It does a job the design does not do itself.".to_string(),
        Kind::VpnGateway => "It keeps the private network off the internet: only clients holding VPN credentials get in, and everything behind it is reached through the tunnel.".to_string(),
        Kind::Bastion => "Operators log in here first, so the other machines need not accept SSH from anywhere else, and every session passes one place that can be guarded and logged.".to_string(),
        Kind::IdentityProvider => "Sign-in lives in one place: the application keeps no passwords, and closing an account closes it everywhere.".to_string(),
        Kind::Backup => "A bad migration, a deleted table or a lost disk can be undone from its copies; replicas cannot do that, since they copy every mistake at once.".to_string(),
    };
    format!("{base}{several}")
}

/// "the other carries" beside one other, "the others carry" beside several.
fn the_rest_carry(group: usize) -> &'static str {
    if group == 2 {
        "the other carries"
    } else {
        "the others carry"
    }
}

/// Why a firewall is there, from what it protects and lets through: "It lets only port 22
/// through to `bastion-1` and drops the rest."
fn firewall_why(design: &Design, fw: ComponentId) -> String {
    use crate::model::Target;
    let attrs = &design.component(fw).attrs;
    let guarded: Vec<String> = attrs
        .protects
        .iter()
        .map(|&t| match t {
            Target::Host(h) => code(&design.host(h).id),
            Target::Component(c) => code(&design.component(c).id),
            Target::Zone(z) => code(&design.zone(z).id),
        })
        .collect();
    if attrs.allowed_ports.is_empty() || guarded.is_empty() {
        return "It lets in only the traffic the site needs and drops the rest.".to_string();
    }
    let ports: Vec<String> = attrs.allowed_ports.iter().map(|p| p.to_string()).collect();
    format!(
        "It lets only port {} through to {} and drops the rest.",
        super::markdown::or(&ports),
        and(&guarded)
    )
}

/// An application server no request reaches that does background work: a queue's worker.
fn background_worker(design: &Design, c: ComponentId) -> bool {
    design.component(c).kind == Kind::AppServer
        && !design
            .links_to(c)
            .any(|l| l.serves() && l.protocol != crate::spec::vocabulary::Protocol::Replication)
        && design
            .links_from(c)
            .any(|l| l.purpose == Purpose::Background)
}
