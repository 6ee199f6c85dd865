//! The word lists: every phrase the rules look for, English and Chinese side by side, then
//! Spanish and Japanese (a line each, at the end of a list).
//!
//! Phrases are written as [`crate::agent::text::phrase`] reads them: English and Spanish words
//! separated by spaces (`*` ends a prefix; accents count either way, "música" is "musica"),
//! Chinese and Japanese as they are written, particles included (動画を作って: traditional and
//! Japanese forms of characters are folded on both sides, so 動画 matches as typed). Where one
//! list holds both a phrase and a longer one that starts the same way, the longer wins.
//!
//! The lists are kept by topic, one module each, and read from here.

#[rustfmt::skip]
mod ops;
#[rustfmt::skip]
mod pictures;
#[rustfmt::skip]
mod video;
#[rustfmt::skip]
mod sound;
#[rustfmt::skip]
mod texts;
#[rustfmt::skip]
mod history;

pub(super) use ops::*;
pub(super) use pictures::*;
pub(super) use video::*;
pub(super) use sound::*;
pub(super) use texts::*;
pub(super) use history::*;
