//! Writing to the terminal: exit codes, colour choice, diagnostics, and stdout that treats a
//! closed pipe as the reader being done rather than as an error.

use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;

use crate::diagnostic::{self, ColorChoice, Diagnostic, SourceFile};

/// The process exit status; see the `--help` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    Clean = 0,
    Findings = 1,
    Invalid = 2,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(e as u8)
    }
}

#[derive(Debug, Clone, Copy)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Whether to colour what goes to `stream`. `auto` follows the same conventions as clap's own
/// help, through anstream: NO_COLOR turns colour off, CLICOLOR_FORCE on, CLICOLOR=0 off, and
/// otherwise a terminal that supports colour gets it.
pub fn color_choice(when: impl Into<ColorWhen>, stream: Stream) -> ColorChoice {
    match when.into() {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto => {
            let choice = match stream {
                Stream::Stdout => anstream::AutoStream::choice(&std::io::stdout()),
                Stream::Stderr => anstream::AutoStream::choice(&std::io::stderr()),
            };
            match choice {
                anstream::ColorChoice::Never => ColorChoice::Never,
                _ => ColorChoice::Always,
            }
        }
    }
}

/// Which of the process's output streams text goes to.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// For people, on stderr: the message, file:line:column, the source line, a hint.
    Human,
    /// One JSON object per diagnostic and line, on stdout.
    Json,
}

/// Prints a file's diagnostics in the chosen format.
pub fn diagnostics(
    source: &SourceFile,
    list: &[Diagnostic],
    format: MessageFormat,
    color: ColorChoice,
) {
    if list.is_empty() {
        return;
    }
    match format {
        MessageFormat::Human => {
            let text = diagnostic::render_human(source, list, color);
            // Nothing useful can be done when stderr is gone.
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
        }
        MessageFormat::Json => stdout(&diagnostic::render_json(source, list)),
    }
}

/// Loads and compiles a spec, printing its diagnostics (warnings too) as it goes.
pub fn compile(
    path: &std::path::Path,
    format: MessageFormat,
    color: ColorChoice,
) -> crate::Compiled {
    let compiled = crate::compile_file(path);
    diagnostics(&compiled.source, &compiled.diagnostics, format, color);
    compiled
}

/// Loads the specs named on the command line, in order. With `skip_non_specs`, a readable
/// file that declares no `[design]` table is passed over (see `spec::declares_design`).
pub fn load_specs(paths: &[std::path::PathBuf], skip_non_specs: bool) -> Vec<crate::Compiled> {
    paths
        .iter()
        .filter_map(|path| {
            let (source, problems) = crate::spec::load(path);
            if !problems.is_empty() {
                return Some(crate::Compiled::unread(source, problems));
            }
            if skip_non_specs && !crate::spec::declares_design(&source.text) {
                return None;
            }
            Some(crate::compile_at(path, source))
        })
        .collect()
}

/// Writes to stdout; a reader that closed the pipe early (`| head`) is not an error.
pub fn stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// "1 host", "2 hosts".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}
