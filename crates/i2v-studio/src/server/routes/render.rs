//! Exports (`docs/PROTOCOL.md` §3.8): submit a render, poll it, cancel it, download the video
//! and its poster.
//!
//! In the seed dialect the poll answer carries `status`, `progress` and `output` at the top
//! level, as the protocol says, and the same fields in `data` for clients that read the
//! envelope; in the api-reference dialect (§8) every answer is `{"success": true, "data": …}`
//! with `status`, `progress`, `outputUrl`, `posterUrl`, `createdAt` and `completedAt` in
//! `data`, and a failure is `{"success": false, "error": "…"}`. The output and poster URLs
//! carry keys derived from the studio's secret and the render id (a different one each), so a
//! browser `<video>` or `<img>` (which sends no bearer token) can show the file; without the
//! key they take the bearer token of the session's owner instead.

use std::time::Duration;

use axum::Router;
use axum::extract::{FromRequestParts, Path, Query, Request, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::exports::{self, Attribution, ExportAsk, ExportError};
use crate::render::{JobState, JobStatus, OutputAsk, QueueError, RenderOutput};
use crate::server::dialect::{Dialect, RenderAnswer};
use crate::server::envelope::ApiError;
use crate::server::extract::{Caller, JsonBody};
use crate::server::state::{AppState, now_ms};
use crate::server::web::{KeyQuery, serve_file};
use crate::store::User;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/render/proxy/lambda", post(submit))
        .route("/api/render/proxy/lambda/{id}", get(poll))
        .route("/api/render/proxy/lambda/{id}/cancel", post(cancel))
        .route("/api/render/proxy/{id}/download", get(download))
        .route("/api/render/proxy/{id}/poster", get(poster))
}

/// The export request; `sessionId` is camelCase, the protocol's one exception.
#[derive(Debug, Deserialize)]
struct ExportRequest {
    id: String,
    #[serde(rename = "sessionId")]
    session_id: String,
    draft: Value,
    #[serde(default)]
    output: OutputRequest,
}

/// The `output` object, each field taken as any JSON so that the gate, not the body's parser,
/// refuses an odd one, naming it.
#[derive(Debug, Default, Deserialize)]
struct OutputRequest {
    #[serde(default)]
    format: Option<Value>,
    #[serde(default)]
    resolution: Option<Value>,
    #[serde(default)]
    fps: Option<Value>,
    #[serde(default)]
    quality: Option<Value>,
}

/// `POST /api/render/proxy/lambda`.
async fn submit(
    State(state): State<AppState>,
    Caller(user): Caller,
    headers: HeaderMap,
    JsonBody(request): JsonBody<ExportRequest>,
) -> RenderAnswer {
    let outcome = submit_job(&state, &user, &headers, request)
        .await
        .map(|job| job_view(&state, &job));
    answer(&state, outcome, false)
}

/// Reads an export request's facts (its body, its attribution headers) and hands them to
/// [`exports::gate`] and [`exports::submit`]; the submit runs off the async threads, since it
/// may read older uploads' headers once (see [`exports::submit`]).
async fn submit_job(
    state: &AppState,
    user: &User,
    headers: &HeaderMap,
    request: ExportRequest,
) -> Result<JobStatus, ApiError> {
    let ask = ExportAsk {
        render_id: request.id,
        session_id: request.session_id,
        draft: request.draft,
        output: OutputAsk {
            format: request.output.format,
            resolution: request.output.resolution,
            fps: request.output.fps,
            quality: request.output.quality,
        },
        attribution: Attribution {
            source: headers.contains_key("x-skill-source"),
            version: headers.contains_key("x-skill-version"),
            platform: headers.contains_key("x-skill-platform"),
        },
    };
    let cleared = exports::gate(&state.store, user, ask, state.session_idle(), now_ms())?;
    let (store, renders) = (state.store.clone(), state.renders.clone());
    let data_dir = state.config.data_dir.clone();
    tokio::task::spawn_blocking(move || exports::submit(&store, &renders, &data_dir, cleared))
        .await
        .map_err(|err| {
            tracing::error!(%err, "submitting an export failed");
            ApiError::Internal
        })?
        .map_err(ApiError::from)
}

impl From<ExportError> for ApiError {
    /// A refused export in the envelope: the messages and codes the endpoint has always
    /// answered.
    fn from(err: ExportError) -> ApiError {
        match err {
            ExportError::SessionNotFound => ApiError::SessionNotFound,
            // Another user's job answers as an unknown one, word for word.
            ExportError::NotYours(_) => ApiError::UnknownRender(err.to_string()),
            ExportError::FreePlan => ApiError::ExportBlocked,
            ExportError::Output(_)
            | ExportError::MalformedDraft(_)
            | ExportError::NothingToRender => ApiError::BadRequest(err.to_string()),
            ExportError::Queue(err) => queue_error(err),
            ExportError::Store(err) => err.into(),
        }
    }
}

/// `GET /api/render/proxy/lambda/{id}`: the job (seed dialect: `status` at the top level too).
async fn poll(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> RenderAnswer {
    let outcome = owned_job(&state, &user, &id).map(|job| job_view(&state, &job));
    answer(&state, outcome, true)
}

/// `POST /api/render/proxy/lambda/{id}/cancel`: stops a pending or running render and answers
/// the job once it has ended (ffmpeg stopped, its partial files removed), or after
/// [`CANCEL_WAIT`] as it is then; a finished one is left as it is.
async fn cancel(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> RenderAnswer {
    let outcome = match owned_job(&state, &user, &id) {
        Ok(job) => stop(&state, &job.id).await,
        Err(err) => Err(err),
    };
    answer(&state, outcome.map(|job| job_view(&state, &job)), true)
}

/// How long a cancel request waits for its render to end: a client that is closing (Ctrl-C in
/// a CLI that then stops its local studio) can trust the answer.
const CANCEL_WAIT: Duration = Duration::from_secs(5);

async fn stop(state: &AppState, id: &str) -> Result<JobStatus, ApiError> {
    let job = state.renders.cancel(id).map_err(queue_error)?;
    if job.status.is_final() {
        return Ok(job);
    }
    match tokio::time::timeout(CANCEL_WAIT, state.renders.wait(id)).await {
        Ok(ended) => ended.map_err(queue_error),
        Err(_) => state.renders.status(id).map_err(queue_error),
    }
}

/// A render endpoint's answer in the studio's dialect.
fn answer(state: &AppState, outcome: Result<Value, ApiError>, top_level: bool) -> RenderAnswer {
    RenderAnswer {
        dialect: state.config.dialect,
        outcome,
        top_level,
    }
}

/// `GET /api/render/proxy/{id}/download`: the video, with Range support and its format's MIME
/// type, for the owner's token or the key in `output.url`.
async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<KeyQuery>,
    request: Request,
) -> Result<Response, ApiError> {
    let key = state.download_key(&id);
    let (job, request) = keyed_or_owned(&state, &id, query, &key, request).await?;
    let output = completed(job)?;
    serve_file(&output.path, output.format.mime(), request).await
}

/// `GET /api/render/proxy/{id}/poster`: the render's JPEG poster, for the owner's token or the
/// key in `output.poster_url`.
async fn poster(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<KeyQuery>,
    request: Request,
) -> Result<Response, ApiError> {
    let key = poster_key(&state, &id);
    let (job, request) = keyed_or_owned(&state, &id, query, &key, request).await?;
    let id = exports::client_id(&job.id).to_owned();
    let poster = completed(job)?
        .poster
        .ok_or_else(|| ApiError::BadRequest(format!("render {id} was made without a poster")))?;
    serve_file(&poster, "image/jpeg", request).await
}

/// The poster's key: the download key of another name, so that one URL opens nothing else.
fn poster_key(state: &AppState, id: &str) -> String {
    state.download_key(&format!("{id}/poster"))
}

/// The job `id` when the query holds its `key`, else when the request's bearer token is its
/// owner's (an unknown job and another user's answer alike).
async fn keyed_or_owned(
    state: &AppState,
    id: &str,
    query: KeyQuery,
    key: &str,
    request: Request,
) -> Result<(JobStatus, Request), ApiError> {
    if query.key.as_deref() == Some(key) {
        let job = state.renders.status(id).map_err(queue_error)?;
        return Ok((job, request));
    }
    let (mut parts, body) = request.into_parts();
    let Caller(user) = Caller::from_request_parts(&mut parts, state).await?;
    let job = owned_job(state, &user, id)?;
    Ok((job, Request::from_parts(parts, body)))
}

/// The output of a completed job; any other job is refused, saying where it is.
fn completed(job: JobStatus) -> Result<RenderOutput, ApiError> {
    match job.output.filter(|_| job.status == JobState::Completed) {
        Some(output) => Ok(output),
        None => Err(ApiError::BadRequest(format!(
            "render {} is {}, not completed",
            exports::client_id(&job.id),
            job.status.as_str()
        ))),
    }
}

/// The job `id`, if it belongs to one of the caller's sessions ([`exports::owned_job`]).
fn owned_job(state: &AppState, user: &User, id: &str) -> Result<JobStatus, ApiError> {
    let (store, renders) = (&state.store, &state.renders);
    exports::owned_job(store, renders, user, id, state.session_idle(), now_ms())
        .map_err(ApiError::from)
}

/// The job as the answers show it: `id`, `status`, `progress`, then in the seed dialect
/// `output: {url, poster_url, format, mime, width, height, fps, duration_ms, size}` (the facts
/// ffprobe read from the file), in the api-reference dialect `outputUrl`, `posterUrl`,
/// `createdAt` and `completedAt`; `error` when it failed.
fn job_view(state: &AppState, job: &JobStatus) -> Value {
    // The client's own id; the URLs carry the queue's (see `exports::client_id`).
    let id = exports::client_id(&job.id);
    let mut view = json!({"id": id, "status": job.status.as_str(), "progress": job.progress});
    let base = state.config.public_url.trim_end_matches('/');
    let url = format!(
        "{base}/api/render/proxy/{}/download?key={}",
        job.id,
        state.download_key(&job.id)
    );
    let poster_url = job
        .output
        .as_ref()
        .and_then(|output| output.poster.as_ref())
        .map(|_| {
            let key = poster_key(state, &job.id);
            format!("{base}/api/render/proxy/{}/poster?key={key}", job.id)
        });
    match state.config.dialect {
        Dialect::Adk => {
            if let Some(output) = &job.output {
                view["output"] = json!({"url": url, "poster_url": poster_url,
                    "format": output.format.as_str(), "mime": output.format.mime(),
                    "width": output.width, "height": output.height, "fps": output.fps,
                    "duration_ms": output.duration_ms, "size": output.size});
            }
        }
        Dialect::Reference => {
            if job.output.is_some() {
                view["outputUrl"] = json!(url);
                view["posterUrl"] = json!(poster_url);
            }
            view["createdAt"] = json!(job.created_ms);
            if let Some(finished) = job.finished_ms {
                view["completedAt"] = json!(finished);
            }
        }
    }
    if let Some(error) = &job.error {
        view["error"] = json!(error);
    }
    view
}

fn queue_error(err: QueueError) -> ApiError {
    match err {
        QueueError::Unknown(_) => ApiError::UnknownRender(err.to_string()),
        // One person's renders queue behind each other, not in front of everyone else's.
        QueueError::TooManyWaiting { .. } => ApiError::RateLimited {
            retry_after_secs: 30,
        },
        QueueError::Expired(_) => ApiError::ExpiredRender(err.to_string()),
        QueueError::InvalidId | QueueError::DuplicateId(_) | QueueError::Rejected(_) => {
            ApiError::BadRequest(err.to_string())
        }
        QueueError::NoRuntime | QueueError::Storage(_) => {
            tracing::error!(%err, "the render queue failed");
            ApiError::Internal
        }
    }
}

#[cfg(test)]
mod tests {
    use i2v_core::draft::DraftError;

    use super::*;
    use crate::render::OutputRefused;
    use crate::store::StoreError;

    #[test]
    fn a_refused_export_answers_as_the_endpoint_always_has() {
        let malformed = DraftError::NotAnObject { found: "an array" };
        let bad = |message: &str| ApiError::BadRequest(message.into());
        let table = [
            (ExportError::SessionNotFound, ApiError::SessionNotFound),
            (ExportError::FreePlan, ApiError::ExportBlocked),
            (
                ExportError::NotYours("render_9".into()),
                ApiError::UnknownRender("no render with id 'render_9'".into()),
            ),
            (
                ExportError::Output(OutputRefused {
                    field: "format",
                    value: "'avi'".into(),
                    accepted: "one of mp4, mov, webm, gif".into(),
                }),
                bad("output.format 'avi' is not accepted: one of mp4, mov, webm, gif"),
            ),
            (
                ExportError::MalformedDraft(malformed),
                bad("the draft is malformed: a draft must be a JSON object, not an array"),
            ),
            (
                ExportError::NothingToRender,
                bad("the draft has nothing to render"),
            ),
            (
                ExportError::Queue(QueueError::DuplicateId("render_1".into())),
                bad("render id 'render_1' is already in use"),
            ),
            (
                ExportError::Store(StoreError::Database("disk full".into())),
                ApiError::Internal,
            ),
        ];
        for (refused, answer) in table {
            assert_eq!(ApiError::from(refused.clone()), answer, "{refused:?}");
        }
    }
}
