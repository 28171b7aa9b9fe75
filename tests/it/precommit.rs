//! The pre-commit hooks of `.pre-commit-hooks.yaml`, run by pre-commit itself in a repository
//! that also holds a Cargo.toml and a pyproject.toml. Without pre-commit on the PATH, the
//! hooks' own commands are run the way pre-commit would run them.

use std::path::Path;
use std::process::{Command, Output};

use crate::cli::TempDir;
use crate::root;

const CARGO_TOML: &str = "[package]\nname = \"app\"\nversion = \"0.1.0\"\n";
const PYPROJECT: &str = "[project]\nname = \"app\"\n[tool.ruff]\nline-length = 100\n";
const BROKEN_SPEC: &str = "[design]\nname = \"shop\"\n\n[hosts.web]\nipp = \"1.2.3.4\"\n";

/// PATH with this build's binary first, as `language: system` hooks need it.
fn path_with_infradoc() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_infradoc")).parent().unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn has_pre_commit() -> bool {
    Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A git repository holding the given files, all staged.
fn repository(name: &str, files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new(name);
    for (name, text) in files {
        let path = dir.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    git(&dir.0, &["init", "-q"]);
    git(&dir.0, &["add", "-A"]);
    dir
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// The hook's `entry`, from .pre-commit-hooks.yaml.
fn entry(id: &str) -> String {
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let mut lines = hooks
        .lines()
        .skip_while(|l| l.trim() != format!("- id: {id}"));
    lines
        .find_map(|l| l.trim().strip_prefix("entry: "))
        .unwrap_or_else(|| panic!("no entry for {id}"))
        .to_string()
}

/// Runs a spec hook over every TOML file of the repository: with pre-commit where it is
/// installed (`try-repo` reads this checkout's hooks file), by hand otherwise.
fn run_hook(id: &str, repo: &TempDir) -> Output {
    if has_pre_commit() {
        let home = repo.0.join(".pre-commit-home");
        Command::new("pre-commit")
            .args(["try-repo", root().to_str().unwrap(), id, "--all-files"])
            .current_dir(&repo.0)
            .env("PATH", path_with_infradoc())
            .env("PRE_COMMIT_HOME", home)
            .env("PRE_COMMIT_COLOR", "never")
            .output()
            .unwrap()
    } else {
        eprintln!("pre-commit is not installed: running the `{id}` entry as pre-commit would");
        let mut tomls: Vec<_> = walk_toml(&repo.0, &repo.0);
        tomls.sort();
        Command::new("sh")
            .arg("-c")
            .arg(format!("{} \"$@\"", entry(id)))
            .arg("hook")
            .args(tomls)
            .current_dir(&repo.0)
            .env("PATH", path_with_infradoc())
            .output()
            .unwrap()
    }
}

/// Every TOML file under `dir`, relative to `base`, as `git ls-files` would list them.
fn walk_toml(base: &Path, dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        if path.is_dir() && !path.ends_with(".git") {
            out.extend(walk_toml(base, &path));
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(
                path.strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
    out
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn the_spec_hooks_pass_over_other_toml_files() {
    let spec = std::fs::read_to_string(root().join("specs/3-scale_up.toml")).unwrap();
    let parent = std::fs::read_to_string(
        root().join("specs/2-secured_and_monitored_web_infrastructure.toml"),
    )
    .unwrap();
    let grand = std::fs::read_to_string(root().join("specs/1-distributed_web_infrastructure.toml"))
        .unwrap();
    let first = std::fs::read_to_string(root().join("specs/0-simple_web_stack.toml")).unwrap();
    let repo = repository(
        "pre-commit-pass",
        &[
            ("Cargo.toml", CARGO_TOML),
            ("tools/pyproject.toml", PYPROJECT),
            ("specs/3-scale_up.toml", &spec),
            (
                "specs/2-secured_and_monitored_web_infrastructure.toml",
                &parent,
            ),
            ("specs/1-distributed_web_infrastructure.toml", &grand),
            ("specs/0-simple_web_stack.toml", &first),
        ],
    );
    let check = run_hook("infradoc-check", &repo);
    assert!(check.status.success(), "{}", text(&check));
    // The exercise specs have design errors, so lint fails with exit 1 (findings), not 2.
    let lint = run_hook("infradoc-lint", &repo);
    let said = text(&lint);
    let findings_only = if has_pre_commit() {
        said.contains("- exit code: 1")
    } else {
        lint.status.code() == Some(1)
    };
    assert!(findings_only, "{said}");
    assert!(said.contains("error[A001]"), "{said}");
    for other in ["Cargo.toml", "pyproject.toml"] {
        assert!(!said.contains(other), "{other} was linted:\n{said}");
    }
}

#[test]
fn the_check_hook_still_rejects_a_broken_spec() {
    let repo = repository(
        "pre-commit-broken",
        &[("Cargo.toml", CARGO_TOML), ("infra/shop.toml", BROKEN_SPEC)],
    );
    let out = run_hook("infradoc-check", &repo);
    assert!(!out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("unknown key `ipp`"), "{said}");
    assert!(said.contains("shop.toml:5:1"), "{said}");
    assert!(
        !said.contains("Cargo.toml"),
        "Cargo.toml was checked:\n{said}"
    );
}
