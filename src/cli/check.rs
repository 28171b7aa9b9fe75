//! `infradoc check`: validate specs, fast, printing only problems.

use std::path::PathBuf;

use crate::diagnostic::ColorChoice;

use super::output::{self, Exit, MessageFormat, count};

/// Check specs for errors without building anything.
///
/// Reports every problem in every spec with file:line:column, the offending source line and a
/// hint, then a one-line total. Exits 2 if any spec has an error.
///
/// Example: infradoc check specs/*.toml
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Spec files to check.
    #[arg(required = true, value_name = "SPEC")]
    specs: Vec<PathBuf>,

    /// How to print problems.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,

    /// Pass over TOML files that have no `[design]` table (Cargo.toml, pyproject.toml...), for
    /// hooks that hand every *.toml to infradoc.
    #[arg(long)]
    skip_non_specs: bool,
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<Exit> {
    let mut errors = 0;
    let compiled = output::load_specs(&args.specs, args.skip_non_specs);
    for spec in &compiled {
        output::diagnostics(&spec.source, &spec.diagnostics, args.message_format, color);
        errors += spec.error_count();
    }
    if args.message_format == MessageFormat::Human {
        let specs = count(compiled.len(), "spec", "specs");
        let problems = count(errors, "error", "errors");
        eprintln!("checked {specs}: {problems}");
    }
    Ok(if errors > 0 {
        Exit::Invalid
    } else {
        Exit::Clean
    })
}
