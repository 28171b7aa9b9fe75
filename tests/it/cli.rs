//! The real binary: exit codes, where output goes, and the README's commands.

use assert_cmd::Command;

fn infradoc() -> Command {
    let mut cmd = Command::cargo_bin("infradoc").expect("binary built");
    cmd.current_dir(crate::root()).env_remove("NO_COLOR");
    cmd
}

#[test]
fn check_accepts_the_classic_specs() {
    let out = infradoc()
        .args([
            "check",
            "specs/0-simple_web_stack.toml",
            "specs/1-distributed_web_infrastructure.toml",
        ])
        .args([
            "specs/2-secured_and_monitored_web_infrastructure.toml",
            "specs/3-scale_up.toml",
        ])
        .assert()
        .code(0);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(stderr, "checked 4 specs: 0 errors\n");
}

/// A fresh folder for outputs, removed when dropped.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("infradoc-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `infradoc build` into a temporary folder; stdout reads as if it were `output`.
pub fn build_into(out: &TempDir, specs: &[&str]) -> (i32, String) {
    let run = infradoc()
        .arg("build")
        .args(specs)
        .arg("--out")
        .arg(&out.0)
        .output()
        .unwrap();
    let stdout =
        String::from_utf8_lossy(&run.stdout).replace(&out.0.display().to_string(), "output");
    (run.status.code().unwrap_or(-1), stdout)
}

#[test]
fn build_writes_the_diagram_and_prints_a_summary() {
    let out = TempDir::new("build");
    let (code, stdout) = build_into(&out, &["specs/0-simple_web_stack.toml"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(stdout, @"specs/0-simple_web_stack.toml: simple-web-stack: 1 host, 5 components, 4 links, 1 DNS record -> output/simple-web-stack\n");
    let svg = std::fs::read_to_string(out.0.join("simple-web-stack/diagram.svg")).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    let png = std::fs::read(out.0.join("simple-web-stack/diagram.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn a_spec_with_errors_writes_nothing() {
    let out = TempDir::new("build-invalid");
    let (code, _) = build_into(&out, &["tests/fixtures/errors/self-link.toml"]);
    assert_eq!(code, 2);
    assert_eq!(
        std::fs::read_dir(&out.0).unwrap().count(),
        0,
        "something was written"
    );
}

#[test]
fn the_committed_outputs_are_what_build_makes_now() {
    let specs: Vec<String> = crate::all_specs()
        .iter()
        .map(|p| crate::relative(p))
        .collect();
    let out = infradoc()
        .arg("build")
        .args(&specs)
        .arg("--check")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "output/ is stale: run `cargo run --release -- build specs/*.toml` and commit output/\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn build_check_reports_a_stale_output_and_writes_nothing() {
    let out = TempDir::new("build-stale");
    let (code, _) = build_into(
        &out,
        &[
            "specs/0-simple_web_stack.toml",
            "specs/1-distributed_web_infrastructure.toml",
        ],
    );
    assert_eq!(code, 0);
    let index = std::fs::read_to_string(out.0.join("README.md")).unwrap();
    assert!(
        index.contains("| [Simple web stack for www.foobar.com](simple-web-stack/README.md) |"),
        "{index}"
    );
    let readme = out.0.join("simple-web-stack/README.md");
    std::fs::write(&readme, "edited by hand\n").unwrap();
    let run = infradoc()
        .args([
            "build",
            "specs/0-simple_web_stack.toml",
            "specs/1-distributed_web_infrastructure.toml",
            "--check",
            "--out",
        ])
        .arg(&out.0)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("-edited by hand") && stderr.contains("1 output file(s) out of date"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&readme).unwrap(),
        "edited by hand\n",
        "--check wrote"
    );
}

#[test]
fn a_bad_spec_exits_2_with_located_errors_on_stderr() {
    let out = infradoc()
        .args([
            "check",
            "--color",
            "never",
            "tests/fixtures/errors/unknown-key.toml",
        ])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("tests/fixtures/errors/unknown-key.toml:10:1"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `software`?"), "{stderr}");
    assert!(out.get_output().stdout.is_empty());
}

#[test]
fn a_missing_file_exits_2() {
    infradoc()
        .args(["check", "does-not-exist.toml"])
        .assert()
        .code(2);
    infradoc()
        .args(["build", "does-not-exist.toml"])
        .assert()
        .code(2);
}

#[test]
fn usage_errors_exit_2() {
    infradoc().arg("check").assert().code(2);
    infradoc().arg("frobnicate").assert().code(2);
}

#[test]
fn json_messages_go_to_stdout_one_per_line() {
    let out = infradoc()
        .args([
            "check",
            "--message-format",
            "json",
            "tests/fixtures/errors/self-link.toml",
        ])
        .assert()
        .code(2);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["code"], "E014");
    assert_eq!(lines[0]["location"]["line"], 10);
    assert_eq!(lines[0]["file"], "tests/fixtures/errors/self-link.toml");
}

#[test]
fn colour_follows_the_flag() {
    let coloured = infradoc()
        .args([
            "check",
            "--color",
            "always",
            "tests/fixtures/errors/self-link.toml",
        ])
        .assert()
        .code(2);
    assert!(coloured.get_output().stderr.contains(&0x1b));
    let plain = infradoc()
        .args([
            "check",
            "--color",
            "never",
            "tests/fixtures/errors/self-link.toml",
        ])
        .assert()
        .code(2);
    assert!(!plain.get_output().stderr.contains(&0x1b));
}

#[test]
fn kinds_lists_every_kind_with_its_meaning() {
    let out = infradoc().arg("kinds").assert().code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    insta::assert_snapshot!(stdout);
}

#[test]
fn schema_is_json() {
    let out = infradoc().arg("schema").assert().code(0);
    let schema: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
}

#[test]
fn explain_knows_every_code() {
    let out = infradoc().args(["explain", "E016"]).assert().code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.starts_with("E016 cname-at-apex\n\n"), "{stdout}");
    infradoc().args(["explain", "unknown-key"]).assert().code(0);
    infradoc().args(["explain", "E999"]).assert().code(2);
}

/// Every subcommand, as `infradoc --help` lists them.
const SUBCOMMANDS: [&str; 14] = [
    "build",
    "check",
    "lint",
    "analyze",
    "embed",
    "export",
    "new",
    "watch",
    "rules",
    "kinds",
    "schema",
    "explain",
    "completions",
    "man",
];

#[test]
fn every_subcommand_has_help_with_an_example() {
    for sub in SUBCOMMANDS {
        let out = infradoc().args([sub, "--help"]).assert().code(0);
        let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(
            stdout.contains("Example: infradoc"),
            "{sub} --help has no example:\n{stdout}"
        );
    }
    let out = infradoc().arg("--help").assert().code(0);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("Exit codes:"));
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    // `infradoc schema | head -1`: the reader goes away early.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_infradoc"))
        .arg("schema")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

/// The README shows real output: what it quotes is what the binary prints.
#[test]
fn readme_examples_are_what_the_binary_prints() {
    let readme = std::fs::read_to_string(crate::root().join("README.md")).unwrap();
    assert!(readme.contains("cargo run --release -- build specs/0-simple_web_stack.toml"));
    assert!(readme.contains("cargo test --locked"));
    let ci = std::fs::read_to_string(crate::root().join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l == "cargo test --locked"),
        ".ci/run runs the README's test command"
    );

    let out = TempDir::new("readme");
    let (code, stdout) = build_into(&out, &["specs/0-simple_web_stack.toml"]);
    assert_eq!(code, 0);
    let summary = stdout.trim().to_string();
    assert!(
        readme.contains(&format!("`{summary}`")),
        "README does not quote: {summary}"
    );

    let checked = infradoc()
        .args([
            "check",
            "--color",
            "never",
            "tests/fixtures/errors/unknown-key.toml",
        ])
        .assert()
        .code(2);
    let errors = String::from_utf8_lossy(&checked.get_output().stderr).into_owned();
    assert!(
        readme.contains(&format!("```text\n{errors}```")),
        "README does not quote:\n{errors}"
    );
}

#[test]
fn readme_quotes_a_real_finding() {
    let readme = std::fs::read_to_string(crate::root().join("README.md")).unwrap();
    let out = infradoc()
        .args([
            "lint",
            "--color",
            "never",
            "specs/1-distributed_web_infrastructure.toml",
        ])
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let first = stdout.split("\n\n").next().unwrap();
    assert!(readme.contains(first), "README does not quote:\n{first}");
}

/// The words of a text: runs of letters, digits, `-` and `_`.
fn words(text: &str) -> std::collections::BTreeSet<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Runs `tool` with `args` on a file holding `text`; `None` (after a note) when the tool is
/// not on PATH, else its exit status and stderr.
fn run_tool_on(tool: &str, args: &[&str], name: &str, text: &str) -> Option<(bool, String)> {
    let dir = TempDir::new(&format!("tool-{name}"));
    let file = dir.0.join(name);
    std::fs::write(&file, text).unwrap();
    match std::process::Command::new(tool)
        .args(args)
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
    {
        Ok(out) => Some((
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("note: `{tool}` is not on PATH; skipped checking {name} with it");
            None
        }
        Err(e) => panic!("running {tool}: {e}"),
    }
}

#[test]
fn completions_name_every_subcommand_in_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = infradoc().args(["completions", shell]).assert().code(0);
        let script = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        let words = words(&script);
        for sub in SUBCOMMANDS {
            assert!(words.contains(sub), "{shell} completion lacks `{sub}`");
        }
    }
    let out = infradoc().args(["completions", "bash"]).assert().code(0);
    let script = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(script.contains("complete -F _infradoc"), "{script}");
    if let Some((ok, stderr)) = run_tool_on("bash", &["-n"], "infradoc.bash", &script) {
        assert!(ok, "bash -n rejects the completion script: {stderr}");
    }
    infradoc().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_man_page_names_every_subcommand_and_renders() {
    let out = infradoc().arg("man").assert().code(0);
    let page = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "not roff:\n{page}");
    assert!(page.contains(".TH infradoc 1"), "{page}");
    let listed = &page[page.find(".SH SUBCOMMANDS").expect("a SUBCOMMANDS section")..];
    for sub in SUBCOMMANDS {
        // roff escapes `-`: the page refers to infradoc-build(1).
        let entry = format!(".TP\ninfradoc\\-{sub}(1)\n");
        assert!(
            listed.contains(&entry),
            "the man page lacks `{sub}`:\n{listed}"
        );
    }
    if let Some((ok, stderr)) = run_tool_on("man", &["-l"], "infradoc.1", &page) {
        assert!(
            ok && stderr.is_empty(),
            "man -l fails on the page: {stderr}"
        );
    }
}

#[test]
fn man_out_writes_a_page_per_subcommand() {
    let dir = TempDir::new("man-out");
    let folder = dir.0.join("man1");
    infradoc()
        .args(["man", "--out"])
        .arg(&folder)
        .assert()
        .code(0);
    let main = std::fs::read_to_string(folder.join("infradoc.1")).unwrap();
    assert!(main.contains(".TH infradoc 1"), "{main}");
    for sub in SUBCOMMANDS {
        let page = std::fs::read_to_string(folder.join(format!("infradoc-{sub}.1")))
            .unwrap_or_else(|e| panic!("no page for `{sub}`: {e}"));
        assert!(page.contains(&format!(".TH infradoc-{sub} 1")), "{page}");
    }
}

#[test]
fn the_readme_commands_table_has_every_subcommand() {
    let readme = std::fs::read_to_string(crate::root().join("README.md")).unwrap();
    for sub in SUBCOMMANDS {
        assert!(
            readme.contains(&format!("| `infradoc {sub}")),
            "README's Commands table has no row for `{sub}`"
        );
    }
}
