//! The preview routes against a real studio process, over HTTP and through the SDK's client:
//! proxy pictures of the right size standing upright, a library bed as audio, strangers and
//! broken files refused as they should be.

mod support;

use std::path::Path;
use std::process::Command;

use i2v_core::Error;
use i2v_core::client::{Config, Token};
use support::{Studio, TempDir, sdk};

const BOUNDARY: &str = "i2v-preview-boundary";

/// A picture of ffmpeg's test pattern at `size`, in the format of `name`'s extension.
fn picture(dir: &Path, name: &str, size: &str) -> Vec<u8> {
    let path = dir.join(name);
    let made = Command::new("ffmpeg")
        .args(["-loglevel", "error", "-y", "-f", "lavfi", "-i"])
        .arg(format!("testsrc2=s={size}"))
        .args(["-frames:v", "1"])
        .arg(&path)
        .status()
        .expect("ffmpeg runs");
    assert!(made.success());
    std::fs::read(&path).expect("the picture")
}

/// A JPEG with an EXIF orientation tag inserted after its start: big-endian TIFF, one entry.
fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut app1 = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
    app1.extend(orientation.to_be_bytes());
    app1.extend([0, 0, 0, 0, 0, 0]);
    let length = u16::try_from(app1.len() + 2).expect("a short segment");
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(length.to_be_bytes());
    out.extend(app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// Uploads one file for `token` into `session`: its media id.
async fn upload(studio: &Studio, token: &str, session: &str, name: &str, bytes: &[u8]) -> String {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend(format!("\r\n--{BOUNDARY}--\r\n").into_bytes());
    let response = reqwest::Client::new()
        .post(format!(
            "{}/api/upload-video/nemo_agent/me/{session}",
            studio.base
        ))
        .bearer_auth(token)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .expect("the studio answers");
    let text = response.text().await.expect("the body");
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    json["data"]["files"][0]["media_id"]
        .as_str()
        .unwrap_or_else(|| panic!("an upload: {json}"))
        .to_owned()
}

/// `GET path` with `token`: status, content type, cache control and body.
async fn fetch(studio: &Studio, path: &str, token: &str) -> (u16, String, String, Vec<u8>) {
    let response = reqwest::Client::new()
        .get(format!("{}{path}", studio.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("the studio answers");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (status, kind, caching) = (
        response.status().as_u16(),
        header("content-type"),
        header("cache-control"),
    );
    let body = response.bytes().await.expect("the body").to_vec();
    (status, kind, caching, body)
}

/// A JPEG's width and height, from its first start-of-frame segment.
fn jpeg_size(jpeg: &[u8]) -> (u16, u16) {
    let mut at = 2;
    while at + 9 < jpeg.len() {
        let (marker, length) = (
            jpeg[at + 1],
            u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]),
        );
        if (0xC0..=0xC3).contains(&marker) {
            let height = u16::from_be_bytes([jpeg[at + 5], jpeg[at + 6]]);
            let width = u16::from_be_bytes([jpeg[at + 7], jpeg[at + 8]]);
            return (width, height);
        }
        at += 2 + usize::from(length);
    }
    panic!("no frame header");
}

/// Whether a JPEG carries an EXIF segment (where an orientation tag would be).
fn has_exif(jpeg: &[u8]) -> bool {
    jpeg.windows(6).any(|w| w == b"Exif\0\0")
}

#[tokio::test]
async fn the_owner_gets_upright_proxies_and_a_stranger_gets_404() {
    let studio = Studio::start(&[]);
    let dir = TempDir::new("preview");
    let (token, session) = studio.connected("preview-owner").await;
    let wide = upload(
        &studio,
        &token,
        &session,
        "wide.jpg",
        &picture(&dir.0, "wide.jpg", "4000x3000"),
    )
    .await;
    let plain = picture(&dir.0, "phone.jpg", "640x480");
    let phone = upload(
        &studio,
        &token,
        &session,
        "phone.jpg",
        &with_orientation(&plain, 6),
    )
    .await;

    let (status, kind, caching, body) =
        fetch(&studio, &format!("/api/preview/media/{wide}"), &token).await;
    assert_eq!((status, kind.as_str()), (200, "image/jpeg"));
    assert!(caching.starts_with("private, max-age="), "{caching}");
    assert_eq!(jpeg_size(&body), (1920, 1440));
    assert!(!has_exif(&body));
    let (status, _, _, body) = fetch(&studio, &format!("/api/preview/media/{phone}"), &token).await;
    assert_eq!(status, 200);
    assert_eq!(jpeg_size(&body), (480, 640), "stood upright, not enlarged");
    assert!(
        !has_exif(&body),
        "no orientation for a browser to apply again"
    );

    // Someone else's token, an unknown id: the same 404.
    let (stranger, _) = studio.connected("preview-stranger").await;
    let theirs = fetch(&studio, &format!("/api/preview/media/{wide}"), &stranger).await;
    let unknown = fetch(&studio, "/api/preview/media/med_nothing", &token).await;
    assert_eq!(theirs.0, 404);
    assert_eq!((theirs.0, theirs.3.clone()), (unknown.0, unknown.3));
    // No token at all: the token is refused, as everywhere.
    let bare = reqwest::get(format!("{}/api/preview/media/{wide}", studio.base))
        .await
        .expect("answer");
    assert_eq!(bare.status().as_u16(), 401);
}

#[tokio::test]
async fn a_heic_becomes_a_jpeg_and_a_corrupt_picture_is_refused_naming_it() {
    let studio = Studio::start(&[]);
    let dir = TempDir::new("preview-heic");
    let (token, session) = studio.connected("preview-heic").await;
    picture(&dir.0, "source.png", "2560x1440");
    let heic = dir.0.join("photo.heic");
    let encoded = Command::new("heif-enc")
        .args(["-q", "80", "-o"])
        .arg(&heic)
        .arg(dir.0.join("source.png"))
        .status()
        .expect("heif-enc runs");
    assert!(encoded.success());
    let heic = upload(
        &studio,
        &token,
        &session,
        "photo.heic",
        &std::fs::read(&heic).expect("heic"),
    )
    .await;
    let (status, kind, _, body) =
        fetch(&studio, &format!("/api/preview/media/{heic}"), &token).await;
    assert_eq!((status, kind.as_str()), (200, "image/jpeg"));
    assert_eq!(jpeg_size(&body), (1920, 1080));

    // Whole at upload, cut short on disk since.
    let beach = upload(
        &studio,
        &token,
        &session,
        "beach.jpg",
        &picture(&dir.0, "beach.jpg", "640x480"),
    )
    .await;
    let media_dir = studio.data_dir.join("media");
    let stored = std::fs::read_dir(&media_dir)
        .expect("the media dir")
        .map(|entry| entry.expect("entry").path())
        .find(|path| path.to_string_lossy().contains(&beach))
        .expect("the stored file");
    let bytes = std::fs::read(&stored).expect("stored");
    std::fs::write(&stored, &bytes[..700]).expect("cut");
    let reply = studio
        .get(&format!("/api/preview/media/{beach}"), Some(&token))
        .await;
    reply.assert_error(422, 422);
    let message = reply.json["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("'beach.jpg' cannot be previewed: "),
        "{message}"
    );
}

#[tokio::test]
async fn a_library_bed_is_audio_and_the_sdk_fetches_previews_with_its_token() {
    let studio = Studio::start(&[]);
    let dir = TempDir::new("preview-sdk");
    let (token, session) = studio.connected("preview-sdk").await;
    let (status, kind, _, body) = fetch(&studio, "/api/preview/library/lofi", &token).await;
    assert_eq!((status, kind.as_str()), (200, "audio/wav"));
    assert_eq!(&body[..4], b"RIFF");
    assert_eq!(
        fetch(&studio, "/api/preview/library/polka", &token).await.0,
        404
    );

    let wide = upload(
        &studio,
        &token,
        &session,
        "wide.png",
        &picture(&dir.0, "wide.png", "3000x1000"),
    )
    .await;
    // The SDK's own client, with the uploader's token configured.
    let mut config: Config = sdk::client(&studio.base, "0b7c1e1e-6d0e-4c5e-9f55-1f4c7a3c2d11")
        .config()
        .clone();
    config.token = Some(Token::new(token.clone()));
    let transport = sdk::ReqwestTransport(reqwest::Client::new());
    let client = i2v_core::client::Client::new(transport, sdk::TokioClock, config);
    let preview = client.preview_media(&wide).await.expect("a preview");
    assert_eq!(preview.content_type, "image/jpeg");
    assert_eq!(jpeg_size(&preview.bytes), (1920, 640));
    let bed = client.preview_media("library:calm").await.expect("a bed");
    assert_eq!(bed.content_type, "audio/wav");
    let err = client
        .preview_media("med_someone_elses")
        .await
        .expect_err("none");
    assert_eq!(
        err,
        Error::NoPreview {
            src: "med_someone_elses".into()
        }
    );
}
