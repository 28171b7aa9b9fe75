//! A004 load-balancer-without-health-check.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::Kind;

declare_rule! {
    /// ## What it does
    /// Finds load balancers that send traffic to backends but do not say they check them
    /// (`health_check = true`).
    ///
    /// ## Why is this bad?
    /// Without health checks a load balancer keeps sending its share of requests to a server
    /// that crashed: with two backends, half the users get errors, and the redundancy the
    /// second server was bought for does not work.
    ///
    /// ## Example
    /// ```toml
    /// [components.haproxy]
    /// kind = "load-balancer"
    /// algorithm = "round-robin"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [components.haproxy]
    /// kind = "load-balancer"
    /// algorithm = "round-robin"
    /// health_check = true   # HAProxy: `check` on each server line, `option httpchk`
    /// ```
    pub struct LoadBalancerWithoutHealthCheck {
        code: "A004",
        name: "load-balancer-without-health-check",
        category: Availability,
        severity: Warning,
        summary: "A load balancer that does not check its backends.",
    }
}

impl Rule for LoadBalancerWithoutHealthCheck {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        for lb in design.components_of_kind(Kind::LoadBalancer) {
            let component = design.component(lb);
            if component.attrs.health_check == Some(true) || design.links_from(lb).next().is_none()
            {
                continue;
            }
            out.push(Hit::new(
                Subject::Component(lb),
                format!("{} does not check its backends: it keeps sending requests to a server that has failed", component.id),
                "enable health checks (HAProxy: `check` on each server line, `option httpchk`) and set `health_check = true`",
            ));
        }
    }
}
