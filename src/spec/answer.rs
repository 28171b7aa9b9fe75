//! Reads the `[answer]` table: the topics an exercise asks about and the issues to explain.

use toml::de::DeTable;

use crate::diagnostic::{Diagnostic, Span};

use super::fields;
use super::reader::TableReader;
use super::tree::AnswerSpec;
use super::vocabulary::Topic;

/// Reads `[answer]`; an unknown topic is reported with its span and the nearest topic.
/// Rule names are checked by the lint stage, which knows the rules.
pub fn read_answer(table: &DeTable<'_>, span: Span, out: &mut Vec<Diagnostic>) -> AnswerSpec {
    let mut r = TableReader::new(table, span, "[answer]".into(), fields::ANSWER, None, out);
    AnswerSpec {
        present: true,
        questions: r.words::<Topic>("questions"),
        issues: r.texts("issues"),
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::SourceFile;
    use crate::spec::parse;
    use crate::spec::vocabulary::Topic;

    #[test]
    fn reads_topics_in_order_and_suggests_a_near_topic() {
        let text = "[design]\nname = \"d\"\n[answer]\nquestions = [\"https\", \"server\"]\nissues = [\"no-https\"]\n";
        let (spec, diagnostics) = parse(&SourceFile::new("d.toml", text));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let answer = spec.map(|s| s.answer).unwrap_or_default();
        assert!(answer.present);
        assert_eq!(answer.questions, [Topic::Https, Topic::Server]);
        assert_eq!(answer.issues[0].value, "no-https");

        let text = "[design]\nname = \"d\"\n[answer]\nquestions = [\"severs\"]\n";
        let source = SourceFile::new("d.toml", text);
        let (_, diagnostics) = parse(&source);
        let d = &diagnostics[0];
        assert!(d.message.contains("unknown answer topic `severs`"), "{d:?}");
        assert!(format!("{d:?}").contains("did you mean `server`?"), "{d:?}");
        let span = d.primary.as_ref().map(|p| p.span);
        assert_eq!(span.map(|s| &text[s.start..s.end]), Some("\"severs\""));
    }
}
