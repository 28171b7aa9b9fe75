//! The spec's closed vocabularies: component kinds, protocols, DNS record types and the like.
//!
//! Each word has a one-line meaning that `infradoc kinds`, the JSON Schema, the docs and the
//! write-up reuse, so the vocabulary is defined once, here.

use serde::{Serialize, Serializer};

/// A closed set of words a spec value must come from.
pub trait Vocabulary: Copy + Sized + 'static {
    /// What the words are, for messages: "component kind", "protocol".
    const WHAT: &'static str;
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    fn describe(self) -> &'static str;

    fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == text)
    }

    fn words() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.as_str()).collect()
    }
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal {
        $($variant:ident = $text:literal, $doc:literal;)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),* }

        impl Vocabulary for $name {
            const WHAT: &'static str = $what;
            const ALL: &'static [Self] = &[$($name::$variant),*];
            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }
            fn describe(self) -> &'static str {
                match self { $($name::$variant => $doc),* }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// What a component is; rules, the layout and the write-up give each kind its meaning.
    Kind, "component kind" {
        Client = "client", "The user's browser or app: where every request starts.";
        Dns = "dns", "A DNS server or provider: turns the site's names into IP addresses.";
        Cdn = "cdn", "A content delivery network: caches content on servers near users, in front of the origin.";
        Firewall = "firewall", "Filters network traffic, letting through only the sources and ports it allows.";
        LoadBalancer = "load-balancer", "Spreads incoming requests over several servers and stops sending to one that fails.";
        WebServer = "web-server", "Answers HTTP: serves static files itself and passes dynamic requests to the application server.";
        AppServer = "app-server", "Runs the application code that builds dynamic pages and API answers.";
        AppFiles = "app-files", "The application's code base, deployed on the servers that run it.";
        Cache = "cache", "Keeps recently used data in memory so repeated reads skip slower stores.";
        Queue = "queue", "Holds work between producers and consumers so each side runs at its own pace.";
        Database = "database", "Stores the application's data durably and answers its queries.";
        Storage = "storage", "Stores files and objects outside the database (object store, shared disk).";
        TlsCertificate = "tls-certificate", "Proves the site's identity to browsers and lets traffic be encrypted (HTTPS).";
        MonitoringAgent = "monitoring-agent", "Runs on a host and collects its logs and metrics for a monitoring service.";
        MonitoringService = "monitoring-service", "Receives, stores and alerts on the data that monitoring agents send.";
        ExternalService = "external-service", "A service run by someone else that the design calls: payments, e-mail, an API.";
        VpnGateway = "vpn-gateway", "Lets staff (or another site) into the private network over an encrypted tunnel.";
        Bastion = "bastion", "A hardened jump host: the one machine operators log in to before reaching the others.";
        IdentityProvider = "identity-provider", "Signs users or staff in and vouches for who they are (single sign-on, OAuth, LDAP).";
        Backup = "backup", "Keeps copies of data elsewhere, so it can be restored after loss or corruption.";
    }
}

/// The part of the request path a kind belongs to, in request order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    Client,
    Edge,
    Web,
    App,
    Data,
    /// Components beside the request path: certificates, monitoring, third parties.
    Support,
}

impl Kind {
    pub fn tier(self) -> Tier {
        match self {
            Kind::Client => Tier::Client,
            Kind::Dns
            | Kind::Cdn
            | Kind::Firewall
            | Kind::LoadBalancer
            | Kind::VpnGateway
            | Kind::Bastion => Tier::Edge,
            Kind::WebServer => Tier::Web,
            Kind::AppServer | Kind::AppFiles | Kind::Queue => Tier::App,
            Kind::Cache | Kind::Database | Kind::Storage | Kind::Backup => Tier::Data,
            Kind::TlsCertificate
            | Kind::IdentityProvider
            | Kind::MonitoringAgent
            | Kind::MonitoringService
            | Kind::ExternalService => Tier::Support,
        }
    }

    /// Whether the component answers requests, so that a certificate can be installed on it.
    pub fn serves_traffic(self) -> bool {
        matches!(
            self,
            Kind::Cdn
                | Kind::LoadBalancer
                | Kind::WebServer
                | Kind::AppServer
                | Kind::Firewall
                | Kind::VpnGateway
        )
    }

    /// Whether links out of the component may route by request path (`paths`).
    pub fn routes_by_path(self) -> bool {
        matches!(self, Kind::Cdn | Kind::LoadBalancer | Kind::WebServer)
    }
}

vocabulary! {
    /// What a link carries.
    Protocol, "protocol" {
        Http = "http", "HTTP in plain text: anyone on the path can read and change it.";
        Https = "https", "HTTP inside TLS: encrypted and authenticated.";
        Tcp = "tcp", "A raw TCP connection.";
        Udp = "udp", "UDP datagrams.";
        Tls = "tls", "A TCP connection inside TLS.";
        Dns = "dns", "DNS queries and answers.";
        Grpc = "grpc", "gRPC calls over HTTP/2.";
        Mysql = "mysql", "The MySQL client protocol.";
        Postgresql = "postgresql", "The PostgreSQL client protocol.";
        Redis = "redis", "The Redis protocol.";
        Memcached = "memcached", "The memcached protocol.";
        Amqp = "amqp", "AMQP messaging, as RabbitMQ speaks it.";
        Kafka = "kafka", "The Kafka protocol.";
        Replication = "replication", "A database copying its changes to another.";
        File = "file", "Reading files from local or shared disk.";
        Ssh = "ssh", "SSH: encrypted remote shell and file copy.";
        Smtp = "smtp", "E-mail delivery.";
        Syslog = "syslog", "Log lines sent with the syslog protocol.";
    }
}

impl Protocol {
    /// The port the protocol listens on unless a link says otherwise.
    pub fn default_port(self) -> Option<u16> {
        Some(match self {
            Protocol::Http => 80,
            Protocol::Https | Protocol::Tls => 443,
            Protocol::Dns => 53,
            Protocol::Mysql => 3306,
            Protocol::Postgresql => 5432,
            Protocol::Redis => 6379,
            Protocol::Memcached => 11211,
            Protocol::Amqp => 5672,
            Protocol::Kafka => 9092,
            Protocol::Ssh => 22,
            Protocol::Smtp => 25,
            Protocol::Syslog => 514,
            Protocol::Tcp
            | Protocol::Udp
            | Protocol::Grpc
            | Protocol::Replication
            | Protocol::File => return None,
        })
    }

    /// Whether the protocol itself encrypts; a link can also say `encrypted = true`.
    pub fn is_encrypted(self) -> bool {
        matches!(self, Protocol::Https | Protocol::Tls | Protocol::Ssh)
    }
}

vocabulary! {
    /// A DNS record type.
    DnsType, "DNS record type" {
        A = "A", "Maps a name to an IPv4 address.";
        Aaaa = "AAAA", "Maps a name to an IPv6 address.";
        Cname = "CNAME", "Makes a name an alias of another name; it cannot point at an IP address.";
        Mx = "MX", "Names the mail servers that accept e-mail for the domain.";
        Txt = "TXT", "Holds free text, used for domain verification, SPF and DKIM.";
        Ns = "NS", "Names the DNS servers that answer for the zone.";
        Alias = "ALIAS", "Points a name, even the zone apex, at another host name; the DNS provider resolves it and answers with addresses (ALIAS, ANAME, or an apex alias to a CDN or load balancer).";
    }
}

vocabulary! {
    /// Why traffic flows over a link: only `serve` links carry users' requests.
    Purpose, "link purpose" {
        Serve = "serve", "Carries users' requests and their answers: the request path, the failure analysis and the availability estimate follow these links.";
        Admin = "admin", "Operators managing the machines: SSH, a VPN for staff, a bastion. Not on the users' path.";
        Background = "background", "Work done after the response or on a schedule: a queue's consumers, backups, reports.";
    }
}

vocabulary! {
    /// How a load balancer picks the server for the next request.
    Algorithm, "load-balancing algorithm" {
        RoundRobin = "round-robin", "Sends each new request to the next server in turn.";
        WeightedRoundRobin = "weighted-round-robin", "Round robin where stronger servers get proportionally more turns.";
        LeastConnections = "least-connections", "Sends each new request to the server with the fewest open connections.";
        SourceHash = "source-hash", "Hashes the client's IP address, so a client keeps reaching the same server.";
        UriHash = "uri-hash", "Hashes the requested path, so the same URL always reaches the same server (good for caches).";
        Random = "random", "Picks a server at random.";
    }
}

vocabulary! {
    /// How the servers behind a load balancer (and load balancers in a cluster) share work.
    Setup, "setup" {
        ActiveActive = "active-active", "Every node serves traffic at the same time; losing one lowers capacity.";
        ActivePassive = "active-passive", "One node serves; a standby takes over only when it fails.";
    }
}

vocabulary! {
    /// A database's place in replication.
    Role, "database role" {
        Primary = "primary", "Accepts writes (and reads) and sends its changes to replicas.";
        Replica = "replica", "Holds a copy kept up to date from its primary; serves reads only.";
    }
}

vocabulary! {
    /// When a primary considers a write done.
    Replication, "replication mode" {
        Async = "async", "The primary answers before replicas have the change: fast, but a failover can lose recent writes.";
        SemiSync = "semi-sync", "The primary waits until one replica has received the change.";
        Sync = "sync", "The primary waits until replicas have applied the change: no loss on failover, slower writes.";
    }
}

vocabulary! {
    /// What a monitoring agent collects.
    Signal, "monitoring signal" {
        Logs = "logs", "Log lines written by the host and its software.";
        Metrics = "metrics", "Numbers sampled over time: CPU, memory, disk, requests per second, latency.";
        Traces = "traces", "The path and timing of single requests through the components.";
        Events = "events", "Discrete happenings: deploys, restarts, configuration changes.";
    }
}

vocabulary! {
    /// What a zone is: where machines run, nested region > availability zone > network.
    ZoneKind, "zone kind" {
        Region = "region", "A provider's geographic region (eu-west-1) or a data centre site: a disaster, a regional outage or a cut fibre takes all of it at once.";
        AvailabilityZone = "availability-zone", "An isolated location inside a region, with its own power, cooling and network: the unit a provider expects to fail on its own.";
        Network = "network", "A network or subnet (a VPC, a public subnet or DMZ, a private network): it sets who can reach the machines in it, not what fails together.";
    }
}

impl ZoneKind {
    /// The zone kinds a zone of this kind may sit in.
    pub fn parents(self) -> &'static [ZoneKind] {
        match self {
            ZoneKind::Region => &[],
            ZoneKind::AvailabilityZone => &[ZoneKind::Region],
            ZoneKind::Network => &[
                ZoneKind::Region,
                ZoneKind::AvailabilityZone,
                ZoneKind::Network,
            ],
        }
    }
}

vocabulary! {
    /// Which way the diagram's tiers flow.
    Direction, "direction" {
        LeftToRight = "LR", "Tiers flow from left to right.";
        TopToBottom = "TB", "Tiers flow from top to bottom.";
    }
}

vocabulary! {
    /// The severity a lint rule's findings are reported at, or `off`.
    Level, "severity" {
        Error = "error", "Reported as an error; fails `infradoc lint` by default.";
        Warning = "warning", "Reported as a warning.";
        Info = "info", "Reported as information only.";
        Off = "off", "Not reported.";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_have_meanings() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(*kind));
            assert!(kind.describe().ends_with('.'), "{kind}");
        }
        assert_eq!(Protocol::parse("https"), Some(Protocol::Https));
        assert_eq!(Protocol::parse("HTTPS"), None);
        assert_eq!(DnsType::parse("CNAME"), Some(DnsType::Cname));
    }

    #[test]
    fn only_tls_protocols_are_encrypted() {
        assert!(Protocol::Https.is_encrypted());
        assert!(!Protocol::Http.is_encrypted());
        assert_eq!(Protocol::Mysql.default_port(), Some(3306));
    }
}

vocabulary! {
    /// A question an exercise asks about a design; `infradoc answer` answers each from the
    /// model, in the order the spec's `[answer] questions` lists them.
    Topic, "answer topic" {
        Server = "server", "What a server is, and which machines this design runs on.";
        DomainName = "domain-name", "What a domain name is, and the design's own.";
        DnsRecord = "dns-record", "Which DNS record the site's name is, and why that type.";
        WebServer = "web-server", "What the web server does in this design.";
        AppServer = "app-server", "What the application server does in this design.";
        Database = "database", "What the database does in this design.";
        Communication = "communication", "How the user's computer talks to the servers: the protocols on the path.";
        LoadBalancerAlgorithm = "load-balancer-algorithm", "Which distribution algorithm the load balancer uses, and how it works.";
        ActiveActiveVsPassive = "active-active-vs-passive", "Whether the load balancing is active-active or active-passive, and the difference.";
        PrimaryReplica = "primary-replica", "How the primary-replica database cluster works, and how the application uses each node.";
        Firewall = "firewall", "What the firewalls are for, and what each lets in.";
        Https = "https", "Why traffic is served over HTTPS, and where it is encrypted.";
        Monitoring = "monitoring", "What monitoring is for, and what this design monitors.";
        MonitoringCollection = "monitoring-collection", "How the monitoring tool collects its data.";
        Qps = "qps", "How to monitor the web servers' queries per second.";
        SplitTiers = "split-tiers", "Why the web, application and database tiers run on separate servers, and what it costs.";
        Zones = "zones", "Where the design runs, and which machines each zone's failure takes with it.";
    }
}
