//! The spec as written, checked for types and values, with every value's span; references
//! between ids are still names here and are resolved by the model stage.

use std::net::IpAddr;

use crate::diagnostic::{Span, Spanned};

use super::vocabulary::{
    Algorithm, Direction, DnsType, Kind, Level, Protocol, Purpose, Replication, Role, Setup,
    Signal, Topic, ZoneKind,
};

#[derive(Debug, Clone)]
pub struct Spec {
    pub design: DesignSpec,
    pub dns: Vec<DnsRecordSpec>,
    pub hosts: Vec<HostSpec>,
    pub components: Vec<ComponentSpec>,
    pub links: Vec<LinkSpec>,
    pub vips: Vec<VipSpec>,
    pub zones: Vec<ZoneSpec>,
    pub lint: LintSpec,
    pub answer: AnswerSpec,
    /// Ids of hosts and components that were declared but could not be read; references to
    /// them are not reported again.
    pub broken_ids: Vec<String>,
    /// `host` of each component that could not be read, with the component's id.
    pub broken_component_hosts: Vec<(String, Spanned<String>)>,
}

#[derive(Debug, Clone)]
pub struct DesignSpec {
    /// `None` when missing or invalid (already reported).
    pub name: Option<Spanned<String>>,
    pub title: Option<String>,
    pub domain: Option<Spanned<String>>,
    pub extends: Option<Spanned<String>>,
    pub direction: Direction,
    pub notes: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DnsRecordSpec {
    pub name: Spanned<String>,
    pub record_type: Spanned<DnsType>,
    pub value: Spanned<String>,
    pub ttl: Option<u32>,
    pub internal: bool,
    pub notes: Option<String>,
    pub allow: Vec<AllowSpec>,
    pub span: Span,
}

/// A `[vips.<id>]` table: an address that moves between load balancers.
#[derive(Debug, Clone)]
pub struct VipSpec {
    pub id: Spanned<String>,
    pub ip: Spanned<IpAddr>,
    pub held_by: Vec<Spanned<String>>,
    pub mode: Setup,
    pub software: Option<String>,
    pub why: Option<String>,
    pub notes: Option<String>,
    /// The whole table.
    pub span: Span,
}

/// A `[zones.<id>]` table: a region, availability zone or network machines run in.
#[derive(Debug, Clone)]
pub struct ZoneSpec {
    pub id: Spanned<String>,
    pub kind: Spanned<ZoneKind>,
    pub parent: Option<Spanned<String>>,
    /// `Some(span of the key)` when `public = true`.
    pub public: Option<Span>,
    pub availability: Option<f64>,
    pub why: Option<String>,
    pub notes: Option<String>,
    pub allow: Vec<AllowSpec>,
}

#[derive(Debug, Clone)]
pub struct HostSpec {
    pub id: Spanned<String>,
    pub ip: Option<Spanned<IpAddr>>,
    pub zone: Option<Spanned<String>>,
    pub public: bool,
    pub why: Option<String>,
    pub notes: Option<String>,
    pub availability: Option<f64>,
    pub allow: Vec<AllowSpec>,
}

#[derive(Debug, Clone)]
pub struct ComponentSpec {
    pub id: Spanned<String>,
    pub kind: Spanned<Kind>,
    pub software: Option<String>,
    pub host: Option<Spanned<String>>,
    /// `Some(span of the key)` when `managed = true`.
    pub managed: Option<Span>,
    /// For a managed component, the zones the provider spreads it over.
    pub zones: Vec<Spanned<String>>,
    pub count: u32,
    pub why: Option<String>,
    pub notes: Option<String>,
    pub availability: Option<f64>,
    pub allow: Vec<AllowSpec>,
    pub attrs: KindAttrsSpec,
}

/// The kind-specific keys; the reader only fills those that apply to the component's kind.
#[derive(Debug, Clone, Default)]
pub struct KindAttrsSpec {
    pub algorithm: Option<Algorithm>,
    pub setup: Option<Setup>,
    pub health_check: Option<bool>,
    pub peers: Vec<Spanned<String>>,
    pub role: Option<Role>,
    pub replicates_from: Option<Spanned<String>>,
    pub replication: Option<Spanned<Replication>>,
    pub protects: Vec<Spanned<String>>,
    pub allowed_ports: Vec<u16>,
    pub domains: Vec<Spanned<String>>,
    pub installed_on: Vec<Spanned<String>>,
    pub issuer: Option<String>,
    pub sends_to: Option<Spanned<String>>,
    pub collects: Vec<Signal>,
}

#[derive(Debug, Clone)]
pub struct LinkSpec {
    pub from: Vec<Spanned<String>>,
    pub to: Vec<Spanned<String>>,
    pub protocol: Spanned<Protocol>,
    pub port: Option<u16>,
    pub encrypted: Option<bool>,
    pub purpose: Purpose,
    pub paths: Vec<Spanned<String>>,
    pub label: Option<String>,
    pub notes: Option<String>,
    pub allow: Vec<AllowSpec>,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct LintSpec {
    pub ignore: Vec<Spanned<String>>,
    pub severity: Vec<(Spanned<String>, Level)>,
}

#[derive(Debug, Clone)]
pub struct AllowSpec {
    pub rule: Spanned<String>,
    pub reason: String,
    /// YYYY-MM-DD.
    pub until: Option<String>,
    pub span: Span,
}

/// The `[answer]` table: what an exercise asks about the design.
#[derive(Debug, Clone, Default)]
pub struct AnswerSpec {
    /// Whether the spec has an `[answer]` table at all.
    pub present: bool,
    pub questions: Vec<Topic>,
    /// Rule codes or names, resolved by the lint stage.
    pub issues: Vec<Spanned<String>>,
}
