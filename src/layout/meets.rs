//! Which segments meet which boxes (closed bounding boxes overlapping), found by sweeping both
//! sorted instead of testing every pair: near-linear where the pairwise test grew with hosts
//! times path segments.

use std::collections::BTreeSet;

/// A closed box: `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    pub x0: f32,
    pub x1: f32,
    pub y0: f32,
    pub y1: f32,
}

impl Span {
    /// The bounding box of a segment.
    pub fn of(a: (f32, f32), b: (f32, f32)) -> Self {
        Span {
            x0: a.0.min(b.0),
            x1: a.0.max(b.0),
            y0: a.1.min(b.1),
            y1: a.1.max(b.1),
        }
    }

    fn flip(self) -> Self {
        Span {
            x0: self.y0,
            x1: self.y1,
            y0: self.x0,
            y1: self.x1,
        }
    }
}

/// For each box, the indices (ascending) of the segment boxes that meet it: overlapping or
/// touching on both axes. The same pairs as testing every box against every segment.
pub(super) fn meets(boxes: &[Span], segments: &[Span]) -> Vec<Vec<usize>> {
    let mut found = vec![Vec::new(); boxes.len()];
    // A segment longer across x than down y is swept down y; the others across x. Either way
    // the sweep runs along the segment's short side, where few boxes are open at once.
    let (flat, tall): (Vec<usize>, Vec<usize>) = (0..segments.len())
        .partition(|&s| segments[s].y1 - segments[s].y0 <= segments[s].x1 - segments[s].x0);
    let flipped: Vec<Span> = boxes.iter().map(|b| b.flip()).collect();
    let flipped_segments: Vec<Span> = segments.iter().map(|s| s.flip()).collect();
    sweep(boxes, segments, &tall, &mut found);
    sweep(&flipped, &flipped_segments, &flat, &mut found);
    for f in &mut found {
        f.sort_unstable();
    }
    found
}

/// Adds to `found` every pair of a box and one of the segments `which` that meet, sweeping
/// across x: a box is open from its `x0` to its `x1`, and a segment asks at its `x0` for the
/// open boxes it meets down y; the boxes starting inside a segment's x range are looked up
/// apart.
fn sweep(boxes: &[Span], segments: &[Span], which: &[usize], found: &mut [Vec<usize>]) {
    if boxes.is_empty() || which.is_empty() {
        return;
    }
    let meet_y = |b: &Span, s: &Span| b.y0 <= s.y1 && b.y1 >= s.y0;
    // Boxes ranked by their top: the open ones a segment meets have a top in a window.
    let mut by_top: Vec<usize> = (0..boxes.len()).collect();
    by_top.sort_by(|&a, &b| boxes[a].y0.total_cmp(&boxes[b].y0));
    let tops: Vec<f32> = by_top.iter().map(|&b| boxes[b].y0).collect();
    let mut rank = vec![0; boxes.len()];
    for (r, &b) in by_top.iter().enumerate() {
        rank[b] = r;
    }
    let tallest = boxes.iter().map(|b| b.y1 - b.y0).fold(0.0f32, f32::max);
    // Opening boxes, then segments asking, then closing boxes, at each x.
    let mut events: Vec<(f32, u8, usize)> = Vec::with_capacity(2 * boxes.len() + which.len());
    for (b, span) in boxes.iter().enumerate() {
        events.push((span.x0, 0, b));
        events.push((span.x1, 2, b));
    }
    events.extend(which.iter().map(|&s| (segments[s].x0, 1, s)));
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut open = BTreeSet::new();
    for (_, kind, i) in events {
        match kind {
            0 => {
                open.insert(rank[i]);
            }
            2 => {
                open.remove(&rank[i]);
            }
            _ => {
                let s = &segments[i];
                // Margin for rounding: the exact test below decides.
                let low = s.y0 - tallest - (tallest.abs() + s.y0.abs()) * 1e-5 - 1.0;
                let from = tops.partition_point(|&t| t < low);
                let to = tops.partition_point(|&t| t <= s.y1);
                if from < to {
                    for &r in open.range(from..to) {
                        let b = by_top[r];
                        if meet_y(&boxes[b], s) {
                            found[b].push(i);
                        }
                    }
                }
            }
        }
    }
    // Boxes that start inside a segment's x range, after its x0: not open when it asked.
    let mut by_left: Vec<usize> = (0..boxes.len()).collect();
    by_left.sort_by(|&a, &b| boxes[a].x0.total_cmp(&boxes[b].x0));
    let lefts: Vec<f32> = by_left.iter().map(|&b| boxes[b].x0).collect();
    for &i in which {
        let s = &segments[i];
        let from = lefts.partition_point(|&l| l <= s.x0);
        let to = lefts.partition_point(|&l| l <= s.x1);
        for &b in &by_left[from..to.max(from)] {
            if meet_y(&boxes[b], s) {
                found[b].push(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute(boxes: &[Span], segments: &[Span]) -> Vec<Vec<usize>> {
        boxes
            .iter()
            .map(|b| {
                (0..segments.len())
                    .filter(|&s| {
                        let s = &segments[s];
                        s.y0 <= b.y1 && s.y1 >= b.y0 && s.x1 >= b.x0 && s.x0 <= b.x1
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_same_pairs_as_testing_every_one() {
        // A small deterministic generator: boxes and segments on a coarse grid, so that many
        // touch exactly, plus some diagonal segments.
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % m) as f32
        };
        for _ in 0..50 {
            let boxes: Vec<Span> = (0..30)
                .map(|_| {
                    let (x, y) = (next(40) * 5.0, next(40) * 5.0);
                    Span {
                        x0: x,
                        x1: x + next(8) * 5.0,
                        y0: y,
                        y1: y + next(3) * 5.0,
                    }
                })
                .collect();
            let segments: Vec<Span> = (0..60)
                .map(|k| {
                    let a = (next(45) * 5.0, next(45) * 5.0);
                    let b = match k % 3 {
                        0 => (a.0, next(45) * 5.0),
                        1 => (next(45) * 5.0, a.1),
                        _ => (next(45) * 5.0, next(45) * 5.0),
                    };
                    Span::of(a, b)
                })
                .collect();
            assert_eq!(meets(&boxes, &segments), brute(&boxes, &segments));
        }
    }

    #[test]
    fn nothing_to_meet() {
        assert_eq!(meets(&[], &[Span::of((0.0, 0.0), (1.0, 0.0))]).len(), 0);
        let one = Span::of((0.0, 0.0), (1.0, 1.0));
        assert_eq!(meets(&[one], &[]), vec![Vec::<usize>::new()]);
    }
}
