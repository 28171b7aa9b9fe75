//! Hostile and huge input: bounded time and memory or a clear error, never a crash; outputs
//! written atomically and only inside the output folder; the same bytes every time.

use std::process::Command;

use crate::cli::TempDir;

fn infradoc(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_infradoc"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn code(out: &std::process::Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

/// The run failed with exit code 2 and its stderr says `text`.
fn fails_with(out: &std::process::Output, text: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(out), 2, "{stderr}");
    assert!(stderr.contains(text), "{stderr}");
}

#[test]
fn a_huge_spec_is_refused_at_once() {
    let dir = TempDir::new("huge");
    let file = std::fs::File::create(dir.0.join("huge.toml")).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap(); // 50 MB of zero bytes, sparse on disk
    let out = infradoc(&dir.0, &["check", "--color", "never", "huge.toml"]);
    fails_with(&out, "E022");
}

#[test]
fn deeply_nested_toml_is_an_error_not_a_stack_overflow() {
    let dir = TempDir::new("nested");
    std::fs::write(
        dir.0.join("deep.toml"),
        format!(
            "[design]\nname = \"d\"\nnotes = {}1{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    )
    .unwrap();
    std::fs::write(
        dir.0.join("deep2.toml"),
        format!("a = {}\n", "{ b = ".repeat(50_000)),
    )
    .unwrap();
    for spec in ["deep.toml", "deep2.toml"] {
        let out = infradoc(&dir.0, &["check", "--color", "never", spec]);
        assert_eq!(
            code(&out),
            2,
            "{spec}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("E004"));
    }
}

/// A spec with `n` components linked in one cycle: c0 -> c1 -> ... -> c(n-1) -> c0.
fn cycle(n: usize) -> String {
    let mut s = String::from("[design]\nname = \"cycle\"\n");
    for i in 0..n {
        s.push_str(&format!("[components.c{i}]\nkind = \"app-server\"\n"));
    }
    s.push_str("[[links]]\nfrom = \"user\"\nto = \"c0\"\nprotocol = \"http\"\n");
    for i in 0..n {
        s.push_str(&format!(
            "[[links]]\nfrom = \"c{i}\"\nto = \"c{}\"\nprotocol = \"http\"\n",
            (i + 1) % n
        ));
    }
    s
}

#[test]
fn a_cycle_of_ten_thousand_builds() {
    let dir = TempDir::new("cycle");
    std::fs::write(dir.0.join("cycle.toml"), cycle(10_000)).unwrap();
    let out = infradoc(&dir.0, &["build", "cycle.toml", "--no-png"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let svg = std::fs::read_to_string(dir.0.join("output/cycle/diagram.svg")).unwrap();
    assert_eq!(svg.matches("<g id=\"component-").count(), 10_001);
    assert!(dir.0.join("output/cycle/README.md").exists());
    // The PNG of a picture that size is drawn smaller, within the pixel limit, with a warning
    // naming the spec: the build does not fail.
    let out = infradoc(&dir.0, &["build", "cycle.toml", "--out", "with-png"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 0, "{stderr}");
    assert!(
        stderr.contains("cycle.toml") && stderr.contains("drawn at scale"),
        "{stderr}"
    );
    let png = std::fs::read(dir.0.join("with-png/cycle/diagram.png")).unwrap();
    let (w, h) = (
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        u32::from_be_bytes(png[20..24].try_into().unwrap()),
    );
    assert!(
        u64::from(w) * u64::from(h) <= infradoc::render::png::MAX_PIXELS,
        "{w}x{h}"
    );
}

#[test]
fn a_hundred_thousand_components_check_and_lint() {
    let dir = TempDir::new("many");
    let mut s = String::from("[design]\nname = \"many\"\n[hosts.h]\n");
    for i in 0..100_000 {
        s.push_str(&format!(
            "[components.c{i}]\nkind = \"web-server\"\nhost = \"h\"\n"
        ));
    }
    s.push_str("[[links]]\nfrom = \"user\"\nto = [");
    s.push_str(
        &(0..100_000)
            .map(|i| format!("\"c{i}\""))
            .collect::<Vec<_>>()
            .join(","),
    );
    s.push_str("]\nprotocol = \"https\"\n");
    std::fs::write(dir.0.join("many.toml"), s).unwrap();
    assert_eq!(code(&infradoc(&dir.0, &["check", "many.toml"])), 0);
    let out = infradoc(
        &dir.0,
        &[
            "lint",
            "--fail-on",
            "never",
            "--format",
            "json",
            "many.toml",
        ],
    );
    assert_eq!(code(&out), 0);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json["specs"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "single-point-of-failure" && f["subject"] == "h")
    );
}

#[test]
fn a_symlinked_output_folder_is_refused() {
    let dir = TempDir::new("symlink");
    let outside = TempDir::new("symlink-target");
    std::fs::create_dir_all(dir.0.join("out")).unwrap();
    std::os::unix::fs::symlink(&outside.0, dir.0.join("out/simple-web-stack")).unwrap();
    let spec = crate::root().join("specs/0-simple_web_stack.toml");
    let out = infradoc(&dir.0, &["build", spec.to_str().unwrap(), "--out", "out"]);
    fails_with(&out, "refusing to write there");
    assert_eq!(
        std::fs::read_dir(&outside.0).unwrap().count(),
        0,
        "something was written outside"
    );
}

#[test]
fn a_failing_stage_leaves_the_previous_outputs_untouched() {
    let dir = TempDir::new("atomic");
    let spec = crate::root().join("specs/1-distributed_web_infrastructure.toml");
    let spec = spec.to_str().unwrap();
    assert_eq!(code(&infradoc(&dir.0, &["build", spec])), 0);
    let folder = dir.0.join("output/distributed-web-infrastructure");
    let before: Vec<Vec<u8>> = ["diagram.svg", "diagram.png", "README.md"]
        .iter()
        .map(|f| std::fs::read(folder.join(f)).unwrap())
        .collect();
    // A theme whose write-up template is broken: the write-up stage fails after the diagram.
    std::fs::create_dir_all(dir.0.join("broken-theme")).unwrap();
    std::fs::write(
        dir.0.join("broken-theme/writeup.md.j2"),
        "{{ no_such_variable }}",
    )
    .unwrap();
    std::fs::write(
        dir.0.join("broken-theme/theme.toml"),
        include_str!("../../themes/dark/theme.toml"),
    )
    .unwrap();
    let out = infradoc(&dir.0, &["build", spec, "--theme", "broken-theme"]);
    fails_with(&out, "no_such_variable");
    let after: Vec<Vec<u8>> = ["diagram.svg", "diagram.png", "README.md"]
        .iter()
        .map(|f| std::fs::read(folder.join(f)).unwrap())
        .collect();
    assert!(
        before == after,
        "an output changed although the build failed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files were left behind");
}

#[test]
fn every_output_is_the_same_bytes_every_time_and_with_any_number_of_specs() {
    let specs: Vec<String> = crate::classic_specs()
        .iter()
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    let all = TempDir::new("same-all");
    let one_by_one = TempDir::new("same-one");
    let mut args = vec!["build".to_string()];
    args.extend(specs.iter().cloned());
    for format in ["markdown", "html"] {
        let mut a = args.clone();
        a.extend(["--format".to_string(), format.to_string()]);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        assert_eq!(code(&infradoc(&all.0, &a)), 0);
        for spec in &specs {
            assert_eq!(
                code(&infradoc(
                    &one_by_one.0,
                    &["build", spec, "--format", format]
                )),
                0
            );
        }
    }
    for design in [
        "simple-web-stack",
        "distributed-web-infrastructure",
        "secured-and-monitored-web-infrastructure",
        "scale-up",
    ] {
        for file in ["diagram.svg", "diagram.png", "README.md", "index.html"] {
            let a = std::fs::read(all.0.join("output").join(design).join(file)).unwrap();
            let b = std::fs::read(one_by_one.0.join("output").join(design).join(file)).unwrap();
            assert!(
                a == b,
                "{design}/{file} differs between one build of all specs and one per spec"
            );
        }
    }
    for format in ["json", "sarif"] {
        let a = infradoc(&all.0, &["lint", "--format", format, &specs[2]]);
        let b = infradoc(&all.0, &["lint", "--format", format, &specs[2]]);
        assert_eq!(a.stdout, b.stdout, "{format} differs between runs");
    }
}

/// Runs infradoc with a deadline: a command that blocks on a pipe fails the test, not the run.
/// Its output is read while it runs, so a long one cannot stall on a full pipe.
fn within_seconds(dir: &std::path::Path, args: &[&str], seconds: u64) -> std::process::Output {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_infradoc"))
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`infradoc {}` did not finish in {seconds} s",
                args.join(" ")
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    std::process::Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_refused_without_reading_them() {
    let dir = TempDir::new("non-regular");
    let fifo = dir.0.join("pipe.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    for args in [
        &["check", "--color", "never", "/dev/zero"][..],
        &["build", "--color", "never", "/dev/zero"],
    ] {
        fails_with(&within_seconds(&dir.0, args, 10), "not a regular file");
    }
    if made.is_ok_and(|s| s.success()) {
        for command in ["check", "build", "lint"] {
            let out = within_seconds(&dir.0, &[command, "--color", "never", "pipe.toml"], 10);
            fails_with(&out, "not a regular file");
        }
    } else {
        eprintln!("mkfifo is not available: the FIFO case is not run");
    }
    std::fs::write(
        dir.0.join("ext.toml"),
        "[design]\nname = \"e\"\nextends = \"/dev/zero\"\n",
    )
    .unwrap();
    for command in ["check", "lint", "build"] {
        let out = within_seconds(&dir.0, &[command, "--color", "never", "ext.toml"], 10);
        fails_with(&out, "E027");
    }
}

#[test]
fn every_command_gives_a_broken_extends_the_same_verdict() {
    let dir = TempDir::new("broken-extends");
    std::fs::write(
        dir.0.join("a.toml"),
        "[design]\nname = \"a\"\nextends = \"missing.toml\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.0.join("b.toml"),
        "[design]\nname = \"b\"\nextends = \"bad.toml\"\n",
    )
    .unwrap();
    std::fs::write(dir.0.join("bad.toml"), "[design]\nnam = \"bad\"\n").unwrap();
    for command in ["check", "lint", "build", "analyze"] {
        let missing = infradoc(&dir.0, &[command, "--color", "never", "a.toml"]);
        fails_with(
            &missing,
            "error[E027]: `extends` names `missing.toml`, which cannot be read",
        );
        let broken = infradoc(&dir.0, &[command, "--color", "never", "b.toml"]);
        fails_with(&broken, "`extends` names `bad.toml`, which has 2 errors");
    }
    assert!(!dir.0.join("output").exists(), "build wrote nothing");
}

#[test]
fn a_spec_is_compiled_with_the_design_it_extends() {
    let spec = crate::root().join("specs/1-distributed_web_infrastructure.toml");
    let compiled = infradoc::compile_file(&spec);
    assert!(compiled.design.is_some());
    assert_eq!(
        compiled.extended.map(|d| d.name),
        Some("simple-web-stack".to_string())
    );
    let alone = infradoc::compile_file(&crate::root().join("specs/0-simple_web_stack.toml"));
    assert!(alone.extended.is_none());
}

/// Nothing from a spec or the command line reaches the terminal as a control sequence, and
/// text that SVG cannot hold or that reorders a label is refused with its location.
#[test]
fn invisible_characters_are_refused_or_escaped() {
    let dir = TempDir::new("invisible");
    std::fs::write(
        dir.0.join("evil.toml"),
        "[design]\nname = \"x\"\ntitle = \"Shop \\u202Egnp.exe\"\nnotes = \"a\\uFFFEb\"\n\n\
         [components.web]\nkind = \"web-server\"\n\
         \"\\u001b]8;;http://evil\\u0007click\\u001b]8;;\\u0007\" = 1\n",
    )
    .unwrap();
    for command in ["check", "lint", "build"] {
        let out = infradoc(&dir.0, &[command, "--color", "never", "evil.toml"]);
        fails_with(
            &out,
            "error[E028]: `title` holds the invisible character U+202E",
        );
        fails_with(&out, "`notes` holds the invisible character U+FFFE");
        fails_with(&out, "unknown key `\\u{1b}]8;;http://evil\\u{7}click");
        assert!(
            !out.stderr.contains(&0x1b),
            "an escape reached the terminal"
        );
        assert!(
            !out.stdout.contains(&0x1b),
            "an escape reached the terminal"
        );
    }
    for args in [&["explain", "\u{1b}[31mX"][..], &["new", "a\u{1b}[2J"]] {
        let out = infradoc(&dir.0, args);
        assert_eq!(code(&out), 2);
        assert!(
            !out.stderr.contains(&0x1b),
            "{:?}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// `n` load balancers on hosts of their own, each naming every other in `peers`, behind one
/// client and in front of one web server.
fn mutual_peers(n: usize) -> String {
    let mut s = String::from("[design]\nname = \"peers\"\n");
    for i in 0..n {
        let others: Vec<String> = (0..n)
            .filter(|&j| j != i)
            .map(|j| format!("\"lb{j}\""))
            .collect();
        s.push_str(&format!(
            "[hosts.h{i}]\n[components.lb{i}]\nkind = \"load-balancer\"\nhost = \"h{i}\"\npeers = [{}]\n",
            others.join(", ")
        ));
    }
    s.push_str("[components.web]\nkind = \"web-server\"\n");
    s.push_str("[[links]]\nfrom = \"user\"\nto = \"lb0\"\nprotocol = \"https\"\n");
    s.push_str("[[links]]\nfrom = \"lb0\"\nto = \"web\"\nprotocol = \"http\"\n");
    s
}

#[test]
fn load_balancers_that_all_name_each_other_are_analysed_at_once() {
    let dir = TempDir::new("peers");
    // 7 was enough to take gigabytes and minutes when peers' edges were copied one by one.
    for n in [7, 40] {
        std::fs::write(dir.0.join("peers.toml"), mutual_peers(n)).unwrap();
        for command in ["lint", "analyze"] {
            let out = within_seconds(&dir.0, &[command, "peers.toml"], 10);
            assert!(
                matches!(code(&out), 0 | 1),
                "{n} {command}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn an_id_named_twice_in_a_list_is_an_error_at_the_repeat() {
    let dir = TempDir::new("twice");
    let spec = format!(
        "[design]\nname = \"twice\"\n[hosts.a]\n[hosts.b]\n\
         [components.lb1]\nkind = \"load-balancer\"\nhost = \"a\"\npeers = [\"lb2\"]\n\
         [components.lb2]\nkind = \"load-balancer\"\nhost = \"b\"\npeers = [{}]\n",
        vec!["\"lb1\""; 25].join(", ")
    );
    std::fs::write(dir.0.join("twice.toml"), spec).unwrap();
    for command in ["check", "lint", "build"] {
        let out = within_seconds(&dir.0, &[command, "--color", "never", "twice.toml"], 10);
        fails_with(&out, "E011");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("`lb1` is named twice in `peers` of `lb2`"),
            "{stderr}"
        );
        // One error per repeat, each pointing at its own entry.
        assert_eq!(stderr.matches("named twice").count(), 24, "{stderr}");
    }
    std::fs::write(
        dir.0.join("ends.toml"),
        "[design]\nname = \"ends\"\n[components.web]\nkind = \"web-server\"\n\
         [[links]]\nfrom = \"user\"\nto = [\"web\", \"web\"]\nprotocol = \"http\"\n",
    )
    .unwrap();
    let out = within_seconds(&dir.0, &["check", "--color", "never", "ends.toml"], 10);
    fails_with(&out, "`web` is named twice in `to` of link #1");
}

/// Shapes that once took time growing with the square or cube of their size (issue 17 item
/// 10; benches/shapes.rs times each at 1k/10k/100k). The deadlines are for a debug build on a
/// busy machine, far below what the old code took even when optimised.
#[test]
fn long_chains_and_many_misspellings_take_linear_time() {
    let dir = TempDir::new("shapes");
    // 8,000 databases, each a replica of the one before: lint took 31 s (rule C001).
    let mut replicas =
        String::from("[design]\nname = \"r\"\n[components.db0]\nkind = \"database\"\n");
    for i in 1..8_000 {
        replicas.push_str(&format!(
            "[components.db{i}]\nkind = \"database\"\nrole = \"replica\"\nreplicates_from = \"db{}\"\n",
            i - 1
        ));
    }
    std::fs::write(dir.0.join("replicas.toml"), replicas).unwrap();
    let out = within_seconds(&dir.0, &["lint", "replicas.toml"], 20);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));

    // 10,000 links to ids no component has: check took 195 s looking for the closest id.
    let mut misspelt = String::from("[design]\nname = \"m\"\n");
    for i in 0..10_000 {
        misspelt.push_str(&format!("[components.app-{i}]\nkind = \"app-server\"\n"));
    }
    for i in 0..10_000 {
        misspelt.push_str(&format!(
            "[[links]]\nfrom = \"user\"\nto = \"apq-{i}\"\nprotocol = \"http\"\n"
        ));
    }
    std::fs::write(dir.0.join("misspelt.toml"), misspelt).unwrap();
    let out = within_seconds(&dir.0, &["check", "--color", "never", "misspelt.toml"], 20);
    fails_with(&out, "`apq-0`, which is not declared");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("did you mean `app-0`?"),
        "the first ones still get a suggestion"
    );

    // A request chain of 100,000 servers, each on its own host: analyze took 18 s, lint 28 s
    // and 3 GB (the dominator tree is as deep as the chain).
    let mut chain = String::from("[design]\nname = \"c\"\n");
    for i in 0..100_000 {
        chain.push_str(&format!(
            "[hosts.h{i}]\n[components.c{i}]\nkind = \"app-server\"\nhost = \"h{i}\"\n"
        ));
    }
    chain.push_str("[[links]]\nfrom = \"user\"\nto = \"c0\"\nprotocol = \"http\"\n");
    for i in 1..100_000 {
        chain.push_str(&format!(
            "[[links]]\nfrom = \"c{}\"\nto = \"c{i}\"\nprotocol = \"http\"\n",
            i - 1
        ));
    }
    std::fs::write(dir.0.join("chain.toml"), chain).unwrap();
    for command in ["analyze", "lint"] {
        let out = within_seconds(&dir.0, &[command, "chain.toml"], 60);
        assert!(
            matches!(code(&out), 0 | 1),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn one_links_table_may_not_stand_for_a_million_links() {
    let dir = TempDir::new("mesh");
    let ids: Vec<String> = (0..1_000).map(|i| format!("\"c{i}\"")).collect();
    let mut s = String::from("[design]\nname = \"mesh\"\n");
    for i in 0..1_000 {
        s.push_str(&format!("[components.c{i}]\nkind = \"app-server\"\n"));
    }
    s.push_str(&format!(
        "\n[[links]]\nfrom = [{0}]\nto = [{0}]\nprotocol = \"http\"\n",
        ids.join(", ")
    ));
    std::fs::write(dir.0.join("mesh.toml"), s).unwrap();
    for command in ["check", "build"] {
        let out = within_seconds(&dir.0, &[command, "--color", "never", "mesh.toml"], 20);
        fails_with(
            &out,
            "link #1 stands for 1000000 links (1000 `from` times 1000 `to`), more than the 100000 one table may",
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("E009") && stderr.contains("mesh.toml:2004:"),
            "{stderr}"
        );
    }
}
