//! The NemoVideo agent protocol for i2v, with no I/O of its own.
//!
//! Everything here is pure: the SSE framing ([`sse`]), ADK events and the rules of a chat turn
//! ([`adk`]), the compact draft timeline ([`draft`]), routing what a person types ([`intent`]),
//! translating text that assumes an on-screen editor ([`gui`]), and the one [`Error`] type.
//! Bindings reach the network and the clock through traits and only move bytes.
#![forbid(unsafe_code)]

pub mod adk;
pub mod client;
pub mod draft;
pub mod error;
pub mod gui;
pub mod intent;
pub mod json;
pub mod media;
pub mod timeline;
/// Server-Sent Events framing (its own crate, so the wasm build can compile it for speed).
pub use i2v_sse as sse;

pub use error::{Error, ErrorKind, OptionRefusal, Recovery};
