//! `infradoc build`: compile specs into a diagram (SVG and PNG) per design.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::diagnostic::ColorChoice;
use crate::model::Design;
use crate::render::{self, Theme};
use crate::spec::vocabulary::Direction;

use super::output::{self, Exit, MessageFormat, count};
use super::write::write_atomic;

/// Compile specs: check them, lint them, and write each design's diagram and write-up to
/// OUT/<name>/: diagram.svg, diagram.png and README.md (or index.html with --format html).
///
/// Every spec is checked as `infradoc check` does; nothing is written for a spec with errors,
/// and a design's files are only replaced once all of them are ready.
///
/// Example: infradoc build specs/0-simple_web_stack.toml --out output
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Spec files to build.
    #[arg(required = true, value_name = "SPEC")]
    specs: Vec<PathBuf>,

    /// Folder the outputs go to, one subfolder per design.
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,

    /// `default` (light), `dark`, `auto` (follows the reader's colour scheme), or a theme folder.
    #[arg(long, default_value = "default")]
    theme: String,

    /// Pixel density of the PNG.
    #[arg(long, default_value_t = 2.0, value_parser = parse_scale)]
    scale: f32,

    /// Leave lint findings off the diagram.
    #[arg(long)]
    no_findings: bool,

    /// Flow of the diagram, overriding the spec's `direction`.
    #[arg(long, value_parser = ["LR", "TB"])]
    direction: Option<String>,

    /// The write-up's format: README.md, or one self-contained index.html.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,

    /// How to print problems.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Markdown,
    Html,
}

fn parse_scale(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if (0.25..=8.0).contains(&v) => Ok(v),
        _ => Err("the scale is a number from 0.25 to 8".to_string()),
    }
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<Exit> {
    let theme = Theme::load(&args.theme)?;
    let today = super::today::today();
    let mut exit = Exit::Clean;
    for path in &args.specs {
        let compiled = crate::compile_file(path);
        output::diagnostics(
            &compiled.source,
            &compiled.diagnostics,
            args.message_format,
            color,
        );
        let Some(design) = &compiled.design else {
            exit = Exit::Invalid;
            continue;
        };
        let report = crate::lint::lint(design, &today);
        let findings: Vec<&crate::lint::Finding> = if args.no_findings {
            Vec::new()
        } else {
            report.active().collect()
        };
        let direction = match args.direction.as_deref() {
            Some("TB") => Direction::TopToBottom,
            Some(_) => Direction::LeftToRight,
            None => design.direction,
        };
        let diagram = crate::layout::layout(design, &findings, direction);
        let svg = render::svg::render(&diagram, &theme);
        // The PNG always uses the explicit (light or chosen) colours.
        let plain = Theme {
            dark: None,
            ..theme.clone()
        };
        let png = render::png::render(&render::svg::render(&diagram, &plain), args.scale)?;
        let previous = previous_design(path, design, &today);
        let previous_ref = previous
            .as_ref()
            .map(|(file, d, r)| crate::writeup::Previous {
                design: d,
                report: r,
                file,
            });
        let availability = crate::analysis::estimate(design);
        let text = crate::writeup::writeup(
            design,
            &report,
            availability,
            previous_ref,
            "diagram.svg",
            &theme.writeup,
        )?;
        let folder = args.out.join(&design.name);
        let (doc_name, doc) = match args.format {
            Format::Markdown => ("README.md", text),
            Format::Html => (
                "index.html",
                crate::writeup::to_html(&text, &design.title, &svg, "diagram.svg"),
            ),
        };
        write_outputs(
            &folder,
            &[
                ("diagram.svg", svg.as_bytes()),
                ("diagram.png", &png),
                (doc_name, doc.as_bytes()),
            ],
        )?;
        output::stdout(&format!(
            "{}: {} -> {}\n",
            compiled.source.name,
            summary(design),
            folder.display()
        ));
    }
    Ok(exit)
}

/// The design the spec `extends`, compiled and linted, with its path as written; `None`
/// (after a warning) when it cannot be read.
fn previous_design(
    spec: &Path,
    design: &Design,
    today: &str,
) -> Option<(String, Design, crate::lint::Report)> {
    let extends = design.extends.as_ref()?;
    let path = spec.parent().unwrap_or(Path::new(".")).join(&extends.value);
    let compiled = crate::compile_file(&path);
    match compiled.design {
        Some(previous) => {
            let report = crate::lint::lint(&previous, today);
            Some((extends.value.clone(), previous, report))
        }
        None => {
            eprintln!(
                "warning: `extends = \"{}\"`: {} has errors; the write-up leaves out what changed",
                extends.value,
                path.display()
            );
            None
        }
    }
}

fn write_outputs(folder: &Path, files: &[(&str, &[u8])]) -> anyhow::Result<()> {
    for (name, bytes) in files {
        write_atomic(&folder.join(name), bytes).with_context(|| format!("writing {name}"))?;
    }
    Ok(())
}

/// "simple-web-stack: 1 host, 5 components, 4 links, 1 DNS record".
pub fn summary(design: &Design) -> String {
    format!(
        "{}: {}, {}, {}, {}",
        design.name,
        count(design.hosts.len(), "host", "hosts"),
        count(design.components.len(), "component", "components"),
        count(design.links.len(), "link", "links"),
        count(design.dns.len(), "DNS record", "DNS records"),
    )
}
