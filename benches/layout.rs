//! `cargo bench --bench layout [-- SHAPE...]`: layout + SVG time by shape, at 1,000 and 5,000
//! components, to catch a shape whose picture grows faster than its size (issue 15).
//!
//! Each design is laid out the way `infradoc build` does it (lint findings as badges, the
//! direction turned top to bottom when the picture is too wide) and rendered to SVG, folded
//! (the default: pools of identical hosts as one stack) and unfolded (`--unfold`: every host
//! drawn); each time is the shortest of 7 runs (other work on a shared machine only adds
//! time), or a single run when one takes over a second.
//! "png" is one 2x PNG of the folded picture (the build's default), rasterising and encoding
//! included. "x" is the growth from the smaller size to this one: about 5 (5,000 over 1,000
//! components) for a layout that grows with its size; well past 6 means a super-linear path.
//!
//! The shapes (benches/common/shapes.rs; `web` is benches/common/mod.rs's tiered stack):
//! - `replicas`: databases each replicating the one before;
//! - `chain`: a request chain of application servers, each on a host of its own;
//! - `star-lb`: one load balancer in front of n web servers, each on a host of its own;
//! - `star-db`: n application servers, each on a host of its own, all reading one database;
//! - `peers`: load balancers on hosts of their own, each naming the next as its peer;
//! - `mesh`: k web servers each sending to all of k application servers, k the square root
//!   of the size (so about 1,000 and 5,000 links, not components);
//! - `zones`: web servers in 50 availability zones behind one load balancer and one database;
//! - `web`: load balancers, n/4 servers of four components each, a database and its replicas.
//!
//! Name shapes after `--` to run only those; INFRADOC_BENCH_SIZES=1000,5000 sets the sizes;
//! INFRADOC_BENCH_PNG=0 leaves the PNG out (it takes seconds for the largest pictures).
//! `-- SHAPE SIZE` prints that spec instead, to build or profile it with the binary:
//! `cargo bench --bench layout -- star-db 5000 > star.toml && infradoc build star.toml`.

use std::time::{Duration, Instant};

use infradoc::diagnostic::SourceFile;
use infradoc::lint::Finding;
use infradoc::model::Design;
use infradoc::render::{Theme, png, svg};

#[allow(dead_code)]
mod common;
use common::shapes::{chain, mesh_between, peer_ring, replica_chain, star_db, star_lb, zones};
use common::spec;

/// The k-by-k mesh with about `n` links.
fn square_mesh(n: usize) -> String {
    mesh_between((n as f64).sqrt().round() as usize)
}

/// A shape's name and its generator, from a size to a spec.
type Generator = (&'static str, fn(usize) -> String);

const SHAPES: &[Generator] = &[
    ("replicas", replica_chain),
    ("chain", chain),
    ("star-lb", star_lb),
    ("star-db", star_db),
    ("peers", peer_ring),
    ("mesh", square_mesh),
    ("zones", zones),
    ("web", spec),
];

/// Lays the design out and renders it as `infradoc build` would, folded or not.
fn draw(design: &Design, findings: &[&Finding], theme: &Theme, unfold: bool) -> String {
    let options = infradoc::layout::Options {
        direction: design.direction,
        unfold,
        keep_direction: false,
    };
    svg::render(
        &infradoc::layout::layout_with(design, findings, options),
        theme,
    )
}

/// The shortest time of [`draw`] in 7 runs (1 when it takes over a second): on a shared
/// machine other work only adds time, so the shortest is the steadiest.
fn time_draw(design: &Design, findings: &[&Finding], theme: &Theme, unfold: bool) -> Duration {
    let once = || {
        let start = Instant::now();
        std::hint::black_box(draw(design, findings, theme, unfold));
        start.elapsed()
    };
    let first = once();
    if first > Duration::from_secs(1) {
        return first;
    }
    (0..6).map(|_| once()).fold(first, Duration::min)
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn growth(now: Duration, before: Option<Duration>) -> String {
    before.map_or(String::new(), |b| {
        format!("x{:.1}", now.as_secs_f64() / b.as_secs_f64())
    })
}

fn main() {
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if let [name, size] = only.as_slice()
        && let Some((_, generate)) = SHAPES.iter().find(|s| s.0 == name)
        && let Ok(size) = size.parse()
    {
        print!("{}", generate(size));
        return;
    }
    let sizes: Vec<usize> = std::env::var("INFRADOC_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 5_000]);
    let with_png = std::env::var("INFRADOC_BENCH_PNG").map_or(true, |v| v != "0");
    let theme = Theme::load("default").expect("built-in theme");
    let plain = Theme {
        dark: None,
        ..theme.clone()
    };
    println!(
        "{:<9} {:>6} {:>6} {:>11} {:>6} {:>11} {:>6} {:>9} {:>6}",
        "shape", "comps", "links", "folded ms", "x", "unfolded ms", "x", "png ms", "x"
    );
    for &(name, generate) in SHAPES {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        let mut before: Option<(Duration, Duration, Option<Duration>)> = None;
        for &size in &sizes {
            let compiled = infradoc::compile(SourceFile::new("bench.toml", generate(size)));
            let Some(design) = compiled.design else {
                println!("{name:<9} {size:>6} the generated spec is not valid");
                continue;
            };
            let report = infradoc::lint::lint(&design, "2026-11-28");
            let findings: Vec<&Finding> = report.active().collect();
            let folded = time_draw(&design, &findings, &theme, false);
            let unfolded = time_draw(&design, &findings, &theme, true);
            let png_time = with_png.then(|| {
                let picture = draw(&design, &findings, &plain, false);
                let start = Instant::now();
                std::hint::black_box(png::render(&picture, 2.0).expect("renders"));
                start.elapsed()
            });
            println!(
                "{:<9} {:>6} {:>6} {:>11} {:>6} {:>11} {:>6} {:>9} {:>6}",
                name,
                design.components.len(),
                design.links.len(),
                ms(folded),
                growth(folded, before.map(|b| b.0)),
                ms(unfolded),
                growth(unfolded, before.map(|b| b.1)),
                png_time.map_or("-".to_string(), ms),
                png_time.map_or(String::new(), |t| growth(t, before.and_then(|b| b.2))),
            );
            before = Some((folded, unfolded, png_time));
        }
    }
}
