//! What a region shows, as Markdown: the diagram's image reference, the write-up, the findings
//! table or the request flow.

use crate::lint::Report;
use crate::model::Design;
use crate::writeup::markdown::{attribute, code, escape, url};

use super::Show;

/// A region's new text and the files it refers to, to write next to it.
pub struct Rendered {
    pub text: String,
}

/// The Markdown for a region. `image` is the diagram's path relative to the Markdown file,
/// `dark_image` the dark-theme one's when the region has `dark=yes`; `writeup` is the design's
/// full write-up.
pub fn region_text(
    show: Show,
    design: &Design,
    report: &Report,
    writeup: &str,
    image: &str,
    dark_image: Option<&str>,
) -> Rendered {
    let text = match show {
        Show::Diagram => picture(&design.title, image, dark_image),
        Show::Writeup => {
            let dark = dark_image
                .map(|_| picture(&format!("Diagram of {}", design.title), image, dark_image));
            inline_writeup(writeup, image, dark.as_deref())
        }
        Show::Findings => findings(report),
        Show::Flow => {
            let steps = crate::writeup::flow_steps(design);
            if steps.is_empty() {
                "No link starts at a client, so no request path can be traced.\n".to_string()
            } else {
                steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| format!("{}. {s}\n", i + 1))
                    .collect()
            }
        }
    };
    Rendered { text }
}

/// The diagram: a Markdown image, or with a dark version a `<picture>` that GitHub (and any
/// browser) switches with the reader's colour scheme. The blank line after it ends the HTML
/// block, so the end marker stays a block of its own.
fn picture(title: &str, image: &str, dark_image: Option<&str>) -> String {
    match dark_image {
        None => format!("![{}]({})\n", escape(title), url(image)),
        Some(dark) => format!(
            "<picture>\n  <source media=\"(prefers-color-scheme: dark)\" srcset=\"{}\">\n  <img alt=\"{}\" src=\"{}\">\n</picture>\n\n",
            url(dark),
            attribute(title),
            url(image)
        ),
    }
}

/// The write-up without its title, its headings one level deeper, its image pointing at
/// `image`, or replaced by `picture`.
fn inline_writeup(writeup: &str, image: &str, picture: Option<&str>) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    for line in writeup
        .lines()
        .skip_while(|l| l.starts_with("# ") || l.is_empty())
    {
        if line.starts_with("```") {
            in_fence = !in_fence;
        }
        if !in_fence && line.starts_with("![") && line.ends_with("(diagram.svg)") {
            match picture {
                Some(picture) => out.push_str(picture.trim_end()),
                None => out.push_str(&line.replace("(diagram.svg)", &format!("({})", url(image)))),
            }
        } else if !in_fence && line.starts_with('#') {
            out.push('#');
            out.push_str(line);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn findings(report: &Report) -> String {
    let active: Vec<_> = report.active().collect();
    if active.is_empty() {
        return "No design rule finds a weakness in this design.\n".to_string();
    }
    let mut out = String::from("| Severity | Rule | Where | Finding |\n|---|---|---|---|\n");
    for f in active {
        // Rule messages hold only ids and checked names; pipes would still break the table.
        out.push_str(&format!(
            "| {} | `{}` {} | {} | {} |\n",
            f.severity.as_str(),
            f.rule.code,
            f.rule.name,
            code(&f.subject_id),
            f.message.replace('|', "\\|")
        ));
    }
    out
}
