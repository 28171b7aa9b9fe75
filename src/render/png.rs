//! SVG -> PNG with resvg, using only the font compiled into the binary: the picture is the same
//! on a machine with no fonts at all, and text is never silently dropped.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::layout::text::{FONT_BOLD, FONT_FAMILY, FONT_REGULAR};

use super::RenderError;

fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_REGULAR.to_vec());
        db.load_font_data(FONT_BOLD.to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        db.set_serif_family(FONT_FAMILY);
        db.set_monospace_family(FONT_FAMILY);
        db.set_cursive_family(FONT_FAMILY);
        db.set_fantasy_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// The largest PNG made, in pixels: 50 megapixels, 200 MB of pixels in memory. A classic
/// design at 2x is about 4.
pub const MAX_PIXELS: u64 = 50_000_000;

/// Renders an SVG at `scale` and encodes it as PNG with fast compression.
pub fn render(svg: &str, scale: f32) -> Result<Vec<u8>, RenderError> {
    render_with_fonts(svg, scale, fonts())
}

/// As [`render`], with a given font database (tests compare against one with system fonts).
pub fn render_with_fonts(
    svg: &str,
    scale: f32,
    fonts: Arc<usvg::fontdb::Database>,
) -> Result<Vec<u8>, RenderError> {
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        fontdb: fonts,
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| RenderError::Png(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(RenderError::Png(format!(
            "a {w}x{h} picture is too large for a PNG (the limit is {} megapixels): use --no-png, or a smaller --scale",
            MAX_PIXELS / 1_000_000
        )));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w.max(1), h.max(1))
        .ok_or_else(|| RenderError::Png(format!("a {w}x{h} picture is too large")))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // The background is opaque, so the alpha channel is usually all 255: RGB is a quarter
    // smaller and faster to encode.
    let opaque = pixmap.pixels().iter().all(|p| p.alpha() == 255);
    let channels = if opaque { 3 } else { 4 };
    let mut data = Vec::with_capacity(pixmap.pixels().len() * channels);
    for pixel in pixmap.pixels() {
        let c = pixel.demultiply();
        data.extend_from_slice(&[c.red(), c.green(), c.blue()]);
        if !opaque {
            data.push(c.alpha());
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(if opaque {
        png::ColorType::Rgb
    } else {
        png::ColorType::Rgba
    });
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    // One fixed filter instead of trying all five on every row: a third faster; Paeth keeps
    // the file as small as the adaptive choice on these flat colours.
    encoder.set_filter(png::Filter::Paeth);
    let mut writer = encoder
        .write_header()
        .map_err(|e| RenderError::Png(e.to_string()))?;
    writer
        .write_image_data(&data)
        .map_err(|e| RenderError::Png(e.to_string()))?;
    writer
        .finish()
        .map_err(|e| RenderError::Png(e.to_string()))?;
    Ok(out)
}
