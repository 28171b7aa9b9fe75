//! S004 database-in-public-network.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::{Design, Kind, ZoneId};
use crate::spec::ZoneKind;

declare_rule! {
    /// ## What it does
    /// Finds databases placed in a public network (a zone with `public = true`, or a subnet
    /// inside one): on a host whose `zone` is public, or, for a managed database, with a
    /// public network among its `zones`. It holds whatever firewall stands in front.
    ///
    /// ## Why is this bad?
    /// A public network has a route from the internet: one wrong firewall rule, security
    /// group or port mapping and the database answers the whole internet, where it is found
    /// by scanners within minutes. Nothing outside the application needs to reach a database,
    /// so it belongs in a private network, which keeps it out of reach even when a filter is
    /// wrong.
    ///
    /// ## Example
    /// ```toml
    /// [zones.public-a]
    /// kind = "network"
    /// public = true
    ///
    /// [hosts.db-01]
    /// zone = "public-a"
    ///
    /// [components.mysql]
    /// kind = "database"
    /// host = "db-01"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [zones.private-a]
    /// kind = "network"
    ///
    /// [hosts.db-01]
    /// zone = "private-a"
    /// ```
    pub struct DatabaseInPublicNetwork {
        code: "S004",
        name: "database-in-public-network",
        category: Security,
        severity: Error,
        summary: "A database in a network the internet can reach.",
    }
}

impl Rule for DatabaseInPublicNetwork {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        for db in design.components_of_kind(Kind::Database) {
            let component = design.component(db);
            let (public, place) = match component.host {
                Some(h) => (
                    design.host_zones(h).find(|&z| design.zone(z).public),
                    format!("runs on `{}` in", design.host(h).id),
                ),
                None => (
                    component
                        .zones
                        .iter()
                        .copied()
                        .find(|&z| design.zone_is_public(z)),
                    "is placed in".to_string(),
                ),
            };
            let Some(zone) = public else {
                continue;
            };
            let network = &design.zone(zone).id;
            let fix = match component.host {
                Some(h) => format!(
                    "move `{}` to {}, and let only the application servers reach the database's port",
                    design.host(h).id,
                    private_network(design, zone)
                ),
                None => format!(
                    "place `{}` in private networks only, such as {}, with no route from the internet",
                    component.id,
                    private_network(design, zone)
                ),
            };
            out.push(
                Hit::new(
                    Subject::Component(db),
                    format!(
                        "`{}` {place} `{network}`, a public network the internet can reach",
                        component.id
                    ),
                    fix,
                )
                .related(Some(design.zone(zone).span), "a public network"),
            );
        }
    }
}

/// A private network to move to: one beside the public network (in the same availability
/// zone or region) first, then any, by id; else a description of one.
fn private_network(design: &Design, public: ZoneId) -> String {
    let parent = design.zone(public).parent;
    let mut private: Vec<ZoneId> = design
        .zone_ids()
        .filter(|&z| design.zone(z).kind == ZoneKind::Network && !design.zone_is_public(z))
        .collect();
    private.sort_by_key(|&z| (design.zone(z).parent != parent, &design.zone(z).id));
    match private.first() {
        Some(&z) => format!("a private network such as `{}`", design.zone(z).id),
        None => "a private network (a subnet with no route from the internet)".to_string(),
    }
}
