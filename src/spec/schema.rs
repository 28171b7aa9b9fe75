//! A JSON Schema of the spec, made from the field tables, for editors that complete and
//! check TOML against a schema (Even Better TOML, taplo).

use serde_json::{Map, Value, json};

use super::fields::{self, Field, Ty};
use super::vocabulary::{Kind, Level, Vocabulary};

const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$";

/// The schema, draft-07 (the draft editors' TOML plugins support).
pub fn schema() -> Value {
    let id_names = json!({ "pattern": ID_PATTERN });
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "infradoc spec",
        "description": "An infrastructure design for infradoc: hosts, components, links and DNS records.",
        "type": "object",
        "additionalProperties": false,
        "required": ["design"],
        "properties": {
            "design": with_doc(table(fields::DESIGN), "design"),
            "dns": with_doc(json!({ "type": "array", "items": table(fields::DNS) }), "dns"),
            "hosts": with_doc(json!({
                "type": "object",
                "propertyNames": id_names,
                "additionalProperties": table(fields::HOST),
            }), "hosts"),
            "components": with_doc(json!({
                "type": "object",
                "propertyNames": id_names,
                "additionalProperties": component(),
            }), "components"),
            "links": with_doc(json!({ "type": "array", "items": table(fields::LINK) }), "links"),
            "vips": with_doc(json!({
                "type": "object",
                "propertyNames": id_names,
                "additionalProperties": table(fields::VIP),
            }), "vips"),
            "lint": with_doc(table(fields::LINT), "lint"),
            "answer": with_doc(table(fields::ANSWER), "answer"),
        },
    })
}

fn with_doc(mut schema: Value, top_level_key: &str) -> Value {
    if let (Some(field), Value::Object(map)) = (
        fields::TOP_LEVEL.iter().find(|f| f.name == top_level_key),
        &mut schema,
    ) {
        map.insert("description".into(), field.doc.into());
    }
    schema
}

fn table(fields: &[Field]) -> Value {
    let mut properties = Map::new();
    for field in fields {
        let mut schema = ty(field.ty);
        if let Value::Object(map) = &mut schema {
            map.insert("description".into(), field.doc.into());
            if let Some(default) = field.default {
                let default = match field.ty {
                    Ty::Bool => Value::Bool(default == "true"),
                    Ty::Count => default.parse::<u64>().map_or(Value::Null, Value::from),
                    _ => Value::String(default.into()),
                };
                map.insert("default".into(), default);
            }
        }
        properties.insert(field.name.into(), schema);
    }
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties,
    })
}

/// A component table: every key is known, and each kind allows only its own keys.
fn component() -> Value {
    let mut schema = table(fields::COMPONENT);
    let per_kind: Vec<Value> = Kind::ALL
        .iter()
        .map(|kind| {
            let allowed: Vec<&str> = fields::COMPONENT
                .iter()
                .filter(|f| f.applies_to(*kind))
                .map(|f| f.name)
                .collect();
            json!({
                "if": { "properties": { "kind": { "const": kind.as_str() } }, "required": ["kind"] },
                "then": { "propertyNames": { "enum": allowed } },
            })
        })
        .collect();
    if let Value::Object(map) = &mut schema {
        map.insert("allOf".into(), Value::Array(per_kind));
    }
    schema
}

fn ty(ty: Ty) -> Value {
    let id = json!({ "type": "string", "pattern": ID_PATTERN });
    let port = json!({ "type": "integer", "minimum": 1, "maximum": 65535 });
    match ty {
        Ty::Text => json!({ "type": "string" }),
        Ty::Id => id,
        Ty::IdOrIds => json!({ "anyOf": [id, { "type": "array", "items": id, "minItems": 1 }] }),
        Ty::Ids => json!({ "type": "array", "items": id }),
        Ty::Word(words) => json!({ "type": "string", "enum": words() }),
        Ty::Words(words) => {
            json!({ "type": "array", "items": { "type": "string", "enum": words() } })
        }
        Ty::Bool => json!({ "type": "boolean" }),
        Ty::Port => port,
        Ty::Ports => json!({ "type": "array", "items": port }),
        Ty::Count => json!({ "type": "integer", "minimum": 1, "maximum": 10000 }),
        Ty::Probability => json!({ "type": "number", "exclusiveMinimum": 0, "maximum": 1 }),
        Ty::Date => json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }),
        Ty::Ip => {
            json!({ "type": "string", "anyOf": [{ "format": "ipv4" }, { "format": "ipv6" }] })
        }
        Ty::Domains | Ty::Strings => json!({ "type": "array", "items": { "type": "string" } }),
        Ty::Seconds => json!({ "type": "integer", "minimum": 0, "maximum": 2147483647 }),
        Ty::Levels => json!({
            "type": "object",
            "additionalProperties": { "type": "string", "enum": Level::words() },
        }),
        Ty::Allows => json!({ "type": "array", "items": table(fields::ALLOW) }),
        Ty::Section => json!({ "type": "object" }),
        Ty::Sections => json!({ "type": "array", "items": { "type": "object" } }),
    }
}
