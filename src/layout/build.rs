//! Puts the layout steps together: measure, layer, place, route, then map to the picture.

use std::collections::BTreeMap;

use crate::diagnostic::Severity;
use crate::lint::{Finding, Subject};
use crate::model::{Design, Kind};
use crate::spec::vocabulary::{Direction, DnsType, Protocol, Vocabulary};

use super::geometry::{Axes, Rect};
use super::place::{self, Block};
use super::route::{self, CHANNEL_PAD, LABEL_GAP, TRACK, Wire};
use super::{Badge, Diagram, Edge, EdgeStyle, HostBox, LegendItem, NodeBox, Text, rank, text};

const NAME_SIZE: f32 = 12.0;
const SOFTWARE_SIZE: f32 = 11.0;
const LABEL_SIZE: f32 = 10.0;
const BADGE_SIZE: f32 = 9.0;
const HOST_TITLE_SIZE: f32 = 11.0;
const TITLE_SIZE: f32 = 16.0;
const ICON: f32 = 24.0;
const NODE_PAD: f32 = 10.0;
const TEXT_X: f32 = NODE_PAD + ICON + 8.0;
const NODE_H: f32 = 44.0;
const BADGE_H: f32 = 14.0;
const LABEL_H: f32 = 14.0;
const HOST_PAD: f32 = 10.0;
const HOST_HEAD: f32 = 24.0;
const BLOCK_GAP: f32 = 28.0;
const MEMBER_GAP: f32 = 14.0;
const MARGIN: f32 = 20.0;
/// Longest text kept on one line in a box.
const MAX_CHARS: usize = 48;

/// Lays out a design. `findings` become badges (pass none for a plain diagram).
pub fn layout(design: &Design, findings: &[&Finding], direction: Direction) -> Diagram {
    let axes = Axes(direction);
    let n = design.components.len();
    let (component_badges, host_badges) = badges(design, findings);

    // Boxes' own sizes, in x/y.
    let names: Vec<String> = design
        .components
        .iter()
        .map(|c| {
            text::clip(
                &if c.count > 1 {
                    format!("{} ×{}", c.id, c.count)
                } else {
                    c.id.clone()
                },
                MAX_CHARS,
            )
        })
        .collect();
    let software: Vec<Option<String>> = design
        .components
        .iter()
        .map(|c| c.software.as_deref().map(|s| text::clip(s, MAX_CHARS)))
        .collect();
    let xy: Vec<(f32, f32)> = (0..n)
        .map(|c| {
            let name_w = text::width(&names[c], NAME_SIZE, true);
            let sw_w = software[c]
                .as_deref()
                .map_or(0.0, |s| text::width(s, SOFTWARE_SIZE, false));
            let badge_w = badge_row_width(&component_badges[c]);
            let w = (TEXT_X + name_w.max(sw_w) + NODE_PAD)
                .max(NODE_PAD + badge_w + NODE_PAD)
                .ceil();
            let h = if component_badges[c].is_empty() {
                NODE_H
            } else {
                NODE_H + BADGE_H + 4.0
            };
            (w, h)
        })
        .collect();

    let layer = rank::ranks(design);
    let layers = layer.iter().copied().max().map_or(1, |m| m + 1);
    let (wires, edge_info) = wires(design, axes);

    // Sizes in layer coordinates; a target grows across the layers to fit its ports.
    let room = route::port_room(&wires, n);
    let u_size: Vec<f32> = xy.iter().map(|&(w, h)| axes.size(w, h).u).collect();
    let v_size: Vec<f32> = (0..n)
        .map(|c| axes.size(xy[c].0, xy[c].1).v.max(room[c]))
        .collect();

    // Blocks: hosts first (by id), then components on no host.
    let order = discovery_order(design, &wires);
    let host_titles: Vec<String> = design.hosts.iter().map(host_title).collect();
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
    let mut blocks: Vec<Block> = Vec::new();
    let mut block_host: Vec<Option<usize>> = Vec::new();
    let mut block_of = vec![0usize; n];
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
        for c in sorted {
            per_layer[layer[c] - first].push(c);
            block_of[c] = blocks.len();
        }
        let title_w = text::width(&host_titles[h.0 as usize], HOST_TITLE_SIZE, true)
            + badge_row_width(&host_badges[h.0 as usize])
            + 3.0 * HOST_PAD;
        let mut block = Block {
            first,
            last,
            members: per_layer,
            head: head_v,
            pad: HOST_PAD,
            v_size: 0.0,
            v: 0.0,
        };
        let min_v = if direction == Direction::TopToBottom {
            title_w
        } else {
            0.0
        };
        block.size(&v_size, MEMBER_GAP, min_v);
        blocks.push(block);
        block_host.push(Some(h.0 as usize));
    }
    let mut free: Vec<usize> = (0..n)
        .filter(|&c| design.components[c].host.is_none())
        .collect();
    free.sort_by_key(|&c| order[c]);
    for c in free {
        block_of[c] = blocks.len();
        let mut block = Block {
            first: layer[c],
            last: layer[c],
            members: vec![vec![c]],
            head: 0.0,
            pad: 0.0,
            v_size: 0.0,
            v: 0.0,
        };
        block.size(&v_size, MEMBER_GAP, 0.0);
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
    let mut blocks: Vec<Block> = initial.iter().map(|&i| blocks[i].clone()).collect();
    let block_host: Vec<Option<usize>> = initial.iter().map(|&i| block_host[i]).collect();
    let mut new_index = vec![0; initial.len()];
    for (new, &old) in initial.iter().enumerate() {
        new_index[old] = new;
    }
    let block_of: Vec<usize> = block_of.iter().map(|&b| new_index[b]).collect();

    let pairs: Vec<(usize, usize)> = wires.iter().map(|w| (w.from, w.to)).collect();
    place::place(
        &mut blocks,
        layers,
        &pairs,
        &block_of,
        &v_size,
        BLOCK_GAP,
        MEMBER_GAP,
    );
    let mut v_start = vec![0.0f32; n];
    for b in &blocks {
        b.member_positions(&v_size, MEMBER_GAP, &mut v_start);
    }

    // Along the layers: each member's offset in its layer, each layer's size, each channel's.
    let offset: Vec<f32> = (0..n)
        .map(|c| {
            let b = &blocks[block_of[c]];
            let is_host = block_host[block_of[c]].is_some();
            let _ = b;
            if is_host { HOST_PAD } else { 0.0 }
        })
        .collect();
    let mut layer_size = vec![0.0f32; layers];
    for c in 0..n {
        // Top to bottom, a host's title runs along its bottom edge, out of the way of the
        // links that enter from above.
        let b = &blocks[block_of[c]];
        let pad = match block_host[block_of[c]] {
            Some(_) if layer[c] == b.last => HOST_PAD + title_u,
            Some(_) => HOST_PAD,
            None => 0.0,
        };
        layer_size[layer[c]] = layer_size[layer[c]].max(offset[c] + u_size[c] + pad);
    }
    // A host's title must fit along its layers when it runs along them.
    if direction == Direction::LeftToRight {
        for (b, host) in blocks.iter().zip(&block_host) {
            let Some(h) = host else { continue };
            let title_w = text::width(&host_titles[*h], HOST_TITLE_SIZE, true)
                + badge_row_width(&host_badges[*h])
                + 3.0 * HOST_PAD;
            let span: f32 = b.layers().map(|l| layer_size[l]).sum::<f32>();
            if title_w > span {
                layer_size[b.last] += title_w - span;
            }
        }
    }
    let tracks = route::tracks(&layer, &wires, layers + 1);
    let mut label_room = vec![0.0f32; layers + 1];
    for w in &wires {
        label_room[layer[w.to]] = label_room[layer[w.to]].max(w.label.0);
    }
    let channel_size: Vec<f32> = (0..=layers)
        .map(|ch| {
            let labels = if label_room[ch] > 0.0 {
                label_room[ch] + LABEL_GAP + 4.0
            } else {
                0.0
            };
            (2.0 * CHANNEL_PAD + tracks[ch].len() as f32 * TRACK + labels).max(3.0 * CHANNEL_PAD)
        })
        .collect();
    let mut channel_u = vec![0.0f32; layers + 1];
    let mut layer_u = vec![(0.0f32, 0.0f32); layers];
    let mut at = 0.0;
    for l in 0..layers {
        channel_u[l] = at;
        at += channel_size[l];
        layer_u[l] = (at, layer_size[l]);
        at += layer_size[l];
    }
    channel_u[layers] = at;
    let u: Vec<(f32, f32)> = (0..n)
        .map(|c| (layer_u[layer[c]].0 + offset[c], u_size[c]))
        .collect();
    let v: Vec<(f32, f32)> = (0..n).map(|c| (v_start[c], v_size[c])).collect();
    let block_extents: Vec<(usize, usize, f32, f32)> = blocks
        .iter()
        .map(|b| (b.first, b.last, b.v, b.v + b.v_size))
        .collect();
    let placed = route::Placed {
        layer: &layer,
        u: &u,
        v: &v,
        layer_u: &layer_u,
        channel_u: &channel_u,
        blocks: &block_extents,
        block_of: &block_of,
    };
    let routes = route::route(&wires, &placed, &tracks);

    // To the picture: boxes first, then a shift so everything starts at the margin.
    let nodes: Vec<NodeBox> = (0..n)
        .map(|c| {
            let (x, y) = axes.point(u[c].0, v[c].0);
            let (cu, cv) = (u[c].1, v[c].1);
            let (w, h) = axes.point(cu, cv);
            node_box(
                design,
                c,
                Rect::new(x, y, w, h),
                &names[c],
                software[c].as_deref(),
                &component_badges[c],
            )
        })
        .collect();
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
            ))
        })
        .collect();
    let edges: Vec<Edge> = routes
        .iter()
        .zip(&edge_info)
        .map(|(r, (dom_id, style, label))| Edge {
            dom_id: dom_id.clone(),
            style: *style,
            points: r
                .points
                .iter()
                .map(|&(pu, pv)| axes.point(pu, pv))
                .collect(),
            label: r
                .label
                .zip(label.as_ref())
                .map(|((lu, lv, du, dv), text)| Text {
                    text: text.clone(),
                    rect: axes.rect(lu, lv, du, dv),
                }),
        })
        .collect();
    finish(design, findings, nodes, hosts, edges)
}

/// Shifts the content under a title, adds the legend, and sizes the picture.
fn finish(
    design: &Design,
    findings: &[&Finding],
    mut nodes: Vec<NodeBox>,
    mut hosts: Vec<HostBox>,
    mut edges: Vec<Edge>,
) -> Diagram {
    let mut min = (f32::INFINITY, f32::INFINITY);
    let mut max = (f32::NEG_INFINITY, f32::NEG_INFINITY);
    let mut grow = |r: &Rect| {
        min = (min.0.min(r.x), min.1.min(r.y));
        max = (max.0.max(r.right()), max.1.max(r.bottom()));
    };
    nodes.iter().for_each(|b| grow(&b.rect));
    hosts.iter().for_each(|b| grow(&b.rect));
    for e in &edges {
        e.points
            .iter()
            .for_each(|&(x, y)| grow(&Rect::new(x, y, 0.0, 0.0)));
        if let Some(l) = &e.label {
            grow(&l.rect);
        }
    }
    if !min.0.is_finite() {
        min = (0.0, 0.0);
        max = (0.0, 0.0);
    }
    let title = text::clip(&design.title, 120);
    let subtitle = subtitle(design);
    let top = MARGIN + TITLE_SIZE + 8.0 + if subtitle.is_some() { 18.0 } else { 0.0 } + 10.0;
    let (dx, dy) = (MARGIN - min.0, top - min.1);
    for b in &mut nodes {
        b.rect = b.rect.translate(dx, dy);
        b.icon = b.icon.translate(dx, dy);
        b.name.rect = b.name.rect.translate(dx, dy);
        if let Some(s) = &mut b.software {
            s.rect = s.rect.translate(dx, dy);
        }
        b.badges
            .iter_mut()
            .for_each(|g| g.rect = g.rect.translate(dx, dy));
    }
    for b in &mut hosts {
        b.rect = b.rect.translate(dx, dy);
        b.title.rect = b.title.rect.translate(dx, dy);
        b.badges
            .iter_mut()
            .for_each(|g| g.rect = g.rect.translate(dx, dy));
    }
    for e in &mut edges {
        e.points.iter_mut().for_each(|p| *p = (p.0 + dx, p.1 + dy));
        if let Some(l) = &mut e.label {
            l.rect = l.rect.translate(dx, dy);
        }
    }
    let content_w = max.0 - min.0;
    let content_bottom = top + (max.1 - min.1);
    let title_w = text::width(&title, TITLE_SIZE, true);
    let subtitle_text = subtitle.map(|s| {
        let w = text::width(&s, SOFTWARE_SIZE, false);
        Text {
            text: s,
            rect: Rect::new(MARGIN, MARGIN + TITLE_SIZE + 8.0, w, 16.0),
        }
    });
    let styles: Vec<EdgeStyle> = {
        let mut s: Vec<EdgeStyle> = edges.iter().map(|e| e.style).collect();
        s.sort_by_key(|st| *st as u8);
        s.dedup();
        s
    };
    let legend_width = content_w.max(title_w).max(360.0);
    let (legend, legend_bottom) = legend(
        design,
        findings,
        &styles,
        MARGIN,
        content_bottom + 24.0,
        legend_width,
    );
    let width =
        (MARGIN + legend_width.max(subtitle_text.as_ref().map_or(0.0, |s| s.rect.w)) + MARGIN)
            .ceil();
    let height = (legend_bottom.max(content_bottom) + MARGIN).ceil();
    Diagram {
        width,
        height,
        title: Text {
            text: title,
            rect: Rect::new(MARGIN, MARGIN, title_w, TITLE_SIZE + 4.0),
        },
        subtitle: subtitle_text,
        hosts,
        nodes,
        edges,
        legend,
    }
}

fn subtitle(design: &Design) -> Option<String> {
    let site = design
        .dns
        .first()
        .map(|d| d.fqdn.clone())
        .or_else(|| design.domain.clone());
    let counts = format!(
        "{} host{}, {} component{}",
        design.hosts.len(),
        if design.hosts.len() == 1 { "" } else { "s" },
        design.components.len(),
        if design.components.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    Some(match site {
        Some(site) => format!("{} · {counts}", text::clip(&site, 80)),
        None => counts,
    })
}

/// Legend rows below the content: link styles used, then each finding code shown.
fn legend(
    design: &Design,
    findings: &[&Finding],
    styles: &[EdgeStyle],
    x0: f32,
    y0: f32,
    width: f32,
) -> (Vec<LegendItem>, f32) {
    let _ = design;
    let mut items = Vec::new();
    let (mut x, mut y) = (x0, y0);
    let row = 18.0;
    let place = |w: f32, x: &mut f32, y: &mut f32| -> (f32, f32) {
        if *x > x0 && *x + w > x0 + width {
            *x = x0;
            *y += row;
        }
        let at = (*x, *y);
        *x += w + 18.0;
        at
    };
    for &style in styles {
        let label = match style {
            EdgeStyle::Plain => "unencrypted",
            EdgeStyle::Encrypted => "encrypted (TLS)",
            EdgeStyle::Replication => "replication",
            EdgeStyle::Association => "installed on / protects",
        };
        let tw = text::width(label, LABEL_SIZE, false);
        let (ix, iy) = place(30.0 + tw, &mut x, &mut y);
        items.push(LegendItem::Edge {
            style,
            sample: Rect::new(ix, iy + 6.0, 24.0, 0.0),
            text: Text {
                text: label.to_string(),
                rect: Rect::new(ix + 30.0, iy, tw, LABEL_H),
            },
        });
    }
    let mut codes: BTreeMap<(Severity, &'static str), &'static str> = BTreeMap::new();
    for f in findings {
        codes.insert((f.severity, f.rule.code), f.rule.name);
    }
    if !codes.is_empty() && !items.is_empty() {
        x = x0;
        y += row;
    }
    for ((severity, code), name) in codes {
        let bw = text::width(code, BADGE_SIZE, true) + 8.0;
        let tw = text::width(name, LABEL_SIZE, false);
        let (ix, iy) = place(bw + 6.0 + tw, &mut x, &mut y);
        items.push(LegendItem::Badge {
            badge: Badge {
                code,
                severity,
                rect: Rect::new(ix, iy, bw, BADGE_H),
            },
            text: Text {
                text: name.to_string(),
                rect: Rect::new(ix + bw + 6.0, iy, tw, LABEL_H),
            },
        });
    }
    let bottom = if items.is_empty() { y0 - 24.0 } else { y + row };
    (items, bottom)
}

fn host_title(host: &crate::model::Host) -> String {
    let mut title = text::clip(&host.id, MAX_CHARS);
    if let Some(ip) = host.ip {
        title.push_str(&format!(" · {ip}"));
    }
    if host.public {
        title.push_str(" · public");
    }
    title
}

fn host_box(
    design: &Design,
    h: usize,
    title: &str,
    rect: Rect,
    badges: &[(&'static str, Severity)],
    at_bottom: bool,
) -> HostBox {
    let tw = text::width(title, HOST_TITLE_SIZE, true);
    let y = if at_bottom {
        rect.bottom() - HOST_HEAD + 2.0
    } else {
        rect.y + 5.0
    };
    let title = Text {
        text: title.to_string(),
        rect: Rect::new(rect.x + HOST_PAD, y, tw, 16.0),
    };
    let mut x = title.rect.right() + HOST_PAD;
    let badges = badges
        .iter()
        .map(|&(code, severity)| {
            let w = text::width(code, BADGE_SIZE, true) + 8.0;
            let b = Badge {
                code,
                severity,
                rect: Rect::new(x, y + 1.0, w, BADGE_H),
            };
            x += w + 4.0;
            b
        })
        .collect();
    HostBox {
        dom_id: format!("host-{}", design.hosts[h].id),
        title,
        public: design.hosts[h].public,
        rect,
        badges,
    }
}

fn node_box(
    design: &Design,
    c: usize,
    rect: Rect,
    name: &str,
    software: Option<&str>,
    badges: &[(&'static str, Severity)],
) -> NodeBox {
    let component = &design.components[c];
    let name_w = text::width(name, NAME_SIZE, true);
    let name = Text {
        text: name.to_string(),
        rect: Rect::new(rect.x + TEXT_X, rect.y + 7.0, name_w, 16.0),
    };
    let software = software.map(|s| Text {
        text: s.to_string(),
        rect: Rect::new(
            rect.x + TEXT_X,
            rect.y + 23.0,
            text::width(s, SOFTWARE_SIZE, false),
            14.0,
        ),
    });
    let mut x = rect.x + NODE_PAD;
    let badges = badges
        .iter()
        .map(|&(code, severity)| {
            let w = text::width(code, BADGE_SIZE, true) + 8.0;
            let b = Badge {
                code,
                severity,
                rect: Rect::new(x, rect.y + NODE_H, w, BADGE_H),
            };
            x += w + 4.0;
            b
        })
        .collect();
    NodeBox {
        dom_id: format!("component-{}", component.id),
        kind: component.kind,
        icon: Rect::new(rect.x + NODE_PAD, rect.y + 10.0, ICON, ICON),
        rect,
        name,
        software,
        badges,
    }
}

fn badge_row_width(badges: &[(&'static str, Severity)]) -> f32 {
    badges
        .iter()
        .map(|(code, _)| text::width(code, BADGE_SIZE, true) + 12.0)
        .sum()
}

/// The codes of findings by component and by host, most severe first, each code once.
#[allow(clippy::type_complexity)]
fn badges(
    design: &Design,
    findings: &[&Finding],
) -> (
    Vec<Vec<(&'static str, Severity)>>,
    Vec<Vec<(&'static str, Severity)>>,
) {
    let mut components = vec![Vec::new(); design.components.len()];
    let mut hosts = vec![Vec::new(); design.hosts.len()];
    let client = design.components_of_kind(Kind::Client).next();
    for f in findings {
        let entry = (f.rule.code, f.severity);
        match f.subject {
            Subject::Host(h) => hosts[h.0 as usize].push(entry),
            Subject::Component(c) => components[c.0 as usize].push(entry),
            Subject::Link(i) => components[design.links[i].to.0 as usize].push(entry),
            Subject::Dns(_) => {
                if let Some(c) = client {
                    components[c.0 as usize].push(entry);
                }
            }
            Subject::Design => {}
        }
    }
    for list in components.iter_mut().chain(hosts.iter_mut()) {
        list.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
        list.dedup();
    }
    (components, hosts)
}

/// The order components are met in from the clients, following links; then the rest by id.
fn discovery_order(design: &Design, wires: &[Wire]) -> Vec<usize> {
    let n = design.components.len();
    let mut next = vec![Vec::new(); n];
    for w in wires {
        next[w.from].push(w.to);
    }
    let mut order = vec![usize::MAX; n];
    let mut count = 0;
    let mut queue: std::collections::VecDeque<usize> = design
        .components_of_kind(Kind::Client)
        .map(|c| c.0 as usize)
        .collect();
    let starts: Vec<usize> = (0..n).collect();
    for start in std::iter::once(None).chain(starts.into_iter().map(Some)) {
        if let Some(s) = start {
            if order[s] != usize::MAX {
                continue;
            }
            queue.push_back(s);
        }
        while let Some(c) = queue.pop_front() {
            if order[c] != usize::MAX {
                continue;
            }
            order[c] = count;
            count += 1;
            queue.extend(next[c].iter().copied().filter(|&t| order[t] == usize::MAX));
        }
    }
    order
}

/// The links and associations to draw, with their stable ids, styles and labels.
#[allow(clippy::type_complexity)]
fn wires(design: &Design, axes: Axes) -> (Vec<Wire>, Vec<(String, EdgeStyle, Option<String>)>) {
    let mut wires = Vec::new();
    let mut info = Vec::new();
    let mut seen: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut push = |from: usize, to: usize, style: EdgeStyle, label: Option<String>| {
        let k = seen.entry((from, to)).or_insert(0);
        *k += 1;
        let dom_id = format!(
            "link-{}-{}-{}",
            design.components[from].id, design.components[to].id, k
        );
        let size = label.as_ref().map_or((0.0, 0.0), |l| {
            let s = axes.size(text::width(l, LABEL_SIZE, false) + 6.0, LABEL_H);
            (s.u, s.v)
        });
        wires.push(Wire {
            from,
            to,
            label: size,
        });
        info.push((dom_id, style, label));
    };
    for link in &design.links {
        let style = if link.protocol == Protocol::Replication {
            EdgeStyle::Replication
        } else if link.encrypted {
            EdgeStyle::Encrypted
        } else {
            EdgeStyle::Plain
        };
        let mut label = match (&link.label, link.port) {
            (Some(l), _) => text::clip(l, MAX_CHARS),
            (None, Some(port)) if link.protocol != Protocol::Replication => {
                format!("{} :{port}", link.protocol)
            }
            (None, _) => link.protocol.as_str().to_string(),
        };
        if design.component(link.from).kind == Kind::Client {
            let target_ip = design
                .component(link.to)
                .host
                .and_then(|h| design.host(h).ip)
                .map(|ip| ip.to_string());
            let record = design.dns.iter().find(|d| {
                matches!(d.record_type, DnsType::A | DnsType::Aaaa)
                    && Some(&d.value) == target_ip.as_ref()
            });
            if let Some(d) = record {
                label.push_str(&format!(
                    " · {} {} {}",
                    text::clip(&d.name, 24),
                    d.record_type,
                    d.value
                ));
            }
        }
        push(link.from.0 as usize, link.to.0 as usize, style, Some(label));
    }
    for c in design.component_ids() {
        let component = design.component(c);
        let targets: Vec<usize> = match component.kind {
            Kind::TlsCertificate => component
                .attrs
                .installed_on
                .iter()
                .map(|t| t.0 as usize)
                .collect(),
            Kind::Firewall => component
                .attrs
                .protects
                .iter()
                .filter_map(|t| match *t {
                    crate::model::Target::Component(x) => Some(x.0 as usize),
                    // The firewall stands before the host's first components on the request path.
                    // The firewall stands before the host's entry: the component that traffic
                    // from other hosts reaches first.
                    crate::model::Target::Host(h) if component.host != Some(h) => design
                        .components_on(h)
                        .iter()
                        .filter(|&&x| {
                            crate::analysis::NEEDED.contains(&design.component(x).kind)
                                && design.component(x).kind != Kind::Firewall
                        })
                        .min_by_key(|&&x| {
                            !design
                                .links_to(x)
                                .any(|l| design.component(l.from).host != Some(h))
                        })
                        .map(|x| x.0 as usize),
                    crate::model::Target::Host(_) => None,
                })
                .collect(),
            Kind::MonitoringAgent => match component.attrs.sends_to {
                Some(s) if !design.links_from(c).any(|l| l.to == s) => vec![s.0 as usize],
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        for t in targets {
            if t != c.0 as usize {
                push(c.0 as usize, t, EdgeStyle::Association, None);
            }
        }
    }
    (wires, info)
}
