//! One answer per exercise topic, computed from the design: the general idea in a sentence,
//! then what this design does about it, naming its components.

use crate::analysis::Availability;
use crate::lint::Report;
use crate::model::{ComponentId, Design, HostId, Kind, Target};
use crate::spec::Topic;
use crate::spec::vocabulary::{DnsType, Protocol, Role, Setup, Signal, Vocabulary};

use super::flow::{self, protocol_phrase, replication_clause};
use super::markdown::{and, code, count, escape};

mod balancing;
mod basics;
mod monitoring;
mod replicas;
mod security;
mod tiers;

use balancing::{algorithm, setup};
use basics::{communication, dns_record, domain_name, role, server};
use monitoring::{collection, monitoring, qps};
use replicas::primary_replica;
use security::{firewall, https};
use tiers::split_tiers;

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

fn dedup(mut list: Vec<ComponentId>) -> Vec<ComponentId> {
    list.sort();
    list.dedup();
    list
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
