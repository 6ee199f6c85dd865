//! The i2v client in the browser (and in any JS runtime with `fetch`): the core's [`Transport`]
//! over the global `fetch`, its [`Clock`] over `setTimeout`, and the JS interface the
//! `@i2v/web` package wraps.
//!
//! Nothing here decides anything: the core owns every workflow; this crate moves bytes between
//! `fetch` and the core and converts values at the JS boundary. It binds globals (`fetch`,
//! `setTimeout`), never `window`, so it runs in pages, workers and Node alike.
//!
//! The crate is empty outside wasm32, so the host workspace builds without wasm-bindgen.
//!
//! [`Transport`]: i2v_core::client::Transport
//! [`Clock`]: i2v_core::client::Clock
#![cfg(target_arch = "wasm32")]

mod abort;
mod body;
mod clock;
mod convert;
mod fetch;
mod files;
mod form;
mod js_error;
mod native;
mod pure;
mod sse;

pub use clock::TimerClock;
pub use fetch::FetchTransport;
pub use native::NativeClient;
pub use pure::{check_export_options, diff_drafts, parse_draft, route_intent, translate_gui};
pub use sse::SseParserJs;
