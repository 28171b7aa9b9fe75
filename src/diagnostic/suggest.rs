//! "Did you mean" suggestions for misspelt keys, values and ids.

use std::borrow::Cow;

/// The candidate closest to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let word_lower = word.to_lowercase();
    let length = word_lower.chars().count();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|c| {
            // The distance is at least the difference in length: most candidates of a large
            // set are ruled out without comparing them.
            let lower: Cow<str> = if c.chars().any(char::is_uppercase) {
                Cow::Owned(c.to_lowercase())
            } else {
                Cow::Borrowed(c)
            };
            if lower.chars().count().abs_diff(length) > limit {
                return None;
            }
            Some((strsim::damerau_levenshtein(&word_lower, &lower), c))
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

/// How many candidates the "did you mean" searches of one spec may look at in all.
pub const SUGGESTION_BUDGET: usize = 1_000_000;

/// [`did_you_mean`] for a caller that may ask many times against a large set (every unknown
/// id of a spec against every id it declares): a search runs only while `budget` still covers
/// all `count` candidates, and uses them up. Thousands of misspelt ids against thousands of
/// ids then cost linear time, the later ones going without a suggestion, and which ones get
/// one never depends on the candidates' order.
pub fn did_you_mean_within<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    count: usize,
    budget: &mut usize,
) -> Option<&'c str> {
    *budget = budget.checked_sub(count)?;
    did_you_mean(word, candidates)
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
    fn a_budget_stops_suggesting_once_spent() {
        let ids = ["web-1", "web-2", "db"];
        let mut budget = 7;
        assert_eq!(
            did_you_mean_within("web-3", ids, 3, &mut budget),
            Some("web-1")
        );
        assert_eq!(did_you_mean_within("dv", ids, 3, &mut budget), Some("db"));
        assert_eq!(budget, 1);
        assert_eq!(did_you_mean_within("dv", ids, 3, &mut budget), None);
        assert_eq!(budget, 1);
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
