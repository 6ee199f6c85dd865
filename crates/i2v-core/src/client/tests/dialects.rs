//! The api-reference dialect (`docs/PROTOCOL.md` §8) end to end through the client: the
//! `success` envelope, upload answers of `filename`/`cdn_url`/`hash`, streams of `type` frames
//! (alone and mixed with ADK events), render status inside `data`, cancelling a render whose
//! export was dropped.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::time::Duration;

use serde_json::{Value, json};

use super::*;
use crate::Error;
use crate::client::multipart::UploadSource;
use crate::client::race::{First, race};
use crate::client::testing::BodyStep;
use crate::client::{Clock, ExportOptions, RenderStatus, TurnEvent, UploadFile};

fn frame(value: Value) -> BodyStep {
    BodyStep::Chunk(format!("data: {value}\n\n").into_bytes())
}

fn draft() -> Value {
    json!({"t": [{"tt": 0, "sg": [{"d": 4000, "m": {"src": "https://cdn.test/a.png"}}]}],
           "m": {"title": "Trip", "width": 1920, "height": 1080}})
}

fn state(draft: Value) -> Reply {
    Reply::ok(
        json!({"state": {"draft": draft, "video_infos": [], "video_analyses": [{"x": 1}],
                               "canvas_config": {"width": 1920, "height": 1080}}}),
    )
}

/// A rig connected the api-reference way: `user_id` and `expires_at`, no `bind_id`.
fn reference_rig() -> Rig {
    let rig = Rig::new();
    rig.net
        .expect(
            Method::Post,
            "/api/auth/anonymous-token",
            Reply::ok(json!({"token": TOKEN, "user_id": "anon_abc123",
                             "expires_at": "2026-12-14T00:00:00Z", "credits": 100})),
        )
        .expect(
            Method::Post,
            "/api/tasks/me/with-session/nemo_agent",
            Reply::ok(
                json!({"task_id": "task_r", "session_id": "5529798706024415232",
                             "user_id": "anon_abc123"}),
            ),
        );
    rig
}

#[test]
fn the_session_keeps_the_user_id_and_is_made_in_the_configured_language() {
    let rig = reference_rig();
    let session = rig.run(rig.client.connect()).unwrap();
    assert_eq!(session.user_id.as_deref(), Some("anon_abc123"));
    assert_eq!(session.bind_id, None);
    assert_eq!(session.session_id, "5529798706024415232");
    let sent = rig.net.sent();
    assert_eq!(sent[1].json()["language"], "en");

    let zh = Rig::with(|config| config.language = "zh-CN".into());
    zh.script_connect("s");
    zh.run(zh.client.connect()).unwrap();
    assert_eq!(zh.net.sent()[1].json()["language"], "zh-CN");
}

#[test]
fn the_registration_link_comes_from_the_error_when_the_session_has_no_bind_id() {
    let rig = reference_rig();
    rig.net
        .expect(Method::Get, "/api/state/", state(Value::Null))
        .expect(
            Method::Post,
            "/run_sse",
            Reply::json(
                403,
                json!({"code": 2001, "message": "insufficient credits",
                   "data": {"bind_id": "bnd_42"}}),
            ),
        );
    let err = rig
        .run(rig.client.chat("make a video", |_| {}))
        .unwrap_err();
    assert_eq!(
        err,
        Error::OutOfCredits {
            bind_url: Some("https://web.test/?bind=bnd_42".into())
        }
    );
    assert_eq!(
        rig.client.session().and_then(|s| s.bind_id).as_deref(),
        Some("bnd_42")
    );
}

#[test]
fn an_upload_answer_of_the_reference_form() {
    let rig = reference_rig();
    rig.net.expect(
        Method::Post,
        "/api/upload-video/nemo_agent/me/5529798706024415232",
        Reply::ok(json!({"files": [
            {"filename": "a.png", "file_type": "image", "cdn_url": "https://cdn.test/a.png",
             "width": 1920, "height": 1080, "hash": "abc123"},
            {"filename": "clip.mp4", "file_type": "video", "cdn_url": "https://cdn.test/c.mp4",
             "duration": 30.5, "width": 1280, "height": 720, "fps": 29.97},
        ], "session_state_applied": true})),
    );
    let files = ["a.png", "clip.mp4"]
        .map(|name| UploadFile {
            name: name.into(),
            size: 3,
            source: UploadSource::Bytes(vec![1, 2, 3]),
        })
        .into();
    let media = rig.run(rig.client.upload(files, None)).unwrap();
    let [image, video] = media.as_slice() else {
        panic!("two media: {media:?}");
    };
    // The id: the hash, else the URL.
    assert_eq!(image.media_id, "abc123");
    assert_eq!(image.hash.as_deref(), Some("abc123"));
    assert_eq!(image.url.as_deref(), Some("https://cdn.test/a.png"));
    assert_eq!(
        (image.name.as_str(), image.kind.as_str()),
        ("a.png", "image")
    );
    assert_eq!(image.mime, "image/png", "from the name when not given");
    assert_eq!((image.width, image.height), (Some(1920), Some(1080)));
    assert_eq!(image.size, 0);
    assert_eq!(image.in_state, Some(true));
    assert_eq!(video.media_id, "https://cdn.test/c.mp4");
    assert_eq!(video.duration_ms, Some(30_500));
    assert_eq!(video.fps, Some(29.97));
    assert_eq!(video.mime, "video/mp4");
}

#[test]
fn an_upload_answer_with_nothing_to_refer_to_is_a_protocol_error() {
    let rig = reference_rig();
    rig.net.expect(
        Method::Post,
        "/api/upload-video/",
        Reply::ok(json!({"files": [{"filename": "a.png", "file_type": "image"}]})),
    );
    let err = rig
        .run(rig.client.upload_urls(&["https://x.test/a.png".into()]))
        .unwrap_err();
    assert!(
        matches!(&err, Error::Protocol { message } if message.contains("hash")),
        "{err}"
    );
}

#[test]
fn a_stream_of_type_frames_shows_its_text_once_and_reads_the_draft_from_the_state() {
    let rig = reference_rig();
    rig.net
        .expect(Method::Get, "/api/state/", state(Value::Null))
        .expect(
            Method::Post,
            "/run_sse",
            Reply::sse(vec![
                frame(json!({"type": "text", "content": "I'll generate your video now..."})),
                frame(json!({"type": "tool_call", "name": "create_slideshow",
                             "args": {"duration": 4}})),
                frame(json!({"type": "heartbeat"})),
                frame(json!({"type": "tool_result", "name": "create_slideshow",
                             "result": {"status": "ok"}})),
                frame(json!({"type": "thinking", "content": "never shown"})),
                frame(json!({"type": "text", "content": "Done: a 4-second video."})),
            ]),
        )
        .expect(Method::Get, "/api/state/", state(draft()));
    let mut events = Vec::new();
    let outcome = rig
        .run(rig.client.chat("make a video", |e| events.push(e)))
        .unwrap();
    let texts: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            TurnEvent::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        texts,
        ["I'll generate your video now...", "Done: a 4-second video."]
    );
    // A whole message comes as one piece, then as the text it adds up to.
    let deltas: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            TurnEvent::TextDelta { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(deltas, texts);
    assert!(events.contains(&TurnEvent::ToolStarted {
        label: "Putting your video together…".into()
    }));
    assert!(events.contains(&TurnEvent::ToolFinished {
        label: "Put your video together".into()
    }));
    let drafts: Vec<_> = events
        .iter()
        .filter(|e| matches!(e, TurnEvent::Draft(_)))
        .collect();
    assert_eq!(
        drafts.len(),
        1,
        "the state's draft is given once: {events:?}"
    );
    assert!(!outcome.silent);
    assert_eq!(outcome.draft.map(|d| d.duration_ms()), Some(4000));
    assert_eq!(rig.client.last_draft().map(|d| d.duration_ms()), Some(4000));
    assert_eq!(rig.net.unused(), 0);
}

#[test]
fn a_silent_stream_of_type_frames_is_reported_by_what_changed() {
    let rig = reference_rig();
    rig.net
        .expect(Method::Get, "/api/state/", state(draft()))
        .expect(
            Method::Post,
            "/run_sse",
            Reply::sse(vec![
                frame(json!({"type": "tool_call", "name": "edit_multitrack", "args": {}})),
                frame(json!({"type": "tool_result", "name": "edit_multitrack", "result": {}})),
            ]),
        )
        .expect(
            Method::Get,
            "/api/state/",
            state(json!({"t": [{"tt": 0, "sg": [{"d": 6000, "m": {"src": "https://cdn.test/a.png"}}]}]})),
        );
    let mut events = Vec::new();
    let outcome = rig
        .run(rig.client.chat("make it 6 seconds", |e| events.push(e)))
        .unwrap();
    assert!(outcome.silent);
    assert!(!outcome.changes.is_empty());
    assert!(
        events
            .iter()
            .any(|e| matches!(e, TurnEvent::Changes(c) if !c.is_empty()))
    );
}

#[test]
fn a_stream_that_mixes_adk_events_and_type_frames() {
    let rig = reference_rig();
    rig.net
        .expect(Method::Get, "/api/state/", state(Value::Null))
        .expect(
            Method::Post,
            "/run_sse",
            Reply::sse(vec![
                frame(json!({"id": "m1", "partial": true,
                             "content": {"role": "model", "parts": [{"text": "Adding "}]}})),
                frame(json!({"type": "heartbeat"})),
                frame(json!({"id": "m1", "partial": true,
                             "content": {"role": "model", "parts": [{"text": "music."}]}})),
                frame(json!({"type": "tool_call", "name": "add_bgm", "args": {}})),
                frame(
                    json!({"content": {"role": "user", "parts": [{"functionResponse":
                             {"name": "add_bgm", "response": {}}}]},
                             "actions": {"stateDelta": {"draft": draft()}}}),
                ),
                frame(json!({"id": "m1", "partial": false,
                             "content": {"role": "model", "parts": [{"text": "Adding music."}]}})),
                frame(json!({"type": "text", "content": "Anything else?"})),
            ]),
        );
    let mut events = Vec::new();
    let outcome = rig
        .run(rig.client.chat("add music", |e| events.push(e)))
        .unwrap();
    assert_eq!(outcome.texts, ["Adding music.", "Anything else?"]);
    let deltas: String = events
        .iter()
        .filter_map(|e| match e {
            TurnEvent::TextDelta { message: 0, text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(deltas, "Adding music.");
    // The draft came in the stream: no extra state fetch.
    assert_eq!(rig.net.unused(), 0);
    assert_eq!(rig.net.sent().len(), 4);
}

/// The state and the answer to a render's submit. The reference echoes the id it was sent; the
/// SDK polls the id it chose, so the echo here names another to show it is not read.
fn with_render(rig: &Rig) {
    rig.net
        .expect(Method::Get, "/api/state/", state(draft()))
        .expect(
            Method::Post,
            RENDERS,
            Reply::json(
                200,
                json!({"success": true, "data": {"id": "render_echo", "status": "pending",
                                             "progress": 5}}),
            ),
        );
}

#[test]
fn an_export_polled_in_the_reference_form_finishes_with_its_url() {
    let rig = reference_rig();
    rig.run(rig.client.connect()).unwrap();
    with_render(&rig);
    rig.net
        .expect(
            Method::Get,
            RENDER,
            Reply::json(
                200,
                json!({"success": true, "data": {"id": "render_echo", "status": "processing",
                                                 "progress": 40}}),
            ),
        )
        .expect(
            Method::Get,
            RENDER,
            Reply::json(
                200,
                json!({"success": true, "data": {"id": "render_echo", "status": "completed",
                       "progress": 100, "outputUrl": "https://static.test/r.mp4",
                       "createdAt": 1_773_423_613_616_u64, "completedAt": 1_773_423_641_222_u64}}),
            ),
        );
    let mut seen = Vec::new();
    let result = rig
        .run(
            rig.client
                .export(&ExportOptions::default(), |p| seen.push(p.status)),
        )
        .unwrap();
    assert_eq!(result.url, "https://static.test/r.mp4");
    assert_eq!(rig.render_ids(), [result.render_id]);
    assert_eq!(
        seen,
        [
            RenderStatus::Pending,
            RenderStatus::Processing,
            RenderStatus::Completed
        ]
    );
}

#[test]
fn a_refused_render_in_the_reference_form_keeps_the_servers_words() {
    let rig = reference_rig();
    rig.run(rig.client.connect()).unwrap();
    rig.net
        .expect(Method::Get, "/api/state/", state(draft()))
        .expect(
            Method::Post,
            "/api/render/proxy/lambda",
            Reply::json(
                400,
                json!({"success": false, "error": "the draft is malformed"}),
            ),
        );
    let err = rig
        .run(rig.client.export(&ExportOptions::default(), |_| {}))
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api { http_status: 400, message, .. } if message == "the draft is malformed"),
        "{err:?}"
    );
}

#[test]
fn a_render_cancelled_on_the_server_is_not_submitted_again() {
    let rig = reference_rig();
    rig.run(rig.client.connect()).unwrap();
    with_render(&rig);
    rig.net.expect(
        Method::Get,
        RENDER,
        Reply::json(
            200,
            json!({"success": true, "data": {"status": "cancelled"}}),
        ),
    );
    let err = rig
        .run(rig.client.export(&ExportOptions::default(), |_| {}))
        .unwrap_err();
    assert!(matches!(&err, Error::RenderFailed { message } if message.contains("cancelled")));
    assert_eq!(rig.net.unused(), 0);
    assert_eq!(rig.render_ids().len(), 1);
}

#[test]
fn a_dropped_export_leaves_its_render_to_be_cancelled() {
    let rig = reference_rig();
    rig.run(rig.client.connect()).unwrap();
    with_render(&rig);
    rig.net.expect(
        Method::Get,
        RENDER,
        Reply::json(
            200,
            json!({"success": true, "data": {"status": "processing", "progress": 10}}),
        ),
    );
    // The caller gives up after 45 s, between the first poll (30 s) and the second (60 s).
    let dropped = rig.run(async {
        let options = ExportOptions::default();
        let export = rig.client.export(&options, |_| {});
        race(export, rig.clock.sleep(Duration::from_secs(45))).await
    });
    assert!(matches!(dropped, First::Right(())));
    rig.net.expect(
        Method::Post,
        RENDER,
        Reply::json(
            200,
            json!({"success": true, "data": {"status": "cancelled"}}),
        ),
    );
    rig.run(rig.client.cancel_abandoned_renders());
    let sent = rig.net.sent();
    let cancel = sent.last().unwrap();
    let render_id = &rig.render_ids()[0];
    assert_eq!(cancel.path(), format!("{RENDER}{render_id}/cancel"));
    assert_eq!(cancel.method, Method::Post);
    assert!(cancel.body.is_empty());
    // Once only, and a finished export leaves nothing behind.
    rig.run(rig.client.cancel_abandoned_renders());
    assert_eq!(rig.net.sent().len(), sent.len());
}

#[test]
fn an_export_that_ends_on_its_own_is_never_cancelled() {
    let rig = reference_rig();
    rig.run(rig.client.connect()).unwrap();
    with_render(&rig);
    // A failing poll (three tries): the error goes to the caller, and the render (still running
    // for all the client knows) is the caller's to resume, not to cancel.
    for _ in 0..3 {
        rig.net.expect(
            Method::Get,
            RENDER,
            Reply::json(500, json!({"success": false, "error": "down"})),
        );
    }
    let err = rig
        .run(rig.client.export(&ExportOptions::default(), |_| {}))
        .unwrap_err();
    assert!(matches!(&err, Error::Api { http_status: 500, message, .. } if message == "down"));
    let before = rig.net.sent().len();
    rig.run(rig.client.cancel_abandoned_renders());
    assert_eq!(rig.net.sent().len(), before);
    assert_eq!(rig.render_ids().len(), 1, "three polls of the one render");
}
