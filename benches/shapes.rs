//! `cargo bench --bench shapes [-- SHAPE SIZE]`: designs shaped to hit the paths that once grew
//! faster than their size (issue 17 item 10), at 1,000, 10,000 and 100,000 components, each
//! stage timed once. Every line should grow about tenfold from one size to the next.
//!
//! With `-- SHAPE SIZE` it prints that spec instead, to time the real binary on it:
//! `cargo bench --bench shapes -- chain 100000 > chain.toml && /usr/bin/time -v infradoc lint chain.toml`.

use std::time::{Duration, Instant};

use infradoc::diagnostic::SourceFile;

#[allow(dead_code)]
mod common;
use common::shapes::{chain, mesh, misspelt, peer_ring, replica_chain, zones};

/// A design of `n` components in one shape.
struct Shape {
    name: &'static str,
    what: &'static str,
    spec: fn(usize) -> String,
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "replicas",
        what: "databases each replicating the one before (rule C001 walked the chain from each)",
        spec: replica_chain,
    },
    Shape {
        name: "misspelt",
        what: "as many links to ids no component has (each once searched every id)",
        spec: misspelt,
    },
    Shape {
        name: "chain",
        what: "a request chain, each server on a host of its own (a deep dominator tree)",
        spec: chain,
    },
    Shape {
        name: "peers",
        what: "load balancers, each naming the next as its peer (one cluster)",
        spec: peer_ring,
    },
    Shape {
        name: "zones",
        what: "web servers on hosts spread over 50 availability zones, behind a load balancer over all of them (a search per zone)",
        spec: zones,
    },
    Shape {
        name: "mesh",
        what: "one [[links]] table of n by n links (refused past 100,000)",
        spec: mesh,
    },
];

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let [name, size] = args.as_slice()
        && let Some(shape) = SHAPES.iter().find(|s| s.name == name)
        && let Ok(size) = size.parse()
    {
        print!("{}", (shape.spec)(size));
        return;
    }
    println!(
        "{:<10} {:>7} {:>9} {:>9} {:>9}  problems",
        "shape", "n", "parse ms", "model ms", "lint ms"
    );
    for shape in SHAPES {
        for n in [1_000, 10_000, 100_000] {
            let source = SourceFile::new("bench.toml", (shape.spec)(n));
            let start = Instant::now();
            let (spec, mut problems) = infradoc::spec::parse(&source);
            let parse = start.elapsed();
            let (model, lint) = match spec {
                Some(spec) => {
                    let start = Instant::now();
                    let (design, more) = infradoc::model::build(&spec);
                    let model = start.elapsed();
                    problems.extend(more);
                    let lint = design.filter(|_| problems.is_empty()).map(|design| {
                        let start = Instant::now();
                        infradoc::lint::lint(&design, "2026-11-28");
                        ms(start.elapsed())
                    });
                    (ms(model), lint.unwrap_or_else(|| "-".into()))
                }
                None => ("-".into(), "-".into()),
            };
            println!(
                "{:<10} {:>7} {:>9} {:>9} {:>9}  {}",
                shape.name,
                n,
                ms(parse),
                model,
                lint,
                problems.len()
            );
        }
        println!("           ({})", shape.what);
    }
}
