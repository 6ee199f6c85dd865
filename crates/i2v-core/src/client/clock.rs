//! The clock trait: how the client reads the time and waits, implemented by each binding.
//!
//! The client never sleeps or reads the system time on its own, so its tests run on a virtual
//! clock: a 10-minute heartbeat timeout is tested in milliseconds.

use std::time::Duration;

use super::platform::{BoxFuture, MaybeSend, MaybeSync};

/// Time, as the client sees it.
pub trait Clock: MaybeSend + MaybeSync {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> u64;

    /// Resolves once `duration` has passed. Dropping the future cancels the wait.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}
