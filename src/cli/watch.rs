//! `infradoc watch`: rebuild whenever a file that goes into a build changes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use crate::diagnostic::ColorChoice;

use super::output::Exit;

/// Build specs, then build them again each time a file that goes into them changes.
///
/// The files are the specs and the specs they `extends` (the write-up says what changed since
/// that one); the spec that one extends in turn reaches no output, so its changes rebuild
/// nothing. Stops with Ctrl-C.
///
/// Takes the options of `infradoc build` but `--check`: a check runs once, so `watch --check`
/// is a usage error (exit 2); run `infradoc build --check` instead.
///
/// Example: infradoc watch specs/1-distributed_web_infrastructure.toml
#[derive(Debug, clap::Args)]
#[command(mut_arg("check", |a| a.help(
    "Refused (exit 2): watching never ends, a check runs once. Use `infradoc build --check`."
)))]
pub struct WatchArgs {
    #[command(flatten)]
    build: super::build::Args,

    /// How long a burst of changes (an editor's save) must have settled before the rebuild,
    /// in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 300)]
    interval: u64,
}

pub fn run(args: WatchArgs, color: ColorChoice) -> anyhow::Result<Exit> {
    if args.build.check() {
        anyhow::bail!(
            "`watch` does not take `--check`: watching never ends, and a check runs once; \
             run `infradoc build --check SPEC...` instead"
        );
    }
    let settle = Duration::from_millis(args.interval.max(10));
    let (events, changes) = channel();
    let mut watcher = notify::recommended_watcher(events)?;
    let mut watched = BTreeSet::new();
    loop {
        // A failed build is reported and the watch goes on: the next save may fix it.
        if let Err(e) = super::build::run(args.build.clone(), color) {
            eprintln!("error: {e:#}");
        }
        let inputs = inputs(args.build.specs());
        if inputs.is_empty() {
            anyhow::bail!("nothing to watch: no spec's folder could be found");
        }
        let folders: BTreeSet<PathBuf> = inputs
            .keys()
            .filter_map(|p| p.parent().map(Path::to_path_buf))
            .collect();
        // Folders, not files: an editor that saves by renaming a new file over the old one
        // would leave a watch on the old file looking at nothing.
        for gone in watched.difference(&folders) {
            let _ = watcher.unwatch(gone);
        }
        for folder in folders.difference(&watched) {
            if let Err(e) = watcher.watch(folder, RecursiveMode::NonRecursive) {
                eprintln!("warning: cannot watch {}: {e}", folder.display());
            }
        }
        watched = folders;
        let names: BTreeSet<&String> = inputs.values().collect();
        eprintln!(
            "watching {} file(s) for changes (Ctrl-C stops)",
            names.len()
        );
        let changed = wait(&changes, &inputs, settle)?;
        eprintln!(
            "changed: {}",
            changed.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
}

/// Every file the build reads, under the absolute names file events carry, each with the name
/// to show: the specs, and the specs their designs extend.
fn inputs(specs: &[PathBuf]) -> BTreeMap<PathBuf, String> {
    let mut files = Vec::new();
    for spec in specs {
        files.push(spec.clone());
        if let Some(design) = crate::compile_file(spec).design {
            files.extend(crate::extended_spec(spec, &design));
        }
    }
    let mut inputs = BTreeMap::new();
    for file in files {
        let name = file.display().to_string();
        // The file's own folder resolved (a save can replace the file, so not the file),
        // and where the file leads when it is a symbolic link.
        let folder = file.parent().filter(|p| !p.as_os_str().is_empty());
        let folder = folder.unwrap_or(Path::new(".")).canonicalize();
        match (folder, file.file_name()) {
            (Ok(folder), Some(leaf)) => {
                inputs.insert(folder.join(leaf), name.clone());
            }
            (Err(e), _) => eprintln!("warning: cannot watch {name}: its folder: {e}"),
            (_, None) => eprintln!("warning: cannot watch {name}: not a file name"),
        }
        if let Ok(real) = file.canonicalize() {
            inputs.insert(real, name);
        }
    }
    inputs
}

/// Blocks until an input changes, then until changes have stopped for `settle`; returns the
/// names of the inputs that changed.
fn wait(
    changes: &Receiver<notify::Result<notify::Event>>,
    inputs: &BTreeMap<PathBuf, String>,
    settle: Duration,
) -> anyhow::Result<BTreeSet<String>> {
    let mut changed = BTreeSet::new();
    loop {
        let next = if changed.is_empty() {
            changes.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            changes.recv_timeout(settle)
        };
        match next {
            // The build itself opens and reads the specs: reading is not a change.
            Ok(Ok(event)) if !matches!(event.kind, EventKind::Access(_)) => {
                changed.extend(event.paths.iter().filter_map(|p| inputs.get(p)).cloned());
            }
            Ok(Ok(_)) => {}
            Ok(Err(e)) => eprintln!("warning: watching: {e}"),
            Err(RecvTimeoutError::Timeout) => return Ok(changed),
            Err(RecvTimeoutError::Disconnected) => anyhow::bail!("the file watcher stopped"),
        }
    }
}
