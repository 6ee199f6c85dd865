//! A tiny pattern language over [`Tokens`], so the keyword tables read like the phrases they match.
//!
//! Grammar: a pattern is slots separated by spaces. A slot lists alternatives separated by `|`;
//! in `[...]` it is optional. An alternative is matched piece by piece, split as the tokens are:
//! a run of letters is one word token, a run of digits one number (`mp4` is `mp` then `4`), each
//! Chinese character one character token. So
//! `show|list [me] [the] tracks|timeline` matches "show me the timeline", and
//! `查看|看看 [一下] 时间线|轨道` matches "看看一下时间线". Nothing matches across a clause break
//! or inside quotes, because only word and character tokens can match a piece.
//!
//! Matching is greedy and reports the longest match from a start; the patterns are short, so the
//! backtracking over optional slots stays small. A table scanned at every token is indexed by
//! the token its patterns can start with ([`Index`]), so a scan tries only the few that can.

use std::collections::HashMap;
use std::str::Split;
use std::sync::OnceLock;

use i2v_text::han::is_han;

use super::tokens::Tokens;

/// The end (exclusive token index) of the longest match of `pattern` starting at token `start`.
pub(crate) fn match_at(pattern: &str, tokens: &Tokens, start: usize) -> Option<usize> {
    match_slots(pattern.split(' '), tokens, start)
}

/// Whether any of `patterns` matches at token `start`; gives the longest end.
pub(crate) fn any_at(patterns: &[&str], tokens: &Tokens, start: usize) -> Option<usize> {
    patterns
        .iter()
        .filter_map(|p| match_at(p, tokens, start))
        .max()
}

/// The patterns of a table by the first token they can match, built once per table.
#[derive(Debug, Default)]
pub(crate) struct Index {
    by_first: HashMap<&'static str, Vec<usize>>,
    /// Patterns whose first slot is optional: they may start anywhere.
    anywhere: Vec<usize>,
}

impl Index {
    /// Indexes `patterns` by position in the slice.
    pub(crate) fn new<'p>(patterns: impl IntoIterator<Item = &'p &'static str>) -> Index {
        let mut index = Index::default();
        for (n, pattern) in patterns.into_iter().enumerate() {
            let first = pattern
                .split(' ')
                .find(|slot| !slot.is_empty())
                .unwrap_or_default();
            if first.starts_with('[') {
                index.anywhere.push(n);
                continue;
            }
            for alternative in first.split('|') {
                if let Some(piece) = pieces(alternative).next() {
                    let list = index.by_first.entry(piece).or_default();
                    if !list.contains(&n) {
                        list.push(n);
                    }
                }
            }
        }
        index
    }

    /// The patterns that can start at a token with text `first`, in table order within each of
    /// the two groups (indexed first, then those that may start anywhere).
    pub(crate) fn candidates<'a>(&'a self, first: &str) -> impl Iterator<Item = usize> + 'a {
        let indexed = self
            .by_first
            .get(first)
            .map(Vec::as_slice)
            .unwrap_or_default();
        indexed.iter().chain(&self.anywhere).copied()
    }
}

/// A table of patterns scanned at every token, with its [`Index`] built on first use.
///
/// Declare tables as `static` so the index is built once: a `const` would be a fresh copy, with
/// an empty index, at every use.
#[derive(Debug)]
pub(crate) struct Table {
    patterns: &'static [&'static str],
    index: OnceLock<Index>,
}

impl Table {
    /// A table of `patterns` (see the module docs for the grammar).
    pub(crate) const fn new(patterns: &'static [&'static str]) -> Table {
        Table {
            patterns,
            index: OnceLock::new(),
        }
    }

    /// The end of the longest match of any of the table's patterns at token `start`.
    pub(crate) fn at(&self, tokens: &Tokens, start: usize) -> Option<usize> {
        let index = self.index.get_or_init(|| Index::new(self.patterns));
        index
            .candidates(tokens.text(start))
            .filter_map(|n| match_at(self.patterns.get(n)?, tokens, start))
            .max()
    }

    /// The table's patterns.
    #[cfg(test)]
    pub(crate) fn patterns(&self) -> &'static [&'static str] {
        self.patterns
    }
}

fn match_slots(mut slots: Split<'_, char>, tokens: &Tokens, at: usize) -> Option<usize> {
    let slot = loop {
        match slots.next() {
            None => return Some(at),
            Some("") => continue,
            Some(slot) => break slot,
        }
    };
    let (alternatives, optional) = match slot.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        Some(inner) => (inner, true),
        None => (slot, false),
    };
    let mut best = None;
    for alternative in alternatives.split('|') {
        if let Some(next) = match_alternative(alternative, tokens, at) {
            best = best.max(match_slots(slots.clone(), tokens, next));
        }
    }
    if optional {
        best = best.max(match_slots(slots, tokens, at));
    }
    best
}

/// Matches one alternative's pieces against consecutive tokens; gives the index after them.
fn match_alternative(alternative: &str, tokens: &Tokens, at: usize) -> Option<usize> {
    let mut i = at;
    for piece in pieces(alternative) {
        if !tokens.is_text(i) || tokens.text(i) != piece {
            return None;
        }
        i += 1;
    }
    // An empty alternative (`a||b`) would match nothing and loop forever in callers.
    (i > at).then_some(i)
}

/// Splits an alternative into the pieces that match one token each.
fn pieces(alternative: &str) -> impl Iterator<Item = &str> {
    /// Which run a character belongs to: Chinese characters stand alone, digits and the rest
    /// (letters, apostrophes) make runs of their own, as [`i2v_text::tokens`] reads them.
    #[derive(PartialEq)]
    enum Run {
        Han,
        Digits,
        Letters,
    }
    let run = |c: char| match c {
        _ if is_han(c) => Run::Han,
        '0'..='9' => Run::Digits,
        _ => Run::Letters,
    };
    let mut rest = alternative;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let len = match run(first) {
            Run::Han => first.len_utf8(),
            kind => rest
                .char_indices()
                .find(|&(_, c)| run(c) != kind)
                .map_or(rest.len(), |(i, _)| i),
        };
        // `len` is a character boundary; the checked split keeps the browser build free of
        // `str` slicing's panic message (and the Unicode tables its `{:?}` brings).
        let (piece, tail) = rest.split_at_checked(len)?;
        rest = tail;
        Some(piece)
    })
}

/// Whether `pattern` follows the grammar: every slot is plain or wholly bracketed, with no empty
/// alternative. The tables' tests run it on every entry.
#[cfg(test)]
pub(crate) fn well_formed(pattern: &str) -> bool {
    pattern.split(' ').all(|slot| {
        let inner = slot
            .strip_prefix('[')
            .and_then(|s| s.strip_suffix(']'))
            .unwrap_or(slot);
        !inner.is_empty()
            && !inner.contains(['[', ']'])
            && inner.split('|').all(|alternative| !alternative.is_empty())
    })
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn longest(pattern: &str, text: &str) -> Option<usize> {
        match_at(pattern, &Tokens::new(text), 0)
    }

    #[test]
    fn alternatives_and_optional_slots() {
        let p = "show|list [me] [the] tracks|timeline";
        assert_eq!(longest(p, "show me the timeline"), Some(4));
        assert_eq!(longest(p, "list tracks now"), Some(2));
        assert_eq!(longest(p, "show the music"), None);
    }

    #[test]
    fn chinese_alternatives_match_character_runs() {
        let p = "查看|看看 [一下] 时间线|轨道";
        assert_eq!(longest(p, "看看一下时间线"), Some(7));
        assert_eq!(longest(p, "查看轨道吧"), Some(4));
        assert_eq!(longest("b站", "B站"), Some(2));
    }

    #[test]
    fn numbers_match_apart_from_the_letters_around_them() {
        assert_eq!(longest("mp4|h264", "H264 please"), Some(2));
        assert_eq!(longest("4k", "4K"), Some(2));
        assert_eq!(longest("1080", "1080p"), Some(1));
        assert_eq!(pieces("mp4s").collect::<Vec<_>>(), ["mp", "4", "s"]);
        assert_eq!(pieces("b站don't").collect::<Vec<_>>(), ["b", "站", "don't"]);
    }

    #[test]
    fn the_longest_match_wins() {
        assert_eq!(longest("export [it] [now]", "export it now"), Some(3));
        assert_eq!(
            any_at(&["export", "export it"], &Tokens::new("export it"), 0),
            Some(2)
        );
    }

    #[test]
    fn nothing_matches_across_breaks_or_quotes() {
        assert_eq!(longest("show tracks", "show, tracks"), None);
        assert_eq!(longest("export", "\"export\""), None);
        assert_eq!(longest("a||b", "b"), Some(1));
    }

    #[test]
    fn the_index_finds_every_pattern_that_can_start_at_a_token() {
        let table = ["show|list [me] tracks", "导出|下载", "[the] status", "b站"];
        let index = Index::new(&table);
        let of = |first: &str| index.candidates(first).collect::<Vec<_>>();
        assert_eq!(of("show"), [0, 2]);
        assert_eq!(of("导"), [1, 2]);
        assert_eq!(of("b"), [3, 2]);
        assert_eq!(of("status"), [2]);
        assert_eq!(of("other"), [2]);
    }

    #[test]
    fn tables_give_the_longest_match_of_any_pattern() {
        static TABLE: Table = Table::new(&["export", "export it", "[please] render"]);
        let t = Tokens::new("export it now, please render");
        assert_eq!(TABLE.at(&t, 0), Some(2));
        assert_eq!(TABLE.at(&t, 4), Some(6));
        assert_eq!(TABLE.at(&t, 5), Some(6));
        assert_eq!(TABLE.at(&t, 2), None);
    }

    #[test]
    fn malformed_patterns_are_caught() {
        assert!(well_formed("show|list [me] [the] tracks"));
        assert!(!well_formed("what [so far]"));
        assert!(!well_formed("a||b"));
        assert!(!well_formed("a  b"));
    }
}
