//! Corridors: lines across the layers that no block occupies, for the links that skip layers,
//! go back or stay in their layer without virtual nodes.

/// Room kept between a corridor and the blocks beside it.
pub(super) const CORRIDOR_MARGIN: f32 = 8.0;

/// How many frames and hosts the runs to and from a corridor at a given v cross.
pub(super) type Crossings<'a> = &'a dyn Fn(f32) -> usize;

/// A v across layers `lo..=hi` that no block (nor earlier corridor, nor `foreign` frame)
/// occupies, nearest to `want`; reserves it. Inside block `own`, only its components are obstacles, and the
/// corridor must stay inside it.
pub(super) fn corridor(
    by_layer: &mut [Vec<(f32, f32, usize)>],
    members: &[Vec<(f32, f32, usize)>],
    own: Option<usize>,
    (lo, hi): (usize, usize),
    (foreign, crossings): (&[(f32, f32)], Crossings<'_>),
    want: f32,
) -> f32 {
    if let Some(b) = own {
        let inside = by_layer[lo..=hi]
            .iter()
            .flatten()
            .find(|o| o.2 == b)
            .map(|o| (o.0, o.1));
        let obstacles = by_layer[lo..=hi]
            .iter()
            .flatten()
            .filter(|o| o.2 != b)
            .map(|o| (o.0, o.1))
            .chain(
                members[lo..=hi]
                    .iter()
                    .flatten()
                    .filter(|m| m.2 == b)
                    .map(|m| (m.0, m.1)),
            );
        if let Some((top, bottom)) = inside {
            let v = free_v(obstacles.collect(), want, &|_| 0);
            // Below the block's head and above its end, or the wire goes around after all.
            if v > top + 24.0 && v < bottom - 4.0 {
                for layer in &mut by_layer[lo..=hi] {
                    layer.push((v - 2.0, v + 2.0, usize::MAX));
                }
                return v;
            }
        }
    }
    let v = free_v(
        by_layer[lo..=hi]
            .iter()
            .flatten()
            .map(|o| (o.0, o.1))
            .chain(foreign.iter().copied())
            .collect(),
        want,
        crossings,
    );
    for layer in &mut by_layer[lo..=hi] {
        layer.push((v - 2.0, v + 2.0, usize::MAX));
    }
    v
}

/// The v outside every interval (widened by the corridor margin) with the fewest
/// `crossings`, then nearest to `want`.
fn free_v(obstacles: Vec<(f32, f32)>, want: f32, crossings: &dyn Fn(f32) -> usize) -> f32 {
    let mut taken: Vec<(f32, f32)> = obstacles
        .into_iter()
        .map(|(a, b)| (a - CORRIDOR_MARGIN, b + CORRIDOR_MARGIN))
        .collect();
    taken.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Free gaps between merged occupied intervals; above and below everything is free.
    let mut best: Option<(usize, f32)> = None;
    let mut consider = |v: f32| {
        let cost = crossings(v);
        if best.is_none_or(|(c, b)| (cost, (v - want).abs()) < (c, (b - want).abs())) {
            best = Some((cost, v));
        }
    };
    let mut edge = f32::NEG_INFINITY;
    for &(a, b) in &taken {
        if a > edge {
            // Gap (edge, a).
            consider(want.clamp(edge, a));
        }
        edge = edge.max(b);
    }
    consider(want.max(edge));
    best.map_or(want, |(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corridors_avoid_blocks_and_each_other() {
        let none = vec![Vec::new(), Vec::new()];
        let mut by_layer = vec![vec![(0.0, 100.0, 0)], vec![(50.0, 200.0, 1)]];
        // Layers 0 and 1 are blocked from 0 to 200: the nearest free line is just above.
        let v = corridor(&mut by_layer, &none, None, (0, 1), (&[], &|_| 0), 60.0);
        assert_eq!(v, -CORRIDOR_MARGIN);
        let w = corridor(&mut by_layer, &none, None, (0, 1), (&[], &|_| 0), 60.0);
        assert!(w < v - 2.0, "{w}");
        let mut free = vec![vec![(0.0, 10.0, 0), (100.0, 110.0, 1)]];
        assert_eq!(
            corridor(&mut free, &none, None, (0, 0), (&[], &|_| 0), 50.0),
            50.0
        );
    }

    #[test]
    fn a_wire_inside_a_host_stays_inside() {
        // Host 0 spans v 0..200 and holds one component at 30..70 in this layer.
        let mut by_layer = vec![vec![(0.0, 200.0, 0)]];
        let members = vec![vec![(30.0, 70.0, 0)]];
        let v = corridor(
            &mut by_layer,
            &members,
            Some(0),
            (0, 0),
            (&[], &|_| 0),
            60.0,
        );
        assert!(v > 70.0 && v < 200.0, "{v}");
    }
}
