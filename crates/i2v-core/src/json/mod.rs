//! JSON for the core without serde's machinery: building values, writing and reading text.
//!
//! serde_json's derive-free parts (its `Value`) stay the model. What goes around it here is
//! written out because of the size-tuned browser build, where serde's generic machinery costs
//! kilobytes for small jobs: `serde_json::json!` sends every field through a serializer and an
//! `unwrap` of its error; `Value`'s `Display` writes through serde's serializer into an
//! `io::Write` (bringing `std::io`'s error texts along); and reading goes through serde's
//! deserializer and visitor. [`object`] builds the objects the client and the bindings send,
//! [`to_string`] writes what serde_json writes, byte for byte, and [`from_str`] reads what
//! serde_json reads (the same values; errors in its own words, with line and column).

mod build;
mod read;
mod write;

pub use build::object;
pub use read::{JsonError, from_str};
pub use write::{quote, to_string};
