//! How many links pass through a host they neither start nor end in, or over a host's title:
//! how the layout judges two ways of drawing one design against each other.

use super::Diagram;

/// The (link, host) pairs where the link's path enters the host's inside without starting
/// or ending in it.
pub(super) fn links_through_hosts(d: &Diagram) -> usize {
    d.edges
        .iter()
        .filter_map(|e| Some((e, *e.points.first()?, *e.points.last()?)))
        .map(|(e, first, last)| {
            d.hosts
                .iter()
                .filter(|h| !h.rect.grown(1.0).holds(first) && !h.rect.grown(1.0).holds(last))
                .filter(|h| {
                    let inside = h.rect.grown(-1.0);
                    e.points
                        .windows(2)
                        .any(|s| inside.meets_segment(s[0], s[1]))
                })
                .count()
        })
        .sum()
}

/// The (link, host) pairs where the link's path runs over the host's title or its badges
/// (where no gap along the title's edge was wide enough to move them to).
pub(super) fn links_over_titles(d: &Diagram) -> usize {
    d.hosts
        .iter()
        .map(|h| {
            let labels: Vec<_> = std::iter::once(h.title.rect)
                .chain(h.badges.iter().map(|b| b.rect))
                .collect();
            d.edges
                .iter()
                .filter(|e| {
                    e.points.windows(2).any(|s| {
                        labels
                            .iter()
                            .any(|r| r.grown(-1.0).meets_segment(s[0], s[1]))
                    })
                })
                .count()
        })
        .sum()
}
