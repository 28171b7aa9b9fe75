//! Where output goes and how it looks: stdout that tools parse holds nothing else, and colour
//! follows one policy (--color, NO_COLOR, CLICOLOR, CLICOLOR_FORCE) for help and diagnostics.

use assert_cmd::Command;

const BROKEN: &str = "tests/fixtures/errors/self-link.toml";
const ESC: &str = "\u{1b}[";

/// The binary with no colour variables from the caller's environment.
fn infradoc() -> Command {
    let mut cmd = Command::cargo_bin("infradoc").expect("binary built");
    cmd.current_dir(crate::root());
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "CI", "TERM"] {
        cmd.env_remove(var);
    }
    cmd
}

fn stderr_of(cmd: &mut Command) -> String {
    String::from_utf8_lossy(&cmd.output().unwrap().stderr).into_owned()
}

#[test]
fn build_with_json_messages_keeps_stdout_to_json() {
    let dir = crate::cli::TempDir::new("json-build");
    let out = infradoc()
        .args(["build", "--message-format", "json", "--no-png", "--out"])
        .arg(&dir.0)
        .args([
            "specs/0-simple_web_stack.toml",
            "specs/1-distributed_web_infrastructure.toml",
        ])
        .args([BROKEN])
        .assert()
        .code(2);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}")))
        .collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert_eq!(lines[0]["code"], "E014");
    // The summary of what was built is still said, where people look.
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("simple-web-stack: 1 host"), "{stderr}");
}

#[test]
fn diagnostics_follow_clicolor_force_and_no_color() {
    let forced = stderr_of(
        infradoc()
            .env("CLICOLOR_FORCE", "1")
            .args(["check", BROKEN]),
    );
    assert!(forced.contains(ESC), "CLICOLOR_FORCE=1: {forced}");
    let plain = stderr_of(infradoc().args(["check", BROKEN]));
    assert!(!plain.contains(ESC), "a pipe gets no colour: {plain}");
    let vetoed = stderr_of(
        infradoc()
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", "1")
            .args(["check", BROKEN]),
    );
    assert!(!vetoed.contains(ESC), "NO_COLOR wins: {vetoed}");
    let flag = stderr_of(
        infradoc()
            .env("NO_COLOR", "1")
            .args(["check", "--color", "always", BROKEN]),
    );
    assert!(
        flag.contains(ESC),
        "--color always beats the environment: {flag}"
    );
}

#[test]
fn help_and_diagnostics_share_the_policy() {
    for (var, value, coloured) in [("CLICOLOR_FORCE", "1", true), ("NO_COLOR", "1", false)] {
        let help = infradoc().env(var, value).arg("--help").output().unwrap();
        let help = String::from_utf8_lossy(&help.stdout).into_owned();
        let errors = stderr_of(infradoc().env(var, value).args(["check", BROKEN]));
        assert_eq!(help.contains(ESC), coloured, "help with {var}={value}");
        assert_eq!(
            errors.contains(ESC),
            coloured,
            "diagnostics with {var}={value}"
        );
    }
}

/// CLICOLOR=0 matters on a terminal: `script` gives the command one.
#[test]
fn clicolor_0_turns_colour_off_on_a_terminal() {
    let has_script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        eprintln!("`script` (util-linux) is not installed: no terminal to test CLICOLOR=0 on");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_infradoc");
    let on_terminal = |clicolor: &str| {
        let out = std::process::Command::new("script")
            .args(["-qec", &format!("{bin} check {BROKEN}"), "/dev/null"])
            .current_dir(crate::root())
            .env("TERM", "xterm-256color")
            .env("CLICOLOR", clicolor)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let on = on_terminal("1");
    assert!(
        on.contains("E014") && on.contains(ESC),
        "a terminal gets colour: {on}"
    );
    let off = on_terminal("0");
    assert!(
        off.contains("E014") && !off.contains(ESC),
        "CLICOLOR=0: {off}"
    );
}
