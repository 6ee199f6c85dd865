//! A plan as the api-reference's `type` frames (`docs/PROTOCOL.md` §8), the stream of the
//! studio's `reference` dialect.
//!
//! NemoVideo's published reference shows `/run_sse` carrying `{"type":"text","content":"…"}`,
//! `{"type":"tool_call","name":…,"args":{…}}`, `{"type":"tool_result","name":…,"result":{…}}`
//! and `{"type":"heartbeat"}`, and no drafts: a client reads what changed from the state. A
//! normal turn streams, in order:
//! 1. per tool step, a `tool_call` and its `tool_result` (`{"status":"ok","summary":…}`); the
//!    server stores the step's draft when it sends the result, as in the ADK form;
//! 2. the reply, whole, in one `text` frame, once the work it describes is done.
//!
//! A silent turn streams step 1 only. A failure is the api_server's exception frame
//! (`{"error":"…","error_details":{"code":…}}`), which every client of either form reads.

use i2v_core::draft::Draft;
use serde_json::json;

use super::events::{EventKind, StreamEvent, StreamOptions};
use super::types::TurnPlan;

/// The heartbeat of this form: a frame of its own rather than an SSE comment.
pub const HEARTBEAT: &[u8] = b"data: {\"type\":\"heartbeat\"}\n\n";

/// The frames of a turn, in stream order, by the rules above.
pub fn frames(plan: &TurnPlan, options: &StreamOptions) -> Vec<StreamEvent> {
    let silent = options.silent && plan.may_be_silent();
    let mut out = Vec::new();
    for (index, step) in plan.steps.iter().enumerate() {
        let call = json!({"type": "tool_call", "name": step.name, "args": step.args});
        out.push(frame(EventKind::ToolCall, Some(index), &call));
        let summary = step.draft.as_ref().map(Draft::summary);
        let result = json!({"type": "tool_result", "name": step.name,
                            "result": {"status": "ok", "summary": summary}});
        out.push(frame(EventKind::ToolResponse, Some(index), &result));
    }
    if !silent {
        let text = json!({"type": "text", "content": plan.reply});
        out.push(frame(EventKind::TextFinal, None, &text));
    }
    out
}

/// The frame saying the agent failed.
pub fn error_frame(code: &str, message: &str) -> StreamEvent {
    let error = json!({"error": message, "error_details": {"code": code}});
    frame(EventKind::Error, None, &error)
}

fn frame(kind: EventKind, step: Option<usize>, value: &serde_json::Value) -> StreamEvent {
    StreamEvent {
        kind,
        step,
        json: value.to_string(),
    }
}
