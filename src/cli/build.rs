//! `infradoc build`: compile specs into a diagram (SVG and PNG) per design.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::diagnostic::ColorChoice;
use crate::model::Design;
use crate::render::{self, Theme};
use crate::spec::vocabulary::Direction;

use super::output::{self, Exit, MessageFormat, count};
use super::write::{OutputLock, inside_out, replace_folder, write_atomic};

/// Compile specs: check them, lint them, and write each design's diagram and write-up to
/// OUT/<name>/: diagram.svg, diagram.png and README.md (or index.html with --format html), and answer.md when the spec has an `[answer]` table.
///
/// Every spec is checked as `infradoc check` does; nothing is written for a spec with errors,
/// and files are only replaced once every output is ready. Several specs build in parallel, and
/// OUT/README.md then indexes them. With --check nothing is written: the run exits 1 when the
/// outputs on disk are stale.
///
/// Example: infradoc build specs/0-simple_web_stack.toml --out output
#[derive(Debug, Clone, clap::Args)]
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

    /// Write no PNG (faster; a picture past 50 megapixels is drawn at a smaller scale).
    #[arg(long)]
    no_png: bool,

    /// Draw no product marks: by default a component whose software names a well-known
    /// product (Nginx, HAProxy, MySQL, PostgreSQL, Redis, Kafka...) shows its mark on its icon.
    #[arg(long)]
    no_marks: bool,

    /// Draw every host: by default a pool of 4 or more identical hosts (same components,
    /// links and findings) is drawn as one stack box, "web-01 ... web-99 · ×99".
    #[arg(long)]
    unfold: bool,

    /// Flow of the diagram, overriding the spec's `direction`. Without it, a left-to-right
    /// picture wider than 2.5:1 is drawn top to bottom when that is narrower.
    #[arg(long, value_parser = ["LR", "TB"])]
    direction: Option<String>,

    /// The write-up's format: README.md, or one self-contained index.html.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,

    /// Write nothing: exit 1 and show what differs when the outputs on disk are not what the
    /// specs give now.
    #[arg(long)]
    check: bool,

    /// How to print problems.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Markdown,
    Html,
}

impl Format {
    /// The write-up's file in each design's folder, which the index links to.
    fn file_name(self) -> &'static str {
        match self {
            Format::Markdown => "README.md",
            Format::Html => "index.html",
        }
    }
}

impl Args {
    pub fn specs(&self) -> &[PathBuf] {
        &self.specs
    }

    pub fn check(&self) -> bool {
        self.check
    }
}

fn parse_scale(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if (0.25..=8.0).contains(&v) => Ok(v),
        _ => Err("the scale is a number from 0.25 to 8".to_string()),
    }
}

/// One spec's outputs, made in memory before anything is written.
struct Built {
    compiled: crate::Compiled,
    /// Design name, summary line, files to write, and finding counts for the index.
    made: Option<Made>,
}

struct Made {
    name: String,
    title: String,
    summary: String,
    folder: PathBuf,
    files: Vec<(PathBuf, Vec<u8>)>,
    counts: [usize; 3],
    /// Said on stderr after the spec's diagnostics, with the spec's name.
    warnings: Vec<String>,
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<Exit> {
    let mut theme = Theme::load(&args.theme)?;
    theme.marks = !args.no_marks;
    let today = super::today::today();
    // Specs build in parallel; results keep the order they were given in.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(args.specs.len().max(1));
    let mut built: Vec<Option<anyhow::Result<Built>>> =
        (0..args.specs.len()).map(|_| None).collect();
    let size = args.specs.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for (k, chunk) in built.chunks_mut(size).enumerate() {
            let (args, theme, today) = (&args, &theme, &today);
            scope.spawn(move || {
                for (i, slot) in chunk.iter_mut().enumerate() {
                    *slot = Some(make(&args.specs[k * size + i], args, theme, today));
                }
            });
        }
    });
    let mut exit = Exit::Clean;
    let mut made = Vec::new();
    for (result, spec) in built.into_iter().zip(&args.specs) {
        // Each spec stands alone: one that cannot be built is reported by name and the
        // others are still written.
        let b = match result {
            Some(Ok(b)) => b,
            Some(Err(e)) => {
                eprintln!("error: {}: {e:#}", spec.display());
                exit = Exit::Invalid;
                continue;
            }
            None => continue,
        };
        output::diagnostics(
            &b.compiled.source,
            &b.compiled.diagnostics,
            args.message_format,
            color,
        );
        if let Some(m) = &b.made {
            for w in &m.warnings {
                eprintln!("warning: {}: {w}", b.compiled.source.name);
            }
        }
        match b.made {
            Some(m) => made.push((b.compiled.source.name.clone(), m)),
            None => exit = Exit::Invalid,
        }
    }
    for (i, (spec, m)) in made.iter().enumerate() {
        if let Some((other, _)) = made[..i].iter().find(|(_, o)| o.name == m.name) {
            anyhow::bail!(
                "{spec} and {other} both name their design `{}`: their outputs would overwrite each other",
                m.name
            );
        }
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = made
        .iter()
        .flat_map(|(_, m)| m.files.iter().cloned())
        .collect();
    if made.len() > 1 {
        files.push((
            args.out.join("README.md"),
            index(&made, args.format).into_bytes(),
        ));
    }
    if args.check {
        let stale = check(&files);
        if stale > 0 {
            eprintln!(
                "{stale} output file(s) out of date; rebuild with: infradoc build {}",
                args.specs
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            return Ok(exit.max(Exit::Findings));
        }
        report(
            args.message_format,
            &format!("{} output file(s) up to date\n", files.len()),
        );
        return Ok(exit);
    }
    if made.is_empty() {
        return Ok(exit);
    }
    let _lock = OutputLock::take(&args.out)?;
    for (_, m) in &made {
        inside_out(&args.out, &m.folder)?;
        replace_folder(&m.folder, &m.files)?;
    }
    // The index, written last: each design's set is already complete when it links to it.
    let index_file = args.out.join("README.md");
    if let Some((_, bytes)) = files.iter().find(|(path, _)| *path == index_file) {
        write_atomic(&index_file, bytes)
            .with_context(|| format!("writing {}", index_file.display()))?;
    }
    for (spec, m) in &made {
        report(
            args.message_format,
            &format!("{spec}: {} -> {}\n", m.summary, m.folder.display()),
        );
    }
    Ok(exit)
}

/// What was built, for people: on stdout, or on stderr when stdout carries JSON diagnostics
/// and must hold nothing else.
fn report(format: MessageFormat, line: &str) {
    match format {
        MessageFormat::Human => output::stdout(line),
        MessageFormat::Json => eprint!("{line}"),
    }
}

/// Compares outputs with the files on disk; prints what differs (a diff for text). Returns how
/// many are stale.
fn check(files: &[(PathBuf, Vec<u8>)]) -> usize {
    let mut stale = 0;
    for (path, bytes) in files {
        let current = std::fs::read(path).ok();
        if current.as_deref() == Some(&bytes[..]) {
            continue;
        }
        stale += 1;
        match (&current, std::str::from_utf8(bytes)) {
            (Some(old), Ok(new)) if path.extension().is_some_and(|e| e == "md") => {
                let old = String::from_utf8_lossy(old);
                let name = path.display().to_string();
                let diff = similar::TextDiff::from_lines(old.as_ref(), new);
                eprint!(
                    "{}",
                    diff.unified_diff()
                        .context_radius(2)
                        .header(&name, &format!("{name} (built now)"))
                );
            }
            (None, _) => eprintln!("missing: {}", path.display()),
            _ => eprintln!("stale: {}", path.display()),
        }
    }
    stale
}

/// OUT/README.md: every design built, linking to its write-up, with its picture and finding
/// counts.
fn index(made: &[(String, Made)], format: Format) -> String {
    let mut out = String::from(
        "# Designs\n\nBuilt by `infradoc build`; each folder holds a diagram and a write-up.\n\n| Design | Spec | Errors | Warnings | Info |\n|---|---|---|---|---|\n",
    );
    for (spec, m) in made {
        out.push_str(&format!(
            "| [{}]({}/{}) | `{}` | {} | {} | {} |\n",
            crate::writeup::markdown::escape(&m.title),
            m.name,
            format.file_name(),
            spec.replace('`', ""),
            m.counts[0],
            m.counts[1],
            m.counts[2]
        ));
    }
    for (_, m) in made {
        out.push_str(&format!(
            "\n## {}\n\n![{}]({}/diagram.svg)\n",
            crate::writeup::markdown::escape(&m.title),
            crate::writeup::markdown::escape(&m.title),
            m.name
        ));
    }
    out
}

fn make(path: &Path, args: &Args, theme: &Theme, today: &str) -> anyhow::Result<Built> {
    let compiled = crate::compile_file(path);
    let Some(design) = &compiled.design else {
        return Ok(Built {
            compiled,
            made: None,
        });
    };
    let report = crate::lint::lint(design, today);
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
    let diagram = crate::layout::layout_with(
        design,
        &findings,
        crate::layout::Options {
            direction,
            unfold: args.unfold,
            keep_direction: args.direction.is_some(),
        },
    );
    let svg = render::svg::render(&diagram, theme);
    // The PNG always uses the explicit (light or chosen) colours.
    let mut warnings = Vec::new();
    let png = if args.no_png {
        None
    } else {
        let plain = Theme {
            dark: None,
            ..theme.clone()
        };
        let scale = render::png::fitted_scale(diagram.width, diagram.height, args.scale);
        if scale < args.scale {
            warnings.push(format!(
                "a {}x{} diagram at scale {} passes the PNG limit of {} megapixels: diagram.png is drawn at scale {scale:.2} ({}x{})",
                diagram.width,
                diagram.height,
                args.scale,
                render::png::MAX_PIXELS / 1_000_000,
                (diagram.width * scale).ceil(),
                (diagram.height * scale).ceil(),
            ));
        }
        Some(
            render::png::render(
                &render::svg::render_with(&diagram, &plain, render::svg::Glyphs::Named),
                scale,
            )
            .context("drawing diagram.png")?,
        )
    };
    let previous = previous_design(design, compiled.extended.as_ref(), today);
    let previous_ref = as_previous(&previous);
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
    let doc = match args.format {
        Format::Markdown => text,
        Format::Html => crate::writeup::to_html(&text, &design.title, &svg, "diagram.svg"),
    };
    let mut files = vec![
        (folder.join("diagram.svg"), svg.into_bytes()),
        (folder.join(args.format.file_name()), doc.into_bytes()),
    ];
    if let Some(png) = png {
        files.push((folder.join("diagram.png"), png));
    }
    let earlier = previous
        .as_ref()
        .map(|(_, d, r)| crate::writeup::answer::Earlier {
            design: d,
            report: r,
            availability: crate::analysis::estimate(d),
        });
    if let Some(answer) =
        crate::writeup::answer::answer(design, &report, availability, earlier, "diagram.svg")
    {
        files.push((folder.join("answer.md"), answer.into_bytes()));
    }
    use crate::diagnostic::Severity;
    let counts = [
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    ];
    let made = Made {
        name: design.name.clone(),
        title: design.title.clone(),
        summary: summary(design),
        folder,
        files,
        counts,
        warnings,
    };
    Ok(Built {
        compiled,
        made: Some(made),
    })
}

/// [`previous_design`]'s answer as the write-up takes it.
pub fn as_previous<'a>(
    previous: &'a Option<(String, &'a Design, crate::lint::Report)>,
) -> Option<crate::writeup::Previous<'a>> {
    previous
        .as_ref()
        .map(|(file, design, report)| crate::writeup::Previous {
            design,
            report,
            file,
        })
}

/// The design `design` extends (`extended`, compiled with it by [`crate::compile_at`], which
/// refuses a spec whose extended spec cannot serve), linted, with its path as written.
pub fn previous_design<'a>(
    design: &Design,
    extended: Option<&'a Design>,
    today: &str,
) -> Option<(String, &'a Design, crate::lint::Report)> {
    let extends = design.extends.as_ref()?;
    let previous = extended?;
    let report = crate::lint::lint(previous, today);
    Some((extends.value.clone(), previous, report))
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
