//! A005 provider-dependency.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};

use super::noun;

declare_rule! {
    /// ## What it does
    /// Lists the managed services (`managed = true`) the site cannot serve without: those
    /// whose failure would take the site, a part it needs, or its writes down. It is
    /// information, not a defect: `single-point-of-failure` does not report managed
    /// components, because the provider runs them redundantly, and this rule keeps the fact
    /// that the site depends on them from being lost.
    ///
    /// ## Why is this bad?
    /// A provider's service is redundant inside the provider, not outside it: a regional
    /// outage, an expired certificate at the provider or a mistaken configuration push takes
    /// it down for every customer at once, and nothing in the design can route around it.
    /// Knowing which services the site cannot do without tells the team which status pages
    /// to watch and what the site should show while one is down.
    ///
    /// ## Example
    /// ```toml
    /// [components.db]
    /// kind = "database"
    /// software = "Amazon RDS for PostgreSQL (Multi-AZ)"
    /// managed = true
    /// ```
    /// Every request that reads or writes data needs `db`.
    ///
    /// ## Use instead
    /// Nothing has to change. Know the provider's service level and status page, plan what
    /// the site does during the provider's outage (a maintenance page, a read-only mode), and
    /// where that is not enough, run the service in a second region or at a second provider.
    /// Set the rule's severity to `off` in `[lint]` once the team knows the list.
    pub struct ProviderDependency {
        code: "A005",
        name: "provider-dependency",
        category: Availability,
        severity: Info,
        summary: "A managed service the site cannot serve without.",
    }
}

impl Rule for ProviderDependency {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        for c in design.component_ids() {
            let component = design.component(c);
            if !component.managed {
                continue;
            }
            let impact = cx.failures.component(c);
            let what = format!(
                "`{}`, the provider's {}",
                component.id,
                noun(component.kind)
            );
            let message = if impact.site_down {
                format!(
                    "{} cannot serve without {what}: an outage of the provider's service is an outage of the site",
                    cx.site()
                )
            } else if impact.is_cut() {
                let lost: Vec<&str> = impact.lost.iter().map(|k| noun(*k)).collect();
                format!(
                    "without {what}, {} is left with no reachable {}",
                    cx.site(),
                    super::single_point_of_failure::or_list(&lost)
                )
            } else if impact.writes_lost {
                format!("without {what}, {} cannot accept writes", cx.site())
            } else {
                continue;
            };
            out.push(Hit::new(
                Subject::Component(c),
                message,
                "know the provider's service level and status page, and plan what the site does while the service is down (a maintenance page, a read-only mode); a second region or provider removes the dependency",
            ));
        }
    }
}
