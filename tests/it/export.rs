//! `infradoc export`: each format is a valid input of its tool and says what the design says.
//!
//! Every check runs with nothing but the Rust toolchain (a DOT parser, a YAML parser, the JSON
//! Schema); Graphviz, Mermaid's CLI and D2 also read the exports where they are on PATH.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use graphviz_rust::dot_structures::{EdgeTy, Graph, GraphAttributes, Id, Stmt, Vertex};
use serde_json::Value;

use crate::cli::TempDir;

pub(crate) fn export(spec: &str, to: &str) -> String {
    let out = Command::cargo_bin("infradoc")
        .unwrap()
        .current_dir(crate::root())
        .args(["export", spec, "--to", to])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A spec file in `dir` with these tables after a `[design]` named `h`.
pub(crate) fn spec_with(dir: &TempDir, title: &str, rest: &str) -> String {
    let spec = dir.0.join("h.toml");
    let title = toml::Value::String(title.into()).to_string();
    std::fs::write(
        &spec,
        format!("[design]\nname = \"h\"\ntitle = {title}\n{rest}"),
    )
    .unwrap();
    spec.to_str().unwrap().to_owned()
}

/// A temporary folder of its own for each call: tests run in parallel.
fn unique_dir(name: &str) -> TempDir {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    TempDir::new(&format!("{name}-{n}"))
}

pub(crate) fn path_var() -> OsString {
    std::env::var_os("PATH").unwrap_or_default()
}

/// The executable `name` in one of the folders of `path` (a PATH value), if there is one.
fn find_tool(name: &str, path: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// Runs `tool` with `args`, `input` on stdin; its stdout, or a panic naming what it said.
fn run_tool(tool: &Path, args: &[&OsStr], input: &str) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{} could not start: {e}", tool.display()));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{} failed: {}\n--- input ---\n{input}",
        tool.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// ---- DOT, read back with a DOT parser ----

/// What a DOT text says: node labels, clusters with their label and members, edges with
/// their attributes. Text is as Graphviz shows it (`\n` a line break, `\"` a quote).
#[derive(Debug, Default, PartialEq)]
struct DotFacts {
    nodes: BTreeMap<String, String>,
    /// Each node's `style`, when it has one.
    node_styles: BTreeMap<String, String>,
    clusters: BTreeMap<String, (String, Vec<String>)>,
    /// The cluster each cluster sits in, if any.
    parents: BTreeMap<String, Option<String>>,
    edges: Vec<(String, String, BTreeMap<String, String>)>,
}

/// An id's text: a quoted id loses its quotes and the escape of `"` inside.
fn id_text(id: &Id) -> String {
    match id {
        Id::Escaped(s) => {
            let inner = &s[1..s.len() - 1];
            inner
                .replace("\\\r\n", "")
                .replace("\\\n", "")
                .replace("\\\"", "\"")
        }
        Id::Html(s) | Id::Plain(s) | Id::Anonymous(s) => s.clone(),
    }
}

/// A label's text: Graphviz's escapes `\n`, `\l`, `\r` (line breaks) and `\\` applied.
fn label_text(raw: &str) -> String {
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'l' | 'r') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

fn attrs(list: &[graphviz_rust::dot_structures::Attribute]) -> BTreeMap<String, String> {
    list.iter()
        .map(|a| (id_text(&a.0), label_text(&id_text(&a.1))))
        .collect()
}

fn dot_facts(dot: &str) -> DotFacts {
    let graph = graphviz_rust::parse(dot).unwrap_or_else(|e| panic!("not DOT: {e}\n{dot}"));
    let Graph::DiGraph { stmts, .. } = graph else {
        panic!("not a digraph: {dot}")
    };
    let mut facts = DotFacts::default();
    walk(&stmts, None, &mut facts);
    for (_, members) in facts.clusters.values_mut() {
        members.sort();
    }
    facts
}

fn walk(stmts: &[Stmt], cluster: Option<&str>, facts: &mut DotFacts) {
    for stmt in stmts {
        match stmt {
            Stmt::Node(node) => {
                let id = id_text(&node.id.0);
                let mut attributes = attrs(&node.attributes);
                let label = attributes.remove("label").unwrap_or_default();
                facts.nodes.insert(id.clone(), label);
                if let Some(style) = attributes.remove("style") {
                    facts.node_styles.insert(id.clone(), style);
                }
                if let Some(cluster) = cluster
                    && let Some(entry) = facts.clusters.get_mut(cluster)
                {
                    entry.1.push(id);
                }
            }
            Stmt::Subgraph(sub) => {
                let name = id_text(&sub.id);
                // `label=...;` as written, or `graph [label=...];` as Graphviz prints it.
                let label = sub
                    .stmts
                    .iter()
                    .flat_map(|s| match s {
                        Stmt::Attribute(a) => std::slice::from_ref(a),
                        Stmt::GAttribute(GraphAttributes::Graph(list)) => list.as_slice(),
                        _ => &[],
                    })
                    .find(|a| id_text(&a.0) == "label")
                    .map(|a| label_text(&id_text(&a.1)))
                    .unwrap_or_default();
                facts.clusters.insert(name.clone(), (label, Vec::new()));
                facts
                    .parents
                    .insert(name.clone(), cluster.map(str::to_owned));
                walk(&sub.stmts, Some(&name), facts);
            }
            Stmt::Edge(edge) => {
                let ends = match &edge.ty {
                    EdgeTy::Pair(a, b) => vec![a.clone(), b.clone()],
                    EdgeTy::Chain(list) => list.clone(),
                };
                let names: Vec<String> = ends
                    .iter()
                    .map(|v| match v {
                        Vertex::N(n) => id_text(&n.0),
                        Vertex::S(s) => panic!("an edge to a subgraph: {s:?}"),
                    })
                    .collect();
                for pair in names.windows(2) {
                    facts
                        .edges
                        .push((pair[0].clone(), pair[1].clone(), attrs(&edge.attributes)));
                }
            }
            Stmt::Attribute(_) | Stmt::GAttribute(_) => {}
        }
    }
}

/// The facts the DOT export of a design must state, from its JSON export: every component a
/// node labelled with its id and software (dashed and saying so when the provider manages
/// it), every virtual IP a node, every host a cluster holding its components, inside the
/// cluster of its zone, every zone holding a host a cluster inside the cluster of the zone it
/// sits in, every link an edge with its label (a link written to a virtual IP as one edge to
/// it and one from it to each holder), every certificate and firewall tied by a dotted edge.
fn check_dot_against_json(dot: &str, json: &Value) {
    let facts = dot_facts(dot);
    let components = json["components"].as_array().unwrap();
    for c in components {
        let id = c["id"].as_str().unwrap();
        let mut label = id.to_owned();
        if c["count"].as_u64().unwrap() > 1 {
            label.push_str(&format!(" ×{}", c["count"]));
        }
        let managed = c["managed"].as_bool().unwrap();
        match (c["software"].as_str(), managed) {
            (Some(sw), true) => label.push_str(&format!("\n{sw} · managed")),
            (None, true) => label.push_str("\nmanaged"),
            (Some(sw), false) => label.push_str(&format!("\n{sw}")),
            (None, false) => {}
        }
        assert_eq!(facts.nodes.get(id), Some(&label), "node {id}");
        assert_eq!(
            facts.node_styles.get(id).map(String::as_str),
            managed.then_some("rounded,dashed"),
            "style of {id}"
        );
    }
    let vips = json["vips"].as_array().unwrap();
    for v in vips {
        let id = v["id"].as_str().unwrap();
        let mut label = format!("{id}\n{}", v["ip"].as_str().unwrap());
        if let Some(sw) = v["software"].as_str() {
            label.push_str(&format!(" · {sw}"));
        }
        assert_eq!(facts.nodes.get(id), Some(&label), "virtual IP {id}");
    }
    assert_eq!(
        facts.nodes.len(),
        components.len() + vips.len(),
        "{:?}",
        facts.nodes
    );
    // Zones: each one's chain of zones, innermost first.
    let zones = json["zones"].as_array().unwrap();
    let chain = |zone: Option<&str>| {
        let mut out: Vec<String> = Vec::new();
        let mut at = zone.map(str::to_owned);
        while let Some(z) = at.filter(|z| !out.contains(z)) {
            out.push(z.clone());
            at = zones
                .iter()
                .find(|x| x["id"] == z.as_str())
                .and_then(|x| x["parent"].as_str())
                .map(str::to_owned);
        }
        out
    };
    let hosts = json["hosts"].as_array().unwrap();
    let drawn = |zone: &str| {
        hosts
            .iter()
            .any(|h| chain(h["zone"].as_str()).iter().any(|z| z == zone))
    };
    let cluster = |id: Option<&str>| id.map(|id| format!("cluster_{id}"));
    for z in zones {
        let id = z["id"].as_str().unwrap();
        let name = format!("cluster_{id}");
        if !drawn(id) {
            assert!(!facts.clusters.contains_key(&name), "{id} holds no host");
            continue;
        }
        let (label, members) = &facts.clusters[&name];
        assert!(label.starts_with(&format!("{id} · ")), "zone label {label}");
        assert!(
            members.is_empty(),
            "nodes straight in zone {id}: {members:?}"
        );
        assert_eq!(
            facts.parents[&name],
            cluster(z["parent"].as_str()),
            "{id} sits in"
        );
    }
    for h in hosts {
        let id = h["id"].as_str().unwrap();
        assert_eq!(
            facts.parents[&format!("cluster_{id}")],
            cluster(h["zone"].as_str()),
            "host {id} sits in"
        );
        let (label, members) = &facts.clusters[&format!("cluster_{id}")];
        assert!(label.starts_with(id), "cluster label {label}");
        let mut expected: Vec<&str> = components
            .iter()
            .filter(|c| c["host"] == id)
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        expected.sort();
        assert_eq!(members, &expected, "members of {id}");
    }
    let host_of = |c: &str| {
        components
            .iter()
            .find(|x| x["id"] == c)
            .and_then(|x| x["host"].as_str())
            .map(str::to_owned)
    };
    let mut edges = facts.edges.clone();
    let mut take = |from: &str, matches: &dyn Fn(&str, &BTreeMap<String, String>) -> bool| {
        let at = edges
            .iter()
            .position(|(f, t, a)| f == from && matches(t, a))
            .unwrap_or_else(|| panic!("no fitting edge from {from} in {edges:?}"));
        edges.remove(at)
    };
    let mut into_vips: Vec<(String, String)> = Vec::new();
    for link in json["links"].as_array().unwrap() {
        let mut label = match (link["label"].as_str(), link["port"].as_u64()) {
            (Some(l), _) => l.to_owned(),
            (None, Some(p)) => format!("{} :{p}", link["protocol"].as_str().unwrap()),
            (None, None) => link["protocol"].as_str().unwrap().to_owned(),
        };
        let paths: Vec<&str> = link["paths"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        if !paths.is_empty() {
            label.push_str(&format!(" · {}", paths.join(", ")));
        }
        let purpose = link["purpose"].as_str().unwrap();
        if purpose != "serve" {
            label.push_str(&format!(" ({purpose})"));
        }
        let from = link["from"].as_str().unwrap();
        // A link written to a virtual IP is one edge to it, however many holders it has.
        let to = match link["via"].as_str() {
            Some(vip) if into_vips.contains(&(from.to_owned(), vip.to_owned())) => continue,
            Some(vip) => {
                into_vips.push((from.to_owned(), vip.to_owned()));
                vip
            }
            None => link["to"].as_str().unwrap(),
        };
        take(from, &|t, a| {
            let styled = match purpose {
                "serve" => get(a, "style") != "dotted",
                _ => get(a, "style") == "dashed" && !get(a, "color").is_empty(),
            };
            t == to && get(a, "label") == label && styled
        });
    }
    for v in vips {
        let id = v["id"].as_str().unwrap();
        if !into_vips.iter().any(|(_, vip)| vip == id) {
            continue;
        }
        let active_passive = v["mode"] == "active-passive";
        for (k, holder) in v["held_by"].as_array().unwrap().iter().enumerate() {
            let standby = active_passive && k > 0;
            take(id, &|t, a| {
                t == holder.as_str().unwrap()
                    && get(a, "label") == if standby { "standby" } else { "active" }
                    && (get(a, "style") == "dashed") == standby
            });
        }
    }
    for c in components {
        let from = c["id"].as_str().unwrap();
        for on in c["installed_on"].as_array().unwrap() {
            take(from, &|t, a| {
                t == on && get(a, "label") == "installed on" && get(a, "style") == "dotted"
            });
        }
        for target in c["protects"].as_array().unwrap() {
            let target = target.as_str().unwrap();
            // A zone: the edge ends on a component in it, clipped at the zone's cluster when it
            // comes from outside. A zone with no host is not drawn; one with no component
            // (firewalls aside) has nothing to end on.
            if zones.iter().any(|z| z["id"] == target) {
                let in_zone = |c: &str| {
                    let host = host_of(c);
                    let zone = hosts
                        .iter()
                        .find(|h| Some(h["id"].as_str().unwrap()) == host.as_deref())
                        .and_then(|h| h["zone"].as_str());
                    chain(zone).iter().any(|z| z == target)
                };
                let holds = components
                    .iter()
                    .any(|c| c["kind"] != "firewall" && in_zone(c["id"].as_str().unwrap()));
                if !drawn(target) || !holds {
                    continue;
                }
                take(from, &|t, a| {
                    let clipped = get(a, "lhead") == format!("cluster_{target}");
                    get(a, "label") == "protects"
                        && get(a, "style") == "dotted"
                        && in_zone(t)
                        && (clipped || in_zone(from))
                });
                continue;
            }
            take(from, &|t, a| {
                if get(a, "label") != "protects" || get(a, "style") != "dotted" {
                    return false;
                }
                // A host: the edge ends inside it, clipped at its border when it comes from
                // outside.
                if json["hosts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|h| h["id"] == target)
                {
                    let inside = host_of(t).as_deref() == Some(target);
                    let clipped = get(a, "lhead") == format!("cluster_{target}");
                    inside && (clipped || host_of(from).as_deref() == Some(target))
                } else {
                    t == target
                }
            });
        }
    }
    assert!(
        edges.is_empty(),
        "edges the design does not have: {edges:?}"
    );
}

fn get<'a>(attrs: &'a BTreeMap<String, String>, key: &str) -> &'a str {
    attrs.get(key).map_or("", String::as_str)
}

/// Checks a DOT export with the DOT parser, then, where `dot` is on `path`, that Graphviz
/// reads it and keeps every node, label, cluster and edge. Returns whether Graphviz ran.
pub(crate) fn check_dot(dot: &str, json: &Value, path: &OsStr) -> bool {
    check_dot_against_json(dot, json);
    let Some(graphviz) = find_tool("dot", path) else {
        return false;
    };
    let canon = run_tool(&graphviz, &[OsStr::new("-Tcanon")], dot);
    let (ours, theirs) = (dot_facts(dot), dot_facts(&canon));
    assert_eq!(ours.nodes, theirs.nodes, "Graphviz read other nodes");
    assert_eq!(
        ours.clusters, theirs.clusters,
        "Graphviz read other clusters"
    );
    assert_eq!(
        ours.parents, theirs.parents,
        "Graphviz nested other clusters"
    );
    let key = |f: &DotFacts| {
        let mut e = f.edges.clone();
        e.sort();
        e
    };
    assert_eq!(key(&ours), key(&theirs), "Graphviz read other edges");
    true
}

#[test]
fn dot_says_what_the_design_says() {
    let mut graphviz_ran = false;
    for spec in crate::all_specs() {
        let spec = crate::relative(&spec);
        let json: Value = serde_json::from_str(&export(&spec, "json")).unwrap();
        graphviz_ran |= check_dot(&export(&spec, "dot"), &json, &path_var());
    }
    if !graphviz_ran {
        eprintln!("note: Graphviz `dot` is not on PATH; checked the DOT with the Rust parser only");
    }
}

#[test]
fn without_graphviz_the_dot_check_runs_and_calls_nothing() {
    let spec = "specs/2-secured_and_monitored_web_infrastructure.toml";
    let json: Value = serde_json::from_str(&export(spec, "json")).unwrap();
    let dot = export(spec, "dot");
    let empty = TempDir::new("export-no-path");
    assert!(
        !check_dot(&dot, &json, empty.0.as_os_str()),
        "no `dot` on an empty PATH"
    );
    // The parser check itself fails on a broken graph and on a missing edge.
    let broken =
        std::panic::catch_unwind(|| check_dot("digraph { a -> }", &json, empty.0.as_os_str()));
    assert!(broken.is_err(), "a broken graph passed");
    let without_an_edge: String = dot
        .lines()
        .filter(|l| !l.contains("\"protects\""))
        .map(|l| format!("{l}\n"))
        .collect();
    let missing =
        std::panic::catch_unwind(|| check_dot(&without_an_edge, &json, empty.0.as_os_str()));
    assert!(
        missing.is_err(),
        "a graph without its firewall edges passed"
    );
}

#[cfg(unix)]
#[test]
fn the_graphviz_round_trip_runs_the_dot_found_on_path() {
    use std::os::unix::fs::PermissionsExt;
    let spec = "specs/0-simple_web_stack.toml";
    let json: Value = serde_json::from_str(&export(spec, "json")).unwrap();
    let dir = TempDir::new("export-fake-dot");
    let marker = dir.0.join("called");
    let fake = dir.0.join("dot");
    // It prints the graph it reads, as Graphviz's canonical output of this graph says the
    // same; shell builtins only, so it runs whatever PATH holds.
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\n: > '{}'\nwhile IFS= read -r line || [ -n \"$line\" ]; do printf '%s\\n' \"$line\"; done\n",
            marker.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(check_dot(&export(spec, "dot"), &json, dir.0.as_os_str()));
    assert!(marker.exists(), "the `dot` on PATH was not run");
}

#[test]
fn hostile_text_stays_inside_its_quotes() {
    let dir = TempDir::new("export-hostile");
    let spec = spec_with(
        &dir,
        "a \" b ] c | d <e> #f ${x} $",
        "[components.web]\nkind = \"web-server\"\nsoftware = \"x\\\"]; evil [\"\n[[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"http\"\nlabel = \"|\\\"--> \\\\ $y\"\n",
    );
    let mermaid = export(&spec, "mermaid");
    assert!(!mermaid.contains("x\"]"), "{mermaid}");
    let json: Value = serde_json::from_str(&export(&spec, "json")).unwrap();
    let dot = export(&spec, "dot");
    // The quote stayed escaped: the label holds the text, and no node named `evil` appeared.
    check_dot(&dot, &json, &path_var());
    assert_eq!(dot_facts(&dot).nodes["web"], "web\nx\"]; evil [");
    render_d2(&export(&spec, "d2"));
    render_mermaid(&[&mermaid]);
}

// ---- Mermaid ----

/// The front matter of a Mermaid export, read by a YAML parser.
fn front_matter(mermaid: &str) -> yaml_rust2::Yaml {
    let body = mermaid
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .unwrap_or_else(|| panic!("no front matter: {mermaid}"))
        .0;
    let mut docs = yaml_rust2::YamlLoader::load_from_str(body)
        .unwrap_or_else(|e| panic!("front matter is not YAML: {e}\n{body}"));
    assert_eq!(docs.len(), 1, "{body}");
    docs.remove(0)
}

/// Renders with Mermaid's CLI where `mmdc` is on PATH: one run for all the diagrams (a
/// browser starts per run), as the blocks of one Markdown file. Returns each SVG's text.
pub(crate) fn render_mermaid(diagrams: &[&str]) -> Option<Vec<String>> {
    let Some(mmdc) = find_tool("mmdc", &path_var()) else {
        eprintln!("note: `mmdc` (@mermaid-js/mermaid-cli) is not on PATH; Mermaid not rendered");
        return None;
    };
    let dir = unique_dir("export-mmdc");
    let (input, output, config) = (
        dir.0.join("in.md"),
        dir.0.join("out.md"),
        dir.0.join("puppeteer.json"),
    );
    let blocks: String = diagrams
        .iter()
        .map(|d| format!("```mermaid\n{d}```\n\n"))
        .collect();
    std::fs::write(&input, blocks).unwrap();
    // Root (as in CI) cannot start Chromium's sandbox.
    std::fs::write(&config, r#"{"args": ["--no-sandbox"]}"#).unwrap();
    run_tool(
        &mmdc,
        &[
            "-q".as_ref(),
            "-i".as_ref(),
            input.as_os_str(),
            "-o".as_ref(),
            output.as_os_str(),
            "-p".as_ref(),
            config.as_os_str(),
        ],
        "",
    );
    let texts = (1..=diagrams.len())
        .map(|n| {
            let svg = std::fs::read_to_string(dir.0.join(format!("out-{n}.svg"))).unwrap();
            let doc = roxmltree::Document::parse(&svg).unwrap();
            doc.descendants()
                .filter_map(|n| n.text())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    Some(texts)
}

#[test]
fn mermaid_titles_read_back_exactly() {
    let titles = [
        "Shop #2",
        "Acme \"prod\"",
        "Shop: phase 2",
        "- Shop",
        "back\\slash and \\n",
        "[a, b] {c: d} & *e !f %g @h `i` 'j' |k >l",
        "null",
        "true",
        "42",
        "  padded  ",
        "tab\there",
        "two\nlines",
    ];
    let dir = TempDir::new("export-titles");
    let mut exports = Vec::new();
    for title in titles {
        let spec = spec_with(&dir, title, "[components.web]\nkind = \"web-server\"\n");
        let mermaid = export(&spec, "mermaid");
        let yaml = front_matter(&mermaid);
        assert_eq!(yaml["title"].as_str(), Some(title), "{mermaid}");
        exports.push(mermaid);
    }
    let diagrams: Vec<&str> = exports.iter().map(String::as_str).collect();
    for (title, text) in titles
        .iter()
        .zip(render_mermaid(&diagrams).into_iter().flatten())
    {
        let shown = title.split('\n').next().unwrap().trim();
        assert!(text.contains(shown), "{title:?} shown as {text}");
    }
}

// ---- D2 ----

/// Compiles with D2 where `d2` is on PATH.
pub(crate) fn render_d2(d2: &str) {
    let Some(tool) = find_tool("d2", &path_var()) else {
        eprintln!("note: `d2` is not on PATH; D2 not compiled");
        return;
    };
    let dir = unique_dir("export-d2");
    let (input, output) = (dir.0.join("in.d2"), dir.0.join("out.svg"));
    std::fs::write(&input, d2).unwrap();
    run_tool(&tool, &[input.as_os_str(), output.as_os_str()], "");
}

#[test]
fn d2_keys_never_meet_d2_keywords() {
    let dir = TempDir::new("export-d2-keywords");
    // `title` is the export's own title shape; D2 ignores case, so `Web` and `web` would merge.
    let mut rest = String::from("[hosts.title]\n[hosts.label]\n");
    for id in [
        "style",
        "near",
        "shape",
        "vars",
        "classes",
        "direction",
        "Web",
        "web",
        "layers",
    ] {
        let host = if id == "style" {
            "\nhost = \"title\""
        } else {
            ""
        };
        rest.push_str(&format!("[components.{id}]\nkind = \"web-server\"{host}\n"));
    }
    rest.push_str("[[links]]\nfrom = \"user\"\nto = [\"style\", \"near\"]\nprotocol = \"http\"\n");
    let spec = spec_with(&dir, "T", &rest);
    let d2 = export(&spec, "d2");
    let keys: Vec<&str> = d2
        .lines()
        .filter(|l| !l.starts_with([' ', '}']) && !l.contains(" -> "))
        .map(|l| l.split([':', ' ']).next().unwrap())
        .collect();
    for key in &keys {
        assert!(
            ["direction", "title"].contains(key) || key.starts_with("h_") || key.starts_with("c_"),
            "a user key may meet a keyword: {key}\n{d2}"
        );
    }
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), keys.len(), "two ids share a key: {d2}");
    assert!(d2.contains("c_web: \"web\""), "{d2}");
    assert!(d2.contains("c__cweb: \"Web\""), "{d2}");
    render_d2(&d2);
}

// ---- every format ----

#[test]
fn exports_of_the_distributed_design() {
    let spec = "specs/1-distributed_web_infrastructure.toml";
    insta::assert_snapshot!("mermaid", export(spec, "mermaid"));
    insta::assert_snapshot!("d2", export(spec, "d2"));
    insta::assert_snapshot!("dot", export(spec, "dot"));
    let json: Value = serde_json::from_str(&export(spec, "json")).unwrap();
    assert_eq!(json["design"]["name"], "distributed-web-infrastructure");
    assert_eq!(json["components"].as_array().unwrap().len(), 10);
    let replica = json["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "mysql-replica")
        .unwrap();
    assert_eq!(replica["replicates_from"], "mysql-primary");
}

#[test]
fn firewalls_and_certificates_are_tied_in_every_text_export() {
    let spec = "specs/2-secured_and_monitored_web_infrastructure.toml";
    insta::assert_snapshot!("mermaid-secured", export(spec, "mermaid"));
    insta::assert_snapshot!("d2-secured", export(spec, "d2"));
    // The DOT export's ties are checked edge by edge in dot_says_what_the_design_says.
    render_mermaid(&[&export(spec, "mermaid")]);
    render_d2(&export(spec, "d2"));
}

/// The real designs: a virtual IP is one node in front of its holders (the standby's edge
/// dashed), managed services are dashed and say so, admin and background links say what they
/// are, paths are on the labels, and the JSON holds all of it.
#[test]
fn exports_of_the_real_designs() {
    let vip = "specs/ha-pair-vip.toml";
    let cloud = "specs/cloud-web-service.toml";
    let intranet = "specs/intranet-vpn-bastion.toml";
    insta::assert_snapshot!("mermaid-ha-pair-vip", export(vip, "mermaid"));
    insta::assert_snapshot!("d2-ha-pair-vip", export(vip, "d2"));
    insta::assert_snapshot!("dot-cloud-web-service", export(cloud, "dot"));
    insta::assert_snapshot!("mermaid-intranet", export(intranet, "mermaid"));
    let dot = export(vip, "dot");
    for line in [
        "  \"vip-www\" [label=\"vip-www\\n203.0.113.10 · keepalived (VRRP)\", shape=oval];",
        "  \"user\" -> \"vip-www\" [label=\"https :443\", penwidth=2];",
        "  \"vip-www\" -> \"haproxy-1\" [label=\"active\"];",
        "  \"vip-www\" -> \"haproxy-2\" [label=\"standby\", style=dashed];",
    ] {
        assert!(dot.contains(&format!("{line}\n")), "{line}\n{dot}");
    }
    assert!(!dot.contains("\"user\" -> \"haproxy-1\""), "{dot}");
    let mermaid = export(cloud, "mermaid");
    assert!(
        mermaid.contains("  c_cdn ==>|\"https :443 · /static/*, /images/*\"| c_assets\n"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("  c_db -.->|\"daily snapshot (background)\"| c_snapshots\n"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains(
            "  class c_alb,c_assets,c_cdn,c_cloudwatch,c_db,c_jobs,c_sessions,c_snapshots managed\n"
        ),
        "{mermaid}"
    );
    let json: Value = serde_json::from_str(&export(intranet, "json")).unwrap();
    let wiki = &json["dns"].as_array().unwrap()[1];
    assert_eq!(
        (wiki["name"].as_str(), wiki["internal"].as_bool()),
        (Some("wiki"), Some(true))
    );
    let sso = json["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "sso")
        .unwrap();
    assert_eq!(sso["managed"], true);
    let admin = json["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["purpose"] == "admin")
        .count();
    assert_eq!(admin, 6);
    let json: Value = serde_json::from_str(&export(vip, "json")).unwrap();
    assert_eq!(
        json["vips"][0]["held_by"],
        serde_json::json!(["haproxy-1", "haproxy-2"])
    );
    let via: Vec<&Value> = json["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["via"] == "vip-www")
        .collect();
    assert_eq!(via.len(), 2, "one link per holder");
    let diagrams = [export(vip, "mermaid"), mermaid, export(intranet, "mermaid")];
    render_mermaid(&diagrams.iter().map(String::as_str).collect::<Vec<_>>());
    for spec in [vip, cloud, intranet] {
        render_d2(&export(spec, "d2"));
    }
}

#[test]
fn a_firewall_on_another_host_points_at_that_host() {
    let dir = TempDir::new("export-remote-firewall");
    let spec = spec_with(
        &dir,
        "T",
        "[hosts.edge]\n[hosts.app]\n[components.fw]\nkind = \"firewall\"\nhost = \"edge\"\nprotects = [\"app\"]\n[components.web]\nkind = \"web-server\"\nhost = \"app\"\n[components.db]\nkind = \"database\"\nhost = \"app\"\n[[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"http\"\n[[links]]\nfrom = \"web\"\nto = \"db\"\nprotocol = \"mysql\"\n",
    );
    let mermaid = export(&spec, "mermaid");
    assert!(
        mermaid.contains("  c_fw -.->|\"protects\"| h_app\n"),
        "{mermaid}"
    );
    let d2 = export(&spec, "d2");
    assert!(d2.contains("h_edge.c_fw -> h_app: \"protects\""), "{d2}");
    // DOT edges end on nodes: on the host's entry, `web`, clipped at the cluster.
    let dot = export(&spec, "dot");
    assert!(
        dot.contains(
            "\"fw\" -> \"web\" [label=\"protects\", style=dotted, lhead=\"cluster_app\"];"
        ),
        "{dot}"
    );
    let json: Value = serde_json::from_str(&export(&spec, "json")).unwrap();
    check_dot(&dot, &json, &path_var());
    render_mermaid(&[&mermaid]);
    render_d2(&d2);
}

// ---- JSON and its schema ----

fn export_validator() -> jsonschema::Validator {
    jsonschema::validator_for(&infradoc::export::json_schema())
        .expect("the export schema is a valid JSON Schema")
}

#[test]
fn the_json_export_of_every_spec_fits_its_schema() {
    let committed: Value = serde_json::from_str(
        &std::fs::read_to_string(crate::root().join("docs/export.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&committed).unwrap();
    for spec in crate::all_specs() {
        let json: Value = serde_json::from_str(&export(&crate::relative(&spec), "json")).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", spec.display());
    }
}

#[test]
fn the_export_schema_rejects_a_changed_shape() {
    let validator = export_validator();
    let json: Value =
        serde_json::from_str(&export("specs/0-simple_web_stack.toml", "json")).unwrap();
    assert!(validator.is_valid(&json));
    let mut extra = json.clone();
    extra["hosts"][0]["colour"] = "red".into();
    assert!(!validator.is_valid(&extra), "an unknown field passed");
    let mut missing = json.clone();
    missing["links"][0].as_object_mut().unwrap().remove("port");
    assert!(!validator.is_valid(&missing), "a missing field passed");
    let mut unknown = json;
    unknown["components"][0]["kind"] = "mainframe".into();
    assert!(!validator.is_valid(&unknown), "an unknown kind passed");
}

#[test]
fn the_committed_export_schema_is_current() {
    let path = crate::root().join("docs/export.schema.json");
    let expected = format!(
        "{}\n",
        serde_json::to_string_pretty(&infradoc::export::json_schema()).unwrap()
    );
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != expected {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, expected).unwrap();
        } else {
            panic!(
                "docs/export.schema.json is out of date; run `UPDATE_DOCS=1 cargo test --test it export` and commit it"
            );
        }
    }
}

#[test]
fn docs_describe_every_json_field() {
    let docs = std::fs::read_to_string(crate::root().join("docs/export.md")).unwrap();
    let schema = infradoc::export::json_schema();
    for (section, fields) in schema["properties"].as_object().unwrap() {
        assert!(
            docs.contains(&format!("`{section}`")),
            "docs/export.md misses `{section}`"
        );
        let object = fields.get("items").unwrap_or(fields);
        for field in object["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            assert!(
                docs.contains(&format!("`{field}`")),
                "docs/export.md misses `{section}.{field}`"
            );
        }
    }
}
