//! What browsers need: CORS for pages on other origins, the static demo page and package, and
//! files (videos, uploads) served by key with byte ranges.

use std::path::Path;
use std::time::Duration;

use axum::extract::Request;
use axum::http::{HeaderName, Method, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tower::ServiceExt;
use tower_http::cors::{Any, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};

use super::envelope::ApiError;

/// CORS for any origin: the API is authorised by bearer tokens, not cookies, so no origin
/// gains anything a page could not do anyway. Preflights are answered here.
pub(super) fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([
            Method::GET,
            Method::HEAD,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        // `Any` would not cover `Authorization` (the Fetch standard excludes it from `*`).
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::RANGE,
            header::CACHE_CONTROL,
            HeaderName::from_static("last-event-id"),
            HeaderName::from_static("x-client-id"),
            HeaderName::from_static("x-skill-source"),
            HeaderName::from_static("x-skill-version"),
            HeaderName::from_static("x-skill-platform"),
        ])
        .expose_headers([
            header::RETRY_AFTER,
            HeaderName::from_static("x-request-id"),
            header::CONTENT_LENGTH,
            header::CONTENT_RANGE,
            header::CONTENT_DISPOSITION,
        ])
        .max_age(Duration::from_secs(600))
}

/// Files of a directory, with `index.html` for directories, byte ranges, and content types by
/// extension (`.wasm` as `application/wasm`, which streaming compilation requires).
pub(super) fn static_files(root: &Path) -> ServeDir {
    ServeDir::new(root).append_index_html_on_directories(true)
}

/// A file with byte ranges (so a `<video>` can seek), as `mime`; the caller has checked who may
/// have it.
pub(crate) async fn serve_file(
    path: &Path,
    mime: &str,
    request: Request,
) -> Result<Response, ApiError> {
    let mime = mime.parse().map_err(|_| ApiError::Internal)?;
    let served = ServeFile::new_with_mime(path, &mime)
        .oneshot(request)
        .await
        .map_err(|_| ApiError::Internal)?;
    Ok(served.into_response())
}

/// The `?key=…` of a URL that opens a file without a bearer token.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct KeyQuery {
    /// The key, when the URL has one.
    #[serde(default)]
    pub(crate) key: Option<String>,
}
