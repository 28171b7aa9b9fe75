//! The classic designs in specs/ are valid and say what the exercises ask for.

use infradoc::model::{Design, Kind};
use infradoc::spec::vocabulary::{Protocol, Role};

use crate::classic_specs;

fn design(n: usize) -> Design {
    let path = &classic_specs()[n];
    let compiled = infradoc::compile_file(path);
    assert!(
        compiled.diagnostics.is_empty(),
        "{}: {:?}",
        path.display(),
        compiled.diagnostics
    );
    compiled.design.expect("valid design")
}

fn count(d: &Design, kind: Kind) -> usize {
    d.components_of_kind(kind).count()
}

#[test]
fn there_are_four_classic_specs() {
    let names: Vec<String> = classic_specs()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "0-simple_web_stack.toml",
            "1-distributed_web_infrastructure.toml",
            "2-secured_and_monitored_web_infrastructure.toml",
            "3-scale_up.toml",
        ]
    );
}

#[test]
fn simple_web_stack_is_one_server_behind_www() {
    let d = design(0);
    assert_eq!(d.hosts.len(), 1);
    assert_eq!(d.hosts[0].ip.unwrap().to_string(), "8.8.8.8");
    assert_eq!(d.dns[0].fqdn, "www.foobar.com");
    assert_eq!(d.dns[0].value, "8.8.8.8");
    for kind in [
        Kind::WebServer,
        Kind::AppServer,
        Kind::AppFiles,
        Kind::Database,
    ] {
        assert_eq!(count(&d, kind), 1, "{kind}");
    }
    let host = d.host_ids().next().unwrap();
    assert_eq!(d.components_on(host).len(), 4);
    assert!(d.component(d.find_component("user").unwrap()).is_implicit());
}

#[test]
fn distributed_design_adds_a_load_balancer_a_server_and_a_replica() {
    let d = design(1);
    assert_eq!(d.hosts.len(), 3);
    let lb = d.component(d.find_component("haproxy").unwrap());
    assert!(lb.attrs.algorithm.is_some() && lb.attrs.setup.is_some());
    assert_eq!(count(&d, Kind::WebServer), 2);
    let replica = d.component(d.find_component("mysql-replica").unwrap());
    assert_eq!(replica.attrs.role, Some(Role::Replica));
    assert_eq!(
        replica.attrs.replicates_from,
        d.find_component("mysql-primary")
    );
}

#[test]
fn secured_design_has_three_firewalls_one_certificate_and_three_agents() {
    let d = design(2);
    assert_eq!(count(&d, Kind::Firewall), 3);
    assert_eq!(count(&d, Kind::TlsCertificate), 1);
    assert_eq!(count(&d, Kind::MonitoringAgent), 3);
    let user = d.find_component("user").unwrap();
    assert!(
        d.links_from(user)
            .all(|l| l.protocol == Protocol::Https && l.encrypted)
    );
}

#[test]
fn scale_up_clusters_two_load_balancers_and_splits_the_tiers() {
    let d = design(3);
    assert_eq!(count(&d, Kind::LoadBalancer), 2);
    let one = d.component(d.find_component("haproxy").unwrap());
    assert_eq!(
        one.attrs.peers,
        vec![d.find_component("haproxy-2").unwrap()]
    );
    let hosts_of = |kind| -> Vec<_> {
        d.components_of_kind(kind)
            .map(|c| d.component(c).host)
            .collect()
    };
    let web = hosts_of(Kind::WebServer);
    let app = hosts_of(Kind::AppServer);
    let db = hosts_of(Kind::Database);
    assert!(web != app && app != db && web != db);
}
