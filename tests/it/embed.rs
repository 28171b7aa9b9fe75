//! `infradoc embed` on a real folder: regions and fenced specs are filled, a second run changes
//! nothing, `--check` tells when something is stale, and nothing outside the regions moves.

use std::path::Path;

use assert_cmd::Command;

use crate::cli::TempDir;

pub const SPEC: &str = "[design]\nname = \"tiny\"\ntitle = \"Tiny\"\n[components.web]\nkind = \"web-server\"\n[[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"https\"\n";

pub const README: &str = "# Project\n\nIntro text stays.\n\n<!-- infradoc:begin spec=design/tiny.toml show=diagram -->\n<!-- infradoc:end -->\n\n## Findings\n\n<!-- infradoc:begin spec=design/tiny.toml show=findings -->\nold findings\n<!-- infradoc:end -->\n\nA fenced inline spec:\n\n```toml infradoc\n[design]\nname = \"inline\"\n[components.db]\nkind = \"database\"\n```\n\nMarkers in code are examples, not regions:\n\n```markdown\n<!-- infradoc:begin spec=design/tiny.toml show=flow -->\n<!-- infradoc:end -->\n```\n\nThe end.\n";

pub fn embed(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("infradoc")
        .unwrap()
        .current_dir(dir)
        .arg("embed")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn setup(name: &str, readme: &str) -> TempDir {
    let dir = TempDir::new(name);
    std::fs::create_dir_all(dir.0.join("design")).unwrap();
    std::fs::write(dir.0.join("design/tiny.toml"), SPEC).unwrap();
    std::fs::write(dir.0.join("README.md"), readme).unwrap();
    dir
}

#[test]
fn regions_and_fenced_specs_are_filled_once() {
    let dir = setup("embed", README);
    let (code, _, stderr) = embed(&dir.0, &["README.md", "--check"]);
    assert_eq!(code, 1, "a fresh file is stale: {stderr}");
    assert!(
        stderr.contains("+![Tiny](output/tiny/diagram.svg)"),
        "{stderr}"
    );
    assert!(stderr.contains("infradoc embed README.md"), "{stderr}");

    let (code, stdout, stderr) = embed(&dir.0, &["README.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "updated README.md\n");
    let once = std::fs::read_to_string(dir.0.join("README.md")).unwrap();
    insta::assert_snapshot!("embedded-readme", once);
    assert!(
        dir.0.join("output/tiny/diagram.svg").exists()
            && dir.0.join("output/tiny/diagram.png").exists()
    );
    assert!(dir.0.join("output/inline/diagram.svg").exists());
    // Everything outside the regions is byte for byte what it was.
    for kept in [
        "# Project\n\nIntro text stays.\n\n",
        "\nThe end.\n",
        "```markdown\n<!-- infradoc:begin spec=design/tiny.toml show=flow -->\n<!-- infradoc:end -->\n```\n",
    ] {
        assert!(once.contains(kept), "lost {kept:?}");
    }

    let (code, stdout, _) = embed(&dir.0, &["README.md"]);
    assert_eq!((code, stdout.as_str()), (0, "README.md is up to date\n"));
    assert_eq!(
        std::fs::read_to_string(dir.0.join("README.md")).unwrap(),
        once
    );
    assert_eq!(embed(&dir.0, &["README.md", "--check"]).0, 0);

    // The spec changes: --check fails with a diff and changes nothing.
    std::fs::write(
        dir.0.join("design/tiny.toml"),
        SPEC.replace("title = \"Tiny\"", "title = \"Tiny v2\""),
    )
    .unwrap();
    let (code, _, stderr) = embed(&dir.0, &["README.md", "--check"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("-![Tiny](output/tiny/diagram.svg)")
            && stderr.contains("+![Tiny v2](output/tiny/diagram.svg)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("stale: output/tiny/diagram.svg"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.0.join("README.md")).unwrap(),
        once
    );
}

#[test]
fn dark_yes_shows_a_picture_that_follows_the_colour_scheme() {
    let readme = "# P\n\n<!-- infradoc:begin spec=design/tiny.toml show=diagram dark=yes -->\n<!-- infradoc:end -->\n\n<!-- infradoc:begin spec=design/tiny.toml show=writeup dark=yes -->\n<!-- infradoc:end -->\n";
    let dir = setup("embed-dark", readme);
    let (code, _, stderr) = embed(&dir.0, &["README.md"]);
    assert_eq!(code, 0, "{stderr}");
    let once = std::fs::read_to_string(dir.0.join("README.md")).unwrap();
    let picture = "<picture>\n  <source media=\"(prefers-color-scheme: dark)\" srcset=\"output/tiny/diagram-dark.svg\">\n  <img alt=\"Tiny\" src=\"output/tiny/diagram.svg\">\n</picture>\n\n<!-- infradoc:end -->";
    assert!(once.contains(picture), "{once}");
    assert!(once.contains("<img alt=\"Diagram of Tiny\""), "{once}");
    // The dark picture is the diagram drawn with the dark theme's background.
    let dark = std::fs::read_to_string(dir.0.join("output/tiny/diagram-dark.svg")).unwrap();
    let light = std::fs::read_to_string(dir.0.join("output/tiny/diagram.svg")).unwrap();
    assert_ne!(dark, light);
    let parsed = roxmltree::Document::parse(&dark).unwrap();
    assert_eq!(parsed.root_element().tag_name().name(), "svg");
    // Both regions are found again: the picture's HTML block ends before the end marker.
    assert_eq!(infradoc::embed::regions(&once).unwrap().len(), 2);
    assert_eq!(embed(&dir.0, &["README.md", "--check"]).0, 0);
    assert_eq!(embed(&dir.0, &["README.md"]).1, "README.md is up to date\n");
}

#[test]
fn crlf_files_stay_crlf() {
    let dir = setup("embed-crlf", &README.replace('\n', "\r\n"));
    assert_eq!(embed(&dir.0, &["README.md"]).0, 0);
    let out = std::fs::read_to_string(dir.0.join("README.md")).unwrap();
    assert!(!out.replace("\r\n", "").contains('\n'), "a bare LF got in");
    assert!(out.contains("![Tiny](output/tiny/diagram.svg)\r\n"));
    assert_eq!(embed(&dir.0, &["README.md", "--check"]).0, 0);
}

#[test]
fn bare_cr_files_have_their_regions_filled() {
    let dir = setup("embed-cr", &README.replace('\n', "\r"));
    let (code, _, stderr) = embed(&dir.0, &["README.md"]);
    assert_eq!(code, 0, "{stderr}");
    let out = std::fs::read_to_string(dir.0.join("README.md")).unwrap();
    assert!(!out.contains('\n'), "a line feed got in: {out:?}");
    assert!(
        out.contains("![Tiny](output/tiny/diagram.svg)\r"),
        "{out:?}"
    );
    assert!(
        out.contains("\r| Severity"),
        "the findings region is empty: {out:?}"
    );
    assert_eq!(embed(&dir.0, &["README.md", "--check"]).0, 0);
}

#[test]
fn a_byte_order_mark_before_the_first_marker_is_fine() {
    let readme = "\u{feff}<!-- infradoc:begin spec=design/tiny.toml -->\n<!-- infradoc:end -->\n";
    let dir = setup("embed-bom", readme);
    let (code, _, stderr) = embed(&dir.0, &["README.md"]);
    assert_eq!(code, 0, "{stderr}");
    let out = std::fs::read_to_string(dir.0.join("README.md")).unwrap();
    assert!(out.starts_with("\u{feff}<!-- infradoc:begin"), "{out:?}");
    assert!(
        out.contains("![Tiny](output/tiny/diagram.svg)\n"),
        "{out:?}"
    );
    assert_eq!(embed(&dir.0, &["README.md", "--check"]).0, 0);
}

#[test]
fn two_designs_sharing_a_name_are_refused_not_drawn_over_each_other() {
    let readme = "<!-- infradoc:begin spec=design/tiny.toml -->\n<!-- infradoc:end -->\n\n\
                  <!-- infradoc:begin spec=design/other.toml -->\n<!-- infradoc:end -->\n";
    let dir = setup("embed-twins", readme);
    std::fs::write(
        dir.0.join("design/other.toml"),
        SPEC.replace("web-server", "app-server"),
    )
    .unwrap();
    let (code, _, stderr) = embed(&dir.0, &["README.md"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "README.md line 4 and README.md line 1 show two different designs named `tiny`"
        ),
        "{stderr}"
    );
    assert_eq!(
        written(&dir.0),
        Vec::<String>::new(),
        "a diagram was written"
    );
    // The same design shown twice is fine.
    std::fs::write(dir.0.join("design/other.toml"), SPEC).unwrap();
    assert_eq!(embed(&dir.0, &["README.md"]).0, 0);
    assert_eq!(embed(&dir.0, &["README.md", "--check"]).0, 0);
}

/// Every file under `dir/output` (recursively, relative to it), but the output folder's lock.
fn written(dir: &Path) -> Vec<String> {
    fn walk(folder: &Path, prefix: &str, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.path().is_dir() {
                walk(&entry.path(), &format!("{name}/"), found);
            } else if name != ".infradoc.lock" {
                found.push(name);
            }
        }
    }
    let mut found = Vec::new();
    walk(&dir.join("output"), "", &mut found);
    found.sort();
    found
}

#[test]
fn a_region_that_fails_leaves_every_output_as_it_was() {
    // The first regions' diagrams are drawn (and staged) before the last one fails.
    let readme = "<!-- infradoc:begin spec=design/tiny.toml dark=yes -->\n<!-- infradoc:end -->\n\n\
                  <!-- infradoc:begin spec=design/other.toml -->\n<!-- infradoc:end -->\n\n\
                  <!-- infradoc:begin spec=design/missing.toml -->\n<!-- infradoc:end -->\n";
    let dir = setup("embed-fails-late", readme);
    std::fs::write(
        dir.0.join("design/other.toml"),
        SPEC.replace("\"tiny\"", "\"other\""),
    )
    .unwrap();
    std::fs::create_dir_all(dir.0.join("output/tiny")).unwrap();
    std::fs::write(dir.0.join("output/tiny/diagram.svg"), "old").unwrap();
    let (code, _, stderr) = embed(&dir.0, &["README.md"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("missing.toml"), "{stderr}");
    assert_eq!(written(&dir.0), ["tiny/diagram.svg"]);
    assert_eq!(
        std::fs::read_to_string(dir.0.join("output/tiny/diagram.svg")).unwrap(),
        "old"
    );
    assert_eq!(
        std::fs::read_to_string(dir.0.join("README.md")).unwrap(),
        readme
    );
}

#[test]
fn temporary_files_a_killed_embed_left_are_removed() {
    let dir = setup(
        "embed-leftovers",
        "<!-- infradoc:begin spec=design/tiny.toml -->\n<!-- infradoc:end -->\n",
    );
    std::fs::create_dir_all(dir.0.join("output/tiny")).unwrap();
    std::fs::write(dir.0.join("output/tiny/.diagram.png.x1Y2z3.tmp"), "half").unwrap();
    std::fs::write(dir.0.join("output/tiny/answer.md"), "kept").unwrap();
    let (code, _, stderr) = embed(&dir.0, &["README.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        written(&dir.0),
        ["tiny/answer.md", "tiny/diagram.png", "tiny/diagram.svg"]
    );
}

#[test]
fn an_embedded_writeup_says_what_changed_since_the_extended_design() {
    let readme =
        "<!-- infradoc:begin spec=design/next.toml show=writeup -->\n<!-- infradoc:end -->\n";
    let dir = setup("embed-extends", readme);
    std::fs::write(
        dir.0.join("design/next.toml"),
        SPEC.replace("name = \"tiny\"", "name = \"next\"\nextends = \"tiny.toml\"")
            + "[components.db]\nkind = \"database\"\n[[links]]\nfrom = \"web\"\nto = \"db\"\nprotocol = \"mysql\"\n",
    )
    .unwrap();
    let (code, _, stderr) = embed(&dir.0, &["README.md"]);
    assert_eq!(code, 0, "{stderr}");
    let out = std::fs::read_to_string(dir.0.join("README.md")).unwrap();
    assert!(out.contains("## What changed since Tiny"), "{out}");
}

#[test]
fn specs_outside_the_root_are_refused() {
    let dir = setup(
        "embed-outside",
        "<!-- infradoc:begin spec=../elsewhere.toml show=diagram -->\n<!-- infradoc:end -->\n",
    );
    std::fs::write(dir.0.parent().unwrap().join("elsewhere.toml"), SPEC).unwrap();
    let (code, _, stderr) = embed(&dir.0, &["README.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("lies outside"), "{stderr}");
    let _ = std::fs::remove_file(dir.0.parent().unwrap().join("elsewhere.toml"));
}

#[test]
fn broken_markers_and_specs_exit_2() {
    let dir = setup(
        "embed-broken",
        "<!-- infradoc:begin spec=design/tiny.toml -->\nno end\n",
    );
    let (code, _, stderr) = embed(&dir.0, &["README.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("without its `infradoc:end`"), "{stderr}");
    std::fs::write(
        dir.0.join("design/tiny.toml"),
        "[design]\nname = \"../x\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.0.join("README.md"),
        "<!-- infradoc:begin spec=design/tiny.toml -->\n<!-- infradoc:end -->\n",
    )
    .unwrap();
    let (code, _, stderr) = embed(&dir.0, &["README.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("E018"), "{stderr}");
}

#[test]
fn the_projects_own_readme_is_current() {
    let (code, _, stderr) = embed(crate::root(), &["README.md", "--check"]);
    assert_eq!(
        code, 0,
        "README.md is stale: run `cargo run --release -- embed README.md`\n{stderr}"
    );
}

/// Rewriting is idempotent and its output always has well-formed markers.
fn assert_stable(text: &str) {
    let fill = |t: &str| {
        infradoc::embed::rewrite(t, |r: &infradoc::embed::Region| {
            Ok::<_, ()>(format!("{:?}\n", r.show))
        })
    };
    if let Ok(once) = fill(text) {
        let twice = fill(&once).unwrap_or_else(|e| {
            panic!("the output of a rewrite is rejected: {e:?}\ninput: {text:?}\nonce: {once:?}")
        });
        assert_eq!(twice, once, "not idempotent for {text:?}");
    }
}

/// Inputs the `embed` fuzz target found (a marker split over lines, an end marker sharing its
/// line with text, `infradoc:beginn...`): fixed by accepting only whole-line markers.
#[test]
fn fuzz_regressions_stay_fixed() {
    for input in [
        "-&&&&\n&ecs/weibne\"\n\n[compong:end -->\n##\n Flow\n\n<!-- infradoc:begin spec=\n\0\0ib.~~~l show=flo\u{7f} -->\n<!-`\n\n]iaf]\npe.toml show=flow -->\n\0\0&&&;&&&<!-- infradoc:end -->&",
        "# CRLF\r\u{1}t\n<!-- infradoc:begin spec=a.t\n\r[```toml infrme = \r\nold\r\n<[]!z--*infradoc:end -->\r\n\r[```toml infrme = \"crl<!-- infradoc:end -->f*\r\n``` inlinehow=writeup --\n",
        "'n<!`[^\"\0&d -->\r\n\r\n```toml infradoc\r s{ow=f->\r2 \n\r\n``\naDoc:end -->\n\nO\nname =\0\"crlf\"\r\n```\r inltpuinu<e\\`P\\\\",
        "```toml infradoc\n[design]\nname = \"x\"\n```",
        "```toml infradoc\n[design]\n```\r```toml infradoc\n[design]\nname = \"x\"\n```\n```\n<!-- infradoc:begin inline show=diagram -->\n    indented <!-- infradoc:end -->\n",
        "In inlineec:\n\n```toml infradoc\n[desie\u{1}\0\0- in>\n![x](x.svg)\n<!-- c\r\n[desname = \"crlf\"\r\n```\r\u{e}\u{e}-- infrado \0  d --v><!-- infradoc:e[nd  /->\n<!\u{c}--'ilf -\u{1}\\<**-;*-**R*+**    ****adoc:doc\n[dseig<!-- infradoc:beginn\u{1d}\nna[g =\u{2}\0\0<AM inline\0<!-- infradoc:beg    nline showbegin \0\0ings -->:\n\n```toml \nnfradd --->>\n\n",
    ] {
        assert_stable(input);
    }
}

/// Every input saved under fuzz/regressions/ (the embed fuzz target's minimized findings).
#[test]
fn saved_fuzz_findings_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            let bytes = std::fs::read(&path).unwrap();
            if let Ok(text) = std::str::from_utf8(&bytes) {
                assert_stable(text);
                seen += 1;
            }
        }
    }
    assert!(
        seen >= 5,
        "only {seen} regression inputs under {}",
        dir.display()
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, failure_persistence: None, ..Default::default() })]

    #[test]
    fn rewriting_is_idempotent_on_random_markdown(parts in proptest::collection::vec(proptest::sample::select(vec![
        "<!-- infradoc:begin spec=a.toml show=flow -->\n", "<!-- infradoc:end -->\n", "```toml infradoc\n[design]\nname = \"x\"\n```\n",
        "```\n", "text\n", "\n", "\r\n", "<!-- infradoc:begin inline show=diagram -->\n", "    indented <!-- infradoc:end -->\n",
        "`<!-- infradoc:begin spec=b.toml -->`\n", "<!-- infradoc:begin spec=c.toml\nshow=flow -->\n", "> quote <!-- infradoc:end -->\n", "- item\n",
        "```toml infradoc\n[design]\n", "```", "~~~\n", "\r", "<?x\n", "?>\n", "<!-- note\n", "-->\n",
        "  <!-- infradoc:end -->\n", "> ```toml infradoc\n", "- ```toml infradoc\n",
        "<!-- infradoc:begin spec=a.toml show=writeup -->\r", "<!-- infradoc:end -->\r",
    ]), 0..14)) {
        assert_stable(&parts.concat());
    }
}
