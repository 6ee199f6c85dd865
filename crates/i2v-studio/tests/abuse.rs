//! The attacks of the hostile-input run, kept as tests against a real studio on 127.0.0.1: each
//! is bounded in count and time and checks the refusal or limit that now stops it. Timings are
//! printed for the record, never asserted (these machines are shared and noisy).
//!
//! Neighbours cover the rest of that run: two edits at once (`chat.rs`), oversized heads and
//! unreadable queries (`api.rs`), DNS rebinding and foreign origins (`web.rs`), the storage
//! quota and private addresses (`upload.rs`), the SDK against an endless stream (`tests/js`).
#![allow(clippy::print_stdout)] // The figures are reported with `--nocapture`, not asserted.

mod support;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::Studio;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const FAST: &[&str] = &["--chunk-delay-ms", "1", "--silent-share", "0"];

/// A user with a fresh session: (token, session id).
async fn user(studio: &Studio, client: &str) -> (String, String) {
    studio.connected(client).await
}

/// Sends one chat message and reads its answer whole: (HTTP status, body).
async fn chat(studio: &Studio, token: &str, session: &str, text: &str) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(format!("{}/run_sse", studio.base))
        .bearer_auth(token)
        .header("accept", "text/event-stream")
        .header("content-type", "application/json")
        .body(
            json!({"app_name": "nemo_agent", "user_id": "me", "session_id": session,
                   "new_message": {"parts": [{"text": text}]}, "streaming": true})
            .to_string(),
        )
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

async fn available(studio: &Studio, token: &str) -> i64 {
    studio
        .get("/api/credits/balance/simple", Some(token))
        .await
        .ok()["available"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn a_message_over_4000_characters_is_refused_at_once_and_costs_nothing() {
    let studio = Studio::start(FAST);
    let (token, session) = user(&studio, "long-talker").await;
    let before = available(&studio, &token).await;
    let started = Instant::now();
    let (status, body) = chat(&studio, &token, &session, &"a".repeat(4001)).await;
    println!("4,001 characters refused in {:?}", started.elapsed());
    assert_eq!(status, 400, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert!(body["message"].as_str().unwrap().contains("4001"), "{body}");
    assert_eq!(available(&studio, &token).await, before);
}

#[tokio::test]
async fn other_users_are_answered_while_the_longest_messages_are_read() {
    let studio = Studio::start(FAST);
    let (ann, ann_session) = user(&studio, "ann").await;
    let (bob, bob_session) = user(&studio, "bob").await;
    let (carol, _) = user(&studio, "carol").await;
    // The slowest shapes the attack run found, at the longest length accepted.
    let lists: String = "这张和那张还有第一张和第二张，"
        .chars()
        .cycle()
        .take(4000)
        .collect();
    let refs: String = "photo 1 and photo 2 and the beach one and the last, "
        .chars()
        .cycle()
        .take(4000)
        .collect();
    let (first, second, latencies) = tokio::join!(
        chat(&studio, &ann, &ann_session, &lists),
        chat(&studio, &bob, &bob_session, &refs),
        async {
            let mut latencies = Vec::new();
            for _ in 0..5 {
                let started = Instant::now();
                available(&studio, &carol).await;
                latencies.push(started.elapsed());
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            latencies
        }
    );
    println!(
        "another user's GET credits while two 4,000-character messages were read: {latencies:?}"
    );
    assert_eq!(first.0, 200, "{}", first.1);
    assert_eq!(second.0, 200, "{}", second.1);
}

#[tokio::test]
async fn a_draft_of_20000_one_millisecond_clips_is_refused_before_rendering() {
    let studio = Studio::start(FAST);
    let (token, session) = user(&studio, "segment-bomb").await;
    let draft = json!({"t": [{"tt": 0, "sg": (0..20_000)
        .map(|n| json!({"d": 1, "m": {"src": format!("med_{n:024x}")}}))
        .collect::<Vec<_>>()}]});
    let submit = studio
        .post(
            "/api/render/proxy/lambda",
            Some(&token),
            json!({"id": "render_bomb", "sessionId": session, "draft": draft,
                   "output": {"format": "mp4"}}),
        )
        .await;
    assert_eq!(submit.status, 400, "{}", submit.text);
    assert!(
        submit.text.contains("20000"),
        "names the count: {}",
        submit.text
    );
    let poll = studio
        .get("/api/render/proxy/lambda/render_bomb", Some(&token))
        .await;
    assert_eq!(poll.status, 404, "no job was made: {}", poll.text);
}

/// The start of a PNG: its signature and header chunk, naming a size and holding no pixels. The
/// bomb of the attack run was a real one (995 KB that decode to 16000x16000); its header is what
/// the studio judges it by, before decoding anything.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    bytes.extend([0u8; 64]);
    bytes
}

#[tokio::test]
async fn a_16000_pixel_square_picture_is_refused_by_its_header() {
    let studio = Studio::start(FAST);
    let (token, session) = user(&studio, "decode-bomb").await;
    let boundary = "abuse-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"huge.png\"\r\nContent-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend(png_header(16_000, 16_000));
    body.extend(format!("\r\n--{boundary}--\r\n").into_bytes());
    let reply = reqwest::Client::new()
        .post(format!(
            "{}/api/upload-video/nemo_agent/me/{session}",
            studio.base
        ))
        .bearer_auth(&token)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    let status = reply.status().as_u16();
    let text = reply.text().await.unwrap();
    assert!((400..500).contains(&status), "{status} {text}");
    assert!(text.contains("16000x16000"), "names the size: {text}");
    let state = studio.state(&token, &session).await;
    assert_eq!(state.ok()["state"]["video_infos"], json!([]));
}

#[tokio::test]
async fn half_open_connections_are_closed_and_do_not_starve_a_real_client() {
    let studio = Studio::start(&["--max-connections", "16", "--header-read-timeout", "1"]);
    let addr = studio.base.trim_start_matches("http://").to_owned();
    // More idle connections than the cap, each having sent half a request head.
    let mut idle = Vec::new();
    for _ in 0..40 {
        let mut stream = TcpStream::connect(&addr).await.unwrap();
        stream.write_all(b"GET /api/").await.unwrap();
        idle.push(stream);
    }
    let started = Instant::now();
    let reply = tokio::time::timeout(Duration::from_secs(30), studio.token_reply("patient"))
        .await
        .expect("a real client is served once the stalled connections time out");
    println!(
        "served after {:?} behind 40 half-open connections (cap 16, 1 s head timeout)",
        started.elapsed()
    );
    assert_eq!(reply.status, 200);
    // The stalled connections were closed by the studio, not left open.
    let mut closed = 0;
    for stream in &mut idle {
        let mut buf = [0u8; 256];
        let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf)).await;
        if matches!(read, Ok(Ok(_) | Err(_))) {
            closed += 1;
        }
    }
    assert_eq!(closed, idle.len());
}
