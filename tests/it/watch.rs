//! `infradoc watch` on the real binary: what it rebuilds on, and that `--check` ends.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::cli::TempDir;

/// Long enough for a build on a busy 2-core machine; the waits end as soon as the line comes.
const DEADLINE: Duration = Duration::from_secs(20);

/// A running `infradoc watch` whose stderr lines are collected as they come; killed on drop.
struct Watch {
    child: Child,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Watch {
    fn start(dir: &Path, args: &[&str]) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_infradoc"))
            .current_dir(dir)
            .arg("watch")
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let (pipe, lines) = (child.stderr.take().unwrap(), Arc::clone(&stderr));
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        Watch { child, stderr }
    }

    /// The first stderr line from `from` on that starts with `prefix`, with its index; polled
    /// until DEADLINE.
    fn line(&self, from: usize, prefix: &str) -> (usize, String) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            let lines = self.stderr.lock().unwrap();
            if let Some((i, line)) = lines
                .iter()
                .enumerate()
                .skip(from)
                .find(|(_, l)| l.starts_with(prefix))
            {
                return (i, line.clone());
            }
            drop(lines);
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "no line starting `{prefix}` after line {from} within {DEADLINE:?}; stderr:\n{}",
            self.stderr.lock().unwrap().join("\n")
        );
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spec(name: &str, title: &str, extends: &str) -> String {
    format!("[design]\nname = \"{name}\"\ntitle = \"{title}\"\n{extends}\n")
}

/// Saves as many editors do: a new file renamed over the old one.
fn save_by_rename(path: &Path, text: &str) {
    let temp = path.with_extension("toml.swp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

/// c extends b, which extends a. A build of c reads c and b (the write-up says what changed
/// since b); a's content reaches no output of c, so a change to a alone rebuilds nothing until
/// c extends a itself.
#[test]
fn watch_follows_the_extends_chain_the_build_reads() {
    let dir = TempDir::new("watch-chain");
    let file = |name: &str| dir.0.join(name);
    std::fs::write(file("a.toml"), spec("a", "A one", "")).unwrap();
    std::fs::write(file("b.toml"), spec("b", "B one", "extends = \"a.toml\"")).unwrap();
    // No spaces around `=`: a scan of the text for `extends = ` would miss it.
    std::fs::write(file("c.toml"), spec("c", "C", "extends=\"b.toml\"")).unwrap();
    let readme = file("out/c/README.md");
    let watch = Watch::start(
        &dir.0,
        &["c.toml", "--out", "out", "--no-png", "--interval", "100"],
    );

    let (ready, line) = watch.line(0, "watching ");
    assert_eq!(line, "watching 2 file(s) for changes (Ctrl-C stops)");
    let text = std::fs::read_to_string(&readme).unwrap();
    assert!(text.contains("## What changed since B one"), "{text}");

    // The grand-parent first, then the parent: the one rebuild names the parent alone.
    std::fs::write(file("a.toml"), spec("a", "A two", "")).unwrap();
    save_by_rename(&file("b.toml"), &spec("b", "B two", "extends = \"a.toml\""));
    let (changed, line) = watch.line(ready, "changed: ");
    assert_eq!(line, "changed: b.toml");
    let (ready, _) = watch.line(changed, "watching ");
    let text = std::fs::read_to_string(&readme).unwrap();
    assert!(text.contains("## What changed since B two"), "{text}");

    // Once c extends a, a goes into the build, and its changes rebuild c.
    std::fs::write(file("c.toml"), spec("c", "C", "extends = \"a.toml\"")).unwrap();
    let (changed, line) = watch.line(ready, "changed: ");
    assert_eq!(line, "changed: c.toml");
    let (ready, _) = watch.line(changed, "watching ");
    std::fs::write(file("a.toml"), spec("a", "A three", "")).unwrap();
    let (changed, line) = watch.line(ready, "changed: ");
    assert_eq!(line, "changed: a.toml");
    watch.line(changed, "watching ");
    let text = std::fs::read_to_string(&readme).unwrap();
    assert!(text.contains("## What changed since A three"), "{text}");
}

/// Runs `infradoc watch ARGS` in `dir` and waits, up to DEADLINE, for it to end: its exit
/// code and stderr. Panics when it is still running then.
fn watch_ends(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_infradoc"))
        .current_dir(dir)
        .arg("watch")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = status.unwrap_or_else(|| panic!("`watch {args:?}` still ran after {DEADLINE:?}"));
    (status.code(), stderr)
}

/// `watch --check` is a usage error that ends at once, rather than a check that never ends.
#[test]
fn watch_check_exits_with_a_usage_error() {
    let dir = TempDir::new("watch-check");
    std::fs::write(dir.0.join("w.toml"), spec("w", "W", "")).unwrap();
    let (code, stderr) = watch_ends(&dir.0, &["w.toml", "--check"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("infradoc build --check"), "{stderr}");
    assert!(!dir.0.join("output").exists(), "nothing is built");
}

/// A spec in a folder that does not exist leaves nothing to watch: an error, not a silent wait.
#[test]
fn watch_with_nothing_to_watch_exits_2() {
    let dir = TempDir::new("watch-nothing");
    let (code, stderr) = watch_ends(&dir.0, &["missing/w.toml"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("nothing to watch"), "{stderr}");
}
