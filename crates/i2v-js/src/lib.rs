//! The bridge between `i2v-core` and JavaScript, shared by the Node addon and the wasm package.
//!
//! Both bindings expose the same native interface to the same JS shell (`npm/shared`), so
//! everything they would otherwise each decide lives here, once:
//! - [`shapes`] and [`wire`]: the values, errors, results and messages of the JS contract
//!   (`npm/shared/index.d.ts`) as Rust types with serde derives, which each binding converts
//!   into JS values with its serde support (no JSON text crosses the seam);
//! - [`ops`]: cancellation by op id, including an abort that arrives before its op starts;
//! - [`Bridge`]: every workflow of the core's client as a call that answers with a [`Reply`]
//!   (`{ok: …}` or `{error: …}`), or, for calls that report as they go, through an [`Emit`]
//!   callback whose last [`Message`] is always `{end: reply}`, so a binding that delivers
//!   callbacks through a queue (a napi threadsafe function) keeps the order without effort;
//! - [`pure`]: the helpers that need no network (intent routing, drafts, GUI translation).
//!
//! A binding supplies a transport, a clock and the conversion of its own file handles into
//! [`UploadFile`](i2v_core::client::UploadFile)s, and converts values across.
#![forbid(unsafe_code)]

mod bridge;
pub mod config;
pub mod layout;
pub mod ops;
pub mod pure;
pub mod scene;
// Writes files: a host test only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod samples;
pub mod shapes;
pub mod wire;

pub use bridge::{Bridge, Emit};
pub use pure::{check_export_options, diff_drafts, parse_draft, route_intent, translate_gui};
pub use wire::{Answer, Message, Outcome, Reply, WireError, end_error};
