//! Where `embed` puts each region's diagram files as soon as they are drawn, so that no region's
//! images stay in memory while the next one renders. Each file goes to a temporary file beside
//! its output (created exclusively with a random name, as `write_atomic` does, so a planted
//! symbolic link is never followed); once every region of the Markdown file has rendered, all of
//! them are renamed into place together. A failure before then removes them and leaves the old
//! outputs as they were. With `--check` nothing is written: each file is compared with the one
//! on disk instead.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use tempfile::TempPath;

use crate::cli::write::{OutputLock, inside_out, temp_beside};

/// The diagram files of one Markdown file's regions, staged on disk (or checked).
pub struct Staged {
    out: PathBuf,
    check: bool,
    /// Each output made so far, with its temporary file (none with `--check`).
    files: BTreeMap<PathBuf, Option<TempPath>>,
    /// Design folders checked to lie inside `out`; those this run created are removed again
    /// if it fails while they are still empty.
    folders: BTreeSet<PathBuf>,
    created: Vec<PathBuf>,
    /// With `--check`: the outputs whose bytes differ from the file on disk.
    stale: Vec<PathBuf>,
    /// Held from the first staged file until the staged files are in place or removed, so a
    /// concurrent `build` neither swaps a folder away under them nor sees half of the set.
    /// Declared last: fields are dropped in order, and the lock must outlive the files.
    lock: Option<OutputLock>,
}

impl Staged {
    pub fn new(out: &Path, check: bool) -> Staged {
        Staged {
            out: out.to_path_buf(),
            check,
            files: BTreeMap::new(),
            folders: BTreeSet::new(),
            created: Vec::new(),
            stale: Vec::new(),
            lock: None,
        }
    }

    /// Whether `path` still needs its bytes: not when an earlier region showing the same
    /// design already made it.
    pub fn wants(&self, path: &Path) -> bool {
        !self.files.contains_key(path)
    }

    /// Writes `bytes` for the output `path` (in a design folder under `out`) to its temporary
    /// file, or with `--check` compares them with the file on disk. The caller can drop the
    /// bytes once this returns.
    pub fn put(&mut self, path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
        if !self.wants(path) {
            return Ok(());
        }
        if self.check {
            if std::fs::read(path).ok().as_deref() != Some(bytes) {
                self.stale.push(path.to_path_buf());
            }
            self.files.insert(path.to_path_buf(), None);
            return Ok(());
        }
        if self.lock.is_none() {
            self.lock = Some(OutputLock::take(&self.out)?);
        }
        let folder = path.parent().unwrap_or(Path::new("."));
        if !self.folders.contains(folder) {
            let existed = std::fs::symlink_metadata(folder).is_ok();
            inside_out(&self.out, folder)?;
            if !existed {
                self.created.push(folder.to_path_buf());
            }
            remove_leftovers(folder);
            self.folders.insert(folder.to_path_buf());
        }
        let mut temp = temp_beside(path, folder)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        temp.write_all(bytes)
            .and_then(|()| temp.as_file().sync_all())
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        self.files
            .insert(path.to_path_buf(), Some(temp.into_temp_path()));
        Ok(())
    }

    /// With `--check`: the outputs that are missing or differ from what was drawn.
    pub fn stale(&self) -> &[PathBuf] {
        &self.stale
    }

    /// Renames every staged file over its output; a symbolic link there is replaced, not
    /// followed.
    pub fn commit(mut self) -> anyhow::Result<()> {
        for (path, temp) in std::mem::take(&mut self.files) {
            if let Some(temp) = temp {
                temp.persist(&path)
                    .map_err(|e| e.error)
                    .with_context(|| format!("cannot write `{}`", path.display()))?;
            }
        }
        Ok(())
    }
}

impl Drop for Staged {
    /// Removes what was staged and not put in place, and the folders made for it, while the
    /// lock is still held.
    fn drop(&mut self) {
        self.files.clear();
        for folder in self.created.iter().rev() {
            // Only an empty folder goes: one whose files were put in place stays.
            let _ = std::fs::remove_dir(folder);
        }
    }
}

/// Removes the temporary files (`.<name>.<random>.tmp`) an `embed` that was killed left in a
/// design folder; under the output lock nobody else can be writing them.
fn remove_leftovers(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && name.starts_with('.') && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
