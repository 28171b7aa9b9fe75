//! "How a request flows": numbered steps computed from the graph, from the user typing the
//! site's name to the response coming back.

use std::collections::BTreeSet;

use crate::model::{ComponentId, Design, Kind, Target};
use crate::spec::vocabulary::{Algorithm, DnsType, Protocol, Role, Setup, Vocabulary};

use super::markdown::{and, code, escape, or};

/// `nginx-1` (Nginx).
pub fn name(design: &Design, c: ComponentId) -> String {
    let component = design.component(c);
    match &component.software {
        Some(s) => format!("{} ({})", code(&component.id), escape(s)),
        None => code(&component.id),
    }
}

fn names(design: &Design, ids: &[ComponentId]) -> Vec<String> {
    ids.iter().map(|&c| code(&design.component(c).id)).collect()
}

/// How a link reads: "HTTPS on port 443".
pub fn protocol_phrase(protocol: Protocol, port: Option<u16>) -> String {
    let p = match protocol {
        Protocol::Http => "HTTP".to_string(),
        Protocol::Https => "HTTPS".to_string(),
        Protocol::Mysql => "the MySQL protocol".to_string(),
        Protocol::Postgresql => "the PostgreSQL protocol".to_string(),
        Protocol::File => "the file system".to_string(),
        other => other.as_str().to_uppercase(),
    };
    match port {
        Some(port) => format!("{p} on port {port}"),
        None => p,
    }
}

/// The request path's components, wave by wave from the clients (replication and monitoring
/// are not on it).
fn waves(design: &Design) -> Vec<Vec<ComponentId>> {
    let on_path = |c: ComponentId| crate::analysis::on_request_path(design.component(c).kind);
    let mut seen: BTreeSet<ComponentId> = design.components_of_kind(Kind::Client).collect();
    let mut wave: Vec<ComponentId> = seen.iter().copied().collect();
    let mut waves = Vec::new();
    while !wave.is_empty() {
        let mut next: Vec<ComponentId> = Vec::new();
        for &c in &wave {
            for link in design.links_from(c) {
                if link.protocol != Protocol::Replication
                    && on_path(link.to)
                    && seen.insert(link.to)
                {
                    next.push(link.to);
                }
            }
        }
        next.sort();
        if !next.is_empty() {
            waves.push(next.clone());
        }
        wave = next;
    }
    waves
}

/// The numbered steps, as Markdown sentences.
pub fn steps(design: &Design, site: &str) -> Vec<String> {
    let mut steps = Vec::new();
    let clients: Vec<ComponentId> = design.components_of_kind(Kind::Client).collect();
    let entry_links: Vec<_> = clients.iter().flat_map(|&c| design.links_from(c)).collect();
    if entry_links.is_empty() {
        return steps;
    }
    let entries: Vec<ComponentId> = {
        let mut e: Vec<ComponentId> = entry_links.iter().map(|l| l.to).collect();
        e.sort();
        e.dedup();
        e
    };

    // 1. DNS.
    let record = design
        .dns
        .iter()
        .find(|d| matches!(d.record_type, DnsType::A | DnsType::Aaaa | DnsType::Cname));
    match record {
        Some(r) => {
            let holder = design
                .hosts
                .iter()
                .find(|h| h.ip.map(|ip| ip.to_string()) == Some(r.value.clone()));
            let target = match (r.record_type, holder) {
                (DnsType::Cname, _) => {
                    format!("an alias of {}, which DNS resolves in turn", code(&r.value))
                }
                (_, Some(h)) => format!(
                    "**{}**, the public address of {}",
                    escape(&r.value),
                    code(&h.id)
                ),
                (_, None) => format!("**{}**", escape(&r.value)),
            };
            steps.push(format!(
                "The user types **{}** in a browser. The browser asks DNS for that name, and the `{}` record {} answers {target}.",
                escape(&r.fqdn),
                r.record_type,
                code(&r.name)
            ));
        }
        None => steps.push(format!(
            "The user's browser sets out to reach {}.",
            escape(site)
        )),
    }

    // 2. The connection.
    let first = entry_links[0];
    let encrypted = entry_links.iter().all(|l| l.encrypted);
    let port = first
        .port
        .map_or(String::new(), |p| format!(" on port {p}"));
    let mut connection = format!(
        "It opens a TCP connection{port} to {} and sends its request in {}: ",
        or(&names(design, &entries)),
        protocol_phrase(first.protocol, None)
    );
    if encrypted {
        let certs: Vec<ComponentId> = design
            .components_of_kind(Kind::TlsCertificate)
            .filter(|&c| {
                design
                    .component(c)
                    .attrs
                    .installed_on
                    .iter()
                    .any(|t| entries.contains(t))
            })
            .collect();
        connection.push_str("TLS encrypts everything on the way, ");
        connection.push_str(&match certs.first() {
            Some(&cert) => format!(
                "and the certificate {} proves to the browser that it reached the real site.",
                code(&design.component(cert).id)
            ),
            None => "but no certificate in the design proves the server's identity.".to_string(),
        });
    } else {
        connection.push_str("the request travels unencrypted, readable by anyone on the path.");
    }
    steps.push(connection);

    // Firewalls in front of the entry.
    for fw in design.components_of_kind(Kind::Firewall) {
        let attrs = &design.component(fw).attrs;
        let guards = attrs.protects.iter().any(|t| match *t {
            Target::Component(c) => entries.contains(&c),
            Target::Host(h) => entries.iter().any(|&e| design.component(e).host == Some(h)),
        });
        if guards {
            let ports: Vec<String> = attrs.allowed_ports.iter().map(|p| p.to_string()).collect();
            let allowed = if ports.is_empty() {
                "by its rules".to_string()
            } else {
                format!("only on port {}", or(&ports))
            };
            steps.push(format!("The firewall {} checks the connection first and lets it in {allowed}; everything else is dropped.", name(design, fw)));
        }
    }

    // Each wave of the request path.
    for wave in waves(design) {
        let mut kinds: Vec<Kind> = wave.iter().map(|&c| design.component(c).kind).collect();
        kinds.sort();
        kinds.dedup();
        for kind in kinds {
            let group: Vec<ComponentId> = wave
                .iter()
                .copied()
                .filter(|&c| design.component(c).kind == kind)
                .collect();
            if let Some(step) = describe(design, kind, &group) {
                steps.push(step);
            }
        }
    }
    steps.push(if encrypted {
        "The response goes back the way the request came; from the point where TLS ends it is encrypted again on its way to the browser, which renders the page.".to_string()
    } else {
        "The response goes back the way the request came, unencrypted, to the browser, which renders the page.".to_string()
    });
    steps
}

/// Who a group of components sends requests to.
fn successors(design: &Design, group: &[ComponentId], kind: Kind) -> Vec<ComponentId> {
    let mut out: Vec<ComponentId> = group
        .iter()
        .flat_map(|&c| design.links_from(c))
        .filter(|l| design.component(l.to).kind == kind && l.protocol != Protocol::Replication)
        .map(|l| l.to)
        .collect();
    out.sort();
    out.dedup();
    out
}

fn who(design: &Design, group: &[ComponentId]) -> String {
    match group {
        [one] => name(design, *one),
        _ => format!("Whichever of {} gets it", or(&names(design, group))),
    }
}

fn describe(design: &Design, kind: Kind, group: &[ComponentId]) -> Option<String> {
    let first = design.component(*group.first()?);
    let subject = who(design, group);
    let text = match kind {
        Kind::LoadBalancer => {
            let backends: Vec<ComponentId> = {
                let mut b: Vec<ComponentId> = group
                    .iter()
                    .flat_map(|&c| design.links_from(c))
                    .map(|l| l.to)
                    .collect();
                b.sort();
                b.dedup();
                b
            };
            let how = match first.attrs.algorithm {
                Some(Algorithm::RoundRobin) | None => {
                    "round robin: each new request goes to the next server in turn".to_string()
                }
                Some(a) => format!("{}: {}", a.as_str(), lowercase_first(a.describe())),
            };
            let setup = match first.attrs.setup {
                Some(Setup::ActiveActive) => " All of them serve at the same time (active-active).",
                Some(Setup::ActivePassive) => {
                    " One serves while the other waits to take over (active-passive)."
                }
                None => "",
            };
            let health = if first.attrs.health_check == Some(true) {
                " It checks their health and stops sending to a server that fails."
            } else {
                ""
            };
            match backends.as_slice() {
                [one] => {
                    let algorithm = first.attrs.algorithm.map_or("round-robin", |a| a.as_str());
                    let health = if first.attrs.health_check == Some(true) {
                        " It checks the server's health."
                    } else {
                        ""
                    };
                    format!(
                        "{subject} passes the request to {}: with one server behind it, its {algorithm} algorithm has no choice to make.{setup}{health}",
                        code(&design.component(*one).id)
                    )
                }
                _ => format!(
                    "{subject} picks one of {} for the request by {how}.{setup}{health}",
                    and(&names(design, &backends))
                ),
            }
        }
        Kind::WebServer => {
            let apps = successors(design, group, Kind::AppServer);
            let link = group
                .iter()
                .flat_map(|&c| design.links_from(c))
                .find(|l| apps.contains(&l.to));
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
        Kind::AppServer => {
            let code_bases = successors(design, group, Kind::AppFiles);
            let dbs = successors(design, group, Kind::Database);
            let runs = if code_bases.is_empty() {
                "runs the application code".to_string()
            } else {
                format!(
                    "runs the application code, {},",
                    or(&names(design, &code_bases))
                )
            };
            let primaries = design.databases_in_role(&dbs, Role::Primary);
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
                _ => String::new(),
            };
            format!("{subject} {runs} which builds the dynamic part of the page{data}.")
        }
        Kind::Database => {
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
                let copied_to: Vec<ComponentId> = design
                    .components_of_kind(Kind::Database)
                    .filter(|&r| {
                        design
                            .component(r)
                            .attrs
                            .replicates_from
                            .is_some_and(|p| primaries.contains(&p))
                    })
                    .collect();
                let mode = match design.component(primaries[0]).attrs.replication {
                    Some(crate::spec::vocabulary::Replication::Sync) => "synchronous",
                    Some(crate::spec::vocabulary::Replication::SemiSync) => "semi-synchronous",
                    _ => "asynchronous",
                };
                let copies = if copied_to.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", and copies every change to {} ({mode} replication)",
                        and(&names(design, &copied_to))
                    )
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

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}
