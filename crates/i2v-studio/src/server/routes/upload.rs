//! Uploads (`PROTOCOL.md` §3.5): multipart `files` parts streamed to disk, or URLs fetched.
//!
//! The media module judges each file by its bytes, enforces the size limit while the body
//! streams and makes a file visible only once it is whole; this handler checks who is asking,
//! records what was stored, and answers in the upload shape.

use std::path::Path;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path as UrlPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::routing::post;
use serde::{Deserialize, Serialize};

use crate::media::{self, MediaError, Saved};
use crate::server::envelope::{ApiError, ApiOk, ApiResult};
use crate::server::extract::Caller;
use crate::server::state::{AppState, now_ms};
use crate::server::views::MediaView;
use crate::store::MediaRecord;

/// Where uploaded media live, below the data dir.
pub(crate) const MEDIA_DIR: &str = "media";

/// The longest a URL upload may take.
const URL_FETCH_TIMEOUT: Duration = Duration::from_secs(60);

pub(super) fn routes() -> Router<AppState> {
    Router::new().route(
        "/api/upload-video/nemo_agent/me/{session_id}",
        // The media module enforces the real limit while streaming; axum's 2 MB default must
        // not cut uploads short first.
        post(upload).layer(DefaultBodyLimit::disable()),
    )
}

#[derive(Debug, Serialize)]
struct UploadAnswer {
    files: Vec<MediaView>,
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
) -> ApiResult<UploadAnswer> {
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
    let mut files = Vec::with_capacity(saved.len());
    for file in saved {
        let record = record_for(&session.session_id, &file);
        state.store.add_media(&record)?;
        files.push(MediaView::from(&record));
    }
    Ok(ApiOk(UploadAnswer { files }))
}

/// Streams every `files` part to disk; other fields are ignored.
async fn save_parts(
    mut multipart: Multipart,
    dir: &Path,
    max_bytes: u64,
) -> Result<Vec<Saved>, ApiError> {
    let mut saved = Vec::new();
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
    if saved.is_empty() {
        return Err(ApiError::BadRequest("no `files` part in the form".into()));
    }
    Ok(saved)
}

/// Fetches every URL, refusing private addresses unless the studio allows them.
async fn fetch_all(urls: &[String], dir: &Path, state: &AppState) -> Result<Vec<Saved>, ApiError> {
    if urls.is_empty() {
        return Err(ApiError::BadRequest("`urls` is empty".into()));
    }
    let mut saved = Vec::with_capacity(urls.len());
    for url in urls {
        let file = media::fetch_url(
            url,
            dir,
            state.config.max_upload_bytes,
            URL_FETCH_TIMEOUT,
            state.config.allow_private_urls,
        )
        .await
        .map_err(api_error)?;
        saved.push(file);
    }
    Ok(saved)
}

fn api_error(err: MediaError) -> ApiError {
    match err {
        MediaError::Unsupported { name } => ApiError::UnsupportedFileType { name: Some(name) },
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
    }
}
