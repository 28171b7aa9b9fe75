//! The write-up's background section: which general topics (load balancing, replication,
//! firewalls, HTTPS, monitoring) the design uses, named with the design's own components.

use serde::Serialize;

use crate::model::{ComponentId, Design, Kind};
use crate::spec::vocabulary::{Role, Vocabulary};

use super::markdown::{and, code, count, escape};

/// Which background topics the design uses, with the design's own names for them.
#[derive(Debug, Serialize, Default)]
pub struct Background {
    pub servers: String,
    pub load_balancer: Option<String>,
    pub algorithm: Option<String>,
    pub algorithm_explanation: Option<String>,
    pub setup: Option<String>,
    pub lb_pair: Option<String>,
    pub primary: Option<String>,
    pub replicas: Option<String>,
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
    if let Some(&lb) = lbs.first() {
        let attrs = &design.component(lb).attrs;
        b.load_balancer = Some(names(&lbs));
        b.algorithm = attrs.algorithm.map(|a| a.as_str().to_string());
        b.algorithm_explanation = attrs.algorithm.map(|a| {
            let d = a.describe();
            d[..1].to_lowercase() + &d[1..]
        });
        b.setup = attrs.setup.map(|s| s.as_str().to_string());
        if lbs.len() > 1 || !attrs.peers.is_empty() {
            b.lb_pair = Some(names(&lbs));
        }
    }
    let dbs = of(Kind::Database);
    let primaries = design.databases_in_role(&dbs, Role::Primary);
    let replicas = design.databases_in_role(&dbs, Role::Replica);
    if !replicas.is_empty() {
        b.primary = Some(names(&primaries));
        b.replicas = Some(names(&replicas));
    }
    let firewalls = of(Kind::Firewall);
    if !firewalls.is_empty() {
        b.firewalls = Some(names(&firewalls));
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
