//! Tokens of normalised text: English words, single Chinese characters, quoted spans and
//! clause breaks, each with its clause number and its bytes in the original input.
//!
//! Rules:
//! - a word is a run of letters and digits; an apostrophe between letters stays inside it
//!   (`don't`), and `:`, `.` or `/` between digits too (`16:9`, `1.5`, `16/9`); a hyphen splits
//!   (`re-export` → `re`, `export`);
//! - every Chinese character is a token of its own, so Chinese phrases match as character runs;
//! - text between paired quotation marks is one [`Kind::Quoted`] token (its text is the inside,
//!   its source bytes include the marks): what a person wants
//!   written on screen is content, never a command. Double quotes pair in order of appearance;
//!   a single quote only opens before a word and after a non-word, and only closes after one, so
//!   apostrophes (`don't`, `photos'`) are never taken for quotes. An unpaired mark is ignored;
//! - `, ; . ! ? :` and their Chinese forms, `、`, `…` and line breaks end a clause, and so do the
//!   turning words `but`, `however`, `though`, `although`, `then`, `但`, `不过`, `然后`, `可是`:
//!   a negation or a question in one clause says nothing about the next.

use std::ops::Range;

use super::normalize::{NormChar, normalize};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters and digits (English words, numbers, `1080p`, `16:9`).
    Word,
    /// One Chinese character.
    Han,
    /// The inside of a pair of quotation marks, as one token.
    Quoted,
    /// Punctuation that ends a clause.
    Break,
}

/// One token: its kind, its normalised text and where it came from.
#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    norm: Range<usize>,
    orig: Range<usize>,
    clause: u32,
}

/// The tokens of one input, with the normalised text they point into.
#[derive(Debug, Clone)]
pub(crate) struct Tokens {
    norm: String,
    list: Vec<Token>,
}

/// Words that open a new clause (they belong to the clause they open).
const TURNING_WORDS: &[&str] = &["but", "however", "though", "although", "then"];
/// Chinese turning words, as character runs.
const TURNING_HAN: &[&str] = &["但", "不过", "然后", "可是"];

impl Tokens {
    /// Normalises and tokenises `input`.
    pub(crate) fn new(input: &str) -> Tokens {
        let chars = normalize(input);
        let quotes = quote_spans(&chars);
        let mut tokens = Tokens {
            norm: String::with_capacity(input.len()),
            list: Vec::new(),
        };
        let mut i = 0;
        while let Some(nc) = chars.get(i) {
            if let Some(&(_, close)) = quotes.iter().find(|(open, _)| *open == i) {
                let inner = chars.get(i + 1..close).unwrap_or_default();
                let end = chars.get(close).map_or(nc.orig.end, |c| c.orig.end);
                tokens.push(Kind::Quoted, inner, nc.orig.start..end);
                i = close + 1;
            } else if is_han(nc.c) {
                tokens.push(Kind::Han, std::slice::from_ref(nc), nc.orig.clone());
                i += 1;
            } else if nc.c.is_alphanumeric() {
                let end = word_end(&chars, i);
                let run = chars.get(i..end).unwrap_or_default();
                let orig = nc.orig.start..run.last().map_or(nc.orig.end, |l| l.orig.end);
                tokens.push(Kind::Word, run, orig);
                i = end;
            } else {
                if is_break(nc.c) && tokens.list.last().is_some_and(|t| t.kind != Kind::Break) {
                    tokens.push(Kind::Break, &[], nc.orig.clone());
                }
                i += 1;
            }
        }
        tokens.number_clauses();
        tokens
    }

    fn push(&mut self, kind: Kind, chars: &[NormChar], orig: Range<usize>) {
        let start = self.norm.len();
        self.norm.extend(chars.iter().map(|n| n.c));
        self.list.push(Token {
            kind,
            norm: start..self.norm.len(),
            orig,
            clause: 0,
        });
    }

    /// Gives every token its clause number: breaks and turning words start a new clause.
    fn number_clauses(&mut self) {
        let mut clause = 0;
        for i in 0..self.list.len() {
            let turns = TURNING_WORDS.contains(&self.text(i))
                || TURNING_HAN.iter().any(|w| self.han_run_at(i, w));
            if turns && i > 0 {
                clause += 1;
            }
            let is_break = self.kind(i) == Some(Kind::Break);
            if let Some(t) = self.list.get_mut(i) {
                t.clause = clause;
            }
            if is_break {
                clause += 1;
            }
        }
    }

    /// Whether the Chinese characters of `run` appear as tokens from `i` on.
    fn han_run_at(&self, i: usize, run: &str) -> bool {
        run.chars()
            .enumerate()
            .all(|(k, c)| self.kind(i + k) == Some(Kind::Han) && self.text(i + k).starts_with(c))
    }

    /// How many tokens there are.
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// The normalised text of token `i`; empty for a break or past the end.
    pub(crate) fn text(&self, i: usize) -> &str {
        self.list
            .get(i)
            .and_then(|t| self.norm.get(t.norm.clone()))
            .unwrap_or_default()
    }

    /// The kind of token `i`.
    pub(crate) fn kind(&self, i: usize) -> Option<Kind> {
        self.list.get(i).map(|t| t.kind)
    }

    /// Whether token `i` is a word or a Chinese character (something a keyword can match).
    pub(crate) fn is_text(&self, i: usize) -> bool {
        matches!(self.kind(i), Some(Kind::Word | Kind::Han))
    }

    /// The bytes of the original input that token `i` came from.
    pub(crate) fn orig(&self, i: usize) -> Option<Range<usize>> {
        self.list.get(i).map(|t| t.orig.clone())
    }

    /// The clause number of token `i`.
    pub(crate) fn clause(&self, i: usize) -> Option<u32> {
        self.list.get(i).map(|t| t.clause)
    }

    /// The range of token indices of the clause that holds token `i`, its break excluded.
    pub(crate) fn clause_range(&self, i: usize) -> Range<usize> {
        let Some(clause) = self.clause(i) else {
            return i..i;
        };
        let same =
            |j: &usize| self.clause(*j) == Some(clause) && self.kind(*j) != Some(Kind::Break);
        let start = (0..i).rev().take_while(same).last().unwrap_or(i);
        let end = (i..self.len()).take_while(same).last().map_or(i, |j| j + 1);
        start..end
    }
}

/// Whether `c` is a Chinese (CJK) character.
pub(crate) fn is_han(c: char) -> bool {
    matches!(u32::from(c),
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Whether `c` ends a clause.
fn is_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | '.' | '!' | '?' | ':' | '。' | '、' | '…' | '\n' | '\r' | '｡'
    )
}

/// Where the word starting at `start` ends: letters and digits, plus the joins of the rules.
fn word_end(chars: &[NormChar], start: usize) -> usize {
    let at = |i: usize| chars.get(i).map(|n| n.c);
    let wordish = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !is_han(c));
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let mut end = start;
    loop {
        if wordish(at(end)) {
            end += 1;
            continue;
        }
        let joins = match at(end) {
            Some('\'') => end > start && wordish(at(end - 1)) && wordish(at(end + 1)),
            Some(':' | '.' | '/') => end > start && digit(at(end - 1)) && digit(at(end + 1)),
            _ => false,
        };
        if !joins {
            return end;
        }
        end += 1;
    }
}

/// The pairs of quotation marks, as (opening index, closing index), in order.
fn quote_spans(chars: &[NormChar]) -> Vec<(usize, usize)> {
    let word = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|n| n.c.is_alphanumeric())
    };
    // One list per kind of quote: a kind's pairs follow one another, so each list is in order.
    let (mut doubles, mut singles) = (Vec::new(), Vec::new());
    let mut open_double: Option<usize> = None;
    let mut open_single: Option<usize> = None;
    for (i, nc) in chars.iter().enumerate() {
        match nc.c {
            '"' => match open_double.take() {
                Some(open) => {
                    // A double pair wins over a single quote opened inside it.
                    open_single = open_single.filter(|&s| s < open);
                    doubles.push((open, i));
                }
                None => open_double = Some(i),
            },
            '\'' => {
                let before = word(i.checked_sub(1));
                let after = word(Some(i + 1));
                match open_single {
                    Some(open) if before && !after => {
                        singles.push((open, i));
                        open_single = None;
                    }
                    None if !before && after => open_single = Some(i),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    // Merged in order of opening, keeping outermost spans only: a span inside another is part
    // of its content.
    let mut outer: Vec<(usize, usize)> = Vec::with_capacity(doubles.len() + singles.len());
    let (mut doubles, mut singles) = (
        doubles.into_iter().peekable(),
        singles.into_iter().peekable(),
    );
    loop {
        let span = match (doubles.peek(), singles.peek()) {
            (Some(double), Some(single)) if single < double => singles.next(),
            (Some(_), _) => doubles.next(),
            (None, _) => singles.next(),
        };
        let Some(span) = span else {
            return outer;
        };
        if outer.last().is_none_or(|&(_, close)| span.0 > close) {
            outer.push(span);
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn texts(input: &str) -> Vec<String> {
        let t = Tokens::new(input);
        (0..t.len())
            .map(|i| match t.kind(i) {
                Some(Kind::Break) => "|".to_owned(),
                Some(Kind::Quoted) => format!("<{}>", t.text(i)),
                _ => t.text(i).to_owned(),
            })
            .collect()
    }

    #[test]
    fn words_keep_apostrophes_ratios_and_decimals() {
        assert_eq!(
            texts("Don't export 16:9 at 1.5x, re-export!"),
            [
                "don't", "export", "16:9", "at", "1.5x", "|", "re", "export", "|"
            ]
        );
    }

    #[test]
    fn chinese_splits_into_characters_and_ascii_runs() {
        assert_eq!(texts("导出1080p吧"), ["导", "出", "1080p", "吧"]);
    }

    #[test]
    fn quoted_spans_become_one_token() {
        assert_eq!(
            texts("add a title that says \"Export Sale\""),
            ["add", "a", "title", "that", "says", "<export sale>"]
        );
        assert_eq!(
            texts("加个标题「导出特惠」"),
            ["加", "个", "标", "题", "<导出特惠>"]
        );
        assert_eq!(
            texts("title 'Export now' please"),
            ["title", "<export now>", "please"]
        );
    }

    #[test]
    fn quotes_inside_quotes_are_content_whichever_kind_is_outside() {
        assert_eq!(
            texts("say 'a \"b\" c' and \"d 'e' f\" then 'g'"),
            ["say", "<a \"b\" c>", "and", "<d 'e' f>", "then", "<g>"]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            texts("the photos' colours, don't 'export'"),
            ["the", "photos", "colours", "|", "don't", "<export>"]
        );
        assert_eq!(texts("an \"unpaired quote"), ["an", "unpaired", "quote"]);
    }

    #[test]
    fn breaks_and_turning_words_separate_clauses() {
        let t = Tokens::new("don't export yet, first add music but then export");
        let clause_of = |w: &str| {
            (0..t.len())
                .find(|&i| t.text(i) == w)
                .and_then(|i| t.clause(i))
        };
        assert_eq!(clause_of("don't"), clause_of("yet"));
        assert_ne!(clause_of("yet"), clause_of("first"));
        assert_ne!(clause_of("music"), clause_of("but"));
        assert_eq!(t.clause_range(0), 0..3);
        let zh = Tokens::new("先别导出，但是加音乐");
        assert_ne!(zh.clause(2), zh.clause(6));
    }

    #[test]
    fn tokens_point_back_into_the_input() {
        let input = "Ｃｌｉｃｋ “Export”";
        let t = Tokens::new(input);
        assert_eq!(t.text(0), "click");
        assert_eq!(t.orig(0).and_then(|r| input.get(r)), Some("Ｃｌｉｃｋ"));
        assert_eq!(t.orig(1).and_then(|r| input.get(r)), Some("“Export”"));
        assert_eq!(t.text(1), "export");
    }
}
