//! Running one chat turn behind `/run_sse`: the agent's events paced onto the wire, the drafts
//! saved as the tools finish, and the frozen credits settled at the end (both by
//! [`crate::turns`], which owns what they mean).
//!
//! The turn runs in a task of its own that feeds the response body through a channel, so a
//! client that goes away (or a stream dropped on purpose by a fault flag) does not stop the
//! agent: as in the cloud, the edit completes and a client that polls the state finds it.

use std::io;
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::mpsc;

use super::state::{AppState, now_ms};
use crate::agent::{self, EventKind, StreamEvent, TurnPlan};
use crate::config::Dialect;
use crate::store::StoreError;
use crate::turns::TurnGuard;
use crate::turns::{self, Charge};

/// A heartbeat of the ADK form: an SSE comment, which keeps the stream alive and shows nothing.
const COMMENT_HEARTBEAT: &[u8] = b": heartbeat\n\n";

/// How many pacing pauses a tool's work lasts.
const TOOL_WORK_PAUSES: u32 = 10;

/// One chunk of the response body; an error breaks the connection mid-stream.
pub(crate) type Frame = Result<Bytes, io::Error>;

/// What the turn task needs.
pub(crate) struct Turn {
    /// The studio.
    pub(crate) state: AppState,
    /// The session the turn edits.
    pub(crate) session_id: String,
    /// What the agent decided.
    pub(crate) plan: TurnPlan,
    /// The plan's events, in stream order.
    pub(crate) events: Vec<StreamEvent>,
    /// The credits frozen for the turn, settled at its end.
    pub(crate) charge: Charge,
    /// The session's turn, held until the turn's task ends.
    pub(crate) busy: TurnGuard,
}

impl Turn {
    /// Starts the turn in the background; the receiver yields the response body.
    pub(crate) fn spawn(self) -> mpsc::Receiver<Frame> {
        let (tx, rx) = mpsc::channel(64);
        tokio::spawn(self.run(tx));
        rx
    }

    async fn run(self, tx: mpsc::Sender<Frame>) {
        let config = &self.state.config;
        let mut wire = Wire { tx, open: true };
        if let Some(stall) = config.faults.stall_stream {
            self.heartbeats_for(stall, &mut wire).await;
        }
        let mut applied = 0usize;
        let mut sent = 0u32;
        let mut failed = false;
        for event in &self.events {
            match event.kind {
                EventKind::TextChunk => tokio::time::sleep(config.chunk_delay).await,
                EventKind::ToolCall | EventKind::TextFinal | EventKind::Error => {}
                EventKind::ToolResponse => {
                    self.heartbeats_for(config.chunk_delay * TOOL_WORK_PAUSES, &mut wire)
                        .await;
                    // The state changes before the event says so: a client that reads the state
                    // after seeing the response must find the new draft.
                    let step = event.step.unwrap_or(applied);
                    if let Err(err) = self.apply_step(step) {
                        tracing::error!(%err, "a turn's draft could not be saved");
                        failed = true;
                        break;
                    }
                    applied = step + 1;
                }
            }
            wire.send(Bytes::from(event.sse())).await;
            sent += 1;
            if config.faults.drop_stream_after == Some(sent) {
                wire.break_off().await;
            }
        }
        // Steps the client never saw still happen (a dropped stream stops nothing).
        while !failed && applied < self.plan.steps.len() {
            failed = self.apply_step(applied).is_err();
            applied += 1;
        }
        if let Err(err) = self.charge.settle(&self.state.store, !failed) {
            tracing::error!(%err, "a turn's credits could not be settled");
        }
        // The session takes its next message only now that every step is saved and settled.
        drop(self.busy);
    }

    /// Saves what the tool step `index` produced; an index past the plan's steps saves nothing.
    fn apply_step(&self, index: usize) -> Result<(), StoreError> {
        match self.plan.steps.get(index) {
            Some(step) => turns::save_step(&self.state.store, &self.session_id, step, now_ms()),
            None => Ok(()),
        }
    }

    /// Waits `span` while the agent works: a heartbeat when the wait starts, then one every
    /// `heartbeat_every` while time is left, so every stretch of work shows signs of life.
    async fn heartbeats_for(&self, span: Duration, wire: &mut Wire) {
        let every = self
            .state
            .config
            .heartbeat_every
            .max(Duration::from_millis(10));
        let heartbeat = match self.state.config.dialect {
            Dialect::Adk => COMMENT_HEARTBEAT,
            Dialect::Reference => agent::FRAME_HEARTBEAT,
        };
        let mut left = span;
        while !left.is_zero() {
            wire.send(Bytes::from_static(heartbeat)).await;
            let pause = left.min(every);
            tokio::time::sleep(pause).await;
            left -= pause;
        }
    }
}

/// The sending end of the response body; once closed it swallows everything.
struct Wire {
    tx: mpsc::Sender<Frame>,
    open: bool,
}

impl Wire {
    async fn send(&mut self, bytes: Bytes) {
        if self.open && self.tx.send(Ok(bytes)).await.is_err() {
            // The client went away; the turn goes on without it.
            self.open = false;
        }
    }

    /// Breaks the connection without ending the stream properly (the drop fault).
    async fn break_off(&mut self) {
        if self.open {
            let broken = io::Error::new(
                io::ErrorKind::ConnectionAborted,
                "stream dropped on purpose",
            );
            let _ = self.tx.send(Err(broken)).await;
            self.open = false;
        }
    }
}

/// The response body over the turn's channel.
pub(crate) fn body(rx: mpsc::Receiver<Frame>) -> axum::body::Body {
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|frame| (frame, rx))
    });
    axum::body::Body::from_stream(stream)
}
