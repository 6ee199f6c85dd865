//! Tests of URL uploads against a small HTTP server on loopback.

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::stream;

use super::*;
use crate::media::Format;
use crate::media::test_support::{TestDir, ffmpeg};

/// Room for the test picture (about 2 kB), not for the big answers.
const LIMIT: u64 = 8000;
const TIMEOUT: Duration = Duration::from_secs(10);

/// A loopback server that answers the test routes and counts the requests it got; stopped when dropped.
struct Server {
    addr: SocketAddr,
    hits: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Server {
    async fn start() -> Server {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let hits = Arc::new(AtomicUsize::new(0));
        let counter = hits.clone();
        let app = axum::Router::new().fallback(move |uri: Uri| {
            counter.fetch_add(1, Ordering::SeqCst);
            async move { route(uri.path(), addr.port()) }
        });
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Server { addr, hits, task }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

fn redirect(to: String) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to)]).into_response()
}

/// A real, whole 640x480 PNG of one colour (2 kB), made once: fetched files are decoded like uploads.
fn photo() -> Vec<u8> {
    static PHOTO: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let make = || {
        let scratch = TestDir::new("fetch-photo");
        let input = ["-f", "lavfi", "-i", "color=c=teal:s=640x480"];
        ffmpeg(&scratch, "photo.png", &input, &["-frames:v", "1"])
    };
    PHOTO.get_or_init(make).clone()
}

fn route(path: &str, port: u16) -> Response {
    let png = photo();
    match path {
        "/photo.png" | "/files/holiday%20photo.png" => png.into_response(),
        "/hop" => redirect("/photo.png".into()),
        "/loop" => redirect("/loop".into()),
        "/to-ftp" => redirect("ftp://example.com/photo.png".into()),
        "/to-other" => redirect(format!("http://127.0.0.2:{port}/photo.png")),
        "/no-location" => StatusCode::FOUND.into_response(),
        "/declared-big" => {
            let mut body = png;
            body.resize(LIMIT as usize * 2, 0);
            body.into_response()
        }
        "/streamed-big" => {
            let mut chunks = vec![Ok::<_, Infallible>(Bytes::from(png))];
            chunks.extend((0..40).map(|_| Ok(Bytes::from(vec![0; 500]))));
            Body::from_stream(stream::iter(chunks)).into_response()
        }
        "/slow" => {
            let head = stream::iter([Ok::<_, Infallible>(Bytes::from(png))]);
            Body::from_stream(futures_util::StreamExt::chain(head, stream::pending()))
                .into_response()
        }
        "/text" => "hello, world".into_response(),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn fetch(url: &str, dir: &TestDir) -> Result<Saved, MediaError> {
    fetch_url(url, &dir.path, LIMIT, TIMEOUT, true).await
}

#[tokio::test]
async fn fetches_a_file_and_names_it_after_the_url() {
    let (server, dir) = (Server::start().await, TestDir::new("fetch"));
    let saved = fetch(&server.url("/photo.png"), &dir).await.unwrap();
    assert_eq!(
        (saved.format, saved.width, saved.height),
        (Format::PNG, Some(640), Some(480))
    );
    assert_eq!(saved.original_name, "photo.png");
    assert_eq!(
        std::fs::read(dir.path.join(&saved.file_name)).unwrap(),
        photo()
    );
    let saved = fetch(&server.url("/files/holiday%20photo.png?size=big"), &dir)
        .await
        .unwrap();
    assert_eq!(saved.original_name, "holiday photo.png");
    assert!(dir.temp_files().is_empty());
}

#[tokio::test]
async fn follows_up_to_five_redirects() {
    let (server, dir) = (Server::start().await, TestDir::new("redirects"));
    let saved = fetch(&server.url("/hop"), &dir).await.unwrap();
    assert_eq!(saved.original_name, "photo.png");
    assert_eq!(server.hits(), 2);
    let error = fetch(&server.url("/loop"), &dir).await.unwrap_err();
    assert_eq!(
        error,
        MediaError::Fetch {
            reason: "more than 5 redirects".into()
        }
    );
    assert_eq!(server.hits(), 2 + 6);
    let error = fetch(&server.url("/no-location"), &dir).await.unwrap_err();
    assert_eq!(
        error,
        MediaError::Fetch {
            reason: "the server answered 302 Found with no location".into()
        }
    );
}

#[tokio::test]
async fn every_hop_is_checked() {
    let (server, dir) = (Server::start().await, TestDir::new("hops"));
    let error = fetch(&server.url("/to-ftp"), &dir).await.unwrap_err();
    assert_eq!(error.code(), 4004);
    assert!(error.to_string().contains("only http and https"), "{error}");
    // Only this server's own address is allowed: a redirect elsewhere on loopback is refused before connecting.
    let only_this: AddressPolicy = |ip| ip == IpAddr::V4(Ipv4Addr::LOCALHOST);
    let before = server.hits();
    let error = fetch_with_policy(
        &server.url("/to-other"),
        &dir.path,
        LIMIT,
        TIMEOUT,
        only_this,
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        MediaError::Forbidden {
            reason: "127.0.0.2 is a private, loopback or reserved address".into()
        }
    );
    assert_eq!(server.hits(), before + 1);
}

#[tokio::test]
async fn private_and_loopback_hosts_are_refused_unless_allowed() {
    let (server, dir) = (Server::start().await, TestDir::new("private"));
    let port = server.addr.port();
    for url in [
        format!("http://127.0.0.1:{port}/photo.png"),
        format!("http://localhost:{port}/photo.png"),
        format!("http://[::1]:{port}/photo.png"),
        format!("http://[::ffff:127.0.0.1]:{port}/photo.png"),
        format!("http://2130706433:{port}/photo.png"),
    ] {
        let error = fetch_url(&url, &dir.path, LIMIT, TIMEOUT, false)
            .await
            .unwrap_err();
        assert_eq!(error.code(), 4004, "{url}: {error}");
        assert!(
            error.to_string().contains("private, loopback or reserved"),
            "{url}: {error}"
        );
    }
    assert_eq!(server.hits(), 0);
    assert!(
        fetch_url(&server.url("/photo.png"), &dir.path, LIMIT, TIMEOUT, true)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn the_size_limit_holds_declared_or_not() {
    let (server, dir) = (Server::start().await, TestDir::new("fetch-limit"));
    let error = fetch(&server.url("/declared-big"), &dir).await.unwrap_err();
    assert_eq!(error, MediaError::TooLarge { limit: LIMIT });
    let error = fetch(&server.url("/streamed-big"), &dir).await.unwrap_err();
    assert_eq!(error, MediaError::TooLarge { limit: LIMIT });
    assert!(dir.files().is_empty() && dir.temp_files().is_empty());
}

#[tokio::test]
async fn a_slow_server_runs_into_the_time_limit() {
    let (server, dir) = (Server::start().await, TestDir::new("fetch-slow"));
    let started = Instant::now();
    let error = fetch_url(
        &server.url("/slow"),
        &dir.path,
        LIMIT,
        Duration::from_millis(400),
        true,
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        MediaError::Fetch {
            reason: "no complete answer within 0.4 s".into()
        }
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(dir.files().is_empty() && dir.temp_files().is_empty());
}

#[tokio::test]
async fn content_and_status_are_judged_like_uploads() {
    let (server, dir) = (Server::start().await, TestDir::new("fetch-content"));
    let error = fetch(&server.url("/text"), &dir).await.unwrap_err();
    assert_eq!(
        error,
        MediaError::Unsupported {
            name: "text".into()
        }
    );
    let error = fetch(&server.url("/missing.png"), &dir).await.unwrap_err();
    assert_eq!(
        error,
        MediaError::Fetch {
            reason: "the server answered 404 Not Found".into()
        }
    );
}

#[tokio::test]
async fn bad_urls_are_refused_and_errors_never_show_the_url() {
    let dir = TestDir::new("fetch-bad");
    let error = fetch("not a url", &dir).await.unwrap_err();
    assert_eq!(error.code(), 4003);
    let error = fetch("file:///etc/passwd", &dir).await.unwrap_err();
    assert_eq!(error.code(), 4004);
    // A port nobody listens on: the connection fails, and the token in the query stays out of the message.
    let closed = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let error = fetch(
        &format!("http://127.0.0.1:{port}/a.png?token=nmv_usr_secret"),
        &dir,
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        MediaError::Fetch {
            reason: "could not connect to the server".into()
        }
    );
}

#[test]
fn percent_escapes_decode_when_they_make_text() {
    assert_eq!(percent_decoded("holiday%20photo.png"), "holiday photo.png");
    assert_eq!(percent_decoded("%E5%A4%8F.jpg"), "夏.jpg");
    assert_eq!(percent_decoded("100%"), "100%");
    assert_eq!(percent_decoded("%zz%4"), "%zz%4");
    assert_eq!(percent_decoded("%FF.jpg"), "%FF.jpg");
}
