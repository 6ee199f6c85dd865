//! Uploads (`docs/PROTOCOL.md` §3.5): multipart `files` parts streamed to disk, or URLs
//! fetched; and the stored files served back.
//!
//! The media module judges each file by its bytes, enforces the size limit while the body
//! streams and makes a file visible only once it is whole; this handler checks who is asking,
//! records what was stored, and answers in the upload shape of the studio's dialect (§8).
//! `GET /api/media/<media_id>?key=…` (ours) serves a stored file to whoever has its key, as a
//! CDN URL would: the api-reference dialect's `cdn_url`.

use std::path::Path;
use std::time::Duration;

use axum::Router;
use axum::extract::{
    DefaultBodyLimit, FromRequest, Multipart, Path as UrlPath, Query, Request, State,
};
use axum::http::header::CONTENT_TYPE;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::media::{self, MediaError, Saved};
use crate::server::dialect::{self, Dialect};
use crate::server::envelope::{ApiError, ApiOk, ApiResult};
use crate::server::extract::Caller;
use crate::server::state::{AppState, now_ms};
use crate::server::views::MediaView;
use crate::server::web::{KeyQuery, serve_file};
use crate::store::MediaRecord;

/// Where uploaded media live, below the data dir.
pub(crate) const MEDIA_DIR: &str = "media";

/// The longest a URL upload may take.
const URL_FETCH_TIMEOUT: Duration = Duration::from_secs(60);

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/upload-video/nemo_agent/me/{session_id}",
            // The media module enforces the real limit while streaming; axum's 2 MB default
            // must not cut uploads short first.
            post(upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/api/media/{media_id}", get(media_file))
}

#[derive(Debug, Deserialize)]
struct UrlUpload {
    urls: Vec<String>,
}

/// `POST /api/upload-video/nemo_agent/me/{session_id}`.
async fn upload(
    State(state): State<AppState>,
    Caller(user): Caller,
    UrlPath(session_id): UrlPath<String>,
    request: Request,
) -> ApiResult<Value> {
    let session = state.owned_session(&user, &session_id)?;
    let dir = state.config.data_dir.join(MEDIA_DIR);
    let is_multipart = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    let saved = if is_multipart {
        let multipart = Multipart::from_request(request, &state)
            .await
            .map_err(|err| ApiError::BadRequest(err.body_text()))?;
        save_parts(multipart, &dir, state.config.max_upload_bytes).await?
    } else {
        let bytes = axum::body::to_bytes(request.into_body(), 64 * 1024)
            .await
            .map_err(|_| ApiError::BadRequest("the URL list is missing or too long".into()))?;
        let body: UrlUpload = serde_json::from_slice(&bytes).map_err(|err| {
            ApiError::BadRequest(format!(
                "expected multipart files or {{\"urls\": [...]}}: {err}"
            ))
        })?;
        fetch_all(&body.urls, &dir, &state).await?
    };
    let records: Vec<MediaRecord> = saved
        .iter()
        .map(|file| record_for(&session.session_id, file))
        .collect();
    let max_bytes = state.config.max_user_media_bytes;
    if let Err(err) = state.store.add_upload(&records, user.id, max_bytes) {
        // Nothing was recorded: the stored files would be orphans nobody could see or remove.
        remove_saved(&dir, &saved).await;
        return Err(err.into());
    }
    Ok(ApiOk(match state.config.dialect {
        Dialect::Adk => {
            let files: Vec<MediaView> = records.iter().map(MediaView::from).collect();
            json!({ "files": files })
        }
        Dialect::Reference => {
            let files: Vec<Value> = records
                .iter()
                .map(|record| dialect::reference_media(record, media_url(&state, record)))
                .collect();
            // Every upload is in the session's state as soon as it is answered.
            json!({ "files": files, "session_state_applied": true })
        }
    }))
}

/// Where a stored file can be fetched without a bearer token.
fn media_url(state: &AppState, record: &MediaRecord) -> String {
    format!(
        "{}/api/media/{}?key={}",
        state.config.public_url.trim_end_matches('/'),
        record.media_id,
        state.download_key(&media_key_subject(&record.media_id))
    )
}

/// What a media key is derived from: never the same text as a render id's.
fn media_key_subject(media_id: &str) -> String {
    format!("media/{media_id}")
}

/// `GET /api/media/<media_id>?key=…`: the stored file, with Range support, for whoever has the
/// key of its URL; anything else is the same 404, leaking nothing.
async fn media_file(
    State(state): State<AppState>,
    UrlPath(media_id): UrlPath<String>,
    Query(query): Query<KeyQuery>,
    request: Request,
) -> Result<Response, ApiError> {
    let expected = state.download_key(&media_key_subject(&media_id));
    if query.key.as_deref() != Some(expected.as_str()) {
        return Err(ApiError::NotFound);
    }
    let record = state
        .store
        .media_by_id(&media_id)?
        .ok_or(ApiError::NotFound)?;
    serve_file(
        &state.config.data_dir.join(&record.path),
        &record.mime,
        request,
    )
    .await
}

/// Removes files an upload had put in place before a later part of it failed.
async fn remove_saved(dir: &Path, saved: &[Saved]) {
    for file in saved {
        if let Err(err) = tokio::fs::remove_file(dir.join(&file.file_name)).await {
            tracing::warn!(file = %file.file_name, %err, "an unrecorded upload could not be removed");
        }
    }
}

/// Streams every `files` part to disk; other fields are ignored. When a part fails, the parts
/// already stored go too: the request is refused whole.
async fn save_parts(
    multipart: Multipart,
    dir: &Path,
    max_bytes: u64,
) -> Result<Vec<Saved>, ApiError> {
    let mut saved = Vec::new();
    let result = save_each_part(multipart, dir, max_bytes, &mut saved).await;
    if let Err(err) = result {
        remove_saved(dir, &saved).await;
        return Err(err);
    }
    if saved.is_empty() {
        return Err(ApiError::BadRequest("no `files` part in the form".into()));
    }
    Ok(saved)
}

async fn save_each_part(
    mut multipart: Multipart,
    dir: &Path,
    max_bytes: u64,
    saved: &mut Vec<Saved>,
) -> Result<(), ApiError> {
    loop {
        let field = multipart
            .next_field()
            .await
            .map_err(|err| ApiError::BadRequest(err.body_text()))?;
        let Some(field) = field else { break };
        if field.name() != Some("files") {
            continue;
        }
        let name = field.file_name().unwrap_or("upload").to_owned();
        saved.push(
            media::save_stream(dir, &name, field, max_bytes)
                .await
                .map_err(api_error)?,
        );
    }
    Ok(())
}

/// Fetches every URL, refusing private addresses unless the studio allows them.
async fn fetch_all(urls: &[String], dir: &Path, state: &AppState) -> Result<Vec<Saved>, ApiError> {
    if urls.is_empty() {
        return Err(ApiError::BadRequest("`urls` is empty".into()));
    }
    let mut saved = Vec::with_capacity(urls.len());
    for url in urls {
        let fetched = media::fetch_url(
            url,
            dir,
            state.config.max_upload_bytes,
            URL_FETCH_TIMEOUT,
            state.config.allow_private_urls,
        )
        .await;
        match fetched {
            Ok(file) => saved.push(file),
            Err(err) => {
                // The request is refused whole: what it already stored goes.
                remove_saved(dir, &saved).await;
                return Err(api_error(err));
            }
        }
    }
    Ok(saved)
}

fn api_error(err: MediaError) -> ApiError {
    match err {
        MediaError::Unsupported { name } => ApiError::UnsupportedFileType { name: Some(name) },
        MediaError::Damaged { name, reason } => ApiError::DamagedFile { name, reason },
        MediaError::TooLarge { limit } => ApiError::FileTooLarge { max_bytes: limit },
        MediaError::Io { reason } => {
            tracing::error!(%reason, "an upload could not be stored");
            ApiError::Internal
        }
        other => ApiError::BadRequest(other.to_string()),
    }
}

fn record_for(session_id: &str, file: &Saved) -> MediaRecord {
    let (width, height) = file
        .display_size()
        .map_or((file.width, file.height), |(w, h)| (Some(w), Some(h)));
    MediaRecord {
        media_id: file.media_id.clone(),
        session_id: session_id.to_owned(),
        name: file.original_name.clone(),
        kind: file.format.kind,
        mime: file.format.mime.to_owned(),
        ext: file.format.ext.to_owned(),
        size: file.size,
        width,
        height,
        orientation: file.orientation.map(|o| o.to_string()),
        duration_ms: file.duration_ms,
        path: format!("{MEDIA_DIR}/{}", file.file_name),
        created_ms: now_ms(),
        sha256: Some(file.sha256.clone()),
        facts: Some(file.facts()),
    }
}
