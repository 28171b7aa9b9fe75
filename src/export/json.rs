//! The resolved model as JSON: ids instead of indices, defaults filled in.

use serde_json::{Value, json};

use crate::model::{Design, Target};
use crate::spec::Vocabulary;

pub fn to_json(design: &Design) -> String {
    let id = |c: crate::model::ComponentId| design.component(c).id.clone();
    let ids = |list: &[crate::model::ComponentId]| list.iter().map(|&c| id(c)).collect::<Vec<_>>();
    let components: Vec<Value> = design
        .components
        .iter()
        .map(|c| {
            let a = &c.attrs;
            json!({
                "id": c.id,
                "kind": c.kind.as_str(),
                "implicit": c.is_implicit(),
                "software": c.software,
                "host": c.host.map(|h| design.host(h).id.clone()),
                "managed": c.managed,
                "zones": c.zones.iter().map(|&z| design.zone(z).id.clone()).collect::<Vec<_>>(),
                "count": c.count,
                "why": c.why,
                "notes": c.notes,
                "availability": c.availability,
                "algorithm": a.algorithm.map(|x| x.as_str()),
                "setup": a.setup.map(|x| x.as_str()),
                "health_check": a.health_check,
                "peers": ids(&a.peers),
                "role": a.role.map(|x| x.as_str()),
                "replicates_from": a.replicates_from.map(id),
                "replication": a.replication.map(|x| x.as_str()),
                "protects": a.protects.iter().map(|t| match *t {
                    Target::Host(h) => design.host(h).id.clone(),
                    Target::Component(c) => id(c),
                    Target::Zone(z) => design.zone(z).id.clone(),
                }).collect::<Vec<_>>(),
                "allowed_ports": a.allowed_ports,
                "domains": a.domains,
                "installed_on": ids(&a.installed_on),
                "issuer": a.issuer,
                "sends_to": a.sends_to.map(id),
                "collects": a.collects.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let document = json!({
        "version": 1,
        "design": {
            "name": design.name,
            "title": design.title,
            "domain": design.domain,
            "extends": design.extends.as_ref().map(|e| e.value.clone()),
            "direction": design.direction.as_str(),
            "notes": design.notes,
        },
        "dns": design.dns.iter().map(|d| json!({
            "name": d.name, "fqdn": d.fqdn, "type": d.record_type.as_str(), "value": d.value, "ttl": d.ttl, "internal": d.internal,
        })).collect::<Vec<_>>(),
        "hosts": design.hosts.iter().map(|h| json!({
            "id": h.id, "ip": h.ip.map(|ip| ip.to_string()), "public": h.public, "zone": h.zone.map(|z| design.zone(z).id.clone()), "why": h.why, "notes": h.notes, "availability": h.availability,
        })).collect::<Vec<_>>(),
        "vips": design.vips.iter().map(|v| json!({
            "id": v.id, "ip": v.ip.to_string(), "held_by": ids(&v.held_by), "mode": v.mode.as_str(), "software": v.software, "why": v.why, "notes": v.notes,
        })).collect::<Vec<_>>(),
        "zones": design.zones.iter().map(|z| json!({
            "id": z.id, "kind": z.kind.as_str(), "parent": z.parent.map(|p| design.zone(p).id.clone()), "public": z.public, "availability": z.availability, "why": z.why, "notes": z.notes,
        })).collect::<Vec<_>>(),
        "components": components,
        "links": design.links.iter().map(|l| json!({
            "from": id(l.from), "to": id(l.to), "via": l.via.map(|v| design.vips[v.0 as usize].id.clone()), "protocol": l.protocol.as_str(), "port": l.port, "encrypted": l.encrypted, "purpose": l.purpose.as_str(), "paths": l.paths, "label": l.label,
        })).collect::<Vec<_>>(),
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&document).unwrap_or_default()
    )
}
