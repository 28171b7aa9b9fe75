//! C002 dns-record-pointing-at-nothing.

use std::net::IpAddr;

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::spec::vocabulary::DnsType;

declare_rule! {
    /// ## What it does
    /// Finds A and AAAA records whose address is no host of the design, or a host that is not
    /// public. An address a virtual IP (`[vips]`) holds is the design's; an `internal = true`
    /// record (split horizon, answered only inside the network) may point at a private host;
    /// CNAME and ALIAS records name hosts outside the design (a CDN, a managed load
    /// balancer) and are not checked.
    ///
    /// ## Why is this bad?
    /// Users go where DNS sends them. A record pointing at an address outside the design
    /// sends them to a machine the design does not describe; one pointing at a private host
    /// sends them nowhere at all.
    ///
    /// ## Example
    /// ```toml
    /// [[dns]]
    /// name = "www"
    /// type = "A"
    /// value = "8.8.4.4"     # no host has this address
    /// ```
    ///
    /// ## Use instead
    /// Point the record at the public address of the host users enter through, usually the
    /// load balancer: `value = "8.8.8.8"` with `[hosts.lb-01] ip = "8.8.8.8"`.
    pub struct DnsRecordPointingAtNothing {
        code: "C002",
        name: "dns-record-pointing-at-nothing",
        category: Correctness,
        severity: Error,
        summary: "A DNS record whose address is not a public host of the design.",
    }
}

impl Rule for DnsRecordPointingAtNothing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        for (i, record) in design.dns.iter().enumerate() {
            if !matches!(record.record_type, DnsType::A | DnsType::Aaaa) {
                continue;
            }
            let Ok(address) = record.value.parse::<IpAddr>() else {
                continue;
            };
            let label = format!("{} {} {}", record.name, record.record_type, record.value);
            if design.vips.iter().any(|v| v.ip == address) {
                continue;
            }
            match design.hosts.iter().find(|h| h.ip == Some(address)) {
                Some(host) if host.public || record.internal => {}
                Some(host) => out.push(
                    Hit::new(
                        Subject::Dns(i),
                        format!("`{label}` points at {}, which is not public: users cannot reach it", host.id),
                        format!("make {} `public = true` behind a firewall, point the record at the host users enter through, or mark the record `internal = true` if only the internal resolver answers it", host.id),
                    )
                    .related(Some(host.span), "this host"),
                ),
                None => out.push(Hit::new(
                    Subject::Dns(i),
                    format!("`{label}` points at an address no host of the design has"),
                    "set the record's value to the public IP of the host users enter through (usually the load balancer), or give that host this `ip`",
                )),
            }
        }
    }
}
