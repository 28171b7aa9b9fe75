//! Long links: a link that skips layers gets a virtual node in every layer it passes, placed
//! with the blocks, so ordering the blocks counts where it runs; it is routed piece by piece
//! through those nodes (docs/decisions/0010, "Ordering with long links").
//!
//! A virtual node is a thin box across its whole layer: the link enters it on the near side
//! and leaves on the far side at the same point, so the pieces join into one straight run
//! across the layer. Between two hosts it is a block of its own; between two members of one
//! host it is a member of that host, so the link stays inside.

use super::route::{Route, Wire, simplify};

/// Room a virtual node takes across the layers.
pub(super) const THICKNESS: f32 = 8.0;

/// The wires to route once long links are cut at their virtual nodes.
pub(super) struct Split {
    /// Each wire whole, or its pieces between adjacent layers in order.
    pub wires: Vec<Wire>,
    /// The wire each piece is part of.
    pub parent: Vec<usize>,
    /// Per virtual node (node `n + k`): its layer and the wire it carries.
    pub virtuals: Vec<(usize, usize)>,
    /// The wires that go back, routed from their target to their source.
    pub reversed: Vec<bool>,
    /// Strips: the first and last virtual node of a link between blocks, one block across
    /// the layers it passes (the same node when it passes one layer).
    pub strips: Vec<(usize, usize)>,
}

/// How a long wire is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cut {
    /// Left whole: it runs along a corridor.
    Keep,
    /// A virtual node in each layer it passes, members of the host both ends are on.
    Host,
    /// A strip across the layers it passes, a block of its own: the link runs straight along
    /// it, entering in its first layer and leaving from its last.
    Strip,
}

/// Cuts every wire that skips layers, as `cut` says, into pieces between adjacent layers
/// through new nodes, numbered from `n`. A
/// wire that goes back is routed forward from its target to its source, as Graphviz does:
/// it leaves its source on the near side and enters its target on the far side.
pub(super) fn split(
    wires: &[Wire],
    layer: &[usize],
    n: usize,
    cut: impl Fn(usize, &Wire) -> Cut,
) -> Split {
    let mut out = Split {
        wires: Vec::with_capacity(wires.len()),
        parent: Vec::with_capacity(wires.len()),
        virtuals: Vec::new(),
        reversed: vec![false; wires.len()],
        strips: Vec::new(),
    };
    for (i, w) in wires.iter().enumerate() {
        let (ls, lt) = (layer[w.from], layer[w.to]);
        let how = if w.side || lt == ls + 1 || lt == ls {
            Cut::Keep
        } else {
            cut(i, w)
        };
        if how == Cut::Keep {
            out.wires.push(w.clone());
            out.parent.push(i);
            continue;
        }
        out.reversed[i] = lt < ls;
        let w = forward(w, out.reversed[i]);
        let (ls, lt) = (layer[w.from], layer[w.to]);
        let mut from = w.from;
        let layers: Vec<usize> = match how {
            Cut::Strip if lt - 1 > ls + 1 => vec![ls + 1, lt - 1],
            _ => (ls + 1..lt).collect(),
        };
        if how == Cut::Strip && !layers.is_empty() {
            let first = n + out.virtuals.len();
            out.strips.push((first, first + layers.len() - 1));
        }
        for (k, l) in layers.into_iter().enumerate() {
            let node = n + out.virtuals.len();
            out.virtuals.push((l, i));
            // Along a strip the link runs straight from its first node to its last.
            if !(how == Cut::Strip && k > 0) {
                out.wires.push(Wire::new(from, node, (0.0, 0.0)));
                out.parent.push(i);
            }
            from = node;
        }
        out.wires.push(Wire { from, ..w });
        out.parent.push(i);
    }
    out
}

impl Split {
    /// The wires cut into pieces one of which would turn in a channel through a host that
    /// spans it and holds neither end of the wire: such a wire goes back to its corridor.
    /// `hosts` are the blocks, as (first layer, last layer, v start, v end) for a host's and
    /// `None` for others; `v` each
    /// node's extent across the layers.
    pub(super) fn through_hosts(
        &self,
        wires: &[Wire],
        layer: &[usize],
        v: &[(f32, f32)],
        hosts: &[Option<(usize, usize, f32, f32)>],
        block_of: &[usize],
    ) -> Vec<bool> {
        let channels = layer.iter().copied().max().map_or(1, |m| m + 2);
        // The hosts spanning each channel, top to bottom (they never overlap there).
        let mut across: Vec<Vec<(f32, f32, usize)>> = vec![Vec::new(); channels];
        for (b, host) in hosts.iter().enumerate() {
            let Some(&(first, last, v0, v1)) = host.as_ref() else {
                continue;
            };
            for list in &mut across[first + 1..=last] {
                list.push((v0, v1, b));
            }
        }
        for list in &mut across {
            list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
        }
        let mut through = vec![false; wires.len()];
        for (piece, &p) in self.wires.iter().zip(&self.parent) {
            let whole = &wires[p];
            if through[p] || (piece.from == whole.from && piece.to == whole.to) {
                continue;
            }
            let own = [block_of[whole.from], block_of[whole.to]];
            let (a, b) = (v[piece.from], v[piece.to]);
            let (lo, hi) = (a.0.min(b.0), (a.0 + a.1).max(b.0 + b.1));
            let list = &across[layer[piece.from] + 1];
            let start = list.partition_point(|h| h.1 <= lo + 1.0);
            through[p] = list[start..]
                .iter()
                .take_while(|h| h.0 < hi - 1.0)
                .any(|h| !own.contains(&h.2));
        }
        through
    }

    /// Puts the wires marked in `keep` back whole, in place of their pieces. A wire that goes
    /// back stays turned round: its target already has room for its label.
    pub(super) fn restore(&mut self, wires: &[Wire], keep: &[bool]) {
        let mut pieces = Vec::with_capacity(self.wires.len());
        let mut parent = Vec::with_capacity(self.parent.len());
        for (piece, &p) in self.wires.drain(..).zip(&self.parent) {
            if !keep[p] {
                pieces.push(piece);
                parent.push(p);
            } else if parent.last() != Some(&p) {
                let w = &wires[p];
                pieces.push(forward(w, self.reversed[p]));
                parent.push(p);
            }
        }
        self.wires = pieces;
        self.parent = parent;
    }

    /// Joins the pieces' routes back into one route per wire (`count` wires); the label is
    /// the last piece's.
    pub(super) fn join(&self, routes: Vec<Route>, count: usize) -> Vec<Route> {
        let mut joined: Vec<Option<Route>> = vec![None; count];
        for (route, &p) in routes.into_iter().zip(&self.parent) {
            match &mut joined[p] {
                Some(whole) => {
                    whole.points.extend(route.points);
                    whole.label = route.label;
                }
                slot => *slot = Some(route),
            }
        }
        joined
            .into_iter()
            .zip(&self.reversed)
            .map(|(r, &reversed)| {
                let mut r = r.unwrap_or(Route {
                    points: Vec::new(),
                    label: None,
                });
                if reversed {
                    r.points.reverse();
                }
                Route {
                    points: simplify(r.points),
                    label: r.label,
                }
            })
            .collect()
    }
}

/// `w` as it is routed: from target to source when it goes back.
fn forward(w: &Wire, reversed: bool) -> Wire {
    if reversed {
        Wire {
            from: w.to,
            to: w.from,
            ..w.clone()
        }
    } else {
        w.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wire(from: usize, to: usize) -> Wire {
        Wire::new(from, to, (10.0, 5.0))
    }

    #[test]
    fn a_link_over_two_layers_gets_two_virtual_nodes() {
        let layer = [0, 3, 1];
        let s = split(&[wire(0, 1), wire(0, 2)], &layer, 3, |_, _| Cut::Host);
        assert_eq!(s.virtuals, vec![(1, 0), (2, 0)]);
        let ends: Vec<(usize, usize)> = s.wires.iter().map(|w| (w.from, w.to)).collect();
        assert_eq!(ends, vec![(0, 3), (3, 4), (4, 1), (0, 2)]);
        assert_eq!(s.parent, vec![0, 0, 0, 1]);
        // Only the last piece carries the label.
        assert_eq!(s.wires[0].label, (0.0, 0.0));
        assert_eq!(s.wires[2].label, (10.0, 5.0));
    }

    #[test]
    fn a_strip_has_two_nodes_and_no_piece_between() {
        let s = split(&[wire(0, 1)], &[0, 4], 2, |_, _| Cut::Strip);
        assert_eq!(s.virtuals, vec![(1, 0), (3, 0)]);
        assert_eq!(s.strips, vec![(2, 3)]);
        let ends: Vec<(usize, usize)> = s.wires.iter().map(|w| (w.from, w.to)).collect();
        assert_eq!(ends, vec![(0, 2), (3, 1)]);
    }

    #[test]
    fn a_link_back_is_routed_from_its_target() {
        let layer = [2, 0, 1];
        let s = split(&[wire(0, 1), wire(2, 1)], &layer, 3, |_, _| Cut::Host);
        assert_eq!(s.virtuals, vec![(1, 0)]);
        let ends: Vec<(usize, usize)> = s.wires.iter().map(|w| (w.from, w.to)).collect();
        assert_eq!(ends, vec![(1, 3), (3, 0), (1, 2)]);
        assert_eq!(s.reversed, vec![true, true]);
    }

    #[test]
    fn pieces_join_into_one_route() {
        let s = split(&[wire(0, 1)], &[0, 2], 2, |_, _| Cut::Host);
        let piece = |points: Vec<(f32, f32)>, label| Route { points, label };
        let joined = s.join(
            vec![
                piece(
                    vec![(0.0, 0.0), (5.0, 0.0), (5.0, 10.0), (10.0, 10.0)],
                    None,
                ),
                piece(
                    vec![(20.0, 10.0), (25.0, 10.0)],
                    Some((21.0, 2.0, 3.0, 3.0)),
                ),
            ],
            1,
        );
        assert_eq!(
            joined[0].points,
            vec![(0.0, 0.0), (5.0, 0.0), (5.0, 10.0), (25.0, 10.0)]
        );
        assert_eq!(joined[0].label, Some((21.0, 2.0, 3.0, 3.0)));
    }
}
