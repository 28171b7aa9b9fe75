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
    /// The design the spec `extends`, compiled once with it (see [`compile_at`]).
    pub extended: Option<Design>,
}

impl Compiled {
    /// A spec that could not be read or decoded: its problems, and no design.
    pub fn unread(source: SourceFile, diagnostics: Vec<Diagnostic>) -> Compiled {
        Compiled {
            source,
            design: None,
            diagnostics,
            extended: None,
        }
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Loads a spec file and compiles it, with the spec it `extends` (see [`compile_at`]).
pub fn compile_file(path: &Path) -> Compiled {
    let (source, diagnostics) = spec::load(path);
    if !diagnostics.is_empty() {
        return Compiled::unread(source, diagnostics);
    }
    compile_at(path, source)
}

/// Compiles the text of the spec at `path`, then checks that the spec it `extends` can be read
/// and is valid: every command gives a spec the same verdict, and a build never learns late
/// that the design it compares with is broken. One level only: the extended spec's own check
/// covers what it extends, and a cycle of `extends` cannot loop.
pub fn compile_at(path: &Path, source: SourceFile) -> Compiled {
    let mut compiled = compile(source);
    let Some(design) = &compiled.design else {
        return compiled;
    };
    let Some(extends) = &design.extends else {
        return compiled;
    };
    let Some(target) = extended_spec(path, design) else {
        return compiled;
    };
    match extended(&target) {
        Ok(previous) => compiled.extended = Some(previous),
        Err(problem) => {
            compiled.diagnostics.push(
                Diagnostic::error(
                    diagnostic::Code::BrokenExtends,
                    format!("`extends` names `{}`, {problem}", extends.value),
                )
                .at(extends.span, "the design this one grows from")
                .help(format!(
                    "the path is relative to this spec's folder: {}",
                    target.display()
                )),
            );
            compiled.design = None;
        }
    }
    compiled
}

/// The design a spec extends, or why it cannot serve.
fn extended(target: &Path) -> Result<Design, String> {
    let (source, problems) = spec::load(target);
    if let Some(first) = problems.first() {
        return Err(format!("which cannot be read: {}", first.message));
    }
    let compiled = compile(source);
    let errors = compiled.error_count();
    compiled.design.filter(|_| errors == 0).ok_or_else(|| {
        format!(
            "which has {errors} error{}: run `infradoc check {}`",
            if errors == 1 { "" } else { "s" },
            target.display()
        )
    })
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

/// For unit tests: the design of a spec's text, which must compile without any diagnostic.
#[cfg(test)]
pub(crate) fn design_of(text: &str) -> model::Design {
    let compiled = compile(SourceFile::new("t.toml", text));
    assert!(
        compiled.diagnostics.is_empty(),
        "{text}\n{:?}",
        compiled.diagnostics
    );
    compiled.design.expect("no diagnostics, so a design")
}

/// Compiles a spec's text: spec stage, then model stage, then the rule names the spec's lint
/// settings use. Problems of all three are reported together.
pub fn compile(source: SourceFile) -> Compiled {
    let (spec, mut diagnostics) = spec::parse(&source);
    let design = spec.and_then(|spec| {
        let (design, more) = model::build(&spec);
        diagnostics.extend(more);
        if let Some(design) = &design {
            diagnostics.extend(lint::unknown_rules(design));
        }
        design.filter(|_| !diagnostics.iter().any(Diagnostic::is_error))
    });
    diagnostic::sort(&mut diagnostics);
    Compiled {
        source,
        design,
        diagnostics,
        extended: None,
    }
}
