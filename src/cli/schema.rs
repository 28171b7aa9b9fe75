//! `infradoc schema`: print the spec's JSON Schema.

use super::output::{self, Exit};

/// Print a JSON Schema of the spec format, for editor completion and checking.
///
/// Save it and point your editor's TOML plugin at it, e.g. with a first line
/// `#:schema ./infradoc.schema.json` in the spec (Even Better TOML / taplo).
///
/// Example: infradoc schema > infradoc.schema.json
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<Exit> {
    let schema = crate::spec::schema::schema();
    let text = serde_json::to_string_pretty(&schema)?;
    output::stdout(&format!("{text}\n"));
    Ok(Exit::Clean)
}
