//! A plan as the events a stock ADK api_server streams (`docs/PROTOCOL.md` §4).
//!
//! Each event is ADK `Event` JSON, camelCase, with absent fields left out and the fields in the
//! order ADK writes them (`content`, `partial`, `finishReason`, `errorCode`, `errorMessage`,
//! `invocationId`, `author`, `actions`, `id`, `timestamp`); `actions` carries its four maps,
//! empty or not, as ADK writes them. A normal turn streams, in order:
//! 1. the reply in partial chunks of a few words (`"partial": true`, each only its new piece,
//!    all with the message's `id`);
//! 2. per tool step, a `functionCall` (role `model`) and its `functionResponse` (role `user`)
//!    whose `actions.stateDelta` holds the `draft` after the step (and the `canvas_config`, for
//!    the step that changes the frame shape);
//! 3. the final text event: `"partial": false`, `finishReason` `STOP`, the same `id` as the
//!    chunks, the whole text.
//!
//! A silent turn streams step 2 only. The text events share the time `now`; tool events follow
//! it by a millisecond each, so timestamps never repeat across events of different ids.

use i2v_core::draft::Draft;
use serde::Serialize;
use serde_json::Value;

use super::ids::Ids;
use super::text::tokens::is_han;
use super::types::{Canvas, TurnPlan};

/// The agent's name, written as every event's `author`.
pub const AUTHOR: &str = "nemo_agent";

/// How a plan is streamed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StreamOptions {
    /// Leave the text out (a silent turn); honoured only for plans that
    /// [`TurnPlan::may_be_silent`], since the others must say what they did in words.
    pub silent: bool,
    /// The time the turn starts, in seconds since the Unix epoch.
    pub now: f64,
    /// The seed every id is drawn from (see [`super::turn_seed`]).
    pub seed: u64,
}

/// What an event is, so that the server can pace the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// A partial chunk of the reply: a pause between chunks lets it arrive as it is written.
    TextChunk,
    /// The whole reply.
    TextFinal,
    /// A tool starts: the work it stands for happens before its response.
    ToolCall,
    /// A tool finished, with the new draft.
    ToolResponse,
    /// The agent failed.
    Error,
}

/// One event of the stream.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamEvent {
    /// What it is.
    pub kind: EventKind,
    /// For tool events, the index of their step in [`TurnPlan::steps`]: a server stores that
    /// step's draft (and canvas) when it sends the response, so that each stage reaches the
    /// state as it streams.
    pub step: Option<usize>,
    /// The event as compact JSON, ready to be sent as `data: <json>\n\n`.
    pub json: String,
}

impl StreamEvent {
    /// The event framed as a stock ADK api_server sends it: `data: <json>\n\n`.
    pub fn sse(&self) -> String {
        format!("data: {}\n\n", self.json)
    }

    /// The event as a JSON value.
    pub fn value(&self) -> Value {
        serde_json::from_str(&self.json).unwrap_or(Value::Null)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Event<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<Content<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    partial: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    finish_reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_message: Option<&'a str>,
    invocation_id: &'a str,
    author: &'static str,
    actions: Actions<'a>,
    id: String,
    timestamp: f64,
}

#[derive(Serialize)]
struct Content<'a> {
    parts: [Part<'a>; 1],
    role: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
enum Part<'a> {
    #[serde(rename = "text")]
    Text(&'a str),
    FunctionCall {
        id: &'a str,
        name: &'a str,
        args: &'a Value,
    },
    FunctionResponse {
        id: &'a str,
        name: &'a str,
        response: Value,
    },
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Actions<'a> {
    state_delta: StateDelta<'a>,
    artifact_delta: Empty,
    requested_auth_configs: Empty,
    requested_tool_confirmations: Empty,
}

#[derive(Serialize, Default)]
struct StateDelta<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    draft: Option<&'a Draft>,
    #[serde(skip_serializing_if = "Option::is_none")]
    canvas_config: Option<CanvasConfig>,
}

#[derive(Serialize)]
struct CanvasConfig {
    width: u32,
    height: u32,
    fps: u32,
}

impl From<Canvas> for CanvasConfig {
    fn from(canvas: Canvas) -> CanvasConfig {
        CanvasConfig {
            width: canvas.width,
            height: canvas.height,
            fps: canvas.fps,
        }
    }
}

#[derive(Serialize, Default)]
struct Empty {}

fn encode(kind: EventKind, step: Option<usize>, event: &Event<'_>) -> StreamEvent {
    // Serialising plain structs, string keys and a draft model into a String cannot fail.
    let json = serde_json::to_string(event).unwrap_or_default();
    StreamEvent { kind, step, json }
}

/// The events of a turn, in stream order, by the rules above.
pub fn events(plan: &TurnPlan, options: &StreamOptions) -> Vec<StreamEvent> {
    let mut ids = Ids::new(options.seed);
    let invocation = format!("e-{}", ids.uuid());
    let silent = options.silent && plan.may_be_silent();
    let message_id = ids.uuid();
    let mut out = Vec::new();
    if !silent {
        for piece in text_chunks(&plan.reply) {
            out.push(encode(
                EventKind::TextChunk,
                None,
                &text_event(piece, true, &invocation, &message_id, options.now),
            ));
        }
    }
    let mut tick = 0.0;
    for (index, step) in plan.steps.iter().enumerate() {
        let call_id = format!("adk-{}", ids.uuid());
        let mut next_time = || {
            tick += 0.001;
            options.now + tick
        };
        let call = Event {
            content: Some(Content {
                parts: [Part::FunctionCall {
                    id: &call_id,
                    name: step.name,
                    args: &step.args,
                }],
                role: "model",
            }),
            partial: None,
            finish_reason: None,
            error_code: None,
            error_message: None,
            invocation_id: &invocation,
            author: AUTHOR,
            actions: Actions::default(),
            id: ids.uuid(),
            timestamp: next_time(),
        };
        out.push(encode(EventKind::ToolCall, Some(index), &call));
        let summary = step.draft.as_ref().map(Draft::summary);
        let response = Event {
            content: Some(Content {
                parts: [Part::FunctionResponse {
                    id: &call_id,
                    name: step.name,
                    response: serde_json::json!({ "status": "ok", "summary": summary }),
                }],
                role: "user",
            }),
            actions: Actions {
                state_delta: StateDelta {
                    draft: step.draft.as_ref(),
                    canvas_config: step.canvas.map(CanvasConfig::from),
                },
                ..Actions::default()
            },
            id: ids.uuid(),
            timestamp: next_time(),
            ..call
        };
        out.push(encode(EventKind::ToolResponse, Some(index), &response));
    }
    if !silent {
        let whole = text_event(&plan.reply, false, &invocation, &message_id, options.now);
        out.push(encode(EventKind::TextFinal, None, &whole));
    }
    out
}

/// A text event of the reply: a chunk (`partial`) or the whole text.
fn text_event<'a>(
    piece: &'a str,
    partial: bool,
    invocation: &'a str,
    id: &str,
    now: f64,
) -> Event<'a> {
    Event {
        content: Some(Content {
            parts: [Part::Text(piece)],
            role: "model",
        }),
        partial: Some(partial),
        finish_reason: (!partial).then_some("STOP"),
        error_code: None,
        error_message: None,
        invocation_id: invocation,
        author: AUTHOR,
        actions: Actions::default(),
        id: id.to_owned(),
        timestamp: now,
    }
}

/// An event saying the agent failed: `errorCode` and `errorMessage`, no content.
pub fn error_event(code: &str, message: &str, options: &StreamOptions) -> StreamEvent {
    let mut ids = Ids::new(options.seed);
    let invocation = format!("e-{}", ids.uuid());
    let event = Event {
        content: None,
        partial: None,
        finish_reason: None,
        error_code: Some(code),
        error_message: Some(message),
        invocation_id: &invocation,
        author: AUTHOR,
        actions: Actions::default(),
        id: ids.uuid(),
        timestamp: options.now,
    };
    encode(EventKind::Error, None, &event)
}

/// Splits a reply into the pieces it streams in: about four words each, or eight Chinese
/// characters; a piece keeps the spaces after it, so the pieces join back into the text.
pub(crate) fn text_chunks(text: &str) -> Vec<&str> {
    // Weight in half-words: a word is 2, a Chinese character 1; a piece closes at 8.
    const PIECE: u32 = 8;
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut weight = 0;
    let mut after_space = true;
    let mut after_han = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            after_space = true;
            continue;
        }
        let han = is_han(c);
        let begins_unit = after_space || han || after_han;
        if begins_unit && weight >= PIECE {
            chunks.extend(text.get(start..at));
            start = at;
            weight = 0;
        }
        if han {
            weight += 1;
        } else if begins_unit {
            weight += 2;
        }
        after_space = false;
        after_han = han;
    }
    chunks.extend(text.get(start..).filter(|rest| !rest.is_empty()));
    chunks
}
