//! Reads `[[links]]` tables.

use crate::diagnostic::Code;

use super::fields;
use super::reader::TableReader;
use super::tree::LinkSpec;
use super::vocabulary::{Protocol, Purpose};

/// The most links one `[[links]]` table may stand for (`from` ids times `to` ids): one
/// client to a hundred thousand servers fits, a thousand by a thousand mesh does not. Every
/// later stage works per link, so an unbounded product would be unbounded time and memory.
pub const MAX_LINKS_PER_TABLE: usize = 100_000;

pub fn read_links(r: &mut TableReader<'_, '_>) -> Vec<LinkSpec> {
    let tables = r.tables("links");
    let mut links = Vec::new();
    for (number, (table, span)) in tables.into_iter().enumerate() {
        let what = format!("link #{}", number + 1);
        let mut l = TableReader::new(table, span, what, fields::LINK, None, r.diagnostics);
        let ends = |key: &str, l: &mut TableReader<'_, '_>| {
            if !l.expect(key) {
                return None;
            }
            let ids = l.id_or_ids(key);
            if ids.is_empty() {
                if let Some(value) = l.get(key) {
                    let message = format!("`{key}` of {} names no component", l.what());
                    l.invalid(
                        Code::InvalidValue,
                        super::reader::span_of(value),
                        message,
                        "name at least one component id",
                    );
                }
                return None;
            }
            // A repeated end would draw the same arrow twice.
            let mut seen = std::collections::HashSet::new();
            for id in &ids {
                if !seen.insert(id.value.as_str()) {
                    let message =
                        format!("`{}` is named twice in `{key}` of {}", id.value, l.what());
                    l.invalid(Code::DuplicateId, id.span, message, "name each id once");
                }
            }
            Some(ids)
        };
        let from = ends("from", &mut l);
        let to = ends("to", &mut l);
        let (from, to) = match (from, to) {
            (Some(f), Some(t)) if f.len().saturating_mul(t.len()) > MAX_LINKS_PER_TABLE => {
                let message = format!(
                    "{} stands for {} links ({} `from` times {} `to`), more than the {MAX_LINKS_PER_TABLE} one table may",
                    l.what(),
                    f.len().saturating_mul(t.len()),
                    f.len(),
                    t.len()
                );
                l.invalid(
                    Code::InvalidValue,
                    span,
                    message,
                    "split it into several tables, or name fewer ends: a pool of identical servers can be one component with `count`",
                );
                (None, None)
            }
            ends => ends,
        };
        let protocol = if l.expect("protocol") {
            l.word::<Protocol>("protocol")
        } else {
            None
        };
        let port = l.port("port");
        let encrypted = l.bool("encrypted");
        let purpose = l
            .word::<Purpose>("purpose")
            .map_or(Purpose::Serve, |w| w.value);
        let paths: Vec<_> = l
            .texts("paths")
            .into_iter()
            .filter(|p| {
                let good = p.value.starts_with('/') && !p.value.contains(char::is_whitespace);
                if !good {
                    let message = format!("`{}` is not a request path", p.value);
                    l.invalid(
                        Code::InvalidValue,
                        p.span,
                        message,
                        "a path starts with `/` and has no spaces, such as \"/static/*\" or \"/api/*\"",
                    );
                }
                good
            })
            .collect();
        let label = l.text("label").map(|t| t.value);
        let notes = l.text("notes").map(|t| t.value);
        let allow = super::parse::read_allows(&mut l);
        if let (Some(from), Some(to), Some(protocol)) = (from, to, protocol) {
            links.push(LinkSpec {
                from,
                to,
                protocol,
                port,
                encrypted,
                purpose,
                paths,
                label,
                notes,
                allow,
                span,
            });
        }
    }
    links
}
