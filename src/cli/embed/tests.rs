//! `embed` region by region on a real folder: each region's diagram files are on disk before
//! the next region is drawn, so no region's images wait in memory, and they are put in place
//! only once every region has rendered.

use super::*;

const SPEC: &str = "[design]\nname = \"NAME\"\ntitle = \"Tiny\"\n[components.web]\nkind = \"web-server\"\n[[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"https\"\n";

fn args(dir: &Path) -> Args {
    Args {
        files: Vec::new(),
        check: false,
        out: dir.join("out"),
        root: Some(dir.to_path_buf()),
        allow_outside_root: false,
        theme: "default".into(),
        no_marks: false,
    }
}

/// The files under `out` as `design/file`, sorted: `staged` the temporary ones (named after
/// the output they will become), else the outputs in place.
fn files(out: &Path, staged: bool) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(designs) = std::fs::read_dir(out) else {
        return found;
    };
    for design in designs.flatten().filter(|d| d.path().is_dir()) {
        for file in std::fs::read_dir(design.path()).unwrap().flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            // A temporary file is `.diagram.svg.<random>.tmp`.
            let temp = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp"));
            let output = match (staged, temp) {
                (true, Some(temp)) => temp.rsplit_once('.').map(|(output, _)| output),
                (false, None) => Some(name.as_str()),
                _ => None,
            };
            if let Some(output) = output {
                found.push(format!("{}/{output}", design.file_name().to_string_lossy()));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn each_regions_files_are_on_disk_before_the_next_region_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        std::fs::write(
            dir.path().join(format!("{name}.toml")),
            SPEC.replace("NAME", name),
        )
        .unwrap();
    }
    let readme = "<!-- infradoc:begin spec=a.toml -->\n<!-- infradoc:end -->\n\n\
                  <!-- infradoc:begin spec=b.toml show=writeup dark=yes -->\n<!-- infradoc:end -->\n\n\
                  <!-- infradoc:begin spec=a.toml show=findings -->\n<!-- infradoc:end -->\n";
    let file = dir.path().join("README.md");
    let args = args(dir.path());
    let mut embedder = Embedder::new(&args, ColorChoice::Never).unwrap();
    let page = Page::new(&file, readme);
    let mut staged = Staged::new(&args.out, false);
    let mut seen = Vec::new();
    rewrite(readme, |region: &Region| {
        seen.push(files(&args.out, true));
        embedder.region(&page, region, &mut staged)
    })
    .unwrap();
    let a = ["a/diagram.png", "a/diagram.svg"];
    let b = ["b/diagram-dark.svg", "b/diagram.png", "b/diagram.svg"];
    let both = [&a[..], &b[..]].concat();
    assert_eq!(
        seen,
        [vec![], a.to_vec(), both.clone()],
        "each region's files are staged on disk before the next region renders"
    );
    assert!(
        files(&args.out, false).is_empty(),
        "nothing is in place before every region has rendered"
    );
    staged.commit().unwrap();
    assert!(
        files(&args.out, true).is_empty(),
        "no temporary file is left"
    );
    assert_eq!(files(&args.out, false), both);
}

#[test]
fn a_failing_region_removes_what_was_staged_and_keeps_the_old_outputs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), SPEC.replace("NAME", "a")).unwrap();
    std::fs::write(dir.path().join("b.toml"), SPEC.replace("NAME", "b")).unwrap();
    std::fs::create_dir_all(dir.path().join("out/a")).unwrap();
    std::fs::write(dir.path().join("out/a/diagram.svg"), "old").unwrap();
    let readme = "<!-- infradoc:begin spec=a.toml -->\n<!-- infradoc:end -->\n\n\
                  <!-- infradoc:begin spec=b.toml -->\n<!-- infradoc:end -->\n\n\
                  <!-- infradoc:begin spec=missing.toml -->\n<!-- infradoc:end -->\n";
    let file = dir.path().join("README.md");
    let args = args(dir.path());
    let mut embedder = Embedder::new(&args, ColorChoice::Never).unwrap();
    let page = Page::new(&file, readme);
    let mut staged = Staged::new(&args.out, false);
    let result = rewrite(readme, |region: &Region| {
        embedder.region(&page, region, &mut staged)
    });
    assert!(result.is_err());
    assert_eq!(
        files(&args.out, true).len(),
        4,
        "a's and b's files were staged"
    );
    drop(staged);
    assert_eq!(files(&args.out, true), Vec::<String>::new());
    assert_eq!(files(&args.out, false), ["a/diagram.svg"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/a/diagram.svg")).unwrap(),
        "old"
    );
    assert!(
        !dir.path().join("out/b").exists(),
        "the folder made for b is gone"
    );
}

#[test]
fn relative_paths() {
    assert_eq!(
        relative(Path::new("/a/b"), Path::new("/a/c/d.svg")).unwrap(),
        "../c/d.svg"
    );
    assert_eq!(
        relative(Path::new("/a"), Path::new("/a/out/x.svg")).unwrap(),
        "out/x.svg"
    );
    assert_eq!(
        relative(Path::new("/a/./b/.."), Path::new("/a/x.svg")).unwrap(),
        "x.svg"
    );
}
