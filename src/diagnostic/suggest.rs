//! "Did you mean" suggestions for misspelt keys, values and ids.

/// The candidate closest to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let word_lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&word_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

/// A help line: "did you mean `x`?" when a candidate is close, else the list of valid words.
pub fn help_for(word: &str, candidates: &[&str]) -> String {
    match did_you_mean(word, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None if candidates.is_empty() => "nothing is valid here".to_string(),
        None => format!(
            "expected one of {}",
            candidates
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let keys = ["software", "host", "kind"];
        assert_eq!(did_you_mean("sofware", keys), Some("software"));
        assert_eq!(did_you_mean("hots", keys), Some("host"));
        assert_eq!(did_you_mean("Kind", keys), Some("kind"));
        assert_eq!(did_you_mean("availability", keys), None);
    }

    #[test]
    fn help_lists_words_when_nothing_is_close() {
        assert_eq!(help_for("xyz", &["a", "b"]), "expected one of `a`, `b`");
        assert_eq!(
            help_for("web-sever", &["web-server"]),
            "did you mean `web-server`?"
        );
    }
}
