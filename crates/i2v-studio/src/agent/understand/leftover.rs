//! The parts of a message no rule understood, so that the reply can say so instead of passing
//! over them in silence (or claiming they were already done).
//!
//! Rule (ours): a clause that produced no instruction, asked nothing, did not ask for a video or
//! for the file, and holds a word or Chinese character beyond politeness and filler
//! ([`lexicon::FILLERS`]) and a request for help ([`lexicon::HELP`], which the help text answers),
//! is reported in the person's own words.

use super::Clause;
use super::lexicon::{self, EXPORT, FILLERS, HELP};
use crate::agent::text::phrase::find_all;

/// The clause's own text, when it holds something to act on that no rule understood.
pub(super) fn leftover(clause: &Clause<'_>) -> Option<String> {
    if clause.has(EXPORT) || clause.has(lexicon::QUESTIONS) {
        return None;
    }
    // Politeness, filler and a request for help (which the help text answers) are not content.
    let spans = [
        find_all(clause.tokens, FILLERS),
        find_all(clause.tokens, HELP),
    ];
    // Each list is in order and apart: only its last span starting by `at` may cover it.
    let covered = |at: usize| {
        spans.iter().any(|spans| {
            let started = spans.partition_point(|&(start, _)| start <= at);
            started
                .checked_sub(1)
                .and_then(|last| spans.get(last))
                .is_some_and(|&(_, end)| at < end)
        })
    };
    let content = clause
        .tokens
        .iter()
        .enumerate()
        .any(|(at, token)| (token.word().is_some() || token.is_chinese()) && !covered(at));
    if !content {
        return None;
    }
    let first = clause.tokens.first()?;
    let last = clause.tokens.last()?;
    let text = clause.message.slice(first.start, last.end);
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use crate::agent::understand::understand;

    fn leftovers(text: &str) -> Vec<String> {
        understand(text, &[], true).not_understood
    }

    #[test]
    fn what_no_rule_understood_is_kept_in_the_persons_words() {
        assert_eq!(
            leftovers("add calm music, and sync the cuts to the beat"),
            ["sync the cuts to the beat"]
        );
        assert_eq!(
            leftovers("把音乐换成欢快的，加点闪光特效"),
            ["加点闪光特效"]
        );
    }

    #[test]
    fn politeness_and_understood_parts_are_not_reported() {
        assert!(leftovers("thanks! please add calm music").is_empty());
        assert!(leftovers("ok, export it").is_empty());
        assert!(leftovers("好的，谢谢").is_empty());
        assert!(leftovers("how do I add music?").is_empty());
    }

    #[test]
    fn the_out_of_fade_in_and_out_is_understood() {
        for text in [
            "fade in and out",
            "fade the video in and out",
            "add calm music, and fade the video in and out",
        ] {
            assert!(leftovers(text).is_empty(), "{text}: {:?}", leftovers(text));
        }
    }

    #[test]
    fn asking_for_help_is_understood_as_asking_for_help() {
        for text in [
            "help",
            "Help!",
            "what can you do?",
            "帮助",
            "ayuda",
            "ヘルプ",
        ] {
            assert!(leftovers(text).is_empty(), "{text}: {:?}", leftovers(text));
        }
        // Help with something no rule understood is still reported.
        assert_eq!(
            leftovers("help me sync the cuts to the beat"),
            ["help me sync the cuts to the beat"]
        );
    }
}
