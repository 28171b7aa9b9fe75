//! P003 identical-servers.

use std::collections::BTreeMap;

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::{Kind, Tier};
use crate::spec::Vocabulary;

use super::{HostTiers, list};

declare_rule! {
    /// ## What it does
    /// Finds two or more hosts that each carry the same full stack: the same kinds of web,
    /// application and data components, mixed the way `colocated-tiers` reports. Hosts that
    /// each run a web server and the application server it passes requests to (a reverse
    /// proxy), and no data tier, are a pool of one tier and are not reported.
    ///
    /// ## Why is this bad?
    /// Identical full-stack servers share their failure modes (one bad deploy or one memory
    /// leak hits all of them) and can only scale as a block: more database capacity means
    /// more web servers too, and the other way round.
    ///
    /// ## Example
    /// Two servers, each running Nginx, the application server, the code and MySQL.
    ///
    /// ## Use instead
    /// Split the tiers onto their own pools of hosts (specs/3-scale_up.toml), so each grows
    /// with its own load.
    pub struct IdenticalServers {
        code: "P003",
        name: "identical-servers",
        category: Scalability,
        severity: Info,
        summary: "Several hosts carry the same full stack and can only scale together.",
    }
}

impl Rule for IdenticalServers {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        let mut by_stack: BTreeMap<Vec<Kind>, Vec<_>> = BTreeMap::new();
        for host in design.host_ids() {
            if !HostTiers::of(design, host).compete() {
                continue;
            }
            let mut stack: Vec<Kind> = design
                .components_on(host)
                .iter()
                .map(|&c| design.component(c).kind)
                .filter(|k| matches!(k.tier(), Tier::Web | Tier::App | Tier::Data))
                .collect();
            stack.sort();
            stack.dedup();
            by_stack.entry(stack).or_default().push(host);
        }
        for (stack, hosts) in by_stack {
            let [first, rest @ ..] = hosts.as_slice() else {
                continue;
            };
            if rest.is_empty() {
                continue;
            }
            let names: Vec<&str> = hosts.iter().map(|&h| design.host(h).id.as_str()).collect();
            let kinds: Vec<&str> = stack.iter().map(|k| k.as_str()).collect();
            let mut hit = Hit::new(
                Subject::Host(*first),
                format!(
                    "{} each carry the same full stack ({})",
                    list(&names),
                    kinds.join(", ")
                ),
                "split the tiers onto their own pools of hosts, so each can be sized and scaled by its own load",
            );
            for &other in rest {
                hit = hit.related(Some(design.host(other).span), "same stack");
            }
            out.push(hit);
        }
    }
}
