//! Stage 5 (for CI): lint results rendered for machines: JSON, SARIF 2.1.0 and GitHub workflow
//! annotations, one file each. People get the diagnostic renderer (`diagnostic::render_human`).

mod github;
mod json;
mod sarif;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

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
pub fn shown_path(source: &SourceFile) -> String {
    source.name.replace('\\', "/")
}

/// Every byte a URI path keeps as it is: RFC 3986's unreserved characters and the separator.
/// The rest (space, `#`, `%`, `?`, `:`, non-ASCII...) is percent-encoded.
const URI_PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// The spec's file as a URI: a relative reference for a relative path (resolved against the
/// checkout's root), a `file://` URI for an absolute one. The flag says which.
pub fn artifact(source: &SourceFile) -> (String, bool) {
    let path = shown_path(source);
    let encoded = utf8_percent_encode(&path, URI_PATH).to_string();
    if let Some(rest) = path.strip_prefix('/') {
        (
            format!("file:///{}", utf8_percent_encode(rest, URI_PATH)),
            false,
        )
    } else if let Some(drive) = windows_drive(&path) {
        // A Windows drive path, C:/...: the drive letter's colon stays.
        let rest = utf8_percent_encode(&path[2..], URI_PATH);
        (format!("file:///{drive}:{rest}"), false)
    } else {
        (encoded, true)
    }
}

/// The drive letter of a path like `C:/specs/web.toml`.
fn windows_drive(path: &str) -> Option<char> {
    match path.as_bytes() {
        [drive, b':', b'/', ..] if drive.is_ascii_alphabetic() => Some(char::from(*drive)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri_of(name: &str) -> (String, bool) {
        artifact(&SourceFile::new(name, ""))
    }

    #[test]
    fn relative_paths_are_relative_references_with_reserved_bytes_encoded() {
        assert_eq!(uri_of("specs/web.toml"), ("specs/web.toml".into(), true));
        assert_eq!(
            uri_of("my specs/shop #2 100%.toml"),
            ("my%20specs/shop%20%232%20100%25.toml".into(), true)
        );
        assert_eq!(uri_of("a:b/é.toml"), ("a%3Ab/%C3%A9.toml".into(), true));
        assert_eq!(uri_of("..\\up\\x.toml"), ("../up/x.toml".into(), true));
    }

    #[test]
    fn absolute_paths_are_file_uris() {
        assert_eq!(
            uri_of("/home/me/a b.toml"),
            ("file:///home/me/a%20b.toml".into(), false)
        );
        assert_eq!(
            uri_of("C:\\specs\\a b.toml"),
            ("file:///C:/specs/a%20b.toml".into(), false)
        );
    }
}
