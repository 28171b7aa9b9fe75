//! Random byte mutations of the classic specs never crash the compiler: every input ends in a
//! design or in diagnostics.

use infradoc::diagnostic::{ColorChoice, render_human, render_json};
use proptest::prelude::*;

use crate::classic_specs;

fn originals() -> Vec<Vec<u8>> {
    classic_specs()
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect()
}

#[derive(Debug, Clone)]
enum Edit {
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let interesting = prop::sample::select(vec![
        b"[".to_vec(),
        b"]".to_vec(),
        b"\"".to_vec(),
        b"=".to_vec(),
        b"\n".to_vec(),
        b"[[links]]\n".to_vec(),
        b"{".to_vec(),
        b"\xff".to_vec(),
        b"\xc3".to_vec(),
        b"kind = \"x\"\n".to_vec(),
        b"99999999999999999999".to_vec(),
        b"\xe2\x80\xae".to_vec(),
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        (any::<usize>(), interesting).prop_map(|(i, s)| Edit::Insert(i, s)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = bytes.len().max(1);
        match e {
            Edit::Set(i, b) => {
                if !bytes.is_empty() {
                    bytes[i % len] = *b;
                }
            }
            Edit::Insert(i, s) => {
                let at = i % (bytes.len() + 1);
                bytes.splice(at..at, s.iter().copied());
            }
            Edit::Delete(i, n) => {
                let at = i % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_specs_never_panic(which in 0usize..4, edits in prop::collection::vec(edit(), 1..8)) {
        let bytes = apply(originals()[which].clone(), &edits);
        let (source, mut diagnostics) = infradoc::spec::decode("mutated.toml".into(), bytes);
        let compiled = if diagnostics.is_empty() {
            infradoc::compile(source)
        } else {
            infradoc::Compiled::unread(source, std::mem::take(&mut diagnostics))
        };
        // Either a design or at least one error, never both and never neither.
        prop_assert_eq!(compiled.design.is_some(), compiled.error_count() == 0);
        render_human(&compiled.source, &compiled.diagnostics, ColorChoice::Never);
        render_json(&compiled.source, &compiled.diagnostics);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// The binary, end to end: a mutated spec exits 0 or 2, never 101 (a panic).
    #[test]
    fn the_binary_exits_0_or_2_on_mutated_specs(which in 0usize..4, edits in prop::collection::vec(edit(), 1..6)) {
        let dir = std::env::temp_dir().join(format!("infradoc-mutation-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{which}-{}.toml", edits.len()));
        std::fs::write(&path, apply(originals()[which].clone(), &edits)).unwrap();
        for command in ["check", "build"] {
            // Builds go to the temporary folder, never to the repository's output/.
            let output = std::process::Command::new(env!("CARGO_BIN_EXE_infradoc"))
                .args([command, "--color", "never"])
                .arg(&path)
                .current_dir(&dir)
                .output()
                .unwrap();
            let code = output.status.code();
            prop_assert!(code == Some(0) || code == Some(2), "{command} exited {code:?}: {}", String::from_utf8_lossy(&output.stderr));
        }
        let _ = std::fs::remove_dir_all(dir.join("output"));
        std::fs::remove_file(&path).unwrap();
    }
}
