//! The write-up's background section: which general topics (load balancing, replication,
//! firewalls, HTTPS, monitoring) the design uses, named with the design's own components.

use serde::Serialize;

use crate::model::{ComponentId, Design, Kind};
use crate::spec::vocabulary::{Algorithm, Replication, Role, Setup, Vocabulary};

use super::markdown::{and, code, count, escape};

/// Which background topics the design uses, with the design's own names for them.
#[derive(Debug, Serialize, Default)]
pub struct Background {
    pub servers: String,
    pub load_balancer: Option<String>,
    pub algorithm: Option<String>,
    pub algorithm_explanation: Option<String>,
    pub other_algorithms: String,
    pub setup: Option<String>,
    pub setup_of: Option<String>,
    pub lb_pair: Option<String>,
    pub vip: Option<String>,
    pub primary: Option<String>,
    pub replicas: Option<String>,
    pub replication: Option<String>,
    pub replica_reads: bool,
    pub firewalls: Option<String>,
    pub https: Option<String>,
    pub monitoring_service: Option<String>,
    pub agents: Option<String>,
    pub web_server: Option<String>,
}

pub fn build(design: &Design) -> Background {
    let of = |kind: Kind| -> Vec<ComponentId> { design.components_of_kind(kind).collect() };
    let names = |ids: &[ComponentId]| -> String {
        and(&ids
            .iter()
            .map(|&c| code(&design.component(c).id))
            .collect::<Vec<_>>())
    };
    let hosts: Vec<String> = design.hosts.iter().map(|h| code(&h.id)).collect();
    let mut b = Background {
        servers: if hosts.is_empty() {
            "This design does not name its servers yet.".to_string()
        } else {
            format!(
                "This design has {}: {}.",
                count(hosts.len(), "server", "servers"),
                and(&hosts)
            )
        },
        ..Background::default()
    };
    let lbs = of(Kind::LoadBalancer);
    let used = lbs
        .first()
        .and_then(|&lb| design.component(lb).attrs.algorithm);
    let others: Vec<&str> = [
        (Algorithm::RoundRobin, "round robin (each new request goes to the next server in turn)"),
        (Algorithm::LeastConnections, "least connections (the server with the fewest open connections gets the next request, good when requests vary in length)"),
        (Algorithm::SourceHash, "source hash (a client keeps reaching the same server, useful when sessions live on the server)"),
    ]
    .into_iter()
    .filter(|(a, _)| Some(*a) != used && !(used.is_none() && *a == Algorithm::RoundRobin))
    .map(|(_, text)| text)
    .collect();
    b.other_algorithms = format!(
        "Other common algorithms are {}.",
        and(&others.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    );
    if let Some(&lb) = lbs.first() {
        let attrs = &design.component(lb).attrs;
        b.load_balancer = Some(names(&lbs));
        b.algorithm = attrs.algorithm.map(|a| a.as_str().to_string());
        b.algorithm_explanation = attrs.algorithm.map(|a| {
            let d = a.describe();
            d[..1].to_lowercase() + &d[1..]
        });
        let vip = design.vips.iter().find(|v| v.held_by.contains(&lb));
        let clustered: Vec<ComponentId> = match vip {
            Some(v) => v.held_by.clone(),
            None if !attrs.peers.is_empty() => {
                let mut c = vec![lb];
                c.extend(&attrs.peers);
                c
            }
            None => Vec::new(),
        };
        // `setup` describes the cluster when the load balancers form one, else the servers
        // behind the load balancer.
        let setup = vip.map(|v| v.mode).or(attrs.setup);
        b.setup = setup.map(|s| s.as_str().to_string());
        if setup.is_some() {
            b.setup_of = Some(if clustered.is_empty() {
                let mut behind: Vec<ComponentId> = design
                    .links_from(lb)
                    .filter(|l| l.serves())
                    .map(|l| l.to)
                    .collect();
                behind.sort();
                behind.dedup();
                if behind.is_empty() {
                    format!("The servers behind {}", names(&[lb]))
                } else {
                    format!("The servers behind {} ({})", names(&[lb]), names(&behind))
                }
            } else {
                format!("The load balancers {}", names(&clustered))
            });
        }
        if !clustered.is_empty() {
            b.lb_pair = Some(names(&clustered));
            b.vip = vip.map(|v| {
                let software = v.software.as_deref().map(escape);
                match (v.mode, software) {
                    (Setup::ActivePassive, Some(s)) => format!("the virtual IP {}, which {s} moves to the standby when the active one fails", v.ip),
                    (Setup::ActivePassive, None) => format!("the virtual IP {}, which moves to the standby when the active one fails", v.ip),
                    (Setup::ActiveActive, Some(s)) => format!("the virtual IP {}, on which both answer ({s})", v.ip),
                    (Setup::ActiveActive, None) => format!("the virtual IP {}, on which both answer", v.ip),
                }
            });
        }
    }
    let dbs = of(Kind::Database);
    let primaries = design.databases_in_role(&dbs, Role::Primary);
    let replicas = design.databases_in_role(&dbs, Role::Replica);
    if !replicas.is_empty() {
        b.primary = Some(names(&primaries));
        b.replicas = Some(names(&replicas));
        b.replica_reads = replicas.iter().any(|&r| {
            design
                .links_to(r)
                .any(|l| l.serves() && l.protocol != crate::spec::vocabulary::Protocol::Replication)
        });
        let mut modes: Vec<Replication> = replicas
            .iter()
            .map(|&r| super::flow::mode_of(design, r))
            .collect();
        modes.sort_by_key(|m| m.as_str());
        modes.dedup();
        b.replication = Some(
            modes
                .iter()
                .map(|m| match m {
                    Replication::Sync => "Replication here is **synchronous**: the primary confirms a write only once the replica has it, so promoting the replica loses nothing, at the cost of slower writes.",
                    Replication::SemiSync => "Replication here is **semi-synchronous**: the primary confirms a write once the replica has received it, so a confirmed write survives a failover, though the replica may apply it a moment later.",
                    Replication::Async => "Replication here is **asynchronous**: the primary confirms a write before the replica has it, so the replica is a little behind and a failover to it can lose the last writes.",
                })
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    let firewalls = of(Kind::Firewall);
    if !firewalls.is_empty() {
        b.firewalls = Some(if firewalls.len() == 1 {
            format!(
                "{} lets in only the ports its rules list",
                names(&firewalls)
            )
        } else {
            format!(
                "{} let in only the ports their rules list",
                names(&firewalls)
            )
        });
    }
    let certs = of(Kind::TlsCertificate);
    if !certs.is_empty() || design.links.iter().any(|l| l.encrypted) {
        b.https = Some(if certs.is_empty() {
            "the encrypted links".to_string()
        } else {
            names(&certs)
        });
    }
    let agents = of(Kind::MonitoringAgent);
    if !agents.is_empty() {
        b.agents = Some(names(&agents));
        b.monitoring_service = Some(names(&of(Kind::MonitoringService)));
    }
    let web = of(Kind::WebServer);
    if let Some(&w) = web.first() {
        b.web_server = Some(
            design
                .component(w)
                .software
                .as_deref()
                .map_or("the web server".to_string(), escape),
        );
    }
    b
}
