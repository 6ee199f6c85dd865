//! An `AbortController` owned by Rust: dropping the guard aborts the fetch it signals.

use i2v_core::client::TransportError;
use web_sys::{AbortController, AbortSignal};

use crate::js_error::describe;

/// Aborts its controller when dropped, so a fetch never outlives the Rust value that owns it.
///
/// A request's guard lives first in the send future and then in the response body: dropping
/// either one before the body has ended cancels the request and its body. Aborting a fetch that
/// already finished does nothing, so the guard needs no "done" state.
pub(crate) struct AbortGuard {
    controller: AbortController,
}

impl AbortGuard {
    /// A fresh controller.
    pub(crate) fn new() -> Result<AbortGuard, TransportError> {
        AbortController::new()
            .map(|controller| AbortGuard { controller })
            .map_err(|err| TransportError::not_sent(describe("no AbortController", &err)))
    }

    /// The signal to hand to `fetch`.
    pub(crate) fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        self.controller.abort();
    }
}
