//! Clauses that lead into a GUI step and mean nothing without it.
//!
//! Rules:
//! - a **purpose** ("to add music", "in order to …", "如果要加音乐", "为了…") says what the step
//!   is for; it goes with the step and becomes the chat message when the step is an edit;
//! - a **wish** ("if you'd like to adjust it further", "should you want …", "如果您想…") makes
//!   the step an offer: nothing runs, and the step becomes "just tell me";
//! - a **condition** ("when you're happy", "once it looks right", "满意后", "确认无误的话") only
//!   times the step; it goes with it.
//!
//! A step phrased as a capability ("you can drag clips to reorder them", "您可以拖动片段") is an
//! offer too, when it would only edit: the person has not asked for that edit.
//!
//! A leading joiner ("and when you're happy") is skipped before the clause is read.

use std::ops::Range;

use crate::intent::pattern::{Table, any_at};
use crate::intent::tokens::{Kind, Tokens};

/// What a clause before a GUI step does for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lead {
    /// Says what the step is for: the tokens after the opener.
    Purpose(Range<usize>),
    /// Makes the step an offer.
    Wish,
    /// Says when to take the step.
    Condition,
}

/// Openers of a purpose.
static PURPOSE: Table = Table::new(&[
    "to",
    "in order to",
    "so that",
    "如果|若|如 [您|你] 要|需要",
    "要想|若要|为了|如需|如要",
]);
/// Openers of a wish.
static WISH: Table = Table::new(&[
    "if you'd|you|u like|want|wish|prefer",
    "if you would like|prefer",
    "should you want|wish|prefer",
    "如果|要是|假如 [您|你] 想|想要|希望|愿意|喜欢",
    "若想|如想",
]);
/// Openers of a condition.
static CONDITION: Table = Table::new(&[
    "when|once|after|whenever|if|before|until|as",
    "如果|等|待|当|一旦|假如|要是",
]);
/// Last characters that make a Chinese clause a condition ("满意后", "确认的话", "播放时").
static CONDITION_TAILS: Table = Table::new(&["后|时|话|前"]);
/// Openers of a capability ("you can …", "feel free to …", "您可以…").
static CAPABILITY: Table = Table::new(&[
    "you|u can|could|may|might",
    "feel free to",
    "您|你 [也|还|随时] 可以",
    "可以|也可以|还可以",
]);
/// Joiners skipped at the start of a lead clause.
static JOINERS: Table = Table::new(&["and|so|or|then|but|并|并且|然后|而且"]);

/// What `clause` does for a GUI step that follows it, if it only leads into one.
pub(crate) fn lead(tokens: &Tokens, clause: Range<usize>) -> Option<Lead> {
    let start = JOINERS
        .at(tokens, clause.start)
        .filter(|&end| end < clause.end)
        .unwrap_or(clause.start);
    if let Some(end) = PURPOSE.at(tokens, start).filter(|&end| end < clause.end) {
        return Some(Lead::Purpose(end..clause.end));
    }
    if WISH.at(tokens, start).is_some() {
        return Some(Lead::Wish);
    }
    let last = clause.end.checked_sub(1)?;
    let chinese_tail =
        tokens.kind(last) == Some(Kind::Han) && CONDITION_TAILS.at(tokens, last).is_some();
    (CONDITION.at(tokens, start).is_some() || chinese_tail).then_some(Lead::Condition)
}

/// Whether `clause` offers a step as something the person could do ("you can drag …").
pub(crate) fn is_capability(tokens: &Tokens, clause: Range<usize>) -> bool {
    let start = JOINERS
        .at(tokens, clause.start)
        .filter(|&end| end < clause.end)
        .unwrap_or(clause.start);
    let fillers = ["also|always|simply|just|easily|now|then|still|too"];
    let start = any_at(&fillers, tokens, start).unwrap_or(start);
    CAPABILITY.at(tokens, start).is_some()
}

/// Where a wish starts inside `clause`, after a step ("click Generate again if you want a
/// different version").
pub(crate) fn wish_in(tokens: &Tokens, clause: Range<usize>) -> Option<usize> {
    (clause.start + 1..clause.end).find(|&i| WISH.at(tokens, i).is_some())
}

/// The first token after a purpose opener at `range.start`, or `range.start` without one.
pub(crate) fn after_opener(tokens: &Tokens, range: Range<usize>) -> usize {
    PURPOSE
        .at(tokens, range.start)
        .filter(|&end| end < range.end)
        .unwrap_or(range.start)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn lead_of(clause: &str) -> Option<Lead> {
        let t = Tokens::new(clause);
        lead(&t, 0..t.len())
    }

    #[test]
    fn purposes_wishes_and_conditions() {
        assert_eq!(lead_of("to add music"), Some(Lead::Purpose(1..3)));
        assert_eq!(lead_of("如果要加音乐"), Some(Lead::Purpose(3..6)));
        assert_eq!(
            lead_of("if you'd like to adjust it further"),
            Some(Lead::Wish)
        );
        assert_eq!(lead_of("如果您想进一步调整"), Some(Lead::Wish));
        assert_eq!(lead_of("and when you're happy"), Some(Lead::Condition));
        assert_eq!(lead_of("满意后"), Some(Lead::Condition));
        assert_eq!(lead_of("I added music"), None);
        assert_eq!(lead_of("to"), None);
    }

    #[test]
    fn capabilities() {
        let yes = |c: &str| {
            let t = Tokens::new(c);
            is_capability(&t, 0..t.len())
        };
        assert!(yes("you can drag clips"));
        assert!(yes("and you can also drag clips"));
        assert!(yes("feel free to drag clips"));
        assert!(yes("您可以拖动片段"));
        assert!(!yes("drag the clip"));
    }

    #[test]
    fn wishes_after_a_step() {
        let t = Tokens::new("click Generate again if you want a different version");
        assert_eq!(wish_in(&t, 0..t.len()), Some(3));
        assert_eq!(wish_in(&t, 0..3), None);
    }

    #[test]
    fn every_pattern_is_well_formed() {
        for table in [
            &PURPOSE,
            &WISH,
            &CONDITION,
            &CONDITION_TAILS,
            &CAPABILITY,
            &JOINERS,
        ] {
            for pattern in table.patterns() {
                assert!(crate::intent::pattern::well_formed(pattern), "{pattern}");
            }
        }
    }
}
