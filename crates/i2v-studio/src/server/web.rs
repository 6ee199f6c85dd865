//! Files for browsers: the static demo page and package, and files (videos, uploads) served by
//! key with byte ranges. Which pages may call the studio is `origins`.

use std::path::Path;

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use super::envelope::ApiError;

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
