//! S003 no-firewall.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::{Design, HostId, Kind, Target};

use super::database_in_public_network::DatabaseInPublicNetwork;
use super::public_host_without_firewall_boundary::PublicHostWithoutFirewallBoundary;

declare_rule! {
    /// ## What it does
    /// Finds public hosts that no `firewall` protects, and databases that the internet can
    /// reach: on a public host with no firewall, or behind a firewall that lets their port
    /// through.
    ///
    /// Each problem is told once: a public host in a public network that no firewall stands
    /// in front of is reported by `public-host-without-firewall-boundary`, for the whole
    /// network; a database in a public network by `database-in-public-network`, which says
    /// where to move it. When those rules are off, this one reports them.
    ///
    /// ## Why is this bad?
    /// A public address is scanned within minutes of going online. Without a firewall every
    /// listening service (SSH, the database, an admin panel bound to 0.0.0.0) is exposed to
    /// password guessing and exploits. A database should never answer the internet.
    ///
    /// ## Example
    /// ```toml
    /// [hosts.server-01]
    /// ip = "8.8.8.8"
    /// public = true
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [components.fw-01]
    /// kind = "firewall"
    /// protects = ["server-01"]
    /// allowed_ports = [443]
    /// ```
    pub struct NoFirewall {
        code: "S003",
        name: "no-firewall",
        category: Security,
        severity: Error,
        summary: "A public host with no firewall, or a database the internet can reach.",
    }
}

impl Rule for NoFirewall {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        for host in design.host_ids() {
            let h = design.host(host);
            if h.public && firewalls_of(design, host).is_empty() {
                let mut hit = Hit::new(
                    Subject::Host(host),
                    format!(
                        "{} is reachable from the internet with no firewall in front of it",
                        h.id
                    ),
                    format!(
                        "add a `firewall` with `protects = [\"{}\"]` that allows only the ports the site serves, such as `allowed_ports = [443]`",
                        h.id
                    ),
                );
                // A public network with no firewall in front says it for all its hosts.
                for z in design.host_zones(host).filter(|&z| design.zone(z).public) {
                    hit = hit.told_by(
                        PublicHostWithoutFirewallBoundary::META.code,
                        Subject::Zone(z),
                    );
                }
                out.push(hit);
            }
        }
        for db in design.components_of_kind(Kind::Database) {
            let component = design.component(db);
            let Some(host) = component.host.filter(|&h| design.host(h).public) else {
                continue;
            };
            let ports: Vec<u16> = design.links_to(db).filter_map(|l| l.port).collect();
            let firewalls = firewalls_of(design, host);
            let open = firewalls.is_empty()
                || firewalls.iter().any(|&fw| {
                    let allowed = &design.component(fw).attrs.allowed_ports;
                    allowed.is_empty() || ports.iter().any(|p| allowed.contains(p))
                });
            if open {
                out.push(
                    Hit::new(
                        Subject::Component(db),
                        format!(
                            "{} runs on {}, a public host, and nothing blocks its port from the internet",
                            component.id,
                            design.host(host).id
                        ),
                        "keep databases on private hosts, and let the firewall of a public host allow only the site's own ports",
                    )
                    // A database in a public network is told where it sits, with where to move it.
                    .told_by(DatabaseInPublicNetwork::META.code, Subject::Component(db)),
                );
            }
        }
    }
}

/// The firewalls that protect a host, or a component on it.
fn firewalls_of(design: &Design, host: HostId) -> Vec<crate::model::ComponentId> {
    design
        .components_of_kind(Kind::Firewall)
        .filter(|&fw| {
            design
                .component(fw)
                .attrs
                .protects
                .iter()
                .any(|&t| match t {
                    Target::Component(c) => design.component(c).host == Some(host),
                    t => design.covers_host(t, host),
                })
        })
        .collect()
}
