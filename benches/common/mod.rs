//! What the benchmarks share: a generator of tiered designs of any size, shaped designs
//! (`shapes`), and a median.

use std::time::Duration;

// Only the shape benchmarks use it.
#[allow(dead_code)]
pub mod shapes;

/// A spec with about `components` components; hosts and components are numbered from 0000, so
/// ids sort in number order.
pub fn spec(components: usize) -> String {
    let servers = (components.saturating_sub(8) / 4).max(1);
    let replicas = 3;
    let mut s = String::from("[design]\nname = \"bench\"\ndomain = \"foobar.com\"\n\n");
    s.push_str("[[dns]]\nname = \"www\"\ntype = \"A\"\nvalue = \"8.8.8.8\"\n\n");
    s.push_str("[hosts.lb-1]\nip = \"8.8.8.8\"\npublic = true\n[hosts.lb-2]\nip = \"8.8.4.4\"\npublic = true\n");
    for i in 0..servers {
        s.push_str(&format!(
            "[hosts.web-{i:04}]\nip = \"10.{}.{}.{}\"\n",
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
            "[components.nginx-{i:04}]\nkind = \"web-server\"\nhost = \"web-{i:04}\"\n"
        ));
        s.push_str(&format!(
            "[components.app-{i:04}]\nkind = \"app-server\"\nhost = \"web-{i:04}\"\n"
        ));
        s.push_str(&format!(
            "[components.code-{i:04}]\nkind = \"app-files\"\nhost = \"web-{i:04}\"\n"
        ));
        s.push_str(&format!("[components.agent-{i:04}]\nkind = \"monitoring-agent\"\nhost = \"web-{i:04}\"\nsends_to = \"monitor\"\n"));
    }
    s.push_str("[[links]]\nfrom = \"user\"\nto = [\"lb-a\", \"lb-b\"]\nprotocol = \"https\"\n");
    let nginx: Vec<String> = (0..servers).map(|i| format!("\"nginx-{i:04}\"")).collect();
    s.push_str(&format!(
        "[[links]]\nfrom = [\"lb-a\", \"lb-b\"]\nto = [{}]\nprotocol = \"https\"\n",
        nginx.join(", ")
    ));
    for i in 0..servers {
        s.push_str(&format!(
            "[[links]]\nfrom = \"nginx-{i:04}\"\nto = \"app-{i:04}\"\nprotocol = \"http\"\n"
        ));
        s.push_str(&format!(
            "[[links]]\nfrom = \"app-{i:04}\"\nto = \"code-{i:04}\"\nprotocol = \"file\"\n"
        ));
        s.push_str(&format!("[[links]]\nfrom = \"app-{i:04}\"\nto = [\"db-primary\", \"db-replica-{}\"]\nprotocol = \"mysql\"\n", i % replicas + 1));
    }
    s
}

/// The design of [`spec`] spread over `zones` zones: one region, an availability zone per
/// six networks, and networks (the first public) holding the hosts in turn.
// Only the diagram benchmark, the generator example and the tests use it.
#[allow(dead_code)]
pub fn zoned_spec(components: usize, zones: usize) -> String {
    let zones = zones.max(3);
    let azs = (zones - 1).div_ceil(7).max(1);
    let networks = zones - 1 - azs;
    let mut s = String::from("[zones.region]\nkind = \"region\"\n");
    for a in 0..azs {
        s.push_str(&format!(
            "[zones.az-{a:02}]\nkind = \"availability-zone\"\nparent = \"region\"\n"
        ));
    }
    for n in 0..networks {
        s.push_str(&format!(
            "[zones.net-{n:02}]\nkind = \"network\"\nparent = \"az-{:02}\"\n",
            n % azs
        ));
        if n == 0 {
            s.push_str("public = true\n");
        }
    }
    let mut host = 0;
    let mut out = String::new();
    for line in spec(components).lines() {
        out.push_str(line);
        out.push('\n');
        if line.starts_with("[hosts.") {
            out.push_str(&format!("zone = \"net-{:02}\"\n", host % networks.max(1)));
            host += 1;
        }
        if line == "domain = \"foobar.com\"" {
            out.push('\n');
            out.push_str(&s);
        }
    }
    out
}

pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}
