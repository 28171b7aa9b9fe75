//! Product marks: a component whose software names a well-known product carries its mark on
//! the diagram, once per product in the SVG's definitions; `--no-marks` draws none.

use infradoc::layout::layout;
use infradoc::render::{Theme, svg};

use crate::cli::{TempDir, build_into};
use crate::root;

fn svg_of(spec: &str, marks: bool) -> String {
    let compiled = infradoc::compile_file(&root().join(spec));
    let design = compiled.design.expect("the spec compiles");
    let diagram = layout(&design, &[], design.direction);
    let mut theme = Theme::load("default").unwrap();
    theme.marks = marks;
    svg::render(&diagram, &theme)
}

#[test]
fn the_simple_stack_shows_nginx_gunicorn_and_mysql_marks() {
    let svg = svg_of("specs/0-simple_web_stack.toml", true);
    for slug in ["nginx", "gunicorn", "mysql"] {
        assert_eq!(
            svg.matches(&format!("<symbol id=\"mark-{slug}\"")).count(),
            1,
            "{slug}"
        );
        assert_eq!(
            svg.matches(&format!("href=\"#mark-{slug}\"")).count(),
            1,
            "{slug}"
        );
    }
    // "Python application" names Python, the code base's language.
    assert!(svg.contains("href=\"#mark-python\""));
    roxmltree::Document::parse(&svg).expect("well-formed SVG");
}

#[test]
fn components_without_a_known_product_get_none() {
    // keepalived, iptables and X.509 have no mark; HAProxy and Nginx do.
    let svg = svg_of("specs/3-scale_up.toml", true);
    assert_eq!(svg.matches("<use href=\"#mark-haproxy\"").count(), 2);
    assert!(!svg.contains("mark-iptables"));
}

#[test]
fn no_marks_draws_none() {
    let svg = svg_of("specs/0-simple_web_stack.toml", false);
    assert!(!svg.contains("mark-"), "{svg}");

    let out = TempDir::new("no-marks");
    let spec = root().join("specs/0-simple_web_stack.toml");
    let status = assert_cmd::Command::cargo_bin("infradoc")
        .unwrap()
        .args(["build", "--no-png", "--no-marks", "--out"])
        .arg(&out.0)
        .arg(&spec)
        .output()
        .unwrap();
    assert!(status.status.success());
    let drawn = std::fs::read_to_string(out.0.join("simple-web-stack/diagram.svg")).unwrap();
    assert!(!drawn.contains("mark-"));
    let (code, _) = build_into(&out, &["specs/0-simple_web_stack.toml"]);
    assert_eq!(code, 0);
    let drawn = std::fs::read_to_string(out.0.join("simple-web-stack/diagram.svg")).unwrap();
    assert!(drawn.contains("href=\"#mark-nginx\""));
}
