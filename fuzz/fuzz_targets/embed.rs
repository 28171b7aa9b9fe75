//! Markdown text -> embed regions and rewrite: rewriting twice gives the same text, and the
//! text before the first region's content never changes.
#![no_main]

use infradoc::embed::{Region, regions, rewrite};
use libfuzzer_sys::fuzz_target;

fn fill(text: &str) -> Result<String, infradoc::embed::RewriteError<()>> {
    rewrite(text, |r: &Region| Ok::<String, ()>(format!("{:?}\n", r.show)))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let found = regions(text);
    let Ok(once) = fill(text) else {
        return;
    };
    if let Ok(found) = &found {
        if let Some(first) = found.first() {
            let prefix = &text[..first.content.start];
            assert!(
                once.starts_with(prefix),
                "text before the first region changed\nprefix: {prefix:?}\nout: {once:?}"
            );
        }
    }
    match fill(&once) {
        Ok(twice) => assert_eq!(twice, once, "rewrite is not idempotent\ninput: {text:?}"),
        Err(e) => panic!("rewrite's own output is rejected: {e:?}\ninput: {text:?}\nonce: {once:?}"),
    }
});
