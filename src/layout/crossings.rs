//! Counts the places where drawn links cross one another: a measure of how easy a diagram is
//! to follow, defined on polylines so that any layout engine's links can be counted alike.
//!
//! # What counts as a crossing
//!
//! Each link is a polyline (a curve is first cut into short straight pieces). For every pair
//! of links, the places where they meet are found: a single point, or a stretch they run along
//! together (the same trunk, the same track). Each such place, taken whole, is one meeting, and
//! a meeting is a crossing when one link passes from one side of the other to the other side
//! through it. So:
//!
//! - two links that cross at a point count 1;
//! - two links that run along a shared stretch and leave it on opposite sides count 1, however
//!   long the stretch; leaving it on the same side (they merge, then part again) counts 0;
//! - two links that touch at a point without passing through (one bends on the other and
//!   turns back) count 0;
//! - a meeting that includes either link's first or last point counts 0: links that leave the
//!   same box from one port, or arrive at one, share an end, and a fan of links from one source
//!   along its trunk is one source's links parting, not crossing;
//! - a link never crosses itself, and two links that meet in several places count each place.
//!
//! Points closer than [`EPSILON`] are the same point. The count is over unordered pairs of
//! links, so a picture with `k` crossings has exactly `k` places where the eye must jump.

use super::Diagram;

/// Distance under which two points are the same, in picture units.
pub const EPSILON: f64 = 1e-3;

/// The crossings between the links of a laid-out diagram.
pub fn diagram_crossings(diagram: &Diagram) -> usize {
    let lines: Vec<&[(f32, f32)]> = diagram.edges.iter().map(|e| e.points.as_slice()).collect();
    crossings(&lines)
}

/// The crossings among `lines`, over every unordered pair (see the module's definition).
pub fn crossings(lines: &[&[(f32, f32)]]) -> usize {
    let lines: Vec<Line> = lines.iter().map(|l| Line::new(l)).collect();
    let mut total = 0;
    for (i, a) in lines.iter().enumerate() {
        for b in &lines[i + 1..] {
            total += between(a, b);
        }
    }
    total
}

/// The crossings between two polylines.
pub fn crossings_between(a: &[(f32, f32)], b: &[(f32, f32)]) -> usize {
    between(&Line::new(a), &Line::new(b))
}

type P = (f64, f64);

/// A polyline without repeated points, with the distance along it to each point and its
/// bounding box.
struct Line {
    points: Vec<P>,
    at: Vec<f64>,
    min: P,
    max: P,
}

impl Line {
    fn new(raw: &[(f32, f32)]) -> Line {
        let mut points: Vec<P> = Vec::with_capacity(raw.len());
        for &(x, y) in raw {
            let p = (f64::from(x), f64::from(y));
            if !(p.0.is_finite() && p.1.is_finite()) {
                continue;
            }
            if points.last().is_none_or(|&q| dist(p, q) > EPSILON) {
                points.push(p);
            }
        }
        let mut at = Vec::with_capacity(points.len());
        let mut length = 0.0;
        for (k, &p) in points.iter().enumerate() {
            if k > 0 {
                length += dist(points[k - 1], p);
            }
            at.push(length);
        }
        let mut min = (f64::INFINITY, f64::INFINITY);
        let mut max = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for &(x, y) in &points {
            min = (min.0.min(x), min.1.min(y));
            max = (max.0.max(x), max.1.max(y));
        }
        Line {
            points,
            at,
            min,
            max,
        }
    }

    fn length(&self) -> f64 {
        self.at.last().copied().unwrap_or(0.0)
    }

    /// The point at distance `s` along the line.
    fn point(&self, s: f64) -> P {
        let k = self.segment_at(s);
        let (a, b) = (self.points[k], self.points[k + 1]);
        let len = self.at[k + 1] - self.at[k];
        let t = ((s - self.at[k]) / len).clamp(0.0, 1.0);
        (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
    }

    /// The segment that distance `s` falls in (the earlier one at a shared point).
    fn segment_at(&self, s: f64) -> usize {
        let last = self.points.len() - 2;
        let k = self.at.partition_point(|&a| a < s);
        k.saturating_sub(1).min(last)
    }

    /// The directions the line leaves `s` in, backward and forward; `None` past an end.
    fn rays(&self, s: f64) -> (Option<P>, Option<P>) {
        let k = self.at.partition_point(|&a| a < s - EPSILON);
        // At a vertex: the segments on both sides of it; inside a segment: that segment's two
        // directions.
        let vertex = self.at.get(k).is_some_and(|&a| (a - s).abs() <= EPSILON);
        let here = self.point(s);
        let (before, after) = if vertex {
            (
                k.checked_sub(1),
                (k + 1 < self.points.len()).then_some(k + 1),
            )
        } else {
            (k.checked_sub(1), (k < self.points.len()).then_some(k))
        };
        let ray = |i: Option<usize>| i.map(|i| unit(sub(self.points[i], here)));
        (ray(before), ray(after))
    }

    /// Where `p` lies on the line, as a distance along it, if it does.
    fn locate(&self, p: P) -> Option<f64> {
        self.points.windows(2).enumerate().find_map(|(k, w)| {
            let (a, b) = (w[0], w[1]);
            let len = self.at[k + 1] - self.at[k];
            let t = dot(sub(p, a), sub(b, a)) / (len * len);
            let t = t.clamp(0.0, 1.0);
            let q = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            (dist(p, q) <= EPSILON * 4.0).then_some(self.at[k] + t * len)
        })
    }
}

/// Where the two lines meet as stretches `(from, to)` of distance along `a`, merged where they
/// touch, in order.
fn meetings(a: &Line, b: &Line) -> Vec<(f64, f64)> {
    let mut found: Vec<(f64, f64)> = Vec::new();
    for (i, sa) in a.points.windows(2).enumerate() {
        let (p, p2) = (sa[0], sa[1]);
        let d1 = sub(p2, p);
        let len1 = a.at[i + 1] - a.at[i];
        let lo = (p.0.min(p2.0) - EPSILON, p.1.min(p2.1) - EPSILON);
        let hi = (p.0.max(p2.0) + EPSILON, p.1.max(p2.1) + EPSILON);
        for sb in b.points.windows(2) {
            let (q, q2) = (sb[0], sb[1]);
            if q.0.max(q2.0) < lo.0
                || q.0.min(q2.0) > hi.0
                || q.1.max(q2.1) < lo.1
                || q.1.min(q2.1) > hi.1
            {
                continue;
            }
            let d2 = sub(q2, q);
            let len2 = dist(q, q2);
            let denom = cross(d1, d2);
            if denom.abs() > 1e-9 * len1 * len2 {
                // Not parallel: one point at most.
                let t = cross(sub(q, p), d2) / denom;
                let u = cross(sub(q, p), d1) / denom;
                let (te, ue) = (EPSILON / len1, EPSILON / len2);
                if t >= -te && t <= 1.0 + te && u >= -ue && u <= 1.0 + ue {
                    let s = a.at[i] + t.clamp(0.0, 1.0) * len1;
                    found.push((s, s));
                }
            } else if cross(sub(q, p), d1).abs() / len1 <= EPSILON {
                // On one line: the overlap of the two segments, if any.
                let t0 = dot(sub(q, p), d1) / (len1 * len1);
                let t1 = dot(sub(q2, p), d1) / (len1 * len1);
                let (t0, t1) = (t0.min(t1).max(0.0), t0.max(t1).min(1.0));
                if (t1 - t0) * len1 >= -EPSILON {
                    let (s0, s1) = (a.at[i] + t0 * len1, a.at[i] + t1 * len1);
                    found.push((s0.min(s1), s0.max(s1)));
                }
            }
        }
    }
    found.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)));
    let mut merged: Vec<(f64, f64)> = Vec::with_capacity(found.len());
    for (s0, s1) in found {
        match merged.last_mut() {
            Some(last) if s0 <= last.1 + EPSILON => last.1 = last.1.max(s1),
            _ => merged.push((s0, s1)),
        }
    }
    merged
}

/// The crossings between two lines: the meetings through which one passes to the other side.
fn between(a: &Line, b: &Line) -> usize {
    if a.points.len() < 2 || b.points.len() < 2 {
        return 0;
    }
    if a.max.0 + EPSILON < b.min.0
        || b.max.0 + EPSILON < a.min.0
        || a.max.1 + EPSILON < b.min.1
        || b.max.1 + EPSILON < a.min.1
    {
        return 0;
    }
    let b_ends = [b.points[0], b.points[b.points.len() - 1]];
    meetings(a, b)
        .into_iter()
        .filter(|&(s0, s1)| {
            // A meeting at either line's end is a touch.
            if s0 <= EPSILON || s1 >= a.length() - EPSILON {
                return false;
            }
            if b_ends.iter().any(|&e| {
                a.locate(e)
                    .is_some_and(|s| s >= s0 - 2.0 * EPSILON && s <= s1 + 2.0 * EPSILON)
            }) {
                return false;
            }
            passes_through(a, b, s0, s1)
        })
        .count()
}

/// Whether `b` leaves the meeting `s0..s1` of `a` on the other side of `a` from where it came.
fn passes_through(a: &Line, b: &Line, s0: f64, s1: f64) -> bool {
    let (x, y) = (a.point(s0), a.point(s1));
    let (Some(sx), Some(sy)) = (b.locate(x), b.locate(y)) else {
        return false;
    };
    let (Some(a_back), Some(a_on)) = a.rays(s0) else {
        return false;
    };
    let (b_back, b_fwd) = b.rays(sx);
    if s1 - s0 <= EPSILON {
        // A point: b's two directions on either side of a's path through it.
        let (Some(b1), Some(b2)) = (b_back, b_fwd) else {
            return false;
        };
        return matches!(
            (side(a_back, a_on, b1), side(a_back, a_on, b2)),
            (Some(l), Some(r)) if l != r
        );
    }
    // A stretch: where b joins it and where b leaves it, each against a's path there. b's
    // direction along the stretch is the one closest to a's.
    let (Some(a_back_y), Some(a_on_y)) = a.rays(s1) else {
        return false;
    };
    let off = |rays: (Option<P>, Option<P>), along: P| match rays {
        (Some(r1), Some(r2)) => Some(if dot(r1, along) > dot(r2, along) {
            r2
        } else {
            r1
        }),
        _ => None,
    };
    let (Some(bx), Some(by)) = (off((b_back, b_fwd), a_on), off(b.rays(sy), a_back_y)) else {
        return false;
    };
    matches!(
        (side(a_back, a_on, bx), side(a_back_y, a_on_y, by)),
        (Some(l), Some(r)) if l != r
    )
}

/// Which side of a path that comes in along `back` (pointing back where it came from) and
/// leaves along `on` the direction `r` lies: `true` for the sector swept counterclockwise from
/// `on` to `back`. `None` when `r` runs along either.
fn side(back: P, on: P, r: P) -> Option<bool> {
    let turn = |from: P, to: P| {
        let a = cross(from, to).atan2(dot(from, to));
        if a < 0.0 {
            a + std::f64::consts::TAU
        } else {
            a
        }
    };
    let (to_back, to_r) = (turn(on, back), turn(on, r));
    const SAME: f64 = 1e-6;
    if !(SAME..=std::f64::consts::TAU - SAME).contains(&to_r) || (to_r - to_back).abs() < SAME {
        return None;
    }
    Some(to_r < to_back)
}

fn sub(a: P, b: P) -> P {
    (a.0 - b.0, a.1 - b.1)
}

fn dot(a: P, b: P) -> f64 {
    a.0 * b.0 + a.1 * b.1
}

fn cross(a: P, b: P) -> f64 {
    a.0 * b.1 - a.1 * b.0
}

fn dist(a: P, b: P) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

fn unit(a: P) -> P {
    let n = a.0.hypot(a.1);
    if n > 0.0 { (a.0 / n, a.1 / n) } else { a }
}

#[cfg(test)]
mod tests {
    use super::crossings_between as x;

    #[test]
    fn a_plus_crosses_once() {
        assert_eq!(x(&[(0.0, 5.0), (10.0, 5.0)], &[(5.0, 0.0), (5.0, 10.0)]), 1);
    }

    #[test]
    fn apart_or_parallel_lines_do_not_cross() {
        assert_eq!(x(&[(0.0, 0.0), (10.0, 0.0)], &[(0.0, 1.0), (10.0, 1.0)]), 0);
        assert_eq!(
            x(&[(0.0, 0.0), (10.0, 0.0)], &[(20.0, -5.0), (20.0, 5.0)]),
            0
        );
    }

    #[test]
    fn a_shared_end_is_a_touch() {
        // Two links leaving one port.
        assert_eq!(
            x(&[(0.0, 0.0), (10.0, 10.0)], &[(0.0, 0.0), (10.0, -10.0)]),
            0
        );
        // One link ending on the other's middle.
        assert_eq!(x(&[(0.0, 0.0), (10.0, 0.0)], &[(5.0, 5.0), (5.0, 0.0)]), 0);
    }

    #[test]
    fn a_fan_along_one_trunk_does_not_cross() {
        // One source, one exit, one trunk at x = 10, three targets.
        let up = [(0.0, 50.0), (10.0, 50.0), (10.0, 0.0), (20.0, 0.0)];
        let level = [(0.0, 50.0), (20.0, 50.0)];
        let down = [(0.0, 50.0), (10.0, 50.0), (10.0, 100.0), (20.0, 100.0)];
        assert_eq!(x(&up, &level), 0);
        assert_eq!(x(&up, &down), 0);
        assert_eq!(x(&level, &down), 0);
    }

    #[test]
    fn a_shared_stretch_counts_once_when_left_on_the_other_side() {
        let a = [(0.0, 0.0), (100.0, 0.0)];
        // Joins from above, runs along 20..60, leaves below: one crossing.
        let through = [(20.0, -10.0), (20.0, 0.0), (60.0, 0.0), (60.0, 10.0)];
        assert_eq!(x(&a, &through), 1);
        assert_eq!(x(&through, &a), 1);
        // Joins from above and leaves above: a touch.
        let back = [(20.0, -10.0), (20.0, 0.0), (60.0, 0.0), (60.0, -10.0)];
        assert_eq!(x(&a, &back), 0);
        assert_eq!(x(&back, &a), 0);
    }

    #[test]
    fn a_bend_on_a_line_is_a_crossing_only_when_it_passes() {
        let a = [(0.0, 0.0), (100.0, 0.0)];
        // Comes down to a and goes on down-right: through.
        assert_eq!(x(&a, &[(50.0, -10.0), (50.0, 0.0), (60.0, 10.0)]), 1);
        // Comes down to a and goes back up: a touch.
        assert_eq!(x(&a, &[(50.0, -10.0), (50.0, 0.0), (60.0, -10.0)]), 0);
        // Both bend at the same point, each on its own side: no crossing.
        let b = [(0.0, 10.0), (50.0, 0.0), (100.0, 10.0)];
        let c = [(0.0, -10.0), (50.0, 0.0), (100.0, -10.0)];
        assert_eq!(x(&b, &c), 0);
        // An X through one shared bend point.
        let d = [(0.0, 10.0), (50.0, 0.0), (100.0, -30.0)];
        assert_eq!(x(&d, &c), 1);
    }

    #[test]
    fn each_place_counts() {
        let a = [(0.0, 0.0), (100.0, 0.0)];
        let zigzag = [(10.0, -5.0), (20.0, 5.0), (30.0, -5.0), (40.0, 5.0)];
        assert_eq!(x(&a, &zigzag), 3);
        let lines: Vec<&[(f32, f32)]> = vec![&a, &zigzag, &[(5.0, -20.0), (5.0, 20.0)]];
        assert_eq!(super::crossings(&lines), 4);
    }

    #[test]
    fn odd_input_counts_nothing() {
        assert_eq!(x(&[], &[(0.0, 0.0), (1.0, 1.0)]), 0);
        assert_eq!(x(&[(1.0, 1.0), (1.0, 1.0)], &[(0.0, 0.0), (2.0, 2.0)]), 0);
        assert_eq!(
            x(&[(f32::NAN, 0.0), (1.0, 1.0)], &[(0.0, 0.0), (2.0, 2.0)]),
            0
        );
    }

    #[test]
    fn a_laid_out_spec_is_counted() {
        let design = crate::design_of(include_str!(
            "../../specs/2-secured_and_monitored_web_infrastructure.toml"
        ));
        let d = super::super::layout(&design, &[], design.direction);
        let n = super::diagram_crossings(&d);
        assert!(n < d.edges.len() * d.edges.len(), "{n}");
    }
}
