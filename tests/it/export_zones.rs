//! Exports of designs with zones: zones nest as Mermaid subgraphs, D2 containers and DOT
//! clusters (region > availability zone > network > host > component), and a firewall's tie
//! to a zone ends at the zone's group.

use std::collections::BTreeMap;

use infradoc::export::{to_d2, to_dot, to_json, to_mermaid};
use proptest::prelude::*;
use serde_json::Value;

use crate::cli::TempDir;
use crate::export::{check_dot, export, path_var, render_d2, render_mermaid, spec_with};
use crate::zone_trees::{tree, tree_text};

const THREE_ZONES: &str = "specs/three-zone-web-service.toml";

/// Where each group and node sits, by the id the spec gives it: `None` at the top.
type Nesting = BTreeMap<String, Option<String>>;

/// The spec id in a label: the text before ` · `, `<br/>` or a newline, without `×N`.
fn id_of(label: &str) -> String {
    let first = label
        .split(['\n', '·'])
        .next()
        .unwrap_or("")
        .split("<br/>")
        .next()
        .unwrap_or("");
    first.split(" ×").next().unwrap_or("").trim().to_owned()
}

/// Reads a Mermaid flowchart's groups and nodes: what each sits in, by spec id, and the ids
/// (Mermaid's) of everything declared, with the edges' ends.
fn mermaid_nesting(text: &str) -> (Nesting, Vec<String>, Vec<(String, String)>) {
    let mut nesting = Nesting::new();
    let mut declared = Vec::new();
    let mut edges = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let body = text.split("\n---\n").nth(1).expect("front matter");
    for line in body.lines().skip(1).map(str::trim) {
        if line == "end" {
            open.pop().expect("an `end` closes a subgraph");
        } else if let Some(rest) = line.strip_prefix("subgraph ") {
            let (key, label) = rest.split_once("[\"").expect("subgraph id[\"label\"]");
            let id = id_of(label.trim_end_matches("\"]"));
            nesting.insert(id.clone(), open.last().cloned());
            declared.push(key.to_owned());
            open.push(id);
        } else if line.starts_with("class") {
        } else if line.contains("-->") || line.contains("-.->") || line.contains("==>") {
            let ends: Vec<&str> = line.split_whitespace().collect();
            edges.push((ends[0].to_owned(), ends[ends.len() - 1].to_owned()));
        } else if let Some((key, label)) = line.split_once(['[', '(']) {
            let id = id_of(
                label
                    .trim_start_matches(['(', '[', '"'])
                    .trim_end_matches([')', ']', '"']),
            );
            nesting.insert(id, open.last().cloned());
            declared.push(key.to_owned());
        }
    }
    assert!(open.is_empty(), "unclosed subgraphs: {open:?}");
    (nesting, declared, edges)
}

/// Reads a D2 diagram's containers and shapes: what each sits in, by spec id, and the key
/// path of everything declared, with the edges' ends.
fn d2_nesting(text: &str) -> (Nesting, Vec<String>, Vec<(String, String)>) {
    let mut nesting = Nesting::new();
    let mut declared = Vec::new();
    let mut edges = Vec::new();
    // (key, spec id) of each open container.
    let mut open: Vec<(String, String)> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line == "}" {
            open.pop().expect("a `}` closes a container");
        } else if let Some((from, rest)) = line.split_once(" -> ") {
            let to = rest.split(": ").next().unwrap();
            edges.push((from.to_owned(), to.to_owned()));
        } else if let Some((key, rest)) = line.split_once(": \"") {
            let label = rest
                .rsplit_once('"')
                .map_or(rest, |(l, _)| l)
                .replace("\\n", "\n");
            let id = id_of(&label);
            let mut path: Vec<&str> = open.iter().map(|(k, _)| k.as_str()).collect();
            path.push(key);
            declared.push(path.join("."));
            nesting.insert(id.clone(), open.last().map(|(_, id)| id.clone()));
            if line.ends_with('{') {
                open.push((key.to_owned(), id));
            }
        } else if line.ends_with('{') {
            // `title: ... {` style blocks without a quoted label.
            open.push((String::new(), String::new()));
        }
    }
    assert!(open.is_empty(), "unclosed containers");
    (nesting, declared, edges)
}

/// What each group and node must sit in, from the JSON export: a component in its host, a
/// host in its innermost zone, a zone in its parent; only zones holding a host are drawn.
fn expected_nesting(json: &Value) -> Nesting {
    let zones = json["zones"].as_array().unwrap();
    let hosts = json["hosts"].as_array().unwrap();
    let parent = |z: &str| {
        zones
            .iter()
            .find(|x| x["id"] == z)
            .and_then(|x| x["parent"].as_str())
    };
    let mut out = Nesting::new();
    for h in hosts {
        out.insert(
            h["id"].as_str().unwrap().to_owned(),
            h["zone"].as_str().map(str::to_owned),
        );
        let mut at = h["zone"].as_str();
        while let Some(z) = at.filter(|z| !out.contains_key(*z)) {
            out.insert(z.to_owned(), parent(z).map(str::to_owned));
            at = parent(z);
        }
    }
    for c in json["components"].as_array().unwrap() {
        out.insert(
            c["id"].as_str().unwrap().to_owned(),
            c["host"].as_str().map(str::to_owned),
        );
    }
    out
}

fn check_nesting(spec: &str) {
    check_texts(
        spec,
        &export(spec, "json"),
        &export(spec, "mermaid"),
        &export(spec, "d2"),
    );
}

/// The Mermaid and D2 texts nest as the JSON says.
fn check_texts(spec: &str, json: &str, mermaid: &str, d2: &str) {
    let json: Value = serde_json::from_str(json).unwrap();
    let mut expected = expected_nesting(&json);
    let (mut mermaid, declared, edges) = mermaid_nesting(mermaid);
    // The implicit user and virtual IPs are nodes too; nothing else is.
    for v in json["vips"].as_array().unwrap() {
        expected.insert(v["id"].as_str().unwrap().to_owned(), None);
    }
    mermaid.retain(|id, _| expected.contains_key(id));
    assert_eq!(mermaid, expected, "{spec}: Mermaid nests otherwise");
    for (from, to) in edges {
        assert!(
            declared.contains(&from) && declared.contains(&to),
            "{spec}: Mermaid edge {from} -> {to} to an undeclared id"
        );
    }
    let (mut d2, declared, edges) = d2_nesting(d2);
    d2.retain(|id, _| expected.contains_key(id));
    assert_eq!(d2, expected, "{spec}: D2 nests otherwise");
    for (from, to) in edges {
        // D2 makes a new shape for a path nobody declared: every end must be declared.
        assert!(
            declared.contains(&from) && declared.contains(&to),
            "{spec}: D2 edge {from} -> {to} to an undeclared path"
        );
    }
}

#[test]
fn zones_nest_in_every_diagram_export() {
    for spec in crate::all_specs() {
        check_nesting(&crate::relative(&spec));
    }
    insta::assert_snapshot!("mermaid-three-zone", export(THREE_ZONES, "mermaid"));
    insta::assert_snapshot!("d2-three-zone", export(THREE_ZONES, "d2"));
    insta::assert_snapshot!("dot-three-zone", export(THREE_ZONES, "dot"));
    render_mermaid(&[&export(THREE_ZONES, "mermaid")]);
    render_d2(&export(THREE_ZONES, "d2"));
}

#[test]
fn a_tie_to_a_zone_ends_at_its_group() {
    let mermaid = export(THREE_ZONES, "mermaid");
    assert!(
        mermaid.contains("  c_acl -.->|\"protects\"| z_private_da\n"),
        "{mermaid}"
    );
    let d2 = export(THREE_ZONES, "d2");
    assert!(
        d2.contains("c_acl -> z_eu_dwest_d1.z_az_da.z_public_da: \"protects\""),
        "{d2}"
    );
    let dot = export(THREE_ZONES, "dot");
    assert!(
        dot.contains(
            "  \"acl\" -> \"nginx-a\" [label=\"protects\", style=dotted, lhead=\"cluster_private-a\"];\n"
        ),
        "{dot}"
    );
    // A firewall inside the zone it protects points at the zone's entry; a zone with no host
    // is not drawn, and the tie to it is left out.
    let dir = TempDir::new("export-zone-ties");
    let spec = spec_with(
        &dir,
        "T",
        "[zones.dc]\nkind = \"region\"\n[zones.lan]\nkind = \"network\"\nparent = \"dc\"\n[zones.empty]\nkind = \"network\"\n\
         [hosts.gw]\nzone = \"lan\"\n[hosts.app]\nzone = \"lan\"\n\
         [components.fw]\nkind = \"firewall\"\nhost = \"gw\"\nprotects = [\"lan\", \"empty\"]\n\
         [components.web]\nkind = \"web-server\"\nhost = \"app\"\n\
         [[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"http\"\n",
    );
    let mermaid = export(&spec, "mermaid");
    assert!(
        mermaid.contains("  c_fw -.->|\"protects\"| c_web\n"),
        "{mermaid}"
    );
    assert!(!mermaid.contains("z_empty"), "{mermaid}");
    let d2 = export(&spec, "d2");
    assert!(
        d2.contains("z_dc.z_lan.h_gw.c_fw -> z_dc.z_lan.h_app.c_web: \"protects\""),
        "{d2}"
    );
    let dot = export(&spec, "dot");
    assert!(
        dot.contains("  \"fw\" -> \"web\" [label=\"protects\", style=dotted];\n"),
        "{dot}"
    );
    let json: Value = serde_json::from_str(&export(&spec, "json")).unwrap();
    check_dot(&dot, &json, &path_var());
    check_nesting(&spec);
    render_mermaid(&[&mermaid]);
    render_d2(&d2);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, failure_persistence: None, ..ProptestConfig::default() })]

    /// On random trees of zones every export nests as the design does, and the DOT export
    /// says what the design says (read back by Graphviz where it is installed).
    #[test]
    fn exports_of_random_zone_trees_nest(t in tree()) {
        let text = tree_text(&t);
        let compiled = infradoc::compile(infradoc::diagnostic::SourceFile::new("t.toml", &text));
        let design = compiled.design.expect("a valid tree");
        let json = to_json(&design);
        check_texts(&text, &json, &to_mermaid(&design), &to_d2(&design));
        let value: Value = serde_json::from_str(&json).unwrap();
        check_dot(&to_dot(&design), &value, &path_var());
    }
}
