//! The work done after the response: what the queues' consumers and the other background
//! links do, one sentence per component they start from.

use super::*;

/// The work done away from the request: queue consumers and other background links, one
/// sentence per component they start from.
pub(super) fn background(design: &Design, on_path: &BTreeSet<ComponentId>) -> Vec<String> {
    let mut from: Vec<ComponentId> = design
        .links
        .iter()
        .filter(|l| l.purpose == Purpose::Background)
        .map(|l| l.from)
        .collect();
    from.sort();
    from.dedup();
    // Consumers first: their work follows the response; backups and the rest after.
    from.sort_by_key(|&c| {
        !design
            .links_from(c)
            .any(|l| l.purpose == Purpose::Background && design.component(l.to).kind == Kind::Queue)
    });
    let mut out = Vec::new();
    for c in from {
        let links: Vec<&Link> = design
            .links_from(c)
            .filter(|l| l.purpose == Purpose::Background)
            .collect();
        let queues: Vec<ComponentId> = links
            .iter()
            .filter(|l| design.component(l.to).kind == Kind::Queue)
            .map(|l| l.to)
            .collect();
        let backups: Vec<&&Link> = links
            .iter()
            .filter(|l| design.component(l.to).kind == Kind::Backup)
            .collect();
        let others: Vec<ComponentId> = links
            .iter()
            .filter(|l| !matches!(design.component(l.to).kind, Kind::Queue | Kind::Backup))
            .map(|l| l.to)
            .collect();
        let subject = name(design, c);
        if !queues.is_empty() {
            let using = if others.is_empty() {
                String::new()
            } else {
                format!(", using {}", and(&names(design, &others)))
            };
            out.push(format!(
                "Later, each job is taken from {} and done by {subject}{using}.",
                and(&names(design, &queues)),
            ));
        } else if !others.is_empty() {
            let how: Vec<String> = links
                .iter()
                // The links to `others`: not to a queue or a backup.
                .filter(|l| !matches!(design.component(l.to).kind, Kind::Queue | Kind::Backup))
                .map(|l| {
                    format!(
                        "{} over {}{}",
                        code(&design.component(l.to).id),
                        protocol_phrase(l.protocol, l.port),
                        label(l)
                    )
                })
                .collect();
            let when = if on_path.contains(&c) {
                "Apart from requests"
            } else {
                "In the background"
            };
            out.push(format!("{when}, {subject} works with {}.", and(&how)));
        }
        for l in backups {
            out.push(format!(
                "On a schedule, {} copies its data to the backup {} over {}{}.",
                code(&design.component(c).id),
                name(design, l.to),
                protocol_phrase(l.protocol, l.port),
                label(l)
            ));
        }
    }
    out
}

/// " (nightly dump)", from a link's label.
fn label(l: &Link) -> String {
    l.label
        .as_deref()
        .map_or(String::new(), |s| format!(" ({})", escape(s)))
}
