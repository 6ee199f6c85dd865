//! Exporting (`docs/PROTOCOL.md` §3.8): readiness check, submit, poll, one retry, the URL.
//!
//! The draft is fetched fresh from the state and sent back exactly as it came (every key the
//! SDK does not know included). A render that fails is submitted once more under a new id; a
//! render that never finishes within the configured polls is a timeout; a render cancelled on
//! the server is not submitted again. A render whose export is dropped before it ends (an
//! aborted call) is left to `abandon` to stop.
//!
//! A video is never rendered twice for the same thing: the client keeps its last export, and
//! an export of the same session, draft, canvas and options (all four of them: format,
//! resolution, frame rate, quality) gives that result again without a request (the studio does
//! the same across clients, by a hash of what makes the video). The options are checked against
//! the output contract ([`super::output`]) before anything is sent.

use serde_json::Value;

use super::abandon::Watch;
use super::http::{Outgoing, Spec, object};
use super::output::{ExportOptions, ExportResult};
use super::platform::{Callback, MaybeSend};
use super::render_status::{Polled, RenderStatus};
use super::{Canvas, Client, Clock, Transport};
use crate::Error;
use crate::draft::Draft;
use crate::json::quoted;

/// A progress report while exporting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportProgress {
    /// The render being polled.
    pub render_id: String,
    /// Its status.
    pub status: RenderStatus,
    /// Percent done, when the backend says.
    pub progress: Option<u8>,
}

/// The last export this client finished, and what it was made from.
#[derive(Debug, Clone)]
pub(crate) struct LastExport {
    session_id: String,
    draft: Draft,
    canvas: Canvas,
    options: ExportOptions,
    result: ExportResult,
}

impl LastExport {
    /// Whether an export of this would make the same video.
    fn made_from(
        &self,
        session_id: &str,
        draft: &Draft,
        canvas: &Canvas,
        options: &ExportOptions,
    ) -> bool {
        self.session_id == session_id
            && self.draft == *draft
            && self.canvas == *canvas
            && self.options == *options
    }
}

/// The outcome of one submitted render.
enum Attempt {
    Done(ExportResult),
    Failed(String),
    /// Stopped on the server; submitting it again would undo someone's decision.
    Cancelled,
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Exports the current draft, reporting progress, and returns where the video is.
    ///
    /// Dropping the future before it ends leaves the render abandoned, not stopped: call
    /// [`Client::cancel_abandoned_renders`] then (the JS bindings do, when a call is aborted).
    pub async fn export<F>(
        &self,
        options: &ExportOptions,
        mut on_progress: F,
    ) -> Result<ExportResult, Error>
    where
        F: FnMut(ExportProgress) + MaybeSend,
    {
        self.run_export(options, &mut on_progress).await
    }

    /// [`Client::export`] with the listener type-erased, compiled once for every caller.
    pub(crate) async fn run_export(
        &self,
        options: &ExportOptions,
        on_progress: &mut Callback<'_, ExportProgress>,
    ) -> Result<ExportResult, Error> {
        // Before any request: a value the backend would refuse is the caller's to change.
        options.check()?;
        let state = self.state().await?;
        let draft = match state.draft {
            Some(draft) if draft.is_export_ready() => draft,
            _ => return Err(Error::NotExportReady),
        };
        let session_id = self.connect().await?.session_id;
        let made = self
            .memory()
            .last_export
            .clone()
            .filter(|last| last.made_from(&session_id, &draft, &state.canvas, options));
        if let Some(last) = made {
            // Nothing changed since this video was made: it is the answer.
            on_progress(ExportProgress {
                render_id: last.result.render_id.clone(),
                status: RenderStatus::Completed,
                progress: Some(100),
            });
            return Ok(last.result);
        }
        let value = draft.to_value();
        let mut failure = String::new();
        for _ in 0..2 {
            match self
                .render_once(&session_id, &value, options, on_progress)
                .await?
            {
                Attempt::Done(result) => {
                    self.memory().last_export = Some(LastExport {
                        session_id,
                        draft,
                        canvas: state.canvas,
                        options: options.clone(),
                        result: result.clone(),
                    });
                    return Ok(result);
                }
                Attempt::Failed(reason) => failure = reason,
                Attempt::Cancelled => return Err(cancelled_on_server()),
            }
        }
        Err(Error::RenderFailed { message: failure })
    }

    /// Submits one render under a fresh id and polls it to an end.
    async fn render_once(
        &self,
        session_id: &str,
        draft: &Value,
        options: &ExportOptions,
        on_progress: &mut Callback<'_, ExportProgress>,
    ) -> Result<Attempt, Error> {
        // Ids are random (`render_<uuid v4>`), so two clients should never choose the same one;
        // a backend that still says ours is in use (a replayed request, a client that copied an
        // id) gets a fresh one, a few times.
        let mut conflicts = 0;
        let (watch, answer) = loop {
            let render_id = super::rng::new_render_id();
            // Watched from before the request leaves: an abort while it is in flight may
            // leave a render on the server.
            let watch = Watch::new(self, render_id);
            let body = object(vec![
                ("id", watch.render_id.as_str().into()),
                ("sessionId", session_id.into()),
                ("draft", draft.clone()),
                ("output", options.to_output()),
            ]);
            let submitted = self
                .call(Spec::post(false), &mut |_| {
                    Ok(Outgoing::json("/api/render/proxy/lambda", &body))
                })
                .await
                .and_then(|answer| answer.into_json());
            match submitted {
                Ok(answer) => break (watch, answer),
                Err(err) => {
                    watch.settle();
                    if !(id_in_use(&err) && conflicts < MAX_ID_CONFLICTS) {
                        return Err(err);
                    }
                    conflicts += 1;
                }
            }
        };
        // Reported at once, so a caller can keep the id and pick the render up after a restart.
        let polled = Polled::read(&answer);
        on_progress(ExportProgress {
            render_id: watch.render_id.clone(),
            status: polled.status,
            progress: polled.progress,
        });
        // A backend that had made this very video already may answer it done.
        if let Some(end) = self.ended(&watch.render_id, polled) {
            watch.settle();
            return Ok(end);
        }
        let outcome = self.poll_render(&watch.render_id, on_progress).await;
        watch.settle();
        outcome
    }

    /// Keeps polling a render submitted earlier (by this client or one before it, e.g. a page
    /// that was reloaded) until it ends. A failed render is an error here: there is no draft of
    /// the caller's to submit again. Dropping the future abandons the render, as
    /// [`Client::export`] does.
    pub async fn resume_export<F>(
        &self,
        render_id: &str,
        mut on_progress: F,
    ) -> Result<ExportResult, Error>
    where
        F: FnMut(ExportProgress) + MaybeSend,
    {
        check_render_id(render_id)?;
        self.ensure_token().await?;
        let watch = Watch::new(self, render_id.to_owned());
        let outcome = self.poll_render(render_id, &mut on_progress).await;
        watch.settle();
        match outcome? {
            Attempt::Done(result) => Ok(result),
            Attempt::Failed(message) => Err(Error::RenderFailed { message }),
            Attempt::Cancelled => Err(cancelled_on_server()),
        }
    }

    /// Polls one render to an end, reporting each answer.
    async fn poll_render(
        &self,
        render_id: &str,
        on_progress: &mut Callback<'_, ExportProgress>,
    ) -> Result<Attempt, Error> {
        let timing = &self.config.timing;
        let path = format!("/api/render/proxy/lambda/{render_id}");
        for _ in 0..timing.export_max_polls {
            self.clock.sleep(timing.export_poll_interval).await;
            let payload = self
                .call(Spec::get(false), &mut |_| Ok(Outgoing::empty(path.clone())))
                .await?
                .into_json()?;
            let polled = Polled::read(&payload);
            on_progress(ExportProgress {
                render_id: render_id.to_owned(),
                status: polled.status,
                progress: polled.progress,
            });
            if let Some(end) = self.ended(render_id, polled) {
                return Ok(end);
            }
        }
        Err(Error::Timeout {
            what: format!("render {render_id} did not finish"),
        })
    }

    /// How a status answer ends the attempt, or `None` while the render goes on.
    fn ended(&self, render_id: &str, polled: Polled) -> Option<Attempt> {
        match polled.status {
            RenderStatus::Completed => Some(Attempt::Done(self.export_result(render_id, polled))),
            RenderStatus::Failed => Some(Attempt::Failed(
                polled.reason.unwrap_or_else(|| NO_REASON.to_owned()),
            )),
            RenderStatus::Cancelled => Some(Attempt::Cancelled),
            RenderStatus::Pending | RenderStatus::Processing => None,
        }
    }

    fn export_result(&self, render_id: &str, polled: Polled) -> ExportResult {
        let download_url = format!(
            "{}/api/render/proxy/{render_id}/download",
            self.config.api_url.trim_end_matches('/')
        );
        ExportResult {
            render_id: render_id.to_owned(),
            url: polled.url.unwrap_or_else(|| download_url.clone()),
            download_url,
            poster_url: polled.poster_url,
            format: polled.format,
            mime: polled.mime,
            size: polled.size,
            width: polled.width,
            height: polled.height,
            fps: polled.fps,
            duration_ms: polled.duration_ms,
        }
    }
}

/// The reason of a failed render whose backend gave none.
const NO_REASON: &str = "the backend gave no reason";

/// A render that was stopped on the server, not by this call.
fn cancelled_on_server() -> Error {
    Error::RenderFailed {
        message: "the render was cancelled".into(),
    }
}

/// Only ids the protocol's paths can carry: letters, digits, `_` and `-`.
pub(super) fn check_render_id(render_id: &str) -> Result<(), Error> {
    let valid = !render_id.is_empty()
        && render_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if valid {
        Ok(())
    } else {
        Err(Error::InvalidInput {
            message: format!("{} is not a render id", quoted(render_id)),
        })
    }
}

/// How many refused render ids are replaced before the refusal goes to the caller.
const MAX_ID_CONFLICTS: u32 = 3;

/// Whether the backend refused a render because its id is taken.
fn id_in_use(err: &Error) -> bool {
    matches!(err, Error::Api { http_status: 400 | 409, message, .. } if message.contains("in use"))
}
