//! Spec bytes -> decode -> compile -> diagnostics (human + JSON) -> lint, analysis, layout and
//! SVG in both directions, write-up (Markdown + HTML). PNG rendering is left out: too slow.
#![no_main]

use std::sync::OnceLock;

use infradoc::diagnostic::{ColorChoice, render_human, render_json};
use infradoc::render::Theme;
use infradoc::spec::vocabulary::Direction;
use libfuzzer_sys::fuzz_target;

fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| Theme::load("default").expect("built-in theme loads"))
}

fuzz_target!(|data: &[u8]| {
    let (source, diagnostics) = infradoc::spec::decode("fuzz.toml".to_string(), data.to_vec());
    let compiled = if diagnostics.is_empty() {
        infradoc::compile(source)
    } else {
        infradoc::Compiled::unread(source, diagnostics)
    };
    let _ = render_human(&compiled.source, &compiled.diagnostics, ColorChoice::Never);
    let _ = render_json(&compiled.source, &compiled.diagnostics);

    let Some(design) = &compiled.design else {
        return;
    };
    let theme = theme();
    let report = infradoc::lint::lint(design, "2026-11-28");
    let _ = infradoc::analysis::estimate(design);
    let mut svg = String::new();
    for direction in [Direction::LeftToRight, Direction::TopToBottom] {
        let findings: Vec<_> = report.active().collect();
        let diagram = infradoc::layout::layout(design, &findings, direction);
        svg = infradoc::render::svg::render(&diagram, theme);
    }
    let text = infradoc::writeup::writeup(
        design,
        &report,
        infradoc::analysis::estimate(design),
        None,
        "diagram.svg",
        &theme.writeup,
    )
    .expect("the built-in write-up template renders");
    let _ = infradoc::writeup::to_html(&text, &design.title, &svg, "diagram.svg");
});
