//! The SVG carries the glyphs of its text: every character of every label maps to a glyph in
//! the `@font-face` subset of its weight, and a browser draws it as the PNG does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use base64::Engine;
use infradoc::render::{Theme, png, svg};
use infradoc::spec::vocabulary::Direction;

use crate::diagram::{design_of, diagram};
use crate::root;

/// The embedded fonts by weight ("normal", "bold").
fn faces(svg: &str) -> BTreeMap<String, Vec<u8>> {
    let mut faces = BTreeMap::new();
    for rule in svg.split("@font-face{").skip(1) {
        let weight = rule
            .split("font-weight:")
            .nth(1)
            .and_then(|r| r.split(';').next())
            .expect("a weight");
        let data = rule
            .split("base64,")
            .nth(1)
            .and_then(|r| r.split(')').next())
            .expect("data");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .expect("base64");
        faces.insert(weight.to_string(), bytes);
    }
    faces
}

/// The characters of the SVG's text, by weight, read as an XML reader reads them.
fn characters(svg: &str) -> BTreeMap<String, BTreeSet<char>> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is XML");
    let mut chars: BTreeMap<String, BTreeSet<char>> = BTreeMap::new();
    for text in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let weight = text.attribute("font-weight").unwrap_or("normal");
        chars
            .entry(weight.to_string())
            .or_default()
            .extend(text.text().unwrap_or("").chars());
    }
    chars
}

fn bundled(weight: &str) -> ttf_parser::Face<'static> {
    let bytes = match weight {
        "bold" => infradoc::layout::text::FONT_BOLD,
        _ => infradoc::layout::text::FONT_REGULAR,
    };
    ttf_parser::Face::parse(bytes, 0).unwrap()
}

fn spec_svgs() -> Vec<(String, String)> {
    let theme = Theme::load("default").unwrap();
    let mut files: Vec<_> = std::fs::read_dir(root().join("specs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let design = design_of(&std::fs::read_to_string(path).unwrap());
            let d = diagram(&design, Direction::TopToBottom);
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, svg::render(&d, &theme))
        })
        .collect()
}

#[test]
fn every_character_of_every_spec_has_a_glyph_in_its_weights_subset() {
    for (name, svg) in spec_svgs() {
        let faces = faces(&svg);
        let chars = characters(&svg);
        assert_eq!(
            faces.keys().collect::<Vec<_>>(),
            chars.keys().collect::<Vec<_>>(),
            "{name}: one face per weight used"
        );
        for (weight, chars) in &chars {
            let subset = ttf_parser::Face::parse(&faces[weight], 0).expect("the subset parses");
            let whole = bundled(weight);
            for c in chars.iter().filter(|c| whole.glyph_index(**c).is_some()) {
                let glyph = subset.glyph_index(*c);
                assert!(glyph.is_some(), "{name}: {c:?} ({weight}) has no glyph");
                assert_eq!(
                    subset.glyph_hor_advance(glyph.unwrap()),
                    whole.glyph_hor_advance(whole.glyph_index(*c).unwrap()),
                    "{name}: {c:?} ({weight}) is as wide as the layout measured it"
                );
            }
            // Nothing beyond what the text uses, bar .notdef and what the layout tables pull in.
            assert!(
                subset.number_of_glyphs() as usize <= chars.len() + 8,
                "{name}: {} glyphs for {} characters",
                subset.number_of_glyphs(),
                chars.len()
            );
        }
        let family = svg
            .split("font-family=\"&#39;")
            .nth(1)
            .and_then(|r| r.split("&#39;").next())
            .expect("a first family");
        assert!(
            family.starts_with("infradoc Noto Sans "),
            "{name}: {family}"
        );
        assert!(svg.contains(&format!("font-family:'{family}'")), "{name}");
        // The cost (docs/decisions/0012): 14-17 KB of base64 on specs/.
        let added: usize = faces.values().map(|f| f.len() * 4 / 3).sum();
        assert!(added < 20_000, "{name}: {added} bytes of fonts");
    }
}

#[test]
fn characters_the_font_lacks_leave_the_rest_embedded() {
    let design = design_of(
        "[design]\nname = \"t\"\ntitle = \"東京 · Zürich\"\n[components.web]\nkind = \"web-server\"\nsoftware = \"nginx ☃\"\n",
    );
    let svg = svg::render(
        &diagram(&design, Direction::TopToBottom),
        &Theme::load("default").unwrap(),
    );
    let faces = faces(&svg);
    let bold = ttf_parser::Face::parse(&faces["bold"], 0).unwrap();
    assert!(bold.glyph_index('ü').is_some());
    assert!(bold.glyph_index('東').is_none());
}

#[test]
fn the_png_is_drawn_from_the_svg_without_the_fonts() {
    let design = design_of("[design]\nname = \"t\"\n[components.web]\nkind = \"web-server\"\n");
    let d = diagram(&design, Direction::TopToBottom);
    let theme = Theme::load("default").unwrap();
    let named = svg::render_with(&d, &theme, svg::Glyphs::Named);
    assert!(!named.contains("@font-face"));
    assert!(named.contains("font-family=\"&#39;Noto Sans&#39;"));
    assert_eq!(
        png::render(&named, 1.0).unwrap(),
        png::render(&svg::render(&d, &theme), 1.0).unwrap(),
        "the embedded fonts change nothing in the PNG"
    );
}

/// Pixels of two same-sized RGBA PNGs that differ by more than a quarter of full scale.
fn differing_pixels(a: &[u8], b: &[u8]) -> Option<usize> {
    let decode = |bytes: &[u8]| {
        let mut reader = ::png::Decoder::new(std::io::Cursor::new(bytes.to_vec()))
            .read_info()
            .ok()?;
        let mut buf = vec![0; reader.output_buffer_size()?];
        let info = reader.next_frame(&mut buf).ok()?;
        let channels = info.color_type.samples();
        buf.truncate(info.buffer_size());
        let grey: Vec<u8> = buf
            .chunks(channels)
            .map(|p| ((u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3) as u8)
            .collect();
        Some(((info.width, info.height), grey))
    };
    let (size_a, a) = decode(a)?;
    let (size_b, b) = decode(b)?;
    (size_a == size_b).then(|| {
        a.iter()
            .zip(&b)
            .filter(|(x, y)| x.abs_diff(**y) > 64)
            .count()
    })
}

/// Chromium's screenshot of an SVG shown as an image at `scale`, or `None` without Chromium.
fn chromium(dir: &Path, name: &str, svg: &str, (w, h): (u32, u32), scale: u32) -> Option<Vec<u8>> {
    std::fs::write(dir.join(format!("{name}.svg")), svg).ok()?;
    let page = dir.join(format!("{name}.html"));
    std::fs::write(
        &page,
        format!(
            "<html><body style=\"margin:0\"><img src=\"{name}.svg\" width=\"{w}\"></body></html>"
        ),
    )
    .ok()?;
    let shot = dir.join(format!("{name}.png"));
    let status = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|browser| {
            Command::new(browser)
                .args([
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--hide-scrollbars",
                ])
                .arg(format!("--force-device-scale-factor={scale}"))
                .arg(format!("--window-size={w},{h}"))
                .arg(format!("--screenshot={}", shot.display()))
                .arg(format!("file://{}", page.display()))
                .output()
                .ok()
        })?;
    status.status.success().then(|| std::fs::read(&shot).ok())?
}

#[test]
fn a_browser_draws_the_labels_as_the_png_does_where_chromium_is_installed() {
    let text = std::fs::read_to_string(root().join("specs/0-simple_web_stack.toml")).unwrap();
    let d = diagram(&design_of(&text), Direction::TopToBottom);
    let theme = Theme::load("default").unwrap();
    let size = (d.width.ceil() as u32, d.height.ceil() as u32);
    let reference = png::render(&svg::render_with(&d, &theme, svg::Glyphs::Named), 2.0).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let Some(embedded) = chromium(dir.path(), "embedded", &svg::render(&d, &theme), size, 2) else {
        eprintln!("no Chromium: the browser comparison is skipped");
        return;
    };
    let named = chromium(
        dir.path(),
        "named",
        &svg::render_with(&d, &theme, svg::Glyphs::Named),
        size,
        2,
    )
    .expect("Chromium ran once");
    let with_fonts = differing_pixels(&embedded, &reference).expect("same size");
    let without = differing_pixels(&named, &reference).expect("same size");
    // Measured with Chromium 148 on a machine without Noto Sans: 3,471 of 1,259,600 pixels
    // differ with the fonts (anti-aliasing; the letters match), 34,822 (2.8 %) without. On a
    // machine with Noto Sans installed both are small; the first must be small everywhere.
    let pixels = (size.0 * 2 * size.1 * 2) as usize;
    assert!(
        with_fonts * 100 < pixels,
        "with the fonts {with_fonts} of {pixels} pixels differ from the PNG (without: {without})"
    );
}
