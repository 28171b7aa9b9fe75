//! The first step of a request: the name's lookup, and what its answer points at (a
//! virtual IP and who holds it, a load balancer, a server).

use super::*;

/// The record users look up, and what it answers.
pub(super) fn dns_step(
    design: &Design,
    site: &str,
    links: &[&Link],
    vip: Option<&Vip>,
    vpn: bool,
) -> String {
    let public = |d: &&DnsRecord| {
        !d.internal
            && matches!(
                d.record_type,
                DnsType::A | DnsType::Aaaa | DnsType::Cname | DnsType::Alias
            )
    };
    // The record the first request looks up (as the diagram draws it), else the site's.
    let record = links
        .iter()
        .filter_map(|l| design.looked_up(l))
        .find(public)
        .or_else(|| design.dns.iter().filter(public).find(|d| d.fqdn == site))
        .or_else(|| design.dns.iter().find(public));
    let Some(r) = record else {
        return format!("The user's browser sets out to reach {}.", escape(site));
    };
    let answer = answer(design, r, vip);
    // Other public names that lead to the same place.
    let same: Vec<String> = design
        .dns
        .iter()
        .filter(public)
        .filter(|d| d.value == r.value && d.fqdn != r.fqdn)
        .map(|d| {
            format!(
                "**{}** leads to the same place through the `{}` record {}",
                escape(&d.fqdn),
                d.record_type,
                code(&d.name)
            )
        })
        .collect();
    let same = if same.is_empty() {
        String::new()
    } else {
        format!(" {}.", capitalize(&and(&same)))
    };
    let who = if vpn {
        format!(
            "The user's VPN client looks up **{}** in DNS",
            escape(&r.fqdn)
        )
    } else {
        format!(
            "The user types **{}** in a browser. The browser asks DNS for that name",
            escape(&r.fqdn)
        )
    };
    format!(
        "{who}, and the `{}` record {} {answer}.{same}",
        r.record_type,
        code(&r.name)
    )
}

/// What a record answers, as the rest of "the `A` record `www` ...".
pub(super) fn answer(design: &Design, r: &DnsRecord, vip: Option<&Vip>) -> String {
    match r.record_type {
        DnsType::Cname => format!(
            "makes it an alias of {}, which DNS resolves in turn",
            code(&r.value)
        ),
        DnsType::Alias => format!(
            "answers with the addresses of {}, which the DNS provider looks up itself (unlike a CNAME, such an alias may sit at the zone apex)",
            code(&r.value)
        ),
        _ => {
            let vip = vip
                .filter(|v| v.ip.to_string() == r.value)
                .or_else(|| design.vips.iter().find(|v| v.ip.to_string() == r.value));
            if let Some(v) = vip {
                // The next step says which holder answers; the machines list, how it moves.
                return format!("answers **{}**, {}", escape(&r.value), vip_owner(design, v));
            }
            let holder = design
                .hosts
                .iter()
                .find(|h| h.ip.map(|ip| ip.to_string()) == Some(r.value.clone()));
            match holder {
                Some(h) if h.public => format!(
                    "answers **{}**, the public address of {}",
                    escape(&r.value),
                    code(&h.id)
                ),
                Some(h) => format!(
                    "answers **{}**, the address of {}",
                    escape(&r.value),
                    code(&h.id)
                ),
                None => format!("answers **{}**", escape(&r.value)),
            }
        }
    }
}

/// "the virtual IP `vip-www` of `haproxy-1` and `haproxy-2`".
pub fn vip_owner(design: &Design, v: &Vip) -> String {
    format!(
        "the virtual IP {} of {}",
        code(&v.id),
        and(&names(design, &v.held_by))
    )
}

/// "the virtual IP that `haproxy-1` holds; `haproxy-2` takes it over if `haproxy-1` fails
/// , and keepalived moves it".
pub fn vip_phrase(design: &Design, v: &Vip) -> String {
    let holders = names(design, &v.held_by);
    let software = v.software.as_deref().map(escape);
    match (v.mode, holders.split_first()) {
        (Setup::ActivePassive, Some((active, standbys))) => {
            let moves = software.map_or(String::new(), |s| format!(", and {s} moves it"));
            format!(
                "the virtual IP that {active} holds; {} {} it over if {active} fails{moves}",
                or(standbys),
                if standbys.len() == 1 { "takes" } else { "take" }
            )
        }
        _ => {
            let with = software.map_or(String::new(), |s| format!(", shared with {s}"));
            format!(
                "a virtual IP on which {} all answer at once (active-active{with})",
                and(&holders)
            )
        }
    }
}
