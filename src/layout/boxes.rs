//! Component boxes (and the virtual IPs' and the DNS box's), host boxes and finding badges.

use crate::diagnostic::Severity;
use crate::lint::{Finding, Subject};
use crate::model::{Design, Kind};

use super::build::*;
use super::geometry::Rect;
use super::lookup::Lookup;
use super::meets::{Span, meets};
use super::text;
use super::{Badge, HostBox, NodeBox, NodeStyle, Text};

pub(super) fn host_title(host: &crate::model::Host) -> String {
    let mut title = text::clip(&host.id, MAX_CHARS);
    if let Some(ip) = host.ip {
        title.push_str(&format!(" · {ip}"));
    }
    if host.public {
        title.push_str(" · public");
    }
    title
}

pub(super) fn host_box(
    design: &Design,
    h: usize,
    title: &str,
    rect: Rect,
    badges: &[(&'static str, Severity)],
    at_bottom: bool,
    stack: usize,
) -> HostBox {
    let tw = text::width(title, text::SOFTWARE, true);
    let y = if at_bottom {
        rect.bottom() - HOST_HEAD + 2.0
    } else {
        rect.y + 5.0
    };
    let title = Text {
        text: title.to_string(),
        rect: Rect::new(rect.x + HOST_PAD, y, tw, 16.0),
    };
    let badges = badge_row(badges, title.rect.right() + HOST_PAD, y + 1.0);
    HostBox {
        dom_id: format!("host-{}", design.hosts[h].id),
        title,
        public: design.hosts[h].public,
        rect,
        badges,
        stack,
    }
}

/// Each box's name line and second line: components', virtual IPs' (the address), then the
/// DNS box's (the answer) when a lookup is drawn.
pub(super) fn node_texts(
    design: &Design,
    lookup: Option<&Lookup<'_>>,
) -> (Vec<String>, Vec<Option<String>>) {
    let names = design
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
        .chain(design.vips.iter().map(|v| text::clip(&v.id, MAX_CHARS)))
        .chain(lookup.map(|_| "DNS".to_string()))
        .collect();
    let software = design
        .components
        .iter()
        .map(|c| c.software.as_deref().map(|s| text::clip(s, MAX_CHARS)))
        .chain(design.vips.iter().map(|v| {
            let line = match &v.software {
                Some(sw) => format!("{} · {sw}", v.ip),
                None => v.ip.to_string(),
            };
            Some(text::clip(&line, MAX_CHARS))
        }))
        .chain(lookup.map(|l| Some(l.answer())))
        .collect();
    (names, software)
}

/// The word shown at the right of a box's name line, if any.
pub(super) fn tag_of(design: &Design, node: usize) -> Option<&'static str> {
    match design.components.get(node) {
        Some(c) if c.managed => Some("managed"),
        Some(_) => None,
        None if node < design.components.len() + design.vips.len() => Some("virtual IP"),
        None => Some("lookup"),
    }
}

/// Each box's own size in x/y: its name (with its tag), its software line and its row of
/// badges side by side with the icon, each line as wide as its text.
pub(super) fn box_sizes(
    names: &[String],
    software: &[Option<String>],
    tags: &[Option<String>],
    badges: &[Vec<(&'static str, Severity)>],
) -> Vec<(f32, f32)> {
    (0..names.len())
        .map(|c| {
            let tag_w = tags[c]
                .as_deref()
                .map_or(0.0, |t| text::width(t, text::TAG, false) + 8.0);
            let name_w = text::width(&names[c], text::NAME, true) + tag_w;
            let sw_w = software[c]
                .as_deref()
                .map_or(0.0, |s| text::width(s, text::SOFTWARE, false));
            let badge_w = badge_row_width(&badges[c]);
            let w = (TEXT_X + name_w.max(sw_w) + NODE_PAD)
                .max(NODE_PAD + badge_w + NODE_PAD)
                .ceil();
            let h = if badges[c].is_empty() {
                NODE_H
            } else {
                NODE_H + BADGE_H + 4.0
            };
            (w, h)
        })
        .collect()
}

/// A box: a component's, or (index past the components) a virtual IP's, or (past those) the
/// DNS box's.
pub(super) fn node_box(
    design: &Design,
    node: usize,
    rect: Rect,
    name: &str,
    software: Option<&str>,
    tag: Option<&str>,
    badges: &[(&'static str, Severity)],
) -> NodeBox {
    let (dom_id, kind, style) = match design.components.get(node) {
        Some(c) => (
            format!("component-{}", c.id),
            c.kind,
            if c.managed {
                NodeStyle::Managed
            } else {
                NodeStyle::Component
            },
        ),
        None => match design.vips.get(node - design.components.len()) {
            Some(vip) => (
                format!("vip-{}", vip.id),
                Kind::LoadBalancer,
                NodeStyle::VirtualIp,
            ),
            None => ("dns-lookup".to_string(), Kind::Dns, NodeStyle::Lookup),
        },
    };
    let name_w = text::width(name, text::NAME, true);
    let name = Text {
        text: name.to_string(),
        rect: Rect::new(rect.x + TEXT_X, rect.y + 7.0, name_w, 16.0),
    };
    let software = software.map(|s| Text {
        text: s.to_string(),
        rect: Rect::new(
            rect.x + TEXT_X,
            rect.y + 23.0,
            text::width(s, text::SOFTWARE, false),
            14.0,
        ),
    });
    let tag = tag.map(|t| {
        let w = text::width(t, text::TAG, false);
        Text {
            text: t.to_string(),
            rect: Rect::new(rect.right() - NODE_PAD - w, rect.y + 7.0, w, 16.0),
        }
    });
    let badges = badge_row(badges, rect.x + NODE_PAD, rect.y + NODE_H);
    NodeBox {
        dom_id,
        kind,
        style,
        icon: Rect::new(rect.x + NODE_PAD, rect.y + 10.0, ICON, ICON),
        rect,
        name,
        software,
        tag,
        locks: Vec::new(),
        badges,
    }
}

/// Badges side by side from (x, y), most severe first.
pub(super) fn badge_row(badges: &[(&'static str, Severity)], mut x: f32, y: f32) -> Vec<Badge> {
    badges
        .iter()
        .map(|&(code, severity)| {
            let w = text::width(code, text::BADGE, true) + 8.0;
            let b = Badge {
                code,
                severity,
                rect: Rect::new(x, y, w, BADGE_H),
            };
            x += w + 4.0;
            b
        })
        .collect()
}

pub(super) fn badge_row_width(badges: &[(&'static str, Severity)]) -> f32 {
    badges
        .iter()
        .map(|(code, _)| text::width(code, text::BADGE, true) + 12.0)
        .sum()
}

/// The codes of findings by component, by host and by zone, most severe first, each code
/// once.
#[allow(clippy::type_complexity)]
pub(super) fn badges(
    design: &Design,
    findings: &[&Finding],
) -> (
    Vec<Vec<(&'static str, Severity)>>,
    Vec<Vec<(&'static str, Severity)>>,
    Vec<Vec<(&'static str, Severity)>>,
) {
    let mut components = vec![Vec::new(); design.components.len()];
    let mut hosts = vec![Vec::new(); design.hosts.len()];
    let mut zones: Vec<Vec<(&'static str, Severity)>> = vec![Vec::new(); design.zones.len()];
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
            Subject::Zone(z) => zones[z.0 as usize].push(entry),
            Subject::Design => {}
        }
    }
    for list in components.iter_mut().chain(&mut hosts).chain(&mut zones) {
        list.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
        list.dedup();
    }
    (components, hosts, zones)
}

/// Moves each host's title (and its badges) along its edge past the links that cross it
/// there, as the zones' titles are; left where it is when there is no room.
pub(super) fn clear_host_titles(hosts: &mut [HostBox], edges: &[super::Edge]) {
    let bands: Vec<Span> = hosts
        .iter()
        .map(|h| Span {
            x0: h.rect.x,
            x1: h.rect.right(),
            y0: h.title.rect.y - 1.0,
            y1: h.title.rect.bottom() + 1.0,
        })
        .collect();
    let spans: Vec<Span> = edges
        .iter()
        .flat_map(|e| e.points.windows(2))
        .map(|s| Span::of(s[0], s[1]))
        .collect();
    let crossing = meets(&bands, &spans);
    for (h, crossing) in hosts.iter_mut().zip(crossing) {
        let blocked: Vec<(f32, f32)> = crossing
            .into_iter()
            .map(|k| (spans[k].x0, spans[k].x1))
            .collect();
        if blocked.is_empty() {
            continue;
        }
        let end = h
            .badges
            .last()
            .map_or(h.title.rect.right(), |b| b.rect.right());
        let width = end - h.title.rect.x;
        let start = super::zones::title_start(
            h.rect.x + HOST_PAD,
            h.rect.right() - HOST_PAD,
            width,
            blocked,
        );
        let dx = start - h.title.rect.x;
        h.title.rect = h.title.rect.translate(dx, 0.0);
        for b in &mut h.badges {
            b.rect = b.rect.translate(dx, 0.0);
        }
    }
}
