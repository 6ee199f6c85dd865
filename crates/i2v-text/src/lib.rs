//! Reading English and Chinese messages the way people write them, with no I/O.
//!
//! The core's intent routing and GUI translator and the studio's agent read what a person typed
//! with these rules, once. [`read`] runs the pipeline: fold the characters ([`fold`]: width,
//! case, Chinese punctuation, traditional characters), lift out the quotes ([`quotes`]), split
//! the rest into tokens ([`tokens`]). On the tokens, [`phrase`] matches written phrases and
//! [`numbers`] reads numbers and lengths of time in digits, English words or Chinese numerals.
//! Each reader keeps its own word lists; this crate holds only the rules of reading.
//!
#![forbid(unsafe_code)]

pub mod fold;
pub mod han;
pub mod numbers;
pub mod phrase;
pub mod quotes;
pub mod tokens;
pub mod work;

use tokens::Token;

/// A text, read: its tokens, and the quoted texts its quote tokens point at.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The tokens, each quote as one [`tokens::Tok::Quote`].
    pub tokens: Vec<Token>,
    /// The quoted texts, verbatim from the original and trimmed, by index.
    pub quotes: Vec<String>,
}

/// Reads `text` into tokens and quotes.
pub fn read(text: &str) -> Reading {
    let chars = fold::fold(text);
    let (units, quotes) = quotes::extract(text, &chars);
    Reading {
        tokens: tokens::tokenize(&units),
        quotes,
    }
}

/// `text` with its first character in upper case, by Unicode's rules (`ß` becomes `SS`).
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn capitalizing_raises_the_first_letter_only() {
        assert_eq!(capitalize("éclair au café"), "Éclair au café");
        assert_eq!(capitalize("ßtraße"), "SStraße");
        assert_eq!(capitalize("视频"), "视频");
        assert_eq!(capitalize(""), "");
    }
}
