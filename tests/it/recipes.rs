//! The CI recipes (docs/ci.md, .pre-commit-hooks.yaml) and `new`/`watch` do what they say.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::cli::TempDir;
use crate::root;

/// Runs a documented command line through the shell, with this build's binary as `infradoc`.
fn run_documented(line: &str) -> i32 {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_infradoc"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(line)
        .current_dir(root())
        .env("PATH", path)
        .output()
        .unwrap();
    out.status.code().unwrap_or(-1)
}

#[test]
fn the_github_workflow_commands_run_here() {
    let doc = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    let commands: Vec<&str> = doc
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- run: infradoc "))
        .collect();
    assert!(commands.len() >= 4, "{commands:?}");
    for command in commands {
        // The SARIF step writes a file; keep it out of the repository.
        let command = command.replace("> infradoc.sarif", "> /dev/null");
        let code = run_documented(&format!("infradoc {command}"));
        let lint_may_find = command.starts_with("lint") && !command.contains("--fail-on never");
        assert!(
            code == 0 || (lint_may_find && code == 1),
            "`infradoc {command}` exited {code}"
        );
    }
}

#[test]
fn the_pre_commit_hooks_run_here() {
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let entries: Vec<&str> = hooks
        .lines()
        .filter_map(|l| l.trim().strip_prefix("entry: "))
        .collect();
    assert_eq!(entries.len(), 3);
    for entry in entries {
        let files = if entry.contains("embed") {
            "README.md"
        } else {
            "specs/3-scale_up.toml"
        };
        let code = run_documented(&format!("{entry} {files}"));
        assert!(
            code == 0 || (entry.contains("lint") && code == 1),
            "`{entry} {files}` exited {code}"
        );
    }
}

#[test]
fn new_writes_a_valid_spec_from_a_classic_design() {
    let dir = TempDir::new("new");
    for from in ["simple-web-stack", "distributed", "secured", "scale-up"] {
        let name = format!("shop-{from}");
        let out = Command::new(env!("CARGO_BIN_EXE_infradoc"))
            .current_dir(&dir.0)
            .args(["new", &name, "--from", from])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let spec = dir.0.join(format!("{name}.toml"));
        let compiled = infradoc::compile_file(&spec);
        let design = compiled
            .design
            .unwrap_or_else(|| panic!("{from}: {:?}", compiled.diagnostics));
        assert_eq!(design.name, name);
        assert!(design.extends.is_none());
    }
    let again = Command::new(env!("CARGO_BIN_EXE_infradoc"))
        .current_dir(&dir.0)
        .args(["new", "shop-distributed", "--from", "distributed"])
        .output()
        .unwrap();
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing spec is never overwritten"
    );
    let bad = Command::new(env!("CARGO_BIN_EXE_infradoc"))
        .current_dir(&dir.0)
        .args(["new", "../escape"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn watch_rebuilds_when_the_spec_changes() {
    let dir = TempDir::new("watch");
    let spec = dir.0.join("w.toml");
    std::fs::write(&spec, "[design]\nname = \"w\"\ntitle = \"First\"\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_infradoc"))
        .current_dir(&dir.0)
        .args(["watch", "w.toml", "--interval", "50"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let readme = dir.0.join("output/w/README.md");
    let wait_for = |needle: &str| {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if std::fs::read_to_string(&readme).is_ok_and(|t| t.contains(needle)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    };
    let first = wait_for("# First");
    // Modification times can be coarse: make sure the new one differs.
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(&spec, "[design]\nname = \"w\"\ntitle = \"Second\"\n").unwrap();
    let second = wait_for("# Second");
    let _ = child.kill();
    let _ = child.wait();
    assert!(first, "the first build did not happen");
    assert!(second, "the change was not rebuilt");
}
