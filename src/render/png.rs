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
/// design at 2x is about 4. A larger picture is drawn at the largest scale that fits.
pub const MAX_PIXELS: u64 = 50_000_000;

/// The scale a `width` x `height` picture (in SVG units) is drawn at when `scale` is asked
/// for: `scale` itself, or less when the PNG would pass [`MAX_PIXELS`].
pub fn fitted_scale(width: f32, height: f32, scale: f32) -> f32 {
    fit(width, height, scale, MAX_PIXELS)
}

fn fit(width: f32, height: f32, scale: f32, max_pixels: u64) -> f32 {
    let pixels = |s: f32| ((width * s).ceil() as u64).max(1) * ((height * s).ceil() as u64).max(1);
    if pixels(scale) <= max_pixels {
        return scale;
    }
    // The exact bound, then down by small steps until the rounded-up size fits.
    let mut s = ((max_pixels as f64) / (f64::from(width) * f64::from(height))).sqrt() as f32;
    while s > 0.0 && pixels(s) > max_pixels {
        s *= 0.999;
    }
    s
}

/// Renders an SVG at `scale` (less when the picture would pass [`MAX_PIXELS`]: see
/// [`fitted_scale`]) and encodes it as PNG with fast compression.
pub fn render(svg: &str, scale: f32) -> Result<Vec<u8>, RenderError> {
    render_with_fonts(svg, scale, fonts())
}

/// As [`render`], with a given font database (tests compare against one with system fonts).
pub fn render_with_fonts(
    svg: &str,
    scale: f32,
    fonts: Arc<usvg::fontdb::Database>,
) -> Result<Vec<u8>, RenderError> {
    render_within(svg, scale, fonts, MAX_PIXELS)
}

fn render_within(
    svg: &str,
    scale: f32,
    fonts: Arc<usvg::fontdb::Database>,
    max_pixels: u64,
) -> Result<Vec<u8>, RenderError> {
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        fontdb: fonts,
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| RenderError::Png(e.to_string()))?;
    let size = tree.size();
    let scale = fit(size.width(), size.height(), scale, max_pixels);
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let bands = rasterize(&tree, scale, w.max(1), h.max(1), BANDS)?;
    encode(&bands, w.max(1), h.max(1))
}

/// How many horizontal bands a picture is drawn in. Fixed, whatever the number of cores, so the
/// pixels never depend on the machine; two bands halve the drawing time on two cores.
const BANDS: u32 = 2;

/// Draws the picture in `count` horizontal bands, each on its own thread. Each band is the
/// whole picture moved up by a whole number of pixels, so the bands meet without a seam.
fn rasterize(
    tree: &usvg::Tree,
    scale: f32,
    w: u32,
    h: u32,
    count: u32,
) -> Result<Vec<tiny_skia::Pixmap>, RenderError> {
    let band_height = h.div_ceil(count.max(1));
    let draw = |top: u32| -> Result<tiny_skia::Pixmap, RenderError> {
        let height = band_height.min(h - top);
        let mut pixmap = tiny_skia::Pixmap::new(w, height)
            .ok_or_else(|| RenderError::Png(format!("a {w}x{h} picture is too large")))?;
        let transform =
            tiny_skia::Transform::from_scale(scale, scale).post_translate(0.0, -(top as f32));
        resvg::render(tree, transform, &mut pixmap.as_mut());
        Ok(pixmap)
    };
    let tops: Vec<u32> = (0..count.max(1))
        .map(|b| b * band_height)
        .filter(|&top| top < h)
        .collect();
    std::thread::scope(|scope| {
        let others: Vec<_> = tops[1..]
            .iter()
            .map(|&top| scope.spawn(move || draw(top)))
            .collect();
        let mut bands = vec![draw(0)?];
        for other in others {
            bands.push(
                other
                    .join()
                    .map_err(|_| RenderError::Png("drawing the picture failed".into()))??,
            );
        }
        Ok(bands)
    })
}

/// Encodes the bands, top to bottom, as one PNG with fast compression, a row at a time.
fn encode(bands: &[tiny_skia::Pixmap], w: u32, h: u32) -> Result<Vec<u8>, RenderError> {
    // The background is opaque, so the alpha channel is usually all 255: RGB is a quarter
    // smaller and faster to encode, and an opaque pixel's premultiplied colour is its colour.
    let opaque = bands
        .iter()
        .all(|b| b.data().chunks_exact(4).all(|p| p[3] == 255));
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
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
    let png_error = |e: png::EncodingError| RenderError::Png(e.to_string());
    let mut writer = encoder.write_header().map_err(png_error)?;
    let mut stream = writer.stream_writer().map_err(png_error)?;
    let channels = if opaque { 3 } else { 4 };
    let mut row = vec![0u8; w as usize * channels];
    for band in bands {
        for pixels in band.pixels().chunks_exact(w as usize) {
            if opaque {
                for (to, from) in row.chunks_exact_mut(3).zip(pixels) {
                    to.copy_from_slice(&[from.red(), from.green(), from.blue()]);
                }
            } else {
                for (to, from) in row.chunks_exact_mut(4).zip(pixels) {
                    let c = from.demultiply();
                    to.copy_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
                }
            }
            std::io::Write::write_all(&mut stream, &row)
                .map_err(|e| RenderError::Png(e.to_string()))?;
        }
    }
    stream.finish().map_err(png_error)?;
    writer.finish().map_err(png_error)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shapes, a diagonal line and text across the middle, where the two bands meet.
    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="240" height="101">
        <rect x="10.5" y="30.3" width="100" height="40" rx="6" fill="#eef" stroke="#336"/>
        <path d="M 0 0 L 240 101" stroke="#c00" stroke-width="1.5"/>
        <circle cx="180" cy="50.5" r="30" fill="none" stroke="#080" stroke-width="3"/>
        <text x="20" y="55" font-size="14" font-family="Noto Sans">band edge</text>
    </svg>"##;

    #[test]
    fn bands_meet_without_a_seam() {
        let options = usvg::Options {
            font_family: FONT_FAMILY.to_string(),
            fontdb: fonts(),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(SVG, &options).unwrap();
        let (w, h) = (480, 202);
        let mut whole = tiny_skia::Pixmap::new(w, h).unwrap();
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(2.0, 2.0),
            &mut whole.as_mut(),
        );
        let bands = rasterize(&tree, 2.0, w, h, 3).unwrap();
        assert_eq!(bands.len(), 3);
        assert_eq!(bands.iter().map(|b| b.height()).sum::<u32>(), h);
        let banded: Vec<u8> = bands.iter().flat_map(|b| b.data().to_vec()).collect();
        let whole = whole.data();
        assert_eq!(banded.len(), whole.len());
        // tiny-skia's anti-aliasing depends a little on the size of what it draws into, so
        // edge pixels may differ by a shade (at most a quarter); nothing may move or vanish.
        let differing = banded.iter().zip(whole).filter(|(a, b)| a != b).count();
        let worst = banded
            .iter()
            .zip(whole)
            .map(|(a, b)| a.abs_diff(*b))
            .max()
            .unwrap();
        assert!(differing < whole.len() / 100, "{differing} bytes differ");
        assert!(worst <= 64, "a pixel differs by {worst}");
        assert!(
            whole.chunks_exact(4).any(|p| p[3] != 0),
            "nothing was drawn"
        );
    }

    fn decode(png: Vec<u8>) -> (png::OutputInfo, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (info, buf)
    }

    #[test]
    fn a_picture_with_transparency_is_rgba_and_reads_back() {
        // Transparent only in its last rows, in the second band.
        let (info, pixels) = decode(
            render(
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="3" height="100"><rect width="3" height="99" fill="#ff0000"/></svg>"##,
                2.0,
            )
            .unwrap(),
        );
        assert_eq!((info.width, info.height), (6, 200));
        assert_eq!(info.color_type, png::ColorType::Rgba);
        assert_eq!(&pixels[..4], [255, 0, 0, 255]);
        assert_eq!(&pixels[pixels.len() - 4..], [0, 0, 0, 0]);
    }

    #[test]
    fn a_picture_past_the_limit_is_drawn_smaller_not_refused() {
        // 100x50 at 2x is 20,000 pixels; with a limit of 5,000 it is drawn at scale 1.
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50" fill="#123456"/></svg>"##;
        let (info, _) = decode(render_within(svg, 2.0, fonts(), 5_000).unwrap());
        assert!(u64::from(info.width) * u64::from(info.height) <= 5_000);
        assert!(
            info.width >= 99 && info.height >= 49,
            "{}x{}",
            info.width,
            info.height
        );
        assert_eq!(fit(100.0, 50.0, 2.0, 20_000), 2.0);
        let s = fitted_scale(20_000.0, 20_000.0, 2.0);
        assert!(s < 2.0 && (20_000.0 * s).ceil().powi(2) as u64 <= MAX_PIXELS);
    }

    #[test]
    fn an_opaque_picture_is_rgb_and_reads_back() {
        let png = render(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="7"><rect width="10" height="7" fill="#123456"/></svg>"##,
            2.0,
        )
        .unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (20, 14));
        assert_eq!(info.color_type, png::ColorType::Rgb);
        assert!(
            buf[..info.buffer_size()]
                .chunks_exact(3)
                .all(|p| p == [0x12, 0x34, 0x56])
        );
    }
}
