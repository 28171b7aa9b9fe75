//! How infradoc writes files: outputs never through a planted link, a user's README edited as
//! that same file (its symbolic link, hard links, mode and read-only bit kept).
#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};

use crate::embed::{README, embed, setup};

#[test]
fn embed_writes_through_a_symlinked_readme_and_keeps_the_link() {
    let dir = setup("writes-symlink", "");
    std::fs::create_dir_all(dir.0.join("docs")).unwrap();
    std::fs::write(dir.0.join("docs/real.md"), README).unwrap();
    std::fs::remove_file(dir.0.join("README.md")).unwrap();
    symlink("docs/real.md", dir.0.join("README.md")).unwrap();
    let (code, _, stderr) = embed(&dir.0, &["README.md"]);
    assert_eq!(code, 0, "{stderr}");
    let link = std::fs::symlink_metadata(dir.0.join("README.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the README is still a link");
    let real = std::fs::read_to_string(dir.0.join("docs/real.md")).unwrap();
    assert!(
        real.contains("![Tiny]("),
        "the link's target was updated:\n{real}"
    );
}

#[test]
fn embed_keeps_hard_links_mode_and_refuses_a_read_only_file() {
    let dir = setup("writes-modes", README);
    let readme = dir.0.join("README.md");
    std::fs::hard_link(&readme, dir.0.join("copy.md")).unwrap();
    std::fs::set_permissions(&readme, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (code, _, stderr) = embed(&dir.0, &["README.md"]);
    assert_eq!(code, 0, "{stderr}");
    let meta = std::fs::metadata(&readme).unwrap();
    assert_eq!(meta.nlink(), 2, "the hard link survives");
    assert_eq!(meta.mode() & 0o777, 0o640, "the mode is kept");
    let copy = std::fs::read_to_string(dir.0.join("copy.md")).unwrap();
    assert!(copy.contains("![Tiny]("), "both names see the new text");

    let other = setup("writes-read-only", README);
    let readme = other.0.join("README.md");
    std::fs::set_permissions(&readme, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (code, _, stderr) = embed(&other.0, &["README.md"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("is read-only"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&readme).unwrap(), README);
}

#[test]
fn embed_refuses_an_output_folder_planted_as_a_link() {
    let dir = setup("writes-planted", README);
    let victim = dir.0.join("victim");
    std::fs::create_dir_all(&victim).unwrap();
    std::fs::create_dir_all(dir.0.join("out")).unwrap();
    symlink(&victim, dir.0.join("out/tiny")).unwrap();
    let (code, _, stderr) = embed(&dir.0, &["README.md", "--out", "out"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("refusing to write there"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(&victim).unwrap().count(),
        0,
        "nothing written through it"
    );
}

#[test]
fn embed_replaces_a_planted_diagram_link_instead_of_following_it() {
    let dir = setup("writes-embed-link", README);
    let victim = dir.0.join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    std::fs::create_dir_all(dir.0.join("output/tiny")).unwrap();
    symlink(&victim, dir.0.join("output/tiny/diagram.png")).unwrap();
    let (code, _, stderr) = embed(&dir.0, &["README.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    let png = std::fs::symlink_metadata(dir.0.join("output/tiny/diagram.png")).unwrap();
    assert!(
        png.file_type().is_file(),
        "the link was replaced by the diagram"
    );
}

#[test]
fn build_replaces_a_planted_output_link_instead_of_following_it() {
    let dir = setup("writes-build-link", README);
    let victim = dir.0.join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    std::fs::create_dir_all(dir.0.join("output/tiny")).unwrap();
    symlink(&victim, dir.0.join("output/tiny/diagram.svg")).unwrap();
    let out = assert_cmd::Command::cargo_bin("infradoc")
        .unwrap()
        .current_dir(&dir.0)
        .args(["build", "design/tiny.toml", "--no-png"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    let svg = std::fs::symlink_metadata(dir.0.join("output/tiny/diagram.svg")).unwrap();
    assert!(svg.file_type().is_file());
    let leftovers: Vec<_> = std::fs::read_dir(dir.0.join("output/tiny"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

fn build(dir: &std::path::Path, specs: &[&str]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_infradoc"))
        .current_dir(dir)
        .arg("build")
        .args(specs)
        .arg("--no-png")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Two builds of different specs that name one design race for its folder: whichever wins,
/// the folder holds one spec's whole set, never a mix.
#[test]
fn concurrent_builds_never_mix_their_outputs() {
    let dir = crate::cli::TempDir::new("writes-race");
    for (file, title) in [("a.toml", "Alpha"), ("b.toml", "Bravo")] {
        let spec = format!(
            "[design]\nname = \"shared\"\ntitle = \"{title}\"\n[components.web]\nkind = \"web-server\"\n"
        );
        std::fs::write(dir.0.join(file), spec).unwrap();
    }
    for _ in 0..10 {
        let (mut a, mut b) = (build(&dir.0, &["a.toml"]), build(&dir.0, &["b.toml"]));
        assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
        let readme = std::fs::read_to_string(dir.0.join("output/shared/README.md")).unwrap();
        let svg = std::fs::read_to_string(dir.0.join("output/shared/diagram.svg")).unwrap();
        let title = if readme.contains("# Alpha") {
            "Alpha"
        } else {
            "Bravo"
        };
        assert!(svg.contains(title), "README says {title}, the SVG does not");
    }
    let names: Vec<String> = std::fs::read_dir(dir.0.join("output"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n == "shared" || n == ".infradoc.lock"),
        "leftovers: {names:?}"
    );
}

/// A build killed half-way leaves a staging folder behind: the next build removes it, and a
/// rebuild keeps the files other commands put in the design's folder (embed's dark diagram).
#[test]
fn leftovers_are_cleaned_and_other_files_kept() {
    let dir = setup("writes-leftovers", README);
    let out = dir.0.join("output");
    std::fs::create_dir_all(out.join(".tiny.new.abc123")).unwrap();
    std::fs::write(
        out.join(".tiny.new.abc123/diagram.svg"),
        vec![b'x'; 1 << 20],
    )
    .unwrap();
    assert!(
        build(&dir.0, &["design/tiny.toml"])
            .wait()
            .unwrap()
            .success()
    );
    std::fs::write(out.join("tiny/diagram-dark.svg"), "dark").unwrap();
    assert!(
        build(&dir.0, &["design/tiny.toml"])
            .wait()
            .unwrap()
            .success()
    );
    assert!(
        !out.join(".tiny.new.abc123").exists(),
        "the orphan was removed"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("tiny/diagram-dark.svg")).unwrap(),
        "dark"
    );
    assert!(out.join("tiny/README.md").exists());
}
