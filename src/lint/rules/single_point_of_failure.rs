//! A001 single-point-of-failure.

use crate::analysis::Impact;
use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::{ComponentId, Design, Kind};

use super::{components, noun};

declare_rule! {
    /// ## What it does
    /// Finds every host and component whose failure cuts all paths from the users to a part
    /// of the site it needs: the entry (load balancer, firewall, CDN), the web servers, the
    /// application servers and their code, the databases. It is a graph analysis, not a
    /// count: a lone load balancer, a lone server and a database with no replica are all
    /// found the same way, and a redundant pair is never reported.
    ///
    /// Only `serve` links make the request path: a bastion operators SSH through or a backup
    /// server is not on it (see `single-admin-path` and `no-backup`). Load balancers sharing a
    /// virtual IP (`[vips]`) or clustered with `peers` are alternatives, never single points.
    /// A managed component (`managed = true`) is never reported: the provider runs it
    /// redundantly and fails it over itself; `provider-dependency` lists the ones the site
    /// cannot serve without. A firewall that is a box of its own (it has a `host`, or its
    /// software is not a host packet filter such as iptables, nftables, ufw or firewalld) is a
    /// failure unit like a host: when it fails, nothing behind it can be reached.
    ///
    /// ## Why is this bad?
    /// Hardware fails, kernels panic, disks fill up, someone reboots the wrong machine. When
    /// the only path to the site runs through one machine or process, that one failure is an
    /// outage, however many servers stand behind it.
    ///
    /// ## Example
    /// ```toml
    /// [components.haproxy]
    /// kind = "load-balancer"
    /// host = "lb-01"
    ///
    /// [[links]]
    /// from = "user"
    /// to = "haproxy"
    /// protocol = "https"
    /// ```
    /// If lb-01 fails, nothing reaches the two web servers behind it.
    ///
    /// ## Use instead
    /// ```toml
    /// [components.haproxy-1]
    /// kind = "load-balancer"
    /// host = "lb-01"
    /// peers = ["haproxy-2"]
    ///
    /// [components.haproxy-2]
    /// kind = "load-balancer"
    /// host = "lb-02"
    /// peers = ["haproxy-1"]
    /// ```
    pub struct SinglePointOfFailure {
        code: "A001",
        name: "single-point-of-failure",
        category: Availability,
        severity: Error,
        summary: "A host or component whose failure takes the site, or a part it needs, down.",
    }
}

impl Rule for SinglePointOfFailure {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        for host in design.host_ids() {
            let impact = cx.failures.host(host);
            if !impact.is_cut() {
                continue;
            }
            let on_it: Vec<_> = design.components_on(host).to_vec();
            let name = &design.host(host).id;
            let fix = format!(
                "spread what {name} runs over two or more hosts: {}",
                fixes(design, &on_it)
            );
            out.push(
                Hit::new(
                    Subject::Host(host),
                    format!("if {name} fails, {}", effect(cx, impact)),
                    fix,
                )
                .note(format!("{name} runs {}", components(design, &on_it))),
            );
        }
        for c in design.component_ids() {
            let impact = cx.failures.component(c);
            let component = design.component(c);
            let host_reported = component.host.is_some_and(|h| cx.failures.host(h).is_cut());
            if !impact.is_cut()
                || host_reported
                || component.kind == Kind::Client
                || component.managed
            {
                continue;
            }
            let message = format!("if {} fails, {}", component.id, effect(cx, impact));
            out.push(Hit::new(
                Subject::Component(c),
                message,
                fixes(design, &[c]),
            ));
        }
    }
}

fn effect(cx: &Context<'_>, impact: &Impact) -> String {
    if impact.site_down {
        return format!("{} is unreachable", cx.site());
    }
    let lost: Vec<&str> = impact.lost.iter().map(|k| noun(*k)).collect();
    let lost = or_list(&lost);
    // What fails and what is only cut off from the users alike: none of it can be reached.
    format!("{} is left with no reachable {lost}", cx.site())
}

/// How to remove the single point, by what fails. A database that already has a replica is
/// told to automate its promotion, not to add one.
fn fixes(design: &Design, failing: &[ComponentId]) -> String {
    let replicated = |c: ComponentId| {
        design
            .components_of_kind(Kind::Database)
            .any(|r| design.component(r).attrs.replicates_from == Some(c))
    };
    let mut fixes: Vec<&str> = failing
        .iter()
        .map(|&c| (c, design.component(c).kind))
        .filter(|(_, k)| crate::analysis::on_request_path(*k) && !matches!(k, Kind::Client | Kind::Bastion | Kind::Backup))
        .map(|(c, kind)| match kind {
            Kind::VpnGateway => "run a second VPN gateway on another host and give the clients both endpoints",
            Kind::LoadBalancer => "add a second load balancer on another host and cluster the two (`peers`) so either can take the site's address",
            Kind::Database if replicated(c) => "automate failover so a replica is promoted, and clients move to it, when the primary fails (Patroni, repmgr, Orchestrator or a managed database's failover)",
            Kind::Database => "add a replica on another host (`role = \"replica\"`, `replicates_from`) that can be promoted if the primary fails",
            Kind::Firewall => "run a second firewall as a failover pair, or a firewall on each server",
            Kind::WebServer | Kind::AppServer | Kind::AppFiles => "run the web and application tier on a second server and put both behind a load balancer",
            _ => "run a second instance on another host",
        })
        .collect();
    fixes.sort_unstable();
    fixes.dedup();
    fixes.join("; ")
}

/// "a", "a or b", "a, b or c".
pub fn or_list(items: &[&str]) -> String {
    match items {
        [init @ .., last] if !init.is_empty() => format!("{} or {last}", init.join(", ")),
        _ => items.concat(),
    }
}
