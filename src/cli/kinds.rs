//! `infradoc kinds`: the component kinds, what each means and its own keys.

use crate::spec::fields;
use crate::spec::{Kind, Vocabulary};

use super::output::{self, Exit};

/// List the component kinds a spec can use, with their meaning and kind-specific keys.
///
/// Example: infradoc kinds
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<Exit> {
    output::stdout(&listing());
    Ok(Exit::Clean)
}

fn listing() -> String {
    let mut out = String::new();
    for kind in Kind::ALL {
        out.push_str(&format!("{:<19} {}\n", kind.as_str(), kind.describe()));
        let own: Vec<&str> = fields::COMPONENT
            .iter()
            .filter(|f| !f.kinds.is_empty() && f.applies_to(*kind))
            .map(|f| f.name)
            .collect();
        if !own.is_empty() {
            out.push_str(&format!("{:<19} keys: {}\n", "", own.join(", ")));
        }
    }
    let common: Vec<&str> = fields::COMPONENT
        .iter()
        .filter(|f| f.kinds.is_empty())
        .map(|f| f.name)
        .collect();
    out.push_str(&format!(
        "\nEvery kind also takes: {}.\n",
        common.join(", ")
    ));
    out
}
