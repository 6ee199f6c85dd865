//! `send`: routing to the right workflow, uploads first, and GUI actions done through the API.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{Value, json};

use super::*;
use crate::Error;
use crate::client::multipart::UploadSource;
use crate::client::testing::BodyStep;
use crate::client::{SendOutcome, TurnEvent, UploadFile};
use crate::gui::GuiAction;

fn draft() -> Value {
    json!({"t": [{"tt": 0, "sg": [{"d": 3000, "m": {"src": "med_1"}}]}]})
}

fn state(width: u32, height: u32) -> Reply {
    Reply::ok(json!({"state": {"draft": draft(),
        "canvas_config": {"width": width, "height": height, "fps": 30}}}))
}

fn sse_text(text: &str) -> Reply {
    let event = json!({"id": "m", "partial": false, "content": {"role": "model", "parts": [{"text": text}]}});
    Reply::sse(vec![BodyStep::Chunk(
        format!("data: {event}\n\n").into_bytes(),
    )])
}

fn paths(rig: &Rig) -> Vec<String> {
    rig.net
        .sent()
        .iter()
        .map(|s| format!("{} {}", s.method.as_str(), s.path()))
        .collect()
}

fn send(
    rig: &Rig,
    text: &str,
    files: Vec<UploadFile>,
) -> (Result<SendOutcome, Error>, Vec<TurnEvent>) {
    let mut events = Vec::new();
    let outcome = rig.run(rig.client.send(text, files, |e| events.push(e)));
    (outcome, events)
}

#[test]
fn account_words_go_to_their_endpoints_not_the_chat() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.run(rig.client.connect()).unwrap();
    rig.net
        .expect(
            Method::Get,
            "/api/credits",
            Reply::ok(json!({"available": 5, "frozen": 1, "total": 6})),
        )
        .expect(Method::Get, "/api/state/", state(1920, 1080));
    let (credits, events) = send(&rig, "how many credits do I have left?", vec![]);
    assert!(matches!(credits.unwrap(), SendOutcome::Credits(c) if c.available == 5));
    assert!(matches!(events.as_slice(), [TurnEvent::Credits(_)]));
    let (state, _) = send(&rig, "显示所有轨道", vec![]);
    assert!(matches!(state.unwrap(), SendOutcome::State(s) if s.draft.is_some()));
    assert!(!paths(&rig).iter().any(|p| p.contains("run_sse")));
}

#[test]
fn export_wording_carries_its_options() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.net
        .expect(Method::Get, "/api/state/", state(1920, 1080))
        .expect(
            Method::Post,
            "/api/render/proxy/lambda",
            Reply::ok(json!({})),
        )
        .expect(
            Method::Get,
            "/api/render/proxy/lambda/",
            Reply::json(200, json!({"status": "completed", "output": {"url": "u"}})),
        );
    let (outcome, events) = send(&rig, "export 720p mov at 60 fps", vec![]);
    assert!(matches!(outcome.unwrap(), SendOutcome::Exported(r) if r.url == "u"));
    let submit = rig.net.sent()[3].json();
    // The resolution is asked for as a resolution, not turned into a quality.
    assert_eq!(
        submit["output"],
        json!({"format": "mov", "resolution": "720p", "fps": 60, "quality": "high"})
    );
    assert!(matches!(events.last(), Some(TurnEvent::Exported(_))));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, TurnEvent::ExportProgress(_)))
    );
}

#[test]
fn a_vertical_export_of_a_landscape_project_reshapes_it_first() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.net
        .expect(Method::Get, "/api/state/", state(1920, 1080))
        .expect(Method::Post, "/run_sse", sse_text("Switched to 9:16."))
        .expect(Method::Get, "/api/state/", state(1080, 1920))
        .expect(
            Method::Post,
            "/api/render/proxy/lambda",
            Reply::ok(json!({})),
        )
        .expect(
            Method::Get,
            "/api/render/proxy/lambda/",
            Reply::json(200, json!({"status": "completed"})),
        );
    let (outcome, _) = send(&rig, "export it vertical 9:16", vec![]);
    outcome.unwrap();
    let chat = rig
        .net
        .sent()
        .into_iter()
        .find(|s| s.url.ends_with("/run_sse"))
        .unwrap();
    assert_eq!(
        chat.json()["new_message"]["parts"][0]["text"],
        "change the aspect ratio to 9:16"
    );
}

#[test]
fn gif_webm_and_preview_said_in_words_reach_the_request() {
    for (text, output) in [
        (
            "export it as a gif",
            json!({"format": "gif", "quality": "high"}),
        ),
        (
            "export 720p webm",
            json!({"format": "webm", "resolution": "720p", "quality": "high"}),
        ),
        (
            "export a preview",
            json!({"format": "mp4", "quality": "preview"}),
        ),
        (
            "render it in 4K",
            json!({"format": "mp4", "resolution": "2160p", "quality": "high"}),
        ),
    ] {
        let rig = Rig::new();
        rig.script_connect("s");
        rig.net
            .expect(Method::Get, "/api/state/", state(1920, 1080))
            .expect(
                Method::Post,
                "/api/render/proxy/lambda",
                Reply::ok(json!({"status": "completed", "output": {"url": "u"}})),
            );
        let (outcome, _) = send(&rig, text, vec![]);
        assert!(matches!(outcome, Ok(SendOutcome::Exported(_))), "{text}");
        let submit = rig.net.sent()[3].json();
        assert_eq!(submit["output"], output, "{text}");
    }
}

#[test]
fn an_output_no_backend_makes_is_refused_before_the_agent_is_asked_to_reshape() {
    let rig = Rig::new();
    let (outcome, events) = send(&rig, "export it vertical in 8K", vec![]);
    let err = outcome.unwrap_err();
    assert_eq!(err.export_option().map(|o| o.option), Some("resolution"));
    assert!(err.to_string().contains("4320p"), "{err}");
    assert!(events.is_empty());
    assert!(
        rig.net.sent().is_empty(),
        "nothing was sent: {:?}",
        paths(&rig)
    );
}

#[test]
fn negated_export_is_chat() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.net
        .expect(Method::Get, "/api/state/", state(1920, 1080))
        .expect(Method::Post, "/run_sse", sse_text("Added music."));
    let (outcome, _) = send(&rig, "don't export yet, first add music", vec![]);
    assert!(matches!(outcome.unwrap(), SendOutcome::Chat(_)));
}

#[test]
fn attached_files_are_uploaded_before_the_instruction() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.net
        .expect(
            Method::Post,
            "/api/upload-video/",
            Reply::ok(json!({"files": [{"media_id": "med_1", "name": "a.png"}]})),
        )
        .expect(
            Method::Get,
            "/api/state/",
            Reply::ok(json!({"state": {"draft": null}})),
        )
        .expect(Method::Post, "/run_sse", sse_text("Here is your video."));
    let file = UploadFile {
        name: "a.png".into(),
        size: 1,
        source: UploadSource::Bytes(vec![1]),
    };
    let (outcome, events) = send(&rig, "turn these images into a 30-second video", vec![file]);
    assert!(matches!(outcome.unwrap(), SendOutcome::Chat(_)));
    assert!(matches!(events.first(), Some(TurnEvent::Uploaded(m)) if m[0].media_id == "med_1"));
    let order = paths(&rig);
    assert!(
        order[2].starts_with("POST /api/upload-video/") && order[4] == "POST /run_sse",
        "{order:?}"
    );

    let file = UploadFile {
        name: "b.png".into(),
        size: 1,
        source: UploadSource::Bytes(vec![1]),
    };
    rig.net.expect(
        Method::Post,
        "/api/upload-video/",
        Reply::ok(json!({"files": [{"media_id": "med_2"}]})),
    );
    let (outcome, _) = send(&rig, "", vec![file]);
    assert!(matches!(outcome.unwrap(), SendOutcome::Uploaded(m) if m.len() == 1));
    let (outcome, _) = send(&rig, "upload", vec![]);
    assert_eq!(outcome.unwrap_err().kind(), crate::ErrorKind::InvalidInput);
}

#[test]
fn a_reply_that_offers_the_export_button_renders_nothing() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.net
        .expect(Method::Get, "/api/state/", state(1920, 1080))
        .expect(
            Method::Post,
            "/run_sse",
            sse_text("Your video is ready. Click the Export button to download it."),
        );
    let (outcome, events) = send(&rig, "make a video from my photos", vec![]);
    assert!(matches!(outcome.unwrap(), SendOutcome::Chat(_)));
    // The offer is a suggestion for the caller; no render was submitted.
    assert!(events.contains(&TurnEvent::Action(GuiAction::Export)));
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, TurnEvent::ExportProgress(_) | TurnEvent::Exported(_)))
    );
    assert_eq!(rig.net.unused(), 0);
    assert!(
        !rig.net
            .sent()
            .iter()
            .any(|s| s.path().starts_with("/api/render"))
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, TurnEvent::Text { text, .. } if text == "Your video is ready."))
    );
}
