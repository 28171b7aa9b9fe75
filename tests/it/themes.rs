//! Theme folders: docs/themes.md names exactly the variables a write-up template is given, the
//! example theme in examples/themes/brief builds, and a wrong name says where the names are.

use std::collections::BTreeSet;

use infradoc::lint::lint;
use infradoc::writeup::{Previous, context};

use crate::{classic_specs, root};

const TODAY: &str = "2026-11-28";

fn compile(path: &std::path::Path) -> infradoc::model::Design {
    infradoc::compile_file(path).design.expect("valid spec")
}

/// Every field path of a serialized context: `design.title`, `components[].heading`.
fn paths(prefix: &str, value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                out.insert(path.clone());
                paths(&path, v, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                paths(&format!("{prefix}[]"), item, out);
            }
        }
        _ => {}
    }
}

/// The paths of the contexts of the classic designs (each against the one it extends, so
/// `changes` is filled), of a design with accepted findings and of one with zones: together
/// they fill every list.
fn context_paths() -> BTreeSet<String> {
    let mut specs: Vec<(std::path::PathBuf, Option<std::path::PathBuf>)> = Vec::new();
    let classic = classic_specs();
    for (n, spec) in classic.iter().enumerate() {
        specs.push((spec.clone(), n.checked_sub(1).map(|p| classic[p].clone())));
    }
    specs.push((root().join("tests/fixtures/lint-settings.toml"), None));
    specs.push((root().join("specs/three-zone-web-service.toml"), None));
    let mut out = BTreeSet::new();
    for (spec, previous) in specs {
        let design = compile(&spec);
        let report = lint(&design, TODAY);
        let previous = previous.map(|p| {
            let d = compile(&p);
            let r = lint(&d, TODAY);
            (d, r)
        });
        let ctx = context(
            &design,
            &report,
            infradoc::analysis::estimate(&design),
            previous.as_ref().map(|(d, r)| Previous {
                design: d,
                report: r,
                file: "previous.toml",
            }),
            "diagram.svg",
        );
        paths("", &serde_json::to_value(&ctx).unwrap(), &mut out);
    }
    out
}

/// The first cell of each row of docs/themes.md's variables table.
fn documented_paths() -> BTreeSet<String> {
    let doc = std::fs::read_to_string(root().join("docs/themes.md")).unwrap();
    let start = doc
        .find("### Variables")
        .expect("docs/themes.md has a Variables section");
    let section = &doc[start..];
    let end = section[3..].find("\n#").map_or(section.len(), |e| e + 3);
    section[..end]
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once('`').map(|(name, _)| name.to_string()))
        .collect()
}

#[test]
fn docs_list_exactly_the_template_variables() {
    let real = context_paths();
    let documented = documented_paths();
    let top = |set: &BTreeSet<String>| -> BTreeSet<String> {
        set.iter()
            .filter(|p| !p.contains(['.', '[']))
            .cloned()
            .collect()
    };
    assert_eq!(
        top(&documented),
        top(&real),
        "docs/themes.md's top-level variables (left) differ from the context's (right)"
    );
    let undocumented: Vec<&String> = real.difference(&documented).collect();
    let unreal: Vec<&String> = documented.difference(&real).collect();
    assert!(
        undocumented.is_empty() && unreal.is_empty(),
        "docs/themes.md lacks {undocumented:?} and lists fields the context does not have: {unreal:?}"
    );
    // The names a theme author reaches for first.
    for name in ["design.title", "design.name", "counts.errors"] {
        assert!(real.contains(name), "{name} missing");
    }
}

fn build(theme: &std::path::Path, out: &crate::cli::TempDir) -> std::process::Output {
    assert_cmd::Command::cargo_bin("infradoc")
        .unwrap()
        .current_dir(root())
        .args([
            "build",
            "specs/1-distributed_web_infrastructure.toml",
            "--no-png",
            "--theme",
        ])
        .arg(theme)
        .arg("--out")
        .arg(&out.0)
        .output()
        .unwrap()
}

#[test]
fn the_brief_example_theme_builds() {
    let out = crate::cli::TempDir::new("theme-brief");
    let run = build(&root().join("examples/themes/brief"), &out);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let text =
        std::fs::read_to_string(out.0.join("distributed-web-infrastructure/README.md")).unwrap();
    for residue in ["{{", "{%", "none", "``"] {
        assert!(!text.contains(residue), "found {residue:?} in:\n{text}");
    }
    assert!(text.starts_with("# Distributed web infrastructure for www.foobar.com\n"));
    insta::assert_snapshot!("brief-1-distributed_web_infrastructure", text);
}

#[test]
fn an_unknown_variable_names_the_real_ones() {
    let out = crate::cli::TempDir::new("theme-typo");
    let theme = out.0.join("theme");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(
        theme.join("writeup.md.j2"),
        "# {{ design.title }}\n\n{{ design.subtitle }}\n",
    )
    .unwrap();
    let run = build(&theme, &out);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    let stderr = String::from_utf8_lossy(&run.stderr);
    for expected in [
        "undefined value",
        "{{ design.subtitle }}",
        "docs/themes.md",
        "availability, background, blast, changes, components, counts, design,",
    ] {
        assert!(stderr.contains(expected), "{expected:?} not in:\n{stderr}");
    }
}

fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn every_value_a_template_prints_is_escaped() {
    let hostile = "<script>x</script> *bold* [link](http://x)";
    let spec = |name: &str, extra: &str| {
        format!(
            "[design]\nname = \"{name}\"\ntitle = {hostile:?}\nnotes = {hostile:?}\n[hosts.h]\n[components.web]\nkind = \"web-server\"\nhost = \"h\"\nsoftware = {hostile:?}\n{extra}[[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"http\"\n"
        )
    };
    let compile = |text: String| {
        infradoc::compile(infradoc::diagnostic::SourceFile::new("h.toml", text))
            .design
            .expect("valid spec")
    };
    let before = compile(spec("before", ""));
    let after = compile(spec(
        "after",
        "[components.db]\nkind = \"database\"\nhost = \"h\"\nwhy = \"*why*\"\n",
    ));
    let (r0, r1) = (lint(&before, TODAY), lint(&after, TODAY));
    let ctx = context(
        &after,
        &r1,
        infradoc::analysis::estimate(&after),
        Some(Previous {
            design: &before,
            report: &r0,
            file: "before.toml",
        }),
        "diagram.svg",
    );
    let value = serde_json::to_value(&ctx).unwrap();
    assert!(value["changes"]["previous_title"].is_string());
    let mut all = Vec::new();
    strings(&value, &mut all);
    for s in all {
        for raw in ["<script>", "*bold*", "[link]", "*why*"] {
            assert!(
                !s.contains(raw),
                "{raw} reaches the template unescaped: {s}"
            );
        }
    }
}
