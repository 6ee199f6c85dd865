//! Uploads against a real studio process: multipart files judged by content, the size limit
//! enforced while streaming (memory stays flat), damaged pictures refused after decoding, URL
//! uploads, and sessions kept apart.

mod support;

use std::convert::Infallible;
use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use serde_json::json;
use support::{Studio, png};

const BOUNDARY: &str = support::UPLOAD_BOUNDARY;

fn part_head(name: &str, mime: &str) -> String {
    support::upload_part_head(name, mime)
}

fn form(files: &[(&str, &[u8])]) -> Vec<u8> {
    support::multipart_form(files)
}

async fn upload(
    studio: &Studio,
    token: &str,
    session: &str,
    body: reqwest::Body,
) -> support::Reply {
    studio.upload(token, session, body).await
}

async fn connected(studio: &Studio, client: &str) -> (String, String) {
    studio.connected(client).await
}

#[tokio::test]
async fn files_are_stored_and_listed_in_the_state() {
    let studio = Studio::start(&[]);
    let (token, session) = connected(&studio, "uploader").await;
    let body = form(&[("beach.png", &png(640, 480)), ("city.PNG", &png(300, 500))]);
    let reply = upload(&studio, &token, &session, body.into()).await;
    let files = reply.ok()["files"].as_array().unwrap().clone();
    assert_eq!(files.len(), 2);
    assert!(files[0]["media_id"].as_str().unwrap().starts_with("med_"));
    assert_eq!(files[0]["name"], "beach.png");
    assert_eq!(files[0]["type"], "image");
    assert_eq!(files[0]["mime"], "image/png");
    assert_eq!(
        (files[0]["width"].clone(), files[0]["height"].clone()),
        (json!(640), json!(480))
    );
    let state = studio.state(&token, &session).await;
    let infos = state.ok()["state"]["video_infos"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(infos, files);
}

#[tokio::test]
async fn a_renamed_program_is_refused_by_its_content() {
    let studio = Studio::start(&[]);
    let (token, session) = connected(&studio, "renamer").await;
    let mut exe = b"MZ\x90\0\x03\0\0\0".to_vec();
    exe.extend([0u8; 200]);
    let reply = upload(
        &studio,
        &token,
        &session,
        form(&[("holiday.jpg", &exe)]).into(),
    )
    .await;
    reply.assert_error(415, 4001);
    assert!(reply.text.contains("heic"), "{}", reply.text);
    let state = studio.state(&token, &session).await;
    assert_eq!(state.ok()["state"]["video_infos"], json!([]));

    // A good picture before the bad file is refused with it, and no file of it stays behind.
    let body = form(&[("beach.png", &png(64, 48)), ("holiday.jpg", &exe)]);
    let reply = upload(&studio, &token, &session, body.into()).await;
    reply.assert_error(415, 4001);
    let stored: Vec<_> = std::fs::read_dir(studio.data_dir.join("media"))
        .map(|d| d.flatten().filter(|e| e.path().is_file()).collect())
        .unwrap_or_default();
    assert!(stored.is_empty(), "no unrecorded upload left: {stored:?}");
}

#[tokio::test]
async fn another_users_session_answers_1002() {
    let studio = Studio::start(&[]);
    let (_, session) = connected(&studio, "owner").await;
    let (intruder, _) = connected(&studio, "intruder").await;
    let reply = upload(
        &studio,
        &intruder,
        &session,
        form(&[("a.png", &png(1, 1))]).into(),
    )
    .await;
    reply.assert_error(404, 1002);
}

fn vm_hwm_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn a_201_mb_body_is_refused_while_streaming_with_flat_memory() {
    let studio = Studio::start(&[]);
    let (token, session) = connected(&studio, "big").await;
    let before = vm_hwm_kib(studio.pid());
    const CHUNK: usize = 1 << 20;
    let total_chunks = 201usize;
    let head = part_head("movie.mp4", "video/mp4").into_bytes();
    let mut mp4_start = b"\0\0\0\x18ftypisom\0\0\x02\0isomiso2".to_vec();
    mp4_start.resize(CHUNK, 0);
    let chunks = std::iter::once(Bytes::from(head))
        .chain(std::iter::once(Bytes::from(mp4_start)))
        .chain((1..total_chunks).map(|_| Bytes::from(vec![0u8; CHUNK])))
        .chain(std::iter::once(Bytes::from(format!(
            "\r\n--{BOUNDARY}--\r\n"
        ))))
        .map(Ok::<_, Infallible>);
    let body = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    let reply = tokio::time::timeout(
        Duration::from_secs(120),
        upload(&studio, &token, &session, body),
    )
    .await
    .expect("the studio answers within two minutes");
    reply.assert_error(413, 4002);
    let grown_mib = vm_hwm_kib(studio.pid()).saturating_sub(before) / 1024;
    assert!(
        grown_mib < 64,
        "the studio's peak memory grew by {grown_mib} MiB"
    );
    let leftovers: Vec<_> = std::fs::read_dir(studio.data_dir.join("media"))
        .map(|d| d.flatten().filter(|e| e.path().is_file()).collect())
        .unwrap_or_default();
    assert!(
        leftovers.is_empty(),
        "nothing half-written is visible: {leftovers:?}"
    );
}

/// Serves one PNG at `/photo.png` on a loopback port, for URL uploads.
async fn serve_png() -> String {
    let app = axum::Router::new().route(
        "/photo.png",
        axum::routing::get(|| async { ([("content-type", "image/png")], png(800, 600)) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}/photo.png")
}

#[tokio::test]
async fn url_uploads_fetch_public_files_and_refuse_loopback_unless_allowed() {
    let url = serve_png().await;
    let strict = Studio::start(&[]);
    let (token, session) = connected(&strict, "url-strict").await;
    let path = format!("/api/upload-video/nemo_agent/me/{session}");
    let refused = strict
        .post(
            &path,
            Some(&token),
            json!({"urls": [url], "source_type": "url"}),
        )
        .await;
    assert_eq!(refused.status, 400, "{}", refused.text);

    let open = Studio::start(&["--allow-private-urls"]);
    let (token, session) = connected(&open, "url-open").await;
    let path = format!("/api/upload-video/nemo_agent/me/{session}");
    let reply = open
        .request(
            Method::POST,
            &path,
            Some(&token),
            &[],
            Some(json!({"urls": [url], "source_type": "url"}).to_string()),
        )
        .await;
    let files = reply.ok()["files"].as_array().unwrap().clone();
    assert_eq!(files[0]["width"], 800);
    assert_eq!(files[0]["mime"], "image/png");
}

#[tokio::test]
async fn an_upload_past_the_users_storage_quota_is_refused_and_nothing_of_it_kept() {
    let picture = png(320, 240);
    // Room for two of these pictures, not three.
    let quota = picture.len() as u64 * 5 / 2;
    let studio = Studio::start(&["--max-user-media-bytes", &quota.to_string()]);
    let (token, session) = connected(&studio, "quota").await;
    let two = form(&[("a.png", &picture), ("b.png", &picture)]);
    upload(&studio, &token, &session, two.into()).await.ok();

    // The quota is the user's, across sessions: a new session does not reset it.
    let other_session = studio.session(&token).await["session_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let third = form(&[("c.png", &picture)]);
    let reply = upload(&studio, &token, &other_session, third.into()).await;
    reply.assert_error(413, 4003);
    assert_eq!(reply.json["data"]["max_bytes"], quota);
    assert_eq!(reply.json["data"]["used_bytes"], picture.len() as u64 * 2);
    assert!(reply.text.contains("would go over"), "{}", reply.text);
    let stored = std::fs::read_dir(studio.data_dir.join("media"))
        .map(|d| d.flatten().filter(|e| e.path().is_file()).count())
        .unwrap_or_default();
    assert_eq!(stored, 2, "the refused file is not kept");

    // Another user has a quota of their own.
    let (token, session) = connected(&studio, "quota-other").await;
    let one = form(&[("d.png", &picture)]);
    upload(&studio, &token, &session, one.into()).await.ok();
}

/// A whole picture of ffmpeg's test pattern, encoded by `codec` (png, mjpeg).
fn pattern(codec: &str) -> Vec<u8> {
    let output = std::process::Command::new("ffmpeg")
        .args(["-loglevel", "error", "-nostdin", "-f", "lavfi", "-i"])
        .arg("testsrc=size=640x480")
        .args(["-frames:v", "1", "-c:v", codec, "-f", "image2pipe", "-"])
        .output()
        .expect("ffmpeg runs");
    assert!(output.status.success(), "ffmpeg made no {codec}");
    output.stdout
}

#[tokio::test]
async fn damaged_pictures_are_refused_with_4001_naming_the_file_and_nothing_kept() {
    let studio = Studio::start(&[]);
    let (token, session) = connected(&studio, "damaged").await;
    let png = pattern("png");
    let jpeg = pattern("mjpeg");
    let mut scrambled = png.clone();
    let idat = png.windows(4).position(|w| w == b"IDAT").unwrap();
    for byte in &mut scrambled[idat + 100..idat + 160] {
        *byte ^= 0x5A;
    }
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "beach.png",
            &png[..png.len() / 2],
            "beach.png is damaged: the image data ends early",
        ),
        (
            "city.jpg",
            &jpeg[..jpeg.len() / 2],
            "city.jpg is damaged: the image data ends early",
        ),
        (
            "sea.png",
            &scrambled,
            "sea.png is damaged: the image data is corrupt",
        ),
    ];
    for (name, bytes, message) in cases {
        // Behind a whole picture in the same request: the request is refused whole.
        let body = form(&[("good.png", &png), (name, bytes)]);
        let reply = upload(&studio, &token, &session, body.into()).await;
        reply.assert_error(415, 4001);
        assert_eq!(reply.json["message"], message, "{}", reply.text);
        assert_eq!(reply.json["data"]["name"], name);
    }
    let stored: Vec<_> = std::fs::read_dir(studio.data_dir.join("media"))
        .map(|d| d.flatten().filter(|e| e.path().is_file()).collect())
        .unwrap_or_default();
    assert!(stored.is_empty(), "nothing of them kept: {stored:?}");
    let state = studio.state(&token, &session).await;
    assert_eq!(state.ok()["state"]["video_infos"], json!([]));

    // The whole pictures they were cut from are taken.
    let body = form(&[("beach.png", &png), ("city.jpg", &jpeg)]);
    let files = upload(&studio, &token, &session, body.into()).await.ok()["files"].clone();
    assert_eq!(files[0]["width"], 640);
    assert_eq!(files[1]["mime"], "image/jpeg");
}
