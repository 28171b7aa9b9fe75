//! The GitHub Action of action.yml: its steps run here as a runner would run them (bash -e,
//! inputs through `env:`, RUNNER_TEMP, GITHUB_PATH), with this build's binary installed.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use yaml_rust2::{Yaml, YamlLoader};

use crate::cli::TempDir;
use crate::root;

fn action() -> Yaml {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

fn text(yaml: &Yaml) -> &str {
    yaml.as_str().unwrap_or_default()
}

/// `${{ inputs.x }}` and `${{ runner.temp }}` replaced, as the runner does before a step runs.
fn expand(value: &str, inputs: &BTreeMap<String, String>, temp: &Path) -> String {
    let mut out = value.replace("${{ runner.temp }}", &temp.display().to_string());
    for (name, input) in inputs {
        out = out.replace(&format!("${{{{ inputs.{name} }}}}"), input);
    }
    assert!(
        !out.contains("${{"),
        "an expression the test does not know: {out}"
    );
    out
}

/// The step conditions the action uses: `inputs.x == 'v'` and `inputs.x != 'v'`.
fn condition(expression: &str, inputs: &BTreeMap<String, String>) -> bool {
    let (left, equal, right) = if let Some((l, r)) = expression.split_once(" == ") {
        (l, true, r)
    } else if let Some((l, r)) = expression.split_once(" != ") {
        (l, false, r)
    } else {
        panic!("a condition the test does not know: {expression}")
    };
    let name = left.trim().strip_prefix("inputs.").expect("an input");
    let value = right.trim().trim_matches('\'');
    (inputs[name] == value) == equal
}

/// Runs every step; returns each `run` step's name and exit code.
fn run_action(overrides: &[(&str, &str)], tag: &str) -> Vec<(String, i32)> {
    let action = action();
    let mut inputs: BTreeMap<String, String> = action["inputs"]
        .as_hash()
        .unwrap()
        .iter()
        .map(|(k, v)| (text(k).to_string(), text(&v["default"]).to_string()))
        .collect();
    for (name, value) in overrides {
        inputs.insert(name.to_string(), value.to_string());
    }
    let temp = TempDir::new(tag);
    let github_path = temp.0.join("github-path");
    let mut path = std::env::var("PATH").unwrap_or_default();
    let mut codes = Vec::new();
    for step in action["runs"]["steps"].as_vec().unwrap() {
        let name = text(&step["name"]).to_string();
        if let Some(expression) = step["if"].as_str()
            && !condition(expression, &inputs)
        {
            continue;
        }
        if let Some(uses) = step["uses"].as_str() {
            // The upload action reads the SARIF file the lint step wrote.
            assert!(
                uses.starts_with("github/codeql-action/upload-sarif@"),
                "{uses}"
            );
            let file = expand(text(&step["with"]["sarif_file"]), &inputs, &temp.0);
            let sarif: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            assert_eq!(sarif["version"], "2.1.0");
            continue;
        }
        let script = text(&step["run"]);
        if script.contains("cargo install") {
            // A release build of the whole crate is too slow for a test: check the command's
            // shape, and install this build's binary where it would have put it.
            assert!(script.contains("--locked"), "{script}");
            assert!(
                script.contains("--path \"$GITHUB_ACTION_PATH\""),
                "{script}"
            );
            assert!(script.contains(">> \"$GITHUB_PATH\""), "{script}");
            let bin = temp.0.join("infradoc/bin");
            std::fs::create_dir_all(&bin).unwrap();
            std::fs::copy(env!("CARGO_BIN_EXE_infradoc"), bin.join("infradoc")).unwrap();
            std::fs::write(&github_path, format!("{}\n", bin.display())).unwrap();
            continue;
        }
        // What earlier steps appended to GITHUB_PATH comes first on the PATH of later ones.
        if let Ok(added) = std::fs::read_to_string(&github_path) {
            for dir in added.lines() {
                path = format!("{dir}:{path}");
            }
            std::fs::remove_file(&github_path).unwrap();
        }
        assert_eq!(text(&step["shell"]), "bash", "{name}");
        let mut command = Command::new("bash");
        command
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(root())
            .env("PATH", &path)
            .env("RUNNER_TEMP", &temp.0)
            .env("GITHUB_ACTION_PATH", root())
            .env("GITHUB_PATH", &github_path);
        if let Some(env) = step["env"].as_hash() {
            for (k, v) in env {
                command.env(text(k), expand(text(v), &inputs, &temp.0));
            }
        }
        let out = command.output().unwrap();
        let code = out.status.code().unwrap_or(-1);
        if code > 1 {
            panic!(
                "{name}: exit {code}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        codes.push((name, code));
    }
    codes
}

#[test]
fn the_action_lints_and_checks_this_repository() {
    // The exercise specs have design errors: with the default --fail-on error only the
    // annotation step fails, as a job should.
    let codes = run_action(&[], "action-default");
    let names: Vec<&str> = codes.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Lint for code scanning",
            "Annotate findings",
            "Committed outputs are current",
            "Embedded diagrams are current"
        ]
    );
    for (name, code) in &codes {
        let expected = i32::from(name == "Annotate findings");
        assert_eq!(*code, expected, "{name}");
    }
    let codes = run_action(&[("fail-on", "never"), ("markdown", "")], "action-never");
    assert!(codes.iter().all(|(_, code)| *code == 0), "{codes:?}");
    assert!(
        !codes
            .iter()
            .any(|(n, _)| n == "Embedded diagrams are current")
    );
}
