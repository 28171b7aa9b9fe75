//! Diagram + theme -> SVG. Self-contained (icons inline as symbols, no external references),
//! text as text, ids derived from component ids, numbers with one decimal: the same diagram
//! gives the same bytes.

use std::fmt::Write;

use crate::diagnostic::Severity;
use crate::layout::text as size;
use crate::layout::{Badge, Diagram, EdgeStyle, NodeStyle, Rect, Text};
use crate::spec::{Kind, Vocabulary};

use super::theme::{Palette, Theme};

const FONT_STACK: &str = "'Noto Sans', 'Segoe UI', Helvetica, Arial, sans-serif";

/// Escapes text for SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 does not allow become a replacement character.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn n(v: f32) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    // -0.0 prints as "-0.0"; keep output stable.
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    format!("{rounded:.1}")
}

fn style_class(style: EdgeStyle) -> &'static str {
    match style {
        EdgeStyle::Lookup => "lookup",
        EdgeStyle::Plain => "plain",
        EdgeStyle::Encrypted => "encrypted",
        EdgeStyle::Replication => "replication",
        EdgeStyle::Standby => "standby",
        EdgeStyle::Background => "background",
        EdgeStyle::Admin => "admin",
        EdgeStyle::Association => "association",
        EdgeStyle::Reports => "reports",
        EdgeStyle::Local => "local",
    }
}

fn edge_color(p: &Palette, style: EdgeStyle) -> &str {
    match style {
        EdgeStyle::Lookup => p.lookup(),
        EdgeStyle::Plain => &p.edge_plain,
        EdgeStyle::Encrypted => &p.edge_encrypted,
        EdgeStyle::Replication => &p.edge_replication,
        EdgeStyle::Standby => &p.muted,
        EdgeStyle::Background => p.background_work(),
        EdgeStyle::Admin => p.admin(),
        EdgeStyle::Association | EdgeStyle::Reports => &p.edge_association,
        EdgeStyle::Local => &p.muted,
    }
}

/// Dashes tell the styles apart without colour: long for replication, even for the standby
/// holder, short for background work, dash-dot for operators, dotted for ties, sparse dots for
/// monitoring reports, fine even dots for the DNS lookup; local file access is a thin solid
/// grey line.
fn dash(style: EdgeStyle) -> &'static str {
    match style {
        EdgeStyle::Lookup => " stroke-dasharray=\"2 2\"",
        EdgeStyle::Replication => " stroke-dasharray=\"6 4\"",
        EdgeStyle::Standby => " stroke-dasharray=\"5 3\"",
        EdgeStyle::Background => " stroke-dasharray=\"3 2\"",
        EdgeStyle::Admin => " stroke-dasharray=\"7 3 1.5 3\"",
        EdgeStyle::Association => " stroke-dasharray=\"2 3\"",
        EdgeStyle::Reports => " stroke-dasharray=\"1 4\" stroke-linecap=\"round\"",
        EdgeStyle::Plain | EdgeStyle::Encrypted | EdgeStyle::Local => "",
    }
}

const EDGE_STYLES: [EdgeStyle; 10] = [
    EdgeStyle::Lookup,
    EdgeStyle::Plain,
    EdgeStyle::Encrypted,
    EdgeStyle::Replication,
    EdgeStyle::Standby,
    EdgeStyle::Background,
    EdgeStyle::Admin,
    EdgeStyle::Association,
    EdgeStyle::Reports,
    EdgeStyle::Local,
];

fn severity_color(p: &Palette, s: Severity) -> &str {
    match s {
        Severity::Error => &p.error,
        Severity::Warning => &p.warning,
        Severity::Info => &p.info,
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// The product mark drawn on a box: its software's, when the theme draws marks.
fn node_mark(theme: &Theme, node: &crate::layout::NodeBox) -> Option<&'static super::marks::Mark> {
    if !theme.marks || node.style == NodeStyle::VirtualIp {
        return None;
    }
    super::marks::for_software(&node.software.as_ref()?.text)
}

/// The CSS that recolours every element for a palette (used for the dark half of `auto`).
fn css(p: &Palette) -> String {
    format!(
        ".bg{{fill:{bg}}}.t{{fill:{text}}}.m{{fill:{muted}}}.host{{fill:{hf};stroke:{hs}}}.host.public{{stroke:{hp}}}\
         .node{{fill:{nf};stroke:{ns}}}.icon{{color:{icon}}}.label{{fill:{lf}}}\
         .node.managed{{stroke:{muted}}}.vip{{fill:{hf};stroke:{icon}}}\
         .lookup{{stroke:{el}}}.arrow-lookup{{fill:{el}}}.plain{{stroke:{ep}}}.encrypted{{stroke:{ee}}}.replication{{stroke:{er}}}.association{{stroke:{ea}}}\
         .standby{{stroke:{muted}}}.reports{{stroke:{ea}}}.local{{stroke:{muted}}}.background{{stroke:{eb}}}.admin{{stroke:{ead}}}\
         .arrow-plain{{fill:{ep}}}.arrow-encrypted{{fill:{ee}}}.arrow-replication{{fill:{er}}}.arrow-association{{fill:{ea}}}\
         .arrow-standby{{fill:{muted}}}.arrow-reports{{fill:{ea}}}.arrow-local{{fill:{muted}}}.arrow-background{{fill:{eb}}}.arrow-admin{{fill:{ead}}}\
         .error{{fill:{err}}}.warning{{fill:{warn}}}.info{{fill:{info}}}.bt{{fill:{bt}}}",
        bg = p.background,
        text = p.text,
        muted = p.muted,
        hf = p.host_fill,
        hs = p.host_stroke,
        hp = p.host_public_stroke,
        nf = p.node_fill,
        ns = p.node_stroke,
        icon = p.icon,
        lf = p.label_fill,
        ep = p.edge_plain,
        ee = p.edge_encrypted,
        er = p.edge_replication,
        ea = p.edge_association,
        eb = p.background_work(),
        ead = p.admin(),
        el = p.lookup(),
        err = p.error,
        warn = p.warning,
        info = p.info,
        bt = p.badge_text,
    )
}

/// Renders the diagram. With a theme that has a dark palette, the SVG carries both and follows
/// the reader's colour scheme; the explicit attributes always hold the light one, so renderers
/// without CSS (and the PNG) draw it.
pub fn render(d: &Diagram, theme: &Theme) -> String {
    render_with(d, theme, Glyphs::Embedded)
}

/// Whether the SVG carries the glyphs its text uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Glyphs {
    /// A subset of the bundled font as `@font-face` data: the same letters in every browser.
    Embedded,
    /// The font named only: for the PNG renderer, which has the whole font already.
    Named,
}

/// [`render`], choosing whether the glyphs travel with the SVG.
pub fn render_with(d: &Diagram, theme: &Theme, glyphs: Glyphs) -> String {
    let body = body(d, theme);
    let used = match glyphs {
        Glyphs::Embedded => Some(super::fonts::Used::in_svg(&body)),
        Glyphs::Named => None,
    };
    let faces = used.as_ref().and_then(|used| {
        let family = used.family();
        super::fonts::face_rules(used, &family).map(|rules| (family, rules))
    });
    let font = match &faces {
        Some((family, _)) => format!("'{family}', {FONT_STACK}"),
        None => FONT_STACK.to_string(),
    };
    let mut s = String::with_capacity(body.len() + 32 * 1024);
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"{font}\">",
        w = n(d.width),
        h = n(d.height),
        font = escape(&font),
    );
    let _ = writeln!(s, "<title>{}</title>", escape(&d.title.text));
    if let Some((_, rules)) = &faces {
        let _ = writeln!(s, "<style>{rules}</style>");
    }
    if let Some(dark) = &theme.dark {
        let _ = writeln!(
            s,
            "<style>@media (prefers-color-scheme: dark){{{}{}}}</style>",
            css(dark),
            super::frames::css(d, dark)
        );
    }
    s.push_str(&body);
    s
}

/// Everything after the `<svg>` element's title and styles.
fn body(d: &Diagram, theme: &Theme) -> String {
    let p = &theme.palette;
    let mut s = String::with_capacity(16 * 1024);
    s.push_str("<defs>\n");
    for kind in Kind::ALL {
        if d.nodes.iter().any(|node| node.kind == *kind) {
            let _ = writeln!(
                s,
                "<symbol id=\"icon-{}\" viewBox=\"0 0 24 24\">{}</symbol>",
                kind.as_str(),
                theme.icon(*kind)
            );
        }
    }
    // Each box's product mark, looked up once; each mark drawn is defined once, in
    // marks.toml's order.
    let marks: Vec<Option<&super::marks::Mark>> =
        d.nodes.iter().map(|node| node_mark(theme, node)).collect();
    for mark in super::marks::all()
        .iter()
        .filter(|m| marks.iter().flatten().any(|x| x.slug == m.slug))
    {
        let _ = writeln!(
            s,
            "<symbol id=\"mark-{}\" viewBox=\"0 0 24 24\"><title>{}</title><path d=\"{}\"/></symbol>",
            mark.slug,
            escape(&mark.title),
            escape(&mark.path)
        );
    }
    // A marker for each style drawn, like the icons.
    for style in EDGE_STYLES
        .into_iter()
        .filter(|style| d.edges.iter().any(|e| e.style == *style))
    {
        let class = style_class(style);
        let _ = writeln!(
            s,
            "<marker id=\"arrow-{class}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path class=\"arrow-{class}\" d=\"M0 0L10 5L0 10z\" fill=\"{}\"/></marker>",
            edge_color(p, style)
        );
    }
    s.push_str("</defs>\n");
    let _ = writeln!(
        s,
        "<rect class=\"bg\" width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        p.background
    );
    text(&mut s, &d.title, size::TITLE, true, "t", &p.text);
    if let Some(sub) = &d.subtitle {
        text(&mut s, sub, size::SOFTWARE, false, "m", &p.muted);
    }
    super::frames::frames(&mut s, d, p);
    for host in &d.hosts {
        let (class, stroke) = if host.public {
            ("host public", &p.host_public_stroke)
        } else {
            ("host", &p.host_stroke)
        };
        let _ = writeln!(s, "<g id=\"{}\">", escape(&host.dom_id));
        // A folded pool: two edges behind the box, like a stack of cards.
        if host.stack > 1 {
            for k in [2.0, 1.0] {
                let _ = writeln!(
                    s,
                    "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{}\" stroke=\"{stroke}\" stroke-width=\"1\"/>",
                    n(host.rect.x + 4.0 * k),
                    n(host.rect.y + 4.0 * k),
                    n(host.rect.w),
                    n(host.rect.h),
                    p.host_fill,
                );
            }
        }
        let _ = writeln!(
            s,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{}\" stroke=\"{stroke}\" stroke-width=\"1.2\"{}/>",
            n(host.rect.x),
            n(host.rect.y),
            n(host.rect.w),
            n(host.rect.h),
            p.host_fill,
            if host.public {
                ""
            } else {
                " stroke-dasharray=\"5 3\""
            }
        );
        text(&mut s, &host.title, size::SOFTWARE, true, "m", &p.muted);
        for b in &host.badges {
            badge(&mut s, b, p);
        }
        s.push_str("</g>\n");
    }
    for e in &d.edges {
        let class = style_class(e.style);
        let _ = writeln!(s, "<g id=\"{}\">", escape(&e.dom_id));
        let mut path = String::new();
        for (i, (x, y)) in e.points.iter().enumerate() {
            let _ = write!(
                path,
                "{}{} {}",
                if i == 0 { "M" } else { "L" },
                n(*x),
                n(*y)
            );
        }
        let dash = dash(e.style);
        let width = match e.style {
            EdgeStyle::Encrypted => "2",
            EdgeStyle::Admin | EdgeStyle::Background | EdgeStyle::Local | EdgeStyle::Lookup => {
                "1.2"
            }
            EdgeStyle::Reports => "1",
            _ => "1.4",
        };
        let _ = writeln!(
            s,
            "<path class=\"{class}\" d=\"{path}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{width}\"{dash} marker-end=\"url(#arrow-{class})\"/>",
            edge_color(p, e.style)
        );
        if let Some(label) = &e.label {
            let r = label.rect;
            let _ = writeln!(
                s,
                "<rect class=\"label\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{}\" fill-opacity=\"0.9\"/>",
                n(r.x),
                n(r.y),
                n(r.w),
                n(r.h),
                p.label_fill
            );
            let centered = Text {
                text: label.text.clone(),
                rect: Rect::new(r.x + 3.0, r.y, r.w - 6.0, r.h),
            };
            text(&mut s, &centered, size::LABEL, false, "m", &p.muted);
        }
        s.push_str("</g>\n");
    }
    for (node, mark) in d.nodes.iter().zip(&marks) {
        let r = node.rect;
        let _ = writeln!(s, "<g id=\"{}\">", escape(&node.dom_id));
        super::frames::tooltip(&mut s, d, &node.dom_id);
        let (class, fill, stroke, extra) = match node.style {
            NodeStyle::Component => ("node", &p.node_fill, &p.node_stroke, ""),
            // The DNS box is run by a provider too.
            NodeStyle::Managed | NodeStyle::Lookup => (
                "node managed",
                &p.node_fill,
                &p.muted,
                " stroke-dasharray=\"5 3\"",
            ),
            NodeStyle::VirtualIp => ("vip", &p.host_fill, &p.icon, ""),
        };
        // A virtual IP is a pill: an address, not a machine.
        let rx = if node.style == NodeStyle::VirtualIp {
            n((r.h / 2.0).min(22.0))
        } else {
            "6".to_string()
        };
        let _ = writeln!(
            s,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.2\"{extra}/>",
            n(r.x),
            n(r.y),
            n(r.w),
            n(r.h),
            rx,
        );
        let i = node.icon;
        let _ = writeln!(
            s,
            "<use class=\"icon\" href=\"#icon-{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" color=\"{}\"/>",
            node.kind.as_str(),
            n(i.x),
            n(i.y),
            n(i.w),
            n(i.h),
            p.icon
        );
        // A product mark sits on the kind icon's lower right corner, on a white disc that
        // keeps dark brand colours visible on dark themes.
        if let Some(mark) = mark {
            let (cx, cy) = (i.x + i.w - 4.0, i.y + i.h - 3.0);
            let _ = writeln!(
                s,
                "<circle class=\"mark\" cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"0.8\"/><use href=\"#mark-{}\" x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"#{}\"/>",
                n(cx),
                n(cy),
                p.node_stroke,
                mark.slug,
                n(cx - 5.0),
                n(cy - 5.0),
                mark.hex
            );
        }
        text(&mut s, &node.name, size::NAME, true, "t", &p.text);
        if let Some(sw) = &node.software {
            text(&mut s, sw, size::SOFTWARE, false, "m", &p.muted);
        }
        if let Some(tag) = &node.tag {
            text(&mut s, tag, size::TAG, false, "m", &p.muted);
        }
        for b in &node.badges {
            badge(&mut s, b, p);
        }
        for l in &node.locks {
            lock(&mut s, l.rect, Some(&l.text), p);
        }
        s.push_str("</g>\n");
    }
    legend(&mut s, d, p);
    s.push_str("</svg>\n");
    s
}

fn legend(s: &mut String, d: &Diagram, p: &Palette) {
    if d.legend.is_empty() {
        return;
    }
    s.push_str("<g id=\"legend\">\n");
    for item in &d.legend {
        match item {
            crate::layout::LegendItem::Edge {
                style,
                text: t,
                sample,
            } => {
                let class = style_class(*style);
                let dash = dash(*style);
                let _ = writeln!(
                    s,
                    "<path class=\"{class}\" d=\"M{} {}L{} {}\" stroke=\"{}\" stroke-width=\"2\"{dash} marker-end=\"url(#arrow-{class})\"/>",
                    n(sample.x),
                    n(sample.y),
                    n(sample.right()),
                    n(sample.y),
                    edge_color(p, *style)
                );
                text(s, t, size::LABEL, false, "m", &p.muted);
            }
            crate::layout::LegendItem::Tag { tag, text: t } => {
                if !tag.text.is_empty() {
                    text(s, tag, size::TAG, false, "m", &p.muted);
                }
                text(s, t, size::LABEL, false, "m", &p.muted);
            }
            crate::layout::LegendItem::Lock { sample, text: t } => {
                lock(s, *sample, None, p);
                text(s, t, size::LABEL, false, "m", &p.muted);
            }
            crate::layout::LegendItem::Badge { badge: b, text: t } => {
                badge(s, b, p);
                text(s, t, size::LABEL, false, "m", &p.muted);
            }
        }
    }
    s.push_str("</g>\n");
}

/// A padlock in `r` (16 x 16) on a disc of the box colour, in the encrypted links' colour:
/// a TLS certificate installed on the box it sits on, named in its tooltip.
fn lock(s: &mut String, r: Rect, tooltip: Option<&str>, p: &Palette) {
    let (x, y) = (r.x, r.y);
    s.push_str("<g class=\"lock\">");
    if let Some(t) = tooltip {
        let _ = write!(s, "<title>{}</title>", escape(t));
    }
    let _ = write!(
        s,
        "<circle cx=\"{}\" cy=\"{}\" r=\"8\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>\
         <path d=\"M{} {}v-2.2a2.8 2.8 0 0 1 5.6 0v2.2\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.4\"/>\
         <rect x=\"{}\" y=\"{}\" width=\"8\" height=\"6\" rx=\"1.2\" fill=\"{}\"/>",
        n(x + 8.0),
        n(y + 8.0),
        p.node_fill,
        p.edge_encrypted,
        n(x + 5.2),
        n(y + 7.5),
        p.edge_encrypted,
        n(x + 4.0),
        n(y + 7.0),
        p.edge_encrypted,
    );
    s.push_str("</g>\n");
}

pub(super) fn badge(s: &mut String, b: &Badge, p: &Palette) {
    let r = b.rect;
    let class = severity_class(b.severity);
    let _ = writeln!(
        s,
        "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"7\" fill=\"{}\"/>",
        n(r.x),
        n(r.y),
        n(r.w),
        n(r.h),
        severity_color(p, b.severity)
    );
    let t = Text {
        text: b.code.to_string(),
        rect: Rect::new(r.x + 4.0, r.y + 1.0, r.w - 8.0, r.h - 2.0),
    };
    text(s, &t, size::BADGE, true, "bt", &p.badge_text);
}

/// A line of text whose box is `t.rect`: baseline at about 78% of the box.
pub(super) fn text(s: &mut String, t: &Text, size: f32, bold: bool, class: &str, fill: &str) {
    let baseline = t.rect.y + t.rect.h * 0.5 + size * 0.36;
    let _ = writeln!(
        s,
        "<text class=\"{class}\" x=\"{}\" y=\"{}\" font-size=\"{}\"{} fill=\"{fill}\">{}</text>",
        n(t.rect.x),
        n(baseline),
        n(size),
        if bold { " font-weight=\"bold\"" } else { "" },
        escape(&t.text)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_markup_out() {
        assert_eq!(
            escape("</text><script>&\"'"),
            "&lt;/text&gt;&lt;script&gt;&amp;&quot;&#39;"
        );
        assert_eq!(escape("a\u{1}b"), "a\u{FFFD}b");
    }

    #[test]
    fn numbers_have_one_decimal() {
        assert_eq!(n(1.0), "1.0");
        assert_eq!(n(-0.04), "0.0");
        assert_eq!(n(2.25), "2.3");
    }
}
