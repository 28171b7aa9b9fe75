//! `infradoc export`: each format is a valid input of its tool.

use assert_cmd::Command;

fn export(spec: &str, to: &str) -> String {
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

#[test]
fn dot_is_read_by_graphviz() {
    // .ci/run installs Graphviz; `dot -Tcanon` parses and re-prints the graph or fails.
    for spec in crate::classic_specs() {
        let dot = export(&crate::relative(&spec), "dot");
        let mut child = std::process::Command::new("dot")
            .arg("-Tcanon")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("Graphviz `dot` is installed (.ci/run installs it)");
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(dot.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "dot rejected the export of {}: {}",
            spec.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let canon = String::from_utf8_lossy(&out.stdout);
        assert!(
            canon.contains("subgraph \"cluster_"),
            "clusters were kept: {canon}"
        );
    }
}

#[test]
fn exports_of_the_distributed_design() {
    let spec = "specs/1-distributed_web_infrastructure.toml";
    insta::assert_snapshot!("mermaid", export(spec, "mermaid"));
    insta::assert_snapshot!("d2", export(spec, "d2"));
    insta::assert_snapshot!("dot", export(spec, "dot"));
    let json: serde_json::Value = serde_json::from_str(&export(spec, "json")).unwrap();
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
fn hostile_text_stays_inside_its_quotes() {
    let dir = crate::cli::TempDir::new("export-hostile");
    let spec = dir.0.join("h.toml");
    std::fs::write(&spec, "[design]\nname = \"h\"\ntitle = \"a \\\" b ] c | d <e> #f\"\n[components.web]\nkind = \"web-server\"\nsoftware = \"x\\\"]; evil [\"\n[[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"http\"\nlabel = \"|\\\"-->\"\n").unwrap();
    let spec = spec.to_str().unwrap();
    let mermaid = export(spec, "mermaid");
    assert!(!mermaid.contains("x\"]"), "{mermaid}");
    let dot = export(spec, "dot");
    let out = std::process::Command::new("dot")
        .arg("-Tcanon")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
            c.wait_with_output().unwrap()
        })
        .unwrap();
    assert!(out.status.success(), "{dot}");
    let canon = String::from_utf8_lossy(&out.stdout);
    // The quote stayed escaped: the label holds the text, and no node named `evil` appeared.
    assert!(canon.contains("label=\"web\\nx\\\"]; evil [\"]"), "{canon}");
    assert!(
        !canon.lines().any(|l| l.trim_start().starts_with("evil")),
        "a node was injected: {canon}"
    );
}
