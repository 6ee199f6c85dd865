//! Whole turns: generation, edits, answers, and the stream they make.

mod edit_overlay;
mod edit_pictures;
mod frames;
mod generate;
mod history;
mod stream;
mod support;
