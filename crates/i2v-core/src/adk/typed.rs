//! The api-reference's stream frames: `{"type": "…", …}` objects (`docs/PROTOCOL.md` §8).
//!
//! NemoVideo's published API reference shows `/run_sse` frames of this form rather than ADK
//! events:
//! - `{"type":"text","content":"…"}`: a message of the agent, whole (a `"partial": true` frame,
//!   should a server send one, is a piece of the message the next whole frame completes);
//! - `{"type":"tool_call","name":"…","args":{…}}` and `{"type":"tool_result","name":"…",
//!   "result":{…}}`: internal work, progress only, never text;
//! - `{"type":"heartbeat"}`: a sign of life.
//!
//! Each is read into the same [`StreamFrame`] an ADK event would give, so a stream may mix the
//! two forms and the turn's rules (silence, tools never shown, drafts) apply alike. Ours, for
//! frames the reference does not list: `{"type":"error","message"|"content":"…","code":…}`
//! fails the turn, as an ADK error does; every other type is a sign of life, never shown.

use serde_json::{Map, Value};

use super::event::{AdkEvent, Content, FunctionCall, FunctionResponse, NO_DETAILS, Part};
use super::frame::{ServerError, StreamFrame};
use super::lenient;

/// Whether a decoded object is a frame of the `type` form: its `type` is a string. ADK events
/// have no `type` field, so the two forms cannot be confused.
pub(super) fn is_typed(object: &Map<String, Value>) -> bool {
    object.get("type").is_some_and(Value::is_string)
}

/// Reads a frame of the `type` form (see the module documentation).
pub(super) fn decode(mut object: Map<String, Value>, data: &str) -> StreamFrame {
    let kind = match object.remove("type") {
        Some(Value::String(kind)) => kind.to_ascii_lowercase(),
        _ => return StreamFrame::Unrecognized(data.to_owned()),
    };
    let mut field = |names: &[&str]| lenient::take(&mut object, names);
    match kind.as_str() {
        "text" => {
            let partial = lenient::flag(&field(&["partial"]));
            match field(&["content", "text"]) {
                Value::String(text) => agent_event(Part::Text(text), partial),
                _ => StreamFrame::Heartbeat,
            }
        }
        "tool_call" => agent_event(
            Part::FunctionCall(FunctionCall {
                id: lenient::string(field(&["id", "call_id"])),
                name: lenient::string(field(&["name", "tool"])).unwrap_or_default(),
                args: field(&["args", "arguments"]),
            }),
            false,
        ),
        "tool_result" => agent_event(
            Part::FunctionResponse(FunctionResponse {
                id: lenient::string(field(&["id", "call_id"])),
                name: lenient::string(field(&["name", "tool"])).unwrap_or_default(),
                response: field(&["result", "response"]),
            }),
            false,
        ),
        "error" => {
            let message = lenient::string(field(&["message", "content", "error"]));
            StreamFrame::ServerError(ServerError {
                message: message.unwrap_or_else(|| NO_DETAILS.to_owned()),
                code: lenient::string(field(&["code"])),
                details: None,
            })
        }
        // `heartbeat`, and types the reference does not list: alive, nothing to show.
        "heartbeat" => StreamFrame::Heartbeat,
        _ => StreamFrame::Unrecognized(data.to_owned()),
    }
}

/// An event of the agent's carrying one part.
fn agent_event(part: Part, partial: bool) -> StreamFrame {
    StreamFrame::Event(Box::new(AdkEvent {
        content: Some(Content {
            role: Some("model".to_owned()),
            parts: vec![part],
        }),
        partial,
        ..AdkEvent::default()
    }))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;

    fn frame(data: &str) -> StreamFrame {
        StreamFrame::decode(data)
    }

    fn event(data: &str) -> AdkEvent {
        match frame(data) {
            StreamFrame::Event(event) => *event,
            other => panic!("not an event: {other:?}"),
        }
    }

    #[test]
    fn text_is_a_whole_message_of_the_agent() {
        let e = event(r#"{"type":"text","content":"I'll generate your video now..."}"#);
        assert_eq!(e.text().as_deref(), Some("I'll generate your video now..."));
        assert!(!e.partial);
        assert!(!e.is_from_user());
        assert_eq!(e.id, None);
        assert!(event(r#"{"type":"text","content":"Hi","partial":true}"#).partial);
        assert_eq!(
            event(r#"{"type":"TEXT","text":"also"}"#).text().as_deref(),
            Some("also")
        );
    }

    #[test]
    fn text_without_words_is_only_alive() {
        assert_eq!(frame(r#"{"type":"text"}"#), StreamFrame::Heartbeat);
        assert_eq!(
            frame(r#"{"type":"text","content":{"x":1}}"#),
            StreamFrame::Heartbeat
        );
    }

    #[test]
    fn tools_are_parts_never_text() {
        let call =
            event(r#"{"type":"tool_call","name":"generate_video_with_seedance","args":{"n":1}}"#);
        assert_eq!(call.text(), None);
        assert_eq!(
            call.parts(),
            &[Part::FunctionCall(FunctionCall {
                id: None,
                name: "generate_video_with_seedance".into(),
                args: json!({"n": 1}),
            })]
        );
        let result =
            event(r#"{"type":"tool_result","name":"edit","call_id":"c1","result":{"ok":true}}"#);
        assert_eq!(
            result.parts(),
            &[Part::FunctionResponse(FunctionResponse {
                id: Some("c1".into()),
                name: "edit".into(),
                response: json!({"ok": true}),
            })]
        );
        assert_eq!(result.text(), None);
    }

    #[test]
    fn heartbeats_and_unknown_types_are_signs_of_life() {
        assert_eq!(frame(r#"{"type":"heartbeat"}"#), StreamFrame::Heartbeat);
        let unknown = r#"{"type":"thinking_start","content":"secret plan"}"#;
        assert_eq!(
            frame(unknown),
            StreamFrame::Unrecognized(unknown.to_owned())
        );
        assert!(frame(unknown).is_liveness_only());
    }

    #[test]
    fn an_error_frame_fails_the_turn() {
        let StreamFrame::ServerError(error) =
            frame(r#"{"type":"error","message":"quota","code":429}"#)
        else {
            panic!("not an error");
        };
        assert_eq!(error.message, "quota");
        assert_eq!(error.code.as_deref(), Some("429"));
        let StreamFrame::ServerError(bare) = frame(r#"{"type":"error"}"#) else {
            panic!("not an error");
        };
        assert_eq!(bare.message, NO_DETAILS);
    }

    #[test]
    fn a_type_that_is_not_a_string_is_read_as_an_adk_event() {
        let e = event(r#"{"type":7,"content":{"parts":[{"text":"adk"}]}}"#);
        assert_eq!(e.text().as_deref(), Some("adk"));
    }
}
