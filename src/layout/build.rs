//! Puts the layout steps together: measure, layer, place, route, then map to the picture.

use crate::lint::Finding;
use crate::model::Design;
use crate::spec::vocabulary::Direction;

use super::along::{Along, along, layer_sizes};
use super::blocks::{self, Blocks};
use super::boxes::{
    badge_row_width, badges, box_sizes, clear_host_titles, host_box, host_title, node_box,
    node_texts, tag_of,
};
use super::crossings::diagram_crossings;
use super::fold::fold;
use super::frame::finish;
use super::geometry::{Axes, Rect};
use super::hubs::{behind, firewall_hubs, fold_hubs, folded as guarded};
use super::locks::{lock, put_locks};
use super::long;
use super::lookup::lookup;
use super::place;
use super::route::{self, CHANNEL_PAD, SIDE_MARGIN};
use super::through::{links_over_titles, links_through_hosts};
use super::wires::{discovery_order, edges, join_ends, wires};
use super::zones;
use super::{Diagram, HostBox, NodeBox, rank, text};

pub(super) const ICON: f32 = 24.0;
pub(super) const NODE_PAD: f32 = 10.0;
pub(super) const TEXT_X: f32 = NODE_PAD + ICON + 8.0;
pub(super) const NODE_H: f32 = 44.0;
pub(super) const BADGE_H: f32 = 14.0;
pub(super) const LABEL_H: f32 = 14.0;
pub(super) const HOST_PAD: f32 = 10.0;
pub(super) const HOST_HEAD: f32 = 24.0;
pub(super) const BLOCK_GAP: f32 = 28.0;
pub(super) const MEMBER_GAP: f32 = 14.0;
pub(super) const MARGIN: f32 = 20.0;
/// Longest text kept on one line in a box.
pub(super) const MAX_CHARS: usize = 48;

/// How to lay a design out.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub direction: Direction,
    /// Draw every host, even in pools of identical ones (see [`super::fold`]).
    pub unfold: bool,
    /// Keep `direction` even when the picture passes [`MAX_ASPECT`] (the user asked for it).
    pub keep_direction: bool,
}

/// The widest picture drawn left to right, as width over height: past it the design is drawn
/// top to bottom, when that is narrower. A 2.5:1 picture shown in a README column (about 900
/// px) is 360 px tall; a 4:1 picture's text falls to 5-6 px there.
pub const MAX_ASPECT: f32 = 2.5;

/// Lays out a design, folding pools of identical hosts. `findings` become badges (pass none
/// for a plain diagram).
pub fn layout(design: &Design, findings: &[&Finding], direction: Direction) -> Diagram {
    layout_with(
        design,
        findings,
        Options {
            direction,
            unfold: false,
            keep_direction: false,
        },
    )
}

/// As [`layout`], with every option.
pub fn layout_with(original: &Design, findings: &[&Finding], options: Options) -> Diagram {
    let diagram = layout_either(original, findings, options);
    if options.keep_direction
        || options.direction != Direction::LeftToRight
        || diagram.width <= MAX_ASPECT * diagram.height
    {
        return diagram;
    }
    let other = layout_either(
        original,
        findings,
        Options {
            direction: Direction::TopToBottom,
            ..options
        },
    );
    if other.width < diagram.width {
        other
    } else {
        diagram
    }
}

/// Top to bottom, monitoring agents may go a row below their host's last components
/// ([`rank::agents_below`]): the picture is narrower where the hosts set its width, but the
/// extra row can put links through other hosts and cross links that ran straight. Both are
/// laid out, and the one with fewer links through hosts, then over hosts' titles, then fewer
/// crossings, then the narrower, is kept. Crossings are compared up to [`COMPARED_LINKS`] links.
fn layout_either(original: &Design, findings: &[&Finding], options: Options) -> Diagram {
    let beside = layout_in(original, findings, options, false);
    if options.direction != Direction::TopToBottom
        || !original
            .components
            .iter()
            .any(|c| c.kind == crate::model::Kind::MonitoringAgent)
    {
        return beside;
    }
    let below = layout_in(original, findings, options, true);
    let compared = beside.edges.len().max(below.edges.len()) <= COMPARED_LINKS;
    let score = |d: &Diagram| {
        let crossed = if compared { diagram_crossings(d) } else { 0 };
        (
            links_through_hosts(d),
            links_over_titles(d),
            crossed,
            d.width,
        )
    };
    if score(&below) < score(&beside) {
        below
    } else {
        beside
    }
}

/// The most links whose crossings are counted to choose between two drawings: the count
/// compares every pair of links.
const COMPARED_LINKS: usize = 400;

fn layout_in(
    original: &Design,
    findings: &[&Finding],
    options: Options,
    agents_below: bool,
) -> Diagram {
    let direction = options.direction;
    let axes = Axes(direction);
    let (component_badges, host_badges, zone_badges) = badges(original, findings);
    let folded = if options.unfold {
        None
    } else {
        fold(original, &component_badges, &host_badges)
    };
    // From here on `design` is what is drawn: the original, or its pools folded.
    let (design, component_badges, host_badges, stacks) = match &folded {
        Some(f) => (
            &f.design,
            f.component_badges.clone(),
            f.host_badges.clone(),
            f.stacks.clone(),
        ),
        None => (
            original,
            component_badges,
            host_badges,
            vec![(1, None); original.hosts.len()],
        ),
    };
    // Certificates installed on boxes become locks on them.
    let locked = lock(design, &component_badges);
    let (design, mut component_badges, locks_on, lock_legend) = match &locked {
        Some(l) => (
            &l.design,
            l.component_badges.clone(),
            l.locks.clone(),
            l.legend.clone(),
        ),
        None => (design, component_badges, Vec::new(), Vec::new()),
    };
    // Nodes are the components, then the virtual IPs, then the DNS box if a lookup is drawn.
    let lookup = lookup(design);
    let n = design.components.len() + design.vips.len() + usize::from(lookup.is_some());
    component_badges.resize(n, Vec::new());

    let (mut wires, mut edge_info) = wires(design, lookup.as_ref(), axes);
    let tagged: Vec<bool> = (0..n).map(|c| tag_of(design, c).is_some()).collect();
    let (hub_tags, mut hubs) = fold_hubs(design, &mut wires, &mut edge_info, &tagged);
    hubs.extend(firewall_hubs(design));
    let tags: Vec<Option<String>> = hub_tags
        .into_iter()
        .enumerate()
        .map(|(c, hub)| hub.or_else(|| tag_of(design, c).map(str::to_string)))
        .collect();

    // Boxes' own sizes, in x/y.
    let (names, software) = node_texts(design, lookup.as_ref());
    let xy = box_sizes(&names, &software, &tags, &component_badges);

    let mut layer = rank::ranks(design, lookup.as_ref());
    if agents_below {
        rank::agents_below(design, &mut layer);
    }
    zones::open_layers(design, &mut layer);
    join_ends(&mut wires, &edge_info, &layer);
    let layers = layer.iter().copied().max().map_or(1, |m| m + 1);
    let ties = zones::add_ties(design, &mut wires, &mut edge_info);
    let order = discovery_order(design, n, &wires);

    // A link that skips layers or goes back gets a virtual node in each layer it passes
    // (long.rs): between members of one host, inside that host; between blocks, a strip of its
    // own. Not in a design drawn with zones' frames yet, where the links keep their corridors
    // (a strip would have to stay inside the frames that hold both ends), nor for a firewall's
    // tie to a zone. Virtual nodes are numbered from `n`.
    let host_of = |c: usize| design.components.get(c).and_then(|c| c.host);
    let zoned = design.hosts.iter().any(|h| h.zone.is_some());
    let same_host = |w: &route::Wire| host_of(w.from).is_some() && host_of(w.from) == host_of(w.to);
    let mut long = long::split(&wires, &layer, n, |i, w| {
        if zoned || ties.iter().any(|&(t, _)| t == i) {
            long::Cut::Keep
        } else if same_host(w) {
            long::Cut::Host
        } else {
            long::Cut::Strip
        }
    });
    let nv = n + long.virtuals.len();
    layer.extend(long.virtuals.iter().map(|&(l, _)| l));
    let order: Vec<usize> = order
        .iter()
        .copied()
        .chain(long.virtuals.iter().map(|&(_, w)| order[wires[w].from]))
        .collect();

    // Sizes in layer coordinates; a target grows across the layers to fit its ports.
    let room = route::port_room(&long.wires, nv);
    let u_size: Vec<f32> = xy.iter().map(|&(w, h)| axes.size(w, h).u).collect();
    // The DNS box beside its client leaves room before it for the question's label.
    let side = wires.iter().find(|w| w.side);
    let mut lead = vec![0.0f32; nv];
    if let Some(w) = side {
        lead[w.to] = (w.label.1 + 2.0 * SIDE_MARGIN - MEMBER_GAP).max(0.0);
    }
    let v_size: Vec<f32> = (0..nv)
        .map(|c| match xy.get(c) {
            Some(&(w, h)) => axes.size(w, h).v.max(room[c]) + lead[c],
            None => long::THICKNESS,
        })
        .collect();

    // Blocks: hosts first (by id), then components on no host.
    let host_titles: Vec<String> = design
        .hosts
        .iter()
        .zip(&stacks)
        .zip(guarded(design).0)
        .map(|((h, (_, stack)), firewall)| {
            let mut title = stack.clone().unwrap_or_else(|| host_title(h));
            if let Some(fw) = firewall {
                title.push_str(&format!(" · {}", behind(fw)));
            }
            title
        })
        .collect();
    let title_u = if direction == Direction::TopToBottom {
        HOST_HEAD
    } else {
        0.0
    };
    let head_v = if direction == Direction::LeftToRight {
        HOST_HEAD
    } else {
        0.0
    };
    let title_w: Vec<f32> = host_titles
        .iter()
        .zip(&host_badges)
        .map(|(title, badges)| {
            text::width(title, text::SOFTWARE, true) + badge_row_width(badges) + 3.0 * HOST_PAD
        })
        .collect();
    let host_min_v: Vec<f32> = title_w
        .iter()
        .map(|&w| if title_u > 0.0 { w } else { 0.0 })
        .collect();
    let Blocks {
        mut blocks,
        host: block_host,
        of: block_of,
    } = blocks::blocks(&blocks::Input {
        design,
        wires: &wires,
        long: &long,
        layer: &layer,
        order: &order,
        v_size: &v_size,
        n,
        beside: side.map(|w| (w.from, w.to)),
        host_min_v: &host_min_v,
        head_v,
    });

    // A firewall's tie to a zone's frame does not pull the frame: the zone is placed by the
    // traffic into it, and a tie to a frame far away is cut at its border anyway.
    // Each link pulls its two ends together; a strip follows the ends of its link.
    let pairs: Vec<(usize, usize)> = wires
        .iter()
        .enumerate()
        .filter(|(k, _)| !ties.iter().any(|&(t, _)| t == *k))
        .map(|(_, w)| (w.from, w.to))
        .chain(
            long.wires
                .iter()
                .filter(|w| w.from >= n || w.to >= n)
                .map(|w| (w.from, w.to)),
        )
        .collect();
    let placing = zones::Placing {
        design,
        block_host: &block_host,
        layers,
        pairs: &pairs,
        block_of: &block_of,
        v_size: &v_size,
        order: &order,
        member_gap: MEMBER_GAP,
        direction,
        badges: &zone_badges,
    };
    let frames = zones::place(&placing, &mut blocks).unwrap_or_else(|| {
        place::place(
            &mut blocks,
            layers,
            &pairs,
            &block_of,
            &v_size,
            BLOCK_GAP,
            MEMBER_GAP,
        );
        Vec::new()
    });
    let mut v_start = vec![0.0f32; nv];
    for b in &blocks {
        b.member_positions(&v_size, MEMBER_GAP, &mut v_start);
    }
    // A long link one of whose pieces would pass through another host keeps its corridor.
    let host_extents: Vec<Option<(usize, usize, f32, f32)>> = blocks
        .iter()
        .zip(&block_host)
        .map(|(b, h)| h.map(|_| (b.first, b.last, b.v, b.v + b.v_size)))
        .collect();
    let extents: Vec<(f32, f32)> = (0..nv).map(|c| (v_start[c], v_size[c])).collect();
    let keep = long.through_hosts(&wires, &layer, &extents, &host_extents, &block_of);
    long.restore(&wires, &keep);

    // Along the layers: each member's offset in its layer, each layer's size, each channel's.
    let offset: Vec<f32> = (0..nv)
        .map(|c| {
            if block_host[block_of[c]].is_some() {
                HOST_PAD
            } else {
                0.0
            }
        })
        .collect();
    let mut layer_size = layer_sizes(
        layers,
        (&layer[..n], &u_size, &offset),
        (&blocks, &block_host, &block_of),
        title_u,
    );
    // A host's title must fit along its layers when it runs along them.
    if direction == Direction::LeftToRight {
        for (b, host) in blocks.iter().zip(&block_host) {
            let Some(h) = host else { continue };
            let span: f32 = b.layers().map(|l| layer_size[l]).sum::<f32>();
            if title_w[*h] > span {
                layer_size[b.last] += title_w[*h] - span;
            }
        }
        zones::fit_titles(&frames, &zone_badges, &mut layer_size);
    }
    // The side wire's label lies in its layer, after the wire when the boxes are too short
    // along the layers to hold it before.
    if let Some(w) = side {
        let at = route::side_u(u_size[w.from], u_size[w.to]);
        let end = route::side_label_u(at, w.label.0) + w.label.0;
        layer_size[layer[w.to]] = layer_size[layer[w.to]].max(end);
    }
    let tracks = route::tracks(&layer, &long.wires, layers + 1);
    let bands = zones::Bands::new(&frames, layers, direction);
    let (closing, opening) = bands.room();
    let Along {
        layer_u,
        channel_u,
        entry_u,
    } = along(
        &layer_size,
        &tracks,
        (&long.wires, &layer),
        (&closing, &opening),
    );
    // A virtual node runs across its whole layer.
    let u: Vec<(f32, f32)> = (0..nv)
        .map(|c| match u_size.get(c) {
            Some(&size) => (layer_u[layer[c]].0 + offset[c], size),
            None => layer_u[layer[c]],
        })
        .collect();
    let v: Vec<(f32, f32)> = (0..nv).map(|c| (v_start[c], v_size[c])).collect();
    let mut block_extents: Vec<(usize, usize, f32, f32)> = blocks
        .iter()
        .map(|b| (b.first, b.last, b.v, b.v + b.v_size))
        .collect();
    let hosts = block_extents.len();
    block_extents.extend(zones::title_obstacles(&frames, &zone_badges, direction));
    let frame_extents: Vec<(usize, usize, f32, f32)> = frames
        .iter()
        .map(|f| (f.first, f.last, f.v, f.v + f.v_size))
        .collect();
    let frames_of = zones::frames_of(design, &frames, nv);
    let placed = route::Placed {
        frames: &frame_extents,
        frames_of: &frames_of,
        layer: &layer,
        u: &u,
        v: &v,
        layer_u: &layer_u,
        channel_u: &channel_u,
        entry_u: &entry_u,
        blocks: &block_extents,
        hosts,
        block_of: &block_of,
        lead: &lead,
    };
    let routes = route::route(&long.wires, &placed, &tracks);
    let mut routes = long.join(routes, wires.len());
    let extents: Vec<(f32, f32)> = frames
        .iter()
        .map(|f| bands.extent(f, &layer_u, &entry_u, CHANNEL_PAD / 2.0))
        .collect();
    zones::cut_ties(&mut routes, &ties, &frames, &extents);

    // To the picture: boxes first, then a shift so everything starts at the margin.
    let nodes: Vec<NodeBox> = (0..n)
        .map(|c| {
            let (x, y) = axes.point(u[c].0, v[c].0 + lead[c]);
            let (cu, cv) = (u[c].1, v[c].1 - lead[c]);
            let (w, h) = axes.point(cu, cv);
            node_box(
                design,
                c,
                Rect::new(x, y, w, h),
                &names[c],
                software[c].as_deref(),
                tags[c].as_deref(),
                &component_badges[c],
            )
        })
        .collect();
    let mut nodes = nodes;
    put_locks(&mut nodes, &locks_on);
    let hosts: Vec<HostBox> = blocks
        .iter()
        .zip(&block_host)
        .filter_map(|(b, h)| {
            let h = (*h)?;
            let u0 = layer_u[b.first].0;
            let u1 = layer_u[b.last].0 + layer_u[b.last].1;
            let rect = axes.rect(u0, b.v, u1 - u0, b.v_size);
            Some(host_box(
                design,
                h,
                &host_titles[h],
                rect,
                &host_badges[h],
                direction == Direction::TopToBottom,
                stacks[h].0,
            ))
        })
        .collect();
    let edges = edges(&routes, &edge_info, axes);
    let mut hosts = hosts;
    clear_host_titles(&mut hosts, &edges);
    // The title counts every host and component, folded or not.
    let zone_boxes = zones::zone_boxes(design, &frames, &extents, axes, &zone_badges, &routes);
    finish(
        original,
        findings,
        nodes,
        hosts,
        edges,
        zone_boxes,
        (&hubs, &lock_legend),
    )
}
