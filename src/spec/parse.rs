//! Walks a parsed TOML document into a [`Spec`], reporting every problem it meets.

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{self, Code, Diagnostic, SourceFile, Span, Spanned};

use super::fields;
use super::reader::{TableReader, span_of};
use super::tree::{AllowSpec, DesignSpec, LintSpec, Spec};
use super::values;
use super::vocabulary::{Direction, Level, Vocabulary};
use super::{answer, components, dns, links, vips, zones};

/// Reads a spec's text. Returns the spec (as much of it as could be read) unless the text is
/// not TOML at all, and every problem found, in file order.
pub fn parse(source: &SourceFile) -> (Option<Spec>, Vec<Diagnostic>) {
    let (document, errors) = DeTable::parse_recoverable(&source.text);
    let mut diagnostics: Vec<Diagnostic> = errors
        .iter()
        .map(|e| {
            let span = e.span().map_or(Span::new(0, 0), Span::from);
            Diagnostic::error(Code::TomlSyntax, format!("invalid TOML: {}", e.message()))
                .at(span, e.message().to_string())
        })
        .collect();
    if !diagnostics.is_empty() {
        // The recovered tree is a guess; checking it would report problems that are not there.
        diagnostic::sort(&mut diagnostics);
        return (None, diagnostics);
    }
    let document_span = Span::new(0, source.text.len());
    if document.get_ref().is_empty() {
        diagnostics.push(
            Diagnostic::error(Code::EmptySpec, format!("{} holds no TOML", source.name)).help(
                "start with a [design] table: `[design]` then `name = \"my-design\"`; \
                 specs/0-simple_web_stack.toml is a complete example",
            ),
        );
        return (None, diagnostics);
    }
    let spec = read_document(document.get_ref(), document_span, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    (Some(spec), diagnostics)
}

fn read_document(table: &DeTable<'_>, span: Span, out: &mut Vec<Diagnostic>) -> Spec {
    let mut r = TableReader::new(table, span, "the spec".into(), fields::TOP_LEVEL, None, out);
    let design = if r.expect("design") {
        r.table("design")
            .map(|(t, span)| read_design(t, span, r.diagnostics))
    } else {
        None
    };
    let design = design.unwrap_or(DesignSpec {
        name: None,
        title: None,
        domain: None,
        extends: None,
        direction: Direction::LeftToRight,
        notes: None,
    });
    let dns = dns::read_records(&mut r, design.domain.as_ref());
    let (hosts, broken_hosts) = components::read_hosts(&mut r);
    let read = components::read_components(&mut r);
    let links = links::read_links(&mut r);
    let (vips, broken_vips) = vips::read_vips(&mut r);
    let (zones, broken_zones) = zones::read_zones(&mut r);
    let lint = r
        .table("lint")
        .map(|(t, span)| read_lint(t, span, r.diagnostics))
        .unwrap_or_default();
    let answer = r
        .table("answer")
        .map(|(t, span)| answer::read_answer(t, span, r.diagnostics))
        .unwrap_or_default();
    Spec {
        design,
        dns,
        hosts,
        components: read.components,
        links,
        vips,
        zones,
        lint,
        answer,
        broken_ids: broken_hosts
            .into_iter()
            .chain(read.broken)
            .chain(broken_vips)
            .chain(broken_zones)
            .collect(),
        broken_component_hosts: read.broken_hosts,
    }
}

fn read_design(table: &DeTable<'_>, span: Span, out: &mut Vec<Diagnostic>) -> DesignSpec {
    let mut r = TableReader::new(table, span, "[design]".into(), fields::DESIGN, None, out);
    let name = if r.expect("name") {
        r.text("name")
    } else {
        None
    };
    let name = name.and_then(|name| match values::check_design_name(&name.value) {
        Ok(()) => Some(name),
        Err(why) => {
            let diagnostic = Diagnostic::error(
                Code::UnsafeDesignName,
                format!(
                    "design name `{}` is not a safe folder name: {why}",
                    name.value
                ),
            )
            .at(
                name.span,
                "outputs go to <out>/<name>/, so this must be a plain file name",
            )
            .help(format!(
                "{}; for example `name = \"simple-web-stack\"`",
                values::ID_RULE
            ));
            r.report(diagnostic);
            None
        }
    });
    let domain = r
        .text("domain")
        .and_then(|domain| match values::check_domain(&domain.value) {
            Ok(()) => Some(domain),
            Err(why) => {
                let message = format!("`{}` is not a domain name", domain.value);
                r.invalid(Code::InvalidValue, domain.span, message, why);
                None
            }
        });
    DesignSpec {
        name,
        title: r.text("title").map(|t| t.value),
        domain,
        extends: r.text("extends"),
        direction: r
            .word::<Direction>("direction")
            .map_or(Direction::LeftToRight, |d| d.value),
        notes: r.text("notes").map(|t| t.value),
    }
}

fn read_lint(table: &DeTable<'_>, span: Span, out: &mut Vec<Diagnostic>) -> LintSpec {
    let mut r = TableReader::new(table, span, "[lint]".into(), fields::LINT, None, out);
    let ignore = r.texts("ignore");
    let mut severity = Vec::new();
    if let Some((levels, _)) = r.table("severity") {
        for (rule, value) in levels.iter() {
            let rule = Spanned::new(rule.get_ref().to_string(), span_of(rule));
            match value.get_ref() {
                DeValue::String(text) => match Level::parse(text) {
                    Some(level) => severity.push((rule, level)),
                    None => {
                        let diagnostic = Diagnostic::error(
                            Code::UnknownValue,
                            format!("unknown severity `{text}` for rule `{}`", rule.value),
                        )
                        .at(span_of(value), "not a severity")
                        .help(diagnostic::help_for(text, &Level::words()));
                        r.report(diagnostic);
                    }
                },
                _ => r.wrong_type(
                    &rule.value,
                    value,
                    "\"error\", \"warning\", \"info\" or \"off\"",
                ),
            }
        }
    }
    LintSpec { ignore, severity }
}

/// Reads the `allow` list of a host or component.
pub fn read_allows(r: &mut TableReader<'_, '_>) -> Vec<AllowSpec> {
    let owner = r.what().to_string();
    let entries = r.tables("allow");
    let mut allows = Vec::new();
    for (table, span) in entries {
        let what = format!("an `allow` entry of {owner}");
        let mut a = TableReader::new(table, span, what, fields::ALLOW, None, r.diagnostics);
        let rule = if a.expect("rule") {
            a.text("rule")
        } else {
            None
        };
        let reason = if a.expect("reason") {
            a.text("reason")
        } else {
            None
        };
        let until = a.date("until");
        if let Some(reason) = &reason
            && reason.value.trim().is_empty()
        {
            let message = "an accepted finding needs a reason".to_string();
            a.invalid(
                Code::InvalidValue,
                reason.span,
                message,
                "say why the risk is accepted, so the next reader can judge it",
            );
        }
        if let (Some(rule), Some(reason)) = (rule, reason) {
            allows.push(AllowSpec {
                rule,
                reason: reason.value,
                until,
                span,
            });
        }
    }
    allows
}
