//! Renders a caller stopped waiting for: an export or resumed export whose future was dropped
//! (an aborted call, Ctrl-C in a CLI) before its render ended. Each render an export waits for
//! is watched from before its submit leaves; a watch dropped unsettled records the render as
//! abandoned, and [`Client::cancel_abandoned_renders`] asks the backend to stop those
//! (`docs/PROTOCOL.md` §3.8).

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use super::export::check_render_id;
use super::http::{Outgoing, Spec};
use super::race::race;
use super::{Client, Clock, Memory, Transport};
use crate::Error;

/// The most a cancel request may take after an abort: the caller is waiting for its call to end.
const CANCEL_WAIT: Duration = Duration::from_secs(10);

impl<T: Transport, C: Clock> Client<T, C> {
    /// Asks the backend to stop a render (`POST /api/render/proxy/lambda/<id>/cancel`).
    ///
    /// A render that has already ended stays as it is; the backend decides what it answers.
    pub async fn cancel_render(&self, render_id: &str) -> Result<(), Error> {
        check_render_id(render_id)?;
        let path = format!("/api/render/proxy/lambda/{render_id}/cancel");
        self.call(Spec::post(false), &mut |_| {
            Ok(Outgoing::empty(path.clone()))
        })
        .await?
        .into_json()?;
        Ok(())
    }

    /// Stops the renders whose export or resumed export was dropped before it ended (an aborted
    /// call, Ctrl-C in a CLI), each with [`Client::cancel_render`], waiting at most 10 s for
    /// each. Best effort: a render the backend cannot cancel goes on, and nothing is reported.
    pub async fn cancel_abandoned_renders(&self) {
        let abandoned = std::mem::take(&mut self.memory().abandoned_renders);
        for render_id in abandoned {
            // Best effort: the caller's call has ended already, so a failure is not reported;
            // the render then finishes or fails on its own.
            let _ = race(
                self.cancel_render(&render_id),
                self.clock.sleep(CANCEL_WAIT),
            )
            .await;
        }
    }
}

/// A render this client is waiting for. Dropped unsettled (its export's future was dropped),
/// it is recorded as abandoned for [`Client::cancel_abandoned_renders`].
pub(super) struct Watch<'c> {
    memory: &'c Mutex<Memory>,
    /// The render watched.
    pub(super) render_id: String,
    settled: bool,
}

impl<'c> Watch<'c> {
    pub(super) fn new<T, C>(client: &'c Client<T, C>, render_id: String) -> Watch<'c> {
        Watch {
            memory: client.memory.as_ref(),
            render_id,
            settled: false,
        }
    }

    /// The wait ended on its own (an answer, an error): nothing to cancel.
    pub(super) fn settle(mut self) {
        self.settled = true;
    }
}

impl Drop for Watch<'_> {
    fn drop(&mut self) {
        if !self.settled {
            let render_id = std::mem::take(&mut self.render_id);
            // As `Client::memory`: a poisoned lock still holds whole values.
            let mut memory = self.memory.lock().unwrap_or_else(PoisonError::into_inner);
            memory.abandoned_renders.push(render_id);
        }
    }
}
