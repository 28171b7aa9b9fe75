//! Orders the tracks in a channel so the links that turn on them cross least.
//!
//! A link turns in a channel on a track of its own source's: it comes in from the left along
//! its source's exit, runs along the track, and leaves to the right toward each of its
//! targets. Of two tracks, the later one's run crosses the earlier one's exits to the right
//! that fall inside it, and the earlier one's run crosses the later one's entry when that falls
//! inside it. Tracks are sorted by a key that puts no crossing between two runs that need none
//! (runs going up first, upper first; then runs going down, lower first), then neighbours are
//! swapped while that crosses less.

use super::route::{TrackKey, Wire};

/// A run along one track: where it comes in, and where it leaves toward each target.
#[derive(Debug, Clone)]
pub(super) struct Run {
    pub from: f32,
    pub to: Vec<f32>,
}

impl Run {
    fn span(&self) -> (f32, f32) {
        self.to.iter().fold((self.from, self.from), |(lo, hi), &t| {
            (lo.min(t), hi.max(t))
        })
    }
}

/// Crossings between `a` and `b` when `a`'s track comes first.
fn cost(a: &Run, b: &Run) -> usize {
    let inside = |v: f32, (lo, hi): (f32, f32)| v > lo && v < hi;
    let (sa, sb) = (a.span(), b.span());
    a.to.iter().filter(|&&t| inside(t, sb)).count() + usize::from(inside(b.from, sa))
}

/// The order of `runs` on their tracks, first to last.
pub(super) fn order(runs: &[Run]) -> Vec<usize> {
    let key = |r: &Run| {
        let pull: f32 = r.to.iter().map(|&t| t - r.from).sum();
        if pull < 0.0 {
            (0, r.from)
        } else {
            (1, -r.from)
        }
    };
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by(|&a, &b| {
        let (ka, kb) = (key(&runs[a]), key(&runs[b]));
        ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1)).then(a.cmp(&b))
    });
    for _ in 0..4 {
        let mut swapped = false;
        for k in 1..order.len() {
            let (a, b) = (&runs[order[k - 1]], &runs[order[k]]);
            if cost(b, a) < cost(a, b) {
                order.swap(k - 1, k);
                swapped = true;
            }
        }
        if !swapped {
            break;
        }
    }
    order
}

/// Where a wire leaves its source and enters its target across the layers, and the corridor
/// it runs along, if any.
#[derive(Debug, Clone, Copy)]
pub(super) struct Plan {
    pub exit_v: f32,
    pub enter_v: f32,
    pub corridor: Option<f32>,
}

/// Each exit track's place among its channel's exit tracks (by source), and each entry
/// track's among the entry tracks (by wire), ordered so their runs cross least.
pub(super) fn slots(
    wires: &[Wire],
    nodes: usize,
    tracks: &[Vec<TrackKey>],
    plan: &[Option<Plan>],
) -> (Vec<usize>, Vec<usize>) {
    let mut runs: Vec<Option<Run>> = vec![None; nodes];
    for (w, p) in wires.iter().zip(plan) {
        let Some(p) = p else { continue };
        let run = runs[w.from].get_or_insert_with(|| Run {
            from: p.exit_v,
            to: Vec::new(),
        });
        run.to.push(p.corridor.unwrap_or(p.enter_v));
    }
    let (mut exit_slot, mut entry_slot) = (vec![0; nodes], vec![0; wires.len()]);
    for keys in tracks {
        let exits: Vec<usize> = keys
            .iter()
            .filter_map(|k| match *k {
                TrackKey::Exit(c) => Some(c),
                TrackKey::Entry(_) => None,
            })
            .collect();
        let exit_runs: Vec<Run> = exits
            .iter()
            .map(|&c| {
                runs[c].clone().unwrap_or(Run {
                    from: 0.0,
                    to: Vec::new(),
                })
            })
            .collect();
        for (k, &x) in order(&exit_runs).iter().enumerate() {
            exit_slot[exits[x]] = k;
        }
        let entries: Vec<usize> = keys
            .iter()
            .filter_map(|k| match *k {
                TrackKey::Entry(i) => Some(i),
                TrackKey::Exit(_) => None,
            })
            .collect();
        let entry_runs: Vec<Run> = entries
            .iter()
            .map(|&i| match plan[i] {
                Some(p) => Run {
                    from: p.corridor.unwrap_or(p.exit_v),
                    to: vec![p.enter_v],
                },
                None => Run {
                    from: 0.0,
                    to: Vec::new(),
                },
            })
            .collect();
        for (k, &x) in order(&entry_runs).iter().enumerate() {
            entry_slot[entries[x]] = k;
        }
    }
    (exit_slot, entry_slot)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(from: f32, to: &[f32]) -> Run {
        Run {
            from,
            to: to.to_vec(),
        }
    }

    #[test]
    fn two_runs_down_turn_lower_first() {
        // 0 -> 120 and 100 -> 150: the one from 100 turns first, or each crosses the other.
        let runs = [run(0.0, &[120.0]), run(100.0, &[150.0])];
        assert_eq!(cost(&runs[0], &runs[1]), 2);
        assert_eq!(cost(&runs[1], &runs[0]), 0);
        assert_eq!(order(&runs), vec![1, 0]);
    }

    #[test]
    fn two_runs_up_turn_upper_first() {
        let runs = [run(150.0, &[50.0]), run(100.0, &[0.0])];
        assert_eq!(order(&runs), vec![1, 0]);
        assert_eq!(cost(&runs[1], &runs[0]), 0);
    }
}
