//! Resolves a spec's ids into a [`Design`]: duplicate ids, unknown references, references to
//! the wrong kind and self-links are reported here.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{self, Code, Diagnostic, Spanned, did_you_mean_within};
use crate::spec::vocabulary::{Purpose, Replication, Role};
use crate::spec::{ComponentSpec, Kind, Spec, VipSpec, Vocabulary, ZoneSpec};

use super::{
    Adjacency, Allow, Answer, Attrs, Component, ComponentId, Design, DnsRecord, Host, HostId, Link,
    LintConfig, Target, Vip, VipId, ZoneId,
};

/// The id of the client added when a spec declares none.
pub const IMPLICIT_CLIENT: &str = "user";

#[derive(Clone, Copy)]
pub(super) enum Entity {
    Host(HostId),
    Component(ComponentId),
    Vip(VipId),
    Zone(ZoneId),
}

impl Entity {
    /// "a host", "a zone": what an id names, for messages.
    pub(super) fn what(self) -> &'static str {
        match self {
            Entity::Host(_) => "a host",
            Entity::Component(_) => "a component",
            Entity::Vip(_) => "a virtual IP",
            Entity::Zone(_) => "a zone",
        }
    }
}

pub(super) struct Resolver<'s> {
    pub(super) names: BTreeMap<&'s str, Entity>,
    /// The kind of each component, by index.
    kinds: Vec<Kind>,
    pub(super) broken: BTreeSet<&'s str>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// What is left of the "did you mean" searches' budget (see [`did_you_mean_within`]).
    suggestions: usize,
}

/// Builds the design. It is `None` when the spec has errors: the diagnostics then hold every
/// problem found, the spec's own included.
pub fn build(spec: &Spec) -> (Option<Design>, Vec<Diagnostic>) {
    let mut hosts: Vec<_> = spec.hosts.iter().collect();
    hosts.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    let mut components: Vec<_> = spec.components.iter().collect();
    components.sort_by(|a, b| a.id.value.cmp(&b.id.value));

    let mut r = Resolver {
        names: BTreeMap::new(),
        kinds: Vec::new(),
        broken: spec.broken_ids.iter().map(String::as_str).collect(),
        diagnostics: Vec::new(),
        suggestions: diagnostic::SUGGESTION_BUDGET,
    };
    for (i, host) in hosts.iter().enumerate() {
        r.names
            .insert(&host.id.value, Entity::Host(HostId(i as u32)));
    }
    let mut vips: Vec<&VipSpec> = spec.vips.iter().collect();
    vips.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    vips.retain(|v| {
        let Some(Entity::Host(h)) = r.names.get(v.id.value.as_str()).copied() else {
            return true;
        };
        let diagnostic = Diagnostic::error(
            Code::DuplicateId,
            format!("`{}` is both a host and a virtual IP", v.id.value),
        )
        .at(v.id.span, "declared as a virtual IP here")
        .also(hosts[h.0 as usize].id.span, "and as a host here")
        .help(super::zones::NAMESPACE_HELP);
        r.diagnostics.push(diagnostic);
        r.broken.insert(&v.id.value);
        false
    });
    for (i, vip) in vips.iter().enumerate() {
        r.names.insert(&vip.id.value, Entity::Vip(VipId(i as u32)));
    }
    let mut zones: Vec<&ZoneSpec> = spec.zones.iter().collect();
    zones.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    zones.retain(|z| {
        r.unique(&z.id, "a zone", |e| match e {
            Entity::Host(h) => hosts[h.0 as usize].id.span,
            Entity::Vip(v) => vips[v.0 as usize].id.span,
            _ => z.id.span,
        })
    });
    for (i, zone) in zones.iter().enumerate() {
        r.names
            .insert(&zone.id.value, Entity::Zone(ZoneId(i as u32)));
    }
    // Hosts and components are separate TOML tables, so only a host and a component can
    // share an id; the component loses.
    components.retain(|c| {
        let (what, other) = match r.names.get(c.id.value.as_str()) {
            Some(Entity::Host(h)) => ("a host", hosts[h.0 as usize].id.span),
            Some(Entity::Vip(v)) => ("a virtual IP", vips[v.0 as usize].id.span),
            Some(Entity::Zone(z)) => ("a zone", zones[z.0 as usize].id.span),
            _ => return true,
        };
        let diagnostic = Diagnostic::error(
            Code::DuplicateId,
            format!("`{}` is both {what} and a component", c.id.value),
        )
        .at(c.id.span, "declared as a component here")
        .also(other, format!("and as {what} here"))
        .help(super::zones::NAMESPACE_HELP);
        r.diagnostics.push(diagnostic);
        r.broken.insert(&c.id.value);
        false
    });
    let implicit_client = !components.iter().any(|c| c.kind.value == Kind::Client)
        && !r.names.contains_key(IMPLICIT_CLIENT)
        && !components.iter().any(|c| c.id.value == IMPLICIT_CLIENT);
    let mut ids: Vec<&str> = components.iter().map(|c| c.id.value.as_str()).collect();
    if implicit_client {
        ids.push(IMPLICIT_CLIENT);
        ids.sort_unstable();
    }
    for (i, id) in ids.iter().enumerate() {
        r.names.insert(id, Entity::Component(ComponentId(i as u32)));
    }

    // Components are sorted like `ids`, with the implicit client in its sorted place.
    let mut specs = components.iter().peekable();
    let ordered: Vec<Option<&ComponentSpec>> = ids
        .iter()
        .map(|id| specs.next_if(|c| c.id.value == *id).copied())
        .collect();
    r.kinds = ordered
        .iter()
        .map(|c| c.map_or(Kind::Client, |c| c.kind.value))
        .collect();
    for (id, host) in &spec.broken_component_hosts {
        r.host_of(id, host);
    }
    let mut resolved: Vec<Component> = ordered
        .iter()
        .map(|c| c.map_or_else(implicit_user, |c| r.component(c)))
        .collect();
    r.settle_replication(&ordered, &mut resolved);
    let vips: Vec<Vip> = vips.iter().map(|v| r.vip(v, &resolved)).collect();
    let links = r.links(spec, &vips, &resolved);
    let domain = spec.design.domain.as_ref().map(|d| d.value.clone());
    let dns = spec
        .dns
        .iter()
        .map(|d| DnsRecord {
            fqdn: fqdn(&d.name.value, domain.as_deref()),
            name: d.name.value.clone(),
            record_type: d.record_type.value,
            value: d.value.value.clone(),
            ttl: d.ttl,
            internal: d.internal,
            notes: d.notes.clone(),
            allow: allows(&d.allow),
            span: d.span,
        })
        .collect();
    let zones = r.zones(&zones);
    let hosts: Vec<Host> = hosts
        .iter()
        .map(|h| Host {
            id: h.id.value.clone(),
            span: h.id.span,
            ip: h.ip.as_ref().map(|ip| ip.value),
            public: h.public,
            zone: h
                .zone
                .as_ref()
                .and_then(|z| r.zone_ref(z, &format!("the `zone` of host `{}`", h.id.value))),
            why: h.why.clone(),
            notes: h.notes.clone(),
            availability: h.availability,
            allow: allows(&h.allow),
        })
        .collect();

    let mut diagnostics = r.diagnostics;
    diagnostic::sort(&mut diagnostics);
    let Some(name) = &spec.design.name else {
        return (None, diagnostics);
    };
    if !diagnostics.is_empty() {
        return (None, diagnostics);
    }
    let mut design = Design {
        name: name.value.clone(),
        title: spec
            .design
            .title
            .clone()
            .unwrap_or_else(|| name.value.clone()),
        domain,
        extends: spec.design.extends.clone(),
        direction: spec.design.direction,
        notes: spec.design.notes.clone(),
        dns,
        hosts,
        components: resolved,
        links,
        vips,
        zones,
        lint: LintConfig {
            ignore: spec.lint.ignore.clone(),
            severity: spec.lint.severity.clone(),
        },
        answer: spec.answer.present.then(|| Answer {
            questions: spec.answer.questions.clone(),
            issues: spec.answer.issues.clone(),
        }),
        adjacency: Adjacency::default(),
    };
    design.index();
    (Some(design), diagnostics)
}

fn implicit_user() -> Component {
    Component {
        id: IMPLICIT_CLIENT.to_string(),
        span: None,
        kind: Kind::Client,
        software: None,
        host: None,
        managed: false,
        zones: Vec::new(),
        count: 1,
        why: None,
        notes: None,
        availability: None,
        allow: Vec::new(),
        attrs: Attrs::default(),
    }
}

fn fqdn(name: &str, domain: Option<&str>) -> String {
    match (name, domain) {
        (absolute, _) if absolute.ends_with('.') => absolute.trim_end_matches('.').to_string(),
        ("@", Some(domain)) => domain.to_string(),
        (name, Some(domain)) if name == domain || name.ends_with(&format!(".{domain}")) => {
            name.to_string()
        }
        (name, Some(domain)) => format!("{name}.{domain}"),
        (name, None) => name.to_string(),
    }
}

pub(super) fn allows(allow: &[crate::spec::AllowSpec]) -> Vec<Allow> {
    allow
        .iter()
        .map(|a| Allow {
            rule: a.rule.clone(),
            reason: a.reason.clone(),
            until: a.until.clone(),
            span: a.span,
        })
        .collect()
}

impl<'s> Resolver<'s> {
    /// Reports a reference to an id nobody declared, suggesting a close one.
    pub(super) fn unknown(&mut self, reference: &Spanned<String>, role: &str, wanted: &str) {
        if self.broken.contains(reference.value.as_str()) {
            return;
        }
        let candidates = self.names.keys().chain(self.broken.iter()).copied();
        let count = self.names.len() + self.broken.len();
        let help =
            match did_you_mean_within(&reference.value, candidates, count, &mut self.suggestions) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("declare it under [{wanted}s], or fix the id"),
            };
        let diagnostic = Diagnostic::error(
            Code::UnknownReference,
            format!("{role} names `{}`, which is not declared", reference.value),
        )
        .at(reference.span, format!("no {wanted} has this id"))
        .help(help);
        self.diagnostics.push(diagnostic);
    }

    /// "components that fit here: a, b", or how to add one when none does.
    fn candidates_help(&mut self, kinds: &[Kind]) -> String {
        let wanted: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        // The same budget as the suggestions: looking through every id on every wrong
        // reference grows with their product.
        let Some(left) = self.suggestions.checked_sub(self.names.len()) else {
            return format!("name a {}", wanted.join(" or "));
        };
        self.suggestions = left;
        const SHOWN: usize = 10;
        let mut all = self.names.iter().filter_map(|(name, entity)| match entity {
            Entity::Component(id) if kinds.contains(&self.kinds[id.0 as usize]) => Some(name),
            _ => None,
        });
        let fitting: Vec<String> = all.by_ref().take(SHOWN).map(|n| format!("`{n}`")).collect();
        let more = all.count();
        if fitting.is_empty() {
            format!(
                "the design has no {} yet; declare one under [components]",
                wanted.join(" or ")
            )
        } else {
            let more = match more {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            format!("components that fit here: {}{more}", fitting.join(", "))
        }
    }

    /// Reports every id a list names again: a repeat says nothing more and is usually a slip.
    fn named_once(&mut self, list: &[Spanned<String>], role: &str, owner: &str) {
        let mut seen = std::collections::HashSet::new();
        for reference in list {
            if !seen.insert(reference.value.as_str()) {
                let diagnostic = Diagnostic::error(
                    Code::DuplicateId,
                    format!(
                        "`{}` is named twice in {role} of `{owner}`",
                        reference.value
                    ),
                )
                .at(reference.span, "named again")
                .help("name each id once");
                self.diagnostics.push(diagnostic);
            }
        }
    }

    /// Resolves a reference that must name a component, of one of `kinds` if that is not empty.
    fn component_ref(
        &mut self,
        reference: &Spanned<String>,
        role: &str,
        kinds: &[Kind],
    ) -> Option<ComponentId> {
        match self.names.get(reference.value.as_str()).copied() {
            Some(Entity::Component(id)) => {
                let kind = self.kinds[id.0 as usize];
                match kind {
                    kind if !kinds.is_empty() && !kinds.contains(&kind) => {
                        let wanted: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
                        let diagnostic = Diagnostic::error(
                            Code::WrongReferenceKind,
                            format!(
                                "{role} must name a {}, but `{}` is a {kind}",
                                wanted.join(" or "),
                                reference.value
                            ),
                        )
                        .at(reference.span, format!("a {kind}"))
                        .help(self.candidates_help(kinds));
                        self.diagnostics.push(diagnostic);
                        None
                    }
                    _ => Some(id),
                }
            }
            Some(entity @ (Entity::Host(_) | Entity::Vip(_) | Entity::Zone(_))) => {
                let (what, help) = match entity {
                    Entity::Host(_) => ("host", "name one of the components that run on it"),
                    Entity::Zone(_) => ("zone", "name one of the components on its hosts"),
                    _ => ("virtual IP", "name one of the load balancers that hold it"),
                };
                let diagnostic = Diagnostic::error(
                    Code::UnknownReference,
                    format!(
                        "{role} names {what} `{}`, but only components can be named here",
                        reference.value
                    ),
                )
                .at(reference.span, format!("this is a {what}"))
                .help(help);
                self.diagnostics.push(diagnostic);
                None
            }
            None => {
                self.unknown(reference, role, "component");
                None
            }
        }
    }

    /// The host a component names, or `None` with a diagnostic when it is not a host.
    fn host_of(&mut self, component: &str, h: &Spanned<String>) -> Option<HostId> {
        match self.names.get(h.value.as_str()).copied() {
            Some(Entity::Host(id)) => Some(id),
            Some(Entity::Component(_) | Entity::Vip(_) | Entity::Zone(_)) => {
                let diagnostic = Diagnostic::error(
                    Code::UnknownHost,
                    format!(
                        "component `{}` runs on `{}`, which is not a host",
                        component, h.value
                    ),
                )
                .at(h.span, "not a host")
                .help("`host` names a machine declared under [hosts]");
                self.diagnostics.push(diagnostic);
                None
            }
            None if self.broken.contains(h.value.as_str()) => None,
            None => {
                let hosts = self
                    .names
                    .iter()
                    .filter(|(_, e)| matches!(e, Entity::Host(_)))
                    .map(|(n, _)| *n);
                let count = self.names.len();
                let help = match did_you_mean_within(&h.value, hosts, count, &mut self.suggestions)
                {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("declare it: `[hosts.{}]`", h.value),
                };
                let diagnostic = Diagnostic::error(
                    Code::UnknownHost,
                    format!(
                        "component `{}` runs on unknown host `{}`",
                        component, h.value
                    ),
                )
                .at(h.span, "no host has this id")
                .help(help);
                self.diagnostics.push(diagnostic);
                None
            }
        }
    }

    fn component(&mut self, c: &ComponentSpec) -> Component {
        let host = c.host.as_ref().and_then(|h| self.host_of(&c.id.value, h));
        if let (Some(managed), Some(h)) = (c.managed, &c.host) {
            let diagnostic = Diagnostic::error(
                Code::ManagedWithHost,
                format!(
                    "component `{}` is managed by a provider but names host `{}`",
                    c.id.value, h.value
                ),
            )
            .at(h.span, "one of your machines")
            .also(managed, "run by a provider")
            .help("drop `host` (the provider runs it), or drop `managed` if it runs on this host");
            self.diagnostics.push(diagnostic);
        }
        let a = &c.attrs;
        let mut attrs = Attrs {
            algorithm: a.algorithm,
            setup: a.setup,
            health_check: a.health_check,
            allowed_ports: a.allowed_ports.clone(),
            domains: a.domains.iter().map(|d| d.value.clone()).collect(),
            issuer: a.issuer.clone(),
            collects: a.collects.clone(),
            ..Attrs::default()
        };
        if c.kind.value == Kind::Database {
            attrs.role = Some(a.role.unwrap_or(Role::Primary));
            // Settled for the pair once every database is resolved (settle_replication).
            attrs.replication = a.replication.as_ref().map(|r| r.value);
        }
        for (list, role) in [
            (&a.peers, "`peers`"),
            (&a.installed_on, "`installed_on`"),
            (&a.protects, "`protects`"),
        ] {
            self.named_once(list, role, &c.id.value);
        }
        attrs.peers = a
            .peers
            .iter()
            .filter_map(|p| self.component_ref(p, "`peers`", &[Kind::LoadBalancer]))
            .collect();
        attrs.replicates_from = a
            .replicates_from
            .as_ref()
            .and_then(|p| self.component_ref(p, "`replicates_from`", &[Kind::Database]));
        attrs.installed_on = a
            .installed_on
            .iter()
            .filter_map(|p| self.component_ref(p, "`installed_on`", &[]))
            .collect();
        attrs.sends_to = a
            .sends_to
            .as_ref()
            .and_then(|p| self.component_ref(p, "`sends_to`", &[Kind::MonitoringService]));
        let self_refs = a
            .peers
            .iter()
            .chain(&a.replicates_from)
            .chain(&a.installed_on)
            .chain(&a.sends_to);
        for reference in self_refs.filter(|p| p.value == c.id.value) {
            let diagnostic = Diagnostic::error(
                Code::SelfLink,
                format!("component `{}` refers to itself", c.id.value),
            )
            .at(reference.span, "this is the component's own id")
            .help("name another component");
            self.diagnostics.push(diagnostic);
        }
        attrs.protects = a
            .protects
            .iter()
            .filter_map(|p| match self.names.get(p.value.as_str()).copied() {
                Some(Entity::Host(h)) => Some(Target::Host(h)),
                Some(Entity::Component(id)) => Some(Target::Component(id)),
                Some(Entity::Zone(z)) => Some(Target::Zone(z)),
                Some(Entity::Vip(_)) => {
                    let diagnostic = Diagnostic::error(
                        Code::UnknownReference,
                        format!("`protects` names virtual IP `{}`", p.value),
                    )
                    .at(p.span, "this is a virtual IP")
                    .help("a firewall protects machines or components: name the hosts of the load balancers that hold the address");
                    self.diagnostics.push(diagnostic);
                    None
                }
                None => {
                    self.unknown(p, "`protects`", "host, component or zone");
                    None
                }
            })
            .collect();
        Component {
            id: c.id.value.clone(),
            span: Some(c.id.span),
            kind: c.kind.value,
            software: c.software.clone(),
            host,
            managed: c.managed.is_some(),
            zones: self.component_zones(c),
            count: c.count,
            why: c.why.clone(),
            notes: c.notes.clone(),
            availability: c.availability,
            allow: allows(&c.allow),
            attrs,
        }
    }

    /// One replication mode for each primary-replica pair: the replica's own, else its
    /// primary's, else asynchronous; a pair whose two ends declare different modes is an error.
    /// A primary without a mode of its own takes the one all its replicas share.
    fn settle_replication(
        &mut self,
        specs: &[Option<&ComponentSpec>],
        components: &mut [Component],
    ) {
        let declared: Vec<Option<&Spanned<Replication>>> = specs
            .iter()
            .map(|c| c.and_then(|c| c.attrs.replication.as_ref()))
            .collect();
        let mut of_replicas: BTreeMap<usize, BTreeSet<Replication>> = BTreeMap::new();
        for i in 0..components.len() {
            let Some(primary) = components[i].attrs.replicates_from else {
                continue;
            };
            let p = primary.0 as usize;
            if let (Some(mine), Some(theirs)) = (declared[i], declared[p])
                && mine.value != theirs.value
            {
                let diagnostic = Diagnostic::error(
                    Code::ReplicationConflict,
                    format!(
                        "`{}` declares {} replication from `{}`, which declares {}",
                        components[i].id, mine.value, components[p].id, theirs.value
                    ),
                )
                .at(mine.span, "the replica's mode")
                .also(theirs.span, "the primary's mode")
                .help("declare `replication` on one end only, or make both say the same");
                self.diagnostics.push(diagnostic);
            }
            let mode = declared[i]
                .or(declared[p])
                .map_or(Replication::Async, |m| m.value);
            components[i].attrs.replication = Some(mode);
            of_replicas.entry(p).or_default().insert(mode);
        }
        for (i, c) in components.iter_mut().enumerate() {
            if c.kind != Kind::Database || declared[i].is_some() {
                continue;
            }
            let shared = match of_replicas.get(&i) {
                Some(modes) if modes.len() == 1 => modes.first().copied(),
                _ => None,
            };
            if c.attrs.replicates_from.is_none() {
                c.attrs.replication = Some(shared.unwrap_or(Replication::Async));
            }
        }
    }

    /// Resolves a virtual IP: two or more load balancers, each on a host of its own.
    fn vip(&mut self, v: &VipSpec, components: &[Component]) -> Vip {
        let mut held_by: Vec<ComponentId> = Vec::new();
        for holder in &v.held_by {
            let Some(id) = self.component_ref(holder, "`held_by`", &[Kind::LoadBalancer]) else {
                continue;
            };
            let c = &components[id.0 as usize];
            if held_by.contains(&id) {
                let diagnostic = Diagnostic::error(
                    Code::InvalidVip,
                    format!("`{}` is named twice in `held_by` of `{}`", c.id, v.id.value),
                )
                .at(holder.span, "named again")
                .help("name each load balancer once");
                self.diagnostics.push(diagnostic);
            } else if c.host.is_none() {
                let diagnostic = Diagnostic::error(
                    Code::InvalidVip,
                    format!("`{}` holds virtual IP `{}` but runs on no host of the design", c.id, v.id.value),
                )
                .at(holder.span, "no host to hold the address")
                .help("a virtual IP moves between your own machines; a managed load balancer has its own address");
                self.diagnostics.push(diagnostic);
            } else if let Some(twin) = held_by
                .iter()
                .find(|h| components[h.0 as usize].host == c.host)
            {
                let diagnostic = Diagnostic::error(
                    Code::InvalidVip,
                    format!(
                        "`{}` and `{}` hold virtual IP `{}` on the same host",
                        components[twin.0 as usize].id, c.id, v.id.value
                    ),
                )
                .at(holder.span, "same host as another holder")
                .help("the address moves between machines: put the holders on different hosts");
                self.diagnostics.push(diagnostic);
            } else {
                held_by.push(id);
            }
        }
        if v.held_by.len() < 2 {
            let diagnostic = Diagnostic::error(
                Code::InvalidVip,
                format!("virtual IP `{}` is held by only one load balancer", v.id.value),
            )
            .at(v.id.span, "nothing to move to")
            .help("name two or more load balancers on different hosts in `held_by`; with one, give its host the address instead");
            self.diagnostics.push(diagnostic);
        }
        Vip {
            id: v.id.value.clone(),
            span: v.id.span,
            ip: v.ip.value,
            held_by,
            mode: v.mode,
            software: v.software.clone(),
            why: v.why.clone(),
            notes: v.notes.clone(),
        }
    }

    /// The components a link's `to` reaches: a component, or every holder of a virtual IP.
    fn link_targets(
        &mut self,
        t: &Spanned<String>,
        vips: &[Vip],
    ) -> Vec<(ComponentId, Option<VipId>)> {
        if let Some(Entity::Vip(v)) = self.names.get(t.value.as_str()).copied() {
            let vip = &vips[v.0 as usize];
            return vip.held_by.iter().map(|h| (*h, Some(v))).collect();
        }
        self.component_ref(t, "link `to`", &[])
            .map(|id| (id, None))
            .into_iter()
            .collect()
    }

    /// Expands each `[[links]]` entry into one link per (from, to) pair.
    fn links(&mut self, spec: &Spec, vips: &[Vip], components: &[Component]) -> Vec<Link> {
        let mut links = Vec::new();
        for l in &spec.links {
            let from: Vec<_> = l
                .from
                .iter()
                .map(|f| {
                    if let Some(Entity::Vip(_)) = self.names.get(f.value.as_str()) {
                        let diagnostic = Diagnostic::error(
                            Code::InvalidVip,
                            format!("link `from` names virtual IP `{}`", f.value),
                        )
                        .at(f.span, "traffic goes to an address, not from it")
                        .help("start the link at the load balancers that hold it, or at the component that calls them");
                        self.diagnostics.push(diagnostic);
                        return (f, None);
                    }
                    (f, self.component_ref(f, "link `from`", &[]))
                })
                .collect();
            let to: Vec<_> =
                l.to.iter()
                    .map(|t| (t, self.link_targets(t, vips)))
                    .collect();
            for (f, from_id) in &from {
                if let (Some(first), Some(id)) = (l.paths.first(), from_id) {
                    let kind = components[id.0 as usize].kind;
                    if !kind.routes_by_path() || l.purpose != Purpose::Serve {
                        let why = if l.purpose != Purpose::Serve {
                            format!("a {} link carries no users' requests", l.purpose)
                        } else {
                            format!("`{}` ({kind}) does not route requests by path", f.value)
                        };
                        let diagnostic = Diagnostic::error(
                            Code::PathsNotRouted,
                            format!("`paths` on a link from `{}`: {why}", f.value),
                        )
                        .at(first.span, "paths")
                        .also(f.span, "from here")
                        .help("put `paths` on the links out of the CDN, load balancer or web server that routes by path");
                        self.diagnostics.push(diagnostic);
                    }
                }
                for (t, targets) in &to {
                    if f.value == t.value {
                        let diagnostic = Diagnostic::error(Code::SelfLink, format!("link from `{}` to itself", f.value))
                            .at(t.span, "the same component as `from`")
                            .also(f.span, "from here")
                            .help("a link joins two different components; point `to` at the component this one talks to");
                        self.diagnostics.push(diagnostic);
                        continue;
                    }
                    let Some(from_id) = from_id else {
                        continue;
                    };
                    for (to_id, via) in targets {
                        if from_id == to_id {
                            continue;
                        }
                        let protocol = l.protocol.value;
                        links.push(Link {
                            from: *from_id,
                            to: *to_id,
                            protocol,
                            port: l.port.or(protocol.default_port()),
                            encrypted: l.encrypted.unwrap_or(protocol.is_encrypted()),
                            purpose: l.purpose,
                            paths: l.paths.iter().map(|p| p.value.clone()).collect(),
                            via: *via,
                            label: l.label.clone(),
                            notes: l.notes.clone(),
                            allow: allows(&l.allow),
                            span: l.span,
                        });
                    }
                }
            }
        }
        links
    }
}

#[cfg(test)]
mod tests {
    use super::fqdn;

    #[test]
    fn record_names_are_relative_to_the_domain_unless_absolute() {
        assert_eq!(fqdn("www", Some("foobar.com")), "www.foobar.com");
        assert_eq!(fqdn("@", Some("foobar.com")), "foobar.com");
        assert_eq!(fqdn("foobar.com", Some("foobar.com")), "foobar.com");
        assert_eq!(fqdn("www.foobar.com", Some("foobar.com")), "www.foobar.com");
        assert_eq!(
            fqdn("www.example.net.", Some("foobar.com")),
            "www.example.net"
        );
    }
}
