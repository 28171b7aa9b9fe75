//! `infradoc answer`: each exercise's questions and issues answered, in few words, and no
//! generated text that leaks spec syntax or capitalises an id.

use assert_cmd::Command;

use crate::{all_specs, classic_specs, relative};

fn infradoc() -> Command {
    let mut cmd = Command::cargo_bin("infradoc").expect("binary built");
    cmd.current_dir(crate::root())
        .env("SOURCE_DATE_EPOCH", "1795824000");
    cmd
}

fn answer_of(n: usize) -> String {
    let spec = relative(&classic_specs()[n]);
    let out = infradoc().args(["answer", &spec]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text under one `### ` heading, up to the next heading.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(&format!("### {heading}"))
        .unwrap_or_else(|| panic!("no `### {heading}` in:\n{text}"));
    let body = &text[start..];
    let end = body[4..].find("\n#").map_or(body.len(), |i| i + 4);
    &body[..end]
}

fn assert_says(text: &str, heading: &str, phrases: &[&str]) {
    let part = section(text, heading);
    for phrase in phrases {
        assert!(
            part.contains(phrase),
            "`{heading}` lacks {phrase:?}:\n{part}"
        );
    }
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

#[test]
fn task_0_answers_each_question_and_issue_in_at_most_700_words() {
    let a = answer_of(0);
    assert!(a.contains("![Diagram of"), "{a}");
    assert!(a.contains("1. The user types **www.foobar.com**"), "{a}");
    assert_says(
        &a,
        "What is a server?",
        &["A server is a computer", "`server-01`", "8.8.8.8"],
    );
    assert_says(
        &a,
        "What is the domain name?",
        &["**foobar.com**", "`.com`", "`www` is a subdomain"],
    );
    assert_says(
        &a,
        "What type of DNS record",
        &["**A** record", "not a CNAME", "`8.8.8.8`"],
    );
    assert_says(
        &a,
        "What is the role of the web server?",
        &["`nginx` (Nginx)", "static files"],
    );
    assert_says(
        &a,
        "What is the role of the application server?",
        &["`app-server` (Gunicorn)"],
    );
    assert_says(
        &a,
        "What is the role of the database?",
        &["`mysql` (MySQL)", "data"],
    );
    assert_says(
        &a,
        "What does the server use",
        &["TCP/IP", "HTTP on port 80"],
    );
    assert_says(
        &a,
        "Single point of failure",
        &["`server-01` fails", "**Fix:**", "load balancer"],
    );
    assert_says(
        &a,
        "Maintenance downtime",
        &["`nginx`", "`mysql`", "`app-server`", "rolling deploy"],
    );
    assert_says(&a, "Cannot scale", &["no load balancer", "**Fix:**"]);
    assert!(words(&a) <= 700, "{} words:\n{a}", words(&a));
}

#[test]
fn task_1_answers_each_question_and_issue() {
    let a = answer_of(1);
    assert_says(
        &a,
        "Which distribution algorithm",
        &["**round-robin**", "next server in turn", "`nginx-1`"],
    );
    assert_says(
        &a,
        "Active-active or active-passive?",
        &["Active-passive: one node serves", "**active-active**"],
    );
    assert_says(
        &a,
        "How does the primary-replica",
        &[
            "`mysql-primary`",
            "`mysql-replica`",
            "reads only",
            "must go to `mysql-primary`",
        ],
    );
    assert_says(
        &a,
        "Single point of failure",
        &["`lb-01` fails", "second load balancer"],
    );
    assert_says(&a, "No firewall", &["`lb-01`", "firewall in front"]);
    assert_says(&a, "No HTTPS", &["unencrypted HTTP", "TLS certificate"]);
    assert_says(
        &a,
        "No monitoring",
        &["`lb-01`, `web-01` and `web-02`", "monitoring agent"],
    );
    assert!(a.contains("## What changed, and why"), "{a}");
    assert!(
        a.contains("The load balancer `haproxy` on `lb-01`: spreads requests"),
        "{a}"
    );
}

#[test]
fn task_2_answers_each_question_and_issue() {
    let a = answer_of(2);
    assert_says(
        &a,
        "What are the firewalls for?",
        &[
            "three firewalls",
            "`fw-lb-01` (iptables) guards `lb-01` and opens port 443",
        ],
    );
    assert_says(
        &a,
        "Why is the traffic served over HTTPS?",
        &["encrypts", "`www-cert`", "Let's Encrypt", "TLS ends there"],
    );
    assert_says(
        &a,
        "What is monitoring used for?",
        &["alerted", "`sumo-logic`", "every server is watched"],
    );
    assert_says(
        &a,
        "How does the monitoring tool collect data?",
        &["agents", "Sumo Logic Collector", "logs", "metrics", "push"],
    );
    assert_says(
        &a,
        "How do you monitor the web server's QPS?",
        &["`stub_status`", "access log", "per second"],
    );
    assert_says(
        &a,
        "TLS terminated at load balancer",
        &["unencrypted", "re-encrypt"],
    );
    assert_says(
        &a,
        "Single writer database",
        &["only database that accepts writes", "promoted"],
    );
    assert_says(
        &a,
        "Identical servers",
        &["`web-01` and `web-02`", "own servers"],
    );
    assert!(
        a.contains("The firewalls `fw-web-01` and `fw-web-02`"),
        "{a}"
    );
}

#[test]
fn task_3_says_why_the_tiers_are_split_and_what_it_costs() {
    let a = answer_of(3);
    assert_says(
        &a,
        "Why split the web, application and database tiers?",
        &[
            "`nginx-1` on `web-01`",
            "`mysql-primary` on `db-01`",
            "scaled on its own",
            "three single points of failure where the design before had one",
            "falls from",
        ],
    );
    assert!(
        a.contains("The server `lb-02`: second load balancer"),
        "{a}"
    );
    // What stays is not told as new: it moved, and what is gone is said.
    assert!(
        a.contains("- `app-1` and `app-files-1` move from `web-01` to `app-01`."),
        "{a}"
    );
    assert!(!a.contains("The web server `nginx-1`"), "{a}");
    assert!(
        a.contains("- No longer in the design: the server `web-02`;"),
        "{a}"
    );
}

#[test]
fn the_four_answers() {
    for n in 0..4 {
        insta::assert_snapshot!(format!("answer-{n}"), answer_of(n));
    }
}

#[test]
fn topics_lists_the_catalogue_one_line_each() {
    use infradoc::spec::{Topic, Vocabulary};
    let out = infradoc().args(["answer", "--topics"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), Topic::ALL.len());
    for t in Topic::ALL {
        assert!(
            text.lines()
                .any(|l| l.starts_with(t.as_str()) && l.ends_with(t.describe())),
            "{text}"
        );
    }
}

#[test]
fn unknown_topics_and_rules_are_errors_with_a_suggestion() {
    let dir = crate::cli::TempDir::new("answer-unknown");
    let spec = dir.0.join("s.toml");
    std::fs::write(
        &spec,
        "[design]\nname = \"s\"\n[answer]\nquestions = [\"severs\"]\nissues = [\"no-http\"]\n",
    )
    .unwrap();
    let out = infradoc()
        .args(["answer", "--color", "never"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown answer topic `severs`"), "{stderr}");
    assert!(stderr.contains("did you mean `server`?"), "{stderr}");

    std::fs::write(
        &spec,
        "[design]\nname = \"s\"\n[answer]\nissues = [\"no-http\"]\n",
    )
    .unwrap();
    let out = infradoc()
        .args(["answer", "--color", "never"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown rule `no-http`"), "{stderr}");
    assert!(stderr.contains("did you mean `no-https`?"), "{stderr}");
    assert!(stderr.contains("s.toml:4:"), "{stderr}");
}

#[test]
fn a_spec_without_the_table_has_no_answer() {
    let out = infradoc()
        .args(["answer", "specs/cloud-web-service.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no [answer] table"));
}

#[test]
fn new_from_a_classic_design_carries_its_questions() {
    let dir = crate::cli::TempDir::new("answer-new");
    let path = dir.0.join("shop.toml");
    infradoc()
        .args(["new", "shop", "--from", "secured", "--output"])
        .arg(&path)
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("[answer]\nquestions = [\"firewall\", \"https\""),
        "{text}"
    );
    let out = infradoc().arg("answer").arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("### What are the firewalls for?"));
}

/// `key = value` as a spec writes it: `role = "replica"`, `protects = [...]`, `port = 80`.
fn key_assignment(text: &str) -> Option<&str> {
    text.match_indices(" = ").find_map(|(i, _)| {
        let key_start = text[..i]
            .rfind(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .map_or(0, |j| j + 1);
        let value = text[i + 3..].chars().next();
        let is_key = i > key_start;
        (is_key && value.is_some_and(|c| c == '"' || c == '[' || c.is_ascii_digit()))
            .then(|| &text[key_start..(i + 12).min(text.len())])
    })
}

/// An id written with a capital at a sentence's start ("Mysql runs", "Server-01 is").
/// Text quoted from the spec (`source`) is the author's and not checked.
fn capitalised_id(text: &str, design: &infradoc::model::Design, source: &str) -> Option<String> {
    let ids = design.hosts.iter().map(|h| (h.id.as_str(), None)).chain(
        design
            .components
            .iter()
            .map(|c| (c.id.as_str(), c.software.as_deref())),
    );
    for (id, software) in ids {
        let mut chars = id.chars();
        let Some(first) = chars.next().filter(char::is_ascii_lowercase) else {
            continue;
        };
        let capital: String = first.to_uppercase().chain(chars).collect();
        // "Nginx" is the software's own name, not the id capitalised.
        if software.is_some_and(|s| s.split(' ').next() == Some(capital.as_str())) {
            continue;
        }
        for (i, _) in text.match_indices(&capital) {
            let before = text[..i].trim_end_matches([' ', '*']);
            let starts = before.is_empty()
                || before.ends_with(['.', '\n', ':', '-'])
                || before.ends_with("1.");
            let mut after = text[i + capital.len()..].chars();
            let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
            let whole = match after.next() {
                None => true,
                Some('.') => after.next().is_none_or(|c| !word(c)),
                Some(c) => !word(c),
            };
            let mut end = (i + capital.len() + 20).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            if starts && whole && !source.contains(&text[i..end]) {
                return Some(text[i..end].to_string());
            }
        }
    }
    None
}

#[test]
fn no_generated_text_leaks_spec_keys_or_capitalises_an_id() {
    let dir = crate::cli::TempDir::new("answer-leaks");
    let specs: Vec<String> = all_specs().iter().map(|p| relative(p)).collect();
    let out = infradoc()
        .args(["build", "--no-png", "--out"])
        .arg(&dir.0)
        .args(&specs)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut problems = Vec::new();
    for spec in all_specs() {
        let compiled = infradoc::compile_file(&spec);
        let design = compiled.design.expect("valid spec");
        for file in ["README.md", "answer.md"] {
            let path = dir.0.join(&design.name).join(file);
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            // The spec's own text is quoted as written; what infradoc writes is checked.
            if let Some(leak) = key_assignment(&text) {
                problems.push(format!("{}/{file}: spec syntax {leak:?}", design.name));
            }
            if let Some(id) = capitalised_id(&text, &design, &compiled.source.text) {
                problems.push(format!("{}/{file}: capitalised id {id:?}", design.name));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_leak_checks_catch_what_they_look_for() {
    assert!(key_assignment("add a replica (`role = \"replica\"`)").is_some());
    assert!(key_assignment("with `protects = [\"lb-01\"]`").is_some());
    assert!(key_assignment("QPS = requests / seconds").is_none());
    let design = infradoc::compile_file(&classic_specs()[0]).design.unwrap();
    assert!(capitalised_id("Fine. Mysql runs on it.", &design, "").is_some());
    assert!(capitalised_id("Server-01 is public.", &design, "").is_some());
    assert!(capitalised_id("`nginx` (Nginx) answers. Nginx is fast.", &design, "").is_none());
}

#[test]
fn docs_list_every_topic() {
    use infradoc::spec::{Topic, Vocabulary};
    let docs = std::fs::read_to_string(crate::root().join("docs/answer.md")).unwrap();
    for t in Topic::ALL {
        let row = format!("| `{}` | {} |", t.as_str(), t.describe());
        assert!(docs.contains(&row), "docs/answer.md lacks {row}");
    }
}
