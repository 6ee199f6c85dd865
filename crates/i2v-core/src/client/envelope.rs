//! Reading a response: the three envelopes of `docs/PROTOCOL.md` §2 and §8.
//!
//! A JSON body is read by the first rule that fits it, the official CLI's lenient order:
//! 1. `{"code", "message", "data"}`: `code` 0 is success with `data`; any other code is the
//!    error of that code, whatever the HTTP status.
//! 2. `{"success", "data", "error"}` (the api-reference's renders): `success: true` is success
//!    with `data` (the whole body when there is none); `success: false` is an error with the
//!    body's `error` (or `message`) as its words, mapped from its `code` when it has one, else
//!    from the HTTP status, else (a failure under HTTP 2xx) as code -1, as the official CLI does.
//! 3. Anything else: a 2xx JSON body is the data itself; an error status maps from the status.
//!
//! A non-JSON body is a protocol error on success and falls back to the HTTP status otherwise.

use serde_json::Value;

use super::transport::Response;
use crate::Error;

/// The most bytes a JSON response may have; more is a protocol error, not an allocation.
pub const MAX_JSON_RESPONSE: usize = 8 * 1024 * 1024;

/// The code a `success: false` answer gets when neither its body nor its HTTP status names one.
const UNNAMED_FAILURE: i64 = -1;

/// The most bytes a file response may have (a preview's sound served as it was uploaded): the
/// largest upload ([`crate::media::MAX_UPLOAD_BYTES`]); more is a protocol error.
pub(crate) const MAX_FILE_RESPONSE: usize = crate::media::MAX_UPLOAD_BYTES as usize;

/// Reads a whole response body, up to `limit` bytes ([`MAX_JSON_RESPONSE`] for JSON).
pub(crate) async fn read_limited(response: &mut Response, limit: usize) -> Result<Vec<u8>, Error> {
    let mut body = Vec::new();
    while let Some(chunk) = response.body.next_chunk().await {
        let chunk = chunk?;
        if body.len() + chunk.len() > limit {
            return Err(Error::Protocol {
                message: format!("response body over {limit} bytes"),
            });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// What a successful response carried.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Payload {
    /// The envelope's `data` (`Null` when a `code` envelope has none), or the whole body when
    /// there was no envelope.
    pub(crate) data: Value,
    /// The whole body, for answers with top-level fields (the render status).
    pub(crate) body: Value,
}

impl Payload {
    /// A field of the answer: at the top level, else inside `data` (the render status is
    /// documented both ways); `null` counts as absent.
    pub(crate) fn field(&self, name: &str) -> Option<&Value> {
        self.body
            .get(name)
            .filter(|v| !v.is_null())
            .or_else(|| self.data.get(name).filter(|v| !v.is_null()))
    }
}

/// A failed response: the mapped [`Error`], and what else its body says that the client keeps.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Refusal {
    /// The error.
    pub(crate) error: Error,
    /// The `data.bind_id` of the body, behind the registration link of a 2001 or a 402: the
    /// api-reference's sessions do not name it, so an error may be the first to.
    pub(crate) bind_id: Option<String>,
}

/// Interprets a response: the payload on success, the refusal otherwise.
pub(crate) fn interpret(
    status: u16,
    retry_after: Option<&str>,
    body: &[u8],
) -> Result<Payload, Refusal> {
    let json: Option<Value> = std::str::from_utf8(body)
        .ok()
        .and_then(|text| serde_json::from_str(text).ok());
    let bind_id = json
        .as_ref()
        .and_then(|json| json.get("data")?.get("bind_id")?.as_str())
        .filter(|id| !id.is_empty())
        .map(str::to_owned);
    interpret_json(status, retry_after, body.len(), json)
        .map_err(|error| Refusal { error, bind_id })
}

/// [`interpret`] of a body already read as JSON (`None`: it was not JSON).
fn interpret_json(
    status: u16,
    retry_after: Option<&str>,
    body_len: usize,
    json: Option<Value>,
) -> Result<Payload, Error> {
    let success_status = (200..300).contains(&status);
    let Some(json) = json else {
        if success_status {
            return Err(Error::Protocol {
                message: format!("expected a JSON body, got {body_len} bytes that are not JSON"),
            });
        }
        return Err(Error::from_api(None, status, None, retry_after));
    };
    let code = json.get("code").and_then(Value::as_i64);
    let message = failure_words(&json, &["message", "msg", "error"]);
    if let Some(code) = code {
        if code != 0 {
            return Err(Error::from_api(
                Some(code),
                status,
                message.as_deref(),
                retry_after,
            ));
        }
        let data = json.get("data").cloned().unwrap_or(Value::Null);
        return Ok(Payload { data, body: json });
    }
    match json.get("success").and_then(Value::as_bool) {
        Some(true) => {
            let data = json
                .get("data")
                .filter(|data| !data.is_null())
                .cloned()
                .unwrap_or_else(|| json.clone());
            Ok(Payload { data, body: json })
        }
        Some(false) => {
            let message = failure_words(&json, &["error", "message", "msg"]);
            let code = success_status.then_some(UNNAMED_FAILURE);
            Err(Error::from_api(
                code,
                status,
                message.as_deref(),
                retry_after,
            ))
        }
        None if success_status => Ok(Payload {
            data: json.clone(),
            body: json,
        }),
        None => Err(Error::from_api(
            None,
            status,
            message.as_deref(),
            retry_after,
        )),
    }
}

/// The server's words for a failure: the first of `fields` that is a non-empty string, or an
/// object with a `message` string (`{"error": {"message": "…"}}`).
fn failure_words(body: &Value, fields: &[&str]) -> Option<String> {
    fields.iter().find_map(|field| {
        let value = body.get(*field)?;
        value
            .as_str()
            .or_else(|| value.get("message").and_then(Value::as_str))
            .filter(|text| !text.is_empty())
            .map(str::to_owned)
    })
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;

    fn run(status: u16, body: &str) -> Result<Payload, Error> {
        interpret(status, None, body.as_bytes()).map_err(|refusal| refusal.error)
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
    fn success_envelope_yields_its_data_and_keeps_the_body() {
        let p = run(
            200,
            r#"{"success":true,"data":{"id":"render_1","status":"completed","progress":100}}"#,
        )
        .unwrap();
        assert_eq!(p.data["status"], "completed");
        assert_eq!(p.field("status"), Some(&json!("completed")));
        assert_eq!(p.field("progress"), Some(&json!(100)));
        // No data: the body is the data.
        let bare = run(200, r#"{"success":true,"status":"pending"}"#).unwrap();
        assert_eq!(bare.data["status"], "pending");
        assert_eq!(bare.field("status"), Some(&json!("pending")));
    }

    #[test]
    fn success_false_is_an_error_with_the_servers_words() {
        assert_eq!(
            run(200, r#"{"success":false,"error":"render id in use"}"#),
            Err(Error::Api {
                code: -1,
                http_status: 200,
                message: "render id in use".into()
            })
        );
        // The HTTP status names the failure when the body does not.
        assert_eq!(
            run(402, r#"{"success":false,"error":"free plan"}"#),
            Err(Error::ExportBlocked { bind_url: None })
        );
        assert_eq!(
            run(
                404,
                r#"{"success":false,"error":{"message":"no such render"}}"#
            ),
            Err(Error::Api {
                code: 404,
                http_status: 404,
                message: "no such render".into()
            })
        );
        // A code in the body wins, as in the code envelope.
        assert_eq!(
            run(200, r#"{"success":false,"code":2001,"error":"no credits"}"#),
            Err(Error::OutOfCredits { bind_url: None })
        );
    }

    #[test]
    fn the_code_envelope_is_read_before_success() {
        let p = run(200, r#"{"code":0,"success":false,"data":{"a":1}}"#).unwrap();
        assert_eq!(p.data, json!({"a": 1}));
        assert_eq!(
            run(200, r#"{"code":1001,"success":true}"#),
            Err(Error::TokenRejected { configured: false })
        );
    }

    #[test]
    fn a_top_level_field_wins_over_data() {
        let p = run(
            200,
            r#"{"code":0,"status":"processing","data":{"status":"pending","progress":3}}"#,
        )
        .unwrap();
        assert_eq!(p.field("status"), Some(&json!("processing")));
        assert_eq!(p.field("progress"), Some(&json!(3)));
        assert_eq!(p.field("output"), None);
    }

    #[test]
    fn a_refusal_keeps_the_bind_id_of_its_data() {
        let refusal = interpret(
            403,
            None,
            br#"{"code":2001,"message":"insufficient credits","data":{"bind_id":"bnd_7"}}"#,
        )
        .unwrap_err();
        assert_eq!(refusal.error, Error::OutOfCredits { bind_url: None });
        assert_eq!(refusal.bind_id.as_deref(), Some("bnd_7"));
        let bare = interpret(403, None, br#"{"code":2001,"data":{"bind_id":""}}"#).unwrap_err();
        assert_eq!(bare.bind_id, None);
    }

    #[test]
    fn retry_after_header_is_used() {
        let err = interpret(429, Some("3"), br#"{"code":429}"#)
            .unwrap_err()
            .error;
        assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(3)));
    }
}
