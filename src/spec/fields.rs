//! Every key of every spec table: its type, whether it is required, which component kinds it
//! belongs to and what it means.
//!
//! The reader checks specs against these tables, `infradoc schema` turns them into a JSON
//! Schema, and a test keeps docs/spec.md in step with them.

use super::vocabulary::{
    Algorithm, Direction, DnsType, Kind, Protocol, Purpose, Replication, Role, Setup, Signal,
    Topic, Vocabulary, ZoneKind,
};

/// The type of a key's value.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// Free text.
    Text,
    /// An id of a host or component, or a design name.
    Id,
    /// One id or a list of ids.
    IdOrIds,
    /// A list of ids.
    Ids,
    /// One word of a vocabulary.
    Word(fn() -> Vec<&'static str>),
    /// A list of words of a vocabulary.
    Words(fn() -> Vec<&'static str>),
    Bool,
    /// An integer from 1 to 65535.
    Port,
    Ports,
    /// An integer of at least 1.
    Count,
    /// A number in (0, 1].
    Probability,
    /// A calendar date, YYYY-MM-DD, as a TOML date or a string.
    Date,
    /// An IPv4 or IPv6 address.
    Ip,
    /// A list of domain names.
    Domains,
    /// A list of strings.
    Strings,
    /// Seconds, an integer of at least 0.
    Seconds,
    /// A table of rule name to severity.
    Levels,
    /// A list of `{ rule, reason, until }` tables.
    Allows,
    /// A table of named entries (`[hosts]`, `[components]`) or a plain table (`[design]`).
    Section,
    /// An array of tables (`[[dns]]`, `[[links]]`).
    Sections,
}

impl Ty {
    /// How the type reads in messages and docs: "an integer from 1 to 65535".
    pub fn describe(self) -> String {
        match self {
            Ty::Text => "a string".into(),
            Ty::Id => "an id (a string)".into(),
            Ty::IdOrIds => "an id or a list of ids".into(),
            Ty::Ids => "a list of ids".into(),
            Ty::Word(words) => format!("one of {}", quoted(&words())),
            Ty::Words(words) => format!("a list of {}", quoted(&words())),
            Ty::Bool => "true or false".into(),
            Ty::Port => "an integer from 1 to 65535".into(),
            Ty::Ports => "a list of integers from 1 to 65535".into(),
            Ty::Count => "an integer of at least 1".into(),
            Ty::Probability => "a number greater than 0 and at most 1".into(),
            Ty::Date => "a date, YYYY-MM-DD".into(),
            Ty::Ip => "an IPv4 or IPv6 address (a string)".into(),
            Ty::Domains => "a list of domain names".into(),
            Ty::Strings => "a list of strings".into(),
            Ty::Seconds => "an integer number of seconds".into(),
            Ty::Levels => "a table of rule = \"error\" | \"warning\" | \"info\" | \"off\"".into(),
            Ty::Allows => "a list of { rule, reason, until } tables".into(),
            Ty::Section => "a table".into(),
            Ty::Sections => "an array of tables".into(),
        }
    }
}

fn quoted(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One key of a spec table.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// The component kinds the key applies to; empty means every kind.
    pub kinds: &'static [Kind],
    pub default: Option<&'static str>,
    pub doc: &'static str,
}

impl Field {
    pub fn applies_to(&self, kind: Kind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }
}

const fn field(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        kinds: &[],
        default: None,
        doc,
    }
}

const fn required(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        required: true,
        ..field(name, ty, doc)
    }
}

const fn with_default(
    name: &'static str,
    ty: Ty,
    default: &'static str,
    doc: &'static str,
) -> Field {
    Field {
        default: Some(default),
        ..field(name, ty, doc)
    }
}

const fn for_kinds(kinds: &'static [Kind], f: Field) -> Field {
    Field { kinds, ..f }
}

/// The tables of a spec.
pub const TOP_LEVEL: &[Field] = &[
    required(
        "design",
        Ty::Section,
        "The design's name, title and domain.",
    ),
    field(
        "dns",
        Ty::Sections,
        "DNS records of the design's domain, one `[[dns]]` table each.",
    ),
    field(
        "hosts",
        Ty::Section,
        "The machines, one `[hosts.<id>]` table each.",
    ),
    field(
        "components",
        Ty::Section,
        "The components, one `[components.<id>]` table each.",
    ),
    field(
        "links",
        Ty::Sections,
        "Who talks to whom, one `[[links]]` table each.",
    ),
    field(
        "vips",
        Ty::Section,
        "Virtual (floating) IP addresses that move between load balancers, one `[vips.<id>]` table each.",
    ),
    field(
        "zones",
        Ty::Section,
        "Where machines run: regions, availability zones and networks, one `[zones.<id>]` table each.",
    ),
    field(
        "lint",
        Ty::Section,
        "Which design rules run and how severe their findings are.",
    ),
    field(
        "answer",
        Ty::Section,
        "The questions and issues an exercise asks about the design, answered by `infradoc answer`.",
    ),
];

pub const DESIGN: &[Field] = &[
    required(
        "name",
        Ty::Id,
        "A short slug for the design; outputs go to `<out>/<name>/`.",
    ),
    field(
        "title",
        Ty::Text,
        "The design's title in the diagram and write-up; defaults to the name.",
    ),
    field(
        "domain",
        Ty::Text,
        "The domain the design serves, such as foobar.com; `[[dns]]` names live in it.",
    ),
    field(
        "extends",
        Ty::Text,
        "Path (relative to this spec) of the earlier design this one grows from.",
    ),
    with_default(
        "direction",
        Ty::Word(Direction::words),
        "LR",
        "Which way the diagram's tiers flow.",
    ),
    field("notes", Ty::Text, "Free text about the design as a whole."),
];

pub const DNS: &[Field] = &[
    required(
        "name",
        Ty::Text,
        "The name inside the domain: `www` for www.foobar.com, `@` for the domain itself.",
    ),
    required("type", Ty::Word(DnsType::words), "The record type."),
    required(
        "value",
        Ty::Text,
        "What the name points at: an IP address for A/AAAA, a host name for CNAME.",
    ),
    field(
        "ttl",
        Ty::Seconds,
        "How long resolvers may cache the answer, in seconds.",
    ),
    with_default(
        "internal",
        Ty::Bool,
        "false",
        "Whether the record is only answered inside the network (split horizon); it may point at a private address.",
    ),
    field("notes", Ty::Text, "Free text about the record."),
    field(
        "allow",
        Ty::Allows,
        "Lint findings accepted for this record, each with a reason and an optional expiry date.",
    ),
];

pub const VIP: &[Field] = &[
    required(
        "ip",
        Ty::Ip,
        "The virtual IP address users (or DNS records) reach.",
    ),
    required(
        "held_by",
        Ty::Ids,
        "The ids of the load balancers, on two or more hosts, that can hold the address.",
    ),
    with_default(
        "mode",
        Ty::Word(Setup::words),
        "active-passive",
        "Whether one holder answers at a time (the others take the address over when it fails) or all answer.",
    ),
    field(
        "software",
        Ty::Text,
        "What moves the address: keepalived (VRRP), Pacemaker, a cloud provider's floating IP...",
    ),
    field("why", Ty::Text, "Why the address is in the design."),
    field("notes", Ty::Text, "Free text about the address."),
];

pub const ZONE: &[Field] = &[
    required(
        "kind",
        Ty::Word(ZoneKind::words),
        "What the zone is: a region holds availability zones, an availability zone holds networks, a network holds networks (subnets) and hosts.",
    ),
    field(
        "parent",
        Ty::Id,
        "The id of the zone this one sits in: an availability zone's region, a subnet's network.",
    ),
    with_default(
        "public",
        Ty::Bool,
        "false",
        "For a network: whether the internet can reach the hosts in it (a public subnet, a DMZ).",
    ),
    field(
        "availability",
        Ty::Probability,
        "The share of time the zone as a whole is up, such as 0.9999. Defaults: a region 0.9999, an availability zone 0.9995; a network never fails as a whole unless it sets one.",
    ),
    field("why", Ty::Text, "Why the zone is in the design."),
    field("notes", Ty::Text, "Free text about the zone."),
    field(
        "allow",
        Ty::Allows,
        "Lint findings accepted for this zone, each with a reason and an optional expiry date.",
    ),
];

pub const HOST: &[Field] = &[
    field("ip", Ty::Ip, "The host's IP address."),
    field(
        "zone",
        Ty::Id,
        "The id of the innermost zone the host sits in (its subnet, else its availability zone or region).",
    ),
    with_default(
        "public",
        Ty::Bool,
        "false",
        "Whether the host is reachable from the internet.",
    ),
    field("why", Ty::Text, "Why the host is in the design."),
    field("notes", Ty::Text, "Free text about the host."),
    field(
        "availability",
        Ty::Probability,
        "The share of time the host is up, such as 0.999; defaults per kind in the analysis.",
    ),
    field(
        "allow",
        Ty::Allows,
        "Lint findings accepted for this host, each with a reason and an optional expiry date.",
    ),
];

const LB: &[Kind] = &[Kind::LoadBalancer];
const DB: &[Kind] = &[Kind::Database];
const FW: &[Kind] = &[Kind::Firewall];
const CERT: &[Kind] = &[Kind::TlsCertificate];
const AGENT: &[Kind] = &[Kind::MonitoringAgent];

pub const COMPONENT: &[Field] = &[
    required(
        "kind",
        Ty::Word(Kind::words),
        "What the component is; `infradoc kinds` lists the kinds.",
    ),
    field(
        "software",
        Ty::Text,
        "The product that implements it: Nginx, HAProxy, MySQL, Gunicorn...",
    ),
    field("host", Ty::Id, "The id of the host the component runs on."),
    with_default(
        "managed",
        Ty::Bool,
        "false",
        "Whether a provider runs the component for you, redundantly (a cloud load balancer, CDN, managed database...); a managed component has no `host`.",
    ),
    field(
        "zones",
        Ty::Ids,
        "For a managed component: the zones the provider spreads it over, such as two availability zones.",
    ),
    with_default(
        "count",
        Ty::Count,
        "1",
        "How many identical instances the component stands for.",
    ),
    field(
        "why",
        Ty::Text,
        "Why the component is in the design; the write-up quotes it.",
    ),
    field("notes", Ty::Text, "Free text about the component."),
    field(
        "availability",
        Ty::Probability,
        "The share of time one instance is up, such as 0.999; defaults per kind, and for managed services, as docs/lint.md lists.",
    ),
    field(
        "allow",
        Ty::Allows,
        "Lint findings accepted for this component, each with a reason and an optional expiry date.",
    ),
    for_kinds(
        LB,
        field(
            "algorithm",
            Ty::Word(Algorithm::words),
            "How the load balancer picks a server for each request.",
        ),
    ),
    for_kinds(
        LB,
        field(
            "setup",
            Ty::Word(Setup::words),
            "How the servers behind it, and its peers, share the traffic.",
        ),
    ),
    for_kinds(
        LB,
        field(
            "health_check",
            Ty::Bool,
            "Whether it checks its backends and stops sending to failed ones.",
        ),
    ),
    for_kinds(
        LB,
        field(
            "peers",
            Ty::Ids,
            "Other load balancers clustered with this one.",
        ),
    ),
    for_kinds(
        DB,
        with_default(
            "role",
            Ty::Word(Role::words),
            "primary",
            "The database's place in replication.",
        ),
    ),
    for_kinds(
        DB,
        field(
            "replicates_from",
            Ty::Id,
            "For a replica: the id of the database it copies.",
        ),
    ),
    for_kinds(
        DB,
        with_default(
            "replication",
            Ty::Word(Replication::words),
            "async",
            "When the primary considers a write done.",
        ),
    ),
    for_kinds(
        FW,
        field(
            "protects",
            Ty::Ids,
            "The ids of the hosts, components or zones (a network boundary) the firewall stands in front of.",
        ),
    ),
    for_kinds(
        FW,
        field(
            "allowed_ports",
            Ty::Ports,
            "The ports the firewall lets through.",
        ),
    ),
    for_kinds(
        CERT,
        field(
            "domains",
            Ty::Domains,
            "The names the certificate covers, such as www.foobar.com.",
        ),
    ),
    for_kinds(
        CERT,
        field(
            "installed_on",
            Ty::Ids,
            "The ids of the components that present the certificate (where TLS ends).",
        ),
    ),
    for_kinds(
        CERT,
        field(
            "issuer",
            Ty::Text,
            "Who issued the certificate, such as Let's Encrypt.",
        ),
    ),
    for_kinds(
        AGENT,
        field(
            "sends_to",
            Ty::Id,
            "The id of the monitoring service the agent reports to.",
        ),
    ),
    for_kinds(
        AGENT,
        field(
            "collects",
            Ty::Words(Signal::words),
            "What the agent collects.",
        ),
    ),
];

pub const LINK: &[Field] = &[
    required(
        "from",
        Ty::IdOrIds,
        "The id (or ids) of the component(s) the traffic starts at.",
    ),
    required(
        "to",
        Ty::IdOrIds,
        "The id (or ids) of the component(s) the traffic goes to.",
    ),
    required(
        "protocol",
        Ty::Word(Protocol::words),
        "What the link carries.",
    ),
    field(
        "port",
        Ty::Port,
        "The destination port; defaults to the protocol's usual port.",
    ),
    field(
        "encrypted",
        Ty::Bool,
        "Whether the traffic is encrypted; defaults to true for https, tls and ssh.",
    ),
    with_default(
        "purpose",
        Ty::Word(Purpose::words),
        "serve",
        "Why the traffic flows: users' requests, operators' access, or work done in the background.",
    ),
    field(
        "paths",
        Ty::Strings,
        "Request paths this link carries, such as \"/static/*\", when a CDN, load balancer or web server routes by path; without it the link carries every path.",
    ),
    field(
        "label",
        Ty::Text,
        "Text drawn on the arrow instead of protocol and port.",
    ),
    field("notes", Ty::Text, "Free text about the link."),
    field(
        "allow",
        Ty::Allows,
        "Lint findings accepted for this link, each with a reason and an optional expiry date.",
    ),
];

pub const LINT: &[Field] = &[
    field(
        "ignore",
        Ty::Strings,
        "Rule codes or names not to run on this design.",
    ),
    field(
        "severity",
        Ty::Levels,
        "Severity overrides, rule = \"error\" | \"warning\" | \"info\" | \"off\".",
    ),
];

pub const ANSWER: &[Field] = &[
    field(
        "questions",
        Ty::Words(Topic::words),
        "The topics to answer, in order; `infradoc answer --topics` lists them.",
    ),
    field(
        "issues",
        Ty::Strings,
        "Rule codes or names whose issues the answer explains, with their consequence and fix.",
    ),
];

pub const ALLOW: &[Field] = &[
    required(
        "rule",
        Ty::Text,
        "The code or name of the rule whose finding is accepted.",
    ),
    required(
        "reason",
        Ty::Text,
        "Why the finding is accepted; shown in the write-up.",
    ),
    field(
        "until",
        Ty::Date,
        "After this date the finding is reported again.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_names_each_key_once() {
        for table in [
            TOP_LEVEL, DESIGN, DNS, VIP, ZONE, HOST, COMPONENT, LINK, LINT, ANSWER, ALLOW,
        ] {
            for (i, a) in table.iter().enumerate() {
                assert!(
                    table[i + 1..].iter().all(|b| b.name != a.name),
                    "{}",
                    a.name
                );
                assert!(a.doc.ends_with('.'), "{}", a.name);
            }
        }
    }
}
