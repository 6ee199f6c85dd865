//! Reading a message: the rules of [`i2v_text`], which the core's intent routing reads with too.
//!
//! [`read`] runs the whole pipeline once per message: fold the characters
//! ([`i2v_text::fold`]), lift out the quotes ([`i2v_text::quotes`]), split into tokens
//! ([`tokens`]). The word lists are then matched with [`phrase`] and numbers read with
//! [`numbers`]. The modules are `i2v_text`'s, under the names the agent has always used; the word
//! lists stay with the agent (`understand::lexicon`).

pub(crate) use i2v_text::{numbers, phrase, tokens};

use super::types::Language;
use tokens::{Tok, Token};

/// Characters of the word lists that Japanese writes and Chinese does not, in either its
/// simplified or its traditional form (縦 is 纵 and 縱, 楽 is 乐 and 樂).
const JAPANESE_ONLY: &[char] = &[
    '縦', '楽', '変', '戻', '択', '転', '図', '効', '続', '気', '単', '広', '歩',
];

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
    /// The language to answer in: Japanese when any kana stands outside quotes, or a character
    /// only Japanese writes ([`JAPANESE_ONLY`]: 縦長, 音楽), else Chinese when any Chinese
    /// character does, else Spanish by its small words (the rule of `understand::foreign`), else
    /// English. A message of characters both languages write (正方形, 動画) reads as Chinese.
    ///
    /// Quotes do not count: `add a title "夏天"` is an English instruction.
    pub(crate) fn language(&self) -> Language {
        let cjk = |test: fn(char) -> bool| {
            self.tokens
                .iter()
                .any(|t| matches!(t.tok, Tok::Han(c) if test(c)))
        };
        if cjk(tokens::is_kana) || cjk(|c| JAPANESE_ONLY.contains(&c)) {
            Language::Japanese
        } else if cjk(tokens::is_han) {
            Language::Chinese
        } else if super::understand::is_spanish(&self.tokens) {
            Language::Spanish
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
    let i2v_text::Reading { tokens, quotes } = i2v_text::read(original);
    Message {
        original,
        tokens,
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
        assert_eq!(read("写真で動画を作成して").language(), Language::Japanese);
        assert_eq!(read("縦長").language(), Language::Japanese);
        assert_eq!(read("音楽").language(), Language::Japanese);
        assert_eq!(read("正方形").language(), Language::Chinese);
        assert_eq!(read("音樂").language(), Language::Chinese);
        assert_eq!(
            read("haz un vídeo con música").language(),
            Language::Spanish
        );
        assert_eq!(
            read("make it 20 segundos please").language(),
            Language::English
        );
    }

    #[test]
    fn slices_come_from_the_original() {
        let message = read("Title: Summer Fun");
        assert_eq!(message.slice(6, 17), "Summer Fun");
        assert_eq!(message.slice(6, 100), "");
    }
}
