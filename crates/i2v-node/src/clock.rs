//! The core's [`Clock`] on tokio: wall time for timestamps, tokio timers for waits.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use i2v_core::client::{BoxFuture, Clock};

/// Real time, with waits on the addon's tokio runtime.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioClock;

impl Clock for TokioClock {
    fn now_ms(&self) -> u64 {
        // A clock set before 1970 reads as the epoch rather than failing a workflow.
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| {
                u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
            })
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleeps_on_tokio_and_reads_wall_time() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a test runtime");
        runtime.block_on(async {
            let before = tokio::time::Instant::now();
            TokioClock.sleep(Duration::from_millis(20)).await;
            assert!(before.elapsed() >= Duration::from_millis(20));
        });
        // 2020-01-01 in ms: the clock reads real time, not time since start.
        assert!(TokioClock.now_ms() > 1_577_836_800_000);
    }
}
