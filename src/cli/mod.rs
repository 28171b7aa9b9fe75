//! The command line: one file per subcommand. This is the only layer that prints or exits.
//!
//! Exit codes: 0 when every spec is clean, 1 when findings reach `--fail-on` (lint), 2 when a
//! spec is invalid, a file cannot be read, or the command line is wrong.

mod analyze;
mod answer;
mod build;
mod check;
mod completions;
mod embed;
mod explain;
mod export;
mod kinds;
mod lint;
mod man;
mod new;
mod output;
mod rules;
mod schema;
mod today;
mod watch;
mod write;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use output::Exit;

const EXIT_CODES: &str = "\
Exit codes:
  0  every spec is valid (and, for lint, no finding reaches --fail-on)
  1  lint findings at or above --fail-on
  2  a spec is invalid or unreadable, or the command line is wrong";

/// Compile infrastructure designs: check a TOML spec of hosts, components and links against
/// design rules, and explain it.
#[derive(Debug, Parser)]
#[command(name = "infradoc", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,

    /// When to colour diagnostics.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Color {
    /// Colour on a terminal that supports it; NO_COLOR=1 turns colour off, CLICOLOR_FORCE=1
    /// turns it on, CLICOLOR=0 off (the conventions clap's help follows too).
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    Build(build::Args),
    Check(check::Args),
    Lint(lint::Args),
    Analyze(analyze::Args),
    Answer(answer::Args),
    Embed(embed::Args),
    Export(export::Args),
    New(new::Args),
    Watch(watch::WatchArgs),
    Rules(rules::Args),
    Kinds(kinds::Args),
    Schema(schema::Args),
    Explain(explain::Args),
    Completions(completions::Args),
    Man(man::Args),
}

/// Parses the command line, runs the subcommand and turns the outcome into an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(exit) => exit.into(),
        Err(error) => {
            eprintln!(
                "error: {}",
                crate::diagnostic::printable(&format!("{error:#}"))
            );
            Exit::Invalid.into()
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Exit> {
    let color = output::color_choice(cli.color, output::Stream::Stderr);
    match cli.command {
        Command::Build(args) => build::run(args, color),
        Command::Check(args) => check::run(args, color),
        Command::Lint(args) => lint::run(args, cli.color.into()),
        Command::Analyze(args) => analyze::run(args, color),
        Command::Answer(args) => answer::run(args, color),
        Command::Embed(args) => embed::run(args, color),
        Command::Export(args) => export::run(args, color),
        Command::New(args) => new::run(args),
        Command::Watch(args) => watch::run(args, color),
        Command::Rules(args) => rules::run(args),
        Command::Kinds(args) => kinds::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    }
}

impl From<Color> for output::ColorWhen {
    fn from(c: Color) -> Self {
        match c {
            Color::Auto => output::ColorWhen::Auto,
            Color::Always => output::ColorWhen::Always,
            Color::Never => output::ColorWhen::Never,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap's own consistency checks over every subcommand and argument.
    #[test]
    fn the_command_line_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
