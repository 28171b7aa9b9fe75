//! Stage 1: spec text -> [`Spec`], a typed tree of what the user wrote, with spans.
//!
//! Loading checks the file itself (exists, UTF-8, not empty); parsing checks TOML syntax,
//! keys, types and single values. References between ids are left to the model stage.

mod answer;
mod components;
mod dns;
pub mod fields;
mod links;
mod parse;
mod reader;
pub mod schema;
mod tree;
pub mod values;
mod vips;
pub mod vocabulary;
mod zones;

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic, SourceFile, Span};

pub use parse::parse;
pub use tree::*;
pub use vocabulary::{Kind, Tier, Topic, Vocabulary, ZoneKind};

/// The largest spec read: far above any real design (the 10,000-component benchmark spec is
/// under 2 MiB), low enough that a runaway file is refused at once.
pub const MAX_SPEC_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a spec file. On failure the diagnostics say why, and the returned source is what
/// could be read (for locating a bad byte).
pub fn load(path: &Path) -> (SourceFile, Vec<Diagnostic>) {
    let name = path.display().to_string();
    match read_regular(path, MAX_SPEC_BYTES) {
        Ok(bytes) => decode(name, bytes),
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
            let diagnostic = Diagnostic::error(
                Code::SpecTooLarge,
                format!(
                    "`{name}` is larger than {} MiB, the limit for a spec",
                    MAX_SPEC_BYTES / (1024 * 1024)
                ),
            )
            .help("split the design into several specs");
            (SourceFile::new(name, ""), vec![diagnostic])
        }
        Err(e) => {
            let diagnostic =
                Diagnostic::error(Code::CannotRead, format!("cannot read `{name}`: {e}"))
                    .help("check the path; it is relative to the current directory");
            (SourceFile::new(name, ""), vec![diagnostic])
        }
    }
}

/// Reads a regular file of at most `limit` bytes. A FIFO, a device (`/dev/zero`), a socket or
/// a folder is refused before it is opened, so nothing blocks or reads without end; the limit
/// is enforced on what is read, not only on the size the file claims.
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a pipe, device or socket)"
        };
        return Err(Error::new(ErrorKind::InvalidInput, format!("it is {what}")));
    }
    if meta.len() > limit {
        return Err(Error::from(ErrorKind::FileTooLarge));
    }
    let file = std::fs::File::open(path)?;
    // The file may have been swapped since the first look: check what was opened.
    if !file.metadata()?.is_file() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "it is not a regular file",
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Error::from(ErrorKind::FileTooLarge));
    }
    Ok(bytes)
}

/// Whether a TOML file is an infradoc spec: it has a top-level `design` table. Hooks that see
/// every `*.toml` of a repository use this to pass over Cargo.toml, pyproject.toml and the like.
/// A file that is not valid TOML counts as a spec when a line of it is a `[design]` header, so
/// a broken spec is still reported rather than skipped.
pub fn declares_design(text: &str) -> bool {
    match text.parse::<toml::Table>() {
        Ok(table) => table.get("design").is_some_and(toml::Value::is_table),
        Err(_) => text.lines().any(|line| {
            let line = line.split('#').next().unwrap_or_default().trim();
            line.strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .is_some_and(|name| name.trim() == "design")
        }),
    }
}

/// Turns a spec's bytes into text, reporting the first byte that is not UTF-8.
pub fn decode(name: String, bytes: Vec<u8>) -> (SourceFile, Vec<Diagnostic>) {
    match String::from_utf8(bytes) {
        Ok(text) => (SourceFile::new(name, text), Vec::new()),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // The lossy text has the same bytes up to `at`, so the span is right in it.
            let width = text[at..].chars().next().map_or(0, char::len_utf8);
            let diagnostic =
                Diagnostic::error(Code::NotUtf8, format!("`{name}` is not UTF-8 text"))
                    .at(
                        Span::new(at, at + width),
                        format!("byte {at} is not valid UTF-8"),
                    )
                    .help("save the file as UTF-8");
            (SourceFile::new(name, text), vec![diagnostic])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::declares_design;

    #[test]
    fn a_spec_is_a_toml_file_with_a_design_table() {
        assert!(declares_design("[design]\nname = \"shop\"\n"));
        assert!(declares_design("design = { name = \"shop\" }\n"));
        assert!(declares_design(
            "# spec\n  [ design ]  # the design\nname = 1 = 2\n"
        ));
        assert!(!declares_design("[package]\nname = \"infradoc\"\n"));
        assert!(!declares_design("[tool.design]\nx = 1\n"));
        assert!(!declares_design("design = \"a string\"\n"));
        assert!(!declares_design("[project]\nname = = 1\n[designs]\n"));
        assert!(!declares_design(""));
    }
}
