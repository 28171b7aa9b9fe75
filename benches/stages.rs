//! `cargo bench --bench stages`: the median time of every stage on the classic specs and on
//! generated designs of 10 to 10,000 components, to see where time goes and how it grows.

use std::time::{Duration, Instant};

use infradoc::diagnostic::SourceFile;
use infradoc::render::{Theme, png, svg};

mod common;
use common::{median, spec};

/// The median of `runs` runs of `f`, and its last result.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut samples = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        samples.push(start.elapsed());
    }
    (median(samples), last.expect("at least one run"))
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

fn main() {
    let theme = Theme::load("default").expect("built-in theme");
    let mut inputs: Vec<(String, String)> = std::fs::read_dir("specs")
        .expect("run from the repository")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    inputs.sort();
    for size in [10, 100, 400, 1_000, 5_000, 10_000] {
        inputs.push((format!("generated {size}"), spec(size)));
    }
    println!(
        "{:<50} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9}",
        "spec", "comps", "parse", "model", "lint", "layout", "svg", "png 2x", "write-up"
    );
    for (name, text) in inputs {
        let source = SourceFile::new("bench.toml", text);
        let runs = if source.text.len() > 200_000 { 3 } else { 9 };
        let (parse, parsed) = time(runs, || infradoc::spec::parse(&source));
        let spec = parsed.0.expect("the spec parses");
        let (model, built) = time(runs, || infradoc::model::build(&spec));
        let design = built.0.expect("the spec is valid");
        let (lint, report) = time(runs, || infradoc::lint::lint(&design, "2026-11-28"));
        let findings: Vec<_> = report.active().collect();
        let (layout, diagram) = time(runs, || {
            infradoc::layout::layout(&design, &findings, design.direction)
        });
        let (svg_time, svg) = time(runs, || svg::render(&diagram, &theme));
        // Pictures of thousands of boxes are tens of thousands of pixels tall: not a PNG anyone
        // wants, and beyond what a raster buffer holds.
        let png_time = if design.components.len() <= 1_000 {
            ms(time(3, || png::render(&svg, 2.0).expect("renders")).0)
        } else {
            "-".into()
        };
        let availability = infradoc::analysis::estimate(&design);
        let (writeup, _) = time(runs, || {
            infradoc::writeup::writeup(
                &design,
                &report,
                availability,
                None,
                "diagram.svg",
                &theme.writeup,
            )
            .expect("renders")
        });
        println!(
            "{:<50} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9}",
            name,
            design.components.len(),
            ms(parse),
            ms(model),
            ms(lint),
            ms(layout),
            ms(svg_time),
            png_time,
            ms(writeup)
        );
    }
}
