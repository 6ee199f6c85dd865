//! The api-reference's `type` frames of a turn (the `reference` dialect's stream).

use serde_json::{Value, json};

use super::support::{photos, turn};
use crate::agent::{
    EventKind, FRAME_HEARTBEAT, StreamEvent, StreamOptions, TurnPlan, error_frame, frames,
};

fn generate_plan() -> TurnPlan {
    turn(
        "turn these images into a 9-second video with background music",
        None,
        &photos(3),
    )
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
    let heartbeat = std::str::from_utf8(FRAME_HEARTBEAT).unwrap();
    let data = heartbeat.strip_prefix("data: ").unwrap().trim();
    assert_eq!(
        serde_json::from_str::<Value>(data).unwrap(),
        json!({"type": "heartbeat"})
    );
}
