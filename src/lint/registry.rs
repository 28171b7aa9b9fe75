//! Every rule, in code order. A rule's code and name never change once released.

use super::rule::{Rule, RuleMeta};
use super::rules::{
    cannot_scale::CannotScale, colocated_tiers::ColocatedTiers,
    database_in_public_network::DatabaseInPublicNetwork,
    dns_record_pointing_at_nothing::DnsRecordPointingAtNothing,
    firewall_blocks_traffic::FirewallBlocksTraffic, identical_servers::IdenticalServers,
    load_balancer_without_health_check::LoadBalancerWithoutHealthCheck,
    load_balancers_share_a_zone::LoadBalancersShareAZone,
    maintenance_downtime::MaintenanceDowntime, no_backup::NoBackup, no_firewall::NoFirewall,
    no_https::NoHttps, no_monitoring::NoMonitoring, provider_dependency::ProviderDependency,
    public_host_without_firewall_boundary::PublicHostWithoutFirewallBoundary,
    replica_without_primary::ReplicaWithoutPrimary, replicas_share_a_zone::ReplicasShareAZone,
    single_admin_path::SingleAdminPath, single_point_of_failure::SinglePointOfFailure,
    single_writer_database::SingleWriterDatabase,
    tls_terminated_at_load_balancer::TlsTerminatedAtLoadBalancer,
};

pub static RULES: &[&dyn Rule] = &[
    &SinglePointOfFailure,
    &SingleWriterDatabase,
    &MaintenanceDowntime,
    &LoadBalancerWithoutHealthCheck,
    &ProviderDependency,
    &SingleAdminPath,
    &NoBackup,
    &ReplicasShareAZone,
    &LoadBalancersShareAZone,
    &NoHttps,
    &TlsTerminatedAtLoadBalancer,
    &NoFirewall,
    &DatabaseInPublicNetwork,
    &PublicHostWithoutFirewallBoundary,
    &NoMonitoring,
    &CannotScale,
    &ColocatedTiers,
    &IdenticalServers,
    &ReplicaWithoutPrimary,
    &DnsRecordPointingAtNothing,
    &FirewallBlocksTraffic,
];

/// The rule with this code (any case) or name.
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name)
}

/// Every rule's identity, in code order.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_documented() {
        let metas: Vec<_> = all().collect();
        for (i, a) in metas.iter().enumerate() {
            for b in &metas[i + 1..] {
                assert_ne!(a.code, b.code);
                assert_ne!(a.name, b.name);
            }
            let doc = a.documentation();
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead",
            ] {
                assert!(doc.contains(section), "{} lacks {section}", a.name);
            }
            assert!(
                a.why().len() > 40 && !a.why().contains('#'),
                "{}: {}",
                a.name,
                a.why()
            );
            assert_eq!(find(a.name).map(|m| m.code), Some(a.code));
            assert_eq!(find(&a.code.to_lowercase()).map(|m| m.code), Some(a.code));
        }
    }
}
