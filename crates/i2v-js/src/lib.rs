//! The bridge between `i2v-core` and JavaScript, shared by the Node addon and the wasm package.
//!
//! Both bindings expose the same native interface to the same JS shell (`npm/shared`), so
//! everything they would otherwise each decide lives here, once:
//! - [`wire`]: the JSON shapes of the JS contract (`npm/shared/index.d.ts`), camelCase;
//! - [`ops`]: cancellation by op id, including an abort that arrives before its op starts;
//! - [`Bridge`]: every workflow of the core's client as a call that answers with a result JSON
//!   (`{"ok": …}` or `{"error": …}`), or, for calls that report as they go, through an [`Emit`]
//!   callback whose last message is always `{"end": result}`, so a binding that delivers
//!   callbacks through a queue (a napi threadsafe function) keeps the order without effort;
//! - [`pure`]: the helpers that need no network (intent routing, drafts, GUI translation).
//!
//! A binding supplies a transport, a clock and the conversion of its own file handles into
//! [`UploadFile`](i2v_core::client::UploadFile)s, and moves strings across.
#![forbid(unsafe_code)]

mod bridge;
pub mod config;
pub mod layout;
pub mod ops;
pub mod pure;
pub mod wire;

pub use bridge::{Bridge, Emit};
pub use pure::{check_export_options, diff_drafts, parse_draft, route_intent, translate_gui};
pub use wire::{end_error_json, error_json, sse_error_json};
