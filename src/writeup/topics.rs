//! One answer per exercise topic, computed from the design: the general idea in a sentence,
//! then what this design does about it, naming its components.

use crate::analysis::Availability;
use crate::lint::Report;
use crate::model::{ComponentId, Design, HostId, Kind, Target};
use crate::spec::Topic;
use crate::spec::vocabulary::{DnsType, Protocol, Role, Setup, Signal, Vocabulary};

use super::flow::{self, protocol_phrase, replication_clause};
use super::markdown::{and, code, count, escape};

/// The earlier design and its figures, for the topics that weigh a change.
pub struct Before<'a> {
    pub report: &'a Report,
    pub availability: Availability,
}

/// What the answer is computed from.
pub struct Facts<'a> {
    pub design: &'a Design,
    pub report: &'a Report,
    pub availability: Availability,
    pub before: Option<Before<'a>>,
}

/// The question as a heading; the DNS question names the site's record.
pub fn heading(topic: Topic, d: &Design) -> String {
    if topic == Topic::DnsRecord {
        let site = d.site();
        let name = d
            .dns
            .iter()
            .find(|r| r.fqdn == site)
            .map_or_else(|| escape(&site), |r| code(&r.name));
        return format!("What type of DNS record is {name}?");
    }
    match topic {
        Topic::Server => "What is a server?",
        Topic::DomainName => "What is the domain name?",
        Topic::DnsRecord => "What type of DNS record is the site's name?",
        Topic::WebServer => "What is the role of the web server?",
        Topic::AppServer => "What is the role of the application server?",
        Topic::Database => "What is the role of the database?",
        Topic::Communication => "What does the server use to communicate with the user's computer?",
        Topic::LoadBalancerAlgorithm => "Which distribution algorithm does the load balancer use?",
        Topic::ActiveActiveVsPassive => "Active-active or active-passive?",
        Topic::PrimaryReplica => "How does the primary-replica database cluster work?",
        Topic::Firewall => "What are the firewalls for?",
        Topic::Https => "Why is the traffic served over HTTPS?",
        Topic::Monitoring => "What is monitoring used for?",
        Topic::MonitoringCollection => "How does the monitoring tool collect data?",
        Topic::Qps => "How do you monitor the web server's QPS?",
        Topic::SplitTiers => "Why split the web, application and database tiers?",
        Topic::Zones => "Where does the design run?",
    }
    .to_string()
}

/// The topic's answer, one or two paragraphs of Markdown.
pub fn answer(topic: Topic, f: &Facts<'_>) -> String {
    let d = f.design;
    match topic {
        Topic::Server => server(d),
        Topic::DomainName => domain_name(d),
        Topic::DnsRecord => dns_record(d),
        Topic::WebServer => role(d, Kind::WebServer),
        Topic::AppServer => role(d, Kind::AppServer),
        Topic::Database => role(d, Kind::Database),
        Topic::Communication => communication(d),
        Topic::LoadBalancerAlgorithm => algorithm(d),
        Topic::ActiveActiveVsPassive => setup(d),
        Topic::PrimaryReplica => primary_replica(d),
        Topic::Firewall => firewall(d),
        Topic::Https => https(d),
        Topic::Monitoring => monitoring(d),
        Topic::MonitoringCollection => collection(d),
        Topic::Qps => qps(d),
        Topic::SplitTiers => split_tiers(f),
        Topic::Zones => super::zones::answer(d),
    }
}

/// A spec's own sentence, escaped, with a lowercase start when it is an ordinary word (so it
/// can follow a colon), and without its final full stop.
pub fn clause(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let first_word = text.split([' ', ',', ':']).next().unwrap_or_default();
    let mut chars = first_word.chars();
    let ordinary = chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
    let lower = if ordinary {
        let mut chars = text.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        text.to_string()
    };
    escape(&lower)
}

/// "one server", "three servers", "12 servers".
pub fn number(n: usize, one: &str, many: &str) -> String {
    let words = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    let n_text = words
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string());
    format!("{n_text} {}", if n == 1 { one } else { many })
}

fn ids(d: &Design, list: &[ComponentId]) -> String {
    and(&list
        .iter()
        .map(|&c| code(&d.component(c).id))
        .collect::<Vec<_>>())
}

fn host_ids(d: &Design, list: &[HostId]) -> String {
    and(&list
        .iter()
        .map(|&h| code(&d.host(h).id))
        .collect::<Vec<_>>())
}

fn of_kind(d: &Design, kind: Kind) -> Vec<ComponentId> {
    d.components_of_kind(kind).collect()
}

fn host_of(d: &Design, c: ComponentId) -> String {
    match d.component(c).host {
        Some(h) => format!(" on {}", code(&d.host(h).id)),
        None if d.component(c).managed => " (run by its provider)".into(),
        None => String::new(),
    }
}

fn server(d: &Design) -> String {
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

fn domain_name(d: &Design) -> String {
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

fn dns_record(d: &Design) -> String {
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

fn role(d: &Design, kind: Kind) -> String {
    let list = of_kind(d, kind);
    let noun = super::noun(kind);
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

fn communication(d: &Design) -> String {
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

/// The components a component passes users' requests to.
fn backends(d: &Design, c: ComponentId) -> Vec<ComponentId> {
    let mut out: Vec<ComponentId> = d
        .links_from(c)
        .filter(|l| l.serves())
        .map(|l| l.to)
        .collect();
    out.dedup();
    out
}

fn algorithm(d: &Design) -> String {
    let lbs = of_kind(d, Kind::LoadBalancer);
    if lbs.is_empty() {
        return "This design has no load balancer, so no distribution algorithm.".into();
    }
    let mut parts = Vec::new();
    for &lb in &lbs {
        let c = d.component(lb);
        let Some(alg) = c.attrs.algorithm else {
            parts.push(format!(
                "{} declares no algorithm; HAProxy and Nginx default to round robin.",
                code(&c.id)
            ));
            continue;
        };
        let servers = backends(d, lb);
        let mut text = format!(
            "{} uses **{alg}**: it {}",
            flow::name(d, lb),
            clause(alg.describe())
        );
        if servers.len() > 1 {
            text.push_str(&format!(
                ". With {} behind it, {}",
                ids(d, &servers),
                match alg {
                    crate::spec::vocabulary::Algorithm::RoundRobin => format!(
                        "the first request goes to {}, the next to {}, and so on, so each gets an equal share",
                        code(&d.component(servers[0]).id),
                        code(&d.component(servers[1]).id)
                    ),
                    _ => "each server gets its share by that rule".to_string(),
                }
            ));
        } else if let [one] = servers.as_slice() {
            text.push_str(&format!(
                ". With only {} behind it, the algorithm has no choice to make until a second server is added",
                code(&d.component(*one).id)
            ));
        }
        if c.attrs.health_check == Some(true) {
            text.push_str(
                ", and a server that fails its health check gets no requests until it recovers",
            );
        }
        text.push('.');
        parts.push(text);
    }
    parts.dedup();
    parts.join("\n\n")
}

fn setup(d: &Design) -> String {
    let mut text = String::from(
        "Active-active: every node serves traffic at once and shares the load; losing one lowers \
         capacity but nothing has to take over. Active-passive: one node serves while a standby \
         waits; when the active node fails, the standby takes over its address and traffic, and \
         until then its capacity sits idle.",
    );
    let mut facts = Vec::new();
    for v in &d.vips {
        facts.push(format!(
            "The load balancers {} are **{}**: {} answers on the virtual IP {}, and {} {} if it fails{}.",
            ids(d, &v.held_by),
            v.mode,
            code(&d.component(v.held_by[0]).id),
            code(&v.ip.to_string()),
            ids(d, &v.held_by[1..]),
            if v.held_by.len() > 2 { "take it over" } else { "takes it over" },
            v.software
                .as_ref()
                .map(|s| format!(" ({} moves it)", escape(s)))
                .unwrap_or_default()
        ));
    }
    for lb in of_kind(d, Kind::LoadBalancer) {
        let servers = backends(d, lb);
        let c = d.component(lb);
        if d.vips
            .iter()
            .any(|v| v.held_by.contains(&lb) && v.held_by[0] != lb)
        {
            continue;
        }
        match servers.as_slice() {
            [] => {}
            [one] => facts.push(format!(
                "Behind {} there is one server, {}: neither setup applies to it until a second is added.",
                code(&c.id),
                code(&d.component(*one).id)
            )),
            many => {
                let mode = c.attrs.setup.unwrap_or(Setup::ActiveActive);
                let how = match mode {
                    Setup::ActiveActive => "every one of them serves requests at the same time",
                    Setup::ActivePassive => "the first serves and the others stand by",
                };
                facts.push(format!(
                    "{} runs {} **{mode}**: {how}.",
                    code(&c.id),
                    ids(d, many)
                ));
            }
        }
    }
    if facts.is_empty() {
        facts.push("This design has no load balancer, so it is neither.".into());
    }
    text.push_str(&format!(" In this design: {}", facts.join(" ")));
    text
}

fn primary_replica(d: &Design) -> String {
    let dbs = of_kind(d, Kind::Database);
    let primaries = d.databases_in_role(&dbs, Role::Primary);
    let mut text = "In a primary-replica (master-slave) cluster, one node, the primary, accepts \
        every write and records each change in a log; each replica reads that log and replays \
        the changes, so it holds a copy of the data."
        .to_string();
    let mut any = false;
    for p in primaries {
        let replicas: Vec<ComponentId> = dbs
            .iter()
            .copied()
            .filter(|&r| d.component(r).attrs.replicates_from == Some(p))
            .collect();
        if replicas.is_empty() {
            continue;
        }
        any = true;
        let mode = flow::mode_of(d, replicas[0]);
        text.push_str(&format!(
            " Here {} is the primary{} and {}.",
            flow::name(d, p),
            host_of(d, p),
            replication_clause(mode, &ids(d, &replicas))
        ));
        let writers: Vec<ComponentId> = d
            .links_to(p)
            .filter(|l| l.serves())
            .map(|l| l.from)
            .collect();
        let readers: Vec<ComponentId> = replicas
            .iter()
            .flat_map(|&r| {
                d.links_to(r)
                    .filter(|l| l.serves() && l.protocol != Protocol::Replication)
                    .map(|l| l.from)
            })
            .collect();
        text.push_str(&format!(
            "\n\nFor the application the two differ: every write (INSERT, UPDATE, DELETE) must go to {}, which {} send{} there; {} serve{} reads only, which {} send{} to {}",
            code(&d.component(p).id),
            ids(d, &dedup(writers.clone())),
            if dedup(writers).len() == 1 { "s" } else { "" },
            ids(d, &replicas),
            if replicas.len() == 1 { "s" } else { "" },
            ids(d, &dedup(readers.clone())),
            if dedup(readers).len() == 1 { "s" } else { "" },
            if replicas.len() == 1 { "it" } else { "them" },
        ));
        match mode {
            crate::spec::vocabulary::Replication::Async => text.push_str(
                ". A replica may lag a moment behind, so a read right after a write can return the old data. If the primary fails, a replica can be promoted, losing any write not yet copied.",
            ),
            _ => text.push_str(". If the primary fails, a replica can be promoted to primary."),
        }
    }
    if !any {
        text.push_str(&format!(
            " This design has no replica: {} alone holds the data.",
            ids(d, &dbs)
        ));
    }
    text
}

fn dedup(mut list: Vec<ComponentId>) -> Vec<ComponentId> {
    list.sort();
    list.dedup();
    list
}

fn target_name(d: &Design, t: Target) -> String {
    match t {
        Target::Host(h) => code(&d.host(h).id),
        Target::Component(c) => code(&d.component(c).id),
        Target::Zone(z) => code(&d.zone(z).id),
    }
}

fn ports(list: &[u16]) -> String {
    let words: Vec<String> = list.iter().map(u16::to_string).collect();
    match words.len() {
        0 => "no port".into(),
        1 => format!("port {}", words[0]),
        _ => format!("ports {}", and(&words)),
    }
}

fn firewall(d: &Design) -> String {
    let mut text = "A firewall filters network traffic: it lets through only the sources and \
        ports its rules allow and drops everything else, so a service that was never meant for \
        the internet, such as a database port, cannot be reached from it."
        .to_string();
    let fws = of_kind(d, Kind::Firewall);
    if fws.is_empty() {
        text.push_str(" This design has no firewall: every port its servers open is reachable.");
        return text;
    }
    text.push_str(&format!(
        " This design has {}:\n",
        number(fws.len(), "firewall", "firewalls")
    ));
    for fw in fws {
        let c = d.component(fw);
        let guards: Vec<String> = c
            .attrs
            .protects
            .iter()
            .map(|&t| target_name(d, t))
            .collect();
        let mut line = format!(
            "\n- {} guards {} and opens {} only",
            flow::name(d, fw),
            and(&guards),
            ports(&c.attrs.allowed_ports)
        );
        if let Some(why) = &c.why {
            line.push_str(&format!(", which {}", clause(why)));
        }
        line.push('.');
        text.push_str(&line);
    }
    text
}

fn https(d: &Design) -> String {
    let mut text = "HTTPS is HTTP inside TLS. It encrypts the traffic, so nobody on the way \
        (public Wi-Fi, an internet provider) can read passwords and cookies or change the pages, \
        and the site's certificate proves to the browser that it reached the real site; \
        browsers mark plain HTTP sites \"Not secure\"."
        .to_string();
    let certs = of_kind(d, Kind::TlsCertificate);
    let entry = d
        .links
        .iter()
        .find(|l| l.serves() && d.component(l.from).kind == Kind::Client);
    let https_entry = entry.is_some_and(|l| l.protocol.is_encrypted() || l.encrypted);
    if !https_entry || certs.is_empty() {
        text.push_str(" This design serves plain HTTP: users' traffic is not encrypted.");
        return text;
    }
    for cert in certs {
        let c = d.component(cert);
        let issuer = c
            .attrs
            .issuer
            .as_ref()
            .map(|i| format!(", issued by {},", escape(i)))
            .unwrap_or_default();
        text.push_str(&format!(
            " Here the browser connects over {} to {}, which present{} the certificate {}{issuer} for {}.",
            entry.map_or_else(String::new, |l| protocol_phrase(l.protocol, l.port)),
            ids(d, &c.attrs.installed_on),
            if c.attrs.installed_on.len() == 1 { "s" } else { "" },
            code(&c.id),
            and(&c.attrs.domains.iter().map(|s| escape(s)).collect::<Vec<_>>())
        ));
        let plain: Vec<String> = c
            .attrs
            .installed_on
            .iter()
            .flat_map(|&t| d.links_from(t))
            .filter(|l| l.serves() && !l.protocol.is_encrypted() && !l.encrypted)
            .map(|l| code(&d.component(l.to).id))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if !plain.is_empty() {
            text.push_str(&format!(
                " TLS ends there: the requests go on to {} unencrypted, inside the private network.",
                and(&plain)
            ));
        }
    }
    text
}

fn agents(d: &Design) -> Vec<ComponentId> {
    of_kind(d, Kind::MonitoringAgent)
}

fn monitoring(d: &Design) -> String {
    let mut text = "Monitoring collects logs and metrics from the servers so that operators see \
        the site's health and load, are alerted when something fails or slows down, and have \
        the data to find the cause and to plan capacity."
        .to_string();
    let agents = agents(d);
    let services = of_kind(d, Kind::MonitoringService);
    if agents.is_empty() && services.is_empty() {
        text.push_str(
            " This design has no monitoring: an outage is noticed only when users complain.",
        );
        return text;
    }
    let watched: Vec<HostId> = agents.iter().filter_map(|&a| d.component(a).host).collect();
    let unwatched: Vec<HostId> = d.host_ids().filter(|h| !watched.contains(h)).collect();
    text.push_str(&format!(
        " Here a monitoring agent ({}) runs on each of {}, and {} stores, charts and alerts on what they send",
        ids(d, &agents),
        host_ids(d, &watched),
        and(&services.iter().map(|&s| flow::name(d, s)).collect::<Vec<_>>())
    ));
    if unwatched.is_empty() {
        text.push_str(": every server is watched.");
    } else {
        text.push_str(&format!("; {} has no agent.", host_ids(d, &unwatched)));
    }
    text
}

fn collection(d: &Design) -> String {
    let agents = agents(d);
    let Some(&first) = agents.first() else {
        return "This design collects no monitoring data: it has no monitoring agent.".into();
    };
    let a = d.component(first);
    let mut signals: Vec<Signal> = agents
        .iter()
        .flat_map(|&c| d.component(c).attrs.collects.clone())
        .collect();
    signals.sort();
    signals.dedup();
    let what: Vec<String> = signals
        .iter()
        .map(|s| format!("{} ({})", s, clause(s.describe())))
        .collect();
    let dest = a.attrs.sends_to.map_or_else(
        || "the monitoring service".to_string(),
        |s| flow::name(d, s),
    );
    format!(
        "The tool collects with agents: a small program, {}, installed on each server it watches. \
         Each agent gathers {} and pushes them over the network to {}, which stores them so they \
         can be searched, charted and alerted on. This is push-based collection: the servers \
         send, so the service needs no access into the private network.",
        a.software.as_deref().map_or_else(|| code(&a.id), escape),
        and(&what),
        dest
    )
}

fn qps(d: &Design) -> String {
    let webs = of_kind(d, Kind::WebServer);
    if webs.is_empty() {
        return "This design has no web server whose queries per second could be counted.".into();
    }
    let software = d.component(webs[0]).software.clone().unwrap_or_default();
    let status = if software.to_lowercase().contains("nginx") {
        "Nginx's `stub_status` page (its request counter)"
    } else if software.to_lowercase().contains("apache") {
        "Apache's `mod_status` page (its request counter)"
    } else {
        "the web server's status page (its request counter)"
    };
    let hosts: Vec<HostId> = webs.iter().filter_map(|&w| d.component(w).host).collect();
    let watched: std::collections::HashSet<HostId> = hosts.iter().copied().collect();
    let covered: Vec<ComponentId> = agents(d)
        .into_iter()
        .filter(|&a| d.component(a).host.is_some_and(|h| watched.contains(&h)))
        .collect();
    let agents_say = if covered.is_empty() {
        format!(
            "First install a monitoring agent on {}.",
            host_ids(d, &hosts)
        )
    } else {
        format!("The agents {} already run beside them.", ids(d, &covered))
    };
    format!(
        "QPS, queries per second, is how many requests {} answer{} each second. {agents_say} \
         Have them read {status}, or count the lines of the access log, which gets one line \
         per request; the monitoring service turns the count into a rate per second. Chart it \
         for each server and for the total, and alert when it nears what one server was \
         load-tested to carry.",
        ids(d, &webs),
        if webs.len() == 1 { "s" } else { "" },
    )
}

fn split_tiers(f: &Facts<'_>) -> String {
    let d = f.design;
    let tiers = [Kind::WebServer, Kind::AppServer, Kind::Database];
    let mut placed = Vec::new();
    for kind in tiers {
        for c in of_kind(d, kind) {
            if let Some(h) = d.component(c).host {
                let why = d.host(h).why.as_deref().map(clause);
                placed.push(match why {
                    Some(why) => format!(
                        "- {} on {}: {why}.",
                        code(&d.component(c).id),
                        code(&d.host(h).id)
                    ),
                    None => format!("- {} on {}.", code(&d.component(c).id), code(&d.host(h).id)),
                });
            }
        }
    }
    let mut text = format!(
        "Each tier now has its own server:\n\n{}\n\nSplit, each machine is sized for one job; a \
         busy tier no longer takes CPU, memory or disk from the others; each tier can be scaled \
         on its own (more web servers, more application servers, a bigger database); and a \
         firewall between tiers means a broken-into web server does not hold the data.",
        placed.join("\n")
    );
    let spofs = |r: &Report| {
        r.active()
            .filter(|x| x.rule.name == "single-point-of-failure")
            .count()
    };
    let now = spofs(f.report);
    if let Some(b) = &f.before {
        let then = spofs(b.report);
        text.push_str(&format!(
            "\n\nThe price: more machines to run and pay for, and every request crosses the network between tiers. With one server per tier, the design has {} where the design before had {}, and its estimated availability {} from {:.3}% to {:.3}%.",
            number(now, "single point of failure", "single points of failure"),
            number(then, "", "").trim(),
            if f.availability.value < b.availability.value { "falls" } else { "goes" },
            b.availability.percent(),
            f.availability.percent()
        ));
        if now > then {
            text.push_str(
                " Each tier needs a second server behind the load balancers to win that back.",
            );
        }
    } else if now > 0 {
        text.push_str(&format!(
            "\n\nThe price: more machines to run, every request crosses the network between tiers, and with one server per tier the design has {}.",
            count(now, "single point of failure", "single points of failure")
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::clause;

    #[test]
    fn a_clause_lowercases_words_but_not_acronyms() {
        assert_eq!(clause("Runs the code."), "runs the code");
        assert_eq!(clause("HTTP only"), "HTTP only");
    }
}
