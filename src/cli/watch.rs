//! `infradoc watch`: rebuild whenever a spec changes.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use crate::diagnostic::ColorChoice;

use super::output::Exit;

/// Build specs, then build them again each time one of them (or the spec it extends) changes.
///
/// Takes the options of `infradoc build`. Stops with Ctrl-C.
///
/// Example: infradoc watch specs/1-distributed_web_infrastructure.toml
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    #[command(flatten)]
    build: super::build::Args,

    /// How often to look for changes, in milliseconds.
    #[arg(long, default_value_t = 300)]
    interval: u64,
}

/// The modification times of the specs (and the specs they extend).
fn stamps(specs: &[PathBuf]) -> Vec<Option<SystemTime>> {
    let mut paths = specs.to_vec();
    for spec in specs {
        if let Ok(text) = std::fs::read_to_string(spec) {
            if let Some(extends) = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("extends = "))
            {
                paths.push(
                    spec.parent()
                        .unwrap_or(std::path::Path::new("."))
                        .join(extends.trim().trim_matches('"')),
                );
            }
        }
    }
    paths
        .iter()
        .map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .collect()
}

pub fn run(args: WatchArgs, color: ColorChoice) -> anyhow::Result<Exit> {
    let specs = args.build.specs().to_vec();
    let mut seen = Vec::new();
    loop {
        let now = stamps(&specs);
        if now != seen {
            seen = now;
            // A failed build is reported and the watch goes on: the next save may fix it.
            match super::build::run(args.build.clone(), color) {
                Ok(_) => {}
                Err(e) => eprintln!("error: {e:#}"),
            }
            eprintln!(
                "watching {} spec(s) for changes (Ctrl-C stops)",
                specs.len()
            );
        }
        std::thread::sleep(Duration::from_millis(args.interval.max(50)));
    }
}
