//! Text made safe to print: control characters, bidirectional controls and noncharacters are
//! shown as escapes, so nothing a spec or a command line holds can drive the terminal (colours,
//! links, a cleared screen) or reorder what a line says.

use std::borrow::Cow;

/// Whether a character must not reach a terminal, an SVG or a picture as it is: C0 and C1
/// controls other than tab and line ends, bidirectional embeddings, overrides, isolates and
/// marks, and Unicode noncharacters (U+FFFE, U+FFFF... which XML cannot hold).
pub fn is_unprintable(c: char) -> bool {
    let u = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(u, 0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
        || (0xFDD0..=0xFDEF).contains(&u)
        || u & 0xFFFE == 0xFFFE
}

/// The text with each unprintable character written as `\u{1b}`.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unprintable) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_unprintable(c) {
                    format!("\\u{{{:x}}}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// The text with each unprintable character replaced by one visible character of the same
/// UTF-8 length, so byte offsets into it (spans) stay valid: for showing source lines.
pub fn same_width(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unprintable) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match (is_unprintable(c), c.len_utf8()) {
                (false, _) => c,
                (true, 1) => '?',
                (true, 2) => '\u{bf}',
                (true, 3) => '\u{fffd}',
                (true, _) => '\u{10fffd}',
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_reach_no_terminal() {
        assert_eq!(printable("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(printable("a\u{1b}]8;;x\u{7}b"), "a\\u{1b}]8;;x\\u{7}b");
        assert_eq!(printable("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(
            printable("x\u{fffe}\u{ffff}\u{9b}"),
            "x\\u{fffe}\\u{ffff}\\u{9b}"
        );
        assert_eq!(printable("héllo — ok"), "héllo — ok");
    }

    #[test]
    fn same_width_keeps_every_byte_offset() {
        for text in [
            "a\u{1b}[31mb",
            "x\u{9b}y",
            "l\u{202e}r",
            "n\u{fffe}",
            "m\u{1fffe}z",
        ] {
            let shown = same_width(text);
            assert_eq!(shown.len(), text.len(), "{text:?}");
            assert!(!shown.chars().any(is_unprintable), "{shown:?}");
            let boundaries: Vec<_> = text.char_indices().map(|(i, _)| i).collect();
            let kept: Vec<_> = shown.char_indices().map(|(i, _)| i).collect();
            assert_eq!(boundaries, kept);
        }
    }
}
