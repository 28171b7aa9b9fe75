//! Finds the regions `infradoc embed` owns in a Markdown file, with pulldown-cmark's offsets so
//! markers inside code blocks or inline code are never taken for real ones.
//!
//! ```markdown
//! <!-- infradoc:begin spec=specs/web.toml show=diagram -->
//! (infradoc writes here)
//! <!-- infradoc:end -->
//! ```
//!
//! and fenced inline specs, whose picture goes in a region right after the block:
//!
//! ````markdown
//! ```toml infradoc
//! [design]
//! name = "inline"
//! ```
//! ````

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// What a region shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    Diagram,
    Writeup,
    Findings,
    Flow,
}

impl Show {
    fn parse(text: &str) -> Option<Show> {
        Some(match text {
            "diagram" => Show::Diagram,
            "writeup" => Show::Writeup,
            "findings" => Show::Findings,
            "flow" => Show::Flow,
            _ => return None,
        })
    }
}

/// Where a region's spec comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A spec file, as written in the marker (relative to the Markdown file).
    File(String),
    /// The text of the fenced `toml infradoc` block just before the region.
    Inline(String),
}

/// A region: the bytes between its markers are infradoc's to rewrite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub source: Source,
    pub show: Show,
    /// `dark=yes`: the diagram is also drawn with the dark theme, and the region shows a
    /// `<picture>` that switches to it when the reader's colour scheme is dark.
    pub dark: bool,
    /// The bytes to replace (after the begin marker's line, before the end marker).
    pub content: Range<usize>,
    /// Where a missing region must be inserted (a fenced block without its region yet): the
    /// markers have to be written too.
    pub insert: bool,
}

/// A problem with the markers themselves.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkerError {
    #[error("line {line}: {message}")]
    Invalid { line: usize, message: String },
}

const BEGIN: &str = "<!-- infradoc:begin";
const END: &str = "<!-- infradoc:end -->";

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The end of the line that contains `offset` (after its line break: `\n`, `\r\n`, or a lone
/// `\r`, all of which Markdown reads as line ends).
fn line_end(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = offset;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return i + 1,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => return i + 2,
            b'\r' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The start of the line that contains `offset`.
fn line_start(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = offset.min(bytes.len());
    while i > 0 {
        let b = bytes[i - 1];
        let lone_cr = b == b'\r' && bytes.get(i) != Some(&b'\n');
        if b == b'\n' || lone_cr {
            return i;
        }
        i -= 1;
    }
    0
}

/// Whether `range` holds one line's text, starts its line, and nothing else stands on it.
fn own_line(text: &str, range: Range<usize>) -> bool {
    let inside = text[range.clone()].trim_end_matches(['\n', '\r']);
    if inside.contains(['\n', '\r']) || line_start(text, range.start) != range.start {
        return false;
    }
    let end = line_end(text, range.start);
    text[range.end.min(end)..end].trim().is_empty()
}

/// Every region of the file, in order.
///
/// A byte order mark at the start is not text: the first marker may follow it. A lone `\r` is
/// a line end as CommonMark says, but pulldown-cmark does not end an HTML block at one, so the
/// file is read with each lone `\r` as `\n`: the same length, so every offset still holds.
pub fn regions(text: &str) -> Result<Vec<Region>, MarkerError> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    let bytes = body.as_bytes();
    let read: String = body
        .char_indices()
        .map(|(i, c)| match c {
            '\r' if bytes.get(i + 1) != Some(&b'\n') => '\n',
            c => c,
        })
        .collect();
    let mut found = regions_in(&read)?;
    for region in &mut found {
        region.content = region.content.start + bom..region.content.end + bom;
    }
    Ok(found)
}

fn regions_in(text: &str) -> Result<Vec<Region>, MarkerError> {
    // A marker is a whole HTML block of its own: a one-line comment at the start of a line,
    // outside any quote or list. So what a region holds never changes how the text after its
    // end marker reads, and a rewrite finds the same regions again. Fenced specs count at the
    // top level only, for the same reason: the region added after them starts a new block.
    // Each marker's own range, whether it begins a region, and where its HTML block ends.
    let mut markers: Vec<(Range<usize>, bool, usize)> = Vec::new();
    let mut fences: Vec<(String, Range<usize>)> = Vec::new();
    let mut in_fence: Option<(Range<usize>, String)> = None;
    let mut containers = 0usize;
    let mut html_block: Option<Range<usize>> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => containers += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => {
                containers = containers.saturating_sub(1)
            }
            Event::Start(Tag::HtmlBlock) => html_block = Some(range.clone()),
            Event::End(TagEnd::HtmlBlock) => html_block = None,
            Event::Html(html) => {
                let Some(block) = html_block.take().filter(|b| b.start == range.start) else {
                    continue;
                };
                if containers > 0 || !own_line(text, range.clone()) {
                    continue;
                }
                let trimmed = html.trim();
                let is_begin = trimmed.strip_prefix(BEGIN).is_some_and(|rest| {
                    rest.starts_with(char::is_whitespace) || rest.starts_with("-->")
                }) && trimmed.ends_with("-->");
                if is_begin {
                    markers.push((range, true, block.end));
                } else if trimmed == END {
                    markers.push((range, false, block.end));
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if containers == 0 && is_infradoc(&info) =>
            {
                in_fence = Some((range, String::new()));
            }
            Event::Text(t) => {
                if let Some((_, body)) = &mut in_fence {
                    body.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((block, body)) = in_fence.take() {
                    fences.push((body, block.start..block.end.max(range.end)));
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    // Which fences already have their `inline` region.
    let mut claimed = vec![false; fences.len()];
    let mut i = 0;
    while i < markers.len() {
        let (begin, is_begin, begin_block_end) = markers[i].clone();
        if !is_begin {
            return Err(MarkerError::Invalid {
                line: line_of(text, begin.start),
                message: "`infradoc:end` without a `infradoc:begin` before it".into(),
            });
        }
        let Some((end, false, _)) = markers.get(i + 1).cloned() else {
            return Err(MarkerError::Invalid {
                line: line_of(text, begin.start),
                message: "`infradoc:begin` without its `infradoc:end`".into(),
            });
        };
        let marker = text[begin.clone()].trim();
        let (source, show, dark) = attributes(text, marker, &fences, begin.start, &mut claimed)
            .map_err(|message| MarkerError::Invalid {
                line: line_of(text, begin.start),
                message,
            })?;
        let start = line_end(text, begin.start).max(begin_block_end);
        out.push(Region {
            source,
            show,
            dark,
            // After the marker's HTML block as pulldown-cmark reads it: `-->\r\r\n` is one
            // block there, and writing after its first `\r` would join the region's first line
            // to the marker's (`-->\rtext` is one line of HTML), which stops being a marker.
            content: start..line_start(text, end.start).max(start),
            insert: false,
        });
        i += 2;
    }
    // A fenced spec without a region right after it gets one, unless the fence itself lies
    // inside a region (whose content infradoc rewrites anyway) or never closes.
    let owned: Vec<Range<usize>> = out.iter().map(|r| r.content.clone()).collect();
    for ((body, range), claimed) in fences.iter().zip(claimed) {
        let inside = owned
            .iter()
            .any(|o| range.start >= o.start && range.start < o.end);
        if claimed || inside || !closed(&text[range.clone()]) {
            continue;
        }
        let after = line_end(text, range.end.saturating_sub(1).max(range.start));
        out.push(Region {
            source: Source::Inline(body.clone()),
            show: Show::Diagram,
            dark: false,
            content: after..after,
            insert: true,
        });
    }
    out.sort_by_key(|r| r.content.start);
    Ok(out)
}

/// Whether a fenced block's text ends with a closing fence (CommonMark: the opening fence's
/// character, at least as many times, and nothing else on the line). A fence that never closes
/// runs to the end of the file or of its container: it is not a spec block.
fn closed(block: &str) -> bool {
    let mut lines = block.split(['\n', '\r']).filter(|l| !l.trim().is_empty());
    let Some(opening) = lines.next() else {
        return false;
    };
    let Some(last) = lines.next_back() else {
        return false;
    };
    let opening = opening.trim_start();
    let Some(fence_char) = opening.chars().next() else {
        return false;
    };
    let width = opening.chars().take_while(|&c| c == fence_char).count();
    let last = last.trim_start();
    let run = last.chars().take_while(|&c| c == fence_char).count();
    run >= width && last[run * fence_char.len_utf8()..].trim().is_empty()
}

/// Whether only blank lines stand between the end of a fence and `at`.
fn right_after(text: &str, fence: &Range<usize>, at: usize) -> bool {
    fence.end <= at && text[fence.end..at].trim().is_empty()
}

fn is_infradoc(info: &str) -> bool {
    let mut words = info.split_whitespace();
    words.next() == Some("toml") && words.any(|w| w == "infradoc")
}

/// `spec=... show=... dark=...`, or `inline show=...` for the region after a fenced spec.
fn attributes(
    text: &str,
    marker: &str,
    fences: &[(String, Range<usize>)],
    at: usize,
    claimed: &mut [bool],
) -> Result<(Source, Show, bool), String> {
    let inner = marker
        .trim_start_matches(BEGIN)
        .trim_end_matches("-->")
        .trim();
    let mut spec = None;
    let mut show = Show::Diagram;
    let mut inline = false;
    let mut dark = false;
    for word in inner.split_whitespace() {
        match word.split_once('=') {
            Some(("spec", v)) => spec = Some(v.trim_matches('"').to_string()),
            Some(("show", v)) => {
                show = Show::parse(v.trim_matches('"')).ok_or_else(|| {
                    format!("unknown `show={v}`: use diagram, writeup, findings or flow")
                })?
            }
            Some(("dark", v)) => {
                dark = match v.trim_matches('"') {
                    "yes" => true,
                    "no" => false,
                    _ => return Err(format!("unknown `dark={v}`: use yes or no")),
                }
            }
            None if word == "inline" => inline = true,
            _ => {
                return Err(format!(
                    "unknown attribute `{word}` (expected `spec=`, `show=` and `dark=`)"
                ));
            }
        }
    }
    if dark && !matches!(show, Show::Diagram | Show::Writeup) {
        return Err(
            "`dark=yes` draws a diagram: use it with `show=diagram` or `show=writeup`".into(),
        );
    }
    match (spec, inline) {
        (Some(s), false) => Ok((Source::File(s), show, dark)),
        (None, true) => {
            // Its fence is the one right before it, with only blank lines between.
            let index = fences
                .iter()
                .rposition(|(_, r)| right_after(text, r, at))
                .ok_or("an `inline` region must come right after its ```toml infradoc block")?;
            claimed[index] = true;
            Ok((Source::Inline(fences[index].0.clone()), show, dark))
        }
        (Some(_), true) => Err("a region has either `spec=` or `inline`, not both".into()),
        (None, false) => Err("missing `spec=path/to/spec.toml`".into()),
    }
}

/// The markers infradoc writes around an inline spec's picture.
pub fn inline_markers(newline: &str) -> (String, String) {
    (
        format!("{BEGIN} inline show=diagram -->{newline}"),
        format!("{END}{newline}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_regions_and_ignores_markers_in_code() {
        let text = "# T\n\n<!-- infradoc:begin spec=a.toml show=flow -->\nold\n<!-- infradoc:end -->\n\n```\n<!-- infradoc:begin spec=b.toml -->\n<!-- infradoc:end -->\n```\n\n`<!-- infradoc:begin spec=c.toml -->`\n";
        let r = regions(text).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].source, Source::File("a.toml".into()));
        assert_eq!(r[0].show, Show::Flow);
        assert_eq!(&text[r[0].content.clone()], "old\n");
    }

    #[test]
    fn a_fenced_spec_gets_a_region() {
        let text = "```toml infradoc\n[design]\nname = \"x\"\n```\n\nafter\n";
        let r = regions(text).unwrap();
        assert_eq!(r.len(), 1);
        assert!(r[0].insert);
        assert_eq!(
            r[0].source,
            Source::Inline("[design]\nname = \"x\"\n".into())
        );
        assert_eq!(r[0].content.start, text.find("\nafter").unwrap());
    }

    #[test]
    fn only_whole_line_markers_count() {
        // Split over lines, sharing a line with text, or a longer word: not markers.
        assert_eq!(
            regions("<!-- infradoc:begin spec=\na.toml -->\n<!-- infradoc:end -->\n")
                .map(|r| r.len()),
            Err(MarkerError::Invalid {
                line: 3,
                message: "`infradoc:end` without a `infradoc:begin` before it".into()
            })
        );
        assert!(
            regions("text <!-- infradoc:begin spec=a.toml -->\n")
                .unwrap()
                .is_empty()
        );
        assert!(
            regions("<!-- infradoc:beginning spec=a.toml -->\n")
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn markers_are_top_level_blocks_of_their_own() {
        // Indented, quoted, in a list, or the last line of a longer comment: text, not markers.
        for text in [
            "  <!-- infradoc:begin spec=a.toml -->\n",
            "> <!-- infradoc:begin spec=a.toml -->\n",
            "- item\n\n  <!-- infradoc:begin spec=a.toml -->\n",
            "<!-- a comment\n<!-- infradoc:begin spec=a.toml -->\n",
            "<?x\n<!-- infradoc:begin spec=a.toml -->\n?>\n",
        ] {
            assert_eq!(regions(text), Ok(vec![]), "{text:?}");
        }
    }

    #[test]
    fn only_closed_top_level_fences_get_a_region() {
        for text in [
            "```toml infradoc\n[design]\n",
            "> ```toml infradoc\n> [design]\n> ```\n",
            "- ```toml infradoc\n  [design]\n  ```\n",
            "> ```toml infradoc\r\n[",
            "````toml infradoc\n[design]\n```\n",
        ] {
            assert_eq!(regions(text), Ok(vec![]), "{text:?}");
        }
        assert_eq!(regions("~~~toml infradoc\nx\n~~~~\n").unwrap().len(), 1);
    }

    #[test]
    fn an_inline_region_sits_right_after_its_fence() {
        let after_fence =
            "```toml infradoc\nx\n```\n\n<!-- infradoc:begin inline -->\n<!-- infradoc:end -->\n";
        let r = regions(after_fence).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].source, Source::Inline("x\n".into()));
        assert!(!r[0].insert);
        // Its fence inside another region, or text between them: refused, not guessed.
        for text in [
            "<!-- infradoc:begin spec=a.toml -->\n```toml infradoc\nx\n```\n<!-- infradoc:end -->\n<!-- infradoc:begin inline -->\n<!-- infradoc:end -->\n",
            "```toml infradoc\nx\n```\ntext\n<!-- infradoc:begin inline -->\n<!-- infradoc:end -->\n",
        ] {
            let error = regions(text).unwrap_err().to_string();
            assert!(error.contains("right after its"), "{error}");
        }
    }

    #[test]
    fn unbalanced_markers_are_errors() {
        assert!(regions("<!-- infradoc:begin spec=a.toml -->\n").is_err());
        assert!(regions("<!-- infradoc:end -->\n").is_err());
        assert!(
            regions("<!-- infradoc:begin show=nope spec=a -->\n<!-- infradoc:end -->\n").is_err()
        );
        assert!(
            regions("<!-- infradoc:begin spec=a dark=maybe -->\n<!-- infradoc:end -->\n").is_err()
        );
        assert!(
            regions("<!-- infradoc:begin spec=a show=flow dark=yes -->\n<!-- infradoc:end -->\n")
                .is_err()
        );
        let dark = regions("<!-- infradoc:begin spec=a dark=yes -->\n<!-- infradoc:end -->\n");
        assert!(dark.unwrap()[0].dark);
    }
}
