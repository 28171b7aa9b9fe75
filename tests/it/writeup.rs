//! The write-up: what `infradoc build` writes as README.md next to the diagram. Each classic
//! design's text answers its exercise's questions, and no template residue ever reaches it.

use infradoc::diagnostic::SourceFile;
use infradoc::lint::lint;
use infradoc::render::Theme;
use infradoc::writeup::{Previous, writeup};

use crate::classic_specs;

fn compile(path: &std::path::Path) -> infradoc::model::Design {
    infradoc::compile_file(path).design.expect("valid spec")
}

fn text_of(n: usize) -> String {
    let specs = classic_specs();
    let design = compile(&specs[n]);
    let report = lint(&design, "2026-11-28");
    let previous = n.checked_sub(1).map(|p| {
        let d = compile(&specs[p]);
        let r = lint(&d, "2026-11-28");
        (
            d,
            r,
            specs[p].file_name().unwrap().to_string_lossy().into_owned(),
        )
    });
    let theme = Theme::load("default").unwrap();
    writeup(
        &design,
        &report,
        infradoc::analysis::estimate(&design),
        previous.as_ref().map(|(d, r, f)| Previous {
            design: d,
            report: r,
            file: f,
        }),
        "diagram.svg",
        &theme.writeup,
    )
    .unwrap()
}

fn assert_mentions(text: &str, phrases: &[&str]) {
    for p in phrases {
        assert!(
            text.contains(p),
            "the write-up does not mention {p:?}:\n{text}"
        );
    }
}

/// No template residue, no empty section: every heading has text before the next heading of
/// the same or a higher level.
fn assert_complete(text: &str) {
    for residue in ["{{", "}}", "{%", "%}", "None", "undefined", "()", "``"] {
        assert!(!text.contains(residue), "found {residue:?} in:\n{text}");
    }
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let Some(level) = line
            .split(' ')
            .next()
            .filter(|h| !h.is_empty() && h.chars().all(|c| c == '#'))
            .map(str::len)
        else {
            continue;
        };
        let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
        let empty = match next {
            None => true,
            Some(n) => n
                .split(' ')
                .next()
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c == '#') && h.len() <= level),
        };
        assert!(!empty, "section {line:?} is empty");
    }
}

#[test]
fn writeups_of_the_classic_designs() {
    for n in 0..4 {
        let text = text_of(n);
        assert_complete(&text);
        let name = classic_specs()[n]
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        insta::assert_snapshot!(format!("writeup-{name}"), text);
    }
}

#[test]
fn task_0_is_answered() {
    let text = text_of(0);
    assert_mentions(
        &text,
        &[
            "A server is a computer",         // what a server is
            "foobar.com is the domain name",  // the role of the domain name
            "It is an A record, not a CNAME", // which record www is
            "A web server speaks HTTP",       // web server's role
            "An application server runs",     // application server's role
            "A database stores",              // database's role
            "TCP/IP",                         // how the server talks to the user's computer
            "single-point-of-failure",
            "maintenance-downtime",
            "cannot-scale",
        ],
    );
}

#[test]
fn task_1_is_answered() {
    let text = text_of(1);
    assert_mentions(
        &text,
        &[
            "## What changed since Simple web stack",
            "- the load balancer `haproxy`, which addresses `P001` cannot-scale: Spreads requests",
            "- web servers `nginx-1` and `nginx-2`, which together address `A003` maintenance-downtime.",
            "It uses **round-robin**: sends each new request to the next server in turn",
            "**active-active**",
            "**active-passive**",
            "The servers behind `haproxy` (`nginx-1` and `nginx-2`) run **active-active**",
            "### Primary-replica replication",
            "The application sends every write",
            "writes go to the primary `mysql-primary`, reads to the replica `mysql-replica`",
            "#### `A001` single-point-of-failure\n",
            "If `lb-01` fails, www.foobar.com is unreachable.",
            "no-https",
            "no-firewall",
            "no-monitoring",
        ],
    );
}

#[test]
fn task_2_is_answered() {
    let text = text_of(2);
    assert_mentions(
        &text,
        &[
            "- firewalls `fw-lb-01`, `fw-web-01` and `fw-web-02`, which together address `S003` no-firewall",
            "- the TLS certificate `www-cert`, which addresses `S001` no-https",
            "- monitoring agents",
            "### Firewalls",
            "### HTTPS",
            "### Monitoring",
            "An agent collects **logs**",
            "QPS",
            "tls-terminated-at-load-balancer",
            "single-writer-database",
            "identical-servers",
            "It resolves `S003` no-firewall, `S001` no-https, `O001` no-monitoring.",
        ],
    );
    assert!(
        !text.contains("#### `S001` no-https"),
        "no-https is resolved in task 2"
    );
}

#[test]
fn task_3_is_answered() {
    let text = text_of(3);
    assert_mentions(
        &text,
        &[
            "- the load balancer `haproxy-2`: The standby of the cluster",
            "- `app-1` and `app-files-1` move from `web-01` to `app-01`.",
            "- `mysql-primary` moves from `web-01` to `db-01`.",
            "- the host `app-01`: Runs only the application server",
            "The change has a cost: three single points of failure where there was one before. The estimated availability falls from 99.884% to 99.540%.",
            "The load balancers `haproxy` and `haproxy-2` form a cluster",
            "no longer on `lb-01`",
        ],
    );
}

#[test]
fn a_design_without_weaknesses_says_so() {
    let compiled = infradoc::compile(SourceFile::new(
        "empty.toml",
        "[design]\nname = \"empty\"\n",
    ));
    let design = compiled.design.unwrap();
    let report = lint(&design, "2026-11-28");
    let theme = Theme::load("default").unwrap();
    let text = writeup(
        &design,
        &report,
        infradoc::analysis::estimate(&design),
        None,
        "diagram.svg",
        &theme.writeup,
    )
    .unwrap();
    assert_complete(&text);
    assert!(text.contains("No design rule finds a weakness in this design."));
}

#[test]
fn user_text_cannot_become_markup() {
    let hostile = "<script>x</script> | # Heading *bold* [link](http://x) {{ y }} {% z %}";
    let spec = format!(
        "[design]\nname = \"hostile\"\ntitle = {hostile:?}\nnotes = {hostile:?}\n[hosts.h]\n[components.web]\nkind = \"web-server\"\nhost = \"h\"\nsoftware = {hostile:?}\nwhy = {hostile:?}\n[[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"http\"\n"
    );
    let design = infradoc::compile(SourceFile::new("h.toml", spec))
        .design
        .unwrap();
    let report = lint(&design, "2026-11-28");
    let theme = Theme::load("default").unwrap();
    let text = writeup(
        &design,
        &report,
        infradoc::analysis::estimate(&design),
        None,
        "diagram.svg",
        &theme.writeup,
    )
    .unwrap();
    let html = infradoc::writeup::to_html(&text, &design.title, "<svg/>", "diagram.svg");
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<a href"), "a link got in: {html}");
    assert!(!html.contains("<em>bold"), "emphasis got in");
    assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"));
    // The title stays one heading line.
    assert_eq!(text.lines().filter(|l| l.starts_with("# ")).count(), 1);
}

/// Text from the spec that reaches the page by less direct ways: an expired exception's reason
/// (quoted in a finding's note), the extended design's title (in "What changed since") and an
/// `extends` path holding a backtick.
#[test]
fn hostile_text_in_notes_headings_and_paths_is_escaped_in_html() {
    let dir = crate::cli::TempDir::new("hostile-html");
    let hostile =
        "<script>alert(1)</script> <img src=x onerror=alert(2)> `q` ](javascript:alert(3)) <b>";
    let base = format!(
        "[design]\nname = \"base\"\ntitle = {hostile:?}\n[hosts.h]\npublic = true\n[components.web]\nkind = \"web-server\"\nhost = \"h\"\n[[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"http\"\n"
    );
    let top = format!(
        "[design]\nname = \"top\"\nextends = \"base`x.toml\"\n[hosts.h]\npublic = true\nwhy = {hostile:?}\n[components.web]\nkind = \"web-server\"\nhost = \"h\"\n[components.app]\nkind = \"app-server\"\nhost = \"h\"\n[[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"http\"\nallow = [{{ rule = \"no-https\", reason = {hostile:?}, until = \"2020-01-01\" }}]\n[[links]]\nfrom = \"web\"\nto = \"app\"\nprotocol = \"http\"\n"
    );
    std::fs::write(dir.0.join("base`x.toml"), base).unwrap();
    std::fs::write(dir.0.join("top.toml"), top).unwrap();
    let run = assert_cmd::Command::cargo_bin("infradoc")
        .unwrap()
        .current_dir(&dir.0)
        .env("SOURCE_DATE_EPOCH", "1795824000")
        .args([
            "build", "--no-png", "--format", "html", "--out", "out", "top.toml",
        ])
        .output()
        .unwrap();
    assert!(
        run.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(dir.0.join("out/top/index.html")).unwrap();
    let body = &html[html.find("<body>").unwrap()..];
    for raw in [
        "<script",
        "<img",
        "<b>",
        "href=\"javascript",
        "onerror=alert(2)>",
    ] {
        assert!(!body.contains(raw), "{raw} got in:\n{body}");
    }
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
    assert!(
        body.contains(&format!("<h2>What changed since {escaped}")),
        "the extended title, escaped, in its heading:\n{body}"
    );
    assert!(
        body.contains("expired on 2020-01-01 (reason given: &lt;script&gt;"),
        "{body}"
    );
    assert!(
        body.contains("<code>basex.toml</code>"),
        "the path, in code:\n{body}"
    );
}

#[test]
fn html_is_one_self_contained_page() {
    let out = crate::cli::TempDir::new("html");
    let run = assert_cmd::Command::cargo_bin("infradoc")
        .unwrap()
        .current_dir(crate::root())
        .args([
            "build",
            "specs/2-secured_and_monitored_web_infrastructure.toml",
            "--format",
            "html",
            "--out",
        ])
        .arg(&out.0)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    let html = std::fs::read_to_string(
        out.0
            .join("secured-and-monitored-web-infrastructure/index.html"),
    )
    .unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg xmlns"), "the diagram is inline");
    assert!(!html.contains("<img"), "no external image");
    assert!(html.contains("prefers-color-scheme:dark"));
    assert!(html.contains("<table>"));
    assert!(
        html.contains("<meta name=\"viewport\""),
        "no viewport for phones"
    );
}

/// The relative links of a written file: Markdown links and images, and the `href`/`src` of
/// HTML. Fragments, queries and links with a scheme are left out.
fn relative_links(path: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut links = Vec::new();
    if path.extension().is_some_and(|e| e == "md") {
        use pulldown_cmark::{Event, Parser, Tag};
        for event in Parser::new_ext(&text, pulldown_cmark::Options::ENABLE_TABLES) {
            match event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    links.push(dest_url.to_string())
                }
                Event::Html(html) | Event::InlineHtml(html) => links.extend(attribute_links(&html)),
                _ => {}
            }
        }
    } else {
        links.extend(attribute_links(&text));
    }
    links
        .into_iter()
        .map(|l| l.split(['#', '?']).next().unwrap_or("").to_string())
        .filter(|l| !l.is_empty() && !l.contains(':'))
        .collect()
}

fn attribute_links(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    for attribute in [" href=\"", " src=\"", " srcset=\""] {
        for (at, _) in html.match_indices(attribute) {
            let rest = &html[at + attribute.len()..];
            links.push(rest[..rest.find('"').unwrap_or(rest.len())].to_string());
        }
    }
    links
}

fn written_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            written_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn every_relative_link_the_build_writes_leads_to_a_written_file() {
    for format in ["markdown", "html"] {
        let out = crate::cli::TempDir::new(&format!("links-{format}"));
        let run = assert_cmd::Command::cargo_bin("infradoc")
            .unwrap()
            .current_dir(crate::root())
            .args([
                "build",
                "specs/0-simple_web_stack.toml",
                "specs/1-distributed_web_infrastructure.toml",
                "--no-png",
                "--format",
                format,
                "--out",
            ])
            .arg(&out.0)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(0), "{run:?}");
        let mut files = Vec::new();
        written_files(&out.0, &mut files);
        let mut checked = 0;
        for file in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "md" || e == "html"))
        {
            for link in relative_links(file) {
                let target = file.parent().unwrap().join(&link);
                assert!(
                    target.is_file(),
                    "{} links to {link}, which was not written ({format})",
                    file.display()
                );
                checked += 1;
            }
        }
        // The index links to both write-ups and shows both diagrams.
        assert!(checked >= 4, "only {checked} links found ({format})");
        let write_up = if format == "html" {
            "index.html"
        } else {
            "README.md"
        };
        let index = std::fs::read_to_string(out.0.join("README.md")).unwrap();
        assert!(
            index.contains(&format!("(simple-web-stack/{write_up})")),
            "{index}"
        );
    }
}

#[test]
fn the_html_page_fits_a_phone() {
    let html =
        infradoc::writeup::to_html("# T\n\n![d](diagram.svg)\n", "T", "<svg/>", "diagram.svg");
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
        "{html}"
    );
    // Drawings and images shrink to the screen; wide tables scroll inside themselves.
    assert!(html.contains(".diagram svg,img{max-width:100%;height:auto}"));
    assert!(html.contains("table{display:block;overflow-x:auto}"));
}

/// The write-up of any spec in specs/, with no earlier design.
fn text_of_spec(path: &std::path::Path) -> String {
    let design = compile(path);
    let report = lint(&design, "2026-11-28");
    let theme = Theme::load("default").unwrap();
    writeup(
        &design,
        &report,
        infradoc::analysis::estimate(&design),
        None,
        "diagram.svg",
        &theme.writeup,
    )
    .unwrap()
}

/// Read as a reviewer would, every spec's write-up says each thing once: a component's "why"
/// is not its description again, links of one kind to several components make one phrase,
/// the single-writer fix does not repeat the single-point-of-failure fix's promotion, and an
/// operator's SSH link does not come from "the users' browsers".
#[test]
fn every_write_up_says_each_thing_once() {
    for path in crate::all_specs() {
        let text = text_of_spec(&path);
        let name = path.display();
        let sections: Vec<&str> = text.split("\n### `").skip(1).collect();
        for section in sections
            .iter()
            .filter(|s| s.contains("**Why it is here:**"))
        {
            let general = section.lines().nth(2).unwrap_or_default();
            let first = general.split(". ").next().unwrap_or_default();
            let why = section
                .lines()
                .find_map(|l| l.strip_prefix("**Why it is here:** "))
                .unwrap();
            assert!(!why.starts_with(first), "{name}: {section}");
            if let Some(talks) = section.lines().find(|l| l.starts_with("Talks ")) {
                let phrases: Vec<&str> = talks.split("; ").collect();
                for (i, p) in phrases.iter().enumerate() {
                    let how = p.split(" over ").nth(1).unwrap_or_default();
                    let direction = p.trim_start_matches("Talks ").split(' ').next();
                    let again = phrases[i + 1..].iter().any(|q| {
                        q.split(' ').next() == direction && q.split(" over ").nth(1) == Some(how)
                    });
                    assert!(!again, "{name}: {talks}");
                }
            }
        }
        assert!(!text.contains("users' browsers over SSH"), "{name}");
        if text.contains("*Fix:* Add redundancy: automatic promotion of the replica") {
            assert!(
                !text.contains("*Fix:* Have the replica promoted automatically"),
                "{name}"
            );
        }
    }
}
