//! Every class of bad input has a fixture under tests/fixtures/errors/ and a snapshot of the
//! message a person sees.

use infradoc::diagnostic::{ColorChoice, render_human};

use crate::relative;

#[test]
fn each_bad_input_is_reported_with_its_location() {
    insta::glob!(
        env!("CARGO_MANIFEST_DIR"),
        "tests/fixtures/errors/*.toml",
        |path| {
            let compiled = infradoc::compile_file(std::path::Path::new(&relative(path)));
            assert!(compiled.design.is_none(), "{} was accepted", path.display());
            assert!(compiled.error_count() > 0);
            let rendered =
                render_human(&compiled.source, &compiled.diagnostics, ColorChoice::Never);
            insta::assert_snapshot!(rendered);
        }
    );
}

#[test]
fn every_problem_in_a_file_is_reported_in_one_run() {
    let compiled = infradoc::compile_file(std::path::Path::new(
        "tests/fixtures/errors/many-errors.toml",
    ));
    let codes: Vec<&str> = compiled.diagnostics.iter().map(|d| d.code).collect();
    for code in [
        "E018", "E015", "E009", "E008", "E005", "E010", "E012", "E017",
        // The host of `nginx`, whose kind is wrong, is still checked.
        "E013",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
}

#[test]
fn a_missing_file_is_reported_by_name() {
    let compiled = infradoc::compile_file(std::path::Path::new("tests/fixtures/no-such-spec.toml"));
    assert_eq!(compiled.diagnostics.len(), 1);
    assert_eq!(compiled.diagnostics[0].code, "E001");
    insta::assert_snapshot!(render_human(
        &compiled.source,
        &compiled.diagnostics,
        ColorChoice::Never
    ));
}
