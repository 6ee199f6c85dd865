//! Chat turns: the exact request, streamed events, the timing rules on a virtual clock, silent
//! turns, dropped connections and cancellation.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::{Value, json};

use super::*;
use crate::Error;
use crate::client::race::{First, race};
use crate::client::testing::BodyStep;
use crate::client::{Clock, TurnEvent};
use crate::gui::GuiAction;

fn event(value: Value) -> BodyStep {
    BodyStep::Chunk(format!("data: {value}\n\n").into_bytes())
}

fn text(id: &str, text: &str, partial: bool) -> BodyStep {
    event(json!({"id": id, "author": "nemo_agent", "partial": partial,
                 "content": {"role": "model", "parts": [{"text": text}]}}))
}

fn heartbeat_every(seconds: u64, count: usize) -> Vec<BodyStep> {
    (0..count)
        .flat_map(|_| {
            [
                BodyStep::Wait(Duration::from_secs(seconds)),
                BodyStep::Chunk(b": ping\n\n".to_vec()),
            ]
        })
        .collect()
}

fn title_draft() -> Value {
    json!({"t": [
        {"tt": 0, "sg": [{"d": 3000, "m": {"src": "med_1", "name": "beach"}}]},
        {"tt": 7, "m": {"role": "title"}, "sg": [{"d": 3000, "m": {"text": "Paradise Found"}}]}
    ]})
}

fn plain_draft() -> Value {
    json!({"t": [{"tt": 0, "sg": [{"d": 3000, "m": {"src": "med_1", "name": "beach"}}]}]})
}

/// A connected rig whose state answers `draft` once (the baseline before the turn).
fn rig_with_baseline(draft: Value) -> Rig {
    let rig = Rig::new();
    rig.script_connect("sess_c");
    rig.net.expect(
        Method::Get,
        "/api/state/nemo_agent/me/sess_c/latest",
        Reply::ok(json!({"state": {"draft": draft}})),
    );
    rig
}

fn run_chat(
    rig: &Rig,
    message: &str,
) -> (Result<crate::client::TurnOutcome, Error>, Vec<TurnEvent>) {
    let mut events = Vec::new();
    let outcome = rig.run(rig.client.chat(message, |e| events.push(e)));
    (outcome, events)
}

#[test]
fn a_turn_streams_text_tools_and_the_draft() {
    let rig = rig_with_baseline(Value::Null);
    rig.net.expect(
        Method::Post,
        "/run_sse",
        Reply::sse(vec![
            text("m1", "Making your ", true),
            text("m1", "video.", true),
            event(json!({"id": "c1", "content": {"role": "model", "parts": [
                {"functionCall": {"id": "f1", "name": "build_slideshow", "args": {"secret": 1}}}]}})),
            event(json!({"id": "r1", "content": {"role": "user", "parts": [
                {"functionResponse": {"id": "f1", "name": "build_slideshow", "response": {}}}]},
                "actions": {"stateDelta": {"draft": plain_draft()}}})),
            text("m1", "Making your video.", false),
        ]),
    );
    let (outcome, events) = run_chat(&rig, "turn these images into a video");
    let outcome = outcome.unwrap();
    let draft = crate::draft::Draft::from_value(plain_draft()).unwrap();
    assert_eq!(
        events,
        vec![
            // Tools are words; no raw id or argument reaches the caller.
            TurnEvent::ToolStarted {
                label: "Putting your video together…".into()
            },
            TurnEvent::ToolFinished {
                label: "Put your video together".into()
            },
            TurnEvent::Draft(draft.clone()),
            // The only sentence is held until it is known whole: it might have turned into a
            // GUI step the translation rewrites.
            TurnEvent::TextDelta {
                message: 0,
                text: "Making your video.".into()
            },
            TurnEvent::Text {
                message: 0,
                text: "Making your video.".into()
            },
        ]
    );
    assert_eq!(outcome.texts, vec!["Making your video.".to_owned()]);
    assert_eq!(outcome.draft, Some(draft.clone()));
    assert!(!outcome.silent);
    assert_eq!(rig.client.last_draft(), Some(draft));

    let post = rig.net.sent().pop().unwrap();
    assert_eq!(post.url, "https://api.test/run_sse");
    assert_eq!(post.headers.get("Accept"), Some("text/event-stream"));
    assert_eq!(
        post.headers.get("Authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(
        post.json(),
        json!({"app_name": "nemo_agent", "user_id": "me", "session_id": "sess_c",
               "new_message": {"parts": [{"text": "turn these images into a video"}]},
               "streaming": true})
    );
}

#[test]
fn replies_that_assume_an_editor_are_translated() {
    let rig = rig_with_baseline(plain_draft());
    rig.net.expect(
        Method::Post,
        "/run_sse",
        Reply::sse(vec![text(
            "m",
            "I've added the title. Click the Export button to download your video.",
            false,
        )]),
    );
    let (outcome, events) = run_chat(&rig, "add a title");
    outcome.unwrap();
    let shown = events.iter().find_map(|e| match e {
        TurnEvent::Text { text, .. } => Some(text.clone()),
        _ => None,
    });
    assert_eq!(shown.as_deref(), Some("I've added the title."));
    assert!(events.contains(&TurnEvent::Action(GuiAction::Export)));
}

#[test]
fn heartbeats_only_bring_still_working_at_two_minutes_and_every_two_after() {
    let rig = rig_with_baseline(plain_draft());
    let mut steps = heartbeat_every(15, 20); // five minutes of heartbeats
    steps.push(text("m", "Done.", false));
    rig.net.expect(Method::Post, "/run_sse", Reply::sse(steps));
    let (outcome, events) = run_chat(&rig, "make it longer");
    outcome.unwrap();
    let notices: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            TurnEvent::StillWorking { waited } => Some(waited.as_secs()),
            _ => None,
        })
        .collect();
    assert_eq!(notices, vec![120, 240]);
    assert_eq!(rig.elapsed_ms(), 300_000);
}

#[test]
fn ten_minutes_of_heartbeats_only_time_the_turn_out_and_abort_it() {
    let rig = rig_with_baseline(plain_draft());
    let mut steps = vec![text("m", "Working on it", true)];
    steps.extend(heartbeat_every(20, 100));
    rig.net.expect(Method::Post, "/run_sse", Reply::sse(steps));
    let (outcome, events) = run_chat(&rig, "make it longer");
    assert_eq!(outcome.unwrap_err().kind(), crate::ErrorKind::Timeout);
    assert_eq!(
        rig.elapsed_ms(),
        600_000,
        "timed from the last progress, in virtual time"
    );
    let notices = events
        .iter()
        .filter(|e| matches!(e, TurnEvent::StillWorking { .. }))
        .count();
    assert_eq!(notices, 4, "at 2, 4, 6 and 8 minutes");
    let post = rig.net.sent().pop().unwrap();
    assert!(
        post.aborted.load(Ordering::SeqCst),
        "the request was aborted"
    );
}

#[test]
fn a_silent_turn_reports_what_changed() {
    let rig = rig_with_baseline(plain_draft());
    rig.net
        .expect(
            Method::Post,
            "/run_sse",
            Reply::sse(vec![event(
                json!({"id": "c", "content": {"role": "model", "parts": [
                {"functionCall": {"id": "f", "name": "add_title", "args": {}}}]}}),
            )]),
        )
        .expect(
            Method::Get,
            "/api/state/nemo_agent/me/sess_c/latest",
            Reply::ok(json!({"state": {"draft": title_draft()}})),
        );
    let (outcome, events) = run_chat(&rig, "add a title Paradise Found");
    let outcome = outcome.unwrap();
    assert!(outcome.silent);
    let changes: Vec<String> = outcome.changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        changes,
        vec!["Title added: \"Paradise Found\" (0-3s)".to_owned()]
    );
    assert!(matches!(events.last(), Some(TurnEvent::Changes(c)) if c.len() == 1));
}

#[test]
fn a_dropped_stream_is_not_resent_but_recovered_by_polling() {
    let rig = rig_with_baseline(plain_draft());
    let state = |draft: Value| Reply::ok(json!({"state": {"draft": draft}}));
    rig.net
        .expect(
            Method::Post,
            "/run_sse",
            Reply::sse(vec![
                text("m", "Adding", true),
                BodyStep::Fail("reset".into()),
            ]),
        )
        .expect(Method::Get, "/api/state/", state(plain_draft()))
        .expect(Method::Get, "/api/state/", state(title_draft()));
    let (outcome, events) = run_chat(&rig, "add a title Paradise Found");
    let outcome = outcome.unwrap();
    assert!(outcome.recovered);
    assert_eq!(outcome.changes.len(), 1);
    assert!(events.contains(&TurnEvent::ConnectionLost));
    assert_eq!(rig.elapsed_ms(), 30_000 + 60_000);
    let posts = rig
        .net
        .sent()
        .iter()
        .filter(|s| s.method == Method::Post && s.url.ends_with("/run_sse"))
        .count();
    assert_eq!(posts, 1, "never re-sent");
}

#[test]
fn five_unchanged_polls_after_a_drop_give_up() {
    let rig = rig_with_baseline(plain_draft());
    rig.net.expect(
        Method::Post,
        "/run_sse",
        Reply::Fail(crate::client::TransportError::maybe_sent(
            "connection reset",
        )),
    );
    for _ in 0..5 {
        rig.net.expect(
            Method::Get,
            "/api/state/",
            Reply::ok(json!({"state": {"draft": plain_draft()}})),
        );
    }
    let (outcome, _) = run_chat(&rig, "make it faster");
    assert_eq!(outcome.unwrap_err(), Error::Disconnected);
    assert_eq!(rig.elapsed_ms(), 30_000 + 4 * 60_000);
    assert_eq!(rig.net.unused(), 0);
}

#[test]
fn an_agent_error_fails_the_turn() {
    let rig = rig_with_baseline(plain_draft());
    rig.net.expect(
        Method::Post,
        "/run_sse",
        Reply::sse(vec![event(
            json!({"id": "e", "errorCode": "MALFORMED_FUNCTION_CALL",
                                    "errorMessage": "bad call"}),
        )]),
    );
    let (outcome, _) = run_chat(&rig, "do it");
    assert_eq!(
        outcome.unwrap_err(),
        Error::Agent {
            code: Some("MALFORMED_FUNCTION_CALL".into()),
            message: "bad call".into()
        }
    );
}

#[test]
fn a_server_error_before_the_stream_is_not_resent() {
    let rig = rig_with_baseline(plain_draft());
    rig.net.expect(
        Method::Post,
        "/run_sse",
        Reply::json(500, json!({"detail": "boom"})),
    );
    let (outcome, _) = run_chat(&rig, "do it");
    assert!(matches!(
        outcome.unwrap_err(),
        Error::Api {
            http_status: 500,
            ..
        }
    ));
    assert_eq!(rig.net.unused(), 0);
}

#[test]
fn a_rate_limited_chat_waits_and_is_sent_once_more() {
    let rig = rig_with_baseline(plain_draft());
    rig.net
        .expect(
            Method::Post,
            "/run_sse",
            Reply::code(429, 429, "").header("Retry-After", "5"),
        )
        .expect(
            Method::Post,
            "/run_sse",
            Reply::sse(vec![text("m", "Done.", false)]),
        );
    let (outcome, _) = run_chat(&rig, "do it");
    assert_eq!(outcome.unwrap().texts, vec!["Done.".to_owned()]);
    assert_eq!(rig.elapsed_ms(), 5_000);
}

#[test]
fn dropping_a_turn_aborts_its_request() {
    let rig = rig_with_baseline(plain_draft());
    rig.net.expect(
        Method::Post,
        "/run_sse",
        Reply::sse(vec![text("m", "Working", true), BodyStep::Hang]),
    );
    let cancelled = rig.run(async {
        let turn = rig.client.chat("do it", |_| {});
        match race(turn, rig.clock.sleep(Duration::from_secs(10))).await {
            First::Left(_) => false,
            First::Right(()) => true,
        }
    });
    assert!(cancelled);
    let post = rig.net.sent().pop().unwrap();
    assert!(post.aborted.load(Ordering::SeqCst));
}

#[test]
fn an_expired_session_is_replaced_and_the_turn_says_so() {
    let rig = rig_with_baseline(plain_draft());
    rig.net
        .expect(
            Method::Post,
            "/run_sse",
            Reply::code(404, 1002, "session not found"),
        )
        .expect(
            Method::Post,
            "/api/tasks/me/with-session",
            session_reply("sess_new"),
        )
        .expect(
            Method::Post,
            "/run_sse",
            Reply::sse(vec![text("m", "Started over.", false)]),
        );
    let (outcome, events) = run_chat(&rig, "add music");
    outcome.unwrap();
    assert_eq!(
        events.first(),
        Some(&TurnEvent::Notice(crate::client::Notice::SessionReplaced {
            old_session_id: "sess_c".into(),
            new_session_id: "sess_new".into()
        }))
    );
    let retried = rig.net.sent().pop().unwrap();
    assert_eq!(retried.json()["session_id"], "sess_new");
}
