//! Whole turns as the cloud streams them (`fixtures/*.sse`), through the assembler.
//!
//! The fixtures are real event-stream text: blocks separated by a blank line, one `data:` line of
//! compact ADK JSON each, comments and the odd `event:` line. [`items`] reads that subset of the
//! format into [`SseItem`]s, so these tests do not depend on the SSE parser.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{Value, json};

use super::{TurnAssembler, TurnSummary, TurnUpdate};
use crate::Error;
use crate::draft::Draft;
use crate::sse::{SseEvent, SseItem};

/// Reads the fixtures' subset of the event-stream format: LF line ends, blocks split by a blank
/// line, at most one `event:` line and any number of `data:` lines per block.
fn items(stream: &str) -> Vec<SseItem> {
    let mut items = Vec::new();
    for block in stream.split("\n\n") {
        let mut event_type = "message";
        let mut data: Option<String> = None;
        for line in block.lines() {
            if let Some(comment) = line.strip_prefix(':') {
                let comment = comment.strip_prefix(' ').unwrap_or(comment);
                items.push(SseItem::Comment(comment.to_owned()));
                continue;
            }
            let (field, value) = line.split_once(':').unwrap_or((line, ""));
            let value = value.strip_prefix(' ').unwrap_or(value);
            match (field, &mut data) {
                ("event", _) => event_type = value,
                ("data", Some(data)) => {
                    data.push('\n');
                    data.push_str(value);
                }
                ("data", None) => data = Some(value.to_owned()),
                _ => {}
            }
        }
        if let Some(data) = data {
            items.push(SseItem::Event(SseEvent {
                event_type: event_type.to_owned(),
                data,
                last_event_id: String::new(),
            }));
        }
    }
    items
}

/// Every update of the turn (pushes, then the closing ones) and its summary.
fn run(stream: &str) -> (Vec<TurnUpdate>, TurnSummary) {
    let mut turn = TurnAssembler::new();
    let mut updates: Vec<TurnUpdate> = items(stream).iter().flat_map(|i| turn.push(i)).collect();
    let summary = turn.finish();
    updates.extend(summary.closing.iter().cloned());
    (updates, summary)
}

fn delta(message: usize, id: &str, text: &str) -> TurnUpdate {
    TurnUpdate::TextDelta {
        message,
        id: Some(id.to_owned()),
        text: text.to_owned(),
    }
}

fn whole(message: usize, id: &str, text: &str) -> TurnUpdate {
    TurnUpdate::TextFinal {
        message,
        id: Some(id.to_owned()),
        text: text.to_owned(),
    }
}

fn call(name: &str, id: &str) -> TurnUpdate {
    TurnUpdate::ToolCall {
        name: name.to_owned(),
        call_id: Some(id.to_owned()),
    }
}

fn result(name: &str, id: &str) -> TurnUpdate {
    TurnUpdate::ToolResult {
        name: name.to_owned(),
        call_id: Some(id.to_owned()),
    }
}

fn draft(value: Value) -> Draft {
    Draft::from_value(value).expect("fixture drafts are valid")
}

const ALIVE: TurnUpdate = TurnUpdate::Alive;

#[test]
fn the_fixture_reader_keeps_comments_types_and_empty_data() {
    let read = items(": hi\n\nevent: heartbeat\ndata: a\ndata: b\n\ndata:\n\n");
    assert_eq!(read.len(), 3);
    assert_eq!(read.first(), Some(&SseItem::Comment("hi".into())));
    let Some(SseItem::Event(named)) = read.get(1) else {
        panic!("{read:?}");
    };
    assert_eq!(
        (named.event_type.as_str(), named.data.as_str()),
        ("heartbeat", "a\nb")
    );
    let Some(SseItem::Event(empty)) = read.get(2) else {
        panic!("{read:?}");
    };
    assert_eq!(empty.data, "");
}

#[test]
fn streamed_reply_shows_pieces_then_the_whole_text_once() {
    let id = "9c0f7c3e-5b0a-4d8e-9f3a-2b1e6d7c8a90";
    let text = "Sure! I'll turn your 5 photos into a 30-second slideshow.";
    let (updates, summary) = run(include_str!("fixtures/streamed_reply.sse"));
    assert_eq!(
        updates,
        [
            ALIVE, // the person's own message, echoed
            delta(0, id, "Sure! I'll "),
            ALIVE,
            delta(0, id, "turn your 5 photos "),
            delta(0, id, "into a 30-second slideshow."),
            whole(0, id, text),
        ]
    );
    assert_eq!(summary.texts, [text]);
    assert!(!summary.is_silent());
    assert_eq!((summary.draft, summary.failure), (None, None));
}

#[test]
fn a_tool_turn_shows_progress_and_the_draft_but_no_raw_json() {
    let (updates, summary) = run(include_str!("fixtures/tool_and_draft.sse"));
    let first = "b1e0a7d4-1111-4c3b-8f00-5a2d9e6c0001";
    let last = "b1e0a7d4-4444-4c3b-8f00-5a2d9e6c0004";
    let tool = "adk-3f1e6a2b-9d4c-4b1a-8e7f-0a1b2c3d4e5f";
    let new_draft = draft(json!({"t": [
        {"tt": 0, "sg": [{"d": 10000, "m": {"name": "city timelapse", "src": "med_1"}}]},
        {"tt": 1, "sg": [{"d": 10000, "m": {"name": "Lo-fi Breeze", "role": "bgm", "volume": 0.35}}]}
    ]}));
    assert_eq!(
        updates,
        [
            delta(0, first, "Adding lo-fi music "),
            delta(0, first, "to your video…"),
            whole(0, first, "Adding lo-fi music to your video…"),
            call("add_bgm", tool),
            result("add_bgm", tool),
            TurnUpdate::Draft(new_draft.clone()),
            delta(1, last, "Done — "),
            whole(1, last, "Done — added \"Lo-fi Breeze\" at 35% volume."),
        ]
    );
    assert_eq!(summary.draft, Some(new_draft));
    assert_eq!(summary.texts.len(), 2);
    // Tool arguments and answers stay internal, even in the debug form of the tool updates.
    for update in updates.iter().filter(|u| {
        matches!(
            u,
            TurnUpdate::ToolCall { .. } | TurnUpdate::ToolResult { .. }
        )
    }) {
        let shown = format!("{update:?}");
        assert!(
            !shown.contains("lofi") && !shown.contains("status"),
            "{shown}"
        );
    }
}

#[test]
fn two_stage_generation_yields_both_drafts_and_keeps_the_last() {
    let (updates, summary) = run(include_str!("fixtures/two_stage.sse"));
    let drafts: Vec<&Draft> = updates
        .iter()
        .filter_map(|u| match u {
            TurnUpdate::Draft(d) => Some(d),
            _ => None,
        })
        .collect();
    assert_eq!(drafts.len(), 2);
    assert_ne!(drafts.first(), drafts.get(1));
    assert_eq!(summary.draft.as_ref(), drafts.get(1).copied());
    assert_eq!(
        updates.get(..4),
        Some(
            &[
                call("generate_video", "adk-c1"),
                ALIVE,
                result("generate_video", "adk-c1"),
                TurnUpdate::Draft(drafts[0].clone()),
            ][..]
        )
    );
    assert_eq!(
        summary.texts,
        [
            "Your 30-second video is ready. Adding music and a title…",
            "Added background music and the title 'Paradise Found'."
        ]
    );
    assert_eq!(updates.len(), 11);
}

#[test]
fn an_error_event_fails_the_turn_and_ends_it() {
    let (updates, summary) = run(include_str!("fixtures/error_event.sse"));
    let failure = Error::Agent {
        code: Some("MALFORMED_FUNCTION_CALL".into()),
        message: "Malformed function call: trim_clip".into(),
    };
    assert_eq!(
        updates,
        [
            delta(0, "ee-0001", "Trimming the "),
            TurnUpdate::Failed(failure.clone())
        ]
    );
    assert_eq!(summary.failure, Some(failure));
    assert!(summary.closing.is_empty());
    assert_eq!(summary.texts, ["Trimming the "]);
    assert!(!summary.is_silent());
}

#[test]
fn an_error_frame_fails_the_turn_with_its_details_code() {
    let (updates, summary) = run(include_str!("fixtures/error_frame.sse"));
    let failure = Error::Agent {
        code: Some("RESOURCE_EXHAUSTED".into()),
        message: "429 RESOURCE_EXHAUSTED. Resource has been exhausted (e.g. check quota).".into(),
    };
    assert_eq!(
        updates,
        [
            call("generate_video", "adk-e1"),
            TurnUpdate::Failed(failure.clone())
        ]
    );
    assert_eq!(summary.failure, Some(failure));
    assert!(summary.texts.is_empty());
}

#[test]
fn heartbeats_in_every_form_are_liveness_not_progress() {
    let (updates, summary) = run(include_str!("fixtures/heartbeats.sse"));
    let text = "Still here: the render finished.";
    assert_eq!(
        updates,
        [ALIVE, ALIVE, ALIVE, ALIVE, whole(0, "hb-0001", text)]
    );
    let progress: Vec<bool> = updates.iter().map(TurnUpdate::is_progress).collect();
    assert_eq!(progress, [false, false, false, false, true]);
    assert_eq!(summary.texts, [text]);
}

#[test]
fn the_trailer_after_real_work_is_ignored_without_a_flicker() {
    let (updates, summary) = run(include_str!("fixtures/temporary_issue_after_work.sse"));
    let shown = "Added a fade between every photo.";
    let Some(TurnUpdate::Draft(new_draft)) = updates.get(2) else {
        panic!("{updates:?}");
    };
    assert_eq!(
        updates,
        [
            call("set_transitions", "adk-t1"),
            result("set_transitions", "adk-t1"),
            TurnUpdate::Draft(new_draft.clone()),
            whole(0, "ti-0003", shown),
            ALIVE,
            ALIVE,
            ALIVE,
            ALIVE,
        ]
    );
    assert_eq!(summary.texts, [shown]);
}

#[test]
fn the_trailer_alone_is_shown() {
    let (updates, summary) = run(include_str!("fixtures/temporary_issue_alone.sse"));
    let text = "I encountered a temporary issue while generating. Please try again.";
    assert_eq!(
        updates,
        [
            ALIVE, // held: still a beginning of the phrase
            delta(0, "ta-0001", "I encountered a temporary issue while "),
            delta(0, "ta-0001", "generating. Please try again."),
            whole(0, "ta-0001", text),
        ]
    );
    assert_eq!(summary.texts, [text]);
    assert!(!summary.is_silent());
}

#[test]
fn a_silent_edit_has_tools_and_a_draft_but_no_text() {
    let (updates, summary) = run(include_str!("fixtures/silent_edit.sse"));
    assert_eq!(updates.len(), 4);
    assert_eq!(
        updates.get(..3),
        Some(
            &[
                ALIVE,
                call("add_title", "adk-s1"),
                result("add_title", "adk-s1")
            ][..]
        )
    );
    assert!(matches!(updates.get(3), Some(TurnUpdate::Draft(_))));
    assert!(summary.is_silent());
    assert!(summary.texts.is_empty());
    assert!(summary.draft.is_some());
}

#[test]
fn odd_input_is_tolerated_and_never_shown() {
    let (updates, summary) = run(include_str!("fixtures/odd_input.sse"));
    assert_eq!(
        updates,
        [
            ALIVE, // a thought
            ALIVE, // not JSON
            ALIVE, // JSON, not an object
            whole(0, "od-0002", "Here is a preview frame."),
            whole(1, "od-0003", "Step 2 of 3"), // a named event, decoded by its data
            ALIVE,                              // an empty object
        ]
    );
    assert_eq!(summary.texts.len(), 2);
    assert_eq!(summary.failure, None);
}
