//! Exports against a real studio: the SDK's export workflow renders a real MP4 that a browser
//! can fetch and seek, 402 for the free plan without attribution, unknown ids, corrupt images,
//! outputs as asked (a GIF, a WebM preview) with their posters, and odd outputs refused.

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

/// Polls a render until it has ended; returns the poll's answer.
async fn finished(studio: &Studio, token: &str, id: &str) -> Value {
    for _ in 0..600 {
        let polled = studio
            .get(&format!("/api/render/proxy/lambda/{id}"), Some(token))
            .await;
        let status = polled.ok()["status"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if ["completed", "failed", "cancelled"].contains(&status.as_str()) {
            return polled.json.clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("render {id} did not end");
}

#[tokio::test]
async fn outputs_are_made_as_asked_with_a_poster_and_odd_ones_refused_before_any_job() {
    let studio = Studio::start(&["--chunk-delay-ms", "1"]);
    let work = support::TempDir::new("export-outputs");
    let client_id = "e0000000-0000-4000-8000-000000000004";
    let client = sdk::client(&studio.base, client_id);
    client
        .upload(vec![picture(&work.0, "a.jpg", "orange", "320x240")], None)
        .await
        .unwrap();
    client.chat("make a 2-second video", |_| {}).await.unwrap();
    let session = client.session().unwrap().session_id;
    let token = studio.token(client_id).await;
    let draft = studio.state(&token, &session).await.ok()["state"]["draft"].clone();
    let export = |id: &str, output: Value| json!({"id": id, "sessionId": session, "draft": draft, "output": output});

    // What cannot be made is refused at once, naming the field, the value and the choices, and
    // leaves no job behind.
    for (id, output, said) in [
        (
            "render_avi",
            json!({"format": "avi"}),
            "output.format 'avi' is not accepted: one of mp4, mov, webm, gif",
        ),
        (
            "render_8k",
            json!({"resolution": "8k"}),
            "output.resolution '8k' is not accepted: one of 480p, 720p, 1080p, 1440p, 2160p, 4k",
        ),
        (
            "render_50",
            json!({"fps": 50}),
            "output.fps '50' is not accepted: one of 24, 25, 30, 60",
        ),
        (
            "render_gif30",
            json!({"format": "gif", "fps": 30}),
            "output.fps '30' is not accepted: a GIF's frame delays",
        ),
        (
            "render_big_preview",
            json!({"quality": "preview", "resolution": "1080p"}),
            "output.resolution '1080p' is not accepted: a preview renders at 480p",
        ),
    ] {
        let refused = studio
            .post("/api/render/proxy/lambda", Some(&token), export(id, output))
            .await;
        assert_eq!(refused.status, 400, "{id}: {refused:?}");
        assert!(refused.text.contains(said), "{id}: {}", refused.text);
        studio
            .get(&format!("/api/render/proxy/lambda/{id}"), Some(&token))
            .await
            .assert_error(404, 404);
    }

    // A GIF: 480p of the 16:9 canvas at 25 fps, as the file says, with a JPEG poster.
    studio
        .post(
            "/api/render/proxy/lambda",
            Some(&token),
            export("render_gif", json!({"format": "gif"})),
        )
        .await
        .ok();
    let polled = finished(&studio, &token, "render_gif").await;
    assert_eq!(polled["status"], "completed", "{polled}");
    let output = &polled["output"];
    assert_eq!(polled["data"]["output"], *output, "the same in data");
    assert_eq!(
        (
            &output["format"],
            &output["mime"],
            &output["width"],
            &output["height"],
            &output["fps"]
        ),
        (
            &json!("gif"),
            &json!("image/gif"),
            &json!(854),
            &json!(480),
            &json!(25)
        ),
        "{output}"
    );
    assert_eq!(output["duration_ms"], 2000, "{output}");
    let http = reqwest::Client::new();
    let gif = http
        .get(output["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(gif.headers()["content-type"], "image/gif");
    let bytes = gif.bytes().await.unwrap();
    assert_eq!(&bytes[..6], b"GIF89a");
    assert_eq!(output["size"], bytes.len());

    let poster_url = output["poster_url"].as_str().expect("a poster URL");
    let poster = http.get(poster_url).send().await.unwrap();
    assert_eq!(poster.status(), 200);
    assert_eq!(poster.headers()["content-type"], "image/jpeg");
    let jpeg = poster.bytes().await.unwrap();
    assert_eq!(&jpeg[..3], &[0xFF, 0xD8, 0xFF]);
    let file = work.0.join("poster.jpg");
    std::fs::write(&file, &jpeg).unwrap();
    let probed = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "stream=codec_name,width,height",
            "-of",
            "csv=p=0",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&probed.stdout).trim(),
        "mjpeg,854,480"
    );

    // Without the key the poster is its owner's only: another user's token, no token, the
    // video's key, all refused; the owner's token is enough.
    let bare = poster_url
        .split('?')
        .next()
        .unwrap()
        .trim_start_matches(&studio.base)
        .to_owned();
    let stranger = studio.token("e0000000-0000-4000-8000-000000000005").await;
    studio
        .get(&bare, Some(&stranger))
        .await
        .assert_error(404, 404);
    assert_eq!(studio.get(&bare, None).await.status, 401);
    let video_key = output["url"]
        .as_str()
        .unwrap()
        .split("key=")
        .nth(1)
        .unwrap();
    assert_eq!(
        studio
            .get(&format!("{bare}?key={video_key}"), None)
            .await
            .status,
        401
    );
    assert_eq!(studio.get(&bare, Some(&token)).await.status, 200);
}

#[tokio::test]
async fn the_reference_dialect_names_the_poster_beside_the_output() {
    let studio = Studio::start(&["--dialect", "reference", "--chunk-delay-ms", "1"]);
    let work = support::TempDir::new("export-reference-poster");
    let client_id = "e0000000-0000-4000-8000-000000000006";
    let client = sdk::client(&studio.base, client_id);
    client
        .upload(vec![picture(&work.0, "a.jpg", "teal", "320x240")], None)
        .await
        .unwrap();
    client.chat("make a 2-second video", |_| {}).await.unwrap();
    let session = client.session().unwrap().session_id;
    let token = studio.token(client_id).await;
    let draft = client.state().await.unwrap().draft.unwrap().to_value();
    let body = json!({"id": "render_ref", "sessionId": session, "draft": draft,
                      "output": {"format": "webm", "quality": "preview"}});
    let submitted = studio
        .post("/api/render/proxy/lambda", Some(&token), body)
        .await;
    assert_eq!(submitted.json["success"], true, "{}", submitted.text);
    let data = loop {
        let polled = studio
            .get("/api/render/proxy/lambda/render_ref", Some(&token))
            .await;
        let data = polled.json["data"].clone();
        if data["status"] != "pending" && data["status"] != "processing" {
            break data;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(data["status"], "completed", "{data}");
    let http = reqwest::Client::new();
    let video = http
        .get(data["outputUrl"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(video.headers()["content-type"], "video/webm");
    assert_eq!(
        &video.bytes().await.unwrap()[..4],
        &[0x1A, 0x45, 0xDF, 0xA3]
    );
    let poster = http
        .get(data["posterUrl"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(poster.headers()["content-type"], "image/jpeg");
    assert_eq!(&poster.bytes().await.unwrap()[..3], &[0xFF, 0xD8, 0xFF]);
}
