//! Reading English and Chinese messages the way people write them, with no I/O.
//!
//! The core's intent routing and GUI translator and the studio's agent read what a person typed
//! with these rules, once. [`read`] runs the pipeline: fold the characters ([`fold`]: width,
//! case, Chinese punctuation, traditional characters), lift out the quotes ([`quotes`]), split
//! the rest into tokens ([`tokens`]). On the tokens, [`phrase`] matches written phrases and
//! [`numbers`] reads numbers and lengths of time in digits, English words or Chinese numerals.
//! Each reader keeps its own word lists; this crate holds only the rules of reading.
//!
//! Letter case goes through [`case`] rather than Unicode's tables, and no `str` is sliced with a
//! panic: both keep the browser build small (issue 7's notes).
#![forbid(unsafe_code)]

pub mod case;
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
