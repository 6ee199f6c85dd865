//! The i2v core as a Node native addon: a reqwest transport and a tokio clock for the core's
//! client, and the native interface the JS shell (`npm/shared`) wraps.
//!
//! Every decision stays in `i2v-core` (through the `i2v-js` bridge); this crate only moves
//! bytes and converts types ([`js`]: napi's serde support). Nothing here panics across the
//! boundary: every failure is a thrown error object or an `{end: {error: …}}` message.
//!
//! The JS names: `NativeClient` ([`client`]), `SseParser` ([`sse`]), `routeIntent`,
//! `parseDraft`, `diffDrafts`, `translateGui` ([`pure`]).

pub mod client;
mod clock;
mod emit;
mod files;
pub mod js;
pub mod pure;
pub mod sse;
pub mod timeline;
mod transport;

pub use clock::TokioClock;
pub use emit::EmitFn;
pub use files::{CancelFn, NativeFile, PullFn};
pub use transport::HttpTransport;
