//! `infradoc new`: start a spec from one of the classic designs.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::ValueEnum;

use super::output::{self, Exit};
use super::write::write_atomic;

/// Write a new spec, NAME.toml, from one of the classic designs.
///
/// The copy gets NAME as its design name and keeps everything else, ready to edit.
///
/// Example: infradoc new shop --from distributed
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The design's name: letters, digits, `-`, `_` and `.`.
    name: String,

    /// The design to start from.
    #[arg(long, value_enum, default_value_t = From::SimpleWebStack)]
    from: From,

    /// Where to write the spec; default NAME.toml in the current folder.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum From {
    SimpleWebStack,
    Distributed,
    Secured,
    ScaleUp,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    if let Err(why) = crate::spec::values::check_design_name(&args.name) {
        bail!("`{}` cannot be a design name: {why}", args.name);
    }
    let template = match args.from {
        From::SimpleWebStack => include_str!("../../specs/0-simple_web_stack.toml"),
        From::Distributed => include_str!("../../specs/1-distributed_web_infrastructure.toml"),
        From::Secured => {
            include_str!("../../specs/2-secured_and_monitored_web_infrastructure.toml")
        }
        From::ScaleUp => include_str!("../../specs/3-scale_up.toml"),
    };
    let mut text = String::with_capacity(template.len());
    for line in template.lines() {
        if line.starts_with("name = ")
            && !text.contains("\nname = ")
            && !text.starts_with("name = ")
        {
            text.push_str(&format!("name = \"{}\"\n", args.name));
        } else if !line.starts_with("extends = ") {
            text.push_str(line);
            text.push('\n');
        }
    }
    let path = args
        .output
        .unwrap_or_else(|| PathBuf::from(format!("{}.toml", args.name)));
    if path.exists() {
        bail!(
            "`{}` exists already; choose another name or --output",
            path.display()
        );
    }
    write_atomic(&path, text.as_bytes())
        .with_context(|| format!("writing `{}`", path.display()))?;
    output::stdout(&format!(
        "wrote {}; build it with: infradoc build {}\n",
        path.display(),
        path.display()
    ));
    Ok(Exit::Clean)
}
