//! Uploads: checks before sending, the multipart request, progress, and no re-send.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::sync::{Arc, Mutex};

use serde_json::json;

use super::*;
use crate::Error;
use crate::client::multipart::UploadSource;
use crate::client::testing::ChunkedSource;
use crate::client::{Notice, UploadFile, UploadProgress};
use crate::media::MAX_UPLOAD_BYTES;

fn stored(name: &str, size: u64) -> serde_json::Value {
    json!({"media_id": format!("med_{name}"), "name": name, "type": "image", "mime": "image/png",
           "size": size, "width": 4032, "height": 3024})
}

fn bytes_file(name: &str, bytes: &[u8]) -> UploadFile {
    UploadFile {
        name: name.into(),
        size: bytes.len() as u64,
        source: UploadSource::Bytes(bytes.to_vec()),
    }
}

#[test]
fn files_go_as_one_multipart_request() {
    let rig = Rig::new();
    rig.script_connect("sess_u");
    rig.net.expect(
        Method::Post,
        "/api/upload-video/nemo_agent/me/sess_u",
        Reply::ok(json!({"files": [stored("a.png", 4), stored("b.JPG", 3)]})),
    );
    let files = vec![
        bytes_file("a.png", b"\x89PNG"),
        UploadFile {
            name: "b.JPG".into(),
            size: 3,
            source: UploadSource::Stream(Box::new(ChunkedSource::new(3, 2))),
        },
    ];
    let media = rig.run(rig.client.upload(files, None)).unwrap();
    assert_eq!(media.len(), 2);
    assert_eq!(media[0].media_id, "med_a.png");
    assert_eq!(media[0].width, Some(4032));
    let sent = rig.net.sent().pop().unwrap();
    let content_type = sent.headers.get("Content-Type").unwrap().to_owned();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap();
    let body = String::from_utf8_lossy(&sent.body);
    assert!(body.starts_with(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"
    )));
    assert!(body.contains("filename=\"b.JPG\"\r\nContent-Type: image/jpeg\r\n\r\nxxx\r\n"));
    assert!(body.ends_with(&format!("--{boundary}--\r\n")));
}

#[test]
fn a_wrong_type_or_size_fails_before_a_byte_is_sent() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.run(rig.client.connect()).unwrap();
    let before = rig.net.sent().len();
    let err = rig
        .run(rig.client.upload(
            vec![bytes_file("ok.png", b"1"), bytes_file("setup.exe", b"MZ")],
            None,
        ))
        .unwrap_err();
    assert_eq!(
        err,
        Error::UnsupportedFileType {
            name: Some("setup.exe".into())
        }
    );
    assert!(err.accepted_formats().unwrap().contains(&"heic"));
    let huge = UploadFile {
        name: "movie.mp4".into(),
        size: 300 * 1024 * 1024,
        source: UploadSource::Stream(Box::new(ChunkedSource::new(0, 1))),
    };
    let err = rig.run(rig.client.upload(vec![huge], None)).unwrap_err();
    assert_eq!(err.max_bytes(), Some(MAX_UPLOAD_BYTES));
    assert_eq!(err.code(), Some(4002));
    let no_extension = rig.run(rig.client.upload(vec![bytes_file("README", b"x")], None));
    assert_eq!(no_extension.unwrap_err().code(), Some(4001));
    assert_eq!(rig.net.sent().len(), before);
}

#[test]
fn progress_counts_every_byte_handed_to_the_transport() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.net.expect(
        Method::Post,
        "/api/upload-video/",
        Reply::ok(json!({"files": [stored("v.mp4", 10)]})),
    );
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = {
        let seen = seen.clone();
        Box::new(move |p: UploadProgress| seen.lock().unwrap().push(p))
    };
    let file = UploadFile {
        name: "v.mp4".into(),
        size: 10,
        source: UploadSource::Stream(Box::new(ChunkedSource::new(10, 4))),
    };
    rig.run(rig.client.upload(vec![file], Some(sink))).unwrap();
    let seen = seen.lock().unwrap();
    let sent: Vec<u64> = seen.iter().map(|p| p.sent).collect();
    assert_eq!(sent, vec![4, 8, 10]);
    assert!(seen.iter().all(|p| p.total == 10));
}

#[test]
fn handles_only_the_transport_reads_count_as_sent_once_stored() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.net.expect(
        Method::Post,
        "/api/upload-video/",
        Reply::ok(json!({"files": [stored("a.png", 10)]})),
    );
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = {
        let seen = seen.clone();
        Box::new(move |p: UploadProgress| seen.lock().unwrap().push(p))
    };
    let file = UploadFile {
        name: "a.png".into(),
        size: 10,
        source: UploadSource::External(Box::new(())),
    };
    rig.run(rig.client.upload(vec![file], Some(sink))).unwrap();
    let sent: Vec<u64> = seen.lock().unwrap().iter().map(|p| p.sent).collect();
    assert_eq!(sent, vec![0, 10]);
}

#[test]
fn an_expired_session_is_renewed_but_the_upload_is_not_resent() {
    let rig = Rig::new();
    rig.script_connect("old");
    rig.net
        .expect(
            Method::Post,
            "/api/upload-video/nemo_agent/me/old",
            Reply::code(404, 1002, ""),
        )
        .expect(
            Method::Post,
            "/api/tasks/me/with-session",
            session_reply("new"),
        );
    let err = rig
        .run(rig.client.upload(vec![bytes_file("a.png", b"x")], None))
        .unwrap_err();
    assert_eq!(err, Error::SessionNotFound);
    assert_eq!(rig.net.unused(), 0);
    assert!(matches!(
        rig.client.take_notices().as_slice(),
        [Notice::SessionReplaced { .. }]
    ));
    assert_eq!(rig.client.session().unwrap().session_id, "new");
}

#[test]
fn urls_are_sent_as_json() {
    let rig = Rig::new();
    rig.script_connect("s");
    rig.net.expect(
        Method::Post,
        "/api/upload-video/nemo_agent/me/s",
        Reply::ok(json!({"files": [stored("x.jpg", 9)]})),
    );
    let urls = vec!["https://example.com/x.jpg".to_owned()];
    rig.run(rig.client.upload_urls(&urls)).unwrap();
    let sent = rig.net.sent().pop().unwrap();
    assert_eq!(
        sent.json(),
        json!({"urls": ["https://example.com/x.jpg"], "source_type": "url"})
    );
    let bad = rig.run(rig.client.upload_urls(&["file:///etc/passwd".to_owned()]));
    assert_eq!(bad.unwrap_err().kind(), crate::ErrorKind::InvalidInput);
}
