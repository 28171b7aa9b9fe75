//! `infradoc explain`: what an error code means and how to fix it.

use anyhow::bail;

use crate::diagnostic::Code;
use crate::lint::registry;

use super::output::{self, Exit};

/// Explain a rule (A001, single-point-of-failure) or an error code (E005), or list them all.
///
/// Example: infradoc explain single-point-of-failure
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A rule or error code (A001, E005) or name (single-point-of-failure, unknown-key).
    code: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let Some(text) = args.code else {
        let rules = registry::all().map(|m| format!("{}  {}\n", m.code, m.name));
        let errors = Code::ALL
            .iter()
            .map(|c| format!("{}  {}\n", c.as_str(), c.name()));
        let list: String = rules.chain(errors).collect();
        output::stdout(&list);
        return Ok(Exit::Clean);
    };
    if let Some(rule) = registry::find(&text) {
        let header = format!(
            "{} {} ({}, {} by default)",
            rule.code,
            rule.name,
            rule.category.as_str(),
            rule.severity.as_str()
        );
        output::stdout(&format!("{header}\n\n{}\n", rule.documentation()));
        return Ok(Exit::Clean);
    }
    let Some(code) = Code::find(&text) else {
        bail!("no such code `{text}`; `infradoc explain` lists them");
    };
    output::stdout(&format!(
        "{} {}\n\n{}\n",
        code.as_str(),
        code.name(),
        code.explanation()
    ));
    Ok(Exit::Clean)
}
