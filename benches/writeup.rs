//! `cargo bench --bench writeup`: the Markdown write-up and the exercise's answer of generated
//! designs of 1,000 and 5,000 components, in process, to catch text work that grows with
//! text × ids (putting ids in code font once took 86% of a 400-component build and 12 s of
//! CPU at 5,000). Set INFRADOC_BENCH_SIZES (`1000,5000,10000`) to choose the sizes.
//!
//! Four shapes per size: the generated design; the same spread over 50 zones (a zone list
//! naming hosts); without monitoring agents (a finding per server, each message marked); and
//! the design extending one of half its size (a "what changed" section naming every new id).
//! The answer asks every question and every issue. The last column compares each time with
//! the first size's: about 1.0 means the time grows with the design, not faster.

use std::time::{Duration, Instant};

use infradoc::analysis::Availability;
use infradoc::diagnostic::SourceFile;
use infradoc::lint::Report;
use infradoc::model::Design;
use infradoc::render::Theme;
use infradoc::spec::{Topic, Vocabulary};
use infradoc::writeup::Previous;
use infradoc::writeup::answer::Earlier;

mod common;
use common::{median, spec, zoned_spec};

const RUNS: usize = 5;

/// A design, linted, with its availability.
struct Linted {
    design: Design,
    report: Report,
    availability: Availability,
}

fn linted(text: String) -> Linted {
    let design = infradoc::compile(SourceFile::new("bench.toml", text))
        .design
        .expect("the generated spec is valid");
    let report = infradoc::lint::lint(&design, "2026-11-28");
    let availability = infradoc::analysis::estimate(&design);
    Linted {
        design,
        report,
        availability,
    }
}

/// The spec asking, in its `[answer]` table, every question and every issue there is.
fn asking_everything(mut spec: String) -> String {
    let quoted = |items: Vec<&str>| {
        items
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let questions = quoted(Topic::ALL.iter().map(|t| t.as_str()).collect());
    let issues = quoted(infradoc::lint::registry::all().map(|r| r.name).collect());
    spec.push_str(&format!(
        "\n[answer]\nquestions = [{questions}]\nissues = [{issues}]\n"
    ));
    spec
}

/// The generated spec without its monitoring agents: nothing watches the servers.
fn unmonitored(components: usize) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in spec(components).lines() {
        if line.starts_with('[') {
            skipping = line.starts_with("[components.agent-");
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The median time of `f` over [`RUNS`] runs.
fn time<T>(mut f: impl FnMut() -> T) -> Duration {
    let samples = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    median(samples)
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

/// Time per component against the first size's, for one shape: `(components, write-up,
/// answer)`.
type Row = (usize, Duration, Duration);

fn growth(first: Option<&Row>, row: &Row) -> String {
    let Some(&(n0, w0, a0)) = first else {
        return "-".into();
    };
    let per = |d: Duration, n: usize| d.as_secs_f64() / n as f64;
    format!(
        "{:.1} / {:.1}",
        per(row.1, row.0) / per(w0, n0).max(1e-12),
        per(row.2, row.0) / per(a0, n0).max(1e-12)
    )
}

fn main() {
    let sizes: Vec<usize> = std::env::var("INFRADOC_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 5_000]);
    let theme = Theme::load("default").expect("built-in theme");
    type Shape = (&'static str, fn(usize) -> String);
    let shapes: [Shape; 4] = [
        ("generated", spec),
        ("50 zones", |n| zoned_spec(n, 50)),
        ("unmonitored", unmonitored),
        ("extends half", spec),
    ];
    println!(
        "{:<14} {:>7} {:>9} {:>13} {:>11} {:>15}",
        "shape", "comps", "findings", "write-up ms", "answer ms", "growth w / a"
    );
    for (name, make) in shapes {
        let mut first: Option<Row> = None;
        for &size in &sizes {
            let now = linted(asking_everything(make(size)));
            let before = (name == "extends half").then(|| linted(make(size / 2)));
            let components = now.design.components.len();
            let writeup = time(|| {
                infradoc::writeup::writeup(
                    &now.design,
                    &now.report,
                    now.availability,
                    before.as_ref().map(|b| Previous {
                        design: &b.design,
                        report: &b.report,
                        file: "half.toml",
                    }),
                    "diagram.svg",
                    &theme.writeup,
                )
                .expect("renders")
            });
            let answer = time(|| {
                infradoc::writeup::answer::answer(
                    &now.design,
                    &now.report,
                    now.availability,
                    before.as_ref().map(|b| Earlier {
                        design: &b.design,
                        report: &b.report,
                        availability: b.availability,
                    }),
                    "diagram.svg",
                )
                .expect("the spec asks")
            });
            let row = (components, writeup, answer);
            println!(
                "{:<14} {:>7} {:>9} {:>13} {:>11} {:>15}",
                name,
                components,
                now.report.active().count(),
                ms(writeup),
                ms(answer),
                growth(first.as_ref(), &row)
            );
            first.get_or_insert(row);
        }
    }
}
