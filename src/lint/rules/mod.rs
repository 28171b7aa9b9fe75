//! The rules, one file each; `super::registry` lists them in code order.

pub mod cannot_scale;
pub mod colocated_tiers;
pub mod database_in_public_network;
pub mod dns_record_pointing_at_nothing;
pub mod firewall_blocks_traffic;
pub mod identical_servers;
pub mod load_balancer_without_health_check;
pub mod load_balancers_share_a_zone;
pub mod maintenance_downtime;
pub mod no_backup;
pub mod no_firewall;
pub mod no_https;
pub mod no_monitoring;
pub mod provider_dependency;
pub mod public_host_without_firewall_boundary;
pub mod replica_without_primary;
pub mod replicas_share_a_zone;
pub mod single_admin_path;
pub mod single_point_of_failure;
pub mod single_writer_database;
pub mod tls_terminated_at_load_balancer;

use crate::model::{ComponentId, Design, HostId, Kind, Tier, ZoneId};
use crate::spec::ZoneKind;

/// The web, application and data tiers one host runs, for `colocated-tiers` and
/// `identical-servers`.
pub struct HostTiers {
    /// Each tier the host runs with one component of it (the first kind, then the first id),
    /// in tier order.
    pub tiers: Vec<(Tier, ComponentId)>,
    /// The host's application tier is application servers (and their code) that a web server
    /// on the same host passes requests to: a reverse proxy and what it proxies, which work
    /// as one tier.
    pub proxied: bool,
}

impl HostTiers {
    pub fn of(design: &Design, host: HostId) -> Self {
        let on_host = design.components_on(host);
        let mut tiers: Vec<(Tier, Kind, ComponentId)> = on_host
            .iter()
            .map(|&c| (design.component(c).kind.tier(), design.component(c).kind, c))
            .filter(|(t, _, _)| matches!(t, Tier::Web | Tier::App | Tier::Data))
            .collect();
        tiers.sort_by_key(|&(t, k, c)| (t, k, &design.component(c).id));
        tiers.dedup_by_key(|(t, _, _)| *t);
        let web_beside = |app: ComponentId| {
            design.links_to(app).any(|l| {
                l.serves()
                    && design.component(l.from).kind == Kind::WebServer
                    && design.component(l.from).host == Some(host)
            })
        };
        let app_tier: Vec<ComponentId> = on_host
            .iter()
            .copied()
            .filter(|&c| design.component(c).kind.tier() == Tier::App)
            .collect();
        let proxied = app_tier
            .iter()
            .any(|&c| design.component(c).kind == Kind::AppServer)
            && app_tier.iter().all(|&c| match design.component(c).kind {
                Kind::AppServer => web_beside(c),
                Kind::AppFiles => true,
                _ => false,
            });
        HostTiers {
            tiers: tiers.into_iter().map(|(t, _, c)| (t, c)).collect(),
            proxied,
        }
    }

    pub fn has(&self, tier: Tier) -> bool {
        self.tiers.iter().any(|&(t, _)| t == tier)
    }

    /// Whether the tiers compete for the host: two or more of them, other than a web server
    /// with the application servers it proxies to and nothing else.
    pub fn compete(&self) -> bool {
        self.tiers.len() >= 2 && (!self.proxied || self.has(Tier::Data))
    }
}

/// "a", "a and b", "a, b and c", each in backticks.
pub fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The ids of components, as a list.
pub fn components(design: &Design, ids: &[ComponentId]) -> String {
    let names: Vec<&str> = ids
        .iter()
        .map(|&c| design.component(c).id.as_str())
        .collect();
    list(&names)
}

/// How a kind reads in a sentence: "load balancer", "web server".
pub fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Client => "client",
        Kind::Dns => "DNS server",
        Kind::Cdn => "CDN",
        Kind::Firewall => "firewall",
        Kind::LoadBalancer => "load balancer",
        Kind::WebServer => "web server",
        Kind::AppServer => "application server",
        Kind::AppFiles => "application code",
        Kind::Cache => "cache",
        Kind::Queue => "queue",
        Kind::Database => "database",
        Kind::Storage => "storage",
        Kind::TlsCertificate => "TLS certificate",
        Kind::MonitoringAgent => "monitoring agent",
        Kind::MonitoringService => "monitoring service",
        Kind::ExternalService => "external service",
        Kind::VpnGateway => "VPN gateway",
        Kind::Bastion => "bastion host",
        Kind::IdentityProvider => "identity provider",
        Kind::Backup => "backup",
    }
}

/// How a zone kind reads in a sentence: "region", "availability zone", "network".
pub fn zone_noun(kind: ZoneKind) -> &'static str {
    match kind {
        ZoneKind::Region => "region",
        ZoneKind::AvailabilityZone => "availability zone",
        ZoneKind::Network => "network",
    }
}

/// The zones of the same kind as `zone`, other than it: those in the same parent first, then
/// the rest, each group by id.
pub fn other_zones(design: &Design, zone: ZoneId) -> Vec<ZoneId> {
    let z = design.zone(zone);
    let mut others: Vec<ZoneId> = design
        .zone_ids()
        .filter(|&o| o != zone && design.zone(o).kind == z.kind)
        .collect();
    others.sort_by_key(|&o| (design.zone(o).parent != z.parent, &design.zone(o).id));
    others
}

/// Where to move a host out of `from`: "`az-b`", or "`private-b` in `az-b`" when the host
/// sits in a network of `from` and `to` holds a network as public as that one.
pub fn destination(design: &Design, host: HostId, to: ZoneId) -> String {
    let to_id = &design.zone(to).id;
    let network = design
        .host(host)
        .zone
        .filter(|&n| design.zone(n).kind == ZoneKind::Network);
    let matching = network.and_then(|n| {
        let public = design.zone_is_public(n);
        design.zone_ids().find(|&o| {
            design.zone(o).kind == ZoneKind::Network
                && design.zone_is_public(o) == public
                && o != to
                && design.zone_chain(o).any(|c| c == to)
        })
    });
    match matching {
        Some(n) => format!("`{}` in `{to_id}`", design.zone(n).id),
        None => format!("`{to_id}`"),
    }
}

/// Moves for `hosts` (all in `zone`, one of them enough to stay): "move `web-02` to `az-b`",
/// one host to each other zone of the kind, or to "a second availability zone" when the
/// design has no other. Empty when fewer than two hosts are given.
pub fn moves(design: &Design, zone: ZoneId, hosts: &[HostId]) -> String {
    let Some((_, rest)) = hosts.split_first() else {
        return String::new();
    };
    let others = other_zones(design, zone);
    if others.is_empty() {
        return match rest.first() {
            Some(&h) => format!(
                "move `{}` to a second {}",
                design.host(h).id,
                zone_noun(design.zone(zone).kind)
            ),
            None => String::new(),
        };
    }
    let parts: Vec<String> = rest
        .iter()
        .zip(&others)
        .map(|(&h, &to)| format!("`{}` to {}", design.host(h).id, destination(design, h, to)))
        .collect();
    match parts.as_slice() {
        [] => String::new(),
        [one] => format!("move {one}"),
        [init @ .., last] => format!("move {} and {last}", init.join(", ")),
    }
}

/// "`az-b`", or "a second availability zone" when the design has no other zone of the kind.
pub fn another_zone(design: &Design, zone: ZoneId) -> String {
    match other_zones(design, zone).first() {
        Some(&o) => format!("`{}`", design.zone(o).id),
        None => format!("a second {}", zone_noun(design.zone(zone).kind)),
    }
}
