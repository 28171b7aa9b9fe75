//! What each step of a request does at a group of components: how they share the work, which
//! of them answers, and how a database and its replicas take reads and writes.

use super::*;

pub(super) fn who(design: &Design, group: &[ComponentId]) -> String {
    match group {
        [one] => name(design, *one),
        _ => format!("Whichever of {} gets it", or(&names(design, group))),
    }
}

/// Who a group of components sends requests to, among components of `kind`.
fn successors(design: &Design, group: &[ComponentId], kind: Kind) -> Vec<ComponentId> {
    let mut out: Vec<ComponentId> = group
        .iter()
        .flat_map(|&c| serve_links(design, c))
        .filter(|l| design.component(l.to).kind == kind)
        .map(|l| l.to)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether a group of load balancers is an active-passive cluster: one serves, the others
/// wait.
fn active_passive(design: &Design, group: &[ComponentId], vip: Option<&Vip>) -> bool {
    match vip {
        Some(v) => v.mode == Setup::ActivePassive,
        None => {
            group.len() > 1
                && group.iter().all(|&c| {
                    let attrs = &design.component(c).attrs;
                    attrs.setup == Some(Setup::ActivePassive) && !attrs.peers.is_empty()
                })
        }
    }
}

pub(super) fn describe(
    design: &Design,
    kind: Kind,
    group: &[ComponentId],
    vip: Option<&Vip>,
    branching: bool,
) -> Option<String> {
    let first = design.component(*group.first()?);
    let subject = who(design, group);
    let text = match kind {
        Kind::LoadBalancer => {
            let mut backends: Vec<ComponentId> = group
                .iter()
                .flat_map(|&c| serve_links(design, c))
                .map(|l| l.to)
                .collect();
            backends.sort();
            backends.dedup();
            let cluster = group.len() > 1 && active_passive(design, group, vip);
            let (subject, standby) = if cluster {
                let standbys: Vec<String> = names(design, &group[1..]);
                (
                    format!("The active load balancer, {},", name(design, group[0])),
                    format!(
                        " {} {} by to take over if it fails (active-passive).",
                        or(&standbys),
                        if standbys.len() == 1 {
                            "stands"
                        } else {
                            "stand"
                        }
                    ),
                )
            } else {
                (subject, String::new())
            };
            let how = match first.attrs.algorithm {
                Some(Algorithm::RoundRobin) | None => {
                    "round robin: each new request goes to the next server in turn".to_string()
                }
                Some(a) => format!(
                    "{}: {}",
                    a.as_str(),
                    lowercase_first(a.describe().trim_end_matches('.'))
                ),
            };
            // A lone load balancer's `setup` says how the servers behind it share the work.
            let setup = match (group.len() > 1, first.attrs.setup) {
                (false, Some(Setup::ActiveActive)) => {
                    " All of them serve at the same time (active-active)."
                }
                _ => "",
            };
            let health = if first.attrs.health_check == Some(true) {
                " It checks their health and stops sending to a server that fails."
            } else {
                ""
            };
            match backends.as_slice() {
                [] => format!("{subject} receives the request.{standby}"),
                [one] => {
                    let algorithm = first.attrs.algorithm.map_or("round-robin", |a| a.as_str());
                    let health = if first.attrs.health_check == Some(true) {
                        " It checks the server's health."
                    } else {
                        ""
                    };
                    format!(
                        "{subject} passes the request to {}: with one server behind it, its {algorithm} algorithm has no choice to make.{health}{standby}",
                        code(&design.component(*one).id)
                    )
                }
                _ if group.len() == 1 && first.attrs.setup == Some(Setup::ActivePassive) => {
                    let names = names(design, &backends);
                    format!(
                        "{subject} sends every request to {} and keeps {} as a standby that it switches to if {} fails (active-passive).{health}",
                        names[0],
                        and(&names[1..]),
                        names[0]
                    )
                }
                _ if branching => format!(
                    "{subject} sends the request on by path, and picks the server by {how}.{setup}{health}{standby}"
                ),
                _ => format!(
                    "{subject} picks one of {} for the request by {how}.{setup}{health}{standby}",
                    or(&names(design, &backends))
                ),
            }
        }
        Kind::WebServer => {
            if branching {
                format!("{subject} receives the request and sends it on by path:")
            } else {
                let apps = successors(design, group, Kind::AppServer);
                let link = group
                    .iter()
                    .flat_map(|&c| serve_links(design, c))
                    .find(|l| apps.binary_search(&l.to).is_ok());
                let proxy = match (apps.is_empty(), link) {
                    (false, Some(l)) => format!(
                        " and passes the others to {} over {}, as a reverse proxy",
                        or(&names(design, &apps)),
                        protocol_phrase(l.protocol, l.port)
                    ),
                    _ => String::new(),
                };
                format!(
                    "{subject} receives the request. It answers requests for static files (images, style sheets, scripts) itself{proxy}."
                )
            }
        }
        Kind::AppServer => {
            let code_bases = successors(design, group, Kind::AppFiles);
            let dbs = successors(design, group, Kind::Database);
            let runs = if code_bases.is_empty() {
                "runs the application code,".to_string()
            } else {
                format!(
                    "runs the application code, {},",
                    or(&names(design, &code_bases))
                )
            };
            let primaries: Vec<ComponentId> = dbs
                .iter()
                .copied()
                .filter(|&d| design.component(d).attrs.role != Some(Role::Replica))
                .collect();
            let replicas = design.databases_in_role(&dbs, Role::Replica);
            let data = match (primaries.is_empty(), replicas.is_empty()) {
                (false, false) => format!(
                    " and queries the database: writes go to the primary {}, reads to the replica {}",
                    and(&names(design, &primaries)),
                    and(&names(design, &replicas))
                ),
                (false, true) => format!(
                    " and reads and writes its data in {}",
                    and(&names(design, &primaries))
                ),
                (true, false) => format!(
                    " and reads its data from {}",
                    and(&names(design, &replicas))
                ),
                (true, true) => String::new(),
            };
            format!("{subject} {runs} which builds the dynamic part of the response{data}.")
        }
        Kind::Database => database(design, group),
        Kind::Cdn => {
            let to = or(&names(
                design,
                &group
                    .iter()
                    .flat_map(|&c| serve_links(design, c))
                    .map(|l| l.to)
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect::<Vec<_>>(),
            ));
            if branching {
                format!(
                    "{subject} answers from the copy cached on its servers near the user when it has one; otherwise it fetches the answer from the origin, chosen by path:"
                )
            } else if to.is_empty() {
                format!("{subject} answers from the copy cached on its servers near the user.")
            } else {
                format!(
                    "{subject} answers from the copy cached on its servers near the user when it has one; otherwise it fetches the answer from {to}."
                )
            }
        }
        Kind::Cache => format!(
            "{subject} holds data the application reads often in memory, so repeated reads skip slower stores."
        ),
        Kind::Queue => {
            let consumers = consumers(design, group);
            let later = if consumers.is_empty() {
                String::new()
            } else {
                format!(
                    "; {} do it after the response (see the last step)",
                    and(&names(design, &consumers))
                )
            };
            format!(
                "{subject} takes work that can wait, and the application answers without waiting for it{later}."
            )
        }
        Kind::Storage => format!("{subject} returns the stored file or object."),
        Kind::IdentityProvider => {
            format!("{subject} signs the user in and tells the application who they are.")
        }
        Kind::VpnGateway => format!(
            "{subject} decrypts the tunnel's traffic and passes it into the private network."
        ),
        Kind::AppFiles
        | Kind::Client
        | Kind::TlsCertificate
        | Kind::MonitoringAgent
        | Kind::MonitoringService => return None,
        other => format!(
            "{subject} handles it: {}",
            lowercase_first(other.describe())
        ),
    };
    Some(text)
}

/// The components that take work from these queues, off the request path.
fn consumers(design: &Design, queues: &[ComponentId]) -> Vec<ComponentId> {
    let mut out: Vec<ComponentId> = queues
        .iter()
        .flat_map(|&q| design.links_to(q))
        .filter(|l| l.purpose == Purpose::Background)
        .map(|l| l.from)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// How a primary confirms writes to a replica: "does not confirm a write until `r` has it too
/// (synchronous replication)".
pub fn replication_clause(mode: Replication, replicas: &str) -> String {
    match mode {
        Replication::Sync => format!(
            "does not confirm a write until {replicas} has it too (synchronous replication)"
        ),
        Replication::SemiSync => format!(
            "confirms a write once {replicas} has received it (semi-synchronous replication)"
        ),
        Replication::Async => format!(
            "copies every change to {replicas} shortly after confirming it (asynchronous replication)"
        ),
    }
}

/// A replica's settled replication mode (the model gives each pair one).
pub fn mode_of(design: &Design, replica: ComponentId) -> Replication {
    design
        .component(replica)
        .attrs
        .replication
        .unwrap_or(Replication::Async)
}

fn database(design: &Design, group: &[ComponentId]) -> String {
    let primaries: Vec<ComponentId> = group
        .iter()
        .copied()
        .filter(|&d| design.component(d).attrs.role != Some(Role::Replica))
        .collect();
    let replicas: Vec<ComponentId> = group
        .iter()
        .copied()
        .filter(|&d| design.component(d).attrs.role == Some(Role::Replica))
        .collect();
    let mut text = String::new();
    if !primaries.is_empty() {
        let primary_set: HashSet<ComponentId> = primaries.iter().copied().collect();
        // The replicas of these primaries, by replication mode.
        let mut by_mode: Vec<(Replication, Vec<ComponentId>)> = Vec::new();
        for r in design.components_of_kind(Kind::Database) {
            if design
                .component(r)
                .attrs
                .replicates_from
                .is_some_and(|p| primary_set.contains(&p))
            {
                let mode = mode_of(design, r);
                match by_mode.iter_mut().find(|(m, _)| *m == mode) {
                    Some((_, rs)) => rs.push(r),
                    None => by_mode.push((mode, vec![r])),
                }
            }
        }
        let copies: Vec<String> = by_mode
            .iter()
            .map(|(mode, rs)| replication_clause(*mode, &and(&names(design, rs))))
            .collect();
        let copies = if copies.is_empty() {
            String::new()
        } else {
            format!("; it {}", copies.join("; it "))
        };
        text.push_str(&format!(
            "{} stores the data and answers the queries sent to it{copies}.",
            and(&primaries
                .iter()
                .map(|&p| name(design, p))
                .collect::<Vec<_>>())
        ));
    }
    if !replicas.is_empty() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&format!(
            "{} answers reads from its copy of the data.",
            and(&replicas
                .iter()
                .map(|&r| name(design, r))
                .collect::<Vec<_>>())
        ));
    }
    text
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}
