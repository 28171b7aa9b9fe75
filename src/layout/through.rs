//! How many links pass through a host they neither start nor end in: how the layout judges
//! two ways of drawing one design against each other.

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
