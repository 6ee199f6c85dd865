//! The studio as a process: restarts keep the data, `kill -9` loses nothing acknowledged, and
//! the command line explains itself.

mod support;

use std::process::Command;

use serde_json::{Value, json};
use support::Studio;

/// What a client has after a few calls: a token, a session and a claim token.
struct Account {
    token: String,
    session: Value,
    claim: String,
}

async fn set_up(studio: &Studio) -> Account {
    let token = studio.token("survivor").await;
    let session = studio.session(&token).await;
    let claim = studio
        .post(
            "/api/auth/claim-token",
            Some(&token),
            json!({"task_id": session["task_id"], "session_id": session["session_id"]}),
        )
        .await
        .ok()["claim_token"]
        .as_str()
        .unwrap()
        .to_owned();
    Account {
        token,
        session,
        claim,
    }
}

/// Everything [`set_up`] made is still there and usable.
async fn assert_kept(studio: &Studio, account: &Account) {
    assert_eq!(studio.token("survivor").await, account.token);
    let sid = account.session["session_id"].as_str().unwrap();
    let state = studio.state(&account.token, sid).await;
    assert_eq!(state.ok()["bind_id"], account.session["bind_id"]);
    let balance = studio
        .get("/api/credits/balance/simple", Some(&account.token))
        .await;
    assert_eq!(
        balance.ok(),
        &json!({"available": 100, "frozen": 0, "total": 100})
    );
    let opened = studio
        .get(&format!("/api/claim/{}", account.claim), None)
        .await;
    assert_eq!(opened.ok()["session_id"], sid);
}

#[tokio::test]
async fn a_restart_keeps_users_sessions_credits_and_claims() {
    let mut studio = Studio::start(&[]);
    let account = set_up(&studio).await;
    let status = studio.stop();
    assert!(
        status.success(),
        "SIGTERM should end the studio cleanly: {status:?}"
    );
    studio.relaunch();
    assert_kept(&studio, &account).await;
    assert!(studio.log().contains("shutting down"));
}

#[tokio::test]
async fn kill_9_loses_nothing_that_was_acknowledged() {
    let mut studio = Studio::start(&[]);
    let account = set_up(&studio).await;
    // Killed right after the last answer: no shutdown, no checkpoint.
    studio.kill();
    studio.relaunch();
    assert_kept(&studio, &account).await;
}

fn binary(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_i2v-studio"))
        .args(args)
        .output()
        .expect("run i2v-studio")
}

#[test]
fn the_command_line_explains_itself() {
    let help = binary(&["--help"]);
    assert!(help.status.success());
    let usage = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--port",
        "--data-dir",
        "--web-root",
        "--fault-429-share",
        "--fault-session-idle",
    ] {
        assert!(usage.contains(flag), "{flag} missing from --help");
    }
    let version = binary(&["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("i2v-studio "));

    for (args, complaint) in [
        (&["--nope"][..], "unknown flag `--nope`"),
        (&["--port", "x"], "`--port`: `x` is not a port number"),
        (&["--fault-429-share", "2"], "is not a share from 0 to 1"),
        (&["--data-dir"], "`--data-dir` needs a value"),
    ] {
        let out = binary(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(complaint), "{args:?}: {stderr}");
        assert!(stderr.contains("--help"));
    }
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let studio = Studio::start(&[]);
    let port = studio.base.rsplit(':').next().unwrap().to_owned();
    let data = support::TempDir::new("second");
    let out = binary(&["--port", &port, "--data-dir", data.arg()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot listen on 127.0.0.1:"), "{stderr}");
}
