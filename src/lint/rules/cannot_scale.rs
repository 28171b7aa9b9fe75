//! P001 cannot-scale.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::Kind;

use super::noun;

declare_rule! {
    /// ## What it does
    /// Finds web and application servers that users connect to directly, with no load
    /// balancer in front.
    ///
    /// ## Why is this bad?
    /// The DNS record points at that one server, so a second one cannot share the traffic:
    /// the only way to grow is a bigger machine, and moving to another means changing DNS and
    /// waiting for caches to expire.
    ///
    /// ## Example
    /// ```toml
    /// [[links]]
    /// from = "user"
    /// to = "nginx"
    /// protocol = "https"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [[links]]
    /// from = "user"
    /// to = "haproxy"
    /// protocol = "https"
    ///
    /// [[links]]
    /// from = "haproxy"
    /// to = ["nginx-1", "nginx-2"]
    /// protocol = "http"
    /// ```
    pub struct CannotScale {
        code: "P001",
        name: "cannot-scale",
        category: Scalability,
        severity: Warning,
        summary: "Users reach a server directly, so no second server can share the load.",
    }
}

impl Rule for CannotScale {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        for c in design.component_ids() {
            let component = design.component(c);
            if !matches!(component.kind, Kind::WebServer | Kind::AppServer) {
                continue;
            }
            let from_users = design
                .links_to(c)
                .any(|l| design.component(l.from).kind == Kind::Client);
            if from_users {
                out.push(Hit::new(
                    Subject::Component(c),
                    format!(
                        "users connect straight to {}: with no load balancer in front, a second {} cannot share the traffic",
                        component.id,
                        noun(component.kind)
                    ),
                    "put a load balancer in front, point the DNS record at it, and add servers behind it as traffic grows",
                ));
            }
        }
    }
}
