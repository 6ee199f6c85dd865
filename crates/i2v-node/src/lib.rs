//! The i2v core as a Node native addon: a reqwest transport and a tokio clock for the core's
//! client, and the native interface the JS shell (`npm/shared`) wraps.
//!
//! Every decision stays in `i2v-core` (through the `i2v-js` bridge); this crate only moves
//! bytes and converts types. Nothing here panics across the boundary: every failure is a
//! returned JS error or an `{"end":{"error":…}}` message.

mod clock;
mod files;
mod transport;

pub use clock::TokioClock;
pub use files::{NativeFile, PullFn};
pub use transport::HttpTransport;
