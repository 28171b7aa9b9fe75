//! Moves placed blocks past a host when that keeps a link's turn out of it: a link between
//! two neighbouring layers turns in the channel between them, and a block spanning both
//! layers that lies between its ends across the layers is crossed by that turn.

use super::place::{Block, Packing, repack};

/// How many reorderings are tried at most: each costs one packing of every block, so the
/// pass stays linear in the blocks.
const TRIES: usize = 48;

/// Tries moving each block a link's turn would cross, or the link's own end blocks, to the
/// other side in the packing order, and keeps each move that leaves fewer turns through
/// blocks. `order` is the order the blocks were last packed in.
pub(super) fn untangle(
    blocks: &mut [Block],
    mut order: Vec<usize>,
    p: &Packing<'_>,
    layer_of: &[usize],
    centers_of: impl Fn(&[Block], &mut [f32]),
) {
    let mut centers = vec![0.0f32; p.components];
    centers_of(blocks, &mut centers);
    let mut through = crossed(blocks, p, layer_of, &centers);
    if through.len() >= MOST_CROSSED {
        return;
    }
    let mut tries = 0;
    'improve: while !through.is_empty() && tries < TRIES {
        let mut seen = std::collections::BTreeSet::new();
        let mut pairs = through.clone();
        pairs.retain(|&pair| seen.insert(pair));
        for (x, h) in pairs {
            for (moved, at, after) in [(x, h, false), (x, h, true), (h, x, false), (h, x, true)] {
                if tries >= TRIES {
                    break 'improve;
                }
                tries += 1;
                let mut candidate = order.clone();
                candidate.retain(|&b| b != moved);
                let Some(i) = candidate.iter().position(|&b| b == at) else {
                    continue;
                };
                candidate.insert(i + usize::from(after), moved);
                if candidate == order {
                    continue;
                }
                let (trial, trial_centers) = repack(blocks, &candidate, p, &centers_of);
                let now = crossed(&trial, p, layer_of, &trial_centers);
                if now.len() < through.len() {
                    blocks.clone_from_slice(&trial);
                    order = candidate;
                    through = now;
                    continue 'improve;
                }
            }
        }
        break;
    }
}

/// The most (end block, crossed block) pairs [`crossed`] lists. A design with that many links
/// turning through hosts (a pool of hundreds of hosts drawn unfolded, each linked to one box
/// across from them all) is past what moving one block at a time can mend, and listing them
/// all would cost its links times its hosts: the passes leave such a design as it is.
pub(super) const MOST_CROSSED: usize = 4096;

/// The (end block, crossed block) pairs, at most [`MOST_CROSSED`]: for each link between
/// neighbouring layers, each block that spans both layers, holds neither end and lies across
/// the layers between the ends' centres; paired with each end's block. Blocks sharing a layer
/// never overlap, so the blocks spanning each pair of layers are looked up by their place.
pub(super) fn crossed(
    blocks: &[Block],
    p: &Packing<'_>,
    layer_of: &[usize],
    centers: &[f32],
) -> Vec<(usize, usize)> {
    // Per channel inside blocks (between layers l and l + 1), the blocks spanning it by v.
    let mut spanning: Vec<Vec<usize>> = vec![Vec::new(); p.layers];
    for (h, b) in blocks.iter().enumerate().filter(|(_, b)| !b.passive) {
        for l in b.first..b.last {
            if let Some(list) = spanning.get_mut(l) {
                list.push(h);
            }
        }
    }
    if spanning.iter().all(Vec::is_empty) {
        return Vec::new();
    }
    for list in &mut spanning {
        list.sort_by(|&x, &y| blocks[x].v.total_cmp(&blocks[y].v).then(x.cmp(&y)));
    }
    let mut found = Vec::new();
    for &(a, b) in p.edges {
        let (ba, bb) = (p.block_of[a], p.block_of[b]);
        let (la, lb) = (layer_of[a], layer_of[b]);
        if ba == bb || la == usize::MAX || lb == usize::MAX || la.abs_diff(lb) != 1 {
            continue;
        }
        let (lo, hi) = (centers[a].min(centers[b]), centers[a].max(centers[b]));
        let list = &spanning[la.min(lb)];
        let start = list.partition_point(|&h| blocks[h].v + blocks[h].v_size <= lo);
        for &h in list[start..].iter().take_while(|&&h| blocks[h].v < hi) {
            if h != ba && h != bb {
                found.push((ba, h));
                found.push((bb, h));
                if found.len() >= MOST_CROSSED {
                    return found;
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::place::pack;

    fn block(first: usize, members: Vec<Vec<usize>>) -> Block {
        let mut b = Block {
            first,
            last: first + members.len() - 1,
            members,
            head: 0.0,
            pad: 0.0,
            v_size: 0.0,
            v: 0.0,
            passive: false,
        };
        b.size(&[40.0; 4], 10.0, 0.0);
        b
    }

    #[test]
    fn a_lone_box_below_a_host_moves_above_it_to_its_neighbour() {
        // Block 0: component 2 in layer 1. Block 1: a host over layers 0-2 (components 0, 1).
        // Block 2: component 3 in layer 0, linked to component 2: packed below the host, its
        // link's turn between layers 0 and 1 would cross the host.
        let mut blocks = vec![
            block(1, vec![vec![2]]),
            block(0, vec![vec![0], vec![], vec![1]]),
            block(0, vec![vec![3]]),
        ];
        let order = vec![0, 1, 2];
        pack(&mut blocks, &order, 3, 28.0);
        let edges = [(3, 2), (0, 1)];
        let block_of = [1, 1, 0, 2];
        let p = Packing {
            layers: 3,
            edges: &edges,
            block_of: &block_of,
            components: 4,
            gap: 28.0,
        };
        let centers_of = |blocks: &[Block], centers: &mut [f32]| {
            let mut starts = vec![0.0; 4];
            for b in blocks {
                b.member_positions(&[40.0; 4], 10.0, &mut starts);
            }
            for (c, s) in centers.iter_mut().zip(starts) {
                *c = s + 20.0;
            }
        };
        let layer_of = [0, 2, 1, 0];
        let mut centers = vec![0.0; 4];
        centers_of(&blocks, &mut centers);
        assert_eq!(crossed(&blocks, &p, &layer_of, &centers).len(), 2);
        untangle(&mut blocks, order, &p, &layer_of, centers_of);
        centers_of(&blocks, &mut centers);
        assert!(crossed(&blocks, &p, &layer_of, &centers).is_empty());
        assert!(blocks[2].v + blocks[2].v_size <= blocks[1].v);
    }
}
