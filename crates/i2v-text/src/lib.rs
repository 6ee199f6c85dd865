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

/// `text` with its first character in upper case if it is an ASCII letter; any other first
/// character is kept as it is.
///
/// The texts capitalised are English: a sentence of a reply, a role label (`title` → `Title`).
/// `char::to_uppercase` would bring std's upper-case table into the browser package
/// (6.5 KB gzipped, measured) for letters these texts do not start with.
pub fn capitalize(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn capitalizing_raises_the_first_letter_only() {
        assert_eq!(capitalize("add music"), "Add music");
        assert_eq!(capitalize("Add music"), "Add music");
        assert_eq!(capitalize("a"), "A");
        assert_eq!(capitalize("3 clips"), "3 clips");
        assert_eq!(capitalize(""), "");
    }

    #[test]
    fn a_first_letter_outside_ascii_is_kept() {
        assert_eq!(capitalize("éclair au café"), "éclair au café");
        assert_eq!(capitalize("ßtraße"), "ßtraße");
        assert_eq!(capitalize("视频"), "视频");
    }
}
