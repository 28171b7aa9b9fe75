//! Reads `[[links]]` tables.

use crate::diagnostic::Code;

use super::fields;
use super::reader::TableReader;
use super::tree::LinkSpec;
use super::vocabulary::{Protocol, Purpose};

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
            Some(ids)
        };
        let from = ends("from", &mut l);
        let to = ends("to", &mut l);
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
