//! S001 no-https.

use std::collections::BTreeMap;

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::{Design, Kind};

use super::components;

declare_rule! {
    /// ## What it does
    /// Finds links from the users that carry plain HTTP (or any unencrypted protocol), and
    /// site names in DNS that no `tls-certificate` covers. Only names users reach over HTTP
    /// or HTTPS need one: a record whose host takes an HTTP(S) link, or that leads outside
    /// the design (an alias to a CDN). A VPN endpoint reached over UDP is not one; an
    /// internal name (`internal = true`) served over HTTPS is, since browsers check its
    /// certificate all the same.
    ///
    /// ## Why is this bad?
    /// Plain HTTP crosses networks nobody controls (cafe Wi-Fi, ISPs): anyone on the path can
    /// read passwords and cookies and change the pages. Browsers mark such sites "Not
    /// secure". HTTPS needs a certificate for the exact name users type.
    ///
    /// ## Example
    /// ```toml
    /// [[links]]
    /// from = "user"
    /// to = "haproxy"
    /// protocol = "http"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [components.www-cert]
    /// kind = "tls-certificate"
    /// domains = ["www.foobar.com"]
    /// installed_on = ["haproxy"]
    ///
    /// [[links]]
    /// from = "user"
    /// to = "haproxy"
    /// protocol = "https"
    /// ```
    pub struct NoHttps {
        code: "S001",
        name: "no-https",
        category: Security,
        severity: Error,
        summary: "Users' traffic is not encrypted, or no certificate covers the site's name.",
    }
}

impl Rule for NoHttps {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        // One finding per [[links]] entry, naming every target it reaches in the clear.
        let mut plain: BTreeMap<usize, (usize, Vec<_>)> = BTreeMap::new();
        for (i, link) in design.links.iter().enumerate() {
            if design.component(link.from).kind == Kind::Client && !link.encrypted {
                plain
                    .entry(link.span.start)
                    .or_insert((i, Vec::new()))
                    .1
                    .push(link.to);
            }
        }
        for (first, targets) in plain.into_values() {
            let link = &design.links[first];
            out.push(Hit::new(
                Subject::Link(first),
                format!(
                    "{} reaches {} over unencrypted {}: anyone on the path can read and change the traffic",
                    design.component(link.from).id,
                    components(design, &targets),
                    link.protocol
                ),
                "serve HTTPS: install a `tls-certificate` for the site's name on the component users connect to, use `protocol = \"https\"` (port 443) and redirect port 80 to it",
            ));
        }
        for (i, record) in design.dns.iter().enumerate() {
            if design.served_over_http(record) && !covered(design, &record.fqdn) {
                out.push(Hit::new(
                    Subject::Dns(i),
                    format!("no TLS certificate covers {}, so it cannot be served over HTTPS", record.fqdn),
                    format!("add a `tls-certificate` with `domains = [\"{}\"]`, installed on the component users connect to", record.fqdn),
                ));
            }
        }
    }
}

/// Whether a certificate in the design covers the name, exactly or by a one-label wildcard.
fn covered(design: &Design, name: &str) -> bool {
    design
        .components_of_kind(Kind::TlsCertificate)
        .flat_map(|c| design.component(c).attrs.domains.iter())
        .any(|domain| {
            let domain = domain.trim_end_matches('.');
            match domain.strip_prefix("*.") {
                Some(parent) => name
                    .split_once('.')
                    .is_some_and(|(label, rest)| !label.is_empty() && rest == parent),
                None => domain.eq_ignore_ascii_case(name),
            }
        })
}
