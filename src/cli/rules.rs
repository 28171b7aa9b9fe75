//! `infradoc rules`: every design rule with its code, category, severity and summary.

use crate::lint::registry;

use super::output::{self, Exit};

/// List the design rules `infradoc lint` runs.
///
/// `infradoc explain CODE` prints a rule's full documentation.
///
/// Example: infradoc rules
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<Exit> {
    let mut out = String::new();
    let width = registry::all().map(|m| m.name.len()).max().unwrap_or(0);
    for m in registry::all() {
        out.push_str(&format!(
            "{}  {:<width$}  {:<13} {:<7}  {}\n",
            m.code,
            m.name,
            m.category.as_str(),
            m.severity.as_str(),
            m.summary
        ));
    }
    output::stdout(&out);
    Ok(Exit::Clean)
}
