//! The zones' frames in the SVG: a region is a thin solid outline, an availability zone a
//! dashed one, a network a tinted area (a public network its own tint), each titled at its
//! top left with its badges. Frames are drawn outermost first, under the hosts.

use std::fmt::Write;

use crate::layout::text as size;
use crate::layout::{Diagram, ZoneBox};
use crate::spec::ZoneKind;

use super::svg::{badge, escape, n, text};
use super::theme::Palette;

/// The CSS that recolours the frames for a palette (the dark half of `auto`); none when there
/// are no frames.
pub(super) fn css(d: &Diagram, p: &Palette) -> String {
    if d.zones.is_empty() {
        return String::new();
    }
    format!(
        ".zone{{stroke:{}}}.network{{fill:{}}}.network.public{{fill:{}}}",
        p.zone(),
        p.network(),
        p.public_network()
    )
}

/// Every frame, with its title and badges.
pub(super) fn frames(s: &mut String, d: &Diagram, p: &Palette) {
    for zone in &d.zones {
        frame(s, zone, p);
    }
}

fn frame(s: &mut String, zone: &ZoneBox, p: &Palette) {
    let r = zone.rect;
    let _ = writeln!(s, "<g id=\"{}\">", escape(&zone.dom_id));
    let (class, paint) = match zone.kind {
        ZoneKind::Region => (
            "zone",
            format!("fill=\"none\" stroke=\"{}\" stroke-width=\"1\"", p.zone()),
        ),
        ZoneKind::AvailabilityZone => (
            "zone",
            format!(
                "fill=\"none\" stroke=\"{}\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"",
                p.zone()
            ),
        ),
        ZoneKind::Network if zone.public => {
            ("network public", format!("fill=\"{}\"", p.public_network()))
        }
        ZoneKind::Network => ("network", format!("fill=\"{}\"", p.network())),
    };
    let _ = writeln!(
        s,
        "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\" {paint}/>",
        n(r.x),
        n(r.y),
        n(r.w),
        n(r.h),
    );
    match zone.kind {
        ZoneKind::Region => text(s, &zone.title, size::SOFTWARE, true, "t", &p.text),
        _ => text(s, &zone.title, size::SOFTWARE, true, "m", &p.muted),
    }
    for b in &zone.badges {
        badge(s, b, p);
    }
    s.push_str("</g>\n");
}

/// A tooltip naming the zones a managed component is spread over, inside its box's group.
pub(super) fn tooltip(s: &mut String, d: &Diagram, dom_id: &str) {
    for spread in d.spread.iter().filter(|x| x.dom_id == dom_id) {
        let _ = writeln!(s, "<title>{}</title>", escape(&spread.text));
    }
}
