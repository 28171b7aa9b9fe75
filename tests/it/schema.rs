//! `infradoc schema` describes exactly the specs infradoc accepts, as far as a schema can.

use serde_json::Value;

use crate::{classic_specs, root};

/// TOML -> JSON as editors' TOML plugins do it: dates become strings.
fn to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&infradoc::spec::schema::schema())
        .expect("the schema is a valid JSON Schema")
}

fn spec_json(text: &str) -> Value {
    to_json(toml::from_str(text).expect("valid TOML"))
}

#[test]
fn the_classic_specs_validate() {
    let validator = validator();
    for path in classic_specs() {
        let json = spec_json(&std::fs::read_to_string(&path).unwrap());
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
}

#[test]
fn the_schema_rejects_what_the_checker_rejects() {
    let validator = validator();
    for fixture in [
        "unknown-key",
        "wrong-type",
        "field-not-for-kind",
        "unknown-kind",
        "port-out-of-range",
        "missing-field",
    ] {
        let path = root().join(format!("tests/fixtures/errors/{fixture}.toml"));
        let json = spec_json(&std::fs::read_to_string(&path).unwrap());
        assert!(!validator.is_valid(&json), "the schema accepts {fixture}");
    }
}

#[test]
fn the_committed_schema_is_current() {
    let path = root().join("docs/infradoc.schema.json");
    let expected = format!(
        "{}\n",
        serde_json::to_string_pretty(&infradoc::spec::schema::schema()).unwrap()
    );
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != expected {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, expected).unwrap();
        } else {
            panic!(
                "docs/infradoc.schema.json is out of date; run `UPDATE_DOCS=1 cargo test --test it schema` and commit it"
            );
        }
    }
}
