//! Connecting, the claim link, credits and state: the exact requests and what the caller sees.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::json;

use super::*;
use crate::client::{Canvas, Credits, Session, Token};

#[test]
fn connect_acquires_an_anonymous_token_then_a_session() {
    let rig = Rig::new();
    rig.script_connect("sess_1");
    let session = rig.run(rig.client.connect()).unwrap();
    assert_eq!(
        session,
        Session {
            task_id: "task_1".into(),
            session_id: "sess_1".into(),
            bind_id: Some("bind_9".into()),
            user_id: None,
        }
    );
    let sent = rig.net.sent();
    assert_eq!(sent.len(), 2);
    let token_call = &sent[0];
    assert_eq!(token_call.url, "https://api.test/api/auth/anonymous-token");
    assert_eq!(token_call.headers.get("X-Client-Id"), Some(CLIENT_ID));
    assert_eq!(token_call.headers.get("Authorization"), None);
    assert_eq!(token_call.body_len, 0);
    for request in &sent {
        assert_eq!(
            request.headers.get("X-Skill-Source"),
            Some("image-to-video-editing-ai")
        );
        assert_eq!(request.headers.get("X-Skill-Version"), Some("1.0.0"));
        assert_eq!(request.headers.get("X-Skill-Platform"), Some("unknown"));
    }
    let session_call = &sent[1];
    assert_eq!(
        session_call.headers.get("Authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(
        session_call.headers.get("Content-Type"),
        Some("application/json")
    );
    assert_eq!(
        session_call.json(),
        json!({"task_name": "project", "language": "en"})
    );
    // Connecting again reuses what it has.
    rig.run(rig.client.connect()).unwrap();
    assert_eq!(rig.net.sent().len(), 2);
}

#[test]
fn a_configured_token_is_used_as_it_is() {
    let rig = Rig::with(|c| c.token = Some(Token::new("nmv_usr_configured")));
    rig.net.expect(
        Method::Post,
        "/api/tasks/me/with-session/nemo_agent",
        session_reply("s"),
    );
    rig.run(rig.client.connect()).unwrap();
    let sent = rig.net.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].headers.get("authorization"),
        Some("Bearer nmv_usr_configured")
    );
}

#[test]
fn claim_url_points_at_the_web_with_the_claim_token() {
    let rig = Rig::new();
    rig.script_connect("sess_1");
    rig.net.expect(
        Method::Post,
        "/api/auth/claim-token",
        Reply::ok(json!({"claim_token": "clm_a+b/c", "expires_in": 604800})),
    );
    let url = rig.run(rig.client.claim_url()).unwrap();
    assert_eq!(url, "https://web.test/workspace/claim?ct=clm_a%2Bb%2Fc");
    let claim = &rig.net.sent()[2];
    assert_eq!(
        claim.json(),
        json!({"task_id": "task_1", "session_id": "sess_1"})
    );
    assert!(!url.contains(TOKEN));
}

#[test]
fn credits_reads_the_balance() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.run(rig.client.connect()).unwrap();
    rig.net.expect(
        Method::Get,
        "/api/credits/balance/simple",
        Reply::ok(json!({"available": 70, "frozen": 10, "total": 80})),
    );
    let credits = rig.run(rig.client.credits()).unwrap();
    assert_eq!(
        credits,
        Credits {
            available: 70,
            frozen: 10,
            total: 80
        }
    );
    let get = rig.net.sent().pop().unwrap();
    assert_eq!(get.method, Method::Get);
    assert_eq!(get.headers.get("Accept"), Some("application/json"));
}

#[test]
fn state_parses_the_draft_and_canvas() {
    let rig = Rig::new();
    rig.script_connect("sess_7");
    let draft = json!({"t": [{"tt": 0, "sg": [{"d": 3000, "m": {"src": "med_1"}}]}]});
    rig.net.expect(
        Method::Get,
        "/api/state/nemo_agent/me/sess_7/latest",
        Reply::ok(json!({"state": {
            "draft": draft,
            "video_infos": [{"media_id": "med_1"}],
            "canvas_config": {"width": 1080, "height": 1920, "fps": 30},
            "generated_media": []
        }})),
    );
    let state = rig.run(rig.client.state()).unwrap();
    let parsed = state.draft.clone().unwrap();
    assert_eq!(parsed.to_value(), draft);
    assert_eq!(
        state.canvas,
        Canvas {
            width: 1080,
            height: 1920,
            fps: 30
        }
    );
    assert_eq!(state.video_infos.len(), 1);
    assert_eq!(rig.client.last_draft(), Some(parsed));
}

#[test]
fn state_without_a_draft_is_not_an_error() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.net.expect(
        Method::Get,
        "/api/state/",
        Reply::ok(json!({"state": {"draft": null}})),
    );
    let state = rig.run(rig.client.state()).unwrap();
    assert_eq!(state.draft, None);
    assert_eq!(state.canvas, Canvas::default());
}

#[test]
fn a_malformed_draft_in_the_state_names_its_path() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.net.expect(
        Method::Get,
        "/api/state/",
        Reply::ok(json!({"state": {"draft": {"t": [{"tt": 0, "sg": [{"d": "long"}]}]}}})),
    );
    let err = rig.run(rig.client.state()).unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::Draft);
    assert!(err.to_string().contains("t[0].sg[0].d"), "{err}");
}

#[test]
fn workflow_futures_are_send_on_native() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        fn assert_send<F: Send>(_: &F) {}
        let rig = Rig::new();
        assert_send(&rig.client.connect());
        assert_send(&rig.client.credits());
        assert_send(&rig.client.state());
        assert_send(&rig.client.claim_url());
    }
}
