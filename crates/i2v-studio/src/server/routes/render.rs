//! Exports (`PROTOCOL.md` §3.8): submit a render, poll it, download the MP4.
//!
//! The poll answer carries `status`, `progress` and `output` at the top level, as the protocol
//! says, and the same fields in `data` for clients that read the envelope. `output.url` carries
//! a key derived from the studio's secret and the render id, so a browser `<video>` (which sends
//! no bearer token) can play and seek the file; the fallback download takes the bearer token
//! of the session's owner instead.

use std::collections::HashMap;

use axum::Json;
use axum::Router;
use axum::extract::{FromRequestParts, Path, Query, Request, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use crate::render::{self, JobState, JobStatus, MediaFile, QueueError, RenderRequest};
use crate::server::envelope::{ApiError, ApiOk, ApiResult};
use crate::server::extract::{Caller, JsonBody};
use crate::server::state::AppState;
use i2v_core::draft::Draft;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/render/proxy/lambda", post(submit))
        .route("/api/render/proxy/lambda/{id}", get(poll))
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
}

/// `POST /api/render/proxy/lambda`.
async fn submit(
    State(state): State<AppState>,
    Caller(user): Caller,
    headers: HeaderMap,
    JsonBody(request): JsonBody<ExportRequest>,
) -> ApiResult<Value> {
    let session = state.owned_session(&user, &request.session_id)?;
    // As the cloud does: export is free, but an anonymous user with no credits left who sends
    // no attribution headers is on the free plan, which cannot export.
    let attributed = ["x-skill-source", "x-skill-version", "x-skill-platform"]
        .iter()
        .all(|name| headers.contains_key(*name));
    if user.anonymous && !attributed && state.store.balance(user.id)?.available <= 0 {
        return Err(ApiError::ExportBlocked);
    }
    if let Some(format) = request.output.format.as_deref().filter(|f| *f != "mp4") {
        return Err(ApiError::BadRequest(format!(
            "the studio renders mp4 only, not {format}"
        )));
    }
    let draft = Draft::from_value(request.draft)
        .map_err(|err| ApiError::BadRequest(format!("the draft is malformed: {err}")))?;
    if !draft.is_export_ready() {
        return Err(ApiError::BadRequest(
            "the draft has nothing to render".into(),
        ));
    }
    let canvas = state.store.canvas(&session.session_id)?;
    let media = session_files(&state, &session.session_id)?;
    let job = state
        .renders
        .submit(RenderRequest {
            render_id: request.id,
            session_id: session.session_id,
            draft,
            media,
            canvas: render::Canvas::new(canvas.width, canvas.height, canvas.fps),
        })
        .map_err(queue_error)?;
    Ok(ApiOk(
        json!({"id": job.id, "status": job.status.as_str(), "progress": job.progress}),
    ))
}

/// `GET /api/render/proxy/lambda/{id}`: the job, with `status` at the top level.
async fn poll(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let job = owned_job(&state, &user, &id)?;
    let view = job_view(&state, &job);
    let mut body = json!({"code": 0, "message": "ok", "data": view.clone()});
    if let (Some(body), Some(view)) = (body.as_object_mut(), view.as_object()) {
        for (key, value) in view {
            body.insert(key.clone(), value.clone());
        }
    }
    Ok(Json(body).into_response())
}

#[derive(Debug, Deserialize)]
struct DownloadQuery {
    #[serde(default)]
    key: Option<String>,
}

/// `GET /api/render/proxy/{id}/download`: the MP4, with Range support, for the owner's token
/// or the key in `output.url`.
async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<DownloadQuery>,
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
    let served = ServeFile::new_with_mime(
        &output.path,
        &"video/mp4".parse().map_err(|_| ApiError::Internal)?,
    )
    .oneshot(request)
    .await
    .map_err(|_| ApiError::Internal)?;
    Ok(served.into_response())
}

/// The job `id`, if it belongs to one of the caller's sessions (else 404, leaking nothing).
fn owned_job(state: &AppState, user: &crate::store::User, id: &str) -> Result<JobStatus, ApiError> {
    let job = state.renders.status(id).map_err(queue_error)?;
    state
        .owned_session(user, &job.session_id)
        .map_err(|_| ApiError::NotFound)?;
    Ok(job)
}

/// The job as the poll answer shows it.
fn job_view(state: &AppState, job: &JobStatus) -> Value {
    let mut view = json!({"id": job.id, "status": job.status.as_str(), "progress": job.progress});
    if let Some(output) = &job.output {
        let url = format!(
            "{}/api/render/proxy/{}/download?key={}",
            state.config.public_url.trim_end_matches('/'),
            job.id,
            state.download_key(&job.id)
        );
        view["output"] = json!({"url": url, "size": output.size, "width": output.width,
                                "height": output.height, "duration_ms": output.duration_ms});
    }
    if let Some(error) = &job.error {
        view["error"] = json!(error);
    }
    view
}

/// The session's uploads as the renderer reads them.
fn session_files(
    state: &AppState,
    session_id: &str,
) -> Result<HashMap<String, MediaFile>, ApiError> {
    let records = state.store.session_media(session_id)?;
    Ok(records
        .into_iter()
        .map(|record| {
            let mut file = MediaFile::new(state.config.data_dir.join(&record.path), record.kind);
            file.name = record.name;
            file.orientation = record.orientation.and_then(|o| o.parse().ok());
            file.duration_ms = record.duration_ms;
            (record.media_id, file)
        })
        .collect())
}

fn queue_error(err: QueueError) -> ApiError {
    match err {
        QueueError::Unknown(_) => ApiError::UnknownRender(err.to_string()),
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
