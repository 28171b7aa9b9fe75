//! Stage 6 (text): the design, its findings and failure analysis -> a Markdown write-up (and a
//! self-contained HTML page). The prose lives in a minijinja template (themes/default/
//! writeup.md.j2, replaceable by a theme folder); this module computes what it says.

mod admin;
pub mod answer;
mod background;
mod changes;
mod components;
mod context;
mod flow;
mod html;
mod ids;
pub mod markdown;
mod spread;
mod topics;
mod zones;

use minijinja::{Environment, ErrorKind, UndefinedBehavior};

use crate::analysis::Availability;
use crate::lint::Report;
use crate::model::Design;

pub use crate::lint::rules::noun;
pub use changes::{Changes, compare};
pub use context::Context;
pub use html::to_html;

#[derive(Debug, thiserror::Error)]
pub enum WriteupError {
    /// The template failed: the message and minijinja's excerpt of the template around it.
    #[error("write-up template: {0}")]
    Template(String),
}

impl WriteupError {
    /// The error with minijinja's excerpt; an unknown name also gets the names a template can
    /// use, since a theme author cannot guess them.
    fn new(e: &minijinja::Error, context: Option<&Context>) -> Self {
        let mut text = format!("{e}\n{}", e.display_debug_info());
        if let Some(context) = context.filter(|_| e.kind() == ErrorKind::UndefinedError) {
            text.push_str(&format!(
                "\nThe template's variables are {}; docs/themes.md describes each and its fields.",
                variables(context).join(", ")
            ));
        }
        WriteupError::Template(text)
    }
}

/// The context's top-level names, as a template sees them.
fn variables(context: &Context) -> Vec<String> {
    match serde_json::to_value(context) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The request flow's numbered steps, as Markdown sentences (empty when no client links out).
pub fn flow_steps(design: &Design) -> Vec<String> {
    let site = design.site();
    flow::steps(design, &site)
}

/// The earlier design this one `extends`, linted, to compare with.
pub struct Previous<'a> {
    pub design: &'a Design,
    pub report: &'a Report,
    /// As the spec names it.
    pub file: &'a str,
}

/// Renders the write-up with `template` (the built-in one or a theme's).
pub fn writeup(
    design: &Design,
    report: &Report,
    availability: Availability,
    previous: Option<Previous<'_>>,
    diagram: &str,
    template: &str,
) -> Result<String, WriteupError> {
    let context = context(design, report, availability, previous, diagram);
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_keep_trailing_newline(true);
    env.add_template("writeup.md", template)
        .map_err(|e| WriteupError::new(&e, None))?;
    let text = env
        .get_template("writeup.md")
        .and_then(|t| t.render(&context))
        .map_err(|e| WriteupError::new(&e, Some(&context)))?;
    Ok(tidy(&text))
}

/// What the write-up template is given (docs/themes.md describes it).
pub fn context(
    design: &Design,
    report: &Report,
    availability: Availability,
    previous: Option<Previous<'_>>,
    diagram: &str,
) -> Context {
    let ids = ids::Ids::new(design);
    let changes = previous.map(|p| compare(p.design, p.report, p.file, design, &ids, report));
    context::build(design, &ids, report, availability, changes, diagram)
}

/// Collapses runs of blank lines the template's conditionals leave behind.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
