//! Calls end: the request timeout and a call's own, the failed answer a call reports, and the
//! debug log.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;

use super::*;
use crate::Error;
use crate::client::testing::BodyStep;
use crate::client::{CallOptions, FailedAnswer};

#[test]
fn a_server_that_never_answers_times_out_after_the_request_timeout() {
    let rig = Rig::with(|config| config.token = Some(crate::client::Token::new(TOKEN)));
    rig.net
        .expect(Method::Get, "/api/credits/balance/simple", Reply::Silence);
    let err = rig.run(rig.client.credits()).unwrap_err();
    assert!(
        matches!(&err, Error::Timeout { what } if what == "no answer to GET https://api.test/api/credits/balance/simple within 60 s"),
        "{err:?}"
    );
    assert_eq!(rig.elapsed_ms(), 60_000);
    assert_eq!(rig.net.unused(), 0, "a timed-out call is not sent again");
}

#[test]
fn an_answer_that_stalls_after_its_headers_times_out_too() {
    let rig = Rig::with(|config| config.token = Some(crate::client::Token::new(TOKEN)));
    rig.net.expect(
        Method::Get,
        "/api/credits/balance/simple",
        Reply::Response(
            200,
            vec![("content-type".into(), "application/json".into())],
            vec![BodyStep::Chunk(b"{\"code\":0,".to_vec()), BodyStep::Hang],
        ),
    );
    let err = rig.run(rig.client.credits()).unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::Timeout);
    assert_eq!(rig.elapsed_ms(), 60_000);
}

#[test]
fn a_calls_own_timeout_overrides_the_default() {
    let rig = Rig::with(|config| config.token = Some(crate::client::Token::new(TOKEN)));
    rig.net
        .expect(Method::Get, "/api/credits/balance/simple", Reply::Silence);
    let quick = rig.client.for_call(CallOptions {
        timeout: Some(Duration::from_millis(2500)),
    });
    let err = rig.run(quick.credits()).unwrap_err();
    assert!(matches!(&err, Error::Timeout { what } if what.ends_with("within 2.5 s")));
    assert_eq!(rig.elapsed_ms(), 2500);
    // A view shares the client's memory: the configured token was used, no other was made.
    assert_eq!(
        rig.net.sent()[0].headers.get("Authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

#[test]
fn a_failed_call_reports_the_answer_it_failed_on() {
    let rig = Rig::with(|config| config.token = Some(crate::client::Token::new(TOKEN)));
    rig.net
        .expect(
            Method::Get,
            "/api/credits/balance/simple",
            Reply::code(403, 2001, "insufficient credits").header("X-Request-Id", "req_42"),
        )
        .expect(
            Method::Get,
            "/api/credits/balance/simple",
            Reply::ok(json!({"available": 1})),
        );
    let view = rig.client.for_call(CallOptions::default());
    assert_eq!(
        rig.run(view.credits()).unwrap_err(),
        Error::OutOfCredits { bind_url: None }
    );
    assert_eq!(
        view.failed_answer(),
        Some(FailedAnswer {
            status: 403,
            request_id: Some("req_42".into())
        })
    );
    assert_eq!(rig.client.failed_answer(), None, "another view's call");
    rig.run(view.credits()).unwrap();
    assert_eq!(view.failed_answer(), None);
}

#[test]
fn the_debug_log_tells_every_request_and_never_the_token() {
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = lines.clone();
    let rig = Rig::new();
    let client = Client::new(
        rig.net.clone(),
        rig.clock.clone(),
        rig.client.config().clone(),
    )
    .with_log(Arc::new(move |line: &str| {
        sink.lock().unwrap().push(line.to_owned())
    }));
    rig.script_connect("s");
    rig.run(client.connect()).unwrap();
    let lines = lines.lock().unwrap().clone();
    assert!(
        lines
            .iter()
            .any(|l| l == "request POST https://api.test/api/auth/anonymous-token"),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| {
        l.starts_with("answer to POST https://api.test/api/tasks/me/with-session/nemo_agent in ")
    }));
    assert!(lines.iter().all(|l| !l.contains(TOKEN)), "{lines:?}");
}
