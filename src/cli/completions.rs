//! `infradoc completions`: print a shell's completion script.

use clap::CommandFactory;
use clap_complete::Shell;

use super::output::{self, Exit};

/// Print a shell's completion script, so that Tab completes subcommands, options and values
///
/// Install it where the shell looks, then open a new shell:
///
///   bash:        infradoc completions bash > ~/.local/share/bash-completion/completions/infradoc
///   zsh:         infradoc completions zsh > ~/.zfunc/_infradoc  (with `fpath+=~/.zfunc` in ~/.zshrc)
///   fish:        infradoc completions fish > ~/.config/fish/completions/infradoc.fish
///   PowerShell:  infradoc completions powershell >> $PROFILE
///   elvish:      infradoc completions elvish >> ~/.config/elvish/rc.elv
///
/// Example: infradoc completions bash > ~/.local/share/bash-completion/completions/infradoc
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The shell to complete in.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let mut script = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut super::Cli::command(),
        "infradoc",
        &mut script,
    );
    output::stdout(&String::from_utf8(script)?);
    Ok(Exit::Clean)
}
