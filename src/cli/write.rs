//! Writing files so that a reader never sees half of one. Outputs are written to a new
//! temporary file in their folder (created exclusively, with a random name, so a planted
//! symbolic link is never followed) and renamed over the old file. A user's own file that
//! infradoc edits (a README with embedded regions) keeps what makes it that file: its symbolic
//! link, hard links, mode, owner and read-only bit.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Writes `bytes` to `path` atomically, creating the folder if needed. A symbolic link at
/// `path` is replaced, not followed: generated outputs belong to infradoc.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let folder = folder_of(path);
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot create `{}`", folder.display()))?;
    replace(path, bytes, None).with_context(|| format!("cannot write `{}`", path.display()))
}

/// Rewrites a user's file with `bytes`: through its symbolic link, keeping its mode and owner,
/// refusing a read-only file. A file with other hard links is rewritten in place (a rename
/// would split the links); any other is replaced atomically.
pub fn edit_in_place(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let target = resolve(path)?;
    let meta = std::fs::metadata(&target)
        .with_context(|| format!("cannot read `{}`", target.display()))?;
    if meta.permissions().readonly() {
        bail!(
            "`{}` is read-only: make it writable to let infradoc update it",
            target.display()
        );
    }
    if links(&meta) > 1 {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&target)
            .with_context(|| format!("cannot open `{}`", target.display()))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .with_context(|| format!("cannot write `{}`", target.display()))?;
        return Ok(());
    }
    replace(&target, bytes, Some(&meta))
        .with_context(|| format!("cannot write `{}`", target.display()))
}

/// Replaces the folder `folder` with `files` (paths inside it) as one set: they are written to
/// a new sibling folder, which is then swapped in by two renames, so a reader sees the old set
/// or the new one, never a mix, and a failure leaves the old set as it was. Files of the old
/// folder that the new set does not make (the dark diagram `embed` adds) are carried over.
pub fn replace_folder(folder: &Path, files: &[(PathBuf, Vec<u8>)]) -> anyhow::Result<()> {
    let parent = folder_of(folder);
    let name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new."))
        .tempdir_in(parent)
        .with_context(|| format!("cannot create a folder in `{}`", parent.display()))?;
    for (path, bytes) in files {
        let inside = path.strip_prefix(folder).unwrap_or(path);
        let target = staging.path().join(inside);
        let written = std::fs::File::create_new(&target)
            .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()));
        written.with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    if let Ok(entries) = std::fs::read_dir(folder) {
        for entry in entries.flatten() {
            let kept = staging.path().join(entry.file_name());
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if is_file && !kept.exists() {
                std::fs::copy(entry.path(), &kept)
                    .with_context(|| format!("cannot keep `{}`", entry.path().display()))?;
            }
        }
    }
    let staged = staging.keep();
    let swapped = swap_in(&staged, folder, parent, &name);
    if swapped.is_err() {
        let _ = std::fs::remove_dir_all(&staged);
    }
    swapped.with_context(|| format!("cannot replace `{}`", folder.display()))
}

/// Moves the old folder aside, the new one into its place, then removes the old one; puts the
/// old one back if the second rename fails.
fn swap_in(staged: &Path, folder: &Path, parent: &Path, name: &str) -> std::io::Result<()> {
    if std::fs::symlink_metadata(folder).is_err() {
        return std::fs::rename(staged, folder);
    }
    let aside = tempfile::Builder::new()
        .prefix(&format!(".{name}.old."))
        .tempdir_in(parent)?
        .keep();
    // rename() replaces an empty folder: the reserved name stays unique to this run.
    std::fs::rename(folder, &aside)?;
    if let Err(e) = std::fs::rename(staged, folder) {
        let _ = std::fs::rename(&aside, folder);
        return Err(e);
    }
    let _ = std::fs::remove_dir_all(&aside);
    Ok(())
}

/// Holds the output folder for one build at a time: two builds writing the same design
/// folder would otherwise race on it. Leftovers of a build that was killed (`.<name>.new.*`,
/// `.<name>.old.*`) are removed once the lock is held, since nobody else can be writing them.
pub struct OutputLock(#[allow(dead_code)] std::fs::File);

impl OutputLock {
    pub fn take(out: &Path) -> anyhow::Result<OutputLock> {
        std::fs::create_dir_all(out)
            .with_context(|| format!("cannot create `{}`", out.display()))?;
        let path = out.join(".infradoc.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open `{}`", path.display()))?;
        file.lock()
            .with_context(|| format!("cannot lock `{}`", path.display()))?;
        if let Ok(entries) = std::fs::read_dir(out) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let leftover = name.starts_with('.')
                    && (name.contains(".new.") || name.contains(".old.") || name.ends_with(".tmp"));
                if leftover {
                    let path = entry.path();
                    let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
                }
            }
        }
        Ok(OutputLock(file))
    }
}

/// Refuses to write a design's folder when it resolves outside the output folder (a symbolic
/// link planted there, say). Design names themselves cannot climb out: the spec checks them.
pub fn inside_out(out: &Path, folder: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot create `{}`", folder.display()))?;
    let (root, real) = (out.canonicalize()?, folder.canonicalize()?);
    if !real.starts_with(&root) {
        anyhow::bail!(
            "`{}` leads to `{}`, outside `{}`: refusing to write there",
            folder.display(),
            real.display(),
            out.display()
        );
    }
    Ok(())
}

/// The file a path leads to, following symbolic links (however many), relative to the folder
/// each link sits in.
fn resolve(path: &Path) -> anyhow::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        let meta = std::fs::symlink_metadata(&current)
            .with_context(|| format!("cannot read `{}`", current.display()))?;
        if !meta.file_type().is_symlink() {
            return Ok(current);
        }
        let target = std::fs::read_link(&current)?;
        current = folder_of(&current).join(target);
    }
    bail!("`{}`: too many levels of symbolic links", path.display())
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A new temporary file in `folder` named after `path` (`.<name>.<random>.tmp`), created
/// exclusively so a planted link is never followed; removed when dropped.
pub(super) fn temp_beside(path: &Path, folder: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(folder)
}

/// Writes a new file beside `path` and renames it over `path`, giving it `like`'s mode and
/// owner when given. The temporary file is removed if anything fails.
fn replace(path: &Path, bytes: &[u8], like: Option<&std::fs::Metadata>) -> std::io::Result<()> {
    let mut temp = temp_beside(path, folder_of(path))?;
    temp.write_all(bytes)?;
    if let Some(meta) = like {
        keep_owner_and_mode(temp.as_file(), meta)?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn keep_owner_and_mode(file: &std::fs::File, meta: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    file.set_permissions(meta.permissions())?;
    // Only root may give a file away; anyone else keeps owning what they write.
    match std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Ok(()),
        other => other,
    }
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &std::fs::File, meta: &std::fs::Metadata) -> std::io::Result<()> {
    file.set_permissions(meta.permissions())
}

#[cfg(unix)]
fn links(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn links(_: &std::fs::Metadata) -> u64 {
    1
}
