//! The frame around the content: title, subtitle, legend, and the picture's size.

use std::collections::BTreeMap;

use crate::diagnostic::Severity;
use crate::lint::Finding;
use crate::model::Design;

use super::build::*;
use super::geometry::Rect;
use super::hubs::Hub;
use super::text;
use super::{Badge, Diagram, Edge, EdgeStyle, HostBox, LegendItem, NodeBox, Text, ZoneBox};

/// Shifts the content under a title, adds the legend, and sizes the picture.
pub(super) fn finish(
    design: &Design,
    findings: &[&Finding],
    mut nodes: Vec<NodeBox>,
    mut hosts: Vec<HostBox>,
    mut edges: Vec<Edge>,
    mut zones: Vec<ZoneBox>,
    (hubs, locks): (&[Hub], &[String]),
) -> Diagram {
    let mut min = (f32::INFINITY, f32::INFINITY);
    let mut max = (f32::NEG_INFINITY, f32::NEG_INFINITY);
    let mut grow = |r: &Rect| {
        min = (min.0.min(r.x), min.1.min(r.y));
        max = (max.0.max(r.right()), max.1.max(r.bottom()));
    };
    nodes.iter().for_each(|b| grow(&b.rect));
    hosts.iter().for_each(|b| grow(&b.rect));
    zones.iter().for_each(|z| grow(&z.rect));
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
    let top = MARGIN + text::TITLE + 8.0 + if subtitle.is_some() { 18.0 } else { 0.0 } + 10.0;
    let (dx, dy) = (MARGIN - min.0, top - min.1);
    for b in &mut nodes {
        b.rect = b.rect.translate(dx, dy);
        b.icon = b.icon.translate(dx, dy);
        b.name.rect = b.name.rect.translate(dx, dy);
        for t in b.software.iter_mut().chain(b.tag.iter_mut()) {
            t.rect = t.rect.translate(dx, dy);
        }
        b.badges
            .iter_mut()
            .for_each(|g| g.rect = g.rect.translate(dx, dy));
        b.locks
            .iter_mut()
            .for_each(|l| l.rect = l.rect.translate(dx, dy));
    }
    for b in &mut hosts {
        b.rect = b.rect.translate(dx, dy);
        b.title.rect = b.title.rect.translate(dx, dy);
        b.badges
            .iter_mut()
            .for_each(|g| g.rect = g.rect.translate(dx, dy));
    }
    for z in &mut zones {
        z.rect = z.rect.translate(dx, dy);
        z.title.rect = z.title.rect.translate(dx, dy);
        z.badges
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
    let title_w = text::width(&title, text::TITLE, true);
    let subtitle_text = subtitle.map(|s| {
        let w = text::width(&s, text::SOFTWARE, false);
        Text {
            text: s,
            rect: Rect::new(MARGIN, MARGIN + text::TITLE + 8.0, w, 16.0),
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
        (hubs, locks),
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
            rect: Rect::new(MARGIN, MARGIN, title_w, text::TITLE + 4.0),
        },
        subtitle: subtitle_text,
        hosts,
        nodes,
        edges,
        legend,
        zones,
        spread: super::zones::spread(design),
    }
}

pub(super) fn subtitle(design: &Design) -> Option<String> {
    // The name users reach the site by, as the write-up says it; none when the spec names none.
    let site = (!design.dns.is_empty() || design.domain.is_some()).then(|| design.site());
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
pub(super) fn legend(
    design: &Design,
    findings: &[&Finding],
    styles: &[EdgeStyle],
    (hubs, locks): (&[Hub], &[String]),
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
            EdgeStyle::Lookup => "DNS lookup",
            EdgeStyle::Plain => "unencrypted",
            EdgeStyle::Encrypted => "encrypted (TLS)",
            EdgeStyle::Replication => "replication",
            EdgeStyle::Standby => "standby (takes over the virtual IP)",
            EdgeStyle::Background => "background work (after the response)",
            EdgeStyle::Admin => "operators' access (admin)",
            EdgeStyle::Association => "installed on / protects",
            EdgeStyle::Reports => "a monitoring agent's reports",
            EdgeStyle::Local => "local file access (same host)",
        };
        let tw = text::width(label, text::LABEL, false);
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
    for hub in hubs {
        let meaning = hub.meaning.as_str();
        let gw = text::width(&hub.tag, text::TAG, false);
        let gap = if hub.tag.is_empty() { 0.0 } else { 10.0 };
        let tw = text::width(meaning, text::LABEL, false);
        let (ix, iy) = place(gw + gap + tw, &mut x, &mut y);
        items.push(LegendItem::Tag {
            tag: Text {
                text: hub.tag.clone(),
                rect: Rect::new(ix, iy, gw, LABEL_H),
            },
            text: Text {
                text: meaning.to_string(),
                rect: Rect::new(ix + gw + gap, iy, tw, LABEL_H),
            },
        });
    }
    for lock in locks {
        let tw = text::width(lock, text::LABEL, false);
        let (ix, iy) = place(22.0 + tw, &mut x, &mut y);
        items.push(LegendItem::Lock {
            sample: Rect::new(ix, iy - 1.0, 16.0, 16.0),
            text: Text {
                text: lock.clone(),
                rect: Rect::new(ix + 22.0, iy, tw, LABEL_H),
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
        let bw = text::width(code, text::BADGE, true) + 8.0;
        let tw = text::width(name, text::LABEL, false);
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
