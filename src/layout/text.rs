//! Text widths from the bundled font's advances, so the layout reserves exactly the space the
//! SVG and PNG renderers will use.

use std::sync::OnceLock;

/// The font every diagram is set in; the PNG renderer loads the same bytes.
pub const FONT_REGULAR: &[u8] = notosans::REGULAR_TTF;
pub const FONT_BOLD: &[u8] = notosans::BOLD_TTF;
/// The family name inside the bundled font files.
pub const FONT_FAMILY: &str = "Noto Sans";

/// The type scale, in picture units: the layout measures text at these sizes and the renderers
/// draw it at them. Nothing is set smaller than [`SMALLEST`]: a picture shown at 900 px keeps
/// it at 9 px or more up to 1,000 units wide.
pub const TITLE: f32 = 16.0;
/// Components' names.
pub const NAME: f32 = 12.0;
/// Software lines, the subtitle, hosts' and zones' titles.
pub const SOFTWARE: f32 = 11.0;
/// Link labels and the legend's text.
pub const LABEL: f32 = 10.0;
/// Tags after a name ("managed", "virtual IP") and in the legend.
pub const TAG: f32 = 10.0;
/// Finding codes in badges.
pub const BADGE: f32 = 10.0;
/// The smallest of the sizes above.
pub const SMALLEST: f32 = 10.0;

struct Metrics {
    units_per_em: f32,
    /// Advances of the first 256 code points; others are looked up in `fallback`.
    ascii: Vec<u16>,
    fallback: u16,
}

fn metrics(bytes: &'static [u8]) -> Metrics {
    match ttf_parser::Face::parse(bytes, 0) {
        Ok(face) => {
            let advance = |c: char| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g));
            let fallback = advance('n').unwrap_or(500);
            Metrics {
                units_per_em: f32::from(face.units_per_em()),
                ascii: (0..256u32)
                    .map(|c| char::from_u32(c).and_then(advance).unwrap_or(fallback))
                    .collect(),
                fallback,
            }
        }
        // The bytes are compiled in and parse; an average advance keeps layout going anyway.
        Err(_) => Metrics {
            units_per_em: 1000.0,
            ascii: vec![550; 256],
            fallback: 550,
        },
    }
}

fn regular() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| metrics(FONT_REGULAR))
}

fn bold() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| metrics(FONT_BOLD))
}

/// The width of `text` at `size` pixels. Characters beyond Latin-1 count as an average glyph
/// (the renderer may draw them with another font; the box then has some slack).
pub fn width(text: &str, size: f32, is_bold: bool) -> f32 {
    let m = if is_bold { bold() } else { regular() };
    let units: u32 = text
        .chars()
        .map(|c| u32::from(m.ascii.get(c as usize).copied().unwrap_or(m.fallback)))
        .sum();
    units as f32 * size / m.units_per_em
}

/// Shortens text to at most `max` characters, ending with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_weight() {
        let a = width("nginx", 12.0, false);
        assert!(a > 20.0 && a < 40.0, "{a}");
        assert!(width("nginx", 12.0, true) > a);
        assert!(width("nginx-1", 12.0, false) > a);
        assert_eq!(width("", 12.0, false), 0.0);
    }

    #[test]
    fn clipping_keeps_short_text() {
        assert_eq!(clip("abc", 5), "abc");
        assert_eq!(clip("abcdef", 4), "abc…");
    }
}

#[cfg(test)]
mod scale_tests {
    use super::*;

    #[test]
    fn smallest_is_the_least_size_of_the_scale() {
        let least = [TITLE, NAME, SOFTWARE, LABEL, TAG, BADGE]
            .into_iter()
            .fold(f32::MAX, f32::min);
        assert_eq!(SMALLEST, least);
    }
}
