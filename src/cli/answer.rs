//! `infradoc answer`: print the exercise answer a spec's `[answer]` table asks for.

use std::path::PathBuf;

use anyhow::bail;

use crate::diagnostic::ColorChoice;

use super::output::{self, Exit, MessageFormat};

/// Print the answer to the questions and issues of a spec's `[answer]` table, as Markdown.
///
/// The answer links the diagram, follows a request from the user's first keystroke, answers
/// each question in the order asked, explains each issue with its consequence and fix, and,
/// for a design that `extends` another, says what changed and why.
///
/// Example: infradoc answer specs/0-simple_web_stack.toml > 0-simple_web_stack
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The spec to answer for.
    #[arg(value_name = "SPEC", required_unless_present = "topics")]
    spec: Option<PathBuf>,

    /// List the topics a `questions` list can name, one line each, and exit.
    #[arg(long, conflicts_with = "spec")]
    topics: bool,

    /// Where the answer's diagram link points.
    #[arg(long, value_name = "PATH", default_value = "diagram.svg")]
    diagram: String,
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<Exit> {
    if args.topics {
        output::stdout(&crate::writeup::answer::catalogue());
        return Ok(Exit::Clean);
    }
    let Some(path) = args.spec else {
        bail!("name a spec, or pass --topics");
    };
    let compiled = output::compile(&path, MessageFormat::Human, color);
    let Some(design) = &compiled.design else {
        return Ok(Exit::Invalid);
    };
    let today = super::today::today();
    let report = crate::lint::lint(design, &today);
    output::diagnostics(
        &compiled.source,
        &report.diagnostics,
        MessageFormat::Human,
        color,
    );
    if report.diagnostics.iter().any(|d| d.is_error()) {
        return Ok(Exit::Invalid);
    }
    let earlier = super::build::previous_design(design, compiled.extended.as_ref(), &today);
    let earlier = earlier
        .as_ref()
        .map(|&(_, d, ref r)| crate::writeup::answer::Earlier {
            design: d,
            report: r,
            availability: crate::analysis::estimate(d),
        });
    let availability = crate::analysis::estimate(design);
    match crate::writeup::answer::answer(design, &report, availability, earlier, &args.diagram) {
        Some(text) => {
            output::stdout(&text);
            Ok(Exit::Clean)
        }
        None => bail!(
            "`{}` has no [answer] table; add one with `questions` and `issues` (docs/answer.md)",
            path.display()
        ),
    }
}
