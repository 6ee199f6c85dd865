//! Reading a message: folding, quotes, tokens, numbers and phrase matching.
//!
//! [`read`] runs the whole pipeline once per message: fold the characters ([`fold`]), lift out
//! the quotes ([`quotes`]), split into tokens ([`tokens`]). The word lists are then matched with
//! [`phrase`] and numbers read with [`numbers`].

pub(crate) mod fold;
pub(crate) mod numbers;
pub(crate) mod phrase;
pub(crate) mod quotes;
pub(crate) mod tokens;

use super::types::Language;
use tokens::{Tok, Token};

/// A message, read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Message<'a> {
    /// The message as the person wrote it.
    pub(crate) original: &'a str,
    /// Its tokens, quotes included as single tokens.
    pub(crate) tokens: Vec<Token>,
    /// The quoted texts, verbatim, by index.
    pub(crate) quotes: Vec<String>,
}

impl Message<'_> {
    /// The language to answer in: Chinese when any Chinese character stands outside quotes.
    ///
    /// Quotes do not count: `add a title "夏天"` is an English instruction.
    pub(crate) fn language(&self) -> Language {
        if self.tokens.iter().any(|t| matches!(t.tok, Tok::Han(_))) {
            Language::Chinese
        } else {
            Language::English
        }
    }

    /// The original text from byte `start` to byte `end`, trimmed; empty when out of range.
    pub(crate) fn slice(&self, start: usize, end: usize) -> &str {
        self.original.get(start..end).unwrap_or("").trim()
    }
}

/// Reads a message into tokens.
pub(crate) fn read(original: &str) -> Message<'_> {
    let chars = fold::fold(original);
    let (units, quotes) = quotes::extract(original, &chars);
    Message {
        original,
        tokens: tokens::tokenize(&units),
        quotes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_read_outside_quotes() {
        assert_eq!(read("加个标题").language(), Language::Chinese);
        assert_eq!(read("add a title \"夏天\"").language(), Language::English);
        assert_eq!(read("").language(), Language::English);
    }

    #[test]
    fn slices_come_from_the_original() {
        let message = read("Title: Summer Fun");
        assert_eq!(message.slice(6, 17), "Summer Fun");
        assert_eq!(message.slice(6, 100), "");
    }
}
