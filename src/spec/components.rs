//! Reads `[hosts.<id>]` and `[components.<id>]` tables.

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Span, Spanned};

use super::fields;
use super::parse::read_allows;
use super::reader::{TableReader, span_of};
use super::tree::{ComponentSpec, HostSpec, KindAttrsSpec};
use super::values;
use super::vocabulary::{Kind, Vocabulary};

/// One `[hosts.<id>]` or `[components.<id>]` entry: its id, its table and the table's span.
pub(super) type Entry<'a, 'i> = (Spanned<String>, &'a DeTable<'i>, Span);

/// The entries of a `[hosts]` or `[components]` table: their ids, checked, with their tables.
/// Entries whose id or table is unusable are reported and returned as broken ids.
pub(super) fn entries<'a, 'i>(
    r: &mut TableReader<'a, 'i>,
    key: &str,
) -> (Vec<Entry<'a, 'i>>, Vec<String>) {
    let mut good = Vec::new();
    let mut broken = Vec::new();
    let Some((table, _)) = r.table(key) else {
        return (good, broken);
    };
    for (id, value) in table.iter() {
        let id = Spanned::new(id.get_ref().to_string(), span_of(id));
        if let Err(why) = values::check_id(&id.value) {
            let message = format!("`{}` is not a valid id: {why}", id.value);
            r.invalid(Code::InvalidValue, id.span, message, values::ID_RULE);
            broken.push(id.value);
            continue;
        }
        match value.get_ref() {
            DeValue::Table(t) => good.push((id, t, span_of(value))),
            _ => {
                r.wrong_type(&id.value, value, "a table");
                broken.push(id.value);
            }
        }
    }
    (good, broken)
}

pub fn read_hosts(r: &mut TableReader<'_, '_>) -> (Vec<HostSpec>, Vec<String>) {
    let (entries, broken) = entries(r, "hosts");
    let hosts = entries
        .into_iter()
        .map(|(id, table, span)| {
            let what = format!("host `{}`", id.value);
            let mut h = TableReader::new(table, span, what, fields::HOST, None, r.diagnostics);
            let ip = h.text("ip").and_then(|ip| match ip.value.parse() {
                Ok(addr) => Some(Spanned::new(addr, ip.span)),
                Err(_) => {
                    let message = format!("`{}` is not an IP address", ip.value);
                    h.invalid(Code::InvalidValue, ip.span, message, "write an IPv4 address such as 10.0.0.2 or an IPv6 address such as 2001:db8::2");
                    None
                }
            });
            let zone = one_zone(&mut h);
            HostSpec {
                ip,
                zone,
                public: h.bool("public").unwrap_or(false),
                why: h.text("why").map(|t| t.value),
                notes: h.text("notes").map(|t| t.value),
                availability: h.probability("availability"),
                allow: read_allows(&mut h),
                id,
            }
        })
        .collect();
    (hosts, broken)
}

/// A host's `zone`: one id. A list is refused with its own message, since a machine sits in
/// one place; its zone's parents say the rest.
fn one_zone(h: &mut TableReader<'_, '_>) -> Option<Spanned<String>> {
    if let Some(value) = h.get("zone")
        && matches!(value.get_ref(), DeValue::Array(_))
    {
        let message = format!("{} sits in more than one zone", h.what());
        h.invalid(
            Code::WrongType,
            span_of(value),
            message,
            "a machine runs in one place: name its innermost zone (its subnet); the zone's `parent` says which availability zone and region hold it",
        );
        return None;
    }
    h.id("zone")
}

/// What `[components]` held.
pub struct ReadComponents {
    /// The components that could be read.
    pub components: Vec<ComponentSpec>,
    /// The ids of those that could not.
    pub broken: Vec<String>,
    /// Of those, the hosts they name with their ids: still checked, so one run reports a
    /// wrong kind and a wrong host together.
    pub broken_hosts: Vec<(String, Spanned<String>)>,
}

pub fn read_components(r: &mut TableReader<'_, '_>) -> ReadComponents {
    let (entries, mut broken) = entries(r, "components");
    let mut broken_hosts = Vec::new();
    let mut components = Vec::new();
    for (id, table, span) in entries {
        let declared_kind = table
            .iter()
            .find(|(k, _)| k.get_ref() == "kind")
            .and_then(|(_, v)| match v.get_ref() {
                DeValue::String(s) => Kind::parse(s),
                _ => None,
            });
        let what = format!("component `{}`", id.value);
        let mut c = TableReader::new(
            table,
            span,
            what,
            fields::COMPONENT,
            declared_kind,
            r.diagnostics,
        );
        let kind = if c.expect("kind") {
            c.word::<Kind>("kind")
        } else {
            None
        };
        let common = (
            c.text("software").map(|t| t.value),
            c.id("host"),
            c.integer_in("count", 1, 10_000, "an integer from 1 to 10000"),
            c.text("why").map(|t| t.value),
            c.text("notes").map(|t| t.value),
            c.probability("availability"),
            read_allows(&mut c),
        );
        let managed = c
            .get("managed")
            .map(span_of)
            .filter(|_| c.bool("managed") == Some(true));
        let Some(kind) = kind else {
            if let Some(host) = common.1 {
                broken_hosts.push((id.value.clone(), host));
            }
            broken.push(id.value);
            continue;
        };
        let zones = c.ids("zones");
        let attrs = read_attrs(&mut c, kind.value);
        let (software, host, count, why, notes, availability, allow) = common;
        components.push(ComponentSpec {
            id,
            kind,
            software,
            host,
            managed,
            zones,
            count: count.map_or(1, |n| n as u32),
            why,
            notes,
            availability,
            allow,
            attrs,
        });
    }
    ReadComponents {
        components,
        broken,
        broken_hosts,
    }
}

/// Reads the kind-specific keys; keys of other kinds were reported when the reader started.
fn read_attrs(c: &mut TableReader<'_, '_>, kind: Kind) -> KindAttrsSpec {
    let mut a = KindAttrsSpec::default();
    match kind {
        Kind::LoadBalancer => {
            a.algorithm = c.word("algorithm").map(|w| w.value);
            a.setup = c.word("setup").map(|w| w.value);
            a.health_check = c.bool("health_check");
            a.peers = c.ids("peers");
        }
        Kind::Database => {
            a.role = c.word("role").map(|w| w.value);
            a.replicates_from = c.id("replicates_from");
            a.replication = c.word("replication");
        }
        Kind::Firewall => {
            a.protects = c.ids("protects");
            a.allowed_ports = c.ports("allowed_ports");
        }
        Kind::TlsCertificate => {
            a.domains = c
                .texts("domains")
                .into_iter()
                .filter(|d| match values::check_domain(&d.value) {
                    Ok(()) => true,
                    Err(why) => {
                        let message = format!("`{}` is not a domain name", d.value);
                        c.invalid(Code::InvalidValue, d.span, message, why);
                        false
                    }
                })
                .collect();
            a.installed_on = c.ids("installed_on");
            a.issuer = c.text("issuer").map(|t| t.value);
        }
        Kind::MonitoringAgent => {
            a.sends_to = c.id("sends_to");
            a.collects = c.words("collects");
        }
        _ => {}
    }
    a
}
