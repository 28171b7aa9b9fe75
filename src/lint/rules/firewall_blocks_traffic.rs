//! C003 firewall-blocks-traffic.

use std::collections::BTreeMap;

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::{ComponentId, Design, Kind, Target};

use super::components;

declare_rule! {
    /// ## What it does
    /// Finds `serve` links into something a firewall protects (a component on a host it
    /// protects, or a component it protects) on a port that is not in the firewall's
    /// `allowed_ports`. A firewall with no `allowed_ports` is not checked, nor is traffic
    /// between two components on the same host (it never leaves the machine). Admin and
    /// background links are not checked either: operators' SSH and backups usually arrive on
    /// an internal interface that the firewall's list, written for the site's traffic, does
    /// not describe.
    ///
    /// ## Why is this bad?
    /// The firewall drops the traffic: users arriving on port 80 get no redirect, the load
    /// balancer cannot reach the application, the application cannot reach its database. The
    /// design does not work as drawn, and the first sign is an outage after deployment.
    ///
    /// ## Example
    /// ```toml
    /// [components.fw-edge]
    /// kind = "firewall"
    /// protects = ["lb-01"]
    /// allowed_ports = [443]
    ///
    /// [[links]]
    /// from = "user"
    /// to = "haproxy"
    /// protocol = "http"     # port 80
    /// ```
    ///
    /// ## Use instead
    /// Allow the port the link uses (`allowed_ports = [80, 443]`), or change the link to a
    /// port the firewall allows.
    pub struct FirewallBlocksTraffic {
        code: "C003",
        name: "firewall-blocks-traffic",
        category: Correctness,
        severity: Error,
        summary: "A firewall's allowed ports lack a port the design's own traffic uses.",
    }
}

impl Rule for FirewallBlocksTraffic {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        let firewalls: Vec<ComponentId> = design
            .components_of_kind(Kind::Firewall)
            .filter(|&fw| !design.component(fw).attrs.allowed_ports.is_empty())
            .collect();
        if firewalls.is_empty() {
            return;
        }
        // One finding per firewall, [[links]] entry and port, naming every blocked target.
        type Blocked = (usize, Vec<ComponentId>, Vec<ComponentId>);
        let mut blocked: BTreeMap<(ComponentId, usize, u16), Blocked> = BTreeMap::new();
        for (i, link) in design.links.iter().enumerate() {
            let Some(port) = link.port.filter(|_| link.serves()) else {
                continue;
            };
            let from = design.component(link.from).host;
            if from.is_some() && from == design.component(link.to).host {
                continue;
            }
            for &fw in &firewalls {
                let attrs = &design.component(fw).attrs;
                if protects(design, &attrs.protects, link.to)
                    && !attrs.allowed_ports.contains(&port)
                {
                    let entry = blocked.entry((fw, link.span.start, port)).or_insert((
                        i,
                        Vec::new(),
                        Vec::new(),
                    ));
                    if !entry.1.contains(&link.from) {
                        entry.1.push(link.from);
                    }
                    if !entry.2.contains(&link.to) {
                        entry.2.push(link.to);
                    }
                }
            }
        }
        for ((fw, _, port), (first, sources, targets)) in blocked {
            let link = &design.links[first];
            let firewall = design.component(fw);
            let allowed: Vec<String> = firewall
                .attrs
                .allowed_ports
                .iter()
                .map(u16::to_string)
                .collect();
            out.push(
                Hit::new(
                    Subject::Link(first),
                    format!(
                        "{} lets only port {} through, but {} {} {} on port {port} ({}): the firewall drops it",
                        firewall.id,
                        allowed.join(", "),
                        components(design, &sources),
                        if sources.len() == 1 { "reaches" } else { "reach" },
                        components(design, &targets),
                        link.protocol
                    ),
                    format!("add {port} to {}'s `allowed_ports`, or send the traffic to a port it allows", firewall.id),
                )
                .related(firewall.span, "this firewall"),
            );
        }
    }
}

/// Whether a firewall's `protects` list covers the component, directly or by its host.
fn protects(design: &Design, targets: &[Target], c: ComponentId) -> bool {
    targets.iter().any(|&t| design.covers(t, c))
}
