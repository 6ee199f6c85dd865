//! Whole turns: generation, edits, answers, and the stream they make.

mod conversations;
mod edit_overlay;
mod edit_pictures;
mod edit_shape;
mod edit_texts;
mod frames;
mod generate;
mod history;
mod stream;
mod support;
