//! Every API answer in the envelope (`docs/PROTOCOL.md` §2), whoever wrote it.
//!
//! The handlers answer in the envelope, but some answers are written before or around them:
//! axum's own refusals (a query or path segment it cannot read, a broken multipart body) are
//! plain text, and an oversized request head is refused by hyper with an empty body. Here:
//! - a request head past the studio's limits (more than [`MAX_HEADERS`] headers or
//!   [`MAX_HEAD_BYTES`] of them, a target over [`MAX_URI_BYTES`]) is refused with 431 or 414
//!   in the envelope, below hyper's own larger limits, which remain the backstop;
//! - an error answer to an API path that is not JSON becomes the envelope of its status, with
//!   its text as the message.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::envelope::ApiError;

/// The most headers one request may have (hyper is told to take more, see `connections`).
pub(super) const MAX_HEADERS: usize = 100;

/// The most bytes one request's headers may take together, names and values.
pub(super) const MAX_HEAD_BYTES: usize = 32 * 1024;

/// The longest request target (path and query), in bytes.
pub(super) const MAX_URI_BYTES: usize = 8 * 1024;

/// The most of a plain-text refusal kept as the envelope's message.
const MAX_MESSAGE_BYTES: usize = 1024;

/// Whether a path is one of the API's, whose answers are envelopes.
pub(super) fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path == "/run_sse"
}

/// Middleware: refuses oversized heads, and wraps bare error answers to API paths.
pub(super) async fn in_the_envelope(request: Request, next: Next) -> Response {
    if let Some(refusal) = oversized(&request) {
        return refusal.into_response();
    }
    let api = is_api(request.uri().path());
    let response = next.run(request).await;
    if !api || !needs_wrapping(&response) {
        return response;
    }
    wrap(response).await
}

/// The refusal of a request head past the limits, if it is.
fn oversized(request: &Request) -> Option<ApiError> {
    let uri_bytes = request
        .uri()
        .path_and_query()
        .map_or(0, |target| target.as_str().len());
    if uri_bytes > MAX_URI_BYTES {
        return Some(ApiError::Refused(
            StatusCode::URI_TOO_LONG,
            format!(
                "the request's address is {uri_bytes} bytes long; the limit is {MAX_URI_BYTES}"
            ),
        ));
    }
    let headers = request.headers();
    let head_bytes: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if headers.len() > MAX_HEADERS || head_bytes > MAX_HEAD_BYTES {
        return Some(ApiError::Refused(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!(
                "the request has {} headers of {head_bytes} bytes; the limits are {MAX_HEADERS} headers and {MAX_HEAD_BYTES} bytes",
                headers.len()
            ),
        ));
    }
    None
}

/// Whether an answer is an error that is not already JSON (an envelope) or an event stream.
fn needs_wrapping(response: &Response) -> bool {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return false;
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    !content_type.starts_with("application/json") && !content_type.starts_with("text/event-stream")
}

/// The envelope of a bare error answer: its status as the code, its text (or the status's
/// reason, when it has none) as the message; the other headers (CORS, request id, Retry-After)
/// are kept.
async fn wrap(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let text = match to_bytes(body, MAX_MESSAGE_BYTES * 4).await {
        Ok(bytes) => String::from_utf8_lossy(&bytes).trim().to_owned(),
        Err(_) => String::new(),
    };
    let message = if text.is_empty() {
        parts
            .status
            .canonical_reason()
            .unwrap_or("error")
            .to_ascii_lowercase()
    } else {
        truncate(&text, MAX_MESSAGE_BYTES).to_owned()
    };
    let wrapped = ApiError::Refused(parts.status, message).into_response();
    let (wrapped_parts, wrapped_body) = wrapped.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    for (name, value) in &wrapped_parts.headers {
        parts.headers.insert(name.clone(), value.clone());
    }
    Response::from_parts(parts, Body::new(wrapped_body))
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::extract::Query;
    use axum::middleware::from_fn;
    use axum::routing::get;
    use serde::Deserialize;
    use serde_json::Value;
    use tower::ServiceExt;

    use super::*;

    #[derive(Deserialize)]
    struct Page {
        #[allow(dead_code)] // read only to make the query's parsing fail
        page: u32,
    }

    fn app() -> Router {
        Router::new()
            .route("/api/list", get(|Query(_): Query<Page>| async { "[]" }))
            .route(
                "/plain",
                get(|| async { (StatusCode::BAD_REQUEST, "plain") }),
            )
            .layer(from_fn(in_the_envelope))
    }

    async fn call(request: Request) -> (StatusCode, Value) {
        let response = app().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    fn get_request(uri: &str) -> Request {
        Request::builder().uri(uri).body(Body::empty()).unwrap()
    }

    #[tokio::test]
    async fn axums_own_refusals_of_api_paths_come_in_the_envelope() {
        let (status, body) = call(get_request("/api/list?page=many")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["code"], 400);
        assert!(body["message"].as_str().unwrap().contains("page"), "{body}");
        // Other paths are left as they were.
        let response = app().oneshot(get_request("/plain")).await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    }

    #[tokio::test]
    async fn a_long_target_is_414_and_many_headers_431_in_the_envelope() {
        let long = format!("/api/list?page=1&x={}", "a".repeat(MAX_URI_BYTES));
        let (status, body) = call(get_request(&long)).await;
        assert_eq!((status.as_u16(), body["code"].as_i64()), (414, Some(414)));

        let mut request = get_request("/api/list?page=1");
        for n in 0..=MAX_HEADERS {
            let name = header::HeaderName::try_from(format!("x-h{n}")).unwrap();
            request
                .headers_mut()
                .insert(name, HeaderValue::from_static("1"));
        }
        let (status, body) = call(request).await;
        assert_eq!((status.as_u16(), body["code"].as_i64()), (431, Some(431)));
        assert!(body["message"].as_str().unwrap().contains("headers"));

        let mut request = get_request("/api/list?page=1");
        let big = HeaderValue::try_from("v".repeat(MAX_HEAD_BYTES)).unwrap();
        request.headers_mut().insert("x-big", big);
        let (status, _) = call(request).await;
        assert_eq!(status.as_u16(), 431);
    }

    #[test]
    fn only_api_paths_are_api() {
        assert!(is_api("/api/credits/balance/simple"));
        assert!(is_api("/run_sse"));
        assert!(!is_api("/"));
        assert!(!is_api("/pkg/i2v_bg.wasm"));
        assert!(!is_api("/apix"));
    }

    #[test]
    fn messages_are_cut_on_character_boundaries() {
        assert_eq!(truncate("héllo", 2), "h");
        assert_eq!(truncate("hi", 10), "hi");
    }
}
