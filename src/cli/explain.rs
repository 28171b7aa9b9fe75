//! `infradoc explain`: what an error code means and how to fix it.

use anyhow::bail;

use crate::diagnostic::Code;

use super::output::{self, Exit};

/// Explain an error code, such as E005, or list every code.
///
/// Example: infradoc explain E005
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The code (E005) or its name (unknown-key); omit to list every code.
    code: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let Some(text) = args.code else {
        let list: String = Code::ALL
            .iter()
            .map(|c| format!("{}  {}\n", c.as_str(), c.name()))
            .collect();
        output::stdout(&list);
        return Ok(Exit::Clean);
    };
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
