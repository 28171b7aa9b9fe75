//! O001 no-monitoring.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::Kind;

declare_rule! {
    /// ## What it does
    /// Finds hosts that run components but no `monitoring-agent`, and agents that send their
    /// data nowhere (no `sends_to` and no outgoing link).
    ///
    /// ## Why is this bad?
    /// Without monitoring, nobody learns that a server is down, its disk is full or requests
    /// got slow until users complain, and there is no history to find out why. Logs and
    /// metrics that stay on the host are lost with it.
    ///
    /// ## Example
    /// ```toml
    /// [hosts.web-01]
    /// ip = "10.0.0.2"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [components.sumo-web-01]
    /// kind = "monitoring-agent"
    /// host = "web-01"
    /// sends_to = "sumo-logic"
    /// collects = ["logs", "metrics"]
    ///
    /// [components.sumo-logic]
    /// kind = "monitoring-service"
    /// ```
    pub struct NoMonitoring {
        code: "O001",
        name: "no-monitoring",
        category: Observability,
        severity: Warning,
        summary: "A host nobody monitors, or an agent whose data goes nowhere.",
    }
}

impl Rule for NoMonitoring {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        for host in design.host_ids() {
            let on_it = design.components_on(host);
            let watched = on_it
                .iter()
                .any(|&c| design.component(c).kind == Kind::MonitoringAgent);
            if on_it.is_empty() || watched {
                continue;
            }
            let id = &design.host(host).id;
            out.push(Hit::new(
                Subject::Host(host),
                format!("nothing monitors {id}: nobody learns it is down, full or slow until users complain"),
                format!("run a `monitoring-agent` on {id} (`host = \"{id}\"`) that `sends_to` a `monitoring-service` and `collects = [\"logs\", \"metrics\"]`"),
            ));
        }
        for agent in design.components_of_kind(Kind::MonitoringAgent) {
            let component = design.component(agent);
            if component.attrs.sends_to.is_none() && design.links_from(agent).next().is_none() {
                out.push(Hit::new(
                    Subject::Component(agent),
                    format!("{} collects data but sends it nowhere", component.id),
                    "set `sends_to` to the `monitoring-service` that stores and alerts on the data",
                ));
            }
        }
    }
}
