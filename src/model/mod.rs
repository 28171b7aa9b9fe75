//! Stage 2: [`Spec`](crate::spec::Spec) -> [`Design`], the design as a graph.
//!
//! Every reference is resolved to a typed index here, so the stages after this one never look
//! an id up by name and never meet a dangling reference.

mod build;
mod graph;

use std::net::IpAddr;

use crate::diagnostic::{Span, Spanned};
use crate::spec::vocabulary::{
    Algorithm, Direction, DnsType, Level, Protocol, Replication, Role, Setup, Signal,
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

/// What a firewall can stand in front of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Host(HostId),
    Component(ComponentId),
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
    pub lint: LintConfig,
    adjacency: Adjacency,
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
    pub label: Option<String>,
    pub notes: Option<String>,
    pub allow: Vec<Allow>,
    /// The `[[links]]` entry this edge comes from.
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct LintConfig {
    pub ignore: Vec<Spanned<String>>,
    pub severity: Vec<(Spanned<String>, Level)>,
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
