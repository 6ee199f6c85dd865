//! What one item of the `/run_sse` stream means: an ADK event, a server error, or a sign of life.
//!
//! Decoding never fails. Rules (`docs/PROTOCOL.md` §4 and §8), in the order they are tried:
//! 1. An SSE comment, or an event whose type is `heartbeat`, is a [`StreamFrame::Heartbeat`],
//!    whatever its data.
//! 2. Data that is empty or only whitespace is a heartbeat too (a `data:` line with no payload).
//! 3. Data that is not JSON, or JSON that is not an object, is [`StreamFrame::Unrecognized`]: the
//!    stream is alive, but there is nothing in it to show or act on. Failing the turn over it
//!    would throw away a reply that may still be coming, so it is tolerated.
//! 4. An object with a non-null `error` is [`StreamFrame::ServerError`]: the api_server caught an
//!    exception while streaming (`{"error":"…","error_details":{…}}`, snake_case).
//! 5. An object whose `type` is a string is a frame of the api-reference's form
//!    (`{"type":"text","content":"…"}`, `tool_call`, `tool_result`, `heartbeat`), read into the
//!    frame an ADK event of the same meaning would give (see `typed`).
//! 6. Any other object is an [`AdkEvent`], read leniently.
//!
//! Events of any other type (`event: foo`) are decoded by their data like untyped ones: a stock
//! api_server never names its events, so a name can only come from something between it and us
//! (a proxy, our own studio), and the JSON says for itself whether it is an event or an error.

use serde_json::{Map, Value};

use super::event::{AdkEvent, NO_DETAILS};
use super::{lenient, typed};
use crate::Error;
use crate::json::json_text;
use crate::sse::SseItem;

/// One decoded item of a chat turn's stream.
#[derive(Debug, Clone, PartialEq)]
pub enum StreamFrame {
    /// An ADK event.
    Event(Box<AdkEvent>),
    /// The server failed while streaming; the turn ends with this error.
    ServerError(ServerError),
    /// A sign of life with nothing in it.
    Heartbeat,
    /// Data that is neither an event nor an error (kept raw for logs); counts as a sign of life.
    Unrecognized(String),
}

/// A server exception reported inside the stream (`{"error":"…","error_details":{…}}`).
#[derive(Debug, Clone, PartialEq)]
pub struct ServerError {
    /// What went wrong, as the server put it.
    pub message: String,
    /// A code from `error_details.code` (or the error object's own `code`), when there is one.
    pub code: Option<String>,
    /// The `error_details` object as it came, for logs.
    pub details: Option<Value>,
}

impl StreamFrame {
    /// Decodes one item of the stream as the module documentation describes.
    pub fn from_item(item: &SseItem) -> StreamFrame {
        match item {
            SseItem::Comment(_) => StreamFrame::Heartbeat,
            SseItem::Event(event) if event.event_type.eq_ignore_ascii_case("heartbeat") => {
                StreamFrame::Heartbeat
            }
            SseItem::Event(event) => StreamFrame::decode(&event.data),
        }
    }

    /// Decodes the data of one event (rules 2 to 6 of the module documentation).
    pub fn decode(data: &str) -> StreamFrame {
        if data.trim().is_empty() {
            return StreamFrame::Heartbeat;
        }
        let map = match serde_json::from_str(data) {
            Ok(Value::Object(map)) => map,
            _ => return StreamFrame::Unrecognized(data.to_owned()),
        };
        if map.get("error").is_some_and(|error| !error.is_null()) {
            return StreamFrame::ServerError(ServerError::from_frame(map));
        }
        if typed::is_typed(&map) {
            return typed::decode(map, data);
        }
        StreamFrame::Event(Box::new(AdkEvent::from_value(Value::Object(map))))
    }

    /// Whether the frame is only a sign of life: a heartbeat or unrecognised data.
    pub fn is_liveness_only(&self) -> bool {
        matches!(self, StreamFrame::Heartbeat | StreamFrame::Unrecognized(_))
    }
}

impl ServerError {
    /// Reads an error frame; `error` may be a string or an object with a `message`.
    fn from_frame(mut frame: Map<String, Value>) -> ServerError {
        let error = frame.remove("error").unwrap_or(Value::Null);
        let details = ["error_details", "errorDetails"]
            .iter()
            .find_map(|key| frame.remove(*key).filter(|details| !details.is_null()));
        let code = details
            .as_ref()
            .and_then(|details| details.get("code"))
            .or_else(|| error.get("code"))
            .cloned()
            .and_then(lenient::string);
        let message = match error {
            Value::String(text) => text,
            Value::Object(object) => match object.get("message") {
                Some(Value::String(text)) => text.clone(),
                _ => json_text(&Value::Object(object)),
            },
            other => json_text(&other),
        };
        let message = if message.trim().is_empty() {
            NO_DETAILS.to_owned()
        } else {
            message
        };
        ServerError {
            message,
            code,
            details,
        }
    }

    /// The error this frame ends the turn with.
    pub fn to_error(&self) -> Error {
        Error::Agent {
            code: self.code.clone(),
            message: self.message.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;
    use crate::sse::SseEvent;

    fn item(event_type: &str, data: &str) -> SseItem {
        SseItem::Event(SseEvent {
            event_type: event_type.into(),
            data: data.into(),
            last_event_id: String::new(),
        })
    }

    #[test]
    fn heartbeats_in_all_three_forms() {
        assert_eq!(
            StreamFrame::from_item(&SseItem::Comment("ping".into())),
            StreamFrame::Heartbeat
        );
        assert_eq!(
            StreamFrame::from_item(&item("heartbeat", "{\"content\":{}}")),
            StreamFrame::Heartbeat
        );
        assert_eq!(
            StreamFrame::from_item(&item("message", "")),
            StreamFrame::Heartbeat
        );
        assert_eq!(StreamFrame::decode(" \n\t"), StreamFrame::Heartbeat);
        assert!(StreamFrame::Heartbeat.is_liveness_only());
    }

    #[test]
    fn a_stock_event_decodes() {
        let frame = StreamFrame::decode(
            r#"{"content":{"parts":[{"text":"Hi"}],"role":"model"},"partial":true,"id":"a"}"#,
        );
        let StreamFrame::Event(event) = frame else {
            panic!("not an event: {frame:?}");
        };
        assert_eq!(event.text().as_deref(), Some("Hi"));
        assert!(event.partial);
    }

    #[test]
    fn anything_but_an_object_is_unrecognised() {
        for data in ["not json", "[1,2]", "null", "42", "\"text\"", "{\"open\":"] {
            assert_eq!(
                StreamFrame::decode(data),
                StreamFrame::Unrecognized(data.into()),
                "{data}"
            );
        }
        assert!(StreamFrame::Unrecognized(String::new()).is_liveness_only());
    }

    #[test]
    fn an_error_frame_with_details() {
        let frame = StreamFrame::decode(
            r#"{"error":"429 RESOURCE_EXHAUSTED","error_details":{"code":"RESOURCE_EXHAUSTED","status":429}}"#,
        );
        let StreamFrame::ServerError(error) = frame else {
            panic!("not an error: {frame:?}");
        };
        assert_eq!(error.message, "429 RESOURCE_EXHAUSTED");
        assert_eq!(error.code.as_deref(), Some("RESOURCE_EXHAUSTED"));
        assert_eq!(
            error.details,
            Some(json!({"code": "RESOURCE_EXHAUSTED", "status": 429}))
        );
        assert_eq!(
            error.to_error(),
            Error::Agent {
                code: Some("RESOURCE_EXHAUSTED".into()),
                message: "429 RESOURCE_EXHAUSTED".into()
            }
        );
        assert!(!StreamFrame::ServerError(error).is_liveness_only());
    }

    #[test]
    fn error_frames_in_other_shapes() {
        let read = |data: &str| match StreamFrame::decode(data) {
            StreamFrame::ServerError(error) => (error.code, error.message),
            other => panic!("not an error: {other:?}"),
        };
        assert_eq!(read(r#"{"error":"boom"}"#), (None, "boom".into()));
        assert_eq!(
            read(r#"{"error":{"message":"quota","code":429}}"#),
            (Some("429".into()), "quota".into())
        );
        assert_eq!(
            read(r#"{"error":{"reason":"x"}}"#),
            (None, r#"{"reason":"x"}"#.into())
        );
        assert_eq!(read(r#"{"error":""}"#), (None, NO_DETAILS.into()));
        assert_eq!(
            read(r#"{"error":true,"errorDetails":{"code":7}}"#),
            (Some("7".into()), "true".into())
        );
    }

    #[test]
    fn a_null_error_is_an_ordinary_event() {
        assert!(matches!(
            StreamFrame::decode(r#"{"error":null,"id":"x"}"#),
            StreamFrame::Event(_)
        ));
    }

    #[test]
    fn named_events_are_decoded_by_their_data() {
        assert!(matches!(
            StreamFrame::from_item(&item("foo", r#"{"id":"x"}"#)),
            StreamFrame::Event(_)
        ));
        assert!(matches!(
            StreamFrame::from_item(&item("error", r#"{"error":"down"}"#)),
            StreamFrame::ServerError(_)
        ));
        assert_eq!(
            StreamFrame::from_item(&item("foo", "plain words")),
            StreamFrame::Unrecognized("plain words".into())
        );
    }
}
