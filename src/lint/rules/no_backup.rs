//! A007 no-backup.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::{ComponentId, Design, Kind};
use crate::spec::vocabulary::{Purpose, Role};

declare_rule! {
    /// ## What it does
    /// Finds databases that accept writes (a `primary`, or a database with no `role`) with no
    /// `purpose = "background"` link between a `backup` component and the database or one of
    /// its replicas, in either direction (the database ships its dumps, or the backup server
    /// pulls them).
    ///
    /// A managed database is reported too. Providers offer automated backups, but whether they
    /// are on, and for how long they are kept, is a setting: the design shows it when it has
    /// a managed `backup` component (such as AWS Backup, or the database's own snapshots) with
    /// a background link from the database.
    ///
    /// ## Why is this bad?
    /// Replicas and a provider's standby copy every change at once, mistakes included: a bad
    /// migration, a `DELETE` without `WHERE`, ransomware. Only a backup, kept apart from the
    /// database and tested by restoring it, brings the data back.
    ///
    /// ## Example
    /// ```toml
    /// [components.postgres]
    /// kind = "database"
    /// host = "db-1"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [components.nightly]
    /// kind = "backup"
    /// software = "pg_dump and restic"
    /// host = "backup-1"
    ///
    /// [[links]]
    /// from = "postgres"
    /// to = "nightly"
    /// protocol = "ssh"
    /// purpose = "background"
    /// ```
    pub struct NoBackup {
        code: "A007",
        name: "no-backup",
        category: Availability,
        severity: Warning,
        summary: "A database that accepts writes and is not backed up.",
    }
}

impl Rule for NoBackup {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        for db in design.components_of_kind(Kind::Database) {
            let component = design.component(db);
            if component.attrs.role == Some(Role::Replica) {
                continue;
            }
            let copies: Vec<ComponentId> = std::iter::once(db)
                .chain(
                    design
                        .components_of_kind(Kind::Database)
                        .filter(|&r| design.component(r).attrs.replicates_from == Some(db)),
                )
                .collect();
            if copies.iter().any(|&c| backed_up(design, c)) {
                continue;
            }
            // Replicas are no backup: they copy a mistake as faithfully as a good write.
            let replicas = if copies.len() > 1 {
                ", and its replicas copy the mistake"
            } else {
                ""
            };
            let mut hit = Hit::new(
                Subject::Component(db),
                format!(
                    "nothing backs up {}: a bad migration or a deleted table cannot be undone{replicas}",
                    component.id
                ),
                format!(
                    "add a `backup` component (on another host, or a managed backup service) and a `purpose = \"background\"` link from {} to it, and test restoring it",
                    component.id
                ),
            );
            if component.managed {
                hit = hit.note(
                    "if the provider's automated backups are on, show them: a managed `backup` component and a background link from the database",
                );
            }
            out.push(hit);
        }
    }
}

/// Whether a background link joins the component and a backup, either way.
fn backed_up(design: &Design, c: ComponentId) -> bool {
    let is_backup = |other: ComponentId| design.component(other).kind == Kind::Backup;
    design
        .links_from(c)
        .any(|l| l.purpose == Purpose::Background && is_backup(l.to))
        || design
            .links_to(c)
            .any(|l| l.purpose == Purpose::Background && is_backup(l.from))
}
