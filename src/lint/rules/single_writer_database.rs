//! A002 single-writer-database.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::Kind;
use crate::spec::vocabulary::{Replication, Role};

declare_rule! {
    /// ## What it does
    /// Finds designs where exactly one database instance accepts writes (one `primary`, with
    /// `count = 1`), whatever number of replicas copy it. A managed database
    /// (`managed = true`) is not reported: the provider promotes its standby itself.
    ///
    /// ## Why is this bad?
    /// While that primary is down, nothing can be written: sign-ups, orders and edits fail
    /// even though replicas still serve reads. It is also the ceiling on write throughput.
    /// With asynchronous replication (the MySQL default), promoting a replica after the
    /// primary dies loses the writes it had not copied yet; with synchronous or semi-sync
    /// replication nothing acknowledged is lost, but someone or something must still promote
    /// the standby.
    ///
    /// ## Example
    /// ```toml
    /// [components.mysql-primary]
    /// kind = "database"
    /// role = "primary"
    ///
    /// [components.mysql-replica]
    /// kind = "database"
    /// role = "replica"
    /// replicates_from = "mysql-primary"
    /// ```
    ///
    /// ## Use instead
    /// Plan the primary's failure: automatic failover that promotes a replica (Patroni,
    /// Orchestrator, MySQL Group Replication), and `replication = "semi-sync"` or `"sync"` so
    /// the promoted replica has every acknowledged write. When writes outgrow one machine, a
    /// multi-primary cluster or sharding spreads them.
    pub struct SingleWriterDatabase {
        code: "A002",
        name: "single-writer-database",
        category: Availability,
        severity: Warning,
        summary: "Only one database instance accepts writes.",
    }
}

impl Rule for SingleWriterDatabase {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        let primaries: Vec<_> = design
            .components_of_kind(Kind::Database)
            .filter(|&c| design.component(c).attrs.role == Some(Role::Primary))
            .collect();
        let [primary] = primaries.as_slice() else {
            return;
        };
        let db = design.component(*primary);
        if db.count > 1 || db.managed {
            return;
        }
        let replicas: Vec<_> = design
            .components_of_kind(Kind::Database)
            .map(|c| design.component(c))
            .filter(|r| r.attrs.replicates_from == Some(*primary))
            .collect();
        let with = |mode: Replication| -> Vec<&str> {
            replicas
                .iter()
                .filter(|r| r.attrs.replication.unwrap_or(Replication::Async) == mode)
                .map(|r| r.id.as_str())
                .collect()
        };
        let (safe, unsafe_) = (
            [with(Replication::Sync), with(Replication::SemiSync)].concat(),
            with(Replication::Async),
        );
        let fix = if replicas.is_empty() {
            "add a replica on another host, with semi-sync or sync replication, and automatic failover that promotes it; spread writes with a multi-primary cluster or sharding when one machine is not enough".to_string()
        } else if unsafe_.is_empty() {
            format!(
                "automate the failover that promotes {} (Patroni, Orchestrator, a cluster manager), so writes resume without someone on call; spread writes with a multi-primary cluster or sharding when one machine is not enough",
                super::list(&safe)
            )
        } else {
            "plan for its failure: automatic failover that promotes a replica, semi-sync or sync replication so no acknowledged write is lost; spread writes with a multi-primary cluster or sharding when one machine is not enough".to_string()
        };
        let mut hit = Hit::new(
            Subject::Component(*primary),
            format!(
                "{} is the only database that accepts writes: while it is down, nothing can be written",
                db.id
            ),
            fix,
        );
        if !unsafe_.is_empty() {
            hit = hit.note(format!(
                "{} copies it asynchronously: promoting it after {} fails loses the writes not yet copied",
                super::list(&unsafe_),
                db.id
            ));
        }
        for (mode, how) in [
            (Replication::Sync, "synchronously"),
            (Replication::SemiSync, "semi-synchronously"),
        ] {
            let copies = with(mode);
            if !copies.is_empty() {
                hit = hit.note(format!(
                    "{} copies it {how}: promoting it after {} fails loses no acknowledged write",
                    super::list(&copies),
                    db.id
                ));
            }
        }
        out.push(hit);
    }
}
