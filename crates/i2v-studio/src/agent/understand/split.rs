//! Cutting a message into clauses.
//!
//! A message may hold several instructions ("make it vertical and add a title 'Summer'"). It is
//! split into clauses at `, ; . ! ?`, line breaks and linking words ("and", "then", "also",
//! 然后, 并且, 另外, "y", "luego", それから …), except where what follows the break continues a
//! list the clause is making: another picture ("the second and third photos", "第二张、第三张",
//! "la tercera y la segunda foto"), another number ("photos 2 and 3"), "a half" ("a minute and
//! a half"), or the rest of a length of time ("1 minuto y 30 segundos"). 和 never splits:
//! "音乐和标题" is one list.
//!
//! Each break is judged by what stands near it, so that a message costs time in proportion to
//! its length (issue 21): the lengths of time of the clause are read once, left to right, as
//! the breaks go by; whether a reference starts right after a break is read from there with
//! what it is listed with remembered ([`super::leads`]); and whether the clause so far says
//! something of its own is kept up as it grows ([`super::said`]).

use std::ops::Range;

use super::leads::Leads;
use super::said::{Said, says_something};
use crate::agent::text::numbers::duration_at;
use crate::agent::text::phrase::longest_at;
use crate::agent::text::tokens::Token;

const BREAK_SYMBOLS: [char; 6] = [',', ';', '.', '!', '?', '\n'];
const BREAK_WORDS: &[&str] = &[
    "and", "then", "also", "plus", "but", "&", "然后", "并且", "而且", "同时", "另外", "还有",
    "以及", "接着", "之后", "还要", "并",
];
/// Linking words in Spanish and Japanese (see [`BREAK_WORDS`]).
#[rustfmt::skip]
const BREAK_WORDS_ES_JA: &[&str] = &[
    "y", "luego", "también", "además", "pero", "それから", "そして", "あと", "それと",
];

/// A clause: its tokens, and whether a linking word ("and", 以及 …) joins it to the one
/// before, rather than punctuation alone.
pub(crate) struct Span {
    /// The clause's tokens.
    pub(crate) range: Range<usize>,
    /// Whether it is linked to the previous clause by a word.
    pub(crate) linked: bool,
}

/// Splits the tokens of a message into clauses, by the rules above.
pub(crate) fn split(tokens: &[Token]) -> Vec<Span> {
    let mut clauses = Vec::new();
    let mut clause = Open::new(tokens, 0);
    let mut leads = Leads::new(tokens);
    let mut linked = false;
    let mut i = 0;
    while i < tokens.len() {
        let Some(end) = break_at(tokens, i) else {
            i += 1;
            continue;
        };
        // A run of breaks (", and then") counts as one.
        let mut after = end;
        while let Some(next) = break_at(tokens, after) {
            after = next;
        }
        if continues_list(&mut clause, &mut leads, i, after) {
            i = after;
            continue;
        }
        if i > clause.start {
            clauses.push(Span {
                range: clause.start..i,
                linked,
            });
        }
        let run = tokens.get(i..after).unwrap_or_default();
        linked = run
            .iter()
            .any(|token| token.word().is_some() || token.is_chinese());
        clause = Open::new(tokens, after);
        i = after;
    }
    if clause.start < tokens.len() {
        clauses.push(Span {
            range: clause.start..tokens.len(),
            linked,
        });
    }
    clauses
}

/// The clause being read: where it starts, its lengths of time read so far, and what it says.
struct Open<'t> {
    tokens: &'t [Token],
    /// Its first token.
    start: usize,
    /// The next token the reading of lengths of time looks at (they are read as
    /// `numbers::durations` reads them: left to right, none overlapping).
    next_duration: usize,
    /// The last length of time read: (start, end).
    last_duration: Option<(usize, usize)>,
    /// Whether the clause so far says something of its own.
    said: Said<'t>,
}

impl<'t> Open<'t> {
    fn new(tokens: &'t [Token], start: usize) -> Open<'t> {
        Open {
            tokens,
            start,
            next_duration: start,
            last_duration: None,
            said: Said::new(tokens, start),
        }
    }

    /// Whether a length of time of the clause (read from its start to the message's end)
    /// spans token `at`; `at` never goes back between calls.
    fn duration_spans(&mut self, at: usize) -> bool {
        while self.next_duration < at {
            let from = self.next_duration;
            match duration_at(self.tokens, from) {
                Some((_, end)) => {
                    self.last_duration = Some((from, end));
                    self.next_duration = end.max(from + 1);
                }
                None => self.next_duration = from + 1,
            }
        }
        self.last_duration.is_some_and(|(s, e)| s < at && at < e)
    }
}

fn break_at(tokens: &[Token], at: usize) -> Option<usize> {
    let symbol = tokens
        .get(at)
        .is_some_and(|t| BREAK_SYMBOLS.iter().any(|&c| t.is_sym(c)));
    if symbol {
        return Some(at + 1);
    }
    longest_at(tokens, at, BREAK_WORDS).or_else(|| longest_at(tokens, at, BREAK_WORDS_ES_JA))
}

/// Whether the break from `at` to `after`, in the clause open, sits inside a list or a length
/// of time.
fn continues_list(clause: &mut Open<'_>, leads: &mut Leads<'_>, at: usize, after: usize) -> bool {
    let tokens = clause.tokens;
    if longest_at(tokens, after, &["a half", "half", "medio", "media"]).is_some() {
        return true;
    }
    // "1 minuto y 30 segundos" is one length of time.
    if clause.duration_spans(at) {
        return true;
    }
    let numbers_around = at
        .checked_sub(1)
        .and_then(|before| tokens.get(before))
        .is_some_and(|t| t.number().is_some())
        && tokens.get(after).is_some_and(|t| t.number().is_some());
    if numbers_around {
        return true;
    }
    // A reference right after the break continues a list of pictures, unless both sides say
    // something of their own: "make the first photo 2 s longer and the last one shorter" is two
    // instructions, "make the first and last photos 2 s" one.
    let rest = tokens.get(after..).unwrap_or_default();
    let leading = match leads.first_ref(after) {
        Some(0) => true,
        Some(1) => longest_at(rest, 0, &["the", "la", "el", "las"]).is_some(),
        _ => false,
    };
    if !leading {
        return false;
    }
    let next_part = rest
        .get(
            ..(0..rest.len())
                .find(|&i| break_at(rest, i).is_some())
                .unwrap_or(rest.len()),
        )
        .unwrap_or_default();
    !(says_something(next_part) && clause.said.says_before(at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::text::read;

    fn clauses(text: &str) -> Vec<String> {
        let message = read(text);
        split(&message.tokens)
            .into_iter()
            .map(|Span { range, .. }| {
                let first = message.tokens.get(range.start).map_or(0, |t| t.start);
                let last = message.tokens.get(range.end - 1).map_or(0, |t| t.end);
                message.slice(first, last).to_owned()
            })
            .collect()
    }

    #[test]
    fn instructions_split_at_breaks_and_linking_words() {
        assert_eq!(
            clauses("make it vertical and add a title 'Summer'"),
            ["make it vertical", "add a title 'Summer'"]
        );
        assert_eq!(
            clauses("加背景音乐，然后把标题删掉。"),
            ["加背景音乐", "把标题删掉"]
        );
        assert_eq!(
            clauses("remove the music, and then the title"),
            ["remove the music", "the title"]
        );
    }

    #[test]
    fn lists_and_lengths_of_time_stay_whole() {
        assert_eq!(
            clauses("remove the second and third photos"),
            ["remove the second and third photos"]
        );
        assert_eq!(clauses("delete photos 2 and 3"), ["delete photos 2 and 3"]);
        assert_eq!(clauses("删除第二张、第三张"), ["删除第二张、第三张"]);
        assert_eq!(
            clauses("make it a minute and a half"),
            ["make it a minute and a half"]
        );
        assert_eq!(clauses("音乐和标题都删掉"), ["音乐和标题都删掉"]);
        assert_eq!(
            clauses("add music, first make it vertical"),
            ["add music", "first make it vertical"]
        );
        assert_eq!(
            clauses("make the first photo 2 s longer and the last one shorter"),
            ["make the first photo 2 s longer", "the last one shorter"]
        );
        assert_eq!(
            clauses("1 minuto y 30 segundos"),
            ["1 minuto y 30 segundos"]
        );
    }

    #[test]
    fn a_clause_knows_whether_a_word_links_it() {
        let message = read("no music, calm music and a title");
        let linked: Vec<bool> = split(&message.tokens)
            .iter()
            .map(|span| span.linked)
            .collect();
        assert_eq!(linked, [false, false, true]);
    }
}
