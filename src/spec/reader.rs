//! Reads one TOML table against its field list: reports unknown keys, keys of another kind,
//! wrong types and bad values, and hands back typed, spanned values.
//!
//! Every problem becomes a diagnostic and reading goes on, so one run reports them all.

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Diagnostic, Span, Spanned, help_for, is_unprintable};

use super::fields::Field;
use super::values;
use super::vocabulary::{Kind, Vocabulary};

pub type Value<'i> = toml::Spanned<DeValue<'i>>;

pub fn span_of<T>(v: &toml::Spanned<T>) -> Span {
    v.span().into()
}

/// A TOML table being read, with the place to report problems.
pub struct TableReader<'a, 'i> {
    table: &'a DeTable<'i>,
    span: Span,
    /// How messages name the table: "[design]", "component `nginx`".
    what: String,
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a, 'i> TableReader<'a, 'i> {
    /// Starts reading `table`, reporting at once every key that `fields` does not allow
    /// (for components, `kind` narrows the allowed keys).
    pub fn new(
        table: &'a DeTable<'i>,
        span: Span,
        what: String,
        fields: &'static [Field],
        kind: Option<Kind>,
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Self {
        let reader = TableReader {
            table,
            span,
            what,
            diagnostics,
        };
        reader.check_keys(fields, kind)
    }

    fn check_keys(self, fields: &'static [Field], kind: Option<Kind>) -> Self {
        let applicable: Vec<&str> = fields
            .iter()
            .filter(|f| kind.is_none_or(|k| f.applies_to(k)))
            .map(|f| f.name)
            .collect();
        for (key, _) in self.table.iter() {
            let name = key.get_ref().as_ref();
            let span = span_of(key);
            match (fields.iter().find(|f| f.name == name), kind) {
                (Some(field), Some(kind)) if !field.applies_to(kind) => {
                    let owners: Vec<&str> = field.kinds.iter().map(|k| k.as_str()).collect();
                    self.diagnostics.push(
                        Diagnostic::error(
                            Code::FieldNotForKind,
                            format!("`{name}` is not a key of a {kind} component"),
                        )
                        .at(
                            span,
                            format!("only {} components have `{name}`", owners.join(", ")),
                        )
                        .help(format!(
                            "remove `{name}` from {}, or change its `kind`",
                            self.what
                        )),
                    );
                }
                (Some(_), _) => {}
                (None, _) => self.diagnostics.push(
                    Diagnostic::error(
                        Code::UnknownKey,
                        format!("unknown key `{name}` in {}", self.what),
                    )
                    .at(span, "not a known key")
                    .help(help_for(name, &applicable)),
                ),
            }
        }
        self
    }

    pub fn what(&self) -> &str {
        &self.what
    }

    pub fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Reports a missing required key when `key` is absent; returns whether it is present.
    pub fn expect(&mut self, key: &str) -> bool {
        if self.get(key).is_some() {
            return true;
        }
        let message = format!("{} has no `{key}`", self.what);
        let diagnostic = Diagnostic::error(Code::MissingField, message)
            .at(self.span, format!("`{key}` is required here"))
            .help(format!("add `{key} = ...`; docs/spec.md describes it"));
        self.report(diagnostic);
        false
    }

    pub fn wrong_type(&mut self, key: &str, value: &Value<'_>, expected: &str) {
        let found = value.get_ref().type_str();
        let mut diagnostic = Diagnostic::error(
            Code::WrongType,
            format!("`{key}` must be {expected}, not {}", article(found)),
        )
        .at(span_of(value), format!("this is {}", article(found)));
        if let DeValue::String(s) = value.get_ref()
            && (s.parse::<f64>().is_ok() || s == "true" || s == "false")
        {
            diagnostic = diagnostic.help(format!("remove the quotes: `{key} = {s}`"));
        }
        self.report(diagnostic);
    }

    pub fn invalid(&mut self, code: Code, span: Span, message: String, help: impl Into<String>) {
        let diagnostic = Diagnostic::error(code, message)
            .at(span, "invalid here")
            .help(help);
        self.report(diagnostic);
    }

    /// A string key.
    pub fn text(&mut self, key: &str) -> Option<Spanned<String>> {
        let value = self.get(key)?;
        self.as_text(key, value)
    }

    fn as_text(&mut self, key: &str, value: &Value<'_>) -> Option<Spanned<String>> {
        match value.get_ref() {
            DeValue::String(s) => {
                if let Some(c) = s.chars().find(|c| is_unprintable(*c)) {
                    let diagnostic = Diagnostic::error(
                        Code::Unprintable,
                        format!(
                            "`{key}` holds the invisible character U+{:04X}",
                            c as u32
                        ),
                    )
                    .at(span_of(value), "in this text")
                    .help("remove it: control characters, bidirectional overrides and noncharacters would reach terminals, SVG and pictures, where they break or disguise the text");
                    self.report(diagnostic);
                    return None;
                }
                Some(Spanned::new(s.to_string(), span_of(value)))
            }
            _ => {
                self.wrong_type(key, value, "a string");
                None
            }
        }
    }

    /// A string key holding a host or component id.
    pub fn id(&mut self, key: &str) -> Option<Spanned<String>> {
        let value = self.get(key)?;
        self.as_id(key, value)
    }

    fn as_id(&mut self, key: &str, value: &Value<'_>) -> Option<Spanned<String>> {
        let id = self.as_text(key, value)?;
        match values::check_id(&id.value) {
            Ok(()) => Some(id),
            Err(why) => {
                self.invalid(
                    Code::InvalidValue,
                    id.span,
                    format!("`{}` is not a valid id: {why}", id.value),
                    values::ID_RULE,
                );
                None
            }
        }
    }

    /// A key holding one id or a list of ids.
    pub fn id_or_ids(&mut self, key: &str) -> Vec<Spanned<String>> {
        match self.get(key) {
            Some(value) if matches!(value.get_ref(), DeValue::String(_)) => {
                self.as_id(key, value).into_iter().collect()
            }
            _ => self.ids(key),
        }
    }

    /// A key holding a list of ids.
    pub fn ids(&mut self, key: &str) -> Vec<Spanned<String>> {
        self.list(key, "a list of ids", |r, v| r.as_id(key, v))
    }

    /// A key holding a list of strings.
    pub fn texts(&mut self, key: &str) -> Vec<Spanned<String>> {
        self.list(key, "a list of strings", |r, v| r.as_text(key, v))
    }

    /// A list whose items `item` reads; bad items are reported and skipped.
    pub fn list<T>(
        &mut self,
        key: &str,
        expected: &str,
        mut item: impl FnMut(&mut Self, &'a Value<'i>) -> Option<T>,
    ) -> Vec<T> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::Array(items) => items.iter().filter_map(|v| item(self, v)).collect(),
            _ => {
                self.wrong_type(key, value, expected);
                Vec::new()
            }
        }
    }

    pub fn bool(&mut self, key: &str) -> Option<bool> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(key, value, "true or false");
                None
            }
        }
    }

    fn as_integer(&mut self, key: &str, value: &Value<'_>, expected: &str) -> Option<Spanned<i64>> {
        match value.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(Spanned::new(n, span_of(value))),
                Err(_) => {
                    self.invalid(
                        Code::InvalidValue,
                        span_of(value),
                        format!("`{key}` is too large"),
                        format!("`{key}` must be {expected}"),
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(key, value, expected);
                None
            }
        }
    }

    /// An integer key within `min..=max`.
    pub fn integer_in(&mut self, key: &str, min: i64, max: i64, expected: &str) -> Option<i64> {
        let value = self.get(key)?;
        let n = self.as_integer(key, value, expected)?;
        if (min..=max).contains(&n.value) {
            return Some(n.value);
        }
        self.invalid(
            Code::InvalidValue,
            n.span,
            format!("`{key}` is {}, but must be {expected}", n.value),
            format!("use {expected}"),
        );
        None
    }

    fn as_port(&mut self, key: &str, value: &Value<'_>) -> Option<u16> {
        let n = self.as_integer(key, value, "an integer from 1 to 65535")?;
        match u16::try_from(n.value) {
            Ok(port) if port >= 1 => Some(port),
            _ => {
                self.invalid(
                    Code::PortOutOfRange,
                    n.span,
                    format!("port {} is outside 1-65535", n.value),
                    "TCP and UDP ports run from 1 to 65535",
                );
                None
            }
        }
    }

    pub fn port(&mut self, key: &str) -> Option<u16> {
        let value = self.get(key)?;
        self.as_port(key, value)
    }

    pub fn ports(&mut self, key: &str) -> Vec<u16> {
        self.list(key, "a list of ports", |r, v| r.as_port(key, v))
    }

    /// A number in (0, 1]; integers are accepted (`availability = 1`).
    pub fn probability(&mut self, key: &str) -> Option<f64> {
        let value = self.get(key)?;
        let expected = "a number greater than 0 and at most 1";
        let n = match value.get_ref() {
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            _ => {
                self.wrong_type(key, value, expected);
                return None;
            }
        };
        match n {
            Some(p) if p > 0.0 && p <= 1.0 => Some(p),
            _ => {
                self.invalid(
                    Code::InvalidValue,
                    span_of(value),
                    format!("`{key}` must be {expected}"),
                    "write it as a fraction: 0.999 means 99.9%",
                );
                None
            }
        }
    }

    /// One word of a vocabulary.
    pub fn word<V: Vocabulary>(&mut self, key: &str) -> Option<Spanned<V>> {
        let value = self.get(key)?;
        self.as_word(key, value)
    }

    fn as_word<V: Vocabulary>(&mut self, key: &str, value: &Value<'_>) -> Option<Spanned<V>> {
        let text = self.as_text(key, value)?;
        match V::parse(&text.value) {
            Some(word) => Some(Spanned::new(word, text.span)),
            None => {
                let diagnostic = Diagnostic::error(
                    Code::UnknownValue,
                    format!("unknown {} `{}`", V::WHAT, text.value),
                )
                .at(text.span, format!("not a {}", V::WHAT))
                .help(help_for(&text.value, &V::words()));
                self.report(diagnostic);
                None
            }
        }
    }

    pub fn words<V: Vocabulary>(&mut self, key: &str) -> Vec<V> {
        self.list(key, "a list of strings", |r, v| {
            r.as_word::<V>(key, v).map(|w| w.value)
        })
    }

    /// A calendar date, as a TOML date (`2027-01-31`) or a string (`"2027-01-31"`).
    pub fn date(&mut self, key: &str) -> Option<String> {
        let value = self.get(key)?;
        let text = match value.get_ref() {
            DeValue::Datetime(d) => d.to_string(),
            DeValue::String(s) => s.to_string(),
            _ => {
                self.wrong_type(key, value, "a date, YYYY-MM-DD");
                return None;
            }
        };
        if values::is_date(&text) {
            return Some(text);
        }
        self.invalid(
            Code::InvalidValue,
            span_of(value),
            format!("`{text}` is not a date"),
            "write the date as YYYY-MM-DD, such as 2027-01-31",
        );
        None
    }

    /// A sub-table, with its span.
    pub fn table(&mut self, key: &str) -> Option<(&'a DeTable<'i>, Span)> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Table(t) => Some((t, span_of(value))),
            _ => {
                self.wrong_type(key, value, "a table");
                None
            }
        }
    }

    /// An array of tables (`[[links]]`), each with its span.
    pub fn tables(&mut self, key: &str) -> Vec<(&'a DeTable<'i>, Span)> {
        self.list(key, "an array of tables", |r, v| match v.get_ref() {
            DeValue::Table(t) => Some((t, span_of(v))),
            _ => {
                r.wrong_type(key, v, "a table");
                None
            }
        })
    }
}

/// "a string", "an integer", "an array".
fn article(type_name: &str) -> String {
    let vowel = type_name.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {type_name}", if vowel { "an" } else { "a" })
}
