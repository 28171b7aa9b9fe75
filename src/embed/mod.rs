//! Stage 7: keeps regions of Markdown files up to date with their designs (`infradoc embed`).
//! Only the bytes between an `infradoc:begin` and its `infradoc:end` marker change; the rest of
//! the file, line endings included, stays exactly as it was.

mod content;
mod regions;

pub use content::{Rendered, region_text};
pub use regions::{MarkerError, Region, Show, Source, regions};

/// Rewrites every region with what `render` gives for it (Markdown with `\n` line ends; they
/// become `\r\n` in a CRLF file). Regions after fenced inline specs are created if missing.
pub fn rewrite<E>(
    text: &str,
    mut render: impl FnMut(&Region) -> Result<String, E>,
) -> Result<String, RewriteError<E>> {
    let found = regions(text).map_err(RewriteError::Markers)?;
    let newline = match (
        text.contains("\r\n"),
        text.contains('\n'),
        text.contains('\r'),
    ) {
        (true, _, _) => "\r\n",
        // Only lone `\r`s: classic Mac line ends.
        (false, false, true) => "\r",
        _ => "\n",
    };
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for region in &found {
        // Regions never overlap by construction; refuse rather than guess if they ever do.
        if region.content.start < at {
            return Err(RewriteError::Markers(MarkerError::Invalid {
                line: text[..at].matches('\n').count() + 1,
                message: "regions overlap".into(),
            }));
        }
        out.push_str(&text[at..region.content.start]);
        let mut body = render(region).map_err(RewriteError::Render)?;
        if !body.is_empty() && !body.ends_with('\n') {
            body.push('\n');
        }
        let body = if newline == "\n" {
            body
        } else {
            body.replace("\r\n", "\n").replace('\n', newline)
        };
        if region.insert {
            // Markers stand on lines of their own.
            if !out.is_empty() && !out.ends_with(['\n', '\r']) {
                out.push_str(newline);
            }
            let (begin, end) = regions::inline_markers(newline);
            out.push_str(&begin);
            out.push_str(&body);
            out.push_str(&end);
        } else {
            out.push_str(&body);
        }
        at = region.content.end;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

#[derive(Debug, thiserror::Error)]
pub enum RewriteError<E> {
    #[error("{0}")]
    Markers(MarkerError),
    #[error("{0}")]
    Render(E),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(text: &str) -> String {
        rewrite(text, |r: &Region| {
            Ok::<_, ()>(format!("new {:?}\n", r.show))
        })
        .unwrap()
    }

    #[test]
    fn only_regions_change_and_a_second_run_changes_nothing() {
        let text = "intro\n<!-- infradoc:begin spec=a.toml show=flow -->\nold\n<!-- infradoc:end -->\noutro\n";
        let once = fill(text);
        assert_eq!(
            once,
            "intro\n<!-- infradoc:begin spec=a.toml show=flow -->\nnew Flow\n<!-- infradoc:end -->\noutro\n"
        );
        assert_eq!(fill(&once), once);
    }

    #[test]
    fn a_marker_line_ending_in_a_lone_cr_stays_a_marker() {
        // The lone `\r` ends the marker's line; the blank `\r\n` line after it is the region's.
        let text =
            "<!-- infradoc:begin spec=a.toml show=flow -->\r\r\nold\n<!-- infradoc:end -->\n";
        let once = fill(text);
        assert_eq!(
            once,
            "<!-- infradoc:begin spec=a.toml show=flow -->\rnew Flow\r\n<!-- infradoc:end -->\n"
        );
        assert_eq!(fill(&once), once);
    }

    #[test]
    fn a_file_with_bare_cr_line_ends_keeps_its_region() {
        // Classic Mac line ends: Markdown reads a lone `\r` as a line end, so does embed.
        let text =
            "intro\r<!-- infradoc:begin spec=a.toml -->\rold\r<!-- infradoc:end -->\routro\r";
        let once = fill(text);
        assert_eq!(
            once,
            "intro\r<!-- infradoc:begin spec=a.toml -->\rnew Diagram\r<!-- infradoc:end -->\routro\r"
        );
        assert_eq!(fill(&once), once);
    }

    #[test]
    fn a_byte_order_mark_before_the_first_marker_is_not_text() {
        let text = "\u{feff}<!-- infradoc:begin spec=a.toml -->\nold\n<!-- infradoc:end -->\n";
        let once = fill(text);
        assert_eq!(
            once,
            "\u{feff}<!-- infradoc:begin spec=a.toml -->\nnew Diagram\n<!-- infradoc:end -->\n"
        );
        assert_eq!(fill(&once), once);
    }

    #[test]
    fn crlf_stays_crlf() {
        let text = "a\r\n<!-- infradoc:begin spec=a.toml -->\r\n<!-- infradoc:end -->\r\nb\r\n";
        let out = fill(text);
        assert_eq!(
            out,
            "a\r\n<!-- infradoc:begin spec=a.toml -->\r\nnew Diagram\r\n<!-- infradoc:end -->\r\nb\r\n"
        );
    }

    #[test]
    fn fenced_specs_get_their_picture_once() {
        let text = "```toml infradoc\n[design]\nname = \"x\"\n```\n\nafter\n";
        let once = fill(text);
        assert_eq!(
            once,
            "```toml infradoc\n[design]\nname = \"x\"\n```\n<!-- infradoc:begin inline show=diagram -->\nnew Diagram\n<!-- infradoc:end -->\n\nafter\n"
        );
        assert_eq!(fill(&once), once);
    }
}
