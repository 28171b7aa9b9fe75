//! Stage 5 (for CI): lint results rendered for machines: JSON, SARIF 2.1.0 and GitHub workflow
//! annotations, one file each. People get the diagnostic renderer (`diagnostic::render_human`).

mod github;
mod json;
mod sarif;

use crate::diagnostic::SourceFile;
use crate::lint::Report;
use crate::model::Design;

pub use github::render_github;
pub use json::{failures as failures_json, render_json};
pub use sarif::render_sarif;

/// One spec's outcome: its lint report, or the errors that stopped it.
pub enum Outcome<'a> {
    Linted {
        source: &'a SourceFile,
        design: &'a Design,
        report: &'a Report,
    },
    Invalid {
        source: &'a SourceFile,
        diagnostics: &'a [crate::diagnostic::Diagnostic],
    },
}

/// The file name as reports show it: forward slashes, as given on the command line.
pub fn uri(source: &SourceFile) -> String {
    source.name.replace('\\', "/")
}
