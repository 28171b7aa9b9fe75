//! `infradoc answer`: the exercise's answer for a design, in the order the spec's `[answer]`
//! table asks: the diagram, the request from the user's first keystroke, each question, each
//! issue with its consequence and fix, and what changed since the design it extends.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::analysis::Availability;
use crate::lint::{Finding, Report, RuleMeta, registry};
use crate::model::Design;
use crate::spec::{Topic, Vocabulary};

use super::ids::Ids;
use super::markdown::{and, code, escape, sentence, url};
use super::topics::{self, Before, Facts, clause};

mod fixes;
mod since;

pub use fixes::{fix, in_words, spof_fix_promotes, writer_fix_after_spof};
use since::added;
pub use since::moved;

/// The design this one `extends`, with its lint report and availability.
pub struct Earlier<'a> {
    pub design: &'a Design,
    pub report: &'a Report,
    pub availability: Availability,
}

/// The answer as Markdown; `None` when the spec has no `[answer]` table.
pub fn answer(
    design: &Design,
    report: &Report,
    availability: Availability,
    earlier: Option<Earlier<'_>>,
    diagram: &str,
) -> Option<String> {
    let asked = design.answer.as_ref()?;
    let ids = Ids::new(design);
    let title = escape(&design.title);
    let mut out = format!("# {title}\n\n![Diagram of {title}]({})\n", url(diagram));
    let steps = super::flow_steps(design);
    if !steps.is_empty() {
        out.push_str("\n## The request, from the user's first keystroke\n\n");
        for (i, step) in steps.iter().enumerate() {
            out.push_str(&format!("{}. {step}\n", i + 1));
        }
    }
    if let Some(e) = &earlier {
        let added = added(design, e.design);
        if !added.is_empty() {
            out.push_str(&format!(
                "\n## What changed, and why\n\nCompared with {}:\n\n{}\n",
                escape(&e.design.title),
                added.join("\n")
            ));
        }
    }
    let facts = Facts {
        design,
        report,
        availability,
        before: earlier.map(|e| Before {
            report: e.report,
            availability: e.availability,
        }),
    };
    if !asked.questions.is_empty() {
        out.push_str("\n## Questions\n");
        for &topic in &asked.questions {
            out.push_str(&format!(
                "\n### {}\n\n{}\n",
                topics::heading(topic, design),
                topics::answer(topic, &facts)
            ));
        }
    }
    let mut seen = BTreeSet::new();
    let rules: Vec<&'static RuleMeta> = asked
        .issues
        .iter()
        .filter_map(|r| registry::find(&r.value))
        .filter(|m| seen.insert(m.code))
        .collect();
    if !rules.is_empty() {
        out.push_str("\n## Issues\n");
        for rule in rules {
            out.push_str(&issue(design, &ids, report, rule));
        }
    }
    let marked: Vec<String> = out
        .lines()
        .map(|line| {
            if line.starts_with('#') || line.starts_with('!') {
                line.to_string()
            } else {
                ids.mark(line)
            }
        })
        .collect();
    Some(marked.join("\n") + "\n")
}

/// Every topic with its one-line meaning, for `infradoc answer --topics`.
pub fn catalogue() -> String {
    Topic::ALL
        .iter()
        .map(|t| format!("{:<26}{}\n", t.as_str(), t.describe()))
        .collect()
}

/// A rule's name as a heading: "Single point of failure".
fn title(rule: &RuleMeta) -> String {
    let words = rule.name.replace('-', " ");
    let words = words
        .replace("https", "HTTPS")
        .replace("tls", "TLS")
        .replace("dns", "DNS");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn issue(design: &Design, ids: &Ids, report: &Report, rule: &RuleMeta) -> String {
    let found: Vec<&Finding> = report
        .active()
        .filter(|f| f.rule.code == rule.code)
        .collect();
    let mut out = format!("\n### {}\n\n", title(rule));
    if found.is_empty() {
        out.push_str(&format!(
            "This design no longer has this issue: {}\n",
            lower_first(rule.summary)
        ));
        return out;
    }
    for line in consequences(ids, &found) {
        out.push_str(&format!("- {line}\n"));
    }
    out.push_str(&format!("\n**Fix:** {}\n", fix(design, ids, rule, &found)));
    out
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The findings' messages as sentences; messages that end alike ("...: deploying it takes
/// the site down") become one.
fn consequences(ids: &Ids, found: &[&Finding]) -> Vec<String> {
    let messages: Vec<String> = found.iter().map(|f| ids.mark(&f.message)).collect();
    let tails: BTreeSet<&str> = messages
        .iter()
        .filter_map(|m| m.split_once(": ").map(|(_, tail)| tail))
        .collect();
    if messages.len() > 1 && tails.len() == 1 && messages.iter().all(|m| m.contains(": ")) {
        let heads: Vec<String> = messages
            .iter()
            .filter_map(|m| m.split_once(": ").map(|(head, _)| head.to_string()))
            .collect();
        let tail = tails.first().copied().unwrap_or_default();
        let tail = tail.replacen(" it ", " any of them ", 1);
        return vec![sentence(&format!("{}: {tail}", join_heads(&heads)))];
    }
    messages.iter().map(|m| sentence(m)).collect()
}

/// "Nothing monitors `a`", "Nothing monitors `b`" become "Nothing monitors `a` and `b`";
/// heads that differ otherwise are joined with semicolons.
fn join_heads(heads: &[String]) -> String {
    let split: Vec<Option<(&str, &str)>> = heads
        .iter()
        .map(|h| h.rfind(" `").map(|i| (&h[..i], &h[i + 1..])))
        .collect();
    let prefix = split.first().copied().flatten().map(|(p, _)| p);
    let same = split.iter().all(|s| {
        s.is_some_and(|(p, id)| {
            Some(p) == prefix && id.ends_with('`') && id.matches('`').count() == 2
        })
    });
    match prefix {
        Some(prefix) if same => {
            let ids: Vec<String> = split
                .iter()
                .flatten()
                .map(|(_, id)| id.to_string())
                .collect();
            format!("{prefix} {}", super::markdown::and(&ids))
        }
        _ => heads.join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::in_words;

    #[test]
    fn fixes_lose_their_spec_keys() {
        assert_eq!(
            in_words(
                "add a replica (`role = \"replica\"`, `replicates_from`) that can be promoted."
            ),
            "add a replica that can be promoted."
        );
        assert_eq!(
            in_words("Run a `monitoring-agent` on db-1 (`host = \"db-1\"`) that sends."),
            "Run a `monitoring-agent` on db-1 that sends."
        );
    }
}
