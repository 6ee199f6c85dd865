//! What browsers need: CORS for pages on other origins, the static demo page and package, and
//! files (videos, uploads) served by key with byte ranges.

use std::path::Path;
use std::time::Duration;

use axum::extract::Request;
use axum::http::{HeaderName, Method, header};
use axum::http::{HeaderValue, request};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tower::ServiceExt;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};

use super::envelope::ApiError;

/// CORS for pages of this machine (`http://localhost:*`, `127.0.0.1`, `[::1]`) and of the
/// studio's own public address; preflights are answered here.
///
/// Not any origin: an anonymous token needs no secret, so a page of any website a person visits
/// could otherwise drive their local studio (spend its CPU, fetch URLs from inside their
/// network). A developer's page on localhost, and the studio's own page, are what it serves.
pub(super) fn cors(public_url: &str) -> CorsLayer {
    let own = origin_of(public_url);
    let allowed = move |origin: &HeaderValue, _: &request::Parts| {
        let origin = origin.to_str().unwrap_or_default();
        is_loopback_origin(origin) || own.as_deref() == Some(origin)
    };
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(allowed))
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

/// `scheme://host[:port]` of a URL, as a browser writes an `Origin`.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next().filter(|host| !host.is_empty())?;
    Some(format!("{scheme}://{host}"))
}

/// Whether an `Origin` is a page served from this machine over plain HTTP(S) on any port.
fn is_loopback_origin(origin: &str) -> bool {
    let Some((scheme, rest)) = origin.split_once("://") else {
        return false;
    };
    let host = match rest.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => rest.split(':').next().unwrap_or_default(),
    };
    matches!(scheme, "http" | "https") && matches!(host, "localhost" | "127.0.0.1" | "::1")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_this_machine_and_the_studio_itself_are_allowed_others_not() {
        for origin in [
            "http://localhost:5173",
            "http://127.0.0.1:41231",
            "http://[::1]:8080",
            "https://localhost",
        ] {
            assert!(is_loopback_origin(origin), "{origin}");
        }
        for origin in [
            "https://evil.example",
            "http://localhost.evil.example",
            "http://127.0.0.1.nip.io:80",
            "file://",
            "null",
        ] {
            assert!(!is_loopback_origin(origin), "{origin}");
        }
        assert_eq!(
            origin_of("https://studio.example/app/").as_deref(),
            Some("https://studio.example")
        );
        assert_eq!(origin_of("nonsense"), None);
    }
}
