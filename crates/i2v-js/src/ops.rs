//! Cancellation by op id: the shell numbers each call and calls `abort(op)` when its
//! `AbortSignal` fires.
//!
//! An abort can reach the native side before the call it cancels has started (a binding may
//! start the future on another thread a moment later), so an abort for an op not running yet is
//! remembered and the op is cancelled as it starts. Remembered aborts are few and bounded: an
//! abort that arrives after its op finished is kept only until newer ones push it out.

use std::future::Future;
use std::sync::{Mutex, MutexGuard, PoisonError};

use futures_util::future::{AbortHandle, Abortable};
use i2v_core::Error;
use i2v_core::client::CallOptions;

/// How many early aborts are remembered; more than the calls a shell has in flight at once.
const REMEMBERED_ABORTS: usize = 256;

/// The calls in flight, by op id.
#[derive(Debug, Default)]
pub struct Ops {
    state: Mutex<OpsState>,
}

/// Plain lists: a shell has a handful of calls in flight, and maps would add kilobytes of code
/// to the browser build.
#[derive(Debug, Default)]
struct OpsState {
    running: Vec<(u32, AbortHandle)>,
    aborted_early: Vec<u32>,
    /// Options set for ops that have not started, taken as they start.
    options: Vec<(u32, CallOptions)>,
}

impl Ops {
    /// No calls in flight.
    pub fn new() -> Ops {
        Ops::default()
    }

    fn state(&self) -> MutexGuard<'_, OpsState> {
        // A panic elsewhere cannot leave the maps half-updated: every change is one call.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Keeps the options of op `op` until it starts (a few: the oldest go past
    /// [`REMEMBERED_ABORTS`], like early aborts).
    pub fn set_options(&self, op: u32, options: CallOptions) {
        let mut state = self.state();
        state.options.retain(|(other, _)| *other != op);
        if state.options.len() >= REMEMBERED_ABORTS {
            state.options.remove(0);
        }
        state.options.push((op, options));
    }

    /// The options set for op `op` (the defaults when none were), forgotten once taken.
    pub fn take_options(&self, op: u32) -> CallOptions {
        let mut state = self.state();
        match state.options.iter().position(|(other, _)| *other == op) {
            Some(at) => state.options.swap_remove(at).1,
            None => CallOptions::default(),
        }
    }

    /// Cancels the op: now if it is running, as it starts if it has not started yet.
    pub fn abort(&self, op: u32) {
        let mut state = self.state();
        if let Some((_, handle)) = state.running.iter().find(|(running, _)| *running == op) {
            handle.abort();
        } else if !state.aborted_early.contains(&op) {
            if state.aborted_early.len() >= REMEMBERED_ABORTS {
                state.aborted_early.remove(0);
            }
            state.aborted_early.push(op);
        }
    }

    /// Runs `work` as op `op`; [`Error::Cancelled`] when it is aborted (dropping `work`, which
    /// aborts its requests).
    pub async fn run<T>(
        &self,
        op: u32,
        work: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        let (handle, registration) = AbortHandle::new_pair();
        if !self.start(op, handle) {
            return Err(Error::Cancelled);
        }
        let outcome = Abortable::new(work, registration).await;
        self.finish(op);
        outcome.unwrap_or(Err(Error::Cancelled))
    }

    /// Registers op `op` as running; false when it was aborted before it started.
    fn start(&self, op: u32, handle: AbortHandle) -> bool {
        let mut state = self.state();
        if let Some(at) = state.aborted_early.iter().position(|&early| early == op) {
            state.aborted_early.remove(at);
            return false;
        }
        state.running.push((op, handle));
        true
    }

    /// Forgets op `op`, which has ended.
    fn finish(&self, op: u32) {
        let mut state = self.state();
        if let Some(at) = state.running.iter().position(|(running, _)| *running == op) {
            state.running.swap_remove(at);
        }
    }

    /// How many ops are running (for tests and leak checks).
    pub fn running(&self) -> usize {
        self.state().running.len()
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use std::task::{Context, Poll};

    use futures_util::FutureExt;
    use futures_util::task::noop_waker_ref;

    use super::*;

    #[test]
    fn an_abort_before_the_start_cancels_the_op_as_it_starts() {
        let ops = Ops::new();
        ops.abort(7);
        let outcome = ops.run(7, async { Ok(1) }).now_or_never();
        assert_eq!(outcome, Some(Err(Error::Cancelled)));
        // Only that op: the next runs.
        assert_eq!(ops.run(8, async { Ok(2) }).now_or_never(), Some(Ok(2)));
        assert_eq!(ops.run(7, async { Ok(3) }).now_or_never(), Some(Ok(3)));
    }

    #[test]
    fn an_abort_while_running_drops_the_work() {
        let ops = Ops::new();
        let mut running = Box::pin(ops.run(1, std::future::pending::<Result<(), Error>>()));
        let mut cx = Context::from_waker(noop_waker_ref());
        assert!(running.as_mut().poll(&mut cx).is_pending());
        assert_eq!(ops.running(), 1);
        ops.abort(1);
        assert_eq!(
            running.as_mut().poll(&mut cx),
            Poll::Ready(Err(Error::Cancelled))
        );
        assert_eq!(ops.running(), 0);
    }

    #[test]
    fn late_aborts_are_bounded() {
        let ops = Ops::new();
        for op in 0..10_000 {
            ops.abort(op);
        }
        assert!(ops.state().aborted_early.len() <= REMEMBERED_ABORTS);
    }
}
