//! Exports against a real studio: the SDK's export workflow renders a real MP4 that a browser
//! can fetch and seek, 402 for the free plan without attribution, unknown ids, corrupt images.

mod support;

use std::path::Path;
use std::process::Command;

use i2v_core::client::multipart::UploadSource;
use i2v_core::client::{ExportOptions, UploadFile};
use serde_json::{Value, json};
use support::{Studio, picture, png, sdk};

fn ffprobe_duration(path: &Path) -> f64 {
    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "csv=p=0",
        ])
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0.0)
}

#[tokio::test]
async fn the_sdk_exports_a_real_mp4_that_a_browser_can_seek() {
    let studio = Studio::start(&["--chunk-delay-ms", "1", "--silent-share", "0"]);
    let work = support::TempDir::new("export-pictures");
    let client = sdk::client(&studio.base, "e0000000-0000-4000-8000-000000000001");
    client
        .upload(
            vec![
                picture(&work.0, "red.jpg", "red", "320x240"),
                picture(&work.0, "blue.jpg", "blue", "240x320"),
            ],
            None,
        )
        .await
        .unwrap();
    client
        .chat("make a 4-second video with smooth transitions", |_| {})
        .await
        .unwrap();
    let mut progress = Vec::new();
    let result = client
        .export(&ExportOptions::default(), |p| progress.push(p.status))
        .await
        .unwrap();
    assert!(!progress.is_empty());
    assert_eq!(result.duration_ms.map(|d| d / 100), Some(40), "{result:?}");
    assert_eq!((result.width, result.height), (Some(1920), Some(1080)));

    // output.url works without a bearer token (a <video> sends none) and supports Range.
    let http = reqwest::Client::new();
    let whole = http.get(&result.url).send().await.unwrap();
    assert_eq!(whole.status(), 200);
    assert_eq!(whole.headers()["content-type"], "video/mp4");
    let bytes = whole.bytes().await.unwrap();
    assert_eq!(&bytes[4..8], b"ftyp");
    let file = work.0.join("out.mp4");
    std::fs::write(&file, &bytes).unwrap();
    assert!((ffprobe_duration(&file) - 4.0).abs() <= 1.0 / 30.0 + 1e-6);
    let range = http
        .get(&result.url)
        .header("range", "bytes=100-199")
        .send()
        .await
        .unwrap();
    assert_eq!(range.status(), 206);
    assert_eq!(range.bytes().await.unwrap().len(), 100);

    // The fallback download needs the owner's token; a wrong key is not enough.
    let anonymous = http.get(&result.download_url).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let wrong_key = http
        .get(format!("{}?key=0000", result.download_url))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_key.status(), 401);
}

#[tokio::test]
async fn the_free_plan_without_attribution_cannot_export() {
    let studio = Studio::start(&[
        "--chunk-delay-ms",
        "1",
        "--starter-credits",
        "0",
        "--generate-cost",
        "0",
        "--edit-cost",
        "0",
    ]);
    let work = support::TempDir::new("export-free");
    let client = sdk::client(&studio.base, "e0000000-0000-4000-8000-000000000002");
    client
        .upload(vec![picture(&work.0, "a.jpg", "green", "160x120")], None)
        .await
        .unwrap();
    client.chat("make a 2-second video", |_| {}).await.unwrap();
    let session = client.session().unwrap().session_id;
    let token = studio.token("e0000000-0000-4000-8000-000000000002").await;
    let draft = studio.state(&token, &session).await.ok()["state"]["draft"].clone();
    let body = json!({"id": "render_1", "sessionId": session, "draft": draft, "output": {"format": "mp4", "quality": "high"}});
    let bare = studio
        .post("/api/render/proxy/lambda", Some(&token), body.clone())
        .await;
    bare.assert_error(402, 402);
    // With the attribution headers the same export is accepted (the SDK always sends them).
    let result = client
        .export(&ExportOptions::default(), |_| {})
        .await
        .unwrap();
    assert!(result.url.contains("/download?key="));
}

#[tokio::test]
async fn unknown_renders_and_corrupt_images_answer_clearly() {
    let studio = Studio::start(&["--chunk-delay-ms", "1"]);
    let token = studio.token("e0000000-0000-4000-8000-000000000003").await;
    studio
        .get("/api/render/proxy/lambda/render_404", Some(&token))
        .await
        .assert_error(404, 404);

    // A PNG damaged after its upload (uploads are decoded whole, so it had to arrive intact):
    // its header is right and its pixels are gone. The render fails with a reason while the
    // studio goes on serving.
    let client = sdk::client(&studio.base, "e0000000-0000-4000-8000-000000000003");
    let picture = png(640, 480);
    client
        .upload(
            vec![UploadFile {
                name: "broken.png".into(),
                size: picture.len() as u64,
                source: UploadSource::Bytes(picture),
            }],
            None,
        )
        .await
        .unwrap();
    let stored: Vec<_> = std::fs::read_dir(studio.data_dir.join("media"))
        .unwrap()
        .flatten()
        .filter(|entry| entry.path().is_file())
        .collect();
    assert_eq!(stored.len(), 1, "{stored:?}");
    let header_only = std::fs::read(stored[0].path()).unwrap()[..33].to_vec();
    std::fs::write(stored[0].path(), header_only).unwrap();
    client.chat("make a 2-second video", |_| {}).await.unwrap();
    let err = client
        .export(&ExportOptions::default(), |_| {})
        .await
        .unwrap_err();
    assert_eq!(err.kind(), i2v_core::ErrorKind::Render, "{err}");
    assert!(
        err.to_string().contains("broken.png"),
        "the reason names the file: {err}"
    );
    let credits: Value = studio
        .get("/api/credits/balance/simple", Some(&token))
        .await
        .ok()
        .clone();
    assert!(credits["available"].is_number(), "the studio still serves");
}
