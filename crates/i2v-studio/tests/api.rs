//! The account and session endpoints of a real studio process, and every error they give.

mod support;

use std::time::Duration;

use reqwest::Method;
use serde_json::json;
use support::Studio;

const SESSION_PATH: &str = "/api/tasks/me/with-session/nemo_agent";

#[tokio::test]
async fn anonymous_tokens_need_a_client_id_and_are_stable_per_client() {
    let studio = Studio::start(&[]);
    let missing = studio
        .request(Method::POST, "/api/auth/anonymous-token", None, &[], None)
        .await;
    missing.assert_error(400, 400);
    studio.token_reply("").await.assert_error(400, 400);
    studio.token_reply("has space").await.assert_error(400, 400);

    let first = studio.token_reply("client-a").await;
    let data = first.ok();
    let token = data["token"].as_str().unwrap();
    assert!(token.starts_with("nmv_usr_"));
    assert_eq!(token.len(), "nmv_usr_".len() + 32);
    assert_eq!(data["credits"], 100);
    assert_eq!(data["expires_in"], 604_800);

    assert_eq!(studio.token("client-a").await, token);
    assert_ne!(studio.token("client-b").await, token);
}

/// A studio on a loopback address serves only this machine: its people are not limited by
/// address unless the owner asks for it, as the next test does.
#[tokio::test]
async fn a_local_studio_gives_its_own_machine_as_many_new_tokens_as_it_asks() {
    let studio = Studio::start(&[]);
    for n in 0..12 {
        studio.token(&format!("client-{n}")).await;
    }
}

#[tokio::test]
async fn the_eleventh_new_token_from_one_address_is_refused_with_the_real_wait() {
    let studio = Studio::start(&["--tokens-per-address", "10"]);
    for n in 0..10 {
        studio.token(&format!("client-{n}")).await;
    }
    let refused = studio.token_reply("client-10").await;
    refused.assert_error(429, 429);
    let wait: u64 = refused.header("retry-after").unwrap().parse().unwrap();
    // The first token leaves the 7-day window a few seconds short of 7 days from now.
    assert!((604_000..=604_800).contains(&wait), "{wait}");
    assert_eq!(refused.data()["retry_after"], wait);
    // A client that has a valid token still gets it: that is not a new token.
    studio.token_reply("client-3").await.ok();
}

#[tokio::test]
async fn bad_tokens_are_1001_everywhere() {
    let studio = Studio::start(&[]);
    let token = studio.token("owner").await;
    let session = studio.session(&token).await;
    let sid = session["session_id"].as_str().unwrap();
    let claim = studio
        .post(
            "/api/auth/claim-token",
            Some(&token),
            json!({"task_id": session["task_id"], "session_id": sid}),
        )
        .await
        .ok()["claim_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let state_path = format!("/api/state/nemo_agent/me/{sid}/latest");
    let claim_body = json!({"task_id": session["task_id"], "session_id": sid}).to_string();
    let calls: [(Method, &str, Option<String>); 4] = [
        (Method::POST, SESSION_PATH, Some("{}".into())),
        (Method::GET, &state_path, None),
        (Method::GET, "/api/credits/balance/simple", None),
        (Method::POST, "/api/auth/claim-token", Some(claim_body)),
    ];
    let wrong = [
        None,
        Some("nmv_usr_00000000000000000000000000000000"),
        Some("garbage"),
        // A claim token opens a project in a browser; it is no API credential.
        Some(claim.as_str()),
    ];
    for (method, path, body) in &calls {
        for bearer in wrong {
            let reply = studio
                .request(method.clone(), path, bearer, &[], body.clone())
                .await;
            reply.assert_error(401, 1001);
            assert_eq!(reply.data(), &serde_json::Value::Null);
        }
        let basic = studio
            .request(
                method.clone(),
                path,
                None,
                &[("Authorization", &format!("Basic {token}"))],
                body.clone(),
            )
            .await;
        basic.assert_error(401, 1001);
    }
}

#[tokio::test]
async fn a_session_has_ids_state_and_credits() {
    let studio = Studio::start(&[]);
    let token = studio.token("owner").await;
    let session = studio.session(&token).await;
    for (field, prefix) in [
        ("task_id", "task_"),
        ("session_id", "ses_"),
        ("bind_id", "bnd_"),
    ] {
        assert!(
            session[field].as_str().unwrap().starts_with(prefix),
            "{session}"
        );
    }
    let sid = session["session_id"].as_str().unwrap();
    let state = studio.state(&token, sid).await;
    assert_eq!(
        state.ok(),
        &json!({
            "state": {
                "draft": null,
                "video_infos": [],
                "canvas_config": {"width": 1920, "height": 1080, "fps": 30},
                "generated_media": [],
            },
            "bind_id": session["bind_id"],
        })
    );
    let balance = studio
        .get("/api/credits/balance/simple", Some(&token))
        .await;
    assert_eq!(
        balance.ok(),
        &json!({"available": 100, "frozen": 0, "total": 100})
    );

    // No body and an empty body are both a default session.
    let bare = studio
        .request(Method::POST, SESSION_PATH, Some(&token), &[], None)
        .await;
    assert!(
        bare.ok()["session_id"]
            .as_str()
            .unwrap()
            .starts_with("ses_")
    );
}

#[tokio::test]
async fn another_users_session_is_1002_and_shows_nothing() {
    let studio = Studio::start(&[]);
    let alice = studio.token("alice").await;
    let bob = studio.token("bob").await;
    let session = studio.session(&alice).await;
    let sid = session["session_id"].as_str().unwrap();

    let foreign = studio.state(&bob, sid).await;
    foreign.assert_error(404, 1002);
    // Bob cannot tell Alice's session from one that does not exist.
    let unknown = studio.state(&bob, "ses_does_not_exist").await;
    assert_eq!(foreign.text, unknown.text);
    for secret in ["task_id", "bind_id"] {
        assert!(!foreign.text.contains(session[secret].as_str().unwrap()));
    }
    let claim = studio
        .post(
            "/api/auth/claim-token",
            Some(&bob),
            json!({"task_id": session["task_id"], "session_id": sid}),
        )
        .await;
    claim.assert_error(404, 1002);
    // Alice still has it.
    studio.state(&alice, sid).await.ok();
}

#[tokio::test]
async fn claim_tokens_open_the_project_and_nothing_else() {
    let studio = Studio::start(&[]);
    let token = studio.token("owner").await;
    let session = studio.session(&token).await;
    let sid = session["session_id"].as_str().unwrap();
    let claim_reply = studio
        .post(
            "/api/auth/claim-token",
            Some(&token),
            json!({"task_id": session["task_id"], "session_id": sid}),
        )
        .await;
    let data = claim_reply.ok();
    assert_eq!(data["expires_in"], 604_800);
    let claim = data["claim_token"].as_str().unwrap();
    assert!(claim.starts_with("clm_"));

    // No bearer needed to open it.
    let opened = studio.get(&format!("/api/claim/{claim}"), None).await;
    let view = opened.ok();
    assert_eq!(view["session_id"], sid);
    assert_eq!(view["task_id"], session["task_id"]);
    assert_eq!(view["state"]["canvas_config"]["width"], 1920);
    assert_eq!(view["state"]["draft"], serde_json::Value::Null);

    studio
        .get("/api/claim/clm_00000000000000000000000000000000", None)
        .await
        .assert_error(404, 1002);
    // The API token is not a claim token either.
    studio
        .get(&format!("/api/claim/{token}"), None)
        .await
        .assert_error(404, 1002);
    // The claim must name the session's own task.
    let other = studio.session(&token).await;
    studio
        .post(
            "/api/auth/claim-token",
            Some(&token),
            json!({"task_id": other["task_id"], "session_id": sid}),
        )
        .await
        .assert_error(404, 1002);
}

#[tokio::test]
async fn malformed_requests_are_400_and_unknown_routes_are_enveloped() {
    let studio = Studio::start(&[]);
    let token = studio.token("owner").await;
    let not_json = studio
        .request(
            Method::POST,
            "/api/auth/claim-token",
            Some(&token),
            &[],
            Some("{not json".into()),
        )
        .await;
    not_json.assert_error(400, 400);
    studio
        .post(
            "/api/auth/claim-token",
            Some(&token),
            json!({"task_id": "t"}),
        )
        .await
        .assert_error(400, 400);
    studio
        .post(SESSION_PATH, Some(&token), json!({"language": "en\u{0}"}))
        .await
        .assert_error(400, 400);
    studio
        .get("/api/nothing/here", None)
        .await
        .assert_error(404, 404);
    studio
        .get("/api/auth/anonymous-token", None)
        .await
        .assert_error(405, 405);
}

#[tokio::test]
async fn idle_sessions_expire_with_the_fault_flag() {
    let studio = Studio::start(&["--fault-session-idle", "1"]);
    let token = studio.token("owner").await;
    let session = studio.session(&token).await;
    let sid = session["session_id"].as_str().unwrap();
    let claim = studio
        .post(
            "/api/auth/claim-token",
            Some(&token),
            json!({"task_id": session["task_id"], "session_id": sid}),
        )
        .await
        .ok()["claim_token"]
        .as_str()
        .unwrap()
        .to_owned();
    studio.state(&token, sid).await.ok();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    studio.state(&token, sid).await.assert_error(404, 1002);
    // An expired session is gone for its claim link too.
    studio
        .get(&format!("/api/claim/{claim}"), None)
        .await
        .assert_error(404, 1002);
    // The account is fine: a new session works.
    let fresh = studio.session(&token).await;
    studio
        .state(&token, fresh["session_id"].as_str().unwrap())
        .await
        .ok();
}

#[tokio::test]
async fn tokens_expire_with_the_fault_flag_and_the_client_gets_a_new_one() {
    let studio = Studio::start(&["--fault-token-ttl", "1"]);
    let reply = studio.token_reply("owner").await;
    assert_eq!(reply.ok()["expires_in"], 1);
    let token = reply.ok()["token"].as_str().unwrap().to_owned();
    let session = studio.session(&token).await;
    let sid = session["session_id"].as_str().unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    studio
        .get("/api/credits/balance/simple", Some(&token))
        .await
        .assert_error(401, 1001);
    // The same client id gets a new token for the same user, whose session is still there.
    let renewed = studio.token("owner").await;
    assert_ne!(renewed, token);
    studio.state(&renewed, sid).await.ok();
}

#[tokio::test]
async fn tokens_never_reach_the_log() {
    let studio = Studio::start(&[]);
    let token = studio.token("owner").await;
    let session = studio.session(&token).await;
    let sid = session["session_id"].as_str().unwrap();
    let claim = studio
        .post(
            "/api/auth/claim-token",
            Some(&token),
            json!({"task_id": session["task_id"], "session_id": sid}),
        )
        .await
        .ok()["claim_token"]
        .as_str()
        .unwrap()
        .to_owned();
    studio.get(&format!("/api/claim/{claim}"), None).await.ok();
    studio
        .get("/api/credits/balance/simple", Some("nmv_usr_bad"))
        .await;
    // Logging happens after the answer is sent; give the line a moment to land.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let log = studio.log();
    assert!(log.contains("/api/claim/<redacted>"), "{log}");
    assert!(log.contains("status=200"));
    assert!(!log.contains(&token));
    assert!(!log.contains(&claim));
    assert!(!log.contains("nmv_usr_"));
}

#[tokio::test]
async fn oversized_heads_and_unreadable_queries_are_answered_in_the_envelope() {
    let studio = Studio::start(&[]);
    let names: Vec<String> = (0..120).map(|n| format!("x-extra-{n}")).collect();
    let many: Vec<(&str, &str)> = names.iter().map(|name| (name.as_str(), "1")).collect();
    let reply = studio
        .request(
            Method::GET,
            "/api/credits/balance/simple",
            None,
            &many,
            None,
        )
        .await;
    reply.assert_error(431, 431);

    let long = format!("/api/credits/balance/simple?x={}", "a".repeat(10_000));
    let reply = studio.request(Method::GET, &long, None, &[], None).await;
    reply.assert_error(414, 414);

    // axum's own refusal of a query it cannot read was plain text.
    let reply = studio
        .request(Method::GET, "/api/media/med_x?key=a&key=b", None, &[], None)
        .await;
    reply.assert_error(400, 400);
    assert!(reply.text.contains("query"), "{}", reply.text);
}
