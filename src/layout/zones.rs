//! Zones as nested frames. A zone's hosts and inner zones are placed as one block, so its
//! frame holds what is in it and nothing else; frames take room in the channels for their
//! borders (and, top to bottom, their titles); a firewall's tie to a zone it protects ends at
//! the zone's frame.

mod bands;
mod ties;

pub(super) use bands::{Bands, fit_titles, frames_of, title_obstacles, title_start, zone_boxes};
pub(super) use ties::{add_ties, cut_ties, spread};

use crate::diagnostic::Severity;
use crate::model::{Design, ZoneId};
use crate::spec::ZoneKind;
use crate::spec::vocabulary::Direction;

use super::boxes::badge_row_width;
use super::build::{BLOCK_GAP, MAX_CHARS};
use super::place::{Block, Packing, place_by};
use super::text;
use super::transpose::{layers_of, transpose};

/// Room between a frame's border and what it holds, and between nested borders.
pub(super) const ZONE_PAD: f32 = 8.0;
/// The band at a frame's top that holds its title.
pub(super) const ZONE_HEAD: f32 = 24.0;
/// Between the blocks and frames side by side in a frame: less than between the blocks
/// outside, since each frame has its own padding.
const ZONE_GAP: f32 = 12.0;

type Badges = [Vec<(&'static str, Severity)>];

/// A zone placed as a block: layers `first..=last`, `v..v + v_size` across them.
#[derive(Debug, Clone)]
pub(super) struct Frame {
    pub zone: ZoneId,
    /// How many frames hold this one.
    pub depth: usize,
    pub first: usize,
    pub last: usize,
    pub v: f32,
    pub v_size: f32,
    pub title: String,
}

/// "eu-west-1 · region", "public-a · public network": the id and what the zone is.
fn title(design: &Design, z: ZoneId) -> String {
    let zone = design.zone(z);
    let what = match zone.kind {
        ZoneKind::Region => "region",
        ZoneKind::AvailabilityZone => "availability zone",
        ZoneKind::Network if design.zone_is_public(z) => "public network",
        ZoneKind::Network => "network",
    };
    let mut title = format!("{} · {what}", text::clip(&zone.id, MAX_CHARS));
    if let Some(fw) = super::hubs::folding_firewall(design, crate::model::Target::Zone(z)) {
        title.push_str(&format!(" · {}", super::hubs::behind(fw)));
    }
    title
}

/// The length of a frame's title with its badges, with the room around them.
fn title_room(title: &str, badges: &[(&'static str, Severity)]) -> f32 {
    text::width(title, text::SOFTWARE, true) + badge_row_width(badges) + 3.0 * ZONE_PAD
}

/// Gives the zones' frames layers of their own where a box outside every zone would share
/// the first or the last of them: beside a frame such a box widens the picture by its width,
/// above or below it does not. A node on the first layer that only leads into the zones keeps
/// its layer and everything else from it on moves one layer on; a node on the last layer that
/// only follows from them, or a sink that only follows from them on any of their layers,
/// moves one layer past the last (and what was after it, one more).
pub(super) fn open_layers(design: &Design, layer: &mut [usize]) {
    let n = design.components.len();
    let zoned = |c: usize| {
        design
            .components
            .get(c)
            .and_then(|c| c.host)
            .is_some_and(|h| design.host(h).zone.is_some())
    };
    let Some((a, b)) = (0..layer.len())
        .filter(|&c| zoned(c))
        .fold(None, |span, c| {
            let (lo, hi) = span.unwrap_or((layer[c], layer[c]));
            Some((lo.min(layer[c]), hi.max(layer[c])))
        })
    else {
        return;
    };
    // Links between nodes; one written to a virtual IP goes through it.
    let mut into = vec![false; layer.len()];
    let mut from = vec![false; layer.len()];
    let mut out = vec![false; layer.len()];
    for link in &design.links {
        let (x, y) = (link.from.0 as usize, link.to.0 as usize);
        let hops = match link.via {
            Some(v) => vec![(x, n + v.0 as usize), (n + v.0 as usize, y)],
            None => vec![(x, y)],
        };
        for (p, q) in hops {
            into[p] |= zoned(q);
            from[q] |= zoned(p);
            out[p] = true;
        }
    }
    let free = |c: usize| !zoned(c);
    let before: Vec<bool> = (0..layer.len())
        .map(|c| free(c) && layer[c] == a && into[c] && !from[c])
        .collect();
    let b = if before.contains(&true) {
        for (c, l) in layer.iter_mut().enumerate() {
            if *l >= a && !before[c] {
                *l += 1;
            }
        }
        b + 1
    } else {
        b
    };
    // A sink that only follows from the zones (a managed backup of a zoned database) goes
    // past them from any of their layers: beside the frames it would widen the picture.
    let after: Vec<bool> = (0..layer.len())
        .map(|c| {
            free(c)
                && from[c]
                && !into[c]
                && (layer[c] == b || (layer[c] > a && layer[c] < b && !out[c]))
        })
        .collect();
    if after.contains(&true) {
        for (c, l) in layer.iter_mut().enumerate() {
            if after[c] {
                *l = b + 1;
            } else if *l > b {
                *l += 1;
            }
        }
    }
}

/// What [`place`] needs besides the blocks.
pub(super) struct Placing<'a> {
    pub design: &'a Design,
    /// The host of each block, `None` for a component on no host.
    pub block_host: &'a [Option<usize>],
    pub layers: usize,
    /// The links, between node indices.
    pub pairs: &'a [(usize, usize)],
    pub block_of: &'a [usize],
    pub v_size: &'a [f32],
    /// The order nodes are met in from the clients.
    pub order: &'a [usize],
    pub member_gap: f32,
    pub direction: Direction,
    /// Finding codes per zone.
    pub badges: &'a Badges,
}

/// What a block is placed among: a host or lone component, or a zone.
#[derive(Debug, Clone, Copy)]
enum Item {
    Block(usize),
    Zone(usize),
}

/// Places the blocks with every zone kept whole: inside each zone, innermost first, its hosts
/// and inner zones are placed as blocks, and the zone becomes one block (its frame) for the
/// level above. Sets every block's `v` and returns the frames, outermost first; `None` when
/// no drawn host sits in a zone (the caller places the blocks as before).
pub(super) fn place(p: &Placing<'_>, blocks: &mut [Block]) -> Option<Vec<Frame>> {
    let design = p.design;
    let zone_of: Vec<Option<usize>> = p
        .block_host
        .iter()
        .map(|h| h.and_then(|h| design.hosts[h].zone).map(|z| z.0 as usize))
        .collect();
    if zone_of.iter().all(Option::is_none) {
        return None;
    }
    let nz = design.zones.len();
    let chain_of = |z: usize| -> Vec<usize> {
        design
            .zone_chain(ZoneId(z as u32))
            .map(|x| x.0 as usize)
            .collect()
    };
    // The zones drawn: those holding a drawn host.
    let mut drawn = vec![false; nz];
    let block_chain: Vec<Vec<usize>> = zone_of
        .iter()
        .map(|z| z.map(chain_of).unwrap_or_default())
        .collect();
    for z in block_chain.iter().flatten() {
        drawn[*z] = true;
    }
    let depth: Vec<usize> = (0..nz).map(|z| chain_of(z).len() - 1).collect();
    let parent = |z: usize| design.zones[z].parent.map(|q| q.0 as usize);
    let top = nz;
    let mut items: Vec<Vec<Item>> = vec![Vec::new(); nz + 1];
    for z in (0..nz).filter(|&z| drawn[z]) {
        items[parent(z).unwrap_or(top)].push(Item::Zone(z));
    }
    for (b, z) in zone_of.iter().enumerate() {
        items[z.unwrap_or(top)].push(Item::Block(b));
    }
    // Each link pulls its ends together in the innermost zone holding both (or at the top).
    let mut edges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); nz + 1];
    for &(a, b) in p.pairs {
        let (ca, cb) = (&block_chain[p.block_of[a]], &block_chain[p.block_of[b]]);
        let level = ca.iter().find(|z| cb.contains(z)).copied().unwrap_or(top);
        edges[level].push((a, b));
    }
    // Each node's offset in what holds it: its host block, then each zone up.
    let n = p.v_size.len();
    let mut rel = vec![0.0f32; n];
    for b in blocks.iter_mut() {
        let v = b.v;
        b.v = 0.0;
        b.member_positions(p.v_size, p.member_gap, &mut rel);
        b.v = v;
    }
    let mut nodes: Vec<Vec<usize>> = blocks
        .iter()
        .map(|b| b.members.iter().flatten().copied().collect())
        .collect();
    let mut zone_nodes: Vec<Vec<usize>> = vec![Vec::new(); nz];
    let mut span = vec![(0usize, 0usize); nz];
    let mut size = vec![0.0f32; nz];
    // Where each block and zone starts in what holds it.
    let mut block_at = vec![0.0f32; blocks.len()];
    let mut zone_at = vec![0.0f32; nz];
    let mut levels: Vec<usize> = (0..nz).filter(|&z| drawn[z]).collect();
    levels.sort_by_key(|&z| (std::cmp::Reverse(depth[z]), z));
    levels.push(top);
    let mut local = vec![usize::MAX; n];
    let layers = layers_of(blocks, n);
    for level in levels {
        let mut list = std::mem::take(&mut items[level]);
        let held = |it: &Item| -> &[usize] {
            match *it {
                Item::Block(b) => &nodes[b],
                Item::Zone(z) => &zone_nodes[z],
            }
        };
        // Initial order: by the earliest discovered node, as for the blocks.
        let key = |it: &Item| held(it).iter().map(|&c| p.order[c]).min();
        list.sort_by_key(|it| {
            (
                key(it).unwrap_or(usize::MAX),
                match *it {
                    Item::Block(b) => (0, b),
                    Item::Zone(z) => (1, z),
                },
            )
        });
        let mut placed: Vec<Block> = list
            .iter()
            .map(|it| match *it {
                Item::Block(b) => Block {
                    v: 0.0,
                    ..blocks[b].clone()
                },
                Item::Zone(z) => Block {
                    first: span[z].0,
                    last: span[z].1,
                    members: Vec::new(),
                    head: 0.0,
                    pad: 0.0,
                    v_size: size[z],
                    v: 0.0,
                    passive: false,
                },
            })
            .collect();
        // The nodes of this level, numbered locally: (item, offset in it, size).
        let mut inside: Vec<(usize, f32, f32)> = Vec::new();
        let mut global: Vec<usize> = Vec::new();
        for (k, it) in list.iter().enumerate() {
            for &c in held(it) {
                local[c] = inside.len();
                inside.push((k, rel[c], p.v_size[c]));
                global.push(c);
            }
        }
        let pairs: Vec<(usize, usize)> = edges[level]
            .iter()
            .filter(|&&(a, b)| local[a] != usize::MAX && local[b] != usize::MAX)
            .map(|&(a, b)| (local[a], local[b]))
            .collect();
        let item_of: Vec<usize> = inside.iter().map(|x| x.0).collect();
        let gap = if level == top { BLOCK_GAP } else { ZONE_GAP };
        let centers_of = |blocks: &[Block], centers: &mut [f32]| {
            for (k, &(it, offset, s)) in inside.iter().enumerate() {
                centers[k] = blocks[it].v + offset + s / 2.0;
            }
        };
        let packing = Packing {
            layers: p.layers,
            edges: &pairs,
            block_of: &item_of,
            components: inside.len(),
            gap,
        };
        let order = place_by(&mut placed, &packing, centers_of);
        let layer_of: Vec<usize> = global.iter().map(|&c| layers[c]).collect();
        transpose(&mut placed, order, &packing, &layer_of, centers_of);
        for &c in &global {
            local[c] = usize::MAX;
        }
        if level == top {
            for (it, b) in list.iter().zip(&placed) {
                match *it {
                    Item::Block(x) => block_at[x] = b.v,
                    Item::Zone(z) => zone_at[z] = b.v,
                }
            }
            continue;
        }
        let z = level;
        let min_v = placed.iter().map(|b| b.v).fold(f32::INFINITY, f32::min);
        let end = placed
            .iter()
            .map(|b| b.v + b.v_size)
            .fold(f32::NEG_INFINITY, f32::max);
        let head = match p.direction {
            Direction::LeftToRight => ZONE_HEAD,
            Direction::TopToBottom => ZONE_PAD,
        };
        // Top to bottom, the title runs across the layers: the frame is at least as wide.
        let least = match p.direction {
            Direction::LeftToRight => 0.0,
            Direction::TopToBottom => title_room(&title(design, ZoneId(z as u32)), &p.badges[z]),
        };
        size[z] = (head + (end - min_v) + ZONE_PAD).max(least);
        span[z] = (
            placed.iter().map(|b| b.first).min().unwrap_or(0),
            placed.iter().map(|b| b.last).max().unwrap_or(0),
        );
        let mut all = Vec::new();
        for (it, b) in list.iter().zip(&placed) {
            let at = head + b.v - min_v;
            let held = match *it {
                Item::Block(x) => {
                    block_at[x] = at;
                    std::mem::take(&mut nodes[x])
                }
                Item::Zone(inner) => {
                    zone_at[inner] = at;
                    std::mem::take(&mut zone_nodes[inner])
                }
            };
            for &c in &held {
                rel[c] += at;
            }
            all.extend(held);
        }
        zone_nodes[z] = all;
    }
    // From offsets in what holds them to positions, outermost first.
    let mut order: Vec<usize> = (0..nz).filter(|&z| drawn[z]).collect();
    order.sort_by_key(|&z| (depth[z], z));
    let mut at = vec![0.0f32; nz];
    for &z in &order {
        at[z] = parent(z).map_or(0.0, |q| at[q]) + zone_at[z];
    }
    for (b, block) in blocks.iter_mut().enumerate() {
        block.v = zone_of[b].map_or(0.0, |z| at[z]) + block_at[b];
    }
    Some(
        order
            .into_iter()
            .map(|z| Frame {
                zone: ZoneId(z as u32),
                depth: depth[z],
                first: span[z].0,
                last: span[z].1,
                v: at[z],
                v_size: size[z],
                title: title(design, ZoneId(z as u32)),
            })
            .collect(),
    )
}
