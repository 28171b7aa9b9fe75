//! Stage 2: [`Spec`](crate::spec::Spec) -> [`Design`], the design as a graph.
//!
//! Every reference is resolved to a typed index here, so the stages after this one never look
//! an id up by name and never meet a dangling reference.

mod build;
mod dns;
mod graph;
mod place;
mod zones;

use std::net::IpAddr;

use crate::diagnostic::{Span, Spanned};
use crate::spec::vocabulary::{
    Algorithm, Direction, DnsType, Level, Protocol, Purpose, Replication, Role, Setup, Signal,
    ZoneKind,
};
pub use crate::spec::{Kind, Tier};

pub use build::build;
pub use graph::Adjacency;

/// The index of a host in [`Design::hosts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HostId(pub u32);

/// The index of a component in [`Design::components`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ComponentId(pub u32);

/// The index of a virtual IP in [`Design::vips`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VipId(pub u32);

/// The index of a zone in [`Design::zones`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ZoneId(pub u32);

/// What a firewall can stand in front of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Host(HostId),
    Component(ComponentId),
    /// A network boundary: every host in the zone, and in the zones inside it.
    Zone(ZoneId),
}

/// A resolved design. Hosts and components are sorted by id, so declaration order never
/// changes output; links and DNS records keep the order they were written in.
#[derive(Debug, Clone)]
pub struct Design {
    pub name: String,
    pub title: String,
    pub domain: Option<String>,
    pub extends: Option<Spanned<String>>,
    pub direction: Direction,
    pub notes: Option<String>,
    pub dns: Vec<DnsRecord>,
    pub hosts: Vec<Host>,
    pub components: Vec<Component>,
    pub links: Vec<Link>,
    /// Virtual IPs, sorted by id.
    pub vips: Vec<Vip>,
    /// Regions, availability zones and networks, sorted by id. A parent may sort after its
    /// children; [`Design::zone_chain`] walks them.
    pub zones: Vec<Zone>,
    pub lint: LintConfig,
    /// What an exercise asks about the design (`[answer]`); `None` without the table.
    pub answer: Option<Answer>,
    adjacency: Adjacency,
}

/// An address that moves between load balancers on different hosts (keepalived, VRRP, a
/// cloud floating IP): users reach whichever holder has it.
#[derive(Debug, Clone)]
pub struct Vip {
    pub id: String,
    pub span: Span,
    pub ip: IpAddr,
    /// Two or more load balancers, each on its own host.
    pub held_by: Vec<ComponentId>,
    /// Active-passive: one holder answers and another takes the address over when it fails.
    pub mode: Setup,
    pub software: Option<String>,
    pub why: Option<String>,
    pub notes: Option<String>,
}

/// Where machines run: a region, an availability zone or a network. A region or an
/// availability zone is a failure unit (all of it can fail at once); a network sets who can
/// reach the machines in it.
#[derive(Debug, Clone)]
pub struct Zone {
    pub id: String,
    pub span: Span,
    pub kind: ZoneKind,
    /// The zone this one sits in; parents never form a cycle.
    pub parent: Option<ZoneId>,
    /// A network the internet can reach (a public subnet, a DMZ).
    pub public: bool,
    pub availability: Option<f64>,
    pub why: Option<String>,
    pub notes: Option<String>,
    pub allow: Vec<Allow>,
}

#[derive(Debug, Clone)]
pub struct DnsRecord {
    /// As written: `www`, `@`.
    pub name: String,
    /// The full name: `www.foobar.com`.
    pub fqdn: String,
    pub record_type: DnsType,
    pub value: String,
    pub ttl: Option<u32>,
    /// Answered only inside the network (split horizon).
    pub internal: bool,
    pub notes: Option<String>,
    pub allow: Vec<Allow>,
    pub span: Span,
}

/// A machine. Its failure takes down every component on it.
#[derive(Debug, Clone)]
pub struct Host {
    pub id: String,
    pub span: Span,
    pub ip: Option<IpAddr>,
    pub public: bool,
    /// The innermost zone the host sits in.
    pub zone: Option<ZoneId>,
    pub why: Option<String>,
    pub notes: Option<String>,
    pub availability: Option<f64>,
    pub allow: Vec<Allow>,
}

#[derive(Debug, Clone)]
pub struct Component {
    pub id: String,
    /// Where the component is declared; `None` for the implicit `user`.
    pub span: Option<Span>,
    pub kind: Kind,
    pub software: Option<String>,
    pub host: Option<HostId>,
    /// Run by a provider, redundantly, on machines outside the design (no `host`).
    pub managed: bool,
    /// For a managed component: the zones the provider spreads it over.
    pub zones: Vec<ZoneId>,
    /// How many identical instances this component stands for.
    pub count: u32,
    pub why: Option<String>,
    pub notes: Option<String>,
    pub availability: Option<f64>,
    pub allow: Vec<Allow>,
    pub attrs: Attrs,
}

impl Component {
    pub fn is_implicit(&self) -> bool {
        self.span.is_none()
    }
}

/// Kind-specific facts. Only the fields of the component's kind are ever set; database
/// fields with defaults are set on every database.
#[derive(Debug, Clone, Default)]
pub struct Attrs {
    pub algorithm: Option<Algorithm>,
    pub setup: Option<Setup>,
    pub health_check: Option<bool>,
    pub peers: Vec<ComponentId>,
    pub role: Option<Role>,
    pub replicates_from: Option<ComponentId>,
    /// For a replica, the mode it is copied in; for a primary, the mode it declares (or that
    /// all its replicas share). Declared on one end, it holds for both.
    pub replication: Option<Replication>,
    pub protects: Vec<Target>,
    pub allowed_ports: Vec<u16>,
    pub domains: Vec<String>,
    pub installed_on: Vec<ComponentId>,
    pub issuer: Option<String>,
    pub sends_to: Option<ComponentId>,
    pub collects: Vec<Signal>,
}

/// One directed edge: a `[[links]]` entry with several ends becomes several links.
#[derive(Debug, Clone)]
pub struct Link {
    pub from: ComponentId,
    pub to: ComponentId,
    pub protocol: Protocol,
    /// The port written in the spec, else the protocol's usual one.
    pub port: Option<u16>,
    pub encrypted: bool,
    pub purpose: Purpose,
    /// The request paths the link carries; empty means all.
    pub paths: Vec<String>,
    /// The virtual IP the link was written to: it reaches whichever holder has the address.
    pub via: Option<VipId>,
    pub label: Option<String>,
    pub notes: Option<String>,
    pub allow: Vec<Allow>,
    /// The `[[links]]` entry this edge comes from.
    pub span: Span,
}

impl Link {
    /// Whether the link carries users' requests (not admin access or background work).
    pub fn serves(&self) -> bool {
        self.purpose == Purpose::Serve
    }
}

#[derive(Debug, Clone, Default)]
pub struct LintConfig {
    pub ignore: Vec<Spanned<String>>,
    pub severity: Vec<(Spanned<String>, Level)>,
}

/// The `[answer]` table: topics in the order asked, and the rules whose issues to explain.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub questions: Vec<crate::spec::Topic>,
    /// Rule codes or names as written; the lint stage reports unknown ones.
    pub issues: Vec<Spanned<String>>,
}

/// A lint finding the design's author accepts, with the reason.
#[derive(Debug, Clone)]
pub struct Allow {
    pub rule: Spanned<String>,
    pub reason: String,
    /// YYYY-MM-DD; the finding returns after it.
    pub until: Option<String>,
    pub span: Span,
}
