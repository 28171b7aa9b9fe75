//! P002 colocated-tiers.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::Tier;

use super::noun;

declare_rule! {
    /// ## What it does
    /// Finds hosts that run components of more than one tier: web server, application server
    /// and database side by side.
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
    /// Give each tier its own hosts, as specs/3-scale_up.toml does: `host = "web-01"` for
    /// the web server, `host = "db-01"` for the database.
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
            let mut tiers: Vec<(Tier, String)> = Vec::new();
            for &c in design.components_on(host) {
                let component = design.component(c);
                let tier = component.kind.tier();
                if matches!(tier, Tier::Web | Tier::App | Tier::Data)
                    && !tiers.iter().any(|(t, _)| *t == tier)
                {
                    tiers.push((
                        tier,
                        format!("the {} `{}`", noun(component.kind), component.id),
                    ));
                }
            }
            if tiers.len() < 2 {
                continue;
            }
            tiers.sort();
            // The fix moves the deepest tiers first: the database, then the application.
            let data = tiers.iter().any(|(t, _)| *t == Tier::Data);
            let app = tiers.iter().any(|(t, _)| *t == Tier::App);
            let fix = match (data, app) {
                (true, true) => {
                    "move the database, then the application server, to hosts of their own so each tier can be sized and scaled alone"
                }
                (true, false) => {
                    "move the database to a host of its own so each tier can be sized and scaled alone"
                }
                _ => {
                    "move the application server to hosts of its own so each tier can be sized and scaled alone; keeping a web server beside its application server, as a reverse proxy, is common and fine while the host has room"
                }
            };
            let parts: Vec<String> = tiers.into_iter().map(|(_, p)| p).collect();
            let (last, init) = parts.split_last().expect("at least two tiers");
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
