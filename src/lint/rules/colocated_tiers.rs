//! P002 colocated-tiers.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::Tier;

use super::{HostTiers, noun};

declare_rule! {
    /// ## What it does
    /// Finds hosts that run components of more than one tier side by side: a database (or
    /// another part of the data tier: a cache, storage, backups) beside the web or application
    /// servers, or a web server beside application servers it does not pass requests to.
    ///
    /// A web server that passes requests to an application server on the same host (a link
    /// from one to the other: a reverse proxy such as Nginx in front of Gunicorn) is not
    /// reported for that: the pair works as one tier, and running it on each of several
    /// hosts behind a load balancer is a common, sound design.
    ///
    /// ## Why is this bad?
    /// They compete for the same CPU, memory, disk and network: a slow query starves the web
    /// server, a traffic spike starves the database. Each tier needs different hardware
    /// (the database wants memory and fast disks), and none can be scaled or restarted
    /// without the others.
    ///
    /// ## Example
    /// ```toml
    /// [components.nginx]
    /// kind = "web-server"
    /// host = "server-01"
    ///
    /// [components.mysql]
    /// kind = "database"
    /// host = "server-01"
    /// ```
    ///
    /// ## Use instead
    /// Give the database a host of its own, as specs/3-scale_up.toml does: `host = "db-01"`
    /// for the database, while the web server stays on `server-01`.
    pub struct ColocatedTiers {
        code: "P002",
        name: "colocated-tiers",
        category: Scalability,
        severity: Warning,
        summary: "One host runs several tiers, which compete for its resources.",
    }
}

impl Rule for ColocatedTiers {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        for host in design.host_ids() {
            let tiers = HostTiers::of(design, host);
            if !tiers.compete() {
                continue;
            }
            // The fix moves the deepest tiers first: the database, then the application.
            let data = tiers.has(Tier::Data);
            let app = tiers.has(Tier::App);
            let fix = match (data, app, tiers.proxied) {
                (true, true, true) => {
                    "move the database to a host of its own so each tier can be sized and scaled alone; the web server can stay beside the application server it passes requests to"
                }
                (true, true, false) => {
                    "move the database, then the application server, to hosts of their own so each tier can be sized and scaled alone"
                }
                (true, false, _) => {
                    "move the database to a host of its own so each tier can be sized and scaled alone"
                }
                _ => {
                    "give the application tier hosts of its own so each tier can be sized and scaled alone"
                }
            };
            let parts: Vec<String> = tiers
                .tiers
                .iter()
                .map(|&(_, c)| {
                    let component = design.component(c);
                    format!("the {} `{}`", noun(component.kind), component.id)
                })
                .collect();
            let Some((last, init)) = parts.split_last() else {
                continue;
            };
            out.push(Hit::new(
                Subject::Host(host),
                format!(
                    "{} runs {} and {}, which compete for its CPU, memory and disk",
                    design.host(host).id,
                    init.join(", "),
                    last
                ),
                fix,
            ));
        }
    }
}
