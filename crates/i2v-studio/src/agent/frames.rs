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

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::agent::{Canvas, MediaKind, MediaRef, TurnInput, plan_turn};

    fn generate_plan() -> TurnPlan {
        let media: Vec<MediaRef> = (1..=3)
            .map(|i| MediaRef {
                media_id: format!("med_{i}"),
                name: format!("photo{i}.jpg"),
                kind: MediaKind::Image,
                width: Some(4032),
                height: Some(3024),
                duration_ms: None,
            })
            .collect();
        plan_turn(&TurnInput {
            message: "turn these images into a 9-second video with background music",
            draft: None,
            media: &media,
            canvas: Canvas {
                width: 1920,
                height: 1080,
                fps: 30,
            },
            variant: 0,
        })
    }

    fn options(silent: bool) -> StreamOptions {
        StreamOptions {
            silent,
            now: 1_795_489_600.0,
            seed: 7,
        }
    }

    #[test]
    fn tools_then_the_whole_reply() {
        let plan = generate_plan();
        let frames = frames(&plan, &options(false));
        let values: Vec<Value> = frames.iter().map(StreamEvent::value).collect();
        let types: Vec<&str> = values.iter().filter_map(|v| v["type"].as_str()).collect();
        assert_eq!(
            types,
            [
                "tool_call",
                "tool_result",
                "tool_call",
                "tool_result",
                "text"
            ]
        );
        assert_eq!(values[0]["name"], "create_slideshow");
        assert_eq!(frames[1].kind, EventKind::ToolResponse);
        assert_eq!(frames[1].step, Some(0));
        assert_eq!(frames[3].step, Some(1));
        assert_eq!(values[4]["content"], plan.reply.as_str());
        // No draft travels in this form: the state has it.
        assert!(frames.iter().all(|f| !f.json.contains("\"t\":")));
        assert!(frames.iter().all(|f| f.sse().starts_with("data: {\"")));
    }

    #[test]
    fn a_silent_turn_has_no_text() {
        let plan = generate_plan();
        let silent = frames(&plan, &options(true));
        let texts = silent.iter().filter(|f| f.kind == EventKind::TextFinal);
        // A plan that must say what it did keeps its text even when silence was drawn.
        assert_eq!(texts.count(), usize::from(!plan.may_be_silent()));
    }

    #[test]
    fn errors_and_heartbeats() {
        let error = error_frame("AGENT_ERROR", "the rules engine broke").value();
        assert_eq!(error["error"], "the rules engine broke");
        assert_eq!(error["error_details"]["code"], "AGENT_ERROR");
        let heartbeat = std::str::from_utf8(HEARTBEAT).unwrap();
        let data = heartbeat.strip_prefix("data: ").unwrap().trim();
        assert_eq!(
            serde_json::from_str::<Value>(data).unwrap(),
            json!({"type": "heartbeat"})
        );
    }
}
