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

use std::collections::HashMap;
use std::time::Duration;

use axum::Router;
use axum::extract::{FromRequestParts, Path, Query, Request, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::media::{self, Facts};
use crate::render::{self, JobState, JobStatus, MediaFile, OutputAsked, QueueError, RenderRequest};
use crate::server::dialect::{Dialect, RenderAnswer};
use crate::server::envelope::ApiError;
use crate::server::extract::{Caller, JsonBody};
use crate::server::state::AppState;
use crate::server::web::{KeyQuery, serve_file};
use crate::store::{MediaRecord, User};
use i2v_core::draft::Draft;

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

/// Checks an export request and queues its render.
async fn submit_job(
    state: &AppState,
    user: &User,
    headers: &HeaderMap,
    request: ExportRequest,
) -> Result<JobStatus, ApiError> {
    let session = state.owned_session(user, &request.session_id)?;
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
    let media = session_files(state, &session.session_id).await?;
    state
        .renders
        .submit(RenderRequest {
            render_id: request.id,
            session_id: session.session_id,
            draft,
            media,
            canvas: render::Canvas::new(canvas.width, canvas.height, canvas.fps),
            output: OutputAsked {
                format: "mp4".into(),
                quality: request.output.quality.unwrap_or_else(|| "high".into()),
            },
        })
        .map_err(queue_error)
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

/// The job `id`, if it belongs to one of the caller's sessions (else 404, leaking nothing).
fn owned_job(state: &AppState, user: &User, id: &str) -> Result<JobStatus, ApiError> {
    let job = state.renders.status(id).map_err(queue_error)?;
    state
        .owned_session(user, &job.session_id)
        .map_err(|_| ApiError::NotFound)?;
    Ok(job)
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

/// The session's uploads as the renderer reads them, with the facts their upload learnt.
///
/// Uploads stored before the facts were kept (schema 3) are inspected here, off the async
/// threads, and their facts recorded: each older file is read once, by its first export.
async fn session_files(
    state: &AppState,
    session_id: &str,
) -> Result<HashMap<String, MediaFile>, ApiError> {
    let mut records = state.store.session_media(session_id)?;
    if records.iter().any(|record| record.facts.is_none()) {
        let store = state.store.clone();
        let data_dir = state.config.data_dir.clone();
        records = tokio::task::spawn_blocking(move || {
            let learn = |record: &MediaRecord| inspect_upload(&data_dir, record);
            store
                .complete_media_facts(&mut records, learn)
                .map(|()| records)
        })
        .await
        .map_err(|err| {
            tracing::error!(%err, "inspecting older uploads failed");
            ApiError::Internal
        })??;
    }
    Ok(records
        .into_iter()
        .map(|record| {
            let mut file = MediaFile::new(state.config.data_dir.join(&record.path), record.kind);
            file.name = record.name;
            file.facts = record.facts;
            file.duration_ms = record.duration_ms;
            (record.media_id, file)
        })
        .collect())
}

/// The facts of an older upload, from its file; `None` (logged) when it cannot be inspected, and
/// the render then says why if the draft uses it.
fn inspect_upload(data_dir: &std::path::Path, record: &MediaRecord) -> Option<Facts> {
    media::inspect(&data_dir.join(&record.path))
        .inspect_err(|error| {
            tracing::warn!(media_id = %record.media_id, %error, "an older upload cannot be inspected");
        })
        .ok()
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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::config::Config;
    use crate::media::{Format, Orientation, header_reads, with_orientation};
    use crate::render::{RenderOptions, RenderQueue};
    use crate::store::{MediaKind, Store, TokenRules, new_media_id};

    /// A JPEG's markers up to its frame header: 320x240 stored, three components.
    const JPEG: [u8; 23] = [
        0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0xF0, 0x01, 0x40, 0x03, 0x01, 0x22, 0x00,
        0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9,
    ];

    /// A record as a studio before schema 3 stored it: no facts.
    fn older(session_id: &str, kind: MediaKind, mime: &str, ext: &str) -> MediaRecord {
        let media_id = new_media_id().expect("random id");
        MediaRecord {
            path: format!("media/{media_id}.{ext}"),
            media_id,
            session_id: session_id.into(),
            name: format!("old.{ext}"),
            kind,
            mime: mime.into(),
            ext: ext.into(),
            size: JPEG.len() as u64,
            width: None,
            height: None,
            orientation: None,
            duration_ms: None,
            sha256: None,
            facts: None,
            created_ms: 0,
        }
    }

    #[tokio::test]
    async fn an_older_upload_is_inspected_by_its_first_export_only() {
        let dir = std::env::temp_dir().join(format!("i2v-export-older-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::open(&dir).expect("store");
        let rules = TokenRules {
            ttl: Duration::from_secs(3600),
            per_address: 10,
            window: Duration::from_secs(3600),
            starter_credits: 0,
        };
        let user = store.issue_anonymous_token("c", "a", &rules, 0);
        let user = user.expect("token").user.id;
        let session = store.create_session(user, "p", "en", 0).expect("session");
        let session = session.session_id;
        let photo = older(&session, MediaKind::Image, "image/jpeg", "jpg");
        let song = older(&session, MediaKind::Audio, "audio/mpeg", "mp3");
        std::fs::create_dir_all(dir.join("media")).expect("media dir");
        let photo_path = dir.join(&photo.path);
        std::fs::write(&photo_path, with_orientation(&JPEG, 6)).expect("written");
        store.add_media(&photo).expect("recorded");
        store.add_media(&song).expect("recorded");
        let queue = RenderQueue::open(RenderOptions::new(&dir)).expect("queue");
        let config = Config {
            data_dir: dir.clone(),
            ..Config::default()
        };
        let state = AppState::new(store.clone(), queue, [1, 2], config);

        let learnt = Facts {
            format: Format::JPEG,
            orientation: Orientation::from_exif(6),
            stored_size: Some((320, 240)),
        };
        for _ in 0..2 {
            let files = session_files(&state, &session).await.expect("files");
            assert_eq!(files[&photo.media_id].facts, Some(learnt));
            // Sound needs no inspection: its file is not even there.
            assert_eq!(
                files[&song.media_id].facts,
                Facts::without_header(Format::MP3)
            );
        }
        assert_eq!(header_reads(&photo_path), 1, "inspected once, then trusted");
        let kept = store.media_by_id(&photo.media_id).expect("query");
        assert_eq!(kept.and_then(|record| record.facts), Some(learnt));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
