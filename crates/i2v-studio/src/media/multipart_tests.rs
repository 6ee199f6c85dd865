//! The shape the upload endpoint will have: axum multipart `files` parts streamed straight into
//! [`save_stream`], one answer entry per part, the first refusal answered with its code.

use std::net::Ipv4Addr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::header;
use serde_json::{Value, json};

use super::image::tests::png_header;
use super::test_support::{TestDir, padded_jpeg, picture};
use super::{MediaError, save_stream};

const BOUNDARY: &str = "i2v-test-boundary";
/// Small enough that one test part passes it.
const LIMIT: u64 = 4 * 1024 * 1024;

async fn upload(State(dir): State<Arc<PathBuf>>, mut multipart: Multipart) -> axum::Json<Value> {
    let mut files = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => {
                return axum::Json(refusal(&MediaError::Interrupted {
                    reason: e.to_string(),
                }));
            }
        };
        let name = field.file_name().unwrap_or("upload").to_owned();
        match save_stream(&dir, &name, field, LIMIT).await {
            Ok(saved) => files.push(saved.to_json()),
            // The rest of the body is not read: the refusal goes out at once.
            Err(error) => return axum::Json(refusal(&error)),
        }
    }
    axum::Json(json!({"code": 0, "data": {"files": files}}))
}

fn refusal(error: &MediaError) -> Value {
    json!({"code": error.code(), "message": error.to_string(), "data": null})
}

fn multipart_body(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, bytes) in parts {
        let head = format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        );
        body.extend_from_slice(head.as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn post(parts: &[(&str, &[u8])], dir: &TestDir) -> Value {
    let app = axum::Router::new()
        .route("/upload", axum::routing::post(upload))
        // axum's default 2 MB body limit would cut uploads short of the 200 MB the protocol allows.
        .layer(DefaultBodyLimit::disable())
        .with_state(Arc::new(dir.path.clone()));
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let response = reqwest::Client::new()
        .post(format!("http://{addr}/upload"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart_body(parts))
        .send()
        .await
        .unwrap();
    let answer = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    server.abort();
    answer
}

#[tokio::test]
async fn multipart_parts_stream_into_the_media_directory() {
    let dir = TestDir::new("multipart");
    let big = padded_jpeg(&picture("jpg", 1920, 1080), 3 * 1024 * 1024);
    let gif = picture("gif", 2, 3);
    let answer = post(
        &[("big.jpg", &big), ("C:\\fakepath\\small.gif", &gif)],
        &dir,
    )
    .await;
    assert_eq!(answer["code"], 0, "{answer}");
    let files = answer["data"]["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["name"], "big.jpg");
    assert_eq!(
        (files[0]["size"].as_u64(), files[0]["width"].as_u64()),
        (Some(3 * 1024 * 1024), Some(1920))
    );
    assert_eq!(
        (files[1]["name"].as_str(), files[1]["mime"].as_str()),
        (Some("small.gif"), Some("image/gif"))
    );
    assert_eq!(dir.files().len(), 2);
}

#[tokio::test]
async fn multipart_refusals_carry_their_codes() {
    let dir = TestDir::new("multipart-refused");
    let answer = post(
        &[(
            "virus.jpg",
            b"MZ\x90\x00 this is a program, not a picture, honest",
        )],
        &dir,
    )
    .await;
    assert_eq!(answer["code"], 4001, "{answer}");
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("accepted formats: mp4, mov")
    );
    let mut huge = png_header(10, 10);
    huge.resize(5 * 1024 * 1024, 0);
    let answer = post(&[("huge.png", &huge)], &dir).await;
    assert_eq!(answer["code"], 4002, "{answer}");
    let png = picture("png", 64, 48);
    let answer = post(&[("beach.png", &png[..png.len() / 2])], &dir).await;
    assert_eq!(answer["code"], 4001, "{answer}");
    assert_eq!(
        answer["message"],
        "beach.png is damaged: the image data ends early"
    );
    assert!(dir.files().is_empty() && dir.temp_files().is_empty());
}
