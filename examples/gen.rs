//! Prints a generated design of about N components, for benchmarks:
//! `cargo run --release --example gen -- 400 > /tmp/400.toml`.
//!
//! Clustered load balancers behind a firewall with a certificate, N/4 servers each running a web
//! server, an application server, the code and a monitoring agent, a database primary with
//! three replicas, and a monitoring service.

#[path = "../benches/common/mod.rs"]
#[allow(dead_code)]
mod common;

fn main() {
    let size = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    print!("{}", common::spec(size));
}
