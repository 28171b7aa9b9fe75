//! S002 tls-terminated-at-load-balancer.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::Kind;

use super::components;

declare_rule! {
    /// ## What it does
    /// Finds load balancers that present the site's certificate (TLS ends there) and pass
    /// requests on to their backends unencrypted.
    ///
    /// ## Why is this bad?
    /// Behind the load balancer, passwords, cookies and personal data travel in plain text.
    /// Anyone who gets onto that network (a compromised neighbour, a misconfigured VPC, an
    /// insider) can read or change them. It is a common, deliberate trade-off: decide it
    /// rather than inherit it.
    ///
    /// ## Example
    /// ```toml
    /// [components.www-cert]
    /// kind = "tls-certificate"
    /// installed_on = ["haproxy"]
    ///
    /// [[links]]
    /// from = "haproxy"
    /// to = ["nginx-1", "nginx-2"]
    /// protocol = "http"
    /// ```
    ///
    /// ## Use instead
    /// Re-encrypt to the backends (`protocol = "https"`; HAProxy `ssl verify required` on
    /// each server line), or accept the risk with
    /// `allow = [{ rule = "tls-terminated-at-load-balancer", reason = "..." }]` on the load
    /// balancer (for all its backends) or on the `[[links]]` entry to the backends.
    pub struct TlsTerminatedAtLoadBalancer {
        code: "S002",
        name: "tls-terminated-at-load-balancer",
        category: Security,
        severity: Warning,
        summary: "TLS ends at the load balancer and the backends get plain text.",
    }
}

impl Rule for TlsTerminatedAtLoadBalancer {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        let mut terminating: Vec<_> = design
            .components_of_kind(Kind::TlsCertificate)
            .flat_map(|cert| design.component(cert).attrs.installed_on.iter().copied())
            .filter(|&c| design.component(c).kind == Kind::LoadBalancer)
            .collect();
        terminating.sort_unstable();
        terminating.dedup();
        let accepts = |allow: &[crate::model::Allow]| {
            allow.iter().any(|a| {
                crate::lint::registry::find(&a.rule.value)
                    .is_some_and(|m| m.code == Self::META.code)
            })
        };
        for lb in terminating {
            // Links whose own entry accepts the finding get a finding of their own, accepted
            // there; the rest share one the load balancer's `allow` can accept.
            let mut open = Vec::new();
            let mut accepted: Vec<(usize, Vec<_>)> = Vec::new();
            for (i, l) in design.links.iter().enumerate() {
                if l.from != lb || l.encrypted || !l.serves() {
                    continue;
                }
                if accepts(&l.allow) {
                    match accepted
                        .iter_mut()
                        .find(|(first, _)| design.links[*first].span == l.span)
                    {
                        Some((_, to)) => to.push(l.to),
                        None => accepted.push((i, vec![l.to])),
                    }
                } else {
                    open.push(l.to);
                }
            }
            let hit = |to: &[crate::model::ComponentId]| {
                Hit::new(
                    Subject::Component(lb),
                    format!(
                        "TLS ends at {}, which forwards requests unencrypted to {}",
                        design.component(lb).id,
                        components(design, to)
                    ),
                    "re-encrypt between the load balancer and its backends (HTTPS to the servers), or record the accepted risk with `allow` and a reason",
                )
            };
            if !open.is_empty() {
                out.push(hit(&open));
            }
            for (first, to) in accepted {
                out.push(hit(&to).allowed_on(Subject::Link(first)));
            }
        }
    }
}
