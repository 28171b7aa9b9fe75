//! The primary-replica database cluster: who takes writes, how they reach the replicas, and
//! who reads from which.

use super::*;

pub(super) fn primary_replica(d: &Design) -> String {
    let dbs = of_kind(d, Kind::Database);
    let primaries = d.databases_in_role(&dbs, Role::Primary);
    let mut text = "In a primary-replica (master-slave) cluster, one node, the primary, accepts \
        every write and records each change in a log; each replica reads that log and replays \
        the changes, so it holds a copy of the data."
        .to_string();
    let mut any = false;
    for p in primaries {
        let replicas: Vec<ComponentId> = dbs
            .iter()
            .copied()
            .filter(|&r| d.component(r).attrs.replicates_from == Some(p))
            .collect();
        if replicas.is_empty() {
            continue;
        }
        any = true;
        let mode = flow::mode_of(d, replicas[0]);
        text.push_str(&format!(
            " Here {} is the primary{} and {}.",
            flow::name(d, p),
            host_of(d, p),
            replication_clause(mode, &ids(d, &replicas))
        ));
        let writers: Vec<ComponentId> = d
            .links_to(p)
            .filter(|l| l.serves())
            .map(|l| l.from)
            .collect();
        let readers: Vec<ComponentId> = replicas
            .iter()
            .flat_map(|&r| {
                d.links_to(r)
                    .filter(|l| l.serves() && l.protocol != Protocol::Replication)
                    .map(|l| l.from)
            })
            .collect();
        text.push_str(&format!(
            "\n\nFor the application the two differ: every write (INSERT, UPDATE, DELETE) must go to {}, which {} send{} there; {} serve{} reads only, which {} send{} to {}",
            code(&d.component(p).id),
            ids(d, &dedup(writers.clone())),
            if dedup(writers).len() == 1 { "s" } else { "" },
            ids(d, &replicas),
            if replicas.len() == 1 { "s" } else { "" },
            ids(d, &dedup(readers.clone())),
            if dedup(readers).len() == 1 { "s" } else { "" },
            if replicas.len() == 1 { "it" } else { "them" },
        ));
        match mode {
            crate::spec::vocabulary::Replication::Async => text.push_str(
                ". A replica may lag a moment behind, so a read right after a write can return the old data. If the primary fails, a replica can be promoted, losing any write not yet copied.",
            ),
            _ => text.push_str(". If the primary fails, a replica can be promoted to primary."),
        }
    }
    if !any {
        text.push_str(&format!(
            " This design has no replica: {} alone holds the data.",
            ids(d, &dbs)
        ));
    }
    text
}
