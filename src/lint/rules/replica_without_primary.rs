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
        // Whether each database's chain reaches a primary, settled once per database: a walk
        // stops at the first database already settled, so a long chain costs its length once
        // (walking it afresh from every replica was cubic with the loop check).
        let mut reaches: Vec<Option<bool>> = vec![None; design.components.len()];
        let mut path = Vec::new();
        let mut on_path = vec![false; design.components.len()];
        for db in design.components_of_kind(Kind::Database) {
            let replica = design.component(db);
            if replica.attrs.role != Some(Role::Replica) {
                continue;
            }
            path.clear();
            let mut at = Some(db);
            let reaches_primary = loop {
                let Some(c) = at else { break false };
                if let Some(known) = reaches[c.0 as usize] {
                    break known;
                }
                if design.component(c).attrs.role == Some(Role::Primary) {
                    break true;
                }
                if on_path[c.0 as usize] {
                    break false; // a loop of replicas
                }
                on_path[c.0 as usize] = true;
                path.push(c);
                at = design.component(c).attrs.replicates_from;
            };
            for c in &path {
                reaches[c.0 as usize] = Some(reaches_primary);
                on_path[c.0 as usize] = false;
            }
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
