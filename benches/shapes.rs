//! `cargo bench --bench shapes [-- SHAPE SIZE]`: designs shaped to hit the paths that once grew
//! faster than their size (issue 17 item 10), at 1,000, 10,000 and 100,000 components, each
//! stage timed once. Every line should grow about tenfold from one size to the next.
//!
//! With `-- SHAPE SIZE` it prints that spec instead, to time the real binary on it:
//! `cargo bench --bench shapes -- chain 100000 > chain.toml && /usr/bin/time -v infradoc lint chain.toml`.

use std::time::{Duration, Instant};

use infradoc::diagnostic::SourceFile;

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

fn replica_chain(n: usize) -> String {
    let mut s =
        String::from("[design]\nname = \"replicas\"\n[components.db0]\nkind = \"database\"\n");
    for i in 1..n {
        s.push_str(&format!(
            "[components.db{i}]\nkind = \"database\"\nrole = \"replica\"\nreplicates_from = \"db{}\"\n",
            i - 1
        ));
    }
    s
}

fn misspelt(n: usize) -> String {
    let mut s = String::from("[design]\nname = \"misspelt\"\n");
    for i in 0..n {
        s.push_str(&format!("[components.app-{i}]\nkind = \"app-server\"\n"));
    }
    for i in 0..n {
        s.push_str(&format!(
            "[[links]]\nfrom = \"user\"\nto = \"apq-{i}\"\nprotocol = \"http\"\n"
        ));
    }
    s
}

fn chain(n: usize) -> String {
    let mut s = String::from("[design]\nname = \"chain\"\n");
    for i in 0..n {
        s.push_str(&format!(
            "[hosts.h{i}]\n[components.c{i}]\nkind = \"app-server\"\nhost = \"h{i}\"\n"
        ));
    }
    s.push_str("[[links]]\nfrom = \"user\"\nto = \"c0\"\nprotocol = \"http\"\n");
    for i in 1..n {
        s.push_str(&format!(
            "[[links]]\nfrom = \"c{}\"\nto = \"c{i}\"\nprotocol = \"http\"\n",
            i - 1
        ));
    }
    s
}

fn peer_ring(n: usize) -> String {
    let mut s =
        String::from("[design]\nname = \"peers\"\n[components.web]\nkind = \"web-server\"\n");
    for i in 0..n {
        s.push_str(&format!(
            "[hosts.h{i}]\n[components.lb{i}]\nkind = \"load-balancer\"\nhost = \"h{i}\"\npeers = [\"lb{}\"]\n",
            (i + 1) % n
        ));
    }
    s.push_str("[[links]]\nfrom = \"user\"\nto = \"lb0\"\nprotocol = \"https\"\n");
    s.push_str("[[links]]\nfrom = \"lb0\"\nto = \"web\"\nprotocol = \"http\"\n");
    s
}

fn zones(n: usize) -> String {
    const ZONES: usize = 50;
    let mut s = String::from("[design]\nname = \"zones\"\n[zones.r]\nkind = \"region\"\n");
    for z in 0..ZONES {
        s.push_str(&format!(
            "[zones.az-{z}]\nkind = \"availability-zone\"\nparent = \"r\"\n\
             [zones.net-{z}]\nkind = \"network\"\nparent = \"az-{z}\"\n"
        ));
    }
    let all: Vec<String> = (0..ZONES).map(|z| format!("\"az-{z}\"")).collect();
    s.push_str(&format!(
        "[components.lb]\nkind = \"load-balancer\"\nmanaged = true\nzones = [{}]\n",
        all.join(", ")
    ));
    s.push_str("[hosts.db-0]\nzone = \"net-0\"\n[hosts.db-1]\nzone = \"net-1\"\n");
    s.push_str("[components.db]\nkind = \"database\"\nhost = \"db-0\"\n");
    s.push_str("[components.replica]\nkind = \"database\"\nrole = \"replica\"\nreplicates_from = \"db\"\nhost = \"db-1\"\n");
    let servers = n.saturating_sub(3).max(1);
    for i in 0..servers {
        s.push_str(&format!(
            "[hosts.h{i}]\nzone = \"net-{}\"\n[components.web{i}]\nkind = \"web-server\"\nhost = \"h{i}\"\n",
            i % ZONES
        ));
    }
    let webs: Vec<String> = (0..servers).map(|i| format!("\"web{i}\"")).collect();
    s.push_str("[[links]]\nfrom = \"user\"\nto = \"lb\"\nprotocol = \"https\"\n");
    s.push_str(&format!(
        "[[links]]\nfrom = \"lb\"\nto = [{}]\nprotocol = \"http\"\n",
        webs.join(", ")
    ));
    s.push_str(&format!(
        "[[links]]\nfrom = [{}]\nto = \"db\"\nprotocol = \"postgresql\"\n",
        webs.join(", ")
    ));
    s
}

fn mesh(n: usize) -> String {
    let mut s = String::from("[design]\nname = \"mesh\"\n");
    for i in 0..n {
        s.push_str(&format!("[components.c{i}]\nkind = \"app-server\"\n"));
    }
    let ids: Vec<String> = (0..n).map(|i| format!("\"c{i}\"")).collect();
    let ids = ids.join(", ");
    s.push_str(&format!(
        "[[links]]\nfrom = [{ids}]\nto = [{ids}]\nprotocol = \"http\"\n"
    ));
    s
}

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
