//! The recovery rules of `docs/PROTOCOL.md` §2, one test per code, asserting the exact requests.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::time::Duration;

use serde_json::json;

use super::*;
use crate::Error;
use crate::client::testing::BodyStep;
use crate::client::{Notice, Token, TransportError};
use crate::error::DEFAULT_RETRY_AFTER;

fn balance() -> Reply {
    Reply::ok(json!({"available": 1, "frozen": 0, "total": 1}))
}

#[test]
fn code_1001_reacquires_the_anonymous_token_and_retries_once() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.run(rig.client.connect()).unwrap();
    rig.net
        .expect(
            Method::Get,
            "/api/credits",
            Reply::code(401, 1001, "token expired"),
        )
        .expect(
            Method::Post,
            "/api/auth/anonymous-token",
            Reply::ok(json!({"token": "nmv_usr_fresh"})),
        )
        .expect(Method::Get, "/api/credits", balance());
    rig.run(rig.client.credits()).unwrap();
    let sent = rig.net.sent();
    assert_eq!(sent[3].headers.get("X-Client-Id"), Some(CLIENT_ID));
    assert_eq!(
        sent[4].headers.get("Authorization"),
        Some("Bearer nmv_usr_fresh")
    );
    assert_eq!(rig.client.take_notices(), vec![Notice::TokenRenewed]);

    // A second 1001 right after the renewal is not retried again.
    rig.net
        .expect(Method::Get, "/api/credits", Reply::code(401, 1001, ""))
        .expect(
            Method::Post,
            "/api/auth/anonymous-token",
            Reply::ok(json!({"token": "t3"})),
        )
        .expect(Method::Get, "/api/credits", Reply::code(401, 1001, ""));
    let err = rig.run(rig.client.credits()).unwrap_err();
    assert_eq!(err, Error::TokenRejected { configured: false });
    assert_eq!(rig.net.unused(), 0);
}

#[test]
fn code_1001_with_a_configured_token_is_a_typed_error() {
    let rig = Rig::with(|c| c.token = Some(Token::new(TOKEN)));
    rig.net.expect(
        Method::Get,
        "/api/credits",
        Reply::code(401, 1001, "expired"),
    );
    let err = rig.run(rig.client.credits()).unwrap_err();
    assert_eq!(err, Error::TokenRejected { configured: true });
    assert_eq!(rig.net.sent().len(), 1, "no anonymous token was requested");
    assert!(!format!("{err} {err:?}").contains(TOKEN));
}

#[test]
fn code_1002_makes_a_new_session_says_so_and_retries_once() {
    let rig = Rig::new();
    rig.script_connect("old");
    rig.net
        .expect(
            Method::Get,
            "/api/state/nemo_agent/me/old/latest",
            Reply::code(404, 1002, "gone"),
        )
        .expect(
            Method::Post,
            "/api/tasks/me/with-session",
            session_reply("new"),
        )
        .expect(
            Method::Get,
            "/api/state/nemo_agent/me/new/latest",
            Reply::ok(json!({"state": {"draft": null}})),
        );
    rig.run(rig.client.state()).unwrap();
    assert_eq!(rig.client.session().unwrap().session_id, "new");
    assert_eq!(
        rig.client.take_notices(),
        vec![Notice::SessionReplaced {
            old_session_id: "old".into(),
            new_session_id: "new".into()
        }]
    );
}

#[test]
fn code_400_on_the_token_call_makes_a_client_id_and_retries() {
    let rig = Rig::with(|c| c.client_id = Some(String::new()));
    rig.net
        .expect(
            Method::Post,
            "/api/auth/anonymous-token",
            Reply::code(400, 400, "X-Client-Id required"),
        )
        .expect(
            Method::Post,
            "/api/auth/anonymous-token",
            Reply::ok(json!({"token": TOKEN})),
        )
        .expect(
            Method::Post,
            "/api/tasks/me/with-session",
            session_reply("s"),
        );
    rig.run(rig.client.connect()).unwrap();
    let sent = rig.net.sent();
    let new_id = sent[1].headers.get("X-Client-Id").unwrap().to_owned();
    assert_eq!(new_id.len(), 36);
    assert_eq!(rig.client.client_id(), new_id);
    assert_eq!(
        rig.client.take_notices(),
        vec![Notice::ClientIdGenerated { client_id: new_id }]
    );
}

#[test]
fn code_429_waits_retry_after_and_retries_once() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.run(rig.client.connect()).unwrap();
    rig.net
        .expect(
            Method::Get,
            "/api/credits",
            Reply::code(429, 429, "slow").header("Retry-After", "7"),
        )
        .expect(Method::Get, "/api/credits", balance());
    rig.run(rig.client.credits()).unwrap();
    assert_eq!(rig.elapsed_ms(), 7_000);

    rig.net
        .expect(Method::Get, "/api/credits", Reply::code(429, 429, ""))
        .expect(Method::Get, "/api/credits", Reply::code(429, 429, ""));
    let err = rig.run(rig.client.credits()).unwrap_err();
    assert_eq!(
        err,
        Error::RateLimited {
            retry_after: DEFAULT_RETRY_AFTER
        }
    );
    assert_eq!(
        rig.elapsed_ms(),
        7_000 + 30_000,
        "default wait is 30 s, once"
    );

    // A wait past the cap (a quota that refills tomorrow) is the caller's to decide on, now.
    rig.net.expect(
        Method::Get,
        "/api/credits",
        Reply::code(429, 429, "").header("Retry-After", "86400"),
    );
    let err = rig.run(rig.client.credits()).unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(86_400)));
    assert_eq!(rig.elapsed_ms(), 37_000, "no wait at all");
    assert_eq!(rig.net.unused(), 0);
}

#[test]
fn code_2001_carries_the_registration_link() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.run(rig.client.connect()).unwrap();
    rig.net.expect(
        Method::Get,
        "/api/credits",
        Reply::code(403, 2001, "no credits"),
    );
    let err = rig.run(rig.client.credits()).unwrap_err();
    assert_eq!(
        err,
        Error::OutOfCredits {
            bind_url: Some("https://web.test/?bind=bind_9".into())
        }
    );
    assert_eq!(err.bind_url(), Some("https://web.test/?bind=bind_9"));
}

#[test]
fn gets_retry_server_errors_with_capped_jittered_backoff() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.run(rig.client.connect()).unwrap();
    rig.net
        .expect(
            Method::Get,
            "/api/credits",
            Reply::json(503, json!({"detail": "busy"})),
        )
        .expect(
            Method::Get,
            "/api/credits",
            Reply::Fail(TransportError::maybe_sent("reset")),
        )
        .expect(Method::Get, "/api/credits", balance());
    rig.run(rig.client.credits()).unwrap();
    // Two waits: 250–500 ms, then 500–1000 ms.
    let waited = rig.elapsed_ms();
    assert!((750..=1500).contains(&waited), "{waited}");

    rig.net
        .expect(Method::Get, "/api/credits", Reply::json(500, json!({})))
        .expect(Method::Get, "/api/credits", Reply::json(500, json!({})))
        .expect(Method::Get, "/api/credits", Reply::json(500, json!({})));
    let err = rig.run(rig.client.credits()).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Api {
                http_status: 500,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(rig.net.unused(), 0, "three attempts in all");
}

#[test]
fn posts_retry_only_what_never_left_the_machine() {
    let rig = Rig::new();
    rig.net
        .expect(
            Method::Post,
            "/api/auth/anonymous-token",
            Reply::ok(json!({"token": TOKEN})),
        )
        .expect(
            Method::Post,
            "/api/tasks/me/with-session",
            Reply::Fail(TransportError::not_sent("connection refused")),
        )
        .expect(
            Method::Post,
            "/api/tasks/me/with-session",
            session_reply("s"),
        );
    rig.run(rig.client.connect()).unwrap();

    let rig = Rig::new();
    rig.net
        .expect(
            Method::Post,
            "/api/auth/anonymous-token",
            Reply::ok(json!({"token": TOKEN})),
        )
        .expect(
            Method::Post,
            "/api/tasks/me/with-session",
            Reply::json(502, json!({})),
        );
    let err = rig.run(rig.client.connect()).unwrap_err();
    assert!(matches!(
        err,
        Error::Api {
            http_status: 502,
            ..
        }
    ));
    assert_eq!(rig.net.unused(), 0);
}

#[test]
fn a_broken_json_body_is_a_network_error_not_a_panic() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.run(rig.client.connect()).unwrap();
    for _ in 0..3 {
        rig.net.expect(
            Method::Get,
            "/api/credits",
            Reply::Response(
                200,
                vec![],
                vec![
                    BodyStep::Chunk(b"{\"code\":0,".to_vec()),
                    BodyStep::Fail("reset".into()),
                ],
            ),
        );
    }
    let err = rig.run(rig.client.credits()).unwrap_err();
    assert_eq!(
        err,
        Error::Network {
            message: "reset".into()
        }
    );
}

#[test]
fn no_token_in_any_request_debug_or_error() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.run(rig.client.connect()).unwrap();
    for request in rig.net.sent() {
        let shown = format!("{:?}", request.headers);
        assert!(!shown.contains(TOKEN), "{shown}");
        assert!(!request.url.contains(TOKEN));
    }
}
