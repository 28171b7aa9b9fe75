//! The rules, one file each; `super::registry` lists them in code order.

pub mod cannot_scale;
pub mod colocated_tiers;
pub mod dns_record_pointing_at_nothing;
pub mod firewall_blocks_traffic;
pub mod identical_servers;
pub mod load_balancer_without_health_check;
pub mod maintenance_downtime;
pub mod no_backup;
pub mod no_firewall;
pub mod no_https;
pub mod no_monitoring;
pub mod provider_dependency;
pub mod replica_without_primary;
pub mod single_admin_path;
pub mod single_point_of_failure;
pub mod single_writer_database;
pub mod tls_terminated_at_load_balancer;

use crate::model::{ComponentId, Design, Kind};

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
