//! The blocks that are placed across the layers: each host with its members (and the virtual
//! nodes of long links between them), each node on no host, each long link's strip; put in
//! the order the links discover them.

use crate::model::Design;

use super::build::{HOST_PAD, MEMBER_GAP};
use super::long::Split;
use super::place::Block;
use super::route::Wire;

/// What the blocks are made of.
pub(super) struct Input<'a> {
    pub design: &'a Design,
    /// The links as drawn, before long ones are cut.
    pub wires: &'a [Wire],
    pub long: &'a Split,
    pub layer: &'a [usize],
    /// Each node's place in the order the links discover them.
    pub order: &'a [usize],
    /// Each node's size across the layers.
    pub v_size: &'a [f32],
    /// Nodes that are components, virtual IPs or the DNS box; the virtual nodes follow.
    pub n: usize,
    /// A client and the DNS box drawn beside it, which share one block.
    pub beside: Option<(usize, usize)>,
    /// Each host's least size across the layers (its title's, when the title runs across).
    pub host_min_v: &'a [f32],
    /// Room for a host's title before its members across the layers.
    pub head_v: f32,
}

/// The blocks in their first order, the host each draws, and each node's block.
pub(super) struct Blocks {
    pub blocks: Vec<Block>,
    pub host: Vec<Option<usize>>,
    pub of: Vec<usize>,
}

/// Hosts first (by id), then nodes on no host, then strips; then sorted by each block's
/// earliest discovered member.
pub(super) fn blocks(input: &Input<'_>) -> Blocks {
    let Input {
        design,
        wires,
        long,
        layer,
        order,
        v_size,
        n,
        beside,
        host_min_v,
        head_v,
    } = *input;
    let nv = n + long.virtuals.len();
    let host_of = |c: usize| design.components.get(c).and_then(|c| c.host);
    let mut blocks: Vec<Block> = Vec::new();
    let mut block_host: Vec<Option<usize>> = Vec::new();
    let mut block_of = vec![0usize; nv];
    // The virtual nodes inside each host.
    let mut inside: Vec<Vec<usize>> = vec![Vec::new(); design.hosts.len()];
    for c in n..nv {
        let w = &wires[long.virtuals[c - n].1];
        if let Some(h) = host_of(w.from).filter(|&h| host_of(w.to) == Some(h)) {
            inside[h.0 as usize].push(c);
        }
    }
    for h in design.host_ids() {
        let members: Vec<usize> = design
            .components_on(h)
            .iter()
            .map(|c| c.0 as usize)
            .collect();
        if members.is_empty() {
            continue;
        }
        let first = members.iter().map(|&c| layer[c]).min().unwrap_or(0);
        let last = members.iter().map(|&c| layer[c]).max().unwrap_or(0);
        let mut per_layer = vec![Vec::new(); last - first + 1];
        let mut sorted = members.clone();
        sorted.sort_by_key(|&c| order[c]);
        // With the virtual nodes of the long links between its own members.
        sorted.extend(&inside[h.0 as usize]);
        sorted.sort_by_key(|&c| (order[c], c));
        for c in sorted {
            per_layer[layer[c] - first].push(c);
            block_of[c] = blocks.len();
        }
        let mut block = Block {
            first,
            last,
            members: per_layer,
            head: head_v,
            pad: HOST_PAD,
            v_size: 0.0,
            v: 0.0,
            passive: false,
        };
        block.size(v_size, MEMBER_GAP, host_min_v[h.0 as usize]);
        blocks.push(block);
        block_host.push(Some(h.0 as usize));
    }
    // Components on no host, virtual IPs and the DNS box stand alone; the DNS box beside its
    // client shares the client's block, right after it.
    let mut free: Vec<usize> = (0..n)
        .filter(|&c| design.components.get(c).is_none_or(|c| c.host.is_none()))
        .filter(|&c| beside.is_none_or(|(_, dns)| c != dns))
        .collect();
    free.sort_by_key(|&c| (order[c], c));
    for c in free {
        let mut members = vec![c];
        if let Some((_, dns)) = beside.filter(|&(client, _)| client == c) {
            members.push(dns);
            block_of[dns] = blocks.len();
        }
        block_of[c] = blocks.len();
        let mut block = Block {
            first: layer[c],
            last: layer[c],
            members: vec![members],
            head: 0.0,
            pad: 0.0,
            v_size: 0.0,
            v: 0.0,
            passive: false,
        };
        block.size(v_size, MEMBER_GAP, 0.0);
        blocks.push(block);
        block_host.push(None);
    }
    // Each long link between blocks runs along a strip of its own across the layers it
    // passes, its first and last virtual nodes in the strip's first and last layers.
    for &(a, b) in &long.strips {
        let (first, last) = (layer[a], layer[b]);
        let mut members = vec![Vec::new(); last - first + 1];
        members[0].push(a);
        if b != a {
            members[last - first].push(b);
        }
        block_of[a] = blocks.len();
        block_of[b] = blocks.len();
        let mut block = Block {
            first,
            last,
            members,
            head: 0.0,
            pad: 0.0,
            v_size: 0.0,
            v: 0.0,
            passive: true,
        };
        block.size(v_size, MEMBER_GAP, 0.0);
        blocks.push(block);
        block_host.push(None);
    }
    // Initial order: by the earliest discovered member.
    let mut initial: Vec<usize> = (0..blocks.len()).collect();
    let block_key = |b: &Block| {
        b.members
            .iter()
            .flatten()
            .map(|&c| order[c])
            .min()
            .unwrap_or(usize::MAX)
    };
    initial.sort_by_key(|&i| (block_key(&blocks[i]), i));
    let mut new_index = vec![0; initial.len()];
    for (new, &old) in initial.iter().enumerate() {
        new_index[old] = new;
    }
    Blocks {
        blocks: initial.iter().map(|&i| blocks[i].clone()).collect(),
        host: initial.iter().map(|&i| block_host[i]).collect(),
        of: block_of.iter().map(|&b| new_index[b]).collect(),
    }
}
