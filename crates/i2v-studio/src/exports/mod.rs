//! Exports as the studio's business sees them, without HTTP: who may export a session now,
//! and the render request an accepted export queues.
//!
//! Call order, as `POST /api/render/proxy/lambda` drives it: [`gate()`] checks the ask (the
//! session is the caller's, the free-plan rule, the output, the draft) and gives a [`Cleared`]
//! export, the only thing [`submit()`] takes, so no render is queued that skipped the gate.
//! Both refuse with an [`ExportError`], whose messages are the ones clients read. Polling,
//! cancelling and downloading a job go through [`owned_job()`].

mod gate;
mod jobs;
mod submit;

use i2v_core::draft::DraftError;

use crate::render::{OutputRefused, QueueError};
use crate::store::StoreError;

pub use gate::{Attribution, Cleared, ExportAsk, gate};
pub use jobs::{client_id, owned_job, scoped_id};
pub use submit::submit;

/// Why an export was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExportError {
    /// The session is unknown, someone else's, or expired (one answer for all three).
    #[error("session not found")]
    SessionNotFound,
    /// The free plan cannot export: an anonymous user with no credits and no attribution.
    #[error("export requires a registered account")]
    FreePlan,
    /// The output asked for is not one the studio can make (a format, size, rate or quality).
    #[error(transparent)]
    Output(OutputRefused),
    /// The draft sent with the export is not a draft.
    #[error("the draft is malformed: {0}")]
    MalformedDraft(DraftError),
    /// The draft has no segment to render.
    #[error("the draft has nothing to render")]
    NothingToRender,
    /// The render queue refused the job (a bad or taken id, media the draft cannot use).
    #[error(transparent)]
    Queue(QueueError),
    /// The render job belongs to a session that is not the caller's; it answers word for word
    /// as an unknown id does, so that ids tell nobody which renders exist.
    #[error("no render with id '{0}'")]
    NotYours(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}
