//! The response envelope `{"code","message","data"}` and the API's one error type
//! (`docs/PROTOCOL.md` §2).
//!
//! Every handler returns [`ApiResult`]: `Ok(ApiOk(data))` becomes `{"code":0,"message":"ok",
//! "data":…}` with HTTP 200, and an [`ApiError`] becomes its code with the HTTP status of the
//! "HTTP (ours)" column. The body's `code` is what clients act on; the status is for people and
//! proxies.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};

use crate::store::StoreError;

/// A size in megabytes, for the messages that speak of sizes.
fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// What a handler returns.
pub type ApiResult<T> = Result<ApiOk<T>, ApiError>;

/// A successful answer: `data` wrapped in the envelope with code 0.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiOk<T>(pub T);

impl<T: Serialize> IntoResponse for ApiOk<T> {
    fn into_response(self) -> Response {
        let envelope = Envelope {
            code: 0,
            message: "ok",
            data: self.0,
        };
        match serde_json::to_vec(&envelope) {
            Ok(body) => json_response(StatusCode::OK, body),
            Err(err) => {
                tracing::error!(error = %err, "cannot serialize a response");
                ApiError::Internal.into_response()
            }
        }
    }
}

#[derive(Serialize)]
struct Envelope<'m, T> {
    code: i64,
    message: &'m str,
    data: T,
}

/// Why an API call failed, as the client is told.
///
/// Messages are short and fixed: nothing a client sent (a token above all) is echoed back.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// `X-Client-Id` is missing or unusable on the anonymous-token call (400).
    #[error("missing or invalid X-Client-Id")]
    MissingClientId,
    /// The request is malformed (400); the message says what to fix.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The bearer token is missing, unknown or expired (1001, HTTP 401).
    #[error("token invalid or expired")]
    TokenRejected,
    /// The session is unknown, not the caller's, or expired (1002, HTTP 404).
    #[error("session not found")]
    SessionNotFound,
    /// The user's credits do not cover the operation (2001, HTTP 403).
    #[error("insufficient credits")]
    OutOfCredits {
        /// The session's bind id, for the registration link, when known.
        bind_id: Option<String>,
    },
    /// The file's type is not accepted (4001, HTTP 415).
    #[error("unsupported file type")]
    UnsupportedFileType {
        /// The file's name as the client gave it, when known.
        name: Option<String>,
    },
    /// The file is of an accepted type but does not decode, cut short or corrupt (4001, HTTP
    /// 415: like a file of the wrong type, it cannot be used as it is).
    #[error("{name} is damaged: {reason}")]
    DamagedFile {
        /// The file's name as the client gave it.
        name: String,
        /// What decoding found, e.g. "the image data ends early".
        reason: String,
    },
    /// The file is over the size limit (4002, HTTP 413).
    #[error("file too large")]
    FileTooLarge {
        /// The limit in bytes.
        max_bytes: u64,
    },
    /// The account's uploads together would pass its storage quota (4003, HTTP 413, ours).
    #[error(
        "this account's uploads take {:.1} MB of its {:.1} MB; this upload of {:.1} MB would go over",
        megabytes(*.used_bytes), megabytes(*.max_bytes), megabytes(*.upload_bytes)
    )]
    StorageFull {
        /// What the account's media take already, in bytes.
        used_bytes: u64,
        /// What the refused upload would have added, in bytes.
        upload_bytes: u64,
        /// The account's quota in bytes.
        max_bytes: u64,
    },
    /// The free plan cannot export (402).
    #[error("export requires a registered account")]
    ExportBlocked,
    /// Too many requests; try again after the wait (429, with `Retry-After`).
    #[error("rate limited")]
    RateLimited {
        /// Seconds to wait before trying again.
        retry_after_secs: u64,
    },
    /// No such endpoint or resource (404).
    #[error("not found")]
    NotFound,
    /// The endpoint exists but not with this method (405).
    #[error("method not allowed")]
    MethodNotAllowed,
    /// No render has this id (404); the message names it.
    #[error("{0}")]
    UnknownRender(String),
    /// The render's output is gone after its retention time (410): export again.
    #[error("{0}")]
    ExpiredRender(String),
    /// The session's previous message is still being answered (409): one turn at a time.
    #[error(
        "the previous message in this session is still being answered; send this one when it is done"
    )]
    TurnRunning,
    /// A refusal written outside the handlers (an unreadable query, an oversized head), put in
    /// the envelope with its own status as the code.
    #[error("{1}")]
    Refused(StatusCode, String),
    /// Something failed inside the studio; the log has the details (500).
    #[error("internal error")]
    Internal,
    /// The studio cannot answer right now (503).
    #[error("service unavailable")]
    Unavailable,
}

impl ApiError {
    /// The envelope's `code`.
    pub fn code(&self) -> i64 {
        match self {
            ApiError::MissingClientId | ApiError::BadRequest(_) => 400,
            ApiError::TokenRejected => 1001,
            ApiError::SessionNotFound => 1002,
            ApiError::OutOfCredits { .. } => 2001,
            ApiError::UnsupportedFileType { .. } | ApiError::DamagedFile { .. } => 4001,
            ApiError::FileTooLarge { .. } => 4002,
            ApiError::StorageFull { .. } => 4003,
            ApiError::ExportBlocked => 402,
            ApiError::RateLimited { .. } => 429,
            ApiError::NotFound | ApiError::UnknownRender(_) => 404,
            ApiError::ExpiredRender(_) => 410,
            ApiError::TurnRunning => 409,
            ApiError::MethodNotAllowed => 405,
            ApiError::Refused(status, _) => i64::from(status.as_u16()),
            ApiError::Internal => 500,
            ApiError::Unavailable => 503,
        }
    }

    /// The HTTP status (the "HTTP (ours)" column of `docs/PROTOCOL.md` §2).
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::MissingClientId | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::TokenRejected => StatusCode::UNAUTHORIZED,
            ApiError::SessionNotFound | ApiError::NotFound | ApiError::UnknownRender(_) => {
                StatusCode::NOT_FOUND
            }
            ApiError::ExpiredRender(_) => StatusCode::GONE,
            ApiError::TurnRunning => StatusCode::CONFLICT,
            ApiError::OutOfCredits { .. } => StatusCode::FORBIDDEN,
            ApiError::UnsupportedFileType { .. } | ApiError::DamagedFile { .. } => {
                StatusCode::UNSUPPORTED_MEDIA_TYPE
            }
            ApiError::FileTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::StorageFull { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::ExportBlocked => StatusCode::PAYMENT_REQUIRED,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Refused(status, _) => *status,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The envelope's `data`: what a client needs to act on the error, or null.
    fn data(&self) -> Value {
        match self {
            ApiError::OutOfCredits { bind_id } => json!({ "bind_id": bind_id }),
            ApiError::UnsupportedFileType { name } => json!({
                "name": name,
                "accepted": i2v_core::media::ACCEPTED_FORMATS,
            }),
            ApiError::DamagedFile { name, reason } => json!({ "name": name, "reason": reason }),
            ApiError::FileTooLarge { max_bytes } => json!({ "max_bytes": max_bytes }),
            ApiError::StorageFull {
                used_bytes,
                upload_bytes,
                max_bytes,
            } => json!({
                "used_bytes": used_bytes,
                "upload_bytes": upload_bytes,
                "max_bytes": max_bytes,
            }),
            ApiError::RateLimited { retry_after_secs } => {
                json!({ "retry_after": retry_after_secs })
            }
            _ => Value::Null,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let message = self.to_string();
        let envelope = Envelope {
            code: self.code(),
            message: &message,
            data: self.data(),
        };
        // A struct of a string, an integer and a `Value` always serializes.
        let body = serde_json::to_vec(&envelope).unwrap_or_default();
        let mut response = json_response(self.status(), body);
        if let ApiError::RateLimited { retry_after_secs } = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}

impl From<StoreError> for ApiError {
    /// Store failures a client can act on keep their meaning; the rest are logged and hidden.
    fn from(err: StoreError) -> ApiError {
        match err {
            StoreError::RateLimited { retry_after_secs } => {
                ApiError::RateLimited { retry_after_secs }
            }
            StoreError::InsufficientCredits { .. } => ApiError::OutOfCredits { bind_id: None },
            StoreError::NoSuchSession => ApiError::SessionNotFound,
            StoreError::StorageFull {
                used_bytes,
                upload_bytes,
                max_bytes,
            } => ApiError::StorageFull {
                used_bytes,
                upload_bytes,
                max_bytes,
            },
            StoreError::Invalid { .. } => ApiError::BadRequest(err.to_string()),
            other => {
                tracing::error!(error = %other, "store failure");
                ApiError::Internal
            }
        }
    }
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use axum::body::to_bytes;

    use super::*;

    async fn parts(response: Response) -> (StatusCode, Option<String>, Value) {
        let status = response.status();
        let retry = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        (status, retry, serde_json::from_slice(&body).unwrap())
    }

    #[tokio::test]
    async fn success_is_wrapped_in_the_envelope() {
        let (status, _, body) = parts(ApiOk(json!({"a": 1})).into_response()).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, json!({"code": 0, "message": "ok", "data": {"a": 1}}));
    }

    #[tokio::test]
    async fn every_error_has_the_code_and_status_of_the_protocol() {
        let table = [
            (ApiError::MissingClientId, 400, 400),
            (ApiError::BadRequest("x".into()), 400, 400),
            (ApiError::TokenRejected, 1001, 401),
            (ApiError::SessionNotFound, 1002, 404),
            (ApiError::OutOfCredits { bind_id: None }, 2001, 403),
            (ApiError::UnsupportedFileType { name: None }, 4001, 415),
            (
                ApiError::DamagedFile {
                    name: "a.png".into(),
                    reason: "x".into(),
                },
                4001,
                415,
            ),
            (ApiError::FileTooLarge { max_bytes: 1 }, 4002, 413),
            (
                ApiError::StorageFull {
                    used_bytes: 1,
                    upload_bytes: 1,
                    max_bytes: 1,
                },
                4003,
                413,
            ),
            (ApiError::ExportBlocked, 402, 402),
            (
                ApiError::RateLimited {
                    retry_after_secs: 30,
                },
                429,
                429,
            ),
            (ApiError::NotFound, 404, 404),
            (ApiError::MethodNotAllowed, 405, 405),
            (ApiError::Internal, 500, 500),
            (ApiError::Unavailable, 503, 503),
        ];
        for (error, code, status) in table {
            let (got_status, _, body) = parts(error.clone().into_response()).await;
            assert_eq!(got_status.as_u16(), status, "{error:?}");
            assert_eq!(body["code"], code, "{error:?}");
            assert_eq!(body["message"], error.to_string());
        }
    }

    #[tokio::test]
    async fn errors_carry_what_the_client_needs() {
        let (_, retry, body) = parts(
            ApiError::RateLimited {
                retry_after_secs: 30,
            }
            .into_response(),
        )
        .await;
        assert_eq!(retry.as_deref(), Some("30"));
        assert_eq!(body["data"]["retry_after"], 30);
        let bind = ApiError::OutOfCredits {
            bind_id: Some("bnd_1".into()),
        };
        assert_eq!(
            parts(bind.into_response()).await.2["data"]["bind_id"],
            "bnd_1"
        );
        let (_, _, body) =
            parts(ApiError::UnsupportedFileType { name: None }.into_response()).await;
        assert_eq!(body["data"]["accepted"][0], "mp4");
        let (_, _, body) = parts(ApiError::FileTooLarge { max_bytes: 9 }.into_response()).await;
        assert_eq!(body["data"]["max_bytes"], 9);
    }

    #[test]
    fn store_errors_map_to_what_a_client_can_act_on() {
        assert_eq!(
            ApiError::from(StoreError::RateLimited {
                retry_after_secs: 5
            }),
            ApiError::RateLimited {
                retry_after_secs: 5
            }
        );
        assert_eq!(
            ApiError::from(StoreError::InsufficientCredits {
                needed: 2,
                available: 1
            }),
            ApiError::OutOfCredits { bind_id: None }
        );
        assert_eq!(
            ApiError::from(StoreError::NoSuchSession),
            ApiError::SessionNotFound
        );
        assert!(matches!(
            ApiError::from(StoreError::Invalid {
                field: "draft",
                reason: "not a json object"
            }),
            ApiError::BadRequest(message) if message.contains("draft")
        ));
        assert_eq!(
            ApiError::from(StoreError::Database("disk full".into())),
            ApiError::Internal
        );
    }
}
