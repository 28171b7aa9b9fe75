//! The write-up as one self-contained HTML page: the Markdown rendered with pulldown-cmark, the
//! diagram's SVG inline, CSS for light and dark that also fits a phone's screen.

use pulldown_cmark::{Options, Parser, html};

const CSS: &str = "body{font-family:'Noto Sans',system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#1f2328;background:#fff;overflow-wrap:break-word}\
code{font-size:.9em;background:#f0f2f4;padding:.1em .3em;border-radius:4px}table{border-collapse:collapse}td,th{border:1px solid #d1d9e0;padding:.3em .6em}\
.diagram svg,img{max-width:100%;height:auto}\
table{display:block;overflow-x:auto}pre{overflow-x:auto}\
@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}code{background:#262c36}td,th{border-color:#3d444d}}";

/// Renders `markdown` as a page titled `title` (plain text), with `svg` in place of the
/// Markdown's diagram image.
pub fn to_html(markdown: &str, title: &str, svg: &str, diagram_file: &str) -> String {
    let mut body = String::new();
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES);
    html::push_html(&mut body, parser);
    // The image the Markdown links to is replaced by the drawing itself.
    let image_start = body.find(&format!("<img src=\"{diagram_file}\""));
    if let Some(start) = image_start
        && let Some(len) = body[start..].find("/>")
    {
        body.replace_range(
            start..start + len + 2,
            &format!("<span class=\"diagram\">{svg}</span>"),
        );
    }
    let title = crate::render::svg::escape(title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}
