//! A003 maintenance-downtime.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::Kind;

use super::noun;

declare_rule! {
    /// ## What it does
    /// Finds request-serving tiers (load balancers, web servers, application servers,
    /// databases) that have a single instance.
    ///
    /// ## Why is this bad?
    /// Deploying new code, upgrading the software or restarting it after a configuration
    /// change stops that one instance, and the site with it. Every release becomes planned
    /// downtime.
    ///
    /// ## Example
    /// ```toml
    /// [components.nginx]
    /// kind = "web-server"
    /// host = "server-01"
    /// ```
    ///
    /// ## Use instead
    /// Run two or more instances behind a load balancer and deploy them one at a time
    /// (a rolling deploy), or declare a pool with `count = 2`.
    ///
    /// A managed component (`managed = true`) is not reported: the provider patches and
    /// restarts it itself, one machine of its fleet at a time (a Multi-AZ database fails over
    /// to its standby for maintenance).
    pub struct MaintenanceDowntime {
        code: "A003",
        name: "maintenance-downtime",
        category: Availability,
        severity: Warning,
        summary: "A request-serving tier with one instance: every deploy or restart is downtime.",
    }
}

const TIERS: &[Kind] = &[
    Kind::LoadBalancer,
    Kind::WebServer,
    Kind::AppServer,
    Kind::Database,
];

impl Rule for MaintenanceDowntime {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        for &kind in TIERS {
            let instances: Vec<_> = design.components_of_kind(kind).collect();
            let total: u32 = instances.iter().map(|&c| design.component(c).count).sum();
            let [only] = instances.as_slice() else {
                continue;
            };
            if total != 1 {
                continue;
            }
            if design.component(*only).managed {
                continue;
            }
            let id = &design.component(*only).id;
            out.push(Hit::new(
                Subject::Component(*only),
                format!(
                    "{id} is the only {}: deploying, upgrading or restarting it takes {} down",
                    noun(kind),
                    cx.site()
                ),
                format!(
                    "run a second {} and update them one at a time (rolling deploy)",
                    noun(kind)
                ),
            ));
        }
    }
}
