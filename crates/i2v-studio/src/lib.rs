//! i2v-studio: a local backend that speaks the NemoVideo agent API (`docs/PROTOCOL.md`) from the
//! server side, keeps its data in SQLite, and renders real MP4s with ffmpeg.
//!
//! The pieces, each its own module: [`config`] (every knob, with the defaults of the protocol),
//! [`store`] (SQLite: users, tokens, sessions, drafts, credits, media), [`media`] (uploads
//! judged by content, probed, written atomically), [`agent`] (the rule-based agent behind
//! `/run_sse`), [`render`] (drafts to MP4 with ffmpeg), [`turns`] and [`exports`] (who may chat
//! and export, and what a turn costs, without HTTP) and [`server`] (the HTTP API on axum, whose
//! handlers translate requests into calls of the others).
#![forbid(unsafe_code)]

pub mod agent;
pub mod config;
pub mod exports;
pub mod library;
pub mod media;
pub mod preview;
pub mod render;
pub mod server;
pub mod store;
pub mod turns;
