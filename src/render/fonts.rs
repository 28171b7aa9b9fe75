//! The glyphs an SVG's text uses, cut out of the bundled Noto Sans and carried in the SVG as
//! `@font-face` data, so that every browser sets the labels in the font the layout measured
//! (docs/decisions/0012).

use std::collections::BTreeSet;

use base64::Engine;
use read_fonts::FontRef;
use read_fonts::collections::IntSet;
use read_fonts::types::{GlyphId, NameId, Tag};
use skera::{Plan, SubsetFlags};

use crate::layout::text::{FONT_BOLD, FONT_REGULAR};

/// The characters set in each weight.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Used {
    pub regular: BTreeSet<char>,
    pub bold: BTreeSet<char>,
}

impl Used {
    /// The characters of every `<text>` element of an SVG body as `svg.rs` writes them: one
    /// element per line, bold ones with `font-weight="bold"`, content escaped by `svg::escape`.
    pub fn in_svg(svg: &str) -> Used {
        let mut used = Used::default();
        for line in svg.lines() {
            let Some(rest) = line.strip_prefix("<text ") else {
                continue;
            };
            let Some((attributes, content)) = rest.split_once('>') else {
                continue;
            };
            let content = content.strip_suffix("</text>").unwrap_or(content);
            let set = if attributes.contains("font-weight=\"bold\"") {
                &mut used.bold
            } else {
                &mut used.regular
            };
            set.extend(unescape(content).chars().filter(|c| !c.is_control()));
        }
        used
    }

    /// A family name for these glyphs alone: two SVGs with other subsets inlined in one HTML
    /// page must not take each other's glyphs, and a reader's own Noto Sans is never replaced.
    pub fn family(&self) -> String {
        // FNV-1a over both sets: the same characters give the same name on every machine.
        let mut hash: u32 = 0x811c_9dc5;
        let chars = self.regular.iter().copied().chain(['\u{0}']);
        for c in chars.chain(self.bold.iter().copied()) {
            for byte in u32::from(c).to_le_bytes() {
                hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
            }
        }
        format!("infradoc Noto Sans {hash:08x}")
    }
}

/// The `@font-face` rules for `used` under `family`, one per weight that has characters, each
/// the subset as `data:font/ttf`. `None` when a subset cannot be made (the SVG then names the
/// fonts only, as before).
pub fn face_rules(used: &Used, family: &str) -> Option<String> {
    let mut css = String::new();
    for (chars, bytes, weight) in [
        (&used.regular, FONT_REGULAR, "normal"),
        (&used.bold, FONT_BOLD, "bold"),
    ] {
        if chars.is_empty() {
            continue;
        }
        let font = subset(bytes, chars)?;
        css.push_str(&format!(
            "@font-face{{font-family:'{family}';font-weight:{weight};src:url(data:font/ttf;base64,{})}}",
            base64::engine::general_purpose::STANDARD.encode(font)
        ));
    }
    Some(css)
}

/// The tables a browser needs to draw the characters, with kerning kept (the PNG renderer
/// kerns too), hinting dropped, and the copyright and licence names the OFL asks to travel
/// with the font.
fn subset(font: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let font = FontRef::new(font).ok()?;
    let unicodes: IntSet<u32> = chars.iter().map(|c| u32::from(*c)).collect();
    let name_ids: IntSet<NameId> = [0u16, 1, 2, 3, 4, 5, 6, 13, 14]
        .into_iter()
        .map(NameId::new)
        .collect();
    let mut languages = IntSet::<u16>::empty();
    languages.insert(0x0409);
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let features: IntSet<Tag> = [b"kern", b"liga", b"ccmp", b"locl", b"mark", b"mkmk"]
        .into_iter()
        .map(Tag::new)
        .collect();
    let plan = Plan::new(
        &IntSet::<GlyphId>::empty(),
        &unicodes,
        &font,
        SubsetFlags::SUBSET_FLAGS_NO_HINTING,
        &IntSet::<Tag>::empty(),
        &scripts,
        &features,
        &name_ids,
        &languages,
    );
    skera::subset_font(&font, &plan).ok()
}

/// Undoes `svg::escape`.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_read_back_per_weight_and_unescaped() {
        let svg = "<svg>\n<text class=\"t\" x=\"1.0\" font-weight=\"bold\" fill=\"#000\">AB</text>\n\
                   <text class=\"m\" x=\"1.0\" fill=\"#000\">a &amp; b&lt;</text>\n<title>zz</title>\n";
        let used = Used::in_svg(svg);
        assert_eq!(used.bold, "AB".chars().collect());
        assert_eq!(used.regular, "a &b<".chars().collect());
    }

    #[test]
    fn the_family_name_follows_the_characters() {
        let a = Used::in_svg("<text x=\"1\">ab</text>\n");
        let b = Used::in_svg("<text x=\"1\">abc</text>\n");
        let bold = Used::in_svg("<text x=\"1\" font-weight=\"bold\">ab</text>\n");
        assert_eq!(
            a.family(),
            Used::in_svg("<text y=\"2\">ba</text>\n").family()
        );
        assert_ne!(a.family(), b.family());
        assert_ne!(a.family(), bold.family());
    }

    #[test]
    fn a_subset_maps_exactly_the_characters_asked_for() {
        let chars: BTreeSet<char> = "web-01 → ≥ é".chars().collect();
        let bytes = subset(FONT_REGULAR, &chars).expect("subset");
        assert!(
            bytes.len() < FONT_REGULAR.len() / 5,
            "{} bytes",
            bytes.len()
        );
        let face = ttf_parser::Face::parse(&bytes, 0).expect("the subset parses");
        for c in chars {
            let glyph = face
                .glyph_index(c)
                .unwrap_or_else(|| panic!("{c:?} has no glyph"));
            assert!(
                face.glyph_hor_advance(glyph).is_some_and(|a| a > 0),
                "{c:?}"
            );
        }
        assert!(face.glyph_index('z').is_none());
        let names: Vec<u16> = face.names().into_iter().map(|n| n.name_id).collect();
        assert!(names.contains(&0) && names.contains(&13), "{names:?}");
    }
}
