//! Swaps neighbouring blocks when that leaves fewer links crossing, as Graphviz dot's
//! `transpose` step does within a rank: the blocks were ordered by where their neighbours
//! pull them, which can leave two blocks of a layer the wrong way round; here the crossings
//! between each pair of neighbouring layers are counted, and each swap of two blocks that
//! stand next to each other in a layer is kept when it removes some without turning a link
//! through a host.

use super::place::{Block, Packing, repack};
use super::untangle::crossed;

/// How many swaps are tried at most.
const TRIES: usize = 160;

/// Each swap tried costs one packing of every block and one count of the links: the tries
/// stop at this many blocks and links handled in all, so the pass stays linear in the
/// design's size (a design of 40 blocks and 60 links gets every try, one of 5,000 blocks 20).
const WORK: usize = 100_000;

/// Tries swapping each pair of blocks that stand next to each other in a layer, in the
/// packing `order`, and keeps each swap that leaves fewer crossings between neighbouring
/// layers (the links along strips among them) and no more links turning through hosts.
/// `layer_of` is each component's layer.
/// Returns the order last packed.
pub(super) fn transpose(
    blocks: &mut [Block],
    mut order: Vec<usize>,
    p: &Packing<'_>,
    layer_of: &[usize],
    centers_of: impl Fn(&[Block], &mut [f32]),
) -> Vec<usize> {
    let mut centers = vec![0.0f32; p.components];
    centers_of(blocks, &mut centers);
    let through = |blocks: &[Block], centers: &[f32]| crossed(blocks, p, layer_of, centers).len();
    let count =
        |blocks: &[Block], centers: &[f32]| crossings_of(p.edges, layer_of, blocks, centers);
    let mut best = count(blocks, &centers);
    // Counted only once a swap crosses less, as it looks at every host a link passes; and
    // only up to `untangle::MOST_CROSSED`, past which a swap is judged by its crossings alone.
    let mut best_through = None;
    let most = TRIES.min(WORK / (blocks.len() + p.edges.len()).max(1));
    let mut tries = 0;
    'improve: while best > 0 && tries < most {
        for (x, y) in neighbours(blocks, p.layers) {
            if tries >= most {
                break 'improve;
            }
            let (Some(i), Some(j)) = (
                order.iter().position(|&b| b == x),
                order.iter().position(|&b| b == y),
            ) else {
                continue;
            };
            tries += 1;
            let mut candidate = order.clone();
            candidate.swap(i, j);
            let (trial, trial_centers) = repack(blocks, &candidate, p, &centers_of);
            let now = count(&trial, &trial_centers);
            if now >= best {
                continue;
            }
            let was = *best_through.get_or_insert_with(|| through(blocks, &centers));
            let now_through = through(&trial, &trial_centers);
            if now_through <= was {
                blocks.clone_from_slice(&trial);
                centers = trial_centers;
                order = candidate;
                best = now;
                best_through = Some(now_through);
                continue 'improve;
            }
        }
        break;
    }
    order
}

/// The layer of each component, from the blocks' members (`usize::MAX` for none).
pub(super) fn layers_of(blocks: &[Block], components: usize) -> Vec<usize> {
    let mut layer_of = vec![usize::MAX; components];
    for b in blocks {
        for (k, column) in b.members.iter().enumerate() {
            for &c in column {
                if let Some(l) = layer_of.get_mut(c) {
                    *l = b.first + k;
                }
            }
        }
    }
    layer_of
}

/// Pairs of blocks that stand next to each other in some layer, the upper one first, each
/// pair once, in layer order.
fn neighbours(blocks: &[Block], layers: usize) -> Vec<(usize, usize)> {
    let mut by_layer: Vec<Vec<usize>> = vec![Vec::new(); layers];
    for (i, b) in blocks.iter().enumerate() {
        for l in b.layers() {
            if let Some(list) = by_layer.get_mut(l) {
                list.push(i);
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut pairs = Vec::new();
    for list in &mut by_layer {
        list.sort_by(|&x, &y| blocks[x].v.total_cmp(&blocks[y].v).then(x.cmp(&y)));
        for w in list.windows(2) {
            if seen.insert((w[0], w[1])) {
                pairs.push((w[0], w[1]));
            }
        }
    }
    pairs
}

/// [`crossings_with`] no runs besides the links.
#[cfg(test)]
fn crossings(edges: &[(usize, usize)], layer_of: &[usize], centers: &[f32]) -> usize {
    crossings_with(edges, layer_of, centers, std::iter::empty())
}

/// The crossings between neighbouring layers of `edges` and of the long links along the
/// strips among `blocks`, the components at `centers`.
pub(super) fn crossings_of(
    edges: &[(usize, usize)],
    layer_of: &[usize],
    blocks: &[Block],
    centers: &[f32],
) -> usize {
    crossings_with(edges, layer_of, centers, strip_runs(blocks, centers))
}

/// The runs of the long links along strips (passive blocks across more than one layer): a
/// straight run at the strip's centre between each pair of neighbouring layers it spans, which
/// the links between those layers cross when their ends are on opposite sides of it.
pub(super) fn strip_runs<'a>(
    blocks: &'a [Block],
    centers: &'a [f32],
) -> impl Iterator<Item = (usize, f32, f32)> + 'a {
    blocks
        .iter()
        .filter(|b| b.passive && b.last > b.first)
        .filter_map(|b| {
            let c = *centers.get(*b.members.first()?.first()?)?;
            Some((b.first..b.last).map(move |l| (l, c, c)))
        })
        .flatten()
}

/// Crossings between links joining neighbouring layers, as straight lines between the
/// centres of their ends, and `runs` (nearer layer, near centre, far centre) besides: two
/// cross when their ends are in opposite orders in the two layers. Links that share an end
/// never cross.
pub(super) fn crossings_with(
    edges: &[(usize, usize)],
    layer_of: &[usize],
    centers: &[f32],
    runs: impl Iterator<Item = (usize, f32, f32)>,
) -> usize {
    // Per pair of layers (by the nearer one): the links as (near end, far end) centres.
    let mut spans: Vec<(usize, f32, f32)> = edges
        .iter()
        .filter_map(|&(a, b)| {
            let (la, lb) = (*layer_of.get(a)?, *layer_of.get(b)?);
            if la == usize::MAX || lb == usize::MAX || la.abs_diff(lb) != 1 {
                return None;
            }
            let (near, far) = if la < lb { (a, b) } else { (b, a) };
            Some((la.min(lb), centers[near], centers[far]))
        })
        .chain(runs)
        .collect();
    spans.sort_by(|x, y| {
        x.0.cmp(&y.0)
            .then(x.1.total_cmp(&y.1))
            .then(x.2.total_cmp(&y.2))
    });
    // Per pair of layers, walking the near ends in order: each link crosses the links
    // before it whose near end is strictly before its own and whose far end is strictly
    // after. The far ends seen so far are counted in a Fenwick tree over their ranks.
    let mut total = 0;
    for group in spans.chunk_by(|x, y| x.0 == y.0) {
        let mut fars: Vec<f32> = group.iter().map(|s| s.2).collect();
        fars.sort_by(f32::total_cmp);
        fars.dedup();
        let rank = |f: f32| fars.partition_point(|&x| x < f);
        let mut seen = Fenwick::new(fars.len());
        for same_near in group.chunk_by(|x, y| x.1 == y.1) {
            for &(_, _, far) in same_near {
                // Seen far ends after this one: all seen minus those at or before it.
                total += seen.total() - seen.up_to(rank(far));
            }
            for &(_, _, far) in same_near {
                seen.add(rank(far));
            }
        }
    }
    total
}

/// Counts of ranks `0..n`, with sums of the counts up to a rank in `O(log n)`.
struct Fenwick {
    tree: Vec<usize>,
    total: usize,
}

impl Fenwick {
    fn new(n: usize) -> Fenwick {
        Fenwick {
            tree: vec![0; n + 1],
            total: 0,
        }
    }

    fn add(&mut self, rank: usize) {
        self.total += 1;
        let mut i = rank + 1;
        while i < self.tree.len() {
            self.tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }

    /// How many added ranks are at most `rank`.
    fn up_to(&self, rank: usize) -> usize {
        let mut sum = 0;
        let mut i = (rank + 1).min(self.tree.len() - 1);
        while i > 0 {
            sum += self.tree[i];
            i -= i & i.wrapping_neg();
        }
        sum
    }

    fn total(&self) -> usize {
        self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_cross_when_their_ends_are_in_opposite_orders() {
        // Layer 0: components 0 (at 0) and 1 (at 10); layer 1: 2 (at 0) and 3 (at 10).
        let layer_of = [0, 0, 1, 1];
        let centers = [0.0, 10.0, 0.0, 10.0];
        assert_eq!(crossings(&[(0, 2), (1, 3)], &layer_of, &centers), 0);
        assert_eq!(crossings(&[(0, 3), (1, 2)], &layer_of, &centers), 1);
        // Links sharing an end, and links across more than one layer, do not count.
        assert_eq!(crossings(&[(0, 3), (0, 2)], &layer_of, &centers), 0);
        assert_eq!(crossings(&[(3, 0), (1, 2)], &layer_of, &centers), 1);
    }

    #[test]
    fn the_count_matches_every_pair_compared() {
        // Layer 0: components 0..6, layer 1: 6..12, every link from one to the other, with
        // ties at both ends.
        let layer_of: Vec<usize> = (0..12).map(|c| c / 6).collect();
        let centers: Vec<f32> = (0..12).map(|c| ((c * 7) % 4) as f32).collect();
        let edges: Vec<(usize, usize)> = (0..6)
            .flat_map(|a| (6..12).map(move |b| (a, b)))
            .filter(|&(a, b)| (a + b) % 3 != 0)
            .collect();
        let mut pairs = 0;
        for (i, &(a, b)) in edges.iter().enumerate() {
            for &(c, d) in &edges[i + 1..] {
                let (x, y) = (centers[a] - centers[c], centers[b] - centers[d]);
                pairs += usize::from(x * y < 0.0);
            }
        }
        assert!(pairs > 0);
        assert_eq!(crossings(&edges, &layer_of, &centers), pairs);
    }

    #[test]
    fn a_link_between_layers_a_strip_passes_crosses_it() {
        // A strip across layers 0..=2 at 5 (its nodes 0 and 1); links from layer 0 to 1.
        let strip = Block {
            first: 0,
            last: 2,
            members: vec![vec![0], Vec::new(), vec![1]],
            head: 0.0,
            pad: 0.0,
            v_size: 8.0,
            v: 1.0,
            passive: true,
        };
        let layer_of = [0, 2, 0, 1, 0, 1];
        let centers = [5.0, 5.0, 0.0, 10.0, 0.0, 2.0];
        let runs = || strip_runs(std::slice::from_ref(&strip), &centers);
        assert_eq!(crossings_with(&[(2, 3)], &layer_of, &centers, runs()), 1);
        assert_eq!(crossings_with(&[(4, 5)], &layer_of, &centers, runs()), 0);
    }
}
