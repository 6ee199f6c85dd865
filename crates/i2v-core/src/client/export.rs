//! Exporting (`PROTOCOL.md` §3.8): readiness check, submit, poll, one retry, the download URL.
//!
//! The draft is fetched fresh from the state and sent back exactly as it came (every key the
//! SDK does not know included). A render that fails is submitted once more under a new id; a
//! render that never finishes within the configured polls is a timeout.

use serde_json::Value;

use super::http::{Outgoing, Spec};
use super::platform::{Callback, MaybeSend};
use super::{Client, Clock, Transport};
use crate::Error;
use crate::find;
use crate::json::{self, object};

/// What the caller asks of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// The container format (`mp4` by default).
    pub format: String,
    /// The quality (`high` by default).
    pub quality: String,
}

impl Default for ExportOptions {
    fn default() -> ExportOptions {
        ExportOptions {
            format: "mp4".into(),
            quality: "high".into(),
        }
    }
}

/// Where a render stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderStatus {
    /// Queued.
    Pending,
    /// Rendering.
    Processing,
    /// Done: the output is ready.
    Completed,
    /// Failed.
    Failed,
}

impl RenderStatus {
    /// Reads the protocol's status word; unknown words are taken as still pending.
    fn parse(word: &str) -> RenderStatus {
        match word.to_ascii_lowercase().as_str() {
            "processing" | "running" | "rendering" => RenderStatus::Processing,
            "completed" | "complete" | "done" | "succeeded" | "success" => RenderStatus::Completed,
            "failed" | "error" => RenderStatus::Failed,
            _ => RenderStatus::Pending,
        }
    }

    /// The status as the protocol writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            RenderStatus::Pending => "pending",
            RenderStatus::Processing => "processing",
            RenderStatus::Completed => "completed",
            RenderStatus::Failed => "failed",
        }
    }
}

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

/// A finished export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportResult {
    /// The render's id.
    pub render_id: String,
    /// Where to get the video: `output.url`, or the fallback download when there is none.
    pub url: String,
    /// The fallback download (`/api/render/proxy/<id>/download`).
    pub download_url: String,
    /// Size in bytes, when the backend says.
    pub size: Option<u64>,
    /// Width in pixels, when the backend says.
    pub width: Option<u32>,
    /// Height in pixels, when the backend says.
    pub height: Option<u32>,
    /// Duration in milliseconds, when the backend says.
    pub duration_ms: Option<u64>,
}

/// The outcome of one submitted render.
enum Attempt {
    Done(ExportResult),
    Failed(String),
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Exports the current draft, reporting progress, and returns where the video is.
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
        let state = self.state().await?;
        let draft = match state.draft {
            Some(draft) if draft.is_export_ready() => draft.to_value(),
            _ => return Err(Error::NotExportReady),
        };
        let mut failure = String::new();
        for _ in 0..2 {
            match self.render_once(&draft, options, on_progress).await? {
                Attempt::Done(result) => return Ok(result),
                Attempt::Failed(reason) => failure = reason,
            }
        }
        Err(Error::RenderFailed { message: failure })
    }

    /// Submits one render under a fresh id and polls it to an end.
    async fn render_once(
        &self,
        draft: &Value,
        options: &ExportOptions,
        on_progress: &mut Callback<'_, ExportProgress>,
    ) -> Result<Attempt, Error> {
        let session_id = self.connect().await?.session_id;
        // `render_<ms>` ids are unique within one client; another client submitting in the same
        // millisecond (a batch of exports) takes the id first and the backend refuses ours as in
        // use, so a refused id is replaced by a fresh one, a few times.
        let mut conflicts = 0;
        let render_id = loop {
            let render_id = self.fresh_render_id();
            let body = object([
                ("id", render_id.as_str().into()),
                ("sessionId", session_id.as_str().into()),
                ("draft", draft.clone()),
                (
                    "output",
                    object([
                        ("format", options.format.as_str().into()),
                        ("quality", options.quality.as_str().into()),
                    ]),
                ),
            ]);
            let submitted = self
                .call(Spec::post(false), &mut |_| {
                    Ok(Outgoing::json("/api/render/proxy/lambda", &body))
                })
                .await
                .and_then(|answer| answer.into_json());
            match submitted {
                Ok(_) => break render_id,
                Err(err) if id_in_use(&err) && conflicts < MAX_ID_CONFLICTS => conflicts += 1,
                Err(err) => return Err(err),
            }
        };
        // Reported at once, so a caller can keep the id and pick the render up after a restart.
        on_progress(ExportProgress {
            render_id: render_id.clone(),
            status: RenderStatus::Pending,
            progress: None,
        });
        self.poll_render(&render_id, on_progress).await
    }

    /// Keeps polling a render submitted earlier (by this client or one before it, e.g. a page
    /// that was reloaded) until it ends. A failed render is an error here: there is no draft of
    /// the caller's to submit again.
    pub async fn resume_export<F>(
        &self,
        render_id: &str,
        mut on_progress: F,
    ) -> Result<ExportResult, Error>
    where
        F: FnMut(ExportProgress) + MaybeSend,
    {
        let valid = !render_id.is_empty()
            && render_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !valid {
            return Err(Error::InvalidInput {
                message: format!("{} is not a render id", json::quote(render_id)),
            });
        }
        self.ensure_token().await?;
        match self.poll_render(render_id, &mut on_progress).await? {
            Attempt::Done(result) => Ok(result),
            Attempt::Failed(message) => Err(Error::RenderFailed { message }),
        }
    }

    /// Polls one render to an end, reporting each answer.
    async fn poll_render(
        &self,
        render_id: &str,
        on_progress: &mut Callback<'_, ExportProgress>,
    ) -> Result<Attempt, Error> {
        let timing = &self.config.timing;
        for _ in 0..timing.export_max_polls {
            self.clock.sleep(timing.export_poll_interval).await;
            let path = format!("/api/render/proxy/lambda/{render_id}");
            let payload = self
                .call(Spec::get(false), &mut |_| Ok(Outgoing::empty(path.clone())))
                .await?
                .into_json()?;
            let status = field(&payload.body, &payload.data, "status")
                .and_then(Value::as_str)
                .map_or(RenderStatus::Pending, RenderStatus::parse);
            let progress = field(&payload.body, &payload.data, "progress")
                .and_then(Value::as_f64)
                .map(|p| p.clamp(0.0, 100.0).round() as u8);
            on_progress(ExportProgress {
                render_id: render_id.to_owned(),
                status,
                progress,
            });
            match status {
                RenderStatus::Completed => {
                    let output = field(&payload.body, &payload.data, "output");
                    return Ok(Attempt::Done(self.export_result(render_id, output)));
                }
                RenderStatus::Failed => {
                    let reason = field(&payload.body, &payload.data, "error")
                        .or_else(|| field(&payload.body, &payload.data, "message"))
                        .and_then(Value::as_str)
                        .unwrap_or("the backend gave no reason");
                    return Ok(Attempt::Failed(reason.to_owned()));
                }
                RenderStatus::Pending | RenderStatus::Processing => {}
            }
        }
        Err(Error::Timeout {
            what: format!("render {render_id} did not finish"),
        })
    }

    /// `render_<ms>`, never the same twice in one client even within a millisecond.
    fn fresh_render_id(&self) -> String {
        let now = self.clock.now_ms();
        let mut memory = self.memory();
        let ts = now.max(memory.last_render_ts + 1);
        memory.last_render_ts = ts;
        format!("render_{ts}")
    }

    fn export_result(&self, render_id: &str, output: Option<&Value>) -> ExportResult {
        let number = |name: &str| output.and_then(|o| o.get(name)).and_then(Value::as_u64);
        let download_url = format!(
            "{}/api/render/proxy/{render_id}/download",
            self.config.api_url.trim_end_matches('/')
        );
        let url = output
            .and_then(|o| o.get("url"))
            .and_then(Value::as_str)
            .filter(|u| !u.is_empty())
            .map_or_else(|| download_url.clone(), str::to_owned);
        ExportResult {
            render_id: render_id.to_owned(),
            url,
            download_url,
            size: number("size"),
            width: number("width").and_then(|v| u32::try_from(v).ok()),
            height: number("height").and_then(|v| u32::try_from(v).ok()),
            duration_ms: number("duration_ms"),
        }
    }
}

/// How many refused render ids are replaced before the refusal goes to the caller.
const MAX_ID_CONFLICTS: u32 = 3;

/// Whether the backend refused a render because its id is taken.
fn id_in_use(err: &Error) -> bool {
    matches!(err, Error::Api { http_status: 400 | 409, message, .. } if find::contains(message, "in use"))
}

/// A field of the render status: top-level as documented, else inside `data`.
fn field<'v>(body: &'v Value, data: &'v Value, name: &str) -> Option<&'v Value> {
    body.get(name)
        .filter(|v| !v.is_null())
        .or_else(|| data.get(name).filter(|v| !v.is_null()))
}
