//! `cargo bench --bench lint`: how long checking and linting take as designs grow.
//!
//! Generates tiered designs (clustered load balancers, N servers each running a web server,
//! an application server, its code and a monitoring agent, a database primary with replicas)
//! of 100 to 10,000 components, and prints the median of several runs for the front end
//! (parse + model) and for lint (failure analysis + every rule). Set INFRADOC_BENCH_SIZES to
//! a comma-separated list of component counts to measure others.

use std::time::{Duration, Instant};

use infradoc::diagnostic::SourceFile;

/// A spec with about `components` components.
fn spec(components: usize) -> String {
    let servers = (components.saturating_sub(8) / 4).max(1);
    let replicas = 3;
    let mut s = String::from("[design]\nname = \"bench\"\ndomain = \"foobar.com\"\n\n");
    s.push_str("[[dns]]\nname = \"www\"\ntype = \"A\"\nvalue = \"8.8.8.8\"\n\n");
    s.push_str("[hosts.lb-1]\nip = \"8.8.8.8\"\npublic = true\n[hosts.lb-2]\nip = \"8.8.4.4\"\npublic = true\n");
    for i in 0..servers {
        s.push_str(&format!(
            "[hosts.web-{i}]\nip = \"10.{}.{}.{}\"\n",
            i / 65536 % 256,
            i / 256 % 256,
            i % 256
        ));
    }
    for d in 0..=replicas {
        s.push_str(&format!("[hosts.db-{d}]\n"));
    }
    s.push_str("[components.lb-a]\nkind = \"load-balancer\"\nhost = \"lb-1\"\nhealth_check = true\npeers = [\"lb-b\"]\n");
    s.push_str("[components.lb-b]\nkind = \"load-balancer\"\nhost = \"lb-2\"\nhealth_check = true\npeers = [\"lb-a\"]\n");
    s.push_str("[components.fw]\nkind = \"firewall\"\nprotects = [\"lb-1\", \"lb-2\"]\nallowed_ports = [443]\n");
    s.push_str("[components.cert]\nkind = \"tls-certificate\"\ndomains = [\"www.foobar.com\"]\ninstalled_on = [\"lb-a\", \"lb-b\"]\n");
    s.push_str("[components.monitor]\nkind = \"monitoring-service\"\n");
    s.push_str("[components.db-primary]\nkind = \"database\"\nhost = \"db-0\"\n");
    for d in 1..=replicas {
        s.push_str(&format!("[components.db-replica-{d}]\nkind = \"database\"\nrole = \"replica\"\nreplicates_from = \"db-primary\"\nhost = \"db-{d}\"\n"));
    }
    for i in 0..servers {
        s.push_str(&format!(
            "[components.nginx-{i}]\nkind = \"web-server\"\nhost = \"web-{i}\"\n"
        ));
        s.push_str(&format!(
            "[components.app-{i}]\nkind = \"app-server\"\nhost = \"web-{i}\"\n"
        ));
        s.push_str(&format!(
            "[components.code-{i}]\nkind = \"app-files\"\nhost = \"web-{i}\"\n"
        ));
        s.push_str(&format!("[components.agent-{i}]\nkind = \"monitoring-agent\"\nhost = \"web-{i}\"\nsends_to = \"monitor\"\n"));
    }
    s.push_str("[[links]]\nfrom = \"user\"\nto = [\"lb-a\", \"lb-b\"]\nprotocol = \"https\"\n");
    let nginx: Vec<String> = (0..servers).map(|i| format!("\"nginx-{i}\"")).collect();
    s.push_str(&format!(
        "[[links]]\nfrom = [\"lb-a\", \"lb-b\"]\nto = [{}]\nprotocol = \"https\"\n",
        nginx.join(", ")
    ));
    for i in 0..servers {
        s.push_str(&format!(
            "[[links]]\nfrom = \"nginx-{i}\"\nto = \"app-{i}\"\nprotocol = \"http\"\n"
        ));
        s.push_str(&format!(
            "[[links]]\nfrom = \"app-{i}\"\nto = \"code-{i}\"\nprotocol = \"file\"\n"
        ));
        s.push_str(&format!("[[links]]\nfrom = \"app-{i}\"\nto = [\"db-primary\", \"db-replica-{}\"]\nprotocol = \"mysql\"\n", i % replicas + 1));
    }
    s
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

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
