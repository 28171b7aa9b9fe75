//! C001 replica-without-primary.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::Kind;
use crate::spec::vocabulary::Role;

declare_rule! {
    /// ## What it does
    /// Finds database replicas that copy nothing (no `replicates_from`), or whose chain of
    /// `replicates_from` never reaches a primary.
    ///
    /// ## Why is this bad?
    /// A replica is only as current as its source. Without a primary at the top of its
    /// chain it holds stale data, and the design does not say where its data comes from.
    ///
    /// ## Example
    /// ```toml
    /// [components.mysql-replica]
    /// kind = "database"
    /// role = "replica"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [components.mysql-replica]
    /// kind = "database"
    /// role = "replica"
    /// replicates_from = "mysql-primary"
    /// ```
    pub struct ReplicaWithoutPrimary {
        code: "C001",
        name: "replica-without-primary",
        category: Correctness,
        severity: Error,
        summary: "A database replica that copies no primary.",
    }
}

impl Rule for ReplicaWithoutPrimary {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        for db in design.components_of_kind(Kind::Database) {
            let replica = design.component(db);
            if replica.attrs.role != Some(Role::Replica) {
                continue;
            }
            // Follow the chain; stop at a primary, at nothing, or when it loops.
            let mut seen = vec![db];
            let mut source = replica.attrs.replicates_from;
            let reaches_primary = loop {
                match source {
                    None => break false,
                    Some(s) if design.component(s).attrs.role == Some(Role::Primary) => break true,
                    Some(s) if seen.contains(&s) => break false,
                    Some(s) => {
                        seen.push(s);
                        source = design.component(s).attrs.replicates_from;
                    }
                }
            };
            if reaches_primary {
                continue;
            }
            let message = match replica.attrs.replicates_from {
                None => format!(
                    "{} is a replica of nothing: it says no `replicates_from`",
                    replica.id
                ),
                Some(_) => format!(
                    "{} copies only replicas: no primary is at the top of its chain",
                    replica.id
                ),
            };
            out.push(Hit::new(
                Subject::Component(db),
                message,
                "set `replicates_from` to the primary database it copies",
            ));
        }
    }
}
