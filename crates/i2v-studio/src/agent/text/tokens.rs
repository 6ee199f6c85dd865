//! Tokens: the units the word lists are matched against.
//!
//! Rules:
//! - A run of letters (not Chinese) is one word; an apostrophe between letters is dropped, so
//!   "don't" reads as `dont`.
//! - A run of ASCII digits, with at most one `.` followed by a digit, is one number (`2.5`);
//!   numbers too large to mean anything here are capped at 10^12.
//! - Every Chinese character is a token of its own: Chinese has no spaces, so phrases are
//!   matched character by character.
//! - A quote is one opaque token, so what a person wants written on screen never matches a
//!   keyword.
//! - Spaces, `-`, `_` and `/` only separate ("30-second", "lo-fi"); a line break and every other
//!   symbol is a token of its own (`,`, `%`, `:`).

use super::fold::Folded;
use super::quotes::Unit;

/// The largest number a token holds.
const NUMBER_CAP: f64 = 1e12;

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    /// A word of letters, lowercased.
    Word(String),
    /// A number written in digits.
    Num(f64),
    /// One Chinese character.
    Han(char),
    /// The quote with this index.
    Quote(usize),
    /// A symbol that carries meaning (`,`, `%`, `:`, a line break …).
    Sym(char),
}

/// A token and the bytes of the message it came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    /// The token.
    pub(crate) tok: Tok,
    /// Where it starts in the message.
    pub(crate) start: usize,
    /// Where it ends in the message.
    pub(crate) end: usize,
}

impl Token {
    /// The word, if the token is one.
    pub(crate) fn word(&self) -> Option<&str> {
        match &self.tok {
            Tok::Word(word) => Some(word),
            _ => None,
        }
    }

    /// The number, if the token is one written in digits.
    pub(crate) fn number(&self) -> Option<f64> {
        match self.tok {
            Tok::Num(n) => Some(n),
            _ => None,
        }
    }

    /// Whether the token is this Chinese character.
    pub(crate) fn is_han(&self, c: char) -> bool {
        self.tok == Tok::Han(c)
    }

    /// Whether the token is a Chinese character.
    pub(crate) fn is_chinese(&self) -> bool {
        matches!(self.tok, Tok::Han(_))
    }

    /// Whether the token is this symbol.
    pub(crate) fn is_sym(&self, c: char) -> bool {
        self.tok == Tok::Sym(c)
    }
}

/// Whether `c` is a Chinese character (the CJK ideograph blocks, and 〇).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '〇')
}

/// Splits the units of a message into tokens.
pub(crate) fn tokenize(units: &[Unit]) -> Vec<Token> {
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
        let next = if is_han(c) {
            tokens.push(single(Tok::Han(c), folded));
            i + 1
        } else if c.is_ascii_digit() {
            read_number(units, i, &mut tokens)
        } else if c.is_alphabetic() {
            read_word(units, i, &mut tokens)
        } else {
            if c == '\n' || !(c.is_whitespace() || matches!(c, '-' | '_' | '/')) {
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
    let is_letter = |c: char| c.is_alphabetic() && !is_han(c);
    let mut word = String::new();
    let mut i = start;
    let mut end = 0;
    while let Some(folded) = char_at(units, i) {
        let apostrophe = matches!(folded.c, '\'' | '’')
            && !word.is_empty()
            && char_at(units, i + 1).is_some_and(|n| is_letter(n.c));
        if is_letter(folded.c) {
            word.push(folded.c);
        } else if !apostrophe {
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
    let value = digits.parse::<f64>().unwrap_or(0.0).min(NUMBER_CAP);
    let begin = char_at(units, start).map_or(end, |f| f.at);
    tokens.push(Token {
        tok: Tok::Num(value),
        start: begin,
        end,
    });
    i
}

#[cfg(test)]
mod tests {
    use super::super::fold::fold;
    use super::super::quotes::extract;
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        let (units, _) = extract(text, &fold(text));
        tokenize(&units).into_iter().map(|t| t.tok).collect()
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
                w("dont"),
                Tok::Sym('!')
            ]
        );
        assert_eq!(
            toks("第3张 'Hi'"),
            [Tok::Han('第'), Tok::Num(3.0), Tok::Han('张'), Tok::Quote(0)]
        );
        assert_eq!(
            toks("30-second lo_fi 9:16 20%"),
            [
                Tok::Num(30.0),
                w("second"),
                w("lo"),
                w("fi"),
                Tok::Num(9.0),
                Tok::Sym(':'),
                Tok::Num(16.0),
                Tok::Num(20.0),
                Tok::Sym('%')
            ]
        );
    }

    #[test]
    fn a_trailing_point_is_not_part_of_the_number() {
        assert_eq!(toks("3. ok"), [Tok::Num(3.0), Tok::Sym('.'), w("ok")]);
        assert_eq!(toks("1.2.3"), [Tok::Num(1.2), Tok::Sym('.'), Tok::Num(3.0)]);
    }

    #[test]
    fn tokens_point_at_their_bytes() {
        let text = "Add 標題";
        let (units, _) = extract(text, &fold(text));
        let tokens = tokenize(&units);
        assert_eq!((tokens[0].start, tokens[0].end), (0, 3));
        assert_eq!(&text[tokens[2].start..tokens[2].end], "題");
        assert!(tokens[2].is_han('题'));
    }
}
