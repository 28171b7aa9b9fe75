//! The JSON Schema of `infradoc export --to json`, built from the vocabularies so its word
//! lists never fall behind; docs/export.schema.json is this, committed.

use serde_json::{Map, Value, json};

use crate::spec::Vocabulary;
use crate::spec::vocabulary::{
    Algorithm, Direction, DnsType, Kind, Protocol, Purpose, Replication, Role, Setup, Signal,
    ZoneKind,
};

const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$";

/// The schema, draft-07 like the spec's own (docs/infradoc.schema.json).
pub fn json_schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "infradoc export --to json",
        "description": "A resolved infradoc design: every reference is an id, every default filled in, every field present (null or [] when unset).",
        "type": "object",
        "additionalProperties": false,
        "required": ["version", "design", "dns", "hosts", "vips", "zones", "components", "links"],
        "properties": {
            "version": { "description": "The shape's version; a change that breaks readers raises it.", "const": 1 },
            "design": object(&[
                ("name", json!({ "type": "string" }), "The design's name: a slug, the output folder's name."),
                ("title", json!({ "type": "string" }), "The title shown on diagrams."),
                ("domain", or_null(json!({ "type": "string" })), "The site's domain, such as foobar.com."),
                ("extends", or_null(json!({ "type": "string" })), "The spec file this design grows from, as written in it."),
                ("direction", words::<Direction>(), "How tiers flow in diagrams: LR or TB."),
                ("notes", or_null(json!({ "type": "string" })), "The design's notes."),
            ]),
            "dns": array(object(&[
                ("name", json!({ "type": "string" }), "The record's name as written: www, or @ for the domain itself."),
                ("fqdn", json!({ "type": "string" }), "The full name, such as www.foobar.com."),
                ("type", words::<DnsType>(), "The record type."),
                ("value", json!({ "type": "string" }), "What the name points to: an address, or a name for a CNAME."),
                ("ttl", or_null(json!({ "type": "integer", "minimum": 0, "maximum": 2147483647 })), "Time to live in seconds, when written."),
                ("internal", json!({ "type": "boolean" }), "Whether only the internal resolver answers it (split horizon), so it may point at a private address."),
            ])),
            "hosts": array(object(&[
                ("id", id(), "The host's id."),
                ("ip", or_null(json!({ "type": "string" })), "Its IPv4 or IPv6 address."),
                ("public", json!({ "type": "boolean" }), "Whether the internet can reach it."),
                ("zone", or_null(id()), "The id of the innermost zone it sits in."),
                ("why", or_null(json!({ "type": "string" })), "Why the host is there."),
                ("notes", or_null(json!({ "type": "string" })), "Notes on the host."),
                ("availability", or_null(probability()), "The share of time it is up, as written in the spec."),
            ])),
            "vips": array(object(&[
                ("id", id(), "The virtual IP's id; links written to it have it as `via`."),
                ("ip", json!({ "type": "string" }), "The floating address, IPv4 or IPv6."),
                ("held_by", ids(), "The ids of the load balancers that can hold it, the active one first."),
                ("mode", words::<Setup>(), "active-passive (one holder at a time, the others take over) or active-active."),
                ("software", or_null(json!({ "type": "string" })), "What moves the address, such as keepalived or a cloud floating IP."),
                ("why", or_null(json!({ "type": "string" })), "Why the virtual IP is there."),
                ("notes", or_null(json!({ "type": "string" })), "Notes on the virtual IP."),
            ])),
            "zones": array(object(&[
                ("id", id(), "The zone's id."),
                ("kind", words::<ZoneKind>(), "region, availability-zone or network."),
                ("parent", or_null(id()), "The id of the zone it sits in."),
                ("public", json!({ "type": "boolean" }), "For a network: whether the internet reaches its hosts."),
                ("availability", or_null(probability()), "The share of time the whole zone is up, as written in the spec."),
                ("why", or_null(json!({ "type": "string" })), "Why the zone is there."),
                ("notes", or_null(json!({ "type": "string" })), "Notes on the zone."),
            ])),
            "components": array(object(&[
                ("id", id(), "The component's id."),
                ("kind", words::<Kind>(), "What the component is (`infradoc kinds` explains each)."),
                ("implicit", json!({ "type": "boolean" }), "True for the `user` client that infradoc adds when no spec declares one."),
                ("software", or_null(json!({ "type": "string" })), "The software, such as Nginx."),
                ("host", or_null(id()), "The id of the host it runs on; null for components off the design's hosts."),
                ("managed", json!({ "type": "boolean" }), "Whether the provider runs it redundantly (a managed service); it then has no host."),
                ("zones", ids(), "Managed components: the ids of the zones the provider spreads it over."),
                ("count", json!({ "type": "integer", "minimum": 1 }), "How many identical instances it stands for."),
                ("why", or_null(json!({ "type": "string" })), "Why the component is there."),
                ("notes", or_null(json!({ "type": "string" })), "Notes on the component."),
                ("availability", or_null(probability()), "The share of time it is up, as written in the spec."),
                ("algorithm", or_null(words::<Algorithm>()), "Load balancers: how requests are spread."),
                ("setup", or_null(words::<Setup>()), "Load balancers: active-active or active-passive."),
                ("health_check", or_null(json!({ "type": "boolean" })), "Load balancers: whether they stop sending to a failed server."),
                ("peers", ids(), "Load balancers: the ids of the others in its cluster."),
                ("role", or_null(words::<Role>()), "Databases: primary or replica."),
                ("replicates_from", or_null(id()), "Replica databases: the id of the database it copies."),
                ("replication", or_null(words::<Replication>()), "Replica databases: how changes reach it."),
                ("protects", ids(), "Firewalls: the ids of the hosts, components and zones it stands in front of."),
                ("allowed_ports", array(json!({ "type": "integer", "minimum": 1, "maximum": 65535 })), "Firewalls: the ports it lets through."),
                ("domains", array(json!({ "type": "string" })), "Certificates: the names it is valid for."),
                ("installed_on", ids(), "Certificates: the ids of the components that present it."),
                ("issuer", or_null(json!({ "type": "string" })), "Certificates: who issued it."),
                ("sends_to", or_null(id()), "Monitoring agents: the id of the monitoring service it reports to."),
                ("collects", array(words::<Signal>()), "Monitoring agents: what it collects."),
            ])),
            "links": array(object(&[
                ("from", id(), "The id of the component that opens the connection."),
                ("to", id(), "The id of the component it reaches."),
                ("via", or_null(id()), "The id of the virtual IP the link was written to; the link then reaches this holder of it. Null for a link written to a component."),
                ("protocol", words::<Protocol>(), "What the link carries."),
                ("port", or_null(json!({ "type": "integer", "minimum": 1, "maximum": 65535 })), "The port written in the spec, else the protocol's usual one; null when it has none."),
                ("encrypted", json!({ "type": "boolean" }), "Whether the traffic is encrypted."),
                ("purpose", words::<Purpose>(), "serve (users' requests), admin (operators managing machines) or background (work after the response)."),
                ("paths", array(json!({ "type": "string" })), "The request paths the link carries, such as /static/*; empty means all."),
                ("label", or_null(json!({ "type": "string" })), "The link's own label, when written."),
            ])),
        },
    })
}

/// An object with exactly these fields, all required: the export always writes each one.
fn object(fields: &[(&str, Value, &str)]) -> Value {
    let mut properties = Map::new();
    for (name, schema, doc) in fields {
        let mut schema = schema.clone();
        if let Value::Object(map) = &mut schema {
            map.insert("description".into(), (*doc).into());
        }
        properties.insert((*name).into(), schema);
    }
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": fields.iter().map(|(name, ..)| *name).collect::<Vec<_>>(),
        "properties": properties,
    })
}

fn array(items: Value) -> Value {
    json!({ "type": "array", "items": items })
}

fn or_null(schema: Value) -> Value {
    json!({ "anyOf": [schema, { "type": "null" }] })
}

fn id() -> Value {
    json!({ "type": "string", "pattern": ID_PATTERN })
}

fn ids() -> Value {
    array(id())
}

fn probability() -> Value {
    json!({ "type": "number", "exclusiveMinimum": 0, "maximum": 1 })
}

fn words<V: Vocabulary>() -> Value {
    json!({ "type": "string", "enum": V::words() })
}
