//! Resolves `[zones]`: each zone's parent, the nesting of kinds (region > availability zone >
//! network), cycles, hosts' `zone` and managed components' `zones`.

use crate::diagnostic::{Code, Diagnostic, Span, Spanned};
use crate::spec::{ComponentSpec, Vocabulary, ZoneKind, ZoneSpec};

use super::build::{Entity, Resolver, allows};
use super::{Zone, ZoneId};

/// The help line of every clash between two declarations of one id.
pub(super) const NAMESPACE_HELP: &str =
    "hosts, components, virtual IPs and zones share one namespace; rename one of them";

/// "an availability zone", for messages.
fn a(kind: ZoneKind) -> String {
    match kind {
        ZoneKind::AvailabilityZone => "an availability zone".to_string(),
        k => format!("a {k}"),
    }
}

impl<'s> Resolver<'s> {
    /// Whether `id` is not yet declared as something else; reports the clash when it is.
    pub(super) fn unique(
        &mut self,
        id: &'s Spanned<String>,
        what: &str,
        span_of: impl Fn(Entity) -> Span,
    ) -> bool {
        let Some(other) = self.names.get(id.value.as_str()).copied() else {
            return true;
        };
        let diagnostic = Diagnostic::error(
            Code::DuplicateId,
            format!("`{}` is both {} and {what}", id.value, other.what()),
        )
        .at(id.span, format!("declared as {what} here"))
        .also(span_of(other), format!("and as {} here", other.what()))
        .help(NAMESPACE_HELP);
        self.diagnostics.push(diagnostic);
        self.broken.insert(&id.value);
        false
    }

    /// Resolves a reference that must name a zone.
    pub(super) fn zone_ref(&mut self, reference: &Spanned<String>, role: &str) -> Option<ZoneId> {
        match self.names.get(reference.value.as_str()).copied() {
            Some(Entity::Zone(z)) => Some(z),
            Some(other) => {
                let diagnostic = Diagnostic::error(
                    Code::UnknownReference,
                    format!(
                        "{role} names `{}`, which is {}, not a zone",
                        reference.value,
                        other.what()
                    ),
                )
                .at(reference.span, format!("this is {}", other.what()))
                .help("name a zone declared under [zones]: a region, an availability zone or a network");
                self.diagnostics.push(diagnostic);
                None
            }
            None => {
                self.unknown(reference, role, "zone");
                None
            }
        }
    }

    /// The zones, with their parents resolved; a parent of the wrong kind or a cycle of
    /// parents is reported.
    pub(super) fn zones(&mut self, specs: &[&ZoneSpec]) -> Vec<Zone> {
        let mut zones: Vec<Zone> = specs
            .iter()
            .map(|z| Zone {
                id: z.id.value.clone(),
                span: z.id.span,
                kind: z.kind.value,
                parent: None,
                public: z.public.is_some(),
                availability: z.availability,
                why: z.why.clone(),
                notes: z.notes.clone(),
                allow: allows(&z.allow),
            })
            .collect();
        for (i, z) in specs.iter().enumerate() {
            if let Some(span) = z.public
                && z.kind.value != ZoneKind::Network
            {
                let diagnostic = Diagnostic::error(
                    Code::ZoneNesting,
                    format!("zone `{}` is {}, which cannot be public", z.id.value, a(z.kind.value)),
                )
                .at(span, "only for networks")
                .also(z.kind.span, format!("{} here", a(z.kind.value)))
                .help("`public` says the internet can reach a network's hosts; declare the public subnet as a network inside this zone");
                self.diagnostics.push(diagnostic);
            }
            let Some(p) = &z.parent else { continue };
            let Some(parent) = self.zone_ref(p, &format!("the `parent` of zone `{}`", z.id.value))
            else {
                continue;
            };
            let (kind, parent_kind) = (z.kind.value, zones[parent.0 as usize].kind);
            if kind.parents().contains(&parent_kind) {
                zones[i].parent = Some(parent);
                continue;
            }
            let can = match kind.parents() {
                [] => "sits in no other zone".to_string(),
                kinds => format!(
                    "can only sit in {}",
                    kinds.iter().map(|&k| a(k)).collect::<Vec<_>>().join(" or ")
                ),
            };
            let diagnostic = Diagnostic::error(
                Code::ZoneNesting,
                format!(
                    "zone `{}` is {} inside {} `{}`, but {} {can}",
                    z.id.value,
                    a(kind),
                    parent_kind.as_str().replace('-', " "),
                    p.value,
                    a(kind)
                ),
            )
            .at(p.span, format!("{} {}", a(parent_kind), "here"))
            .help("zones nest region > availability zone > network (a network may hold subnets); fix `parent` or the zone's `kind`");
            self.diagnostics.push(diagnostic);
        }
        self.report_cycles(specs, &mut zones);
        zones
    }

    /// Reports each cycle of parents once, at the zone of the cycle whose id sorts first, and
    /// cuts it there.
    fn report_cycles(&mut self, specs: &[&ZoneSpec], zones: &mut [Zone]) {
        // 0 unseen, 1 on the current walk, 2 done.
        let mut state = vec![0u8; zones.len()];
        for start in 0..zones.len() {
            let mut walk = Vec::new();
            let mut at = Some(start);
            while let Some(z) = at {
                match state[z] {
                    0 => {
                        state[z] = 1;
                        walk.push(z);
                        at = zones[z].parent.map(|p| p.0 as usize);
                    }
                    1 => {
                        let cycle = &walk[walk.iter().position(|&w| w == z).unwrap_or(0)..];
                        let first = cycle.iter().copied().min().unwrap_or(z);
                        let names: Vec<String> = cycle
                            .iter()
                            .chain(std::iter::once(&cycle[0]))
                            .map(|&c| format!("`{}`", zones[c].id))
                            .collect();
                        let mut diagnostic = Diagnostic::error(
                            Code::ZoneCycle,
                            format!("zones sit inside each other: {}", names.join(" in ")),
                        );
                        if let Some(p) = &specs[first].parent {
                            diagnostic = diagnostic.at(p.span, "this parent closes the cycle");
                        }
                        self.diagnostics.push(diagnostic.help(
                            "a zone cannot contain itself: give the outermost zone no `parent`",
                        ));
                        zones[first].parent = None;
                        break;
                    }
                    _ => break,
                }
            }
            for z in walk {
                state[z] = 2;
            }
        }
    }

    /// A managed component's `zones`; on a component that is not managed they are reported.
    pub(super) fn component_zones(&mut self, c: &ComponentSpec) -> Vec<ZoneId> {
        if let (None, Some(first)) = (c.managed, c.zones.first()) {
            let diagnostic = Diagnostic::error(
                Code::ZonesNotManaged,
                format!("component `{}` lists `zones` but is not managed", c.id.value),
            )
            .at(first.span, "only a provider spreads a component over zones")
            .help("a component you run sits in its host's zone: drop `zones` and give the host a `zone`, or set `managed = true` if a provider runs it");
            self.diagnostics.push(diagnostic);
            return Vec::new();
        }
        let role = format!("the `zones` of component `{}`", c.id.value);
        let mut seen = Vec::new();
        for z in &c.zones {
            if let Some(id) = self.zone_ref(z, &role)
                && !seen.contains(&id)
            {
                seen.push(id);
            }
        }
        seen
    }
}
