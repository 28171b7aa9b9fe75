//! `infradoc build`: compile specs and print a one-line summary of each design.

use std::path::PathBuf;

use crate::diagnostic::ColorChoice;
use crate::model::Design;

use super::output::{self, Exit, MessageFormat, count};

/// Compile specs and summarise each design.
///
/// Every spec is checked as `infradoc check` does; a valid one gets a summary line with its
/// hosts, components, links and DNS records. Exits 2 if any spec has an error.
///
/// Example: infradoc build specs/0-simple_web_stack.toml
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Spec files to build.
    #[arg(required = true, value_name = "SPEC")]
    specs: Vec<PathBuf>,

    /// How to print problems.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<Exit> {
    let mut exit = Exit::Clean;
    for path in &args.specs {
        let compiled = crate::compile_file(path);
        output::diagnostics(
            &compiled.source,
            &compiled.diagnostics,
            args.message_format,
            color,
        );
        match &compiled.design {
            Some(design) => {
                output::stdout(&format!("{}: {}\n", compiled.source.name, summary(design)))
            }
            None => exit = Exit::Invalid,
        }
    }
    Ok(exit)
}

/// "simple-web-stack: 1 host, 5 components, 4 links, 1 DNS record".
pub fn summary(design: &Design) -> String {
    format!(
        "{}: {}, {}, {}, {}",
        design.name,
        count(design.hosts.len(), "host", "hosts"),
        count(design.components.len(), "component", "components"),
        count(design.links.len(), "link", "links"),
        count(design.dns.len(), "DNS record", "DNS records"),
    )
}
