//! The SDK's own client (`i2v-core`) against a real studio: the studio must be a peer the SDK
//! cannot tell from the cloud.

mod support;

use std::sync::{Arc, Mutex};

use i2v_core::client::multipart::UploadSource;
use i2v_core::client::{SendOutcome, TurnEvent, UploadFile};
use support::{Studio, png, sdk};

fn image(name: &str, width: u32) -> UploadFile {
    let bytes = png(width, 480);
    UploadFile {
        name: name.to_owned(),
        size: bytes.len() as u64,
        source: UploadSource::Bytes(bytes),
    }
}

#[tokio::test]
async fn the_sdk_connects_uploads_chats_and_reads_state_and_credits() {
    let studio = Studio::start(&["--chunk-delay-ms", "1", "--silent-share", "0"]);
    let client = sdk::client(&studio.base, "0b7c1e1e-6d0e-4c5e-9f55-1f4c7a3c2d10");
    let session = client.connect().await.unwrap();
    assert!(session.session_id.starts_with("ses_"));

    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    let uploaded = client
        .send(
            "",
            vec![
                image("a.png", 640),
                image("b.png", 800),
                image("c.png", 300),
            ],
            |_| {},
        )
        .await
        .unwrap();
    assert!(matches!(uploaded, SendOutcome::Uploaded(m) if m.len() == 3));
    let turn = client
        .chat(
            "turn these images into a 12-second video with smooth transitions and background music",
            move |event| seen.lock().unwrap().push(event),
        )
        .await
        .unwrap();
    let events = events.lock().unwrap().clone();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, TurnEvent::TextDelta { .. }))
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, TurnEvent::ToolStarted { .. }))
    );
    assert!(!turn.texts.is_empty());
    let draft = turn.draft.expect("a draft");
    assert_eq!(draft.duration_ms(), 12_000);
    assert!(
        draft
            .summary()
            .starts_with("Timeline (2 tracks): 1. Video: 3 clips (0-12s)"),
        "{}",
        draft.summary()
    );

    let state = client.state().await.unwrap();
    assert_eq!(state.draft.as_ref(), Some(&draft));
    assert_eq!(state.video_infos.len(), 3);
    let credits = client.credits().await.unwrap();
    assert_eq!((credits.available, credits.frozen), (90, 0));

    let claim = client.claim_url().await.unwrap();
    assert!(claim.starts_with(&format!("{}/workspace/claim?ct=clm_", studio.base)));

    // A silent edit is reported by what changed.
    let edit = client
        .chat("make each photo 5 seconds", |_| {})
        .await
        .unwrap();
    assert!(!edit.texts.is_empty() || !edit.changes.is_empty());
}

#[tokio::test]
async fn the_sdk_recovers_a_dropped_stream_by_polling_the_state() {
    let studio = Studio::start(&[
        "--chunk-delay-ms",
        "1",
        "--silent-share",
        "0",
        "--fault-drop-stream-after",
        "1",
    ]);
    let client = sdk::client(&studio.base, "5e1c2a3b-0000-4000-8000-000000000001");
    client
        .upload(vec![image("a.png", 640), image("b.png", 640)], None)
        .await
        .unwrap();
    let mut lost = false;
    let outcome = client
        .chat("make a 10-second video from my photos", |event| {
            lost |= event == TurnEvent::ConnectionLost;
        })
        .await
        .unwrap();
    assert!(lost);
    assert!(outcome.recovered);
    assert!(
        !outcome.changes.is_empty(),
        "the change was found by polling"
    );
}

#[tokio::test]
async fn the_sdk_sees_typed_errors_from_the_studio() {
    let studio = Studio::start(&["--chunk-delay-ms", "1", "--starter-credits", "1"]);
    let client = sdk::client(&studio.base, "5e1c2a3b-0000-4000-8000-000000000002");
    client
        .upload(vec![image("a.png", 640)], None)
        .await
        .unwrap();
    let err = client.chat("make a video", |_| {}).await.unwrap_err();
    assert_eq!(err.code(), Some(2001));
    assert!(err.bind_url().unwrap().contains("/?bind=bnd_"), "{err}");

    let exe = UploadFile {
        name: "photo.jpg".into(),
        size: 4,
        source: UploadSource::Bytes(b"MZ\x90\0".to_vec()),
    };
    let err = client.upload(vec![exe], None).await.unwrap_err();
    assert_eq!(err.code(), Some(4001));
}
