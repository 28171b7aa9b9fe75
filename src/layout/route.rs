//! Routes links between placed components as orthogonal paths, and reserves room for their
//! labels.
//!
//! Every path leaves its source on the far side (toward the next layer), turns in the channel
//! after the source's layer, and enters its target on the near side from the channel before
//! the target's layer. A link that skips layers, goes back or stays in its layer first runs
//! along a corridor: a line across the layers in between that no block crosses. Labels sit in
//! the channel just before their target, above their own entering segment and inside the
//! target's extent across the layers, so they meet neither boxes nor each other.
//!
//! A side wire joins two boxes that stand next to each other in one layer and one block (a
//! client and the DNS box it asks): a straight line across the gap between them, its label in
//! that gap, which the target reserves as its lead.

use super::channels::{Plan, slots};
use super::corridor::corridor;
pub use super::ports::port_room;
use super::ports::{ARROW_CLEAR, ports};

/// A link to route, between component indices.
#[derive(Debug, Clone)]
pub struct Wire {
    pub from: usize,
    pub to: usize,
    /// The label's size along and across the layers; zero for no label.
    pub label: (f32, f32),
    /// A side wire: to the next box in the same layer and block, straight across.
    pub side: bool,
    /// Wires with the same group and target enter it at one port, under one label (carried
    /// by one of them): several links that say the same thing meet before their target.
    pub group: Option<usize>,
}

impl Wire {
    /// A wire from `from` to `to` with a label of `label`'s size, in no group.
    pub fn new(from: usize, to: usize, label: (f32, f32)) -> Wire {
        Wire {
            from,
            to,
            label,
            side: false,
            group: None,
        }
    }
}

/// Where things are, in layer coordinates, for routing.
pub struct Placed<'a> {
    pub layer: &'a [usize],
    /// Start and size along the layers of each component.
    pub u: &'a [(f32, f32)],
    /// Start and size across the layers of each component.
    pub v: &'a [(f32, f32)],
    /// Start of each layer along the u axis, and its size.
    pub layer_u: &'a [(f32, f32)],
    /// Start of each channel's exit tracks (channel `l` lies before layer `l`; one more
    /// after the last), after the borders of the zones' frames that close there: a path
    /// leaving its layer turns outside the frames that open or close in the channel.
    pub channel_u: &'a [f32],
    /// Start of each channel's entry tracks, after the borders of the frames that open
    /// there: a path arriving turns inside them, below their titles.
    pub entry_u: &'a [f32],
    /// Blocks as (first layer, last layer, v start, v end): the hosts' and lone components',
    /// then the zones' titles.
    pub blocks: &'a [(usize, usize, f32, f32)],
    /// How many of `blocks` are hosts' and lone components'.
    pub hosts: usize,
    /// The block of each component.
    pub block_of: &'a [usize],
    /// The zones' frames as (first layer, last layer, v start, v end): a corridor keeps out
    /// of every frame that holds neither end of its link.
    pub frames: &'a [(usize, usize, f32, f32)],
    /// The frames (indices into `frames`) each component sits in.
    pub frames_of: &'a [Vec<usize>],
    /// Room at the start of each component's extent across the layers that its box leaves
    /// free (for a side wire's label); zero for most.
    pub lead: &'a [f32],
}

/// A routed wire: its polyline in (u, v), and its label's rectangle as (u, v, du, dv).
#[derive(Debug, Clone)]
pub struct Route {
    pub points: Vec<(f32, f32)>,
    pub label: Option<(f32, f32, f32, f32)>,
}

pub const TRACK: f32 = 8.0;
pub const CHANNEL_PAD: f32 = 10.0;
pub const LABEL_GAP: f32 = 4.0;
/// Room on each side of a side wire's label across the layers.
pub const SIDE_MARGIN: f32 = 8.0;

/// Where a side wire runs along the layers, from its layer's start: through the middle of the
/// shorter of its two boxes (boxes on no host start at their layer's start).
pub fn side_u(from_size: f32, to_size: f32) -> f32 {
    from_size.min(to_size) / 2.0
}

/// Where a side wire's label starts along the layers, from its layer's start, for a wire at
/// `at`: before the wire when it fits there (above a line drawn across), else after it.
pub fn side_label_u(at: f32, label_u: f32) -> f32 {
    if label_u + LABEL_GAP <= at {
        at - LABEL_GAP - label_u
    } else {
        at + LABEL_GAP
    }
}

/// Whether a wire needs a corridor (it does not go to the very next layer).
pub fn needs_corridor(layer: &[usize], w: &Wire) -> bool {
    layer[w.to] != layer[w.from] + 1
}

/// The tracks each channel needs: one per source leaving into it, one per corridor wire
/// arriving from it. Returns, per channel, the ordered track keys.
pub fn tracks(layer: &[usize], wires: &[Wire], channels: usize) -> Vec<Vec<TrackKey>> {
    let mut keys: Vec<Vec<TrackKey>> = vec![Vec::new(); channels];
    // A box's exit track is in the channel after its layer: one per box.
    let mut exits = vec![false; layer.len()];
    for (i, w) in wires.iter().enumerate().filter(|(_, w)| !w.side) {
        let out = layer[w.from] + 1;
        if !std::mem::replace(&mut exits[w.from], true) {
            keys[out].push(TrackKey::Exit(w.from));
        }
        if needs_corridor(layer, w) {
            keys[layer[w.to]].push(TrackKey::Entry(i));
        }
    }
    keys
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TrackKey {
    Exit(usize),
    Entry(usize),
}

/// Routes every wire.
pub fn route(wires: &[Wire], placed: &Placed<'_>, tracks: &[Vec<TrackKey>]) -> Vec<Route> {
    let port = ports(wires, placed);
    let layers = placed.layer_u.len();
    // Obstacles per layer: whole blocks, tagged with their block so a wire inside one host can
    // run between that host's own components instead of around the host.
    let mut by_layer: Vec<Vec<(f32, f32, usize)>> = vec![Vec::new(); layers];
    for (b, &(first, last, v0, v1)) in placed.blocks.iter().enumerate() {
        for layer in &mut by_layer[first..=last] {
            layer.push((v0, v1, b));
        }
    }
    let mut members: Vec<Vec<(f32, f32, usize)>> = vec![Vec::new(); layers];
    for c in 0..placed.layer.len() {
        let (v0, size) = placed.v[c];
        members[placed.layer[c]].push((v0, v0 + size, placed.block_of[c]));
    }
    // Where each wire leaves its source and enters its target across the layers, and the
    // corridor it runs along, if any: found in wire order, each corridor reserving its line.
    let mut plan: Vec<Option<Plan>> = Vec::with_capacity(wires.len());
    for (i, w) in wires.iter().enumerate() {
        if w.side {
            plan.push(None);
            continue;
        }
        let (sv, svs) = placed.v[w.from];
        let (tv, _) = placed.v[w.to];
        let (ls, lt) = (placed.layer[w.from], placed.layer[w.to]);
        let exit_v = sv + svs / 2.0;
        let enter_v = tv + port[i];
        let mut along = None;
        if needs_corridor(placed.layer, w) {
            let (lo, hi) = if lt > ls { (ls + 1, lt - 1) } else { (lt, ls) };
            let own = (placed.block_of[w.from] == placed.block_of[w.to])
                .then_some(placed.block_of[w.from]);
            let (ends_in_a, ends_in_b) = (&placed.frames_of[w.from], &placed.frames_of[w.to]);
            let foreign: Vec<(f32, f32)> = placed
                .frames
                .iter()
                .enumerate()
                .filter(|&(f, &(first, last, _, _))| {
                    first <= hi && last >= lo && !ends_in_a.contains(&f) && !ends_in_b.contains(&f)
                })
                .map(|(_, &(_, _, v0, v1))| (v0, v1))
                .collect();
            // The runs along the exit and entry channels cross the foreign frames open across
            // them: of the free corridors, the one whose runs cross the fewest wins.
            // Exit runs pass outside the frames opening in their channel, entry runs inside.
            let open_across = |channel: usize, opened: bool, from: f32, to: f32| {
                placed
                    .frames
                    .iter()
                    .enumerate()
                    .filter(|&(f, &(first, last, v0, v1))| {
                        (first < channel || (opened && first == channel))
                            && last >= channel
                            && !ends_in_a.contains(&f)
                            && !ends_in_b.contains(&f)
                            && v0 < from.max(to)
                            && v1 > from.min(to)
                    })
                    .count()
            };
            // A host spanning the channel is worse to cross than a frame.
            let (own_a, own_b) = (placed.block_of[w.from], placed.block_of[w.to]);
            let hosts_across = |channel: usize, from: f32, to: f32| {
                placed.blocks[..placed.hosts]
                    .iter()
                    .enumerate()
                    .filter(|&(b, &(first, last, v0, v1))| {
                        first < channel
                            && last >= channel
                            && b != own_a
                            && b != own_b
                            && v0 < from.max(to)
                            && v1 > from.min(to)
                    })
                    .count()
            };
            let crossings = |v: f32| {
                open_across(ls + 1, false, exit_v, v)
                    + open_across(lt, true, v, enter_v)
                    + 4 * (hosts_across(ls + 1, exit_v, v) + hosts_across(lt, v, enter_v))
            };
            let corridor = corridor(
                &mut by_layer,
                &members,
                own,
                (lo, hi),
                (&foreign, &crossings),
                (exit_v + enter_v) / 2.0,
            );
            along = Some(corridor);
        }
        plan.push(Some(Plan {
            exit_v,
            enter_v,
            corridor: along,
        }));
    }
    let (exit_slot, entry_slot) = slots(wires, placed.layer.len(), tracks, &plan);
    let track_u = |channel: usize, key: TrackKey| -> f32 {
        match key {
            TrackKey::Exit(c) => {
                placed.channel_u[channel] + CHANNEL_PAD + exit_slot[c] as f32 * TRACK
            }
            TrackKey::Entry(i) => placed.entry_u[channel] + entry_slot[i] as f32 * TRACK,
        }
    };
    let mut routes = Vec::with_capacity(wires.len());
    for (i, (w, plan)) in wires.iter().zip(&plan).enumerate() {
        let Some(&Plan {
            exit_v,
            enter_v,
            corridor,
        }) = plan.as_ref()
        else {
            routes.push(side(w, placed));
            continue;
        };
        let (su, ssize) = placed.u[w.from];
        let (tu, _) = placed.u[w.to];
        let (ls, lt) = (placed.layer[w.from], placed.layer[w.to]);
        let a = track_u(ls + 1, TrackKey::Exit(w.from));
        let mut points = vec![(su + ssize, exit_v), (a, exit_v)];
        match corridor {
            Some(corridor) => {
                let b = track_u(lt, TrackKey::Entry(i));
                points.extend([(a, corridor), (b, corridor), (b, enter_v)]);
            }
            None => points.push((a, enter_v)),
        }
        points.push((tu, enter_v));
        let label = (w.label.0 > 0.0).then(|| {
            let right = placed.layer_u[lt].0 - LABEL_GAP;
            (
                right - w.label.0,
                enter_v - w.label.1 - 1.0 - ARROW_CLEAR,
                w.label.0,
                w.label.1,
            )
        });
        routes.push(Route {
            points: simplify(points),
            label,
        });
    }
    routes
}

/// A side wire: straight across the gap between its source and the box of its target, which
/// follows it in the same layer; the label in the gap (the target's lead).
fn side(w: &Wire, placed: &Placed<'_>) -> Route {
    let start = placed.layer_u[placed.layer[w.from]].0;
    let at = side_u(placed.u[w.from].1, placed.u[w.to].1);
    let (sv, ssize) = placed.v[w.from];
    let (tv, tsize) = placed.v[w.to];
    let lead = placed.lead[w.to].min(tsize);
    // The gap between the boxes, on whichever side the target is.
    let (a, b) = if sv <= tv {
        (sv + ssize, tv + lead)
    } else {
        (sv, tv + tsize)
    };
    let label = (w.label.0 > 0.0).then(|| {
        let middle = (a + b) / 2.0;
        (
            start + side_label_u(at, w.label.0),
            middle - w.label.1 / 2.0,
            w.label.0,
            w.label.1,
        )
    });
    Route {
        points: vec![(start + at, a), (start + at, b)],
        label,
    }
}

/// Drops repeated points and middle points of straight runs.
pub(super) fn simplify(points: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    let mut out: Vec<(f32, f32)> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let straight = (a.0 == b.0 && b.0 == p.0) || (a.1 == b.1 && b.1 == p.1);
            if straight {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_runs_collapse() {
        let p = simplify(vec![
            (0.0, 0.0),
            (5.0, 0.0),
            (10.0, 0.0),
            (10.0, 0.0),
            (10.0, 5.0),
        ]);
        assert_eq!(p, vec![(0.0, 0.0), (10.0, 0.0), (10.0, 5.0)]);
    }
}
