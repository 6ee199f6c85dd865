//! Chat turns against a real studio process: the raw SSE bytes parse with the core's SSE parser
//! and turn assembler into the expected text, draft and tool progress; silent turns, credits,
//! a dropped stream that still completes the edit, and many users at once kept apart.

mod support;

use i2v_core::adk::{TurnAssembler, TurnSummary, TurnUpdate};
use i2v_core::draft::Draft;
use i2v_core::sse::SseParser;
use serde_json::{Value, json};
use support::{Studio, png};

const FAST: &[&str] = &["--chunk-delay-ms", "1", "--silent-share", "0"];
const GENERATE: &str =
    "turn these images into a 30-second video with smooth transitions and background music";

struct User {
    token: String,
    session: String,
}

async fn user_with_images(studio: &Studio, client: &str, images: u32) -> (User, Vec<String>) {
    let token = studio.token(client).await;
    let session = studio.session(&token).await["session_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let boundary = "b0undary";
    let mut body = Vec::new();
    for n in 0..images {
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{client}-{n}.png\"\r\nContent-Type: image/png\r\n\r\n").into_bytes());
        body.extend(png(640 + n, 480));
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").into_bytes());
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
    assert_eq!(reply.status(), 200);
    let answer: Value = serde_json::from_str(&reply.text().await.unwrap()).unwrap();
    let ids = answer["data"]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["media_id"].as_str().unwrap().to_owned())
        .collect();
    (User { token, session }, ids)
}

/// What one turn's stream carried, read as the SDK reads it.
struct Streamed {
    status: u16,
    raw: Vec<u8>,
    broke: bool,
    updates: Vec<TurnUpdate>,
    summary: TurnSummary,
}

async fn chat(studio: &Studio, user: &User, text: &str) -> Streamed {
    let mut response = reqwest::Client::new()
        .post(format!("{}/run_sse", studio.base))
        .bearer_auth(&user.token)
        .header("accept", "text/event-stream")
        .header("content-type", "application/json")
        .body(
            json!({"app_name": "nemo_agent", "user_id": "me", "session_id": user.session,
                   "new_message": {"parts": [{"text": text}]}, "streaming": true})
            .to_string(),
        )
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let mut parser = SseParser::new();
    let mut assembler = TurnAssembler::new();
    let (mut raw, mut updates, mut broke) = (Vec::new(), Vec::new(), false);
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let chunk: bytes::Bytes = chunk;
                raw.extend_from_slice(&chunk);
                for item in parser.feed(&chunk).unwrap() {
                    updates.extend(assembler.push(&item));
                }
            }
            Ok(None) => break,
            Err(_) => {
                broke = true;
                break;
            }
        }
    }
    Streamed {
        status,
        raw,
        broke,
        updates,
        summary: assembler.finish(),
    }
}

async fn state(studio: &Studio, user: &User) -> Value {
    studio.state(&user.token, &user.session).await.ok()["state"].clone()
}

async fn balance(studio: &Studio, user: &User) -> Value {
    studio
        .get("/api/credits/balance/simple", Some(&user.token))
        .await
        .ok()
        .clone()
}

#[tokio::test]
async fn generation_streams_text_tools_and_a_draft_the_state_agrees_with() {
    let studio = Studio::start(FAST);
    let (user, ids) = user_with_images(&studio, "maker", 3).await;
    let turn = chat(&studio, &user, GENERATE).await;
    assert_eq!(turn.status, 200);
    assert!(!turn.broke);
    let text = String::from_utf8_lossy(&turn.raw);
    assert!(text.starts_with("data: {"), "{text}");
    assert!(
        text.contains(": heartbeat\n\n"),
        "heartbeats while the tools work"
    );
    assert!(turn.summary.failure.is_none(), "{:?}", turn.summary.failure);
    assert!(!turn.summary.is_silent());
    assert!(
        turn.updates
            .iter()
            .any(|u| matches!(u, TurnUpdate::TextDelta { .. }))
    );
    let tools: Vec<&str> = turn
        .updates
        .iter()
        .filter_map(|u| match u {
            TurnUpdate::ToolCall { name, .. } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    assert!(tools.len() >= 2, "two-stage generation: {tools:?}");
    let draft = turn
        .summary
        .draft
        .clone()
        .expect("the turn produced a draft");
    assert_eq!(draft.duration_ms(), 30_000);
    let clips = draft.tracks()[0].segments().len();
    assert_eq!(clips, 3);
    let srcs: Vec<&str> = draft.tracks()[0]
        .segments()
        .iter()
        .filter_map(|s| s.meta()?.src())
        .collect();
    assert_eq!(srcs, ids.iter().map(String::as_str).collect::<Vec<_>>());
    let stored = Draft::from_value(state(&studio, &user).await["draft"].clone()).unwrap();
    assert_eq!(stored, draft);
    let credits = balance(&studio, &user).await;
    assert_eq!(
        (credits["available"].clone(), credits["frozen"].clone()),
        (json!(90), json!(0))
    );
}

#[tokio::test]
async fn a_silent_edit_has_no_text_but_changes_the_draft() {
    let studio = Studio::start(&["--chunk-delay-ms", "1", "--silent-share", "1"]);
    let (user, _) = user_with_images(&studio, "quiet", 2).await;
    chat(&studio, &user, GENERATE).await;
    let before = state(&studio, &user).await["draft"].clone();
    let turn = chat(&studio, &user, "make each photo 5 seconds").await;
    assert!(turn.summary.is_silent(), "{:?}", turn.summary.texts);
    let after = state(&studio, &user).await["draft"].clone();
    assert_ne!(before, after);
    assert_eq!(Draft::from_value(after).unwrap().duration_ms(), 10_000);
}

#[tokio::test]
async fn an_instruction_it_does_not_understand_gets_help_and_costs_nothing() {
    let studio = Studio::start(FAST);
    let (user, _) = user_with_images(&studio, "curious", 1).await;
    let turn = chat(&studio, &user, "what's the weather like in Paris?").await;
    assert!(!turn.summary.texts.is_empty());
    assert_eq!(balance(&studio, &user).await["available"], 100);
    assert_eq!(state(&studio, &user).await["draft"], Value::Null);
}

#[tokio::test]
async fn out_of_credits_is_refused_before_the_stream() {
    let studio = Studio::start(&["--chunk-delay-ms", "1", "--starter-credits", "5"]);
    let (user, _) = user_with_images(&studio, "broke", 1).await;
    let turn = chat(&studio, &user, GENERATE).await;
    assert_eq!(turn.status, 403);
    let body: Value = serde_json::from_slice(&turn.raw).unwrap();
    assert_eq!(body["code"], 2001);
    assert!(
        body["data"]["bind_id"]
            .as_str()
            .unwrap()
            .starts_with("bnd_")
    );
}

#[tokio::test]
async fn a_dropped_stream_still_completes_the_edit() {
    let mut args = FAST.to_vec();
    args.extend(["--fault-drop-stream-after", "2"]);
    let studio = Studio::start(&args);
    let (user, _) = user_with_images(&studio, "dropped", 2).await;
    let turn = chat(&studio, &user, GENERATE).await;
    assert!(turn.broke, "the connection broke mid-stream");
    let mut draft = Value::Null;
    for _ in 0..50 {
        draft = state(&studio, &user).await["draft"].clone();
        if !draft.is_null() && Draft::from_value(draft.clone()).unwrap().tracks().len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        Draft::from_value(draft).unwrap().tracks().len() >= 2,
        "both stages were saved"
    );
}

#[tokio::test]
async fn a_stalled_stream_sends_heartbeats_only_first() {
    let studio = Studio::start(&[
        "--chunk-delay-ms",
        "1",
        "--fault-stall-stream",
        "2",
        "--heartbeat-every",
        "1",
    ]);
    let (user, _) = user_with_images(&studio, "stalled", 1).await;
    let turn = chat(&studio, &user, GENERATE).await;
    let text = String::from_utf8_lossy(&turn.raw);
    assert!(
        text.starts_with(": heartbeat\n\n: heartbeat\n\ndata: "),
        "{}",
        &text[..60.min(text.len())]
    );
}

#[tokio::test]
async fn fifty_users_at_once_get_their_own_videos() {
    let studio = Studio::start(&[
        "--chunk-delay-ms",
        "1",
        "--silent-share",
        "0",
        "--tokens-per-address",
        "100",
    ]);
    let studio = &studio;
    let runs = (0..50).map(|n| async move {
        let (user, ids) = user_with_images(studio, &format!("crowd-{n}"), 2).await;
        let turn = chat(studio, &user, GENERATE).await;
        assert!(turn.summary.failure.is_none());
        let state = state(studio, &user).await;
        let infos: Vec<String> = state["video_infos"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["media_id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(infos, ids, "user {n} sees only their own uploads");
        let draft = Draft::from_value(state["draft"].clone()).unwrap();
        for segment in draft.tracks()[0].segments() {
            let src = segment.meta().and_then(|m| m.src()).unwrap();
            assert!(
                ids.iter().any(|id| id == src),
                "user {n}'s draft uses only their media"
            );
        }
    });
    futures_util::future::join_all(runs).await;
}

/// The state's draft.
async fn draft_now(studio: &Studio, user: &User) -> Draft {
    Draft::from_value(state(studio, user).await["draft"].clone()).expect("a draft in the state")
}

#[tokio::test]
async fn undo_and_redo_move_through_the_sessions_drafts() {
    let studio = Studio::start(FAST);
    let (user, _) = user_with_images(&studio, "undoer", 3).await;
    chat(&studio, &user, GENERATE).await;
    let first = draft_now(&studio, &user).await;
    chat(&studio, &user, "make it 20 seconds").await;
    let second = draft_now(&studio, &user).await;
    chat(&studio, &user, "add a title 'Summer'").await;
    assert_ne!(draft_now(&studio, &user).await, second);

    let undo = chat(&studio, &user, "undo").await;
    assert!(undo.summary.failure.is_none(), "{:?}", undo.summary.failure);
    assert_eq!(
        undo.summary.draft.as_ref(),
        Some(&second),
        "the stream carries it"
    );
    assert_eq!(draft_now(&studio, &user).await, second);
    assert!(
        undo.summary.texts.concat().contains("the title"),
        "{:?}",
        undo.summary.texts
    );
    chat(&studio, &user, "撤销").await;
    assert_eq!(draft_now(&studio, &user).await, first);
    let redo = chat(&studio, &user, "redo").await;
    assert!(
        redo.summary.texts.concat().contains("the video's length"),
        "{:?}",
        redo.summary.texts
    );
    assert_eq!(draft_now(&studio, &user).await, second);

    // A new edit drops what could have been redone; then there is nothing to redo, for free.
    chat(&studio, &user, "mute the music").await;
    let nothing = chat(&studio, &user, "redo").await;
    assert!(
        nothing.summary.texts.concat().contains("nothing to redo"),
        "{:?}",
        nothing.summary.texts
    );
    // Generation 10; two edits, two undos, a redo and the mute 2 each; the empty redo free.
    assert_eq!(balance(&studio, &user).await["available"], 100 - 10 - 6 * 2);
}

#[tokio::test]
async fn undoing_a_new_frame_shape_brings_the_old_one_back() {
    let studio = Studio::start(FAST);
    let (user, _) = user_with_images(&studio, "shaper", 2).await;
    chat(&studio, &user, GENERATE).await;
    let made = state(&studio, &user).await;
    chat(&studio, &user, "make it vertical").await;
    let vertical = state(&studio, &user).await;
    assert_eq!(
        vertical["canvas_config"],
        json!({"width": 1080, "height": 1920, "fps": 30})
    );
    let undo = chat(&studio, &user, "undo").await;
    assert!(
        undo.summary.texts.concat().contains("frame shape"),
        "{:?}",
        undo.summary.texts
    );
    let after = state(&studio, &user).await;
    assert_eq!(after["canvas_config"], made["canvas_config"]);
    assert_eq!(after["draft"], made["draft"]);
}

#[tokio::test]
async fn a_second_message_while_a_turn_runs_is_refused_and_costs_nothing() {
    // Slow chunks keep the first turn running while the second arrives.
    let studio = Studio::start(&["--chunk-delay-ms", "30", "--silent-share", "0"]);
    let (user, _) = user_with_images(&studio, "hasty", 3).await;
    let before = balance(&studio, &user).await["available"].as_i64().unwrap();
    let (first, second) = tokio::join!(chat(&studio, &user, GENERATE), async {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        chat(&studio, &user, "make it 12 seconds").await
    });
    assert_eq!(first.status, 200);
    assert!(first.summary.failure.is_none());
    assert_eq!(second.status, 409);
    let body: Value = serde_json::from_slice(&second.raw).unwrap();
    assert_eq!(body["code"], 409);
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("still being answered")),
        "{body}"
    );
    // Only the first was charged, and its video is the one saved.
    let after = balance(&studio, &user).await["available"].as_i64().unwrap();
    let draft = state(&studio, &user).await["draft"].clone();
    let draft = Draft::from_value(draft).unwrap();
    assert_eq!(draft.duration_ms(), 30_000);
    let again = chat(&studio, &user, "make it 12 seconds").await;
    assert_eq!(again.status, 200, "free again once the first turn ended");
    assert!(before > after, "the first turn was charged");
    let edit_cost = i2v_studio::config::Config::default().edit_cost;
    assert_eq!(
        balance(&studio, &user).await["available"].as_i64().unwrap(),
        after - edit_cost,
        "the edit after it was charged once; the refused one never"
    );
}
