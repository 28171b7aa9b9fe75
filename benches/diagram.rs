//! `cargo bench --bench diagram`: layout + SVG time as designs grow, against Graphviz.
//!
//! For 10 to 5,000 components, prints the median time of infradoc's layout and SVG with every
//! host drawn (`--unfold`, what Graphviz is given) and with identical servers folded (the
//! default), and, when
//! `dot` is installed (`apt-get install graphviz`), of `dot -Tsvg` on the same graph (hosts as
//! clusters, the same links), with the ratio. Set INFRADOC_BENCH_SIZES to choose the sizes and
//! INFRADOC_BENCH_DOT_MAX to skip Graphviz above a size (default 1000: dot takes minutes past it).
//! Then the same designs spread over zones (5,000 components in 50 zones must lay out in under
//! a second), and the whole build of a classic design in process.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use infradoc::diagnostic::SourceFile;
use infradoc::model::Design;
use infradoc::render::{Theme, svg};

mod common;
use common::{median, spec, zoned_spec};

/// The same graph for Graphviz: a cluster per host, a node per component, an edge per link.
fn dot(design: &Design) -> String {
    let mut s = String::from("digraph g {\nrankdir=LR;\nnode [shape=box];\n");
    for h in design.host_ids() {
        s.push_str(&format!(
            "subgraph \"cluster_{}\" {{\nlabel=\"{}\";\n",
            design.host(h).id,
            design.host(h).id
        ));
        for &c in design.components_on(h) {
            let component = design.component(c);
            s.push_str(&format!(
                "\"{}\" [label=\"{}\\n{}\"];\n",
                component.id,
                component.id,
                component.software.as_deref().unwrap_or("")
            ));
        }
        s.push_str("}\n");
    }
    for link in &design.links {
        let label = match link.port {
            Some(p) => format!("{} :{p}", link.protocol),
            None => link.protocol.to_string(),
        };
        s.push_str(&format!(
            "\"{}\" -> \"{}\" [label=\"{label}\"];\n",
            design.component(link.from).id,
            design.component(link.to).id
        ));
    }
    s.push_str("}\n");
    s
}

/// How long `dot -Tsvg` takes on the input, or why it gave no answer.
fn time_dot(input: &str) -> Result<Duration, &'static str> {
    let start = Instant::now();
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| "not installed")?;
    let written = child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(input.as_bytes()));
    let status = child.wait().map_err(|_| "failed")?;
    // Graphviz 2.43 stops with "trouble in init_rank" on some large clustered graphs.
    match (written, status.success()) {
        (Some(Ok(())), true) => Ok(start.elapsed()),
        _ => Err("failed"),
    }
}

/// The median time of `runs` layouts and SVG renderings of the design, folded or not.
fn layout_and_svg(design: &Design, theme: &Theme, unfold: bool, runs: usize) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                let options = infradoc::layout::Options {
                    direction: design.direction,
                    unfold,
                    keep_direction: true,
                };
                let diagram = infradoc::layout::layout_with(design, &[], options);
                std::hint::black_box(svg::render(&diagram, theme));
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let sizes: Vec<usize> = std::env::var("INFRADOC_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 100, 400, 1_000, 5_000]);
    let dot_max: usize = std::env::var("INFRADOC_BENCH_DOT_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000);
    let theme = Theme::load("default").expect("built-in theme");
    println!(
        "{:>10} {:>8} {:>20} {:>12} {:>16} {:>8}",
        "components", "links", "layout + SVG (ms)", "folded (ms)", "dot -Tsvg (ms)", "ratio"
    );
    for size in sizes {
        let compiled = infradoc::compile(SourceFile::new("bench.toml", spec(size)));
        let design = compiled.design.expect("the generated spec is valid");
        let runs = if size >= 5_000 {
            3
        } else if size >= 1_000 {
            5
        } else {
            11
        };
        let time = |unfold: bool| layout_and_svg(&design, &theme, unfold, runs);
        let ours = time(true);
        let folded = time(false);
        let graphviz: Result<Duration, &str> = if size > dot_max {
            Err("skipped")
        } else {
            let input = dot(&design);
            (0..runs.min(5))
                .map(|_| time_dot(&input))
                .collect::<Result<Vec<_>, _>>()
                .map(median)
        };
        let (dot_ms, ratio) = match graphviz {
            Ok(d) => (
                format!("{:.1}", d.as_secs_f64() * 1e3),
                format!("{:.2}", ours.as_secs_f64() / d.as_secs_f64()),
            ),
            Err(why) => (why.to_string(), "-".to_string()),
        };
        println!(
            "{:>10} {:>8} {:>20.1} {:>12.1} {:>16} {:>8}",
            design.components.len(),
            design.links.len(),
            ours.as_secs_f64() * 1e3,
            folded.as_secs_f64() * 1e3,
            dot_ms,
            ratio
        );
    }

    // Zones: every host in a network, networks in availability zones in one region, each a
    // frame placed as one block.
    println!(
        "\n{:>10} {:>8} {:>6} {:>20} {:>12}",
        "components", "links", "zones", "layout + SVG (ms)", "folded (ms)"
    );
    for (size, zones) in [(1_000, 20), (5_000, 50)] {
        let compiled = infradoc::compile(SourceFile::new("zoned.toml", zoned_spec(size, zones)));
        let design = compiled.design.expect("the generated spec is valid");
        let time = |unfold: bool| layout_and_svg(&design, &theme, unfold, 5);
        println!(
            "{:>10} {:>8} {:>6} {:>20.1} {:>12.1}",
            design.components.len(),
            design.links.len(),
            design.zones.len(),
            time(true).as_secs_f64() * 1e3,
            time(false).as_secs_f64() * 1e3
        );
    }

    // The whole build of a classic design, in process: check, lint, layout, SVG, 2x PNG.
    let text = std::fs::read_to_string("specs/2-secured_and_monitored_web_infrastructure.toml")
        .expect("run from the repository");
    let mut png_only = Vec::new();
    let whole = median(
        (0..11)
            .map(|_| {
                let start = Instant::now();
                let compiled = infradoc::compile(SourceFile::new("spec.toml", text.clone()));
                let design = compiled.design.expect("valid");
                let report = infradoc::lint::lint(&design, "2026-11-28");
                let findings: Vec<_> = report.active().collect();
                let diagram = infradoc::layout::layout(&design, &findings, design.direction);
                let svg = svg::render(&diagram, &theme);
                let png_start = Instant::now();
                let png = infradoc::render::png::render(&svg, 2.0).expect("renders");
                png_only.push(png_start.elapsed());
                std::hint::black_box(png);
                start.elapsed()
            })
            .collect(),
    );
    println!(
        "\nspecs/2-secured_and_monitored_web_infrastructure.toml, whole build in process: {:.1} ms (2x PNG alone: {:.1} ms)",
        whole.as_secs_f64() * 1e3,
        median(png_only).as_secs_f64() * 1e3
    );
}
