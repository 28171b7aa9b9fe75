//! S005 public-host-without-firewall-boundary.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::{HostId, Kind, Target, ZoneId};

use super::list;

declare_rule! {
    /// ## What it does
    /// Finds public networks (zones with `public = true`) that hold hosts and that no
    /// firewall stands in front of: no firewall's `protects` names the network or a zone it
    /// sits in, and some host in it has no firewall of its own either (one protecting the
    /// host or a component on it). A network whose every host has its own firewall is not
    /// reported.
    ///
    /// ## Why is this bad?
    /// Every host in a public network has a route from the internet, and everything that
    /// listens on it (SSH, an admin panel, a database, a forgotten test server) is scanned
    /// within minutes. A firewall at the network's boundary (security groups, network ACLs,
    /// a firewall appliance) lets in only the ports the site serves, for every host placed in
    /// the network later too.
    ///
    /// ## Example
    /// ```toml
    /// [zones.dmz]
    /// kind = "network"
    /// public = true
    ///
    /// [hosts.web-01]
    /// zone = "dmz"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [components.edge-fw]
    /// kind = "firewall"
    /// managed = true
    /// protects = ["dmz"]
    /// allowed_ports = [443]
    /// ```
    pub struct PublicHostWithoutFirewallBoundary {
        code: "S005",
        name: "public-host-without-firewall-boundary",
        category: Security,
        severity: Error,
        summary: "A public network that no firewall stands in front of.",
    }
}

impl Rule for PublicHostWithoutFirewallBoundary {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        // What some firewall stands in front of: zones (with what is inside them) and hosts
        // (a host, or a component on it); one pass over the targets, one over the hosts.
        let mut zone_guarded = vec![false; design.zones.len()];
        let mut host_guarded = vec![false; design.hosts.len()];
        for fw in design.components_of_kind(Kind::Firewall) {
            for &target in &design.component(fw).attrs.protects {
                match target {
                    Target::Zone(z) => zone_guarded[z.0 as usize] = true,
                    Target::Host(h) => host_guarded[h.0 as usize] = true,
                    Target::Component(c) => {
                        if let Some(h) = design.component(c).host {
                            host_guarded[h.0 as usize] = true;
                        }
                    }
                }
            }
        }
        let bounded = |zone: ZoneId| design.zone_chain(zone).any(|z| zone_guarded[z.0 as usize]);
        let mut open: Vec<Vec<HostId>> = vec![Vec::new(); design.zones.len()];
        for h in design.host_ids() {
            if host_guarded[h.0 as usize]
                || design.host_zones(h).any(|z| zone_guarded[z.0 as usize])
            {
                continue;
            }
            for z in design.host_zones(h).filter(|&z| design.zone(z).public) {
                open[z.0 as usize].push(h);
            }
        }
        for zone in design.zone_ids().filter(|&z| design.zone(z).public) {
            let open = &open[zone.0 as usize];
            if open.is_empty() || bounded(zone) {
                continue;
            }
            let z = &design.zone(zone).id;
            let names: Vec<&str> = open.iter().map(|&h| design.host(h).id.as_str()).collect();
            let (hosts, answer) = match names.len() {
                1 => ("host", "answers"),
                _ => ("hosts", "answer"),
            };
            let mut hit = Hit::new(
                Subject::Zone(zone),
                format!(
                    "`{z}` is a public network and no firewall stands in front of it: its {hosts} {} {answer} the internet directly",
                    list(&names)
                ),
                format!(
                    "add a `firewall` (security groups, network ACLs or an appliance) whose `protects` names `{z}` and that allows only the ports the site serves, such as 443"
                ),
            );
            for &h in open {
                hit = hit.related(Some(design.host(h).span), "no firewall in front");
            }
            out.push(hit);
        }
    }
}
