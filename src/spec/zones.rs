//! Reads `[zones.<id>]` tables: the regions, availability zones and networks machines run in.

use super::components::entries;
use super::fields;
use super::parse::read_allows;
use super::reader::{TableReader, span_of};
use super::tree::ZoneSpec;
use super::vocabulary::ZoneKind;

/// The zones that could be read, and the ids of those that could not.
pub fn read_zones(r: &mut TableReader<'_, '_>) -> (Vec<ZoneSpec>, Vec<String>) {
    let (entries, mut broken) = entries(r, "zones");
    let mut zones = Vec::new();
    for (id, table, span) in entries {
        let what = format!("zone `{}`", id.value);
        let mut z = TableReader::new(table, span, what, fields::ZONE, None, r.diagnostics);
        let kind = if z.expect("kind") {
            z.word::<ZoneKind>("kind")
        } else {
            None
        };
        let parent = z.id("parent");
        let public = z
            .get("public")
            .map(span_of)
            .filter(|_| z.bool("public") == Some(true));
        let availability = z.probability("availability");
        let why = z.text("why").map(|t| t.value);
        let notes = z.text("notes").map(|t| t.value);
        let allow = read_allows(&mut z);
        match kind {
            Some(kind) => zones.push(ZoneSpec {
                id,
                kind,
                parent,
                public,
                availability,
                why,
                notes,
                allow,
            }),
            None => broken.push(id.value),
        }
    }
    (zones, broken)
}
