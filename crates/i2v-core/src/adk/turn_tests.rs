//! The rules of a turn, one at a time, on small hand-built events.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{Value, json};

use super::*;
use crate::sse::SseEvent;

const TRAILER: &str = "I encountered a temporary issue. Please try again.";

fn data(data: &str) -> SseItem {
    SseItem::Event(SseEvent {
        event_type: "message".into(),
        data: data.into(),
        last_event_id: String::new(),
    })
}

fn ev(value: Value) -> SseItem {
    data(&value.to_string())
}

fn text(id: &str, partial: bool, text: &str) -> SseItem {
    ev(json!({"id": id, "partial": partial, "author": "nemo_agent",
        "content": {"role": "model", "parts": [{"text": text}]}}))
}

fn tool_call(id: &str, name: &str) -> SseItem {
    ev(
        json!({"id": format!("ev-{id}"), "content": {"role": "model",
        "parts": [{"functionCall": {"id": id, "name": name, "args": {"secret_arg": 1}}}]}}),
    )
}

fn with_draft(draft: Value) -> SseItem {
    ev(json!({"id": "ev-d", "actions": {"stateDelta": {"draft": draft}}}))
}

fn push_all(turn: &mut TurnAssembler, items: &[SseItem]) -> Vec<TurnUpdate> {
    items.iter().flat_map(|item| turn.push(item)).collect()
}

fn shown(updates: &[TurnUpdate]) -> Vec<(&'static str, usize, &str)> {
    updates
        .iter()
        .filter_map(|u| match u {
            TurnUpdate::TextDelta { message, text, .. } => Some(("delta", *message, text.as_str())),
            TurnUpdate::TextFinal { message, text, .. } => Some(("final", *message, text.as_str())),
            _ => None,
        })
        .collect()
}

#[test]
fn deltas_carry_the_message_number_and_id() {
    let mut turn = TurnAssembler::new();
    assert_eq!(
        turn.push(&text("a", true, "Hel")),
        [TurnUpdate::TextDelta {
            message: 0,
            id: Some("a".into()),
            text: "Hel".into()
        }]
    );
    assert_eq!(
        turn.push(&text("a", false, "Hello")),
        [TurnUpdate::TextFinal {
            message: 0,
            id: Some("a".into()),
            text: "Hello".into()
        }]
    );
}

#[test]
fn a_final_replaces_its_pieces_and_is_given_once() {
    let mut turn = TurnAssembler::new();
    let updates = push_all(
        &mut turn,
        &[
            text("a", true, "Adding "),
            text("a", true, "music"),
            text("a", false, "Adding music."),
            text("a", false, "Adding music."),
            text("a", true, " (late piece)"),
        ],
    );
    assert_eq!(
        shown(&updates),
        [
            ("delta", 0, "Adding "),
            ("delta", 0, "music"),
            ("final", 0, "Adding music.")
        ]
    );
    assert_eq!(
        updates.get(3..),
        Some(&[TurnUpdate::Alive, TurnUpdate::Alive][..])
    );
    assert_eq!(turn.finish().texts, ["Adding music."]);
}

#[test]
fn a_final_without_pieces_and_messages_in_order() {
    let mut turn = TurnAssembler::new();
    let updates = push_all(
        &mut turn,
        &[
            text("a", false, "First."),
            text("b", true, "Sec"),
            text("b", false, "Second."),
        ],
    );
    assert_eq!(
        shown(&updates),
        [
            ("final", 0, "First."),
            ("delta", 1, "Sec"),
            ("final", 1, "Second.")
        ]
    );
    assert_eq!(turn.finish().texts, ["First.", "Second."]);
}

#[test]
fn events_without_an_id_are_one_message_until_their_final() {
    let mut turn = TurnAssembler::new();
    let no_id = |partial: bool, t: &str| {
        ev(json!({"partial": partial, "content": {"parts": [{"text": t}]}}))
    };
    let updates = push_all(
        &mut turn,
        &[
            no_id(true, "One"),
            no_id(false, "One."),
            no_id(true, "Two"),
            no_id(false, "Two."),
        ],
    );
    assert_eq!(
        shown(&updates),
        [
            ("delta", 0, "One"),
            ("final", 0, "One."),
            ("delta", 1, "Two"),
            ("final", 1, "Two.")
        ]
    );
}

#[test]
fn the_person_echo_is_never_shown_but_tool_answers_under_user_are() {
    let mut turn = TurnAssembler::new();
    let echo = ev(json!({"id": "u", "author": "user",
        "content": {"role": "user", "parts": [{"text": "add music"}]}}));
    let answer = ev(json!({"id": "r", "content": {"role": "user", "parts": [
        {"functionResponse": {"id": "c1", "name": "add_bgm", "response": {"ok": true}}}]}}));
    assert_eq!(turn.push(&echo), [TurnUpdate::Alive]);
    assert_eq!(
        turn.push(&answer),
        [TurnUpdate::ToolResult {
            name: "add_bgm".into(),
            call_id: Some("c1".into())
        }]
    );
    assert!(turn.finish().texts.is_empty());
}

#[test]
fn tools_are_progress_once_per_call_and_never_from_chunks() {
    let mut turn = TurnAssembler::new();
    let chunk_call = ev(json!({"id": "e", "partial": true, "content": {"parts": [
        {"functionCall": {"id": "c1", "name": "trim"}}]}}));
    let nameless = ev(json!({"id": "f", "content": {"parts": [{"functionCall": {}}]}}));
    let updates = push_all(
        &mut turn,
        &[
            chunk_call,
            tool_call("c1", "trim"),
            tool_call("c1", "trim"),
            nameless,
        ],
    );
    assert_eq!(
        updates,
        [
            TurnUpdate::Alive,
            TurnUpdate::ToolCall {
                name: "trim".into(),
                call_id: Some("c1".into())
            },
            TurnUpdate::Alive,
            TurnUpdate::ToolCall {
                name: String::new(),
                call_id: None
            },
        ]
    );
    assert!(!format!("{updates:?}").contains("secret_arg"));
}

#[test]
fn a_draft_is_given_when_new_and_a_null_draft_is_none() {
    let mut turn = TurnAssembler::new();
    let first = json!({"t": [{"tt": 0, "sg": [{"d": 1000}]}]});
    let second = json!({"t": [{"tt": 0, "sg": [{"d": 2000}]}]});
    let expected = |v: &Value| Draft::from_value(v.clone()).expect("a valid draft");
    let updates = push_all(
        &mut turn,
        &[
            with_draft(first.clone()),
            with_draft(first.clone()),
            with_draft(Value::Null),
            with_draft(second.clone()),
        ],
    );
    assert_eq!(
        updates,
        [
            TurnUpdate::Draft(expected(&first)),
            TurnUpdate::Alive,
            TurnUpdate::Alive,
            TurnUpdate::Draft(expected(&second)),
        ]
    );
    assert_eq!(turn.draft(), Some(&expected(&second)));
    assert_eq!(turn.finish().draft, Some(expected(&second)));
}

/// A draft the model rejects fails the turn with its typed error; whatever the model accepts is
/// given as a draft. Which branch runs depends on `Draft::from_value`: both are the contract.
#[test]
fn a_malformed_draft_fails_the_turn() {
    let malformed = json!(42);
    let mut turn = TurnAssembler::new();
    let updates = push_all(
        &mut turn,
        &[with_draft(malformed.clone()), text("a", false, "Done.")],
    );
    match Draft::from_value(malformed) {
        Err(error) => {
            assert_eq!(updates, [TurnUpdate::Failed(Error::Draft(error.clone()))]);
            assert_eq!(turn.failure(), Some(&Error::Draft(error)));
            assert_eq!(turn.draft(), None);
        }
        Ok(draft) => assert_eq!(
            shown(&updates).len() + 1,
            updates.len(),
            "{updates:?} should hold the draft {draft:?} and the text"
        ),
    }
}

#[test]
fn an_error_event_shows_its_text_then_fails_and_the_rest_is_ignored() {
    let mut turn = TurnAssembler::new();
    let failing = ev(
        json!({"id": "x", "errorCode": "SAFETY", "errorMessage": "blocked",
        "content": {"parts": [{"text": "Partly"}]}}),
    );
    let failure = Error::Agent {
        code: Some("SAFETY".into()),
        message: "blocked".into(),
    };
    assert_eq!(
        turn.push(&failing),
        [
            TurnUpdate::TextFinal {
                message: 0,
                id: Some("x".into()),
                text: "Partly".into()
            },
            TurnUpdate::Failed(failure.clone())
        ]
    );
    assert!(turn.push(&text("y", false, "More")).is_empty());
    assert!(turn.push(&SseItem::Comment(String::new())).is_empty());
    assert!(turn.push(&data(r#"{"error":"again"}"#)).is_empty());
    let summary = turn.finish();
    assert_eq!(summary.failure, Some(failure));
    assert_eq!(summary.texts, ["Partly"]);
    assert!(!summary.is_silent());
}

#[test]
fn an_error_message_alone_fails_too() {
    let mut turn = TurnAssembler::new();
    let updates = turn.push(&ev(json!({"errorMessage": "quota"})));
    assert_eq!(
        updates,
        [TurnUpdate::Failed(Error::Agent {
            code: None,
            message: "quota".into()
        })]
    );
}

#[test]
fn an_error_frame_fails_the_turn() {
    let mut turn = TurnAssembler::new();
    let updates = turn.push(&data(r#"{"error":"boom"}"#));
    let failure = Error::Agent {
        code: None,
        message: "boom".into(),
    };
    assert_eq!(updates, [TurnUpdate::Failed(failure.clone())]);
    assert_eq!(turn.finish().failure, Some(failure));
}

#[test]
fn signs_of_life_are_alive_and_not_progress() {
    let mut turn = TurnAssembler::new();
    let heartbeat = SseItem::Event(SseEvent {
        event_type: "heartbeat".into(),
        data: String::new(),
        last_event_id: String::new(),
    });
    for item in [
        SseItem::Comment("keep-alive".into()),
        heartbeat,
        data(""),
        data("not json"),
        data("{}"),
    ] {
        let updates = turn.push(&item);
        assert_eq!(updates, [TurnUpdate::Alive], "{item:?}");
        assert!(!updates.iter().any(TurnUpdate::is_progress));
    }
    assert!(turn.finish().is_silent());
}

#[test]
fn the_trailer_is_ignored_after_text_tools_or_a_draft() {
    let earlier: [Vec<SseItem>; 3] = [
        vec![text("a", false, "Done.")],
        vec![tool_call("c1", "trim")],
        vec![with_draft(json!({"t": []}))],
    ];
    for before in earlier {
        let mut turn = TurnAssembler::new();
        push_all(&mut turn, &before);
        let updates = push_all(
            &mut turn,
            &[
                text("z", true, "I encountered a "),
                text("z", true, "temporary issue."),
                text("z", false, TRAILER),
            ],
        );
        assert_eq!(
            updates,
            [const { TurnUpdate::Alive }; 3],
            "after {before:?}"
        );
        let summary = turn.finish();
        assert!(
            summary.texts.iter().all(|t| !t.contains("temporary")),
            "{summary:?}"
        );
        assert!(summary.closing.is_empty());
    }
}

#[test]
fn the_trailer_alone_is_shown_and_does_not_make_a_later_one_hidden() {
    let mut turn = TurnAssembler::new();
    let updates = push_all(
        &mut turn,
        &[
            text("a", false, TRAILER),
            text("b", false, "i ENCOUNTERED A TEMPORARY ISSUE again"),
        ],
    );
    assert_eq!(
        shown(&updates),
        [
            ("final", 0, TRAILER),
            ("final", 1, "i ENCOUNTERED A TEMPORARY ISSUE again")
        ]
    );
}

#[test]
fn held_pieces_are_released_in_order_when_the_text_diverges() {
    let mut turn = TurnAssembler::new();
    push_all(&mut turn, &[tool_call("c1", "trim")]);
    let updates = push_all(
        &mut turn,
        &[
            text("a", true, " I"),
            text("a", true, " encountered"),
            text("a", true, " no problems."),
            text("a", true, " Done."),
        ],
    );
    assert_eq!(
        shown(&updates),
        [
            ("delta", 0, " I encountered no problems."),
            ("delta", 0, " Done.")
        ]
    );
    assert_eq!(
        updates.get(..2),
        Some(&[TurnUpdate::Alive, TurnUpdate::Alive][..])
    );
}

#[test]
fn finish_closes_messages_whose_final_never_came() {
    let mut turn = TurnAssembler::new();
    push_all(
        &mut turn,
        &[
            text("a", true, "Half a sent"),
            text("b", true, "I encountered a temp"),
        ],
    );
    let summary = turn.finish();
    assert_eq!(
        summary.closing,
        [TurnUpdate::TextFinal {
            message: 0,
            id: Some("a".into()),
            text: "Half a sent".into()
        }]
    );
    assert_eq!(summary.texts, ["Half a sent"]);

    let mut alone = TurnAssembler::new();
    push_all(&mut alone, &[text("b", true, "I encountered a temp")]);
    assert_eq!(alone.finish().texts, ["I encountered a temp"]);
}

#[test]
fn a_failed_turn_closes_nothing_but_reports_what_was_shown() {
    let mut turn = TurnAssembler::new();
    push_all(
        &mut turn,
        &[
            text("a", true, "Half"),
            text("b", true, "I enc"),
            data(r#"{"error":"x"}"#),
        ],
    );
    let summary = turn.finish();
    assert!(summary.closing.is_empty());
    assert_eq!(summary.texts, ["Half"]);
}

#[test]
fn every_push_before_a_failure_gives_an_update() {
    let mut turn = TurnAssembler::new();
    let items = [
        text("a", true, "I"),
        text("a", true, " enc"),
        tool_call("c1", "trim"),
        data("[]"),
        ev(json!({"content": {"parts": [{"text": "hmm", "thought": true}]}})),
        text("a", false, "I encountered nothing."),
    ];
    for item in &items {
        assert!(!turn.push(item).is_empty(), "{item:?}");
    }
}

#[test]
fn frames_can_be_pushed_already_decoded() {
    let mut turn = TurnAssembler::new();
    let frame = StreamFrame::decode(r#"{"id":"a","content":{"parts":[{"text":"Hi"}]}}"#);
    assert_eq!(shown(&turn.push_frame(frame)), [("final", 0, "Hi")]);
    assert_eq!(turn.push_frame(StreamFrame::Heartbeat), [TurnUpdate::Alive]);
}

#[test]
fn a_reply_without_end_stops_the_turn_and_lets_its_text_go() {
    let mut turn = TurnAssembler::new();
    let piece = "x".repeat(64 * 1024);
    let mut failed = None;
    for _ in 0..(MAX_MESSAGE_BYTES / piece.len() + 2) {
        for update in turn.push(&text("a", true, &piece)) {
            if let TurnUpdate::Failed(err) = update {
                failed = Some(err);
            }
        }
        if failed.is_some() {
            break;
        }
    }
    let err = failed.expect("the turn fails at the cap");
    assert_eq!(
        err,
        Error::ReplyTooLong {
            limit: MAX_MESSAGE_BYTES,
            whole_turn: false
        }
    );
    assert_eq!(err.kind(), crate::ErrorKind::Stream);
    // Nothing more is taken, and nothing of the text is kept.
    assert!(turn.push(&text("a", true, "more")).is_empty());
    assert!(turn.finish().texts.is_empty());
}

#[test]
fn many_messages_together_are_capped_too() {
    let mut turn = TurnAssembler::new();
    let whole = "y".repeat(MAX_MESSAGE_BYTES - 1);
    let mut failed = None;
    for n in 0..(MAX_TURN_BYTES / whole.len() + 2) {
        for update in turn.push(&text(&format!("m{n}"), false, &whole)) {
            if let TurnUpdate::Failed(err) = update {
                failed.get_or_insert(err);
            }
        }
    }
    assert_eq!(
        failed,
        Some(Error::ReplyTooLong {
            limit: MAX_TURN_BYTES,
            whole_turn: true
        })
    );
}
