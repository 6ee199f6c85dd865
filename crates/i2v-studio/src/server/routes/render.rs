//! Exports (`docs/PROTOCOL.md` §3.8): submit a render, poll it, cancel it, download the MP4.
//!
//! In the seed dialect the poll answer carries `status`, `progress` and `output` at the top
//! level, as the protocol says, and the same fields in `data` for clients that read the
//! envelope; in the api-reference dialect (§8) every answer is `{"success": true, "data": …}`
//! with `status`, `progress`, `outputUrl`, `createdAt` and `completedAt` in `data`, and a
//! failure is `{"success": false, "error": "…"}`. The output URL carries a key derived from the
//! studio's secret and the render id, so a browser `<video>` (which sends no bearer token) can
//! play and seek the file; the fallback download takes the bearer token of the session's owner
//! instead.

use std::time::Duration;

use axum::Router;
use axum::extract::{FromRequestParts, Path, Query, Request, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::exports::{self, Attribution, ExportAsk, ExportError};
use crate::render::{JobState, JobStatus, QueueError};
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

#[derive(Debug, Default, Deserialize)]
struct OutputRequest {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    quality: Option<String>,
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
        format: request.output.format,
        quality: request.output.quality,
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
            ExportError::UnsupportedFormat(_)
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

/// `GET /api/render/proxy/{id}/download`: the MP4, with Range support, for the owner's token
/// or the key in `output.url`.
async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<KeyQuery>,
    request: Request,
) -> Result<Response, ApiError> {
    let job = match query.key {
        Some(key) if key == state.download_key(&id) => {
            state.renders.status(&id).map_err(queue_error)?
        }
        _ => {
            let (mut parts, body) = request.into_parts();
            let Caller(user) = Caller::from_request_parts(&mut parts, &state).await?;
            let job = owned_job(&state, &user, &id)?;
            return serve_output(job, Request::from_parts(parts, body)).await;
        }
    };
    serve_output(job, request).await
}

async fn serve_output(job: JobStatus, request: Request) -> Result<Response, ApiError> {
    let Some(output) = job.output.filter(|_| job.status == JobState::Completed) else {
        return Err(ApiError::BadRequest(format!(
            "render {} is {}, not completed",
            job.id,
            job.status.as_str()
        )));
    };
    serve_file(&output.path, "video/mp4", request).await
}

/// The job `id`, if it belongs to one of the caller's sessions ([`exports::owned_job`]).
fn owned_job(state: &AppState, user: &User, id: &str) -> Result<JobStatus, ApiError> {
    let (store, renders) = (&state.store, &state.renders);
    exports::owned_job(store, renders, user, id, state.session_idle(), now_ms())
        .map_err(ApiError::from)
}

/// The job as the answers show it: `id`, `status`, `progress`, then in the seed dialect
/// `output: {url, size, width, height, duration_ms}`, in the api-reference dialect `outputUrl`,
/// `createdAt` and `completedAt`; `error` when it failed.
fn job_view(state: &AppState, job: &JobStatus) -> Value {
    let mut view = json!({"id": job.id, "status": job.status.as_str(), "progress": job.progress});
    let url = || {
        format!(
            "{}/api/render/proxy/{}/download?key={}",
            state.config.public_url.trim_end_matches('/'),
            job.id,
            state.download_key(&job.id)
        )
    };
    match state.config.dialect {
        Dialect::Adk => {
            if let Some(output) = &job.output {
                view["output"] = json!({"url": url(), "size": output.size,
                    "width": output.width, "height": output.height,
                    "duration_ms": output.duration_ms});
            }
        }
        Dialect::Reference => {
            if job.output.is_some() {
                view["outputUrl"] = json!(url());
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
                ExportError::UnsupportedFormat("webm".into()),
                bad("the studio renders mp4 only, not webm"),
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
