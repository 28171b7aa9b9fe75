//! `infradoc export`: the design in another tool's language.

use std::path::PathBuf;

use clap::ValueEnum;

use crate::diagnostic::ColorChoice;

use super::output::{self, Exit, MessageFormat};

/// Print a design as Mermaid (GitHub renders it), Graphviz DOT, D2, or the resolved model as
/// JSON.
///
/// Example: infradoc export specs/1-distributed_web_infrastructure.toml --to mermaid
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The spec to export.
    #[arg(value_name = "SPEC")]
    spec: PathBuf,

    /// The format to print.
    #[arg(long, value_enum)]
    to: To,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum To {
    Mermaid,
    Dot,
    D2,
    Json,
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<Exit> {
    let compiled = output::compile(&args.spec, MessageFormat::Human, color);
    let Some(design) = &compiled.design else {
        return Ok(Exit::Invalid);
    };
    let text = match args.to {
        To::Mermaid => crate::export::to_mermaid(design),
        To::Dot => crate::export::to_dot(design),
        To::D2 => crate::export::to_d2(design),
        To::Json => crate::export::to_json(design),
    };
    output::stdout(&text);
    Ok(Exit::Clean)
}
