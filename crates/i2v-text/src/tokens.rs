//! Tokens: the units the word lists are matched against.
//!
//! Rules:
//! - A run of letters (not Chinese) is one word. An apostrophe between two letters stays inside
//!   it as `'` ("don't", "don’t" and "don´t" all read `don't`), so "it's" is not "its".
//! - A run of ASCII digits, with at most one `.` followed by a digit, is one number (`2.5`);
//!   numbers too large to mean anything here are capped at 10^12. A number is a number whether a
//!   space follows it or not: `30s` reads like `30 s`, `1080p` like `1080 p`, `mp4` is `mp`, `4`.
//! - Every Chinese character is a token of its own: Chinese has no spaces, so phrases are
//!   matched character by character. Japanese kana are read the same way (as [`Tok::Han`]), so
//!   that a particle between two words (を, に, で, の) is a token of its own and not glued to
//!   them.
//! - A quote is one opaque token (see [`crate::quotes`]), so what a person wants written on
//!   screen never matches a keyword.
//! - Spaces, `-` and `_` only separate ("30-second", "lo-fi"). A line break (`\n`, `\r\n` or a
//!   lone `\r`) is the symbol `\n`; every other character is a symbol of its own (`,`, `%`, `:`,
//!   `/`, an unpaired quotation mark): `16:9` and `16/9` are a number, a symbol and a number.

use crate::fold::Folded;
use crate::quotes::Unit;

/// The largest number a token holds.
const NUMBER_CAP: f64 = 1e12;

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A word of letters, lowercased.
    Word(String),
    /// A number written in digits.
    Num(f64),
    /// One Chinese character, or one kana (see [`crate::han::is_cjk`]).
    Han(char),
    /// The quote with this index.
    Quote(usize),
    /// A symbol (`,`, `%`, `:`, a line break …).
    Sym(char),
}

/// A token and the bytes of the text it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// Where it starts in the text.
    pub start: usize,
    /// Where it ends in the text.
    pub end: usize,
}

impl Token {
    /// The word, if the token is one.
    pub fn word(&self) -> Option<&str> {
        match &self.tok {
            Tok::Word(word) => Some(word),
            _ => None,
        }
    }

    /// The number, if the token is one written in digits.
    pub fn number(&self) -> Option<f64> {
        match self.tok {
            Tok::Num(n) => Some(n),
            _ => None,
        }
    }

    /// Whether the token is this Chinese character.
    pub fn is_han(&self, c: char) -> bool {
        self.tok == Tok::Han(c)
    }

    /// Whether the token is a Chinese character.
    pub fn is_chinese(&self) -> bool {
        matches!(self.tok, Tok::Han(_))
    }

    /// Whether the token is this symbol.
    pub fn is_sym(&self, c: char) -> bool {
        self.tok == Tok::Sym(c)
    }
}

/// Whether `c` is a Chinese character or kana (re-exported from [`crate::han`] for the lists).
pub use crate::han::{is_cjk, is_han, is_kana};

/// Splits the units of a text into tokens.
pub fn tokenize(units: &[Unit]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(unit) = units.get(i) {
        let folded = match *unit {
            Unit::Quote { index, at, end } => {
                tokens.push(Token {
                    tok: Tok::Quote(index),
                    start: at,
                    end,
                });
                i += 1;
                continue;
            }
            Unit::Char(folded) => folded,
        };
        let c = folded.c;
        let next = if is_cjk(c) {
            tokens.push(single(Tok::Han(c), folded));
            i + 1
        } else if c.is_ascii_digit() {
            read_number(units, i, &mut tokens)
        } else if c.is_alphabetic() {
            read_word(units, i, &mut tokens)
        } else {
            let crlf = c == '\r' && char_at(units, i + 1).is_some_and(|n| n.c == '\n');
            if matches!(c, '\n' | '\r') && !crlf {
                tokens.push(single(Tok::Sym('\n'), folded));
            } else if !(c.is_whitespace() || matches!(c, '-' | '_')) {
                tokens.push(single(Tok::Sym(c), folded));
            }
            i + 1
        };
        i = next;
    }
    tokens
}

fn single(tok: Tok, folded: Folded) -> Token {
    Token {
        tok,
        start: folded.at,
        end: folded.end(),
    }
}

/// The folded character at `i`, if the unit there is one.
fn char_at(units: &[Unit], i: usize) -> Option<Folded> {
    match units.get(i) {
        Some(Unit::Char(folded)) => Some(*folded),
        _ => None,
    }
}

fn read_word(units: &[Unit], start: usize, tokens: &mut Vec<Token>) -> usize {
    let is_letter = |c: char| c.is_alphabetic() && !is_cjk(c);
    let mut word = String::new();
    let mut i = start;
    let mut end = 0;
    while let Some(folded) = char_at(units, i) {
        let apostrophe = matches!(folded.c, '\'' | '’' | '‘' | '´' | '`')
            && !word.is_empty()
            && char_at(units, i + 1).is_some_and(|n| is_letter(n.c));
        if is_letter(folded.c) {
            word.push(folded.c);
        } else if apostrophe {
            word.push('\'');
        } else {
            break;
        }
        end = folded.end();
        i += 1;
    }
    let begin = char_at(units, start).map_or(end, |f| f.at);
    tokens.push(Token {
        tok: Tok::Word(word),
        start: begin,
        end,
    });
    i
}

fn read_number(units: &[Unit], start: usize, tokens: &mut Vec<Token>) -> usize {
    let mut digits = String::new();
    let mut i = start;
    let mut end = 0;
    let mut seen_point = false;
    while let Some(folded) = char_at(units, i) {
        let point = folded.c == '.'
            && !seen_point
            && !digits.is_empty()
            && char_at(units, i + 1).is_some_and(|n| n.c.is_ascii_digit());
        if !(folded.c.is_ascii_digit() || point) {
            break;
        }
        seen_point |= point;
        digits.push(folded.c);
        end = folded.end();
        i += 1;
    }
    let value = value_of(&digits);
    let begin = char_at(units, start).map_or(end, |f| f.at);
    tokens.push(Token {
        tok: Tok::Num(value),
        start: begin,
        end,
    });
    i
}

/// The value of `digits` (ASCII digits, at most one `.`), at most [`NUMBER_CAP`].
///
/// Not `str::parse::<f64>`: its exact reading costs 14 KB of the gzipped browser build (the core's
/// JSON reader leaves it out for that reason). The digits are read as a whole number and divided
/// by the power of ten of the decimals; both are exact in an `f64` up to 15 digits, and one
/// division rounds once, so up to 15 digits the value is the one `parse` gives.
fn value_of(digits: &str) -> f64 {
    /// Digits past these are dropped: they change nothing a person means by a number.
    const KEPT_DIGITS: u32 = 15;
    let (whole, decimals) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.len() > 13 {
        return NUMBER_CAP;
    }
    let (mut number, mut kept, mut scale) = (0u64, 0u32, 1.0f64);
    for (i, b) in whole.bytes().chain(decimals.bytes()).enumerate() {
        if kept == KEPT_DIGITS {
            break;
        }
        number = number * 10 + u64::from(b - b'0');
        kept += 1;
        if i >= whole.len() {
            scale *= 10.0;
        }
    }
    (number as f64 / scale).min(NUMBER_CAP)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::read;

    fn toks(text: &str) -> Vec<Tok> {
        read(text).tokens.into_iter().map(|t| t.tok).collect()
    }

    fn w(word: &str) -> Tok {
        Tok::Word(word.to_owned())
    }

    #[test]
    fn words_numbers_han_quotes_and_symbols() {
        assert_eq!(
            toks("Make it 2.5s, don't!"),
            [
                w("make"),
                w("it"),
                Tok::Num(2.5),
                w("s"),
                Tok::Sym(','),
                w("don't"),
                Tok::Sym('!')
            ]
        );
        assert_eq!(
            toks("第3张 'Hi'"),
            [Tok::Han('第'), Tok::Num(3.0), Tok::Han('张'), Tok::Quote(0)]
        );
        assert_eq!(
            toks("30-second lo_fi 9:16 20% 16/9"),
            [
                Tok::Num(30.0),
                w("second"),
                w("lo"),
                w("fi"),
                Tok::Num(9.0),
                Tok::Sym(':'),
                Tok::Num(16.0),
                Tok::Num(20.0),
                Tok::Sym('%'),
                Tok::Num(16.0),
                Tok::Sym('/'),
                Tok::Num(9.0),
            ]
        );
    }

    #[test]
    fn numbers_part_from_the_letters_around_them() {
        assert_eq!(
            toks("Export 1080p MP4 at 1.5x"),
            [
                w("export"),
                Tok::Num(1080.0),
                w("p"),
                w("mp"),
                Tok::Num(4.0),
                w("at"),
                Tok::Num(1.5),
                w("x")
            ]
        );
        assert_eq!(
            toks("导出1080p吧"),
            [
                Tok::Han('导'),
                Tok::Han('出'),
                Tok::Num(1080.0),
                w("p"),
                Tok::Han('吧')
            ]
        );
    }

    #[test]
    fn apostrophes_stay_inside_words_whichever_mark_was_typed() {
        assert_eq!(
            toks("don’t it´s we`ll"),
            [w("don't"), w("it's"), w("we'll")]
        );
        assert_eq!(
            toks("photos' re-export"),
            [w("photos"), Tok::Sym('\''), w("re"), w("export")]
        );
    }

    #[test]
    fn numbers_read_as_the_standard_library_reads_them() {
        for text in [
            "0",
            "7",
            "2.5",
            "0.1",
            "0.3",
            "1.005",
            "30",
            "1920",
            "99.99",
            "123456.789012",
        ] {
            assert_eq!(value_of(text), text.parse::<f64>().unwrap(), "{text}");
        }
        assert_eq!(value_of("99999999999999999999"), NUMBER_CAP);
        assert_eq!(value_of("1000000000001"), NUMBER_CAP);
        assert_eq!(toks("０.５"), [Tok::Num(0.5)]);
    }

    #[test]
    fn a_trailing_point_is_not_part_of_the_number() {
        assert_eq!(toks("3. ok"), [Tok::Num(3.0), Tok::Sym('.'), w("ok")]);
        assert_eq!(toks("1.2.3"), [Tok::Num(1.2), Tok::Sym('.'), Tok::Num(3.0)]);
    }

    #[test]
    fn every_kind_of_line_break_is_one_symbol() {
        let breaks = [Tok::Num(1.0), Tok::Sym('\n'), Tok::Num(2.0)];
        assert_eq!(toks("1\n2"), breaks);
        assert_eq!(toks("1\r\n2"), breaks);
        assert_eq!(toks("1\r2"), breaks);
    }

    #[test]
    fn kana_are_one_token_each_and_accented_letters_stay_in_words() {
        assert_eq!(
            toks("動画を作って"),
            [
                Tok::Han('动'),
                Tok::Han('画'),
                Tok::Han('を'),
                Tok::Han('作'),
                Tok::Han('っ'),
                Tok::Han('て')
            ]
        );
        assert_eq!(toks("Música vídeo"), [w("música"), w("vídeo")]);
    }

    #[test]
    fn tokens_point_at_their_bytes() {
        let text = "Add 標題 “Export”";
        let tokens = read(text).tokens;
        assert_eq!((tokens[0].start, tokens[0].end), (0, 3));
        assert_eq!(&text[tokens[2].start..tokens[2].end], "題");
        assert!(tokens[2].is_han('题'));
        assert_eq!(&text[tokens[3].start..tokens[3].end], "“Export”");
    }
}
