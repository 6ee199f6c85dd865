//! The router's and the GUI translator's view of a text: [`i2v_text`]'s tokens as words, Chinese
//! characters, quotes and clause breaks, each with its clause number and its bytes in the input.
//!
//! How a text is read (folding, quotes, what a word and a number are) is `i2v_text`'s. This view
//! adds what the keyword tables need:
//! - a number is a word to the tables, spelled by its digits (`1080`, the `4` of `mp4`);
//! - a quote is one [`Kind::Quoted`] token (its text is the inside, verbatim; its source bytes
//!   include the marks): what a person wants written on screen is content, never a command;
//! - `, ; . ! ? :` (and the Chinese and full-width forms that fold onto them), `…` and line breaks
//!   end a clause, a run of them one break; but `:`, `.` or `/` right between two numbers (`16:9`,
//!   `10:30`, `16/9`) ends nothing: it is a [`Kind::Mark`], which the export options read as a
//!   ratio;
//! - other symbols are left out, so the tables match across decoration (`click **Generate**`);
//! - the turning words `but`, `however`, `though`, `although`, `then`, `但`, `不过`, `然后`, `可是`
//!   end a clause too: a negation or a question in one clause says nothing about the next.

use std::ops::Range;

use i2v_text::fold::fold_char;
use i2v_text::tokens::{Tok, Token as Read};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word or a number (`export`, `1080`, `p`).
    Word,
    /// One Chinese character.
    Han,
    /// The inside of a pair of quotation marks, as one token.
    Quoted,
    /// A mark between two numbers (`:` of `16:9`).
    Mark,
    /// Punctuation that ends a clause.
    Break,
}

/// One token: its kind, its text and where it came from.
#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    norm: Range<usize>,
    orig: Range<usize>,
    clause: u32,
}

/// The tokens of one input, with the text they point into.
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
    /// Reads `input` (see the module docs for the view).
    pub(crate) fn new(input: &str) -> Tokens {
        let i2v_text::Reading {
            tokens: read,
            quotes,
        } = i2v_text::read(input);
        let mut tokens = Tokens {
            norm: String::with_capacity(input.len()),
            list: Vec::with_capacity(read.len()),
        };
        for (i, token) in read.iter().enumerate() {
            let orig = token.start..token.end;
            match token.tok {
                Tok::Word(ref word) => tokens.push(Kind::Word, orig, |norm| norm.push_str(word)),
                Tok::Num(_) => {
                    // The digits as typed, folded (`１０８０` is `1080`): the tables spell numbers so.
                    let digits = input.get(orig.clone()).unwrap_or_default();
                    tokens.push(Kind::Word, orig, |norm| {
                        norm.extend(digits.chars().map(fold_char))
                    });
                }
                Tok::Han(c) => tokens.push(Kind::Han, orig, |norm| norm.push(c)),
                Tok::Quote(q) => {
                    let inside = quotes.get(q).map_or("", String::as_str);
                    tokens.push(Kind::Quoted, orig, |norm| norm.push_str(inside));
                }
                Tok::Sym(c @ (':' | '.' | '/')) if between_numbers(&read, i) => {
                    tokens.push(Kind::Mark, orig, |norm| norm.push(c));
                }
                Tok::Sym(c) => {
                    if is_break(c) && tokens.list.last().is_some_and(|t| t.kind != Kind::Break) {
                        tokens.push(Kind::Break, orig, |_| {});
                    }
                }
            }
        }
        tokens.number_clauses();
        tokens
    }

    /// Adds a token whose text `write` appends to the text.
    fn push(&mut self, kind: Kind, orig: Range<usize>, write: impl FnOnce(&mut String)) {
        let start = self.norm.len();
        write(&mut self.norm);
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
            // A quote's text is content: "then" in quotes turns nothing.
            let word = self.kind(i) == Some(Kind::Word);
            let turns = (word && TURNING_WORDS.contains(&self.text(i)))
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

/// Whether the symbol read at `i` stands right between two numbers, touching both.
fn between_numbers(read: &[Read], i: usize) -> bool {
    let number = |j: Option<usize>| j.and_then(|j| read.get(j)).filter(|t| t.number().is_some());
    match (number(i.checked_sub(1)), read.get(i), number(Some(i + 1))) {
        (Some(before), Some(mark), Some(after)) => {
            before.end == mark.start && mark.end == after.start
        }
        _ => false,
    }
}

/// Whether the symbol `c` ends a clause.
fn is_break(c: char) -> bool {
    matches!(c, ',' | ';' | '.' | '!' | '?' | ':' | '…' | '\n')
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
    fn numbers_are_words_and_marks_between_them_are_no_breaks() {
        assert_eq!(
            texts("Don't export 16:9 at 1.5x, re-export!"),
            [
                "don't", "export", "16", ":", "9", "at", "1.5", "x", "|", "re", "export", "|"
            ]
        );
        assert_eq!(texts("导出１０８０p吧"), ["导", "出", "1080", "p", "吧"]);
        assert_eq!(
            texts("at 10:30. then 16 : 9"),
            ["at", "10", ":", "30", "|", "then", "16", "|", "9"]
        );
    }

    #[test]
    fn quoted_spans_become_one_token() {
        assert_eq!(
            texts("add a title that says \"Export Sale\""),
            ["add", "a", "title", "that", "says", "<Export Sale>"]
        );
        assert_eq!(
            texts("加个标题「导出特惠」"),
            ["加", "个", "标", "题", "<导出特惠>"]
        );
        assert_eq!(
            texts("the photos' colours, don't 'export'"),
            ["the", "photos", "colours", "|", "don't", "<export>"]
        );
    }

    #[test]
    fn decoration_is_left_out_and_breaks_collapse() {
        assert_eq!(
            texts("Simply click **Generate** (now) & \"export!!! ok"),
            ["simply", "click", "generate", "now", "export", "|", "ok"]
        );
        assert_eq!(texts("，导出。。"), ["导", "出", "|"]);
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
        assert_eq!(t.text(1), "Export");
    }
}
