//! Prints a generated design of about N components, for benchmarks:
//! `cargo run --release --example gen -- 400 > /tmp/400.toml`; a second number spreads the
//! hosts over that many zones (`-- 5000 50`).
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
    match std::env::args().nth(2).and_then(|a| a.parse().ok()) {
        Some(zones) => print!("{}", common::zoned_spec(size, zones)),
        None => print!("{}", common::spec(size)),
    }
}
