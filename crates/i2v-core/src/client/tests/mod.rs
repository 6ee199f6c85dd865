//! Workflow tests: a real client against a scripted transport on a virtual clock.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod calls;
mod chat;
mod connect;
mod dialects;
mod export;
mod preview;
mod recovery;
mod send;
mod upload;

use std::future::Future;

use serde_json::json;

use super::testing::{Reply, ScriptedTransport, VirtualClock};
use super::{Client, Config, Method, Timing};

/// Where the virtual clock starts: 2026-11-24T00:00:00Z.
pub(super) const T0: u64 = 1_795_478_400_000;
pub(super) const CLIENT_ID: &str = "0b7c1e1e-6d0e-4c5e-9f55-1f4c7a3c2d10";
pub(super) const TOKEN: &str = "nmv_usr_s3cr3t";
/// Where renders are submitted.
pub(super) const RENDERS: &str = "/api/render/proxy/lambda";
/// Where one render is polled and cancelled, before its id. Render ids are random
/// (`render_<uuid>`), so scripts expect this prefix and [`Rig::render_ids`] checks afterwards
/// that each request names the render submitted last before it.
pub(super) const RENDER: &str = "/api/render/proxy/lambda/";

/// A client, its transport and its clock.
pub(super) struct Rig {
    pub(super) clock: VirtualClock,
    pub(super) net: ScriptedTransport,
    pub(super) client: Client<ScriptedTransport, VirtualClock>,
}

impl Rig {
    /// A client with the default configuration, a fixed client id and seed.
    pub(super) fn new() -> Rig {
        Rig::with(|_| {})
    }

    /// A client whose configuration `tweak` adjusts.
    pub(super) fn with(tweak: impl FnOnce(&mut Config)) -> Rig {
        let clock = VirtualClock::new(T0);
        let net = ScriptedTransport::new(&clock);
        let mut config = Config {
            api_url: "https://api.test".into(),
            web_url: "https://web.test".into(),
            client_id: Some(CLIENT_ID.into()),
            seed: 42,
            timing: Timing::default(),
            ..Config::default()
        };
        tweak(&mut config);
        let client = Client::new(net.clone(), clock.clone(), config);
        Rig { clock, net, client }
    }

    /// Scripts the anonymous token and the session that connecting takes.
    pub(super) fn script_connect(&self, session_id: &str) {
        self.net
            .expect(
                Method::Post,
                "/api/auth/anonymous-token",
                Reply::ok(json!({"token": TOKEN, "credits": 100, "expires_in": 604800})),
            )
            .expect(
                Method::Post,
                "/api/tasks/me/with-session/nemo_agent",
                session_reply(session_id),
            );
    }

    /// Runs `fut` on the virtual clock.
    pub(super) fn run<F: Future>(&self, fut: F) -> F::Output {
        self.clock.run(fut)
    }

    /// The ids of the renders submitted so far, in order, after checking that each is
    /// `render_` and 32 hex digits and that every request on one render (a poll, a cancel)
    /// names the render submitted last before it.
    pub(super) fn render_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for sent in self.net.sent() {
            if sent.method == Method::Post && sent.path() == RENDERS {
                let id = sent.json()["id"].as_str().expect("a render id").to_owned();
                let hex = id.strip_prefix("render_").expect("render_ and a uuid");
                assert!(
                    hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()),
                    "{id}"
                );
                ids.push(id);
            } else if let Some(rest) = sent.path().strip_prefix(RENDER) {
                let last = ids.last().expect("a render submitted before it is polled");
                let on = rest.split('/').next().unwrap_or_default();
                assert_eq!(on, last, "{} {}", sent.method.as_str(), sent.path());
            }
        }
        ids
    }

    /// Milliseconds of virtual time since the start.
    pub(super) fn elapsed_ms(&self) -> u64 {
        use super::Clock;
        self.clock.now_ms() - T0
    }
}

/// The answer to a session creation.
pub(super) fn session_reply(session_id: &str) -> Reply {
    Reply::ok(json!({"task_id": "task_1", "session_id": session_id, "bind_id": "bind_9"}))
}
