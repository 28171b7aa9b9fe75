//! Putting a design's ids in code font where prose names them bare: a look-up table built once
//! per design, then one pass over each text, so marking grows with the text, not text × ids.

use std::collections::HashMap;

use crate::model::Design;

use super::markdown::{capitalize, code};

/// The design's hosts and declared components by id, to mark in prose.
///
/// Ids hold only ASCII letters, digits, `-`, `_` and `.` (`spec::values::check_id`), so an id
/// named in a text always lies inside one run of word characters and dots; only the run's
/// start can open a match, and only a dot or the run's end can close one. Each text is cut
/// into such runs and each run's few possible prefixes are looked up.
pub struct Ids<'a> {
    /// Each id in the order a match is preferred when several fit at one place: longest first,
    /// then hosts before components, each in declaration order.
    order: Vec<&'a str>,
    /// Each id, and each id with its first letter upper-cased (as it reads at a sentence's
    /// start), with its first place in `order`.
    exact: HashMap<&'a str, usize>,
    capital: HashMap<String, usize>,
}

impl<'a> Ids<'a> {
    pub fn new(design: &'a Design) -> Self {
        let mut order: Vec<&str> = design
            .hosts
            .iter()
            .map(|h| h.id.as_str())
            .chain(
                design
                    .components
                    .iter()
                    .filter(|c| !c.is_implicit())
                    .map(|c| c.id.as_str()),
            )
            .filter(|id| !id.is_empty())
            .collect();
        order.sort_by_key(|id| std::cmp::Reverse(id.len()));
        let mut exact = HashMap::with_capacity(order.len());
        let mut capital = HashMap::with_capacity(order.len());
        for (i, &id) in order.iter().enumerate() {
            exact.entry(id).or_insert(i);
            capital.entry(capitalize(id)).or_insert(i);
        }
        Ids {
            order,
            exact,
            capital,
        }
    }

    /// The text with the design's ids in code font where it names them bare, and an id
    /// capitalised at a sentence start lowercased ("Server-01 runs" becomes "`server-01`
    /// runs"). Code spans already there stay as they are.
    pub fn mark(&self, text: &str) -> String {
        let text = match text
            .strip_prefix("User ")
            .or_else(|| text.strip_prefix("user "))
        {
            Some(rest) => format!("the user {rest}"),
            None => text.to_string(),
        };
        let text = text.replace("unencrypted http:", "unencrypted HTTP:");
        let mut out = String::with_capacity(text.len() + 16);
        for (i, part) in text.split('`').enumerate() {
            if i % 2 == 1 {
                out.push('`');
                out.push_str(part);
                out.push('`');
            } else {
                self.mark_plain(part, &mut out);
            }
        }
        out
    }

    /// Marks the ids in text outside code spans, appending to `out`.
    fn mark_plain(&self, text: &str, out: &mut String) {
        let mut copied = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !in_run(c) {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek().filter(|&&(_, d)| in_run(d)) {
                end = i + d.len_utf8();
                chars.next();
            }
            if let Some((id, len)) = self.at(text, start, end) {
                out.push_str(&text[copied..start]);
                out.push_str(&code(id));
                copied = start + len;
            }
        }
        out.push_str(&text[copied..]);
    }

    /// The id the run `text[start..end]` opens with, and the length it takes there: the
    /// preferred one among the prefixes that end the run or end at a dot that ends a word.
    fn at(&self, text: &str, start: usize, end: usize) -> Option<(&'a str, usize)> {
        let run = &text[start..end];
        let capitals = sentence_start(&text[..start]);
        let ends = run
            .match_indices('.')
            .map(|(i, _)| i)
            .filter(|&i| i > 0 && !run[i + 1..].starts_with(is_word))
            .chain(std::iter::once(run.len()));
        let mut best: Option<(usize, usize)> = None;
        for len in ends {
            let prefix = &run[..len];
            let found = self.exact.get(prefix).copied().into_iter().chain(
                capitals
                    .then(|| self.capital.get(prefix).copied())
                    .flatten(),
            );
            for rank in found {
                if best.is_none_or(|(b, _)| rank < b) {
                    best = Some((rank, len));
                }
            }
        }
        best.map(|(rank, len)| (self.order[rank], len))
    }
}

/// A character an id or the word around it can hold: a letter, digit, `-`, `_` or `.`.
fn in_run(c: char) -> bool {
    is_word(c) || c == '.'
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Whether a sentence starts after `before`.
fn sentence_start(before: &str) -> bool {
    before
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '-'))
}

#[cfg(test)]
mod tests {
    use super::Ids;

    fn design(text: &str) -> crate::model::Design {
        crate::compile(crate::diagnostic::SourceFile::new("d.toml", text))
            .design
            .expect("the spec is valid")
    }

    #[test]
    fn ids_go_in_code_font_and_lose_a_capital() {
        let d = design(
            "[design]\nname = \"d\"\n[hosts.server-01]\n[components.mysql]\nkind = \"database\"\nsoftware = \"MySQL\"\nhost = \"server-01\"\n",
        );
        let ids = Ids::new(&d);
        assert_eq!(
            ids.mark("Server-01 runs mysql. Mysql is `mysql` (MySQL)."),
            "`server-01` runs `mysql`. `mysql` is `mysql` (MySQL)."
        );
        assert_eq!(ids.mark("user reaches mysql-x"), "the user reaches mysql-x");
        // Not at a sentence's start, a capital is another word.
        assert_eq!(ids.mark("see Mysql"), "see Mysql");
    }

    #[test]
    fn the_longest_id_that_ends_a_word_wins() {
        let d = design(
            "[design]\nname = \"d\"\n[hosts.web]\n[hosts.\"web.1\"]\n[components.db]\nkind = \"database\"\n",
        );
        let ids = Ids::new(&d);
        assert_eq!(
            ids.mark("web.1 and web. Then web.2, db.x and db..."),
            "`web.1` and `web`. Then web.2, db.x and `db`..."
        );
        assert_eq!(
            ids.mark("xweb web_ -web (web) é web"),
            "xweb web_ -web (`web`) é `web`"
        );
        assert_eq!(ids.mark("Web.1: Db"), "`web.1`: `db`");
        assert_eq!(ids.mark("weβ web"), "weβ `web`");
    }

    /// The scan marking used before the look-up table, kept as the reference: at each place
    /// a word may start, every id (longest first), as it is and capitalised.
    fn scan(text: &str, ids: &[&str]) -> String {
        use super::{capitalize, code, is_word, sentence_start};
        let mut out = String::new();
        let mut i = 0;
        'scan: while i < text.len() {
            let before_ok = text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word(c) && c != '.');
            if before_ok {
                for id in ids {
                    let rest = &text[i..];
                    let capital = capitalize(id);
                    let hit = if rest.starts_with(id) {
                        Some(id.len())
                    } else if rest.starts_with(&capital) && sentence_start(&text[..i]) {
                        Some(capital.len())
                    } else {
                        None
                    };
                    if let Some(len) = hit {
                        let mut next = rest[len..].chars();
                        let ends = match next.next() {
                            None => true,
                            Some('.') => next.next().is_none_or(|c| !is_word(c)),
                            Some(c) => !is_word(c),
                        };
                        if ends {
                            out.push_str(&code(id));
                            i += len;
                            continue 'scan;
                        }
                    }
                }
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
        out
    }

    const HOSTS: &[&str] = &["web", "web.1", "Web", "db-1", "a", "a.b.c", "x_y", "1"];
    const COMPONENTS: &[&str] = &["db", "a.b", "lb", "web-1", "app", "db.1"];
    const PIECES: &[&str] = &[
        " ", ". ", ".", "..", ",", ": ", "-", "_", "!", "?", "(", ")", "é", "β", "x", "`", "\n",
    ];

    proptest::proptest! {
        #[test]
        fn marks_as_the_scan_did(picks in proptest::collection::vec((0usize..40, proptest::bool::ANY), 0..24)) {
            let mut spec = String::from("[design]\nname = \"d\"\n");
            for h in HOSTS {
                spec.push_str(&format!("[hosts.\"{h}\"]\n"));
            }
            for c in COMPONENTS {
                spec.push_str(&format!("[components.\"{c}\"]\nkind = \"cache\"\n"));
            }
            let d = design(&spec);
            // The design's order (hosts, then components), as the scan had it.
            let mut ids: Vec<&str> = d
                .hosts
                .iter()
                .map(|h| h.id.as_str())
                .chain(d.components.iter().filter(|c| !c.is_implicit()).map(|c| c.id.as_str()))
                .collect();
            ids.sort_by_key(|id| std::cmp::Reverse(id.len()));
            let words: Vec<&str> = ids.iter().copied().chain(PIECES.iter().copied()).collect();
            let text: String = picks
                .iter()
                .map(|&(w, upper)| {
                    let w = words[w % words.len()];
                    if upper { super::capitalize(w) } else { w.to_string() }
                })
                .collect();
            let want: String = text
                .split('`')
                .enumerate()
                .map(|(i, part)| if i % 2 == 1 { format!("`{part}`") } else { scan(part, &ids) })
                .collect();
            let marked = Ids::new(&d).mark(&text);
            // The preamble's rewordings do not apply to these pieces.
            proptest::prop_assume!(!text.starts_with("user ") && !text.starts_with("User "));
            proptest::prop_assert_eq!(marked, want, "text: {:?}", text);
        }
    }
}
