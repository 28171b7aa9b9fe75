//! Integration tests: one binary, so the crate links once.

mod action;
mod answer;
mod cli;
mod crossings;
mod diagram;
mod docs;
mod embed;
mod errors;
mod export;
mod export_zones;
mod flow;
mod fonts;
mod hubs;
mod lint;
mod locks;
mod lookup;
mod marks;
mod mutation;
mod precommit;
mod real;
mod recipes;
mod robustness;
mod schema;
mod specs;
mod spof;
mod streams;
mod themes;
mod told_once;
mod watch;
mod writes;
mod writeup;
mod zone_analysis;
mod zone_trees;
mod zones;

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every spec in specs/, in name order: the four exercise designs, then the real ones.
pub fn all_specs() -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(root().join("specs"))
        .expect("specs/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    specs.sort();
    specs
}

/// The four classic exercise specs, in order: their names start with the task's number.
pub fn classic_specs() -> Vec<PathBuf> {
    all_specs()
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect()
}

/// A path relative to the repository root, with `/` separators, for stable snapshots.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
