//! The first questions: what a server is, the domain name and its record, each tier's role,
//! and how the server talks to the user's computer.

use super::*;

pub(super) fn server(d: &Design) -> String {
    let mut text = "A server is a computer, physical or virtual, that runs programs which answer \
        other computers' requests over a network; it sits in a data centre or a cloud, with no \
        one at its keyboard."
        .to_string();
    let hosts: Vec<String> = d
        .host_ids()
        .map(|h| {
            let host = d.host(h);
            let mut line = format!("- {}", code(&host.id));
            if let Some(ip) = host.ip {
                let reach = if host.public { "public" } else { "private" };
                line.push_str(&format!(" ({reach} address {ip})"));
            }
            let runs = ids(d, d.components_on(h));
            if !runs.is_empty() {
                line.push_str(&format!(" runs {runs}"));
            }
            if let Some(why) = &host.why {
                line.push_str(&format!(": {}", clause(why)));
            }
            line.push('.');
            line
        })
        .collect();
    text.push_str(&format!(
        " This design runs on {}:\n\n{}",
        number(hosts.len(), "server", "servers"),
        hosts.join("\n")
    ));
    text
}

pub(super) fn domain_name(d: &Design) -> String {
    let site = d.site();
    let general = "A domain name is the name people type to reach a site; DNS, the internet's \
        directory, turns it into the IP address computers connect to.";
    match &d.domain {
        Some(domain) => {
            let tld = domain.rsplit('.').next().unwrap_or(domain);
            let mut text = format!(
                "{general} This design's domain is **{}**: `.{}` is its top-level domain.",
                escape(domain),
                escape(tld)
            );
            if let Some(sub) = site.strip_suffix(&format!(".{domain}")) {
                text.push_str(&format!(
                    " Users type **{}**, where {} is a subdomain of {}, a name inside it with its own DNS record.",
                    escape(&site),
                    code(sub),
                    escape(domain)
                ));
            }
            text
        }
        None => format!(
            "{general} This design names no domain; users reach it as **{}**.",
            escape(&site)
        ),
    }
}

pub(super) fn dns_record(d: &Design) -> String {
    let site = d.site();
    let Some(record) = d.dns.iter().find(|r| r.fqdn == site) else {
        return "This design declares no DNS record for its site.".into();
    };
    let mut text = format!(
        "{} is an **{}** record: it {}",
        code(&record.name),
        record.record_type,
        clause(record.record_type.describe())
    );
    let hosts: Vec<HostId> = d
        .host_ids()
        .filter(|&h| {
            d.host(h)
                .ip
                .is_some_and(|ip| ip.to_string() == record.value)
        })
        .collect();
    let vip = d.vips.iter().find(|v| v.ip.to_string() == record.value);
    text.push_str(&format!(
        ". Here {} points at {}",
        escape(&record.fqdn),
        code(&record.value)
    ));
    if let Some(v) = vip {
        text.push_str(&format!(
            ", the virtual IP that {} share",
            ids(d, &v.held_by)
        ));
    } else if !hosts.is_empty() {
        text.push_str(&format!(", the address of {}", host_ids(d, &hosts)));
    }
    text.push('.');
    if record.record_type == DnsType::A {
        text.push_str(" It is an A record, not a CNAME, because it holds an address; a CNAME can only name another name.");
    }
    if let Some(ttl) = record.ttl {
        text.push_str(&format!(
            " Resolvers may keep the answer for {ttl} seconds (its TTL)."
        ));
    }
    if let Some(notes) = &record.notes {
        text.push_str(&format!(" {}", escape(notes.trim())));
    }
    text
}

pub(super) fn role(d: &Design, kind: Kind) -> String {
    let list = of_kind(d, kind);
    let noun = super::super::noun(kind);
    if list.is_empty() {
        return format!("This design has no {noun}.");
    }
    let who: Vec<String> = list
        .iter()
        .map(|&c| format!("{}{}", flow::name(d, c), host_of(d, c)))
        .collect();
    let mut whys: Vec<&str> = list
        .iter()
        .filter_map(|&c| d.component(c).why.as_deref())
        .collect();
    whys.dedup();
    let job = match whys.as_slice() {
        [why] => clause(why),
        _ => clause(kind.describe()),
    };
    let joined = if job.starts_with("the ") || job.starts_with("a ") || job.starts_with("an ") {
        format!(": {job}")
    } else {
        format!(", which {job}")
    };
    let text = format!(
        "The {noun} {} {}{joined}.",
        if list.len() == 1 { "is" } else { "are" },
        and(&who)
    );
    text
}

pub(super) fn communication(d: &Design) -> String {
    let mut text = "They talk over the internet with TCP/IP: IP carries packets between \
        addresses, and TCP makes them a reliable connection."
        .to_string();
    let entry: Vec<_> = d
        .links
        .iter()
        .filter(|l| l.serves() && d.component(l.from).kind == Kind::Client)
        .collect();
    if let Some(l) = entry.first() {
        let encrypted = if l.protocol.is_encrypted() || l.encrypted {
            "encrypted by TLS"
        } else {
            "in plain text"
        };
        text.push_str(&format!(
            " The browser first asks DNS for the address of {}, then opens a TCP connection to {} and speaks {} over it, {encrypted}.",
            escape(&d.site()),
            code(&d.component(l.to).id),
            protocol_phrase(l.protocol, l.port.or(l.protocol.default_port()))
        ));
    }
    let inside: Vec<String> = d
        .links
        .iter()
        .filter(|l| l.serves() && d.component(l.from).kind != Kind::Client)
        .filter(|l| l.protocol != Protocol::File)
        .map(|l| {
            format!(
                "{} to {} over {}",
                code(&d.component(l.from).id),
                code(&d.component(l.to).id),
                protocol_phrase(l.protocol, l.port.or(l.protocol.default_port()))
            )
        })
        .collect();
    if !inside.is_empty() {
        text.push_str(&format!(
            " Behind it, the components talk over TCP/IP too: {}.",
            and(&inside)
        ));
    }
    text
}
