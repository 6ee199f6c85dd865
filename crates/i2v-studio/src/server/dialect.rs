//! The answers whose shape depends on the studio's [`Dialect`] (`docs/PROTOCOL.md` §8).
//!
//! The seed dialect is the shape every handler already writes (the `code` envelope). The
//! api-reference dialect differs in a few answers, each built here so that the handlers stay
//! one code path: the token and session name the user (`user_id`), uploads are described by
//! `filename`/`file_type`/`cdn_url`/`hash`/`duration` in seconds, and the render endpoints
//! answer `{"success": true, "data": …}` or `{"success": false, "error": "…"}`. The stream's
//! frames are the agent's business (`crate::agent::frames`).

use std::time::{Duration, UNIX_EPOCH};

use axum::Json;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::envelope::{ApiError, ApiOk};
pub use crate::config::Dialect;
use crate::store::{MediaRecord, User};

/// The user as the api-reference names it: `anon_<id>` for an anonymous user.
pub fn user_id(user: &User) -> String {
    let kind = if user.anonymous { "anon" } else { "usr" };
    format!("{kind}_{}", user.id)
}

/// An RFC 3339 time (`2026-12-14T08:00:00Z`) for Unix milliseconds.
pub fn rfc3339(unix_ms: i64) -> String {
    let ms = u64::try_from(unix_ms).unwrap_or(0);
    let time = UNIX_EPOCH + Duration::from_millis(ms);
    humantime::format_rfc3339_seconds(time).to_string()
}

/// One upload as the api-reference describes it: `filename`, `file_type`, `cdn_url`, `width`,
/// `height`, `duration` in seconds and `hash`, each left out when unknown.
pub fn reference_media(record: &MediaRecord, cdn_url: String) -> Value {
    let mut file = Map::new();
    file.insert("filename".into(), record.name.clone().into());
    file.insert("file_type".into(), record.kind.as_str().into());
    file.insert("cdn_url".into(), cdn_url.into());
    if let Some(ms) = record.duration_ms {
        file.insert("duration".into(), json!(ms as f64 / 1000.0));
    }
    if let (Some(width), Some(height)) = (record.width, record.height) {
        file.insert("width".into(), width.into());
        file.insert("height".into(), height.into());
    }
    if let Some(hash) = &record.sha256 {
        file.insert("hash".into(), hash.clone().into());
    }
    Value::Object(file)
}

/// An answer of a render endpoint, in the studio's dialect.
#[derive(Debug)]
pub struct RenderAnswer {
    /// The dialect to answer in.
    pub dialect: Dialect,
    /// The job's view, or why the request failed.
    pub outcome: Result<Value, ApiError>,
    /// Seed dialect: repeat the view's fields at the top level, beside the envelope (the poll
    /// answer, whose `status` the protocol puts there).
    pub top_level: bool,
}

impl IntoResponse for RenderAnswer {
    fn into_response(self) -> Response {
        match (self.dialect, self.outcome) {
            (Dialect::Adk, Ok(view)) if self.top_level => {
                let mut body = json!({"code": 0, "message": "ok", "data": view.clone()});
                if let (Some(body), Value::Object(view)) = (body.as_object_mut(), view) {
                    body.extend(view);
                }
                Json(body).into_response()
            }
            (Dialect::Adk, Ok(view)) => ApiOk(view).into_response(),
            (Dialect::Adk, Err(err)) => err.into_response(),
            (Dialect::Reference, Ok(view)) => {
                Json(json!({"success": true, "data": view})).into_response()
            }
            (Dialect::Reference, Err(err)) => {
                let body = json!({"success": false, "error": err.to_string()});
                let mut response = (err.status(), Json(body)).into_response();
                if let ApiError::RateLimited { retry_after_secs } = err {
                    response
                        .headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
                }
                response
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::body::to_bytes;
    use axum::http::StatusCode;

    use super::*;
    use crate::store::{MediaKind, UserId};

    async fn body(answer: RenderAnswer) -> (StatusCode, Value) {
        let response = answer.into_response();
        let status = response.status();
        let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    fn answer(dialect: Dialect, outcome: Result<Value, ApiError>, top_level: bool) -> RenderAnswer {
        RenderAnswer {
            dialect,
            outcome,
            top_level,
        }
    }

    #[tokio::test]
    async fn the_seed_poll_has_its_status_at_the_top_level_too() {
        let view = json!({"id": "render_1", "status": "pending", "progress": 0});
        let (status, polled) = body(answer(Dialect::Adk, Ok(view.clone()), true)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(polled["code"], 0);
        assert_eq!(polled["status"], "pending");
        assert_eq!(polled["data"], view);
        let (_, submitted) = body(answer(Dialect::Adk, Ok(view.clone()), false)).await;
        assert_eq!(submitted, json!({"code": 0, "message": "ok", "data": view}));
    }

    #[tokio::test]
    async fn the_reference_form_wraps_in_success() {
        let view = json!({"id": "render_1", "status": "completed"});
        let (status, ok) = body(answer(Dialect::Reference, Ok(view.clone()), true)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(ok, json!({"success": true, "data": view}));
        let missing = ApiError::UnknownRender("no render with id 'render_2'".into());
        let (status, failed) = body(answer(Dialect::Reference, Err(missing), true)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(
            failed,
            json!({"success": false, "error": "no render with id 'render_2'"})
        );
        let response = answer(
            Dialect::Reference,
            Err(ApiError::RateLimited {
                retry_after_secs: 7,
            }),
            false,
        )
        .into_response();
        assert_eq!(response.headers()[header::RETRY_AFTER], "7");
    }

    #[test]
    fn users_times_and_media_in_the_reference_form() {
        let user = User {
            id: UserId(42),
            client_id: "c".into(),
            anonymous: true,
            created_ms: 0,
        };
        assert_eq!(user_id(&user), "anon_42");
        assert_eq!(rfc3339(1_796_630_400_000), "2026-12-07T08:00:00Z");
        assert_eq!(rfc3339(-5), "1970-01-01T00:00:00Z");
        let record = MediaRecord {
            media_id: "med_1".into(),
            session_id: "ses_1".into(),
            name: "clip.mp4".into(),
            kind: MediaKind::Video,
            mime: "video/mp4".into(),
            ext: "mp4".into(),
            size: 10,
            width: Some(1280),
            height: Some(720),
            orientation: None,
            duration_ms: Some(30_500),
            path: "media/med_1.mp4".into(),
            created_ms: 0,
            sha256: Some("abc".into()),
            facts: None,
        };
        assert_eq!(
            reference_media(&record, "https://cdn/x".into()),
            json!({"filename": "clip.mp4", "file_type": "video", "cdn_url": "https://cdn/x",
                   "duration": 30.5, "width": 1280, "height": 720, "hash": "abc"})
        );
        let bare = MediaRecord {
            width: None,
            duration_ms: None,
            sha256: None,
            ..record
        };
        assert_eq!(
            reference_media(&bare, "u".into()),
            json!({"filename": "clip.mp4", "file_type": "video", "cdn_url": "u"})
        );
    }
}
