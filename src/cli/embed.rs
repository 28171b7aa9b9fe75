//! `infradoc embed`: rewrite the infradoc regions of Markdown files, or check they are current.

mod stage;

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, anyhow, bail};

use crate::diagnostic::{ColorChoice, SourceFile};
use crate::embed::{Region, RewriteError, Show, Source, region_text, rewrite};
use crate::layout::Diagram;
use crate::render::{self, Theme};

use super::output::{self, Exit, MessageFormat};
use super::write::edit_in_place;
use stage::Staged;

/// Keep diagrams and write-ups embedded in Markdown files up to date.
///
/// Rewrites what lies between `<!-- infradoc:begin spec=PATH show=diagram|writeup|findings|flow -->`
/// (add `dark=yes` for a `<picture>` with a dark-theme diagram for readers in dark mode)
/// and `<!-- infradoc:end -->` (PATH relative to the Markdown file; markers alone at the start of
/// a line, outside quotes and lists), and adds the picture after every top-level ```toml
/// infradoc fenced block. Nothing outside the regions changes. Diagrams go to
/// OUT/<name>/ like `infradoc build`. With --check nothing is written: the run exits 1 and shows
/// a diff when a region or a diagram is stale.
///
/// Example: infradoc embed README.md --check
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Markdown files to update.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Change nothing; exit 1 with a diff if anything is stale.
    #[arg(long)]
    check: bool,

    /// Folder the diagrams go to, one subfolder per design.
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,

    /// Specs must lie inside this folder (symbolic links resolved); default: the current one.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,

    /// Allow specs outside --root.
    #[arg(long)]
    allow_outside_root: bool,

    /// Theme of the diagrams, as for `infradoc build`.
    #[arg(long, default_value = "default")]
    theme: String,

    /// Draw no product marks on the diagrams, as for `infradoc build`.
    #[arg(long)]
    no_marks: bool,
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<Exit> {
    let mut embedder = Embedder::new(&args, color)?;
    let mut exit = Exit::Clean;
    for file in &args.files {
        let text = crate::spec::read_regular(file, crate::spec::MAX_SPEC_BYTES)
            .with_context(|| format!("cannot read `{}`", file.display()))?;
        let text =
            String::from_utf8(text).map_err(|_| anyhow!("`{}` is not UTF-8", file.display()))?;
        // Each region's diagram files are staged on disk as it renders; they are put in place
        // only once every region of the file has rendered.
        let mut staged = Staged::new(&args.out, args.check);
        let page = Page::new(file, &text);
        let new_text = match rewrite(&text, |r: &Region| embedder.region(&page, r, &mut staged)) {
            Ok(t) => t,
            Err(e) => {
                let reported = matches!(&e, RewriteError::Render(e) if e.is::<Reported>());
                if !reported {
                    eprintln!("error: {}: {e}", file.display());
                }
                exit = Exit::Invalid;
                continue;
            }
        };
        if args.check {
            let mut stale = false;
            if new_text != text {
                stale = true;
                let diff = similar::TextDiff::from_lines(&text, &new_text);
                let name = file.display().to_string();
                eprint!(
                    "{}",
                    diff.unified_diff()
                        .context_radius(2)
                        .header(&name, &format!("{name} (embedded now)"))
                );
            }
            for path in staged.stale() {
                stale = true;
                eprintln!("stale: {}", path.display());
            }
            if stale {
                eprintln!(
                    "{} is out of date; update it with: infradoc embed {}",
                    file.display(),
                    file.display()
                );
                exit = exit.max(Exit::Findings);
            }
            continue;
        }
        // The diagrams first: the Markdown only ever points at files that are in place.
        staged.commit()?;
        if new_text != text {
            edit_in_place(file, new_text.as_bytes())?;
            output::stdout(&format!("updated {}\n", file.display()));
        } else {
            output::stdout(&format!("{} is up to date\n", file.display()));
        }
    }
    Ok(exit)
}

/// What every region of the run shares: where outputs go, the themes, and which region drew
/// each design folder so far.
struct Embedder {
    out: PathBuf,
    root: PathBuf,
    allow_outside_root: bool,
    theme: Theme,
    /// `dark=yes` regions draw their diagram a second time with this one.
    dark_theme: Theme,
    today: String,
    color: ColorChoice,
    /// Which region draws each design folder, over every file of the run.
    drawn: BTreeMap<PathBuf, Drawn>,
}

/// The Markdown file a region sits in.
struct Page<'a> {
    file: &'a Path,
    /// The file's folder, which region specs and image paths are relative to.
    base: PathBuf,
    text: &'a str,
}

impl<'a> Page<'a> {
    fn new(file: &'a Path, text: &'a str) -> Page<'a> {
        let base = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        Page { file, base, text }
    }
}

/// A region whose spec cannot serve; its diagnostics already said why.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Reported(String);

impl Embedder {
    fn new(args: &Args, color: ColorChoice) -> anyhow::Result<Embedder> {
        let mut theme = Theme::load(&args.theme)?;
        let mut dark_theme = Theme::load("dark")?;
        theme.marks = !args.no_marks;
        dark_theme.marks = !args.no_marks;
        let root = args.root.clone().unwrap_or_else(|| PathBuf::from("."));
        let root = root
            .canonicalize()
            .with_context(|| format!("root `{}`", root.display()))?;
        Ok(Embedder {
            out: args.out.clone(),
            root,
            allow_outside_root: args.allow_outside_root,
            theme,
            dark_theme,
            today: super::today::today(),
            color,
            drawn: BTreeMap::new(),
        })
    }

    /// A region's new text. Its diagram files go to `staged` as they are drawn, one at a time.
    fn region(
        &mut self,
        page: &Page,
        region: &Region,
        staged: &mut Staged,
    ) -> anyhow::Result<String> {
        let (source, origin) = match &region.source {
            Source::File(spec) => {
                let path = page.base.join(spec);
                inside_root(&path, &self.root, self.allow_outside_root)?;
                let (source, problems) = crate::spec::load(&path);
                if !problems.is_empty() {
                    output::diagnostics(&source, &problems, MessageFormat::Human, self.color);
                    return Err(Reported(format!("{} cannot be read", path.display())).into());
                }
                (source, path)
            }
            Source::Inline(body) => (
                SourceFile::new(
                    format!("{} (inline spec)", page.file.display()),
                    body.clone(),
                ),
                page.file.to_path_buf(),
            ),
        };
        // An inline spec's `extends` is relative to the Markdown file holding it.
        let compiled = crate::compile_at(&origin, source);
        output::diagnostics(
            &compiled.source,
            &compiled.diagnostics,
            MessageFormat::Human,
            self.color,
        );
        let Some(design) = compiled.design else {
            return Err(Reported(format!("{} has errors", compiled.source.name)).into());
        };
        let report = crate::lint::lint(&design, &self.today);
        let folder = self.out.join(&design.name);
        let findings: Vec<_> = report.active().collect();
        let diagram = crate::layout::layout(&design, &findings, design.direction);
        let svg = render::svg::render(&diagram, &self.theme);
        let place = format!(
            "{} line {}",
            page.file.display(),
            line_of(page.text, region)
        );
        claim(&mut self.drawn, &folder, &design.name, &svg, place)?;
        if matches!(region.show, Show::Diagram | Show::Writeup) {
            self.stage_images(&diagram, svg, &folder, region.dark, staged)?;
        }
        // As `infradoc build` does: the write-up says what changed since the extended
        // design (`compile_at` has already refused an `extends` that cannot serve).
        let previous =
            super::build::previous_design(&design, compiled.extended.as_ref(), &self.today);
        let previous_ref = super::build::as_previous(&previous);
        let writeup = crate::writeup::writeup(
            &design,
            &report,
            crate::analysis::estimate(&design),
            previous_ref,
            "diagram.svg",
            &self.theme.writeup,
        )?;
        let image = relative(&page.base, &folder.join("diagram.svg"))?;
        let dark_image = match region.dark {
            true => Some(relative(&page.base, &folder.join("diagram-dark.svg"))?),
            false => None,
        };
        let text = region_text(
            region.show,
            &design,
            &report,
            &writeup,
            &image,
            dark_image.as_deref(),
        );
        Ok(text.text)
    }

    /// Draws the region's SVG, 2x PNG and with `dark` its dark SVG, each handed to `staged`
    /// and dropped before the next is drawn. Files an earlier region of the same design
    /// already staged are not drawn again.
    fn stage_images(
        &self,
        diagram: &Diagram,
        svg: String,
        folder: &Path,
        dark: bool,
        staged: &mut Staged,
    ) -> anyhow::Result<()> {
        staged.put(&folder.join("diagram.svg"), svg.as_bytes())?;
        drop(svg);
        let png = folder.join("diagram.png");
        if staged.wants(&png) {
            let plain = Theme {
                dark: None,
                ..self.theme.clone()
            };
            let bytes = render::png::render(
                &render::svg::render_with(diagram, &plain, render::svg::Glyphs::Named),
                2.0,
            )?;
            staged.put(&png, &bytes)?;
        }
        let dark_svg = folder.join("diagram-dark.svg");
        if dark && staged.wants(&dark_svg) {
            let bytes = render::svg::render(diagram, &self.dark_theme);
            staged.put(&dark_svg, bytes.as_bytes())?;
        }
        Ok(())
    }
}

/// The first region that drew a design folder: where it is and a hash of its diagram.
struct Drawn {
    place: String,
    svg: u64,
}

/// Claims `folder` for a region's diagram. Two regions may show one design, but two different
/// designs sharing a name would overwrite each other's diagram, and `--check` would then find
/// one of them stale on every run.
fn claim(
    drawn: &mut BTreeMap<PathBuf, Drawn>,
    folder: &Path,
    name: &str,
    svg: &str,
    place: String,
) -> anyhow::Result<()> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    svg.hash(&mut hasher);
    let svg = hasher.finish();
    match drawn.get(folder) {
        Some(first) if first.svg != svg => bail!(
            "{place} and {} show two different designs named `{name}`, whose diagrams would both \
             go to {}; give the designs different names",
            first.place,
            folder.display()
        ),
        Some(_) => Ok(()),
        None => {
            drawn.insert(folder.to_path_buf(), Drawn { place, svg });
            Ok(())
        }
    }
}

/// The line of a region's begin marker (or, for a picture still to add, of its fence's end).
fn line_of(text: &str, region: &Region) -> usize {
    let before = &text[..region.content.start.min(text.len())];
    let bytes = before.as_bytes();
    let lone_crs = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    (before.matches('\n').count() + lone_crs).max(1)
}

/// Refuses a spec outside the root folder (after resolving symbolic links).
fn inside_root(path: &Path, root: &Path, allowed: bool) -> anyhow::Result<()> {
    let real = path
        .canonicalize()
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    if allowed || real.starts_with(root) {
        return Ok(());
    }
    bail!(
        "`{}` lies outside `{}`; pass --allow-outside-root to use it",
        path.display(),
        root.display()
    )
}

/// `to` relative to the folder `from`, with `/` separators.
fn relative(from: &Path, to: &Path) -> anyhow::Result<String> {
    let from = normalize(&std::path::absolute(from)?);
    let to = normalize(&std::path::absolute(to)?);
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = from.components().count() - common;
    let mut parts: Vec<String> = std::iter::repeat_n("..".to_string(), ups).collect();
    parts.extend(
        to.components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Ok(parts.join("/"))
}

/// Removes `.` and folds `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests;
