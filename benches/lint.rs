//! `cargo bench --bench lint`: how long checking and linting take as designs grow.
//!
//! Generates tiered designs (clustered load balancers, N servers each running a web server,
//! an application server, its code and a monitoring agent, a database primary with replicas)
//! of 100 to 10,000 components, and prints the median of several runs for the front end
//! (parse + model) and for lint (failure analysis + every rule). Set INFRADOC_BENCH_SIZES to
//! a comma-separated list of component counts to measure others.

use std::time::Instant;

mod common;
use common::{median, spec};

use infradoc::diagnostic::SourceFile;

fn main() {
    let sizes: Vec<usize> = std::env::var("INFRADOC_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100, 1_000, 5_000, 10_000]);
    println!(
        "{:>10} {:>8} {:>14} {:>12} {:>9}",
        "components", "links", "check (ms)", "lint (ms)", "findings"
    );
    for size in sizes {
        let text = spec(size);
        let runs = if size >= 5_000 { 5 } else { 11 };
        let mut check = Vec::new();
        let mut lint = Vec::new();
        let mut shape = (0, 0, 0);
        for _ in 0..runs {
            let start = Instant::now();
            let compiled = infradoc::compile(SourceFile::new("bench.toml", text.clone()));
            check.push(start.elapsed());
            let design = compiled.design.expect("the generated spec is valid");
            let start = Instant::now();
            let report = infradoc::lint::lint(&design, "2026-11-28");
            lint.push(start.elapsed());
            shape = (
                design.components.len(),
                design.links.len(),
                report.findings.len(),
            );
        }
        println!(
            "{:>10} {:>8} {:>14.1} {:>12.1} {:>9}",
            shape.0,
            shape.1,
            median(check).as_secs_f64() * 1e3,
            median(lint).as_secs_f64() * 1e3,
            shape.2
        );
    }
}
