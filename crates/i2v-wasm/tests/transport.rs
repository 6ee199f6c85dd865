//! The fetch transport in a real browser: bodies, headers, uploads, errors and aborts on drop.
// Browser tests: on the host there is nothing to test (the crate is empty there).
#![cfg(target_arch = "wasm32")]

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use i2v_core::client::multipart::{FilePart, MultipartForm, UploadSource};
use i2v_core::client::{Body, Headers, Method, Request, Response, Transport};
use i2v_wasm::FetchTransport;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/support.js")]
extern "C" {
    #[wasm_bindgen(js_name = restoreGlobals)]
    fn restore_globals();
    #[wasm_bindgen(js_name = spyFetch)]
    fn spy_fetch();
    #[wasm_bindgen(js_name = hangingFetch)]
    fn hanging_fetch();
    #[wasm_bindgen(js_name = endlessBodyFetch)]
    fn endless_body_fetch();
    #[wasm_bindgen(js_name = echoFetch)]
    fn echo_fetch();
    #[wasm_bindgen(js_name = signalCount)]
    fn signal_count() -> u32;
    #[wasm_bindgen(js_name = signalAborted)]
    fn signal_aborted(index: u32) -> bool;
    #[wasm_bindgen(js_name = textBlob)]
    fn text_blob(text: &str, mime: &str) -> web_sys::Blob;
    #[wasm_bindgen(js_name = patternBlobUrl)]
    fn pattern_blob_url(size: u32) -> String;
}

/// Puts the real globals back when a test ends, also when it fails.
struct Globals;

impl Drop for Globals {
    fn drop(&mut self) {
        restore_globals();
    }
}

fn get(url: &str) -> Request {
    Request {
        method: Method::Get,
        url: url.into(),
        headers: Headers::new(),
        body: Body::Empty,
    }
}

fn poll_once<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
    Pin::new(future).poll(&mut Context::from_waker(Waker::noop()))
}

async fn read_all(response: &mut Response) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(chunk) = response.body.next_chunk().await {
        out.extend(chunk.expect("the body reads"));
    }
    out
}

#[wasm_bindgen_test]
async fn reads_status_headers_and_body_of_a_data_url() {
    let mut response = FetchTransport
        .send(get("data:application/json,%7B%22a%22%3A1%7D"))
        .await
        .expect("a data: URL answers");
    assert_eq!(response.status, 200);
    assert_eq!(
        response.headers.get("Content-Type"),
        Some("application/json")
    );
    assert_eq!(read_all(&mut response).await, br#"{"a":1}"#);
    assert!(
        response.body.next_chunk().await.is_none(),
        "an ended body stays ended"
    );
}

#[wasm_bindgen_test]
async fn a_large_body_arrives_whole_and_in_order_across_dropped_reads() {
    let size = 3 * 1024 * 1024 + 17;
    let mut response = FetchTransport
        .send(get(&pattern_blob_url(size)))
        .await
        .expect("a blob: URL answers");
    let mut out = Vec::new();
    let mut reads = 0;
    loop {
        // Start every other read and drop it unfinished, as the core's timer races do: the
        // next read must pick it up without losing its chunk.
        if reads % 2 == 0 {
            let mut read = response.body.next_chunk();
            if let Poll::Ready(chunk) = poll_once(&mut read) {
                match chunk {
                    Some(chunk) => out.extend(chunk.expect("the body reads")),
                    None => break,
                }
            }
        }
        reads += 1;
        match response.body.next_chunk().await {
            Some(chunk) => out.extend(chunk.expect("the body reads")),
            None => break,
        }
    }
    assert!(reads > 2, "the body came in several chunks ({reads} reads)");
    assert_eq!(out.len(), size as usize);
    assert!(out.iter().enumerate().all(|(i, &b)| b as usize == i % 251));
}

#[wasm_bindgen_test]
async fn dropping_the_send_future_aborts_the_fetch() {
    let _globals = Globals;
    hanging_fetch();
    let mut send = FetchTransport.send(get("http://hang.invalid/"));
    assert!(poll_once(&mut send).is_pending());
    assert_eq!(signal_count(), 1, "the fetch started");
    assert!(!signal_aborted(0));
    drop(send);
    assert!(
        signal_aborted(0),
        "dropping the send future aborted the fetch"
    );
}

#[wasm_bindgen_test]
async fn dropping_the_body_aborts_the_fetch_also_with_a_read_in_flight() {
    let _globals = Globals;
    endless_body_fetch();
    let mut response = FetchTransport
        .send(get("http://endless.invalid/"))
        .await
        .expect("the fake answers");
    let first = response.body.next_chunk().await;
    assert_eq!(first.map(|c| c.expect("a chunk")), Some(vec![1, 2, 3]));
    let mut read = response.body.next_chunk();
    assert!(
        poll_once(&mut read).is_pending(),
        "no second chunk ever comes"
    );
    drop(read);
    assert!(!signal_aborted(0), "a dropped read alone does not abort");
    drop(response);
    assert!(signal_aborted(0), "dropping the body aborted the fetch");
}

#[wasm_bindgen_test]
async fn a_finished_request_leaves_nothing_running() {
    let _globals = Globals;
    spy_fetch();
    let mut response = FetchTransport
        .send(get("data:text/plain,done"))
        .await
        .expect("a data: URL answers");
    assert_eq!(read_all(&mut response).await, b"done");
    assert!(
        !signal_aborted(0),
        "a fetch is not aborted while its body is held"
    );
    drop(response);
    assert!(
        signal_aborted(0),
        "the guard fires on drop, harmlessly after the end"
    );
}

#[wasm_bindgen_test]
async fn uploads_blobs_and_bytes_as_form_data_with_the_core_types_and_names() {
    let _globals = Globals;
    echo_fetch();
    let part = |name: &str, mime: &str, size: u64, source| FilePart {
        field: "files".into(),
        file_name: name.into(),
        content_type: mime.into(),
        size,
        source,
    };
    let blob = text_blob("PNGDATA", "application/octet-stream");
    let form = MultipartForm::new(
        "core-boundary",
        vec![
            part(
                "a\"b.png",
                "image/png",
                7,
                UploadSource::External(Box::new(blob)),
            ),
            part(
                "c.jpg",
                "image/jpeg",
                4,
                UploadSource::Bytes(b"JPEG".to_vec()),
            ),
        ],
    );
    let mut headers = Headers::new();
    headers.push("Content-Type", form.content_type());
    headers.push("X-Skill-Source", "test");
    let request = Request {
        method: Method::Post,
        url: "http://echo.invalid/upload".into(),
        headers,
        body: Body::Multipart(form),
    };
    let mut response = FetchTransport
        .send(request)
        .await
        .expect("the echo answers");
    assert_eq!(response.status, 201);
    let content_type = response
        .headers
        .get("x-echo-content-type")
        .expect("echoed")
        .to_owned();
    assert!(content_type.starts_with("multipart/form-data; boundary="));
    assert!(
        !content_type.contains("core-boundary"),
        "fetch writes the boundary of its own encoding"
    );
    let body = String::from_utf8(read_all(&mut response).await).expect("text parts");
    assert!(body.contains("filename=\"a%22b.png\"\r\nContent-Type: image/png\r\n\r\nPNGDATA\r\n"));
    assert!(body.contains("filename=\"c.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nJPEG\r\n"));
    assert_eq!(body.matches("name=\"files\"").count(), 2);
}

#[wasm_bindgen_test]
async fn a_blob_of_another_size_than_declared_is_refused_before_sending() {
    let _globals = Globals;
    spy_fetch();
    let form = MultipartForm::new(
        "b",
        vec![FilePart {
            field: "files".into(),
            file_name: "x.png".into(),
            content_type: "image/png".into(),
            size: 99,
            source: UploadSource::External(Box::new(text_blob("short", ""))),
        }],
    );
    let request = Request {
        method: Method::Post,
        url: "http://never.invalid/".into(),
        headers: Headers::new(),
        body: Body::Multipart(form),
    };
    let err = FetchTransport
        .send(request)
        .await
        .expect_err("size mismatch");
    assert!(!err.maybe_sent);
    assert!(err.message.contains("x.png was 5 bytes long"), "{err}");
    assert_eq!(signal_count(), 0, "nothing was fetched");
}

#[wasm_bindgen_test]
async fn a_refused_header_value_fails_without_echoing_it() {
    let mut request = get("data:text/plain,x");
    request
        .headers
        .push("Authorization", "Bearer sec\nret-token");
    let err = FetchTransport.send(request).await.expect_err("refused");
    assert!(!err.maybe_sent);
    assert!(err.message.contains("Authorization"), "{err}");
    assert!(
        !err.message.contains("sec"),
        "the value stays secret: {err}"
    );
}

#[wasm_bindgen_test]
async fn a_network_failure_may_have_sent_the_request() {
    let err = FetchTransport
        .send(get("http://127.0.0.1:9/unreachable"))
        .await
        .expect_err("nothing listens on the discard port");
    assert!(
        err.maybe_sent,
        "fetch cannot tell whether the request went out"
    );
    assert!(err.message.starts_with("fetch failed"), "{err}");
}
