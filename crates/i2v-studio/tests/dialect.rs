//! The studio in the api-reference dialect (`--dialect reference`, `docs/PROTOCOL.md` §8): its
//! answers have the published shapes, and the SDK's own client does the whole job against it.

mod support;

use std::sync::{Arc, Mutex};

use i2v_core::client::multipart::UploadSource;
use i2v_core::client::{ExportOptions, RenderStatus, TurnEvent, UploadFile};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use support::{Studio, TempDir, picture, sdk};

const REFERENCE: &[&str] = &[
    "--dialect",
    "reference",
    "--chunk-delay-ms",
    "1",
    "--silent-share",
    "0",
];

/// A real picture of `size` (`640x480`), with its bytes.
fn image(dir: &TempDir, name: &str, color: &str, size: &str) -> (UploadFile, Vec<u8>) {
    let file = picture(&dir.0, name, color, size);
    let bytes = match &file.source {
        UploadSource::Bytes(bytes) => bytes.clone(),
        _ => unreachable!("a picture is its bytes"),
    };
    (file, bytes)
}

#[tokio::test]
async fn tokens_and_sessions_name_the_user() {
    let studio = Studio::start(REFERENCE);
    let token = studio
        .token_reply("c0000000-0000-4000-8000-00000000000a")
        .await;
    let data = token.ok();
    assert!(data["token"].as_str().unwrap().starts_with("nmv_usr_"));
    assert!(data["user_id"].as_str().unwrap().starts_with("anon_"));
    assert_eq!(data["credits"], 100);
    let expires = data["expires_at"].as_str().unwrap();
    assert!(
        expires.len() == 20 && expires.ends_with('Z') && expires.as_bytes()[10] == b'T',
        "{expires}"
    );
    assert_eq!(data.get("expires_in"), None);
    let session = studio.session(data["token"].as_str().unwrap()).await;
    assert_eq!(session["user_id"], data["user_id"]);
    assert_eq!(session.get("bind_id"), None);
    let state = studio
        .state(
            data["token"].as_str().unwrap(),
            session["session_id"].as_str().unwrap(),
        )
        .await;
    assert_eq!(state.ok()["state"]["video_analyses"], json!([]));
}

#[tokio::test]
async fn the_sdk_does_the_whole_job_against_the_reference_dialect() {
    let studio = Studio::start(REFERENCE);
    let client = sdk::client(&studio.base, "c0000000-0000-4000-8000-00000000000b");
    let session = client.connect().await.unwrap();
    assert!(session.user_id.is_some_and(|id| id.starts_with("anon_")));

    // Uploads are known by their content hash, and served at their CDN URL.
    let work = TempDir::new("dialect-job");
    let (first, first_bytes) = image(&work, "a.png", "red", "640x480");
    let (second, _) = image(&work, "b.png", "blue", "320x480");
    let media = client.upload(vec![first, second], None).await.unwrap();
    assert_eq!(media.len(), 2);
    let hash = format!("{:x}", Sha256::digest(&first_bytes));
    assert_eq!(media[0].media_id, hash);
    assert_eq!(media[0].hash.as_deref(), Some(hash.as_str()));
    assert_eq!(
        (media[0].kind.as_str(), media[0].mime.as_str()),
        ("image", "image/png")
    );
    assert_eq!((media[0].width, media[0].height), (Some(640), Some(480)));
    assert_eq!(media[0].in_state, Some(true));
    let cdn_url = media[0].url.clone().expect("a cdn_url");
    let http = reqwest::Client::new();
    let served = http.get(&cdn_url).send().await.unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(
        served.bytes().await.unwrap().as_ref(),
        first_bytes.as_slice()
    );
    let (without_key, _) = cdn_url.split_once("?key=").unwrap();
    let refused = http.get(without_key).send().await.unwrap();
    assert_eq!(refused.status(), 404);

    // The reply is shown once, whole; tools are progress; the draft is read from the state.
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    let turn = client
        .chat(
            "turn these images into a 4-second video with background music",
            move |event| seen.lock().unwrap().push(event),
        )
        .await
        .unwrap();
    let events = events.lock().unwrap().clone();
    let texts: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            TurnEvent::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(texts.len(), 1, "{events:?}");
    assert!(!texts[0].contains("\"type\""));
    let deltas: String = events
        .iter()
        .filter_map(|e| match e {
            TurnEvent::TextDelta { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(deltas, texts[0]);
    assert!(events.iter().any(
        |e| matches!(e, TurnEvent::ToolStarted { label } if label == "Putting your video together…")
    ));
    assert!(events.iter().any(|e| matches!(e, TurnEvent::Draft(_))));
    assert!(!turn.silent);
    let draft = turn.draft.expect("the draft, from the state");
    assert_eq!(draft.duration_ms(), 4000);

    // A silent edit is reported by what changed.
    let quiet = Studio::start(&[
        "--dialect",
        "reference",
        "--chunk-delay-ms",
        "1",
        "--silent-share",
        "1",
    ]);
    let quiet_client = sdk::client(&quiet.base, "c0000000-0000-4000-8000-00000000000c");
    let pictures = vec![
        image(&work, "c.png", "green", "320x240").0,
        image(&work, "d.png", "white", "320x240").0,
    ];
    quiet_client.upload(pictures, None).await.unwrap();
    quiet_client
        .chat("make a 4-second video from my photos", |_| {})
        .await
        .unwrap();
    let edit = quiet_client
        .chat("make each photo 5 seconds", |_| {})
        .await
        .unwrap();
    assert!(edit.silent);
    assert!(!edit.changes.is_empty());

    // The export is polled in `data` and ends with a URL that plays.
    let mut statuses = Vec::new();
    let result = client
        .export(&ExportOptions::default(), |p| statuses.push(p.status))
        .await
        .unwrap();
    assert_eq!(statuses.last(), Some(&RenderStatus::Completed));
    let video = http.get(&result.url).send().await.unwrap();
    assert_eq!(video.status(), 200);
    assert_eq!(&video.bytes().await.unwrap()[4..8], b"ftyp");
}

#[tokio::test]
async fn renders_answer_in_the_success_envelope_and_can_be_cancelled() {
    let studio = Studio::start(REFERENCE);
    let client = sdk::client(&studio.base, "c0000000-0000-4000-8000-00000000000d");
    let work = TempDir::new("dialect-cancel");
    let pictures = vec![
        image(&work, "a.jpg", "red", "640x480").0,
        image(&work, "b.jpg", "blue", "640x480").0,
    ];
    client.upload(pictures, None).await.unwrap();
    client
        .chat("make a 60-second video from my photos", |_| {})
        .await
        .unwrap();
    let token = studio.token("c0000000-0000-4000-8000-00000000000d").await;
    let session_id = client.session().unwrap().session_id;
    let draft = client.state().await.unwrap().draft.unwrap().to_value();
    let submit = |id: &str| {
        json!({"id": id, "sessionId": session_id, "draft": draft,
               "output": {"format": "mp4", "quality": "high"}})
    };

    let submitted = studio
        .post("/api/render/proxy/lambda", Some(&token), submit("render_1"))
        .await;
    assert_eq!(submitted.status, 200);
    assert_eq!(submitted.json["success"], true);
    assert_eq!(submitted.json["data"]["id"], "render_1");
    assert!(submitted.json.get("code").is_none());

    // A refusal is `success: false` with the reason, under its HTTP status.
    let again = studio
        .post("/api/render/proxy/lambda", Some(&token), submit("render_1"))
        .await;
    assert_eq!(again.status, 400);
    assert_eq!(again.json["success"], false);
    assert!(again.json["error"].as_str().unwrap().contains("in use"));

    let cancelled = studio
        .post(
            "/api/render/proxy/lambda/render_1/cancel",
            Some(&token),
            Value::Null,
        )
        .await;
    // The answer comes once ffmpeg has stopped: the job has ended.
    assert_eq!(cancelled.json["success"], true, "{}", cancelled.text);
    assert_eq!(cancelled.json["data"]["status"], "cancelled");
    let polled = studio
        .get("/api/render/proxy/lambda/render_1", Some(&token))
        .await
        .json;
    let data = &polled["data"];
    assert_eq!(data["status"], "cancelled", "{polled}");
    assert!(data["createdAt"].as_u64().is_some());
    assert!(data["completedAt"].as_u64() >= data["createdAt"].as_u64());
    assert_eq!(data.get("outputUrl"), None);
    assert!(polled.get("status").is_none(), "inside data, not top-level");
    // Nothing of it is left but its record.
    let renders = studio.data_dir.join("renders");
    let left: Vec<String> = std::fs::read_dir(&renders)
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    // Its record, under the queue's id of this user's "render_1".
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].ends_with("-render_1.json"), "{left:?}");

    let unknown = studio
        .get("/api/render/proxy/lambda/render_nope", Some(&token))
        .await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.json["success"], false);
}
