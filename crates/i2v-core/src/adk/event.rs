//! The ADK `Event` as a stock ADK api_server streams it, read leniently.
//!
//! The api_server writes each event with camelCase names and empty fields left out
//! (`docs/PROTOCOL.md` §4). Every field here is optional or has a default, names we do not know are
//! ignored, a field of an unexpected shape counts as absent (see `lenient`), and snake_case
//! spellings are accepted too, so an event from a different ADK version still yields what it can.
//! The readers are written out rather than derived: they are few, and the browser build is
//! smaller without serde's generated visitors.

use serde_json::{Map, Value};

use super::lenient;
use crate::Error;

/// One ADK event: a piece of the agent's reply, a tool call or answer, a state change, or a failure.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AdkEvent {
    /// The event's id; the partial chunks of a message and its final event share it.
    pub id: Option<String>,
    /// The id of the agent run this event belongs to (`e-…`).
    pub invocation_id: Option<String>,
    /// Who wrote the event: the agent's name, or `user` for the echo of the person's message.
    pub author: Option<String>,
    /// The message itself, when the event carries one.
    pub content: Option<Content>,
    /// Whether this is a streamed chunk holding only the new piece of text (absent means false).
    pub partial: bool,
    /// Why the model stopped (`STOP`, `MAX_TOKENS`, …); informational only.
    pub finish_reason: Option<String>,
    /// The agent's error code, when this event reports a failure.
    pub error_code: Option<String>,
    /// The agent's error message, when this event reports a failure.
    pub error_message: Option<String>,
    /// Side effects of the event, the state changes among them.
    pub actions: Actions,
    /// When the event was made, in seconds since the Unix epoch.
    pub timestamp: Option<f64>,
}

/// The message an event carries: who speaks and the parts of what they say.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Content {
    /// `model` for the agent, `user` for the person (and for tool answers, which ADK files under
    /// the user); absent is read as the agent.
    pub role: Option<String>,
    /// The parts in order; a value that is not a list counts as no parts.
    pub parts: Vec<Part>,
}

/// One part of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Text meant for the person.
    Text(String),
    /// The agent asks for a tool to run.
    FunctionCall(FunctionCall),
    /// A tool's answer.
    FunctionResponse(FunctionResponse),
    /// Any other part (a model's thought, inline data, code …), kept as it came and never shown.
    Other(Value),
}

/// A tool call the agent makes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FunctionCall {
    /// The call's id, which its answer repeats.
    pub id: Option<String>,
    /// The tool's name (empty when the event did not give one).
    pub name: String,
    /// The arguments, raw: internal to the agent, never for display.
    pub args: Value,
}

/// A tool's answer to a call.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FunctionResponse {
    /// The id of the call this answers.
    pub id: Option<String>,
    /// The tool's name (empty when the event did not give one).
    pub name: String,
    /// The answer, raw: internal to the agent, never for display.
    pub response: Value,
}

/// The side effects an event records.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Actions {
    /// Session state keys this event sets; `draft` among them is the new draft.
    pub state_delta: Map<String, Value>,
    /// Artifacts this event saved, by name.
    pub artifact_delta: Map<String, Value>,
}

impl AdkEvent {
    /// Reads an event from its JSON; never fails: a value that is not an object is an event
    /// with nothing in it, and each field is read by the rules of `lenient`.
    pub fn from_value(value: Value) -> AdkEvent {
        let mut fields = lenient::object(value);
        let mut field = |names: &[&str]| lenient::take(&mut fields, names);
        AdkEvent {
            id: lenient::string(field(&["id"])),
            invocation_id: lenient::string(field(&["invocationId", "invocation_id"])),
            author: lenient::string(field(&["author"])),
            content: Content::from_value(field(&["content"])),
            partial: lenient::flag(&field(&["partial"])),
            finish_reason: lenient::string(field(&["finishReason", "finish_reason"])),
            error_code: lenient::string(field(&["errorCode", "error_code"])),
            error_message: lenient::string(field(&["errorMessage", "error_message"])),
            actions: Actions::from_value(field(&["actions"])),
            timestamp: lenient::number(&field(&["timestamp"])),
        }
    }

    /// The parts of the event's message, none when it has no message.
    pub fn parts(&self) -> &[Part] {
        self.content.as_ref().map_or(&[], |c| c.parts.as_slice())
    }

    /// Whether the message is the person's own (the echo of what they sent), never to be shown.
    ///
    /// Tool answers also come with role `user`, so this says nothing about their parts.
    pub fn is_from_user(&self) -> bool {
        match self.content.as_ref().and_then(|c| c.role.as_deref()) {
            Some(role) => role == "user",
            None => self.author.as_deref() == Some("user"),
        }
    }

    /// The event's text parts joined in order, or `None` when it has no text part.
    pub fn text(&self) -> Option<String> {
        let mut texts = self.parts().iter().filter_map(|part| match part {
            Part::Text(text) => Some(text.as_str()),
            _ => None,
        });
        let first = texts.next()?;
        Some(texts.fold(first.to_owned(), |mut all, text| {
            all.push_str(text);
            all
        }))
    }

    /// The new draft this event sets, when `stateDelta.draft` is present and not null.
    pub fn draft(&self) -> Option<&Value> {
        self.actions
            .state_delta
            .get("draft")
            .filter(|draft| !draft.is_null())
    }

    /// The failure this event reports (`errorCode` and/or `errorMessage`), if any.
    pub fn failure(&self) -> Option<Error> {
        if self.error_code.is_none() && self.error_message.is_none() {
            return None;
        }
        Some(Error::Agent {
            code: self.error_code.clone(),
            message: self
                .error_message
                .clone()
                .unwrap_or_else(|| NO_DETAILS.to_owned()),
        })
    }
}

/// The message of an agent failure that came without one.
pub(super) const NO_DETAILS: &str = "no details were given";

impl Part {
    /// Classifies one raw part; never fails: what is not recognised is [`Part::Other`].
    ///
    /// A part marked `"thought": true` is the model thinking aloud, not its answer, so it is
    /// `Other` even when it holds text. Other markers beside a known key (Gemini's
    /// `thoughtSignature`, say) do not change the part's kind.
    pub fn from_value(value: Value) -> Part {
        let Value::Object(mut map) = value else {
            return Part::Other(value);
        };
        if map.get("thought") == Some(&Value::Bool(true)) {
            return Part::Other(Value::Object(map));
        }
        if let Some(call) = take_object(&mut map, &["functionCall", "function_call"]) {
            let mut call = lenient::object(call);
            return Part::FunctionCall(FunctionCall {
                id: lenient::string(lenient::take(&mut call, &["id"])),
                name: lenient::string(lenient::take(&mut call, &["name"])).unwrap_or_default(),
                args: lenient::take(&mut call, &["args"]),
            });
        }
        if let Some(answer) = take_object(&mut map, &["functionResponse", "function_response"]) {
            let mut answer = lenient::object(answer);
            return Part::FunctionResponse(FunctionResponse {
                id: lenient::string(lenient::take(&mut answer, &["id"])),
                name: lenient::string(lenient::take(&mut answer, &["name"])).unwrap_or_default(),
                response: lenient::take(&mut answer, &["response"]),
            });
        }
        match map.remove("text") {
            Some(Value::String(text)) => Part::Text(text),
            Some(other) => {
                map.insert("text".to_owned(), other);
                Part::Other(Value::Object(map))
            }
            None => Part::Other(Value::Object(map)),
        }
    }
}

impl Content {
    /// The message of an event: present only when the value is an object. Its `parts` are
    /// read when they are a list, each one by [`Part::from_value`].
    fn from_value(value: Value) -> Option<Content> {
        let Value::Object(mut fields) = value else {
            return None;
        };
        let parts = match lenient::take(&mut fields, &["parts"]) {
            Value::Array(parts) => parts.into_iter().map(Part::from_value).collect(),
            _ => Vec::new(),
        };
        Some(Content {
            role: lenient::string(lenient::take(&mut fields, &["role"])),
            parts,
        })
    }
}

impl Actions {
    /// The side effects of an event; a value that is not an object records none.
    fn from_value(value: Value) -> Actions {
        let mut fields = lenient::object(value);
        Actions {
            state_delta: lenient::object(lenient::take(
                &mut fields,
                &["stateDelta", "state_delta"],
            )),
            artifact_delta: lenient::object(lenient::take(
                &mut fields,
                &["artifactDelta", "artifact_delta"],
            )),
        }
    }
}

/// Removes and returns the first of `keys` whose value is an object.
fn take_object(map: &mut Map<String, Value>, keys: &[&str]) -> Option<Value> {
    let key = keys
        .iter()
        .find(|key| map.get(**key).is_some_and(Value::is_object))?;
    map.remove(*key)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::{Value, json};

    use super::*;

    fn event(value: Value) -> AdkEvent {
        AdkEvent::from_value(value)
    }

    #[test]
    fn reads_a_stock_api_server_event() {
        let e = event(json!({
            "content": {"parts": [{"text": "Adding music"}], "role": "model"},
            "partial": true, "finishReason": "STOP", "invocationId": "e-1", "author": "nemo_agent",
            "actions": {"stateDelta": {"draft": {"t": []}}, "artifactDelta": {}},
            "id": "ev-1", "timestamp": 1795489448.69
        }));
        assert_eq!(e.id.as_deref(), Some("ev-1"));
        assert_eq!(e.invocation_id.as_deref(), Some("e-1"));
        assert_eq!(e.author.as_deref(), Some("nemo_agent"));
        assert!(e.partial);
        assert_eq!(e.finish_reason.as_deref(), Some("STOP"));
        assert_eq!(e.timestamp, Some(1795489448.69));
        assert_eq!(e.text().as_deref(), Some("Adding music"));
        assert_eq!(e.draft(), Some(&json!({"t": []})));
        assert!(!e.is_from_user());
        assert_eq!(e.failure(), None);
    }

    #[test]
    fn missing_fields_take_their_defaults() {
        let e = event(json!({}));
        assert_eq!(e, AdkEvent::default());
        assert!(!e.partial);
        assert!(e.parts().is_empty());
        assert_eq!(e.text(), None);
        assert_eq!(e.draft(), None);
    }

    #[test]
    fn parts_are_classified_and_odd_ones_kept() {
        let e = event(json!({"content": {"parts": [
            {"text": "a", "thoughtSignature": "c2ln"},
            {"text": "pondering", "thought": true},
            {"functionCall": {"id": "c1", "name": "add_bgm", "args": {"style": "lofi"}}},
            {"functionResponse": {"id": "c1", "name": "add_bgm", "response": {"ok": true}}},
            {"inlineData": {"mimeType": "image/png", "data": "AAAA"}},
            {"text": 5},
            "just a string",
            {"text": "b"}
        ]}}));
        let parts = e.parts();
        assert_eq!(parts.len(), 8);
        assert_eq!(parts.first(), Some(&Part::Text("a".into())));
        assert!(matches!(parts.get(1), Some(Part::Other(_))));
        let Some(Part::FunctionCall(call)) = parts.get(2) else {
            panic!("not a call: {:?}", parts.get(2));
        };
        assert_eq!(
            (call.id.as_deref(), call.name.as_str()),
            (Some("c1"), "add_bgm")
        );
        assert_eq!(call.args, json!({"style": "lofi"}));
        let Some(Part::FunctionResponse(answer)) = parts.get(3) else {
            panic!("not an answer: {:?}", parts.get(3));
        };
        assert_eq!(answer.response, json!({"ok": true}));
        assert_eq!(parts.get(5), Some(&Part::Other(json!({"text": 5}))));
        assert_eq!(parts.get(6), Some(&Part::Other(json!("just a string"))));
        assert_eq!(e.text().as_deref(), Some("ab"));
    }

    #[test]
    fn the_person_echo_is_recognised_by_role_or_author() {
        let by_role = event(json!({"content": {"parts": [{"text": "hi"}], "role": "user"}}));
        assert!(by_role.is_from_user());
        let by_author = event(json!({"author": "user", "content": {"parts": [{"text": "hi"}]}}));
        assert!(by_author.is_from_user());
        let tool_answer = event(json!({"author": "nemo_agent", "content": {"role": "model"}}));
        assert!(!tool_answer.is_from_user());
    }

    #[test]
    fn errors_become_agent_failures() {
        let both =
            event(json!({"errorCode": "MALFORMED_FUNCTION_CALL", "errorMessage": "bad call"}));
        assert_eq!(
            both.failure(),
            Some(Error::Agent {
                code: Some("MALFORMED_FUNCTION_CALL".into()),
                message: "bad call".into()
            })
        );
        let code_only = event(json!({"error_code": 500}));
        assert_eq!(
            code_only.failure(),
            Some(Error::Agent {
                code: Some("500".into()),
                message: NO_DETAILS.into()
            })
        );
        assert_eq!(event(json!({"errorCode": ""})).failure(), None);
    }

    #[test]
    fn odd_shapes_cost_only_the_field() {
        let e = event(json!({
            "id": 12, "partial": "true", "content": "text", "actions": [],
            "timestamp": "now", "unknownField": {"x": 1}
        }));
        assert_eq!(e.id.as_deref(), Some("12"));
        assert!(!e.partial);
        assert_eq!(e.content, None);
        assert_eq!(e.actions, Actions::default());
        let nested = event(json!({
            "content": {"parts": {"text": "x"}, "role": 3},
            "actions": {"stateDelta": [1], "artifactDelta": {"a.png": 0}}
        }));
        assert_eq!(nested.parts(), &[]);
        assert_eq!(nested.content.and_then(|c| c.role).as_deref(), Some("3"));
        assert!(nested.actions.state_delta.is_empty());
        assert_eq!(nested.actions.artifact_delta.len(), 1);
    }

    #[test]
    fn both_spellings_of_a_field_keep_the_event() {
        let e = event(json!({
            "errorCode": "A", "error_code": "B", "content": ["model", []],
            "actions": {"stateDelta": {"draft": {"t": []}}, "state_delta": {}}
        }));
        assert_eq!(e.error_code.as_deref(), Some("A"));
        assert_eq!(e.content, None);
        assert_eq!(e.draft(), Some(&json!({"t": []})));
        assert_eq!(event(json!([1, 2])), AdkEvent::default());
    }

    #[test]
    fn a_null_draft_is_no_draft() {
        assert_eq!(
            event(json!({"actions": {"stateDelta": {"draft": null}}})).draft(),
            None
        );
        let other_keys = event(json!({"actions": {"state_delta": {"bind_id": "b1"}}}));
        assert_eq!(other_keys.draft(), None);
        assert_eq!(other_keys.actions.state_delta.len(), 1);
    }
}
