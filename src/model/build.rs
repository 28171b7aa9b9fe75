//! Resolves a spec's ids into a [`Design`]: duplicate ids, unknown references, references to
//! the wrong kind and self-links are reported here.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{self, Code, Diagnostic, Spanned, did_you_mean};
use crate::spec::vocabulary::{Replication, Role};
use crate::spec::{ComponentSpec, Kind, Spec, Vocabulary};

use super::{
    Adjacency, Allow, Attrs, Component, ComponentId, Design, DnsRecord, Host, HostId, Link,
    LintConfig, Target,
};

/// The id of the client added when a spec declares none.
pub const IMPLICIT_CLIENT: &str = "user";

#[derive(Clone, Copy)]
enum Entity {
    Host(HostId),
    Component(ComponentId),
}

struct Resolver<'s> {
    names: BTreeMap<&'s str, Entity>,
    /// The kind of each component, by index.
    kinds: Vec<Kind>,
    broken: BTreeSet<&'s str>,
    diagnostics: Vec<Diagnostic>,
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
    };
    for (i, host) in hosts.iter().enumerate() {
        r.names
            .insert(&host.id.value, Entity::Host(HostId(i as u32)));
    }
    // Hosts and components are separate TOML tables, so only a host and a component can
    // share an id; the component loses.
    components.retain(|c| match r.names.get(c.id.value.as_str()) {
        Some(Entity::Host(h)) => {
            let host = &hosts[h.0 as usize];
            let diagnostic = Diagnostic::error(
                Code::DuplicateId,
                format!("`{}` is both a host and a component", c.id.value),
            )
            .at(c.id.span, "declared as a component here")
            .also(host.id.span, "and as a host here")
            .help("hosts and components share one namespace; rename one of them");
            r.diagnostics.push(diagnostic);
            r.broken.insert(&c.id.value);
            false
        }
        _ => true,
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
    let resolved: Vec<Component> = ordered
        .iter()
        .map(|c| c.map_or_else(implicit_user, |c| r.component(c)))
        .collect();
    let links = r.links(spec);
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
            notes: d.notes.clone(),
            allow: allows(&d.allow),
            span: d.span,
        })
        .collect();
    let hosts: Vec<Host> = hosts
        .iter()
        .map(|h| Host {
            id: h.id.value.clone(),
            span: h.id.span,
            ip: h.ip.as_ref().map(|ip| ip.value),
            public: h.public,
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
        lint: LintConfig {
            ignore: spec.lint.ignore.clone(),
            severity: spec.lint.severity.clone(),
        },
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

fn allows(allow: &[crate::spec::AllowSpec]) -> Vec<Allow> {
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
    fn unknown(&mut self, reference: &Spanned<String>, role: &str, wanted: &str) {
        if self.broken.contains(reference.value.as_str()) {
            return;
        }
        let candidates = self.names.keys().chain(self.broken.iter()).copied();
        let help = match did_you_mean(&reference.value, candidates) {
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
    fn candidates_help(&self, kinds: &[Kind]) -> String {
        let fitting: Vec<String> = self
            .names
            .iter()
            .filter_map(|(name, entity)| match entity {
                Entity::Component(id) if kinds.contains(&self.kinds[id.0 as usize]) => {
                    Some(format!("`{name}`"))
                }
                _ => None,
            })
            .collect();
        if fitting.is_empty() {
            let wanted: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
            format!(
                "the design has no {} yet; declare one under [components]",
                wanted.join(" or ")
            )
        } else {
            format!("components that fit here: {}", fitting.join(", "))
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
            Some(Entity::Host(_)) => {
                let diagnostic = Diagnostic::error(
                    Code::UnknownReference,
                    format!(
                        "{role} names host `{}`, but only components can be named here",
                        reference.value
                    ),
                )
                .at(reference.span, "this is a host")
                .help("name one of the components that run on it");
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
            Some(Entity::Component(_)) => {
                let diagnostic = Diagnostic::error(
                    Code::UnknownHost,
                    format!(
                        "component `{}` runs on `{}`, which is a component, not a host",
                        component, h.value
                    ),
                )
                .at(h.span, "a component")
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
                let help = match did_you_mean(&h.value, hosts) {
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
            attrs.replication = Some(a.replication.unwrap_or(Replication::Async));
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
                None => {
                    self.unknown(p, "`protects`", "host or component");
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
            count: c.count,
            why: c.why.clone(),
            notes: c.notes.clone(),
            availability: c.availability,
            allow: allows(&c.allow),
            attrs,
        }
    }

    /// Expands each `[[links]]` entry into one link per (from, to) pair.
    fn links(&mut self, spec: &Spec) -> Vec<Link> {
        let mut links = Vec::new();
        for l in &spec.links {
            let from: Vec<_> = l
                .from
                .iter()
                .map(|f| (f, self.component_ref(f, "link `from`", &[])))
                .collect();
            let to: Vec<_> =
                l.to.iter()
                    .map(|t| (t, self.component_ref(t, "link `to`", &[])))
                    .collect();
            for (f, from_id) in &from {
                for (t, to_id) in &to {
                    if f.value == t.value {
                        let diagnostic = Diagnostic::error(Code::SelfLink, format!("link from `{}` to itself", f.value))
                            .at(t.span, "the same component as `from`")
                            .also(f.span, "from here")
                            .help("a link joins two different components; point `to` at the component this one talks to");
                        self.diagnostics.push(diagnostic);
                        continue;
                    }
                    let (Some(from_id), Some(to_id)) = (from_id, to_id) else {
                        continue;
                    };
                    let protocol = l.protocol.value;
                    links.push(Link {
                        from: *from_id,
                        to: *to_id,
                        protocol,
                        port: l.port.or(protocol.default_port()),
                        encrypted: l.encrypted.unwrap_or(protocol.is_encrypted()),
                        label: l.label.clone(),
                        notes: l.notes.clone(),
                        allow: allows(&l.allow),
                        span: l.span,
                    });
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
