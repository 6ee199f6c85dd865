//! Reading a response: the `{"code", "message", "data"}` envelope of `PROTOCOL.md` §2.
//!
//! `code` in the body is authoritative whatever the HTTP status. The reader is lenient where the
//! cloud might differ: a 2xx JSON body with no `code` is taken as the data itself, and a non-JSON
//! error body falls back to the HTTP status.

use serde_json::Value;

use super::transport::Response;
use crate::{Error, json};

/// The most bytes a JSON response may have; more is a protocol error, not an allocation.
pub const MAX_JSON_RESPONSE: usize = 8 * 1024 * 1024;

/// Reads a whole (JSON) response body, up to [`MAX_JSON_RESPONSE`].
pub(crate) async fn read_body(response: &mut Response) -> Result<Vec<u8>, Error> {
    let mut body = Vec::new();
    while let Some(chunk) = response.body.next_chunk().await {
        let chunk = chunk?;
        if body.len() + chunk.len() > MAX_JSON_RESPONSE {
            return Err(Error::Protocol {
                message: format!("response body over {MAX_JSON_RESPONSE} bytes"),
            });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// What a successful response carried.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Payload {
    /// The envelope's `data` (`Null` when absent), or the whole body when there was no envelope.
    pub(crate) data: Value,
    /// The whole body, for answers with top-level fields (the render status).
    pub(crate) body: Value,
}

/// Interprets a response: the payload on success, the mapped [`Error`] otherwise.
pub(crate) fn interpret(
    status: u16,
    retry_after: Option<&str>,
    body: &[u8],
) -> Result<Payload, Error> {
    let json: Option<Value> = std::str::from_utf8(body)
        .ok()
        .and_then(|text| json::from_str(text).ok());
    let envelope_code = json
        .as_ref()
        .and_then(|v| v.get("code"))
        .and_then(Value::as_i64);
    let message = json
        .as_ref()
        .and_then(|v| v.get("message").or_else(|| v.get("msg")))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let message = message.as_deref();
    match (envelope_code, json) {
        (Some(0), Some(body)) => Ok(Payload {
            data: body.get("data").cloned().unwrap_or(Value::Null),
            body,
        }),
        (Some(code), _) => Err(Error::from_api(Some(code), status, message, retry_after)),
        (None, Some(body)) if (200..300).contains(&status) => Ok(Payload {
            data: body.clone(),
            body,
        }),
        (None, None) if (200..300).contains(&status) => Err(Error::Protocol {
            message: format!(
                "expected a JSON body, got {} bytes that are not JSON",
                body.len()
            ),
        }),
        (None, _) => Err(Error::from_api(None, status, message, retry_after)),
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;

    fn run(status: u16, body: &str) -> Result<Payload, Error> {
        interpret(status, None, body.as_bytes())
    }

    #[test]
    fn success_envelope_yields_its_data() {
        let p = run(200, r#"{"code":0,"message":"ok","data":{"available":5}}"#).unwrap();
        assert_eq!(p.data, json!({"available": 5}));
        assert_eq!(run(200, r#"{"code":0}"#).unwrap().data, Value::Null);
    }

    #[test]
    fn body_code_is_authoritative_over_http_status() {
        assert_eq!(
            run(200, r#"{"code":1002,"message":"session not found"}"#),
            Err(Error::SessionNotFound)
        );
        assert_eq!(run(500, r#"{"code":0,"data":1}"#).unwrap().data, json!(1));
    }

    #[test]
    fn no_envelope_is_accepted_on_success() {
        let p = run(200, r#"{"status":"processing","progress":40}"#).unwrap();
        assert_eq!(p.data["status"], "processing");
        assert_eq!(p.body["progress"], 40);
    }

    #[test]
    fn non_json_error_falls_back_to_http_status() {
        assert_eq!(
            run(429, "<html>slow down</html>"),
            Err(Error::RateLimited {
                retry_after: crate::error::DEFAULT_RETRY_AFTER
            })
        );
        assert!(matches!(
            run(502, "Bad Gateway"),
            Err(Error::Api {
                code: 502,
                http_status: 502,
                ..
            })
        ));
        assert!(matches!(run(200, "not json"), Err(Error::Protocol { .. })));
    }

    #[test]
    fn retry_after_header_is_used() {
        let err = interpret(429, Some("3"), br#"{"code":429}"#).unwrap_err();
        assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(3)));
    }
}
