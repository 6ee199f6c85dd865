//! The media a browser preview draws and plays (ours, `docs/PROTOCOL.md` §3.9):
//! `GET /api/preview/media/{media_id}` and `GET /api/preview/library/{key}`, for the bearer
//! token of the session's owner. What each answers is [`crate::preview`]'s to decide.

use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::header::{CACHE_CONTROL, VARY};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::get;

use crate::media::MediaKind;
use crate::preview::{self, Maker, PREVIEW_DIR, Preview, PreviewError};
use crate::render::{MediaFile, RenderError};
use crate::server::envelope::ApiError;
use crate::server::extract::Caller;
use crate::server::state::{AppState, now_ms};
use crate::server::web::serve_file;

/// An upload never changes, and its preview's recipe is in the file's name: a year.
const MEDIA_CACHING: &str = "private, max-age=31536000, immutable";

/// A library bed is rewritten when its composition changes, under the same address: a day.
const LIBRARY_CACHING: &str = "private, max-age=86400";

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/preview/media/{media_id}", get(media))
        .route("/api/preview/library/{key}", get(library))
}

/// `GET /api/preview/media/{media_id}`: a picture's proxy JPEG, or a sound; an unknown id and
/// another user's alike are 404, leaking nothing.
async fn media(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(media_id): Path<String>,
    request: Request,
) -> Result<Response, ApiError> {
    let record = state
        .store
        .media_by_id(&media_id)?
        .ok_or(ApiError::NotFound)?;
    // The media's session must be the caller's and live, as for every other session call.
    state
        .store
        .use_session(user.id, &record.session_id, state.session_idle(), now_ms())?
        .ok_or(ApiError::NotFound)?;
    let mut file = MediaFile::new(state.config.data_dir.join(&record.path), record.kind);
    file.name = record.name.clone();
    file.facts = record.facts;
    let cache_dir = state.config.data_dir.join(PREVIEW_DIR);
    let (tools, memory_limit) = (state.renders.tools().clone(), state.renders.memory_limit());
    // Made on a task of its own, so that a caller who goes away (a page reloaded) neither
    // stops ffmpeg half-way nor leaves its temporary file behind: the next caller finds the
    // preview made.
    let making = tokio::spawn(async move {
        let maker = Maker {
            tools: &tools,
            memory_limit,
            cache_dir: &cache_dir,
        };
        match record.kind {
            MediaKind::Image => preview::picture(&maker, &record.media_id, &file).await,
            MediaKind::Audio | MediaKind::Video => {
                preview::sound(&maker, &record.media_id, &file, &record.mime).await
            }
        }
    });
    let made = making.await.map_err(|err| {
        tracing::error!(%err, "making a preview failed");
        ApiError::Internal
    })?;
    served(made, request, MEDIA_CACHING).await
}

/// `GET /api/preview/library/{key}`: the library bed `library:<key>` as WAV; an unknown key
/// is 404.
async fn library(
    State(state): State<AppState>,
    Caller(_user): Caller,
    Path(key): Path<String>,
    request: Request,
) -> Result<Response, ApiError> {
    let made = preview::library(state.renders.library_dir(), &key)
        .await
        .ok_or(ApiError::NotFound)?;
    served(made, request, LIBRARY_CACHING).await
}

/// The preview's file with its caching headers, or the refusal that says why there is none.
async fn served(
    made: Result<Preview, PreviewError>,
    request: Request,
    caching: &'static str,
) -> Result<Response, ApiError> {
    let preview = made.map_err(refusal)?;
    let mut response = serve_file(&preview.path, &preview.content_type, request).await?;
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(caching));
    // Answered by token: a shared cache must not give one caller's answer to another.
    headers.insert(VARY, HeaderValue::from_static("authorization"));
    Ok(response)
}

/// A preview that cannot be made, in the envelope: the file's fault is 422 naming the file
/// and the reason; a tool missing or out of time is 503 saying so; anything else is logged and
/// 500.
fn refusal(err: PreviewError) -> ApiError {
    match &err {
        PreviewError::Unreadable { .. } => {
            ApiError::Refused(StatusCode::UNPROCESSABLE_ENTITY, err.to_string())
        }
        PreviewError::Failed(RenderError::ToolMissing { .. } | RenderError::TimedOut { .. }) => {
            ApiError::Refused(StatusCode::SERVICE_UNAVAILABLE, err.to_string())
        }
        PreviewError::Failed(_) => {
            tracing::error!(%err, "a preview could not be made");
            ApiError::Internal
        }
    }
}
