//! `infradoc man`: the manual pages, in roff.

use std::path::PathBuf;

use anyhow::Context;
use clap::CommandFactory;

use super::output::{self, Exit};

/// Print the manual page (roff), or with --out write one page per command to a folder
///
/// The page printed is infradoc.1, which lists every subcommand; --out DIR writes it with
/// infradoc-build.1, infradoc-check.1, ... beside it.
///
/// Read it at once with `infradoc man | man -l -`. Install the pages where `man` finds them:
///
///   infradoc man --out ~/.local/share/man/man1
///
/// Example: infradoc man --out ~/.local/share/man/man1
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Write infradoc.1 and one infradoc-COMMAND.1 per subcommand into DIR (created if
    /// missing) instead of printing infradoc.1.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let command = super::Cli::command();
    match args.out {
        Some(folder) => {
            std::fs::create_dir_all(&folder)
                .with_context(|| format!("cannot create `{}`", folder.display()))?;
            clap_mangen::generate_to(command, &folder)
                .with_context(|| format!("writing the pages to `{}`", folder.display()))?;
            output::stdout(&format!("wrote the manual pages to {}\n", folder.display()));
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command).render(&mut page)?;
            output::stdout(&String::from_utf8(page)?);
        }
    }
    Ok(Exit::Clean)
}
