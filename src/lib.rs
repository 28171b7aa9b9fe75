//! infradoc compiles an infrastructure design, written as a TOML spec, into findings, a diagram
//! and a write-up.
//!
//! The pipeline, one module per stage, in data-flow order; a stage only uses earlier ones:
//!
//! 1. [`spec`]: spec text -> [`spec::Spec`], what the user wrote, typed and spanned.
//! 2. [`model`]: spec -> [`model::Design`], the design as a graph with resolved references.
//! 3. [`analysis`]: design -> what each failure takes down, and availability.
//! 4. [`lint`]: design + analysis -> findings, one file per rule.
//! 5. [`layout`]: design + findings -> a positioned diagram; [`render`]: diagram -> SVG, PNG.
//! 6. [`report`]: findings -> JSON, SARIF, GitHub annotations.
//! 7. [`cli`]: the command line; the only layer that prints, writes files or exits.
//!
//! Problems in a spec are [`diagnostic::Diagnostic`]s, data returned by each stage, not Rust
//! errors; [`diagnostic`] renders them for people and for machines.

pub mod analysis;
pub mod cli;
pub mod diagnostic;
pub mod embed;
pub mod export;
pub mod layout;
pub mod lint;
pub mod model;
pub mod render;
pub mod report;
pub mod spec;
pub mod writeup;

use std::path::{Path, PathBuf};

use diagnostic::{Diagnostic, SourceFile};
use model::Design;

/// A spec run through the stages: its source, its design if valid, and every problem found.
#[derive(Debug)]
pub struct Compiled {
    pub source: SourceFile,
    pub design: Option<Design>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Loads a spec file and compiles it.
pub fn compile_file(path: &Path) -> Compiled {
    let (source, diagnostics) = spec::load(path);
    if !diagnostics.is_empty() {
        return Compiled {
            source,
            design: None,
            diagnostics,
        };
    }
    compile(source)
}

/// The spec file a design `extends`, found as `infradoc build` finds it: the path is relative to
/// the folder of the spec that names it.
///
/// With the spec itself, this is every file a build reads: the write-up compares the design
/// with the one it extends, and only that one; the extended spec's own `extends` reaches no
/// output.
pub fn extended_spec(spec: &Path, design: &Design) -> Option<PathBuf> {
    let extends = design.extends.as_ref()?;
    let folder = spec.parent().unwrap_or(Path::new("."));
    Some(folder.join(&extends.value))
}

/// Compiles a spec's text: spec stage, then model stage. Problems of both are reported together.
pub fn compile(source: SourceFile) -> Compiled {
    let (spec, mut diagnostics) = spec::parse(&source);
    let design = spec.and_then(|spec| {
        let (design, more) = model::build(&spec);
        diagnostics.extend(more);
        design.filter(|_| !diagnostics.iter().any(Diagnostic::is_error))
    });
    diagnostic::sort(&mut diagnostics);
    Compiled {
        source,
        design,
        diagnostics,
    }
}
