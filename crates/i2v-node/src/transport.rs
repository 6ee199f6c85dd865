//! The core's [`Transport`] over reqwest on the addon's tokio runtime.
//!
//! It only moves bytes: request bodies are streamed from the core's multipart encoder one chunk
//! at a time (a 200 MB upload never sits in memory), response bodies are handed to the core
//! chunk by chunk as they arrive. Cancellation is by drop, as the trait asks: dropping the send
//! future or the response body drops reqwest's, which closes the connection.

use std::error::Error as _;
use std::time::Duration;

use i2v_core::client::multipart::MultipartForm;
use i2v_core::client::{
    Body, BodyStream, BoxFuture, Headers, Method, Request, Response, Transport, TransportError,
};

/// How long to wait for a TCP (and TLS) connection before calling the host unreachable. The
/// core owns every other wait; without this a black-holed host would hang for the operating
/// system's own minutes-long limit before the core could retry.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// Sends the core's requests with reqwest (rustls for `https://`, HTTP/2 where offered).
#[derive(Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
}

impl HttpTransport {
    /// A transport with its own connection pool.
    pub fn new() -> Result<HttpTransport, TransportError> {
        let client = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .build()
            .map_err(|err| TransportError::not_sent(describe(&err)))?;
        Ok(HttpTransport { client })
    }

    async fn send_request(&self, request: Request) -> Result<Response, TransportError> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let mut builder = self.client.request(method, &request.url);
        for (name, value) in request.headers.iter() {
            builder = builder.header(name, value);
        }
        builder = match request.body {
            Body::Empty => builder,
            Body::Bytes(bytes) => builder.body(bytes),
            // The core names the content type; the exact length spares the server a chunked body.
            Body::Multipart(form) => builder
                .header("content-length", form.content_length().to_string())
                .body(streamed(form)?),
        };
        let response = builder.send().await.map_err(|err| {
            // A refused or unresolvable connection never carried a byte, so a re-send is safe.
            if err.is_connect() {
                TransportError::not_sent(describe(&err))
            } else {
                TransportError::maybe_sent(describe(&err))
            }
        })?;
        let status = response.status().as_u16();
        let headers: Headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        Ok(Response {
            status,
            headers,
            body: Box::new(ResponseBody(response)),
        })
    }
}

impl Transport for HttpTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        Box::pin(self.send_request(request))
    }
}

/// A response body read chunk by chunk.
///
/// Cancel-safe: `Response::chunk` takes a frame out of the connection only when it is ready, so
/// a read dropped half-way (the core races reads against its heartbeat timers) loses nothing.
struct ResponseBody(reqwest::Response);

impl BodyStream for ResponseBody {
    fn next_chunk(&mut self) -> BoxFuture<'_, Option<Result<Vec<u8>, TransportError>>> {
        Box::pin(async move {
            match self.0.chunk().await {
                // `Vec::from` takes a uniquely owned buffer over without copying it.
                Ok(Some(bytes)) => Some(Ok(Vec::from(bytes))),
                Ok(None) => None,
                Err(err) => Some(Err(TransportError::maybe_sent(describe(&err)))),
            }
        })
    }
}

/// The core's multipart encoding as a body reqwest pulls from, one chunk at a time.
fn streamed(form: MultipartForm) -> Result<reqwest::Body, TransportError> {
    let stream = form.into_stream()?;
    let chunks = futures_util::stream::unfold(stream, |mut stream| async move {
        let chunk = stream
            .next_chunk()
            .await?
            .map(bytes::Bytes::from)
            .map_err(|err| std::io::Error::other(err.message));
        Some((chunk, stream))
    });
    Ok(reqwest::Body::wrap_stream(chunks))
}

/// A reqwest error in words, without its URL: what kind of step failed and the innermost cause
/// (`connection refused`, `invalid peer certificate`…), which is what a person can act on.
fn describe(err: &reqwest::Error) -> String {
    let step = if err.is_connect() {
        "could not connect"
    } else if err.is_timeout() {
        "timed out"
    } else if err.is_body() || err.is_decode() {
        "the response body broke off"
    } else if err.is_request() {
        "the request failed"
    } else {
        "HTTP error"
    };
    let mut cause: Option<&dyn std::error::Error> = err.source();
    let mut innermost = None;
    while let Some(current) = cause {
        innermost = Some(current);
        cause = current.source();
    }
    match innermost {
        Some(inner) => format!("{step}: {inner}"),
        None => step.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use i2v_core::client::multipart::{FilePart, UploadSource};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a test runtime")
    }

    /// A one-shot HTTP server: reads the request head (and `body_len` bytes after it), answers
    /// with `reply`, and hands back what it read.
    async fn serve_once(reply: &'static [u8]) -> (String, tokio::task::JoinHandle<Vec<u8>>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let task = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.expect("accept");
            let mut seen = Vec::new();
            let mut buf = [0u8; 4096];
            loop {
                let n = socket.read(&mut buf).await.expect("read");
                seen.extend_from_slice(&buf[..n]);
                if n == 0 || request_complete(&seen) {
                    break;
                }
            }
            socket.write_all(reply).await.expect("write");
            socket.shutdown().await.ok();
            seen
        });
        (url, task)
    }

    /// Whether `seen` holds a whole request: its head and as many bytes as `content-length`.
    fn request_complete(seen: &[u8]) -> bool {
        let text = String::from_utf8_lossy(seen);
        let Some(head_end) = text.find("\r\n\r\n") else {
            return false;
        };
        let length = text[..head_end]
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().ok())?
            })
            .unwrap_or(0);
        seen.len() >= head_end + 4 + length
    }

    #[test]
    fn streams_a_response_in_chunks_and_keeps_headers() {
        runtime().block_on(async {
            let (url, server) = serve_once(
                b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n5\r\ndata:\r\n3\r\n 1\n\r\n1\r\n\n\r\n0\r\n\r\n",
            )
            .await;
            let transport = HttpTransport::new().expect("transport");
            let mut headers = Headers::new();
            headers.push("Authorization", "Bearer t0ken");
            let mut response = transport
                .send(Request {
                    method: Method::Get,
                    url: format!("{url}/run_sse"),
                    headers,
                    body: Body::Empty,
                })
                .await
                .expect("response");
            assert_eq!(response.status, 200);
            assert_eq!(
                response.headers.get("Content-Type"),
                Some("text/event-stream")
            );
            let mut body = Vec::new();
            while let Some(chunk) = response.body.next_chunk().await {
                body.extend(chunk.expect("chunk"));
            }
            assert_eq!(body, b"data: 1\n\n");
            let request = String::from_utf8(server.await.expect("server")).expect("utf-8");
            assert!(request.starts_with("GET /run_sse HTTP/1.1\r\n"), "{request}");
            assert!(request.contains("authorization: Bearer t0ken\r\n"), "{request}");
        });
    }

    #[test]
    fn streams_a_multipart_body_with_its_exact_length() {
        runtime().block_on(async {
            let (url, server) = serve_once(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}").await;
            let form = MultipartForm::new(
                "BOUNDARY",
                vec![FilePart {
                    field: "files".into(),
                    file_name: "a.png".into(),
                    content_type: "image/png".into(),
                    size: 3,
                    source: UploadSource::Bytes(b"abc".to_vec()),
                }],
            );
            let length = form.content_length();
            let mut headers = Headers::new();
            headers.push("Content-Type", form.content_type());
            let response = HttpTransport::new()
                .expect("transport")
                .send(Request {
                    method: Method::Post,
                    url: format!("{url}/upload"),
                    headers,
                    body: Body::Multipart(form),
                })
                .await
                .expect("response");
            assert_eq!(response.status, 200);
            let request = String::from_utf8(server.await.expect("server")).expect("utf-8");
            assert!(
                request.contains(&format!("content-length: {length}\r\n")),
                "{request}"
            );
            assert!(request.contains("multipart/form-data; boundary=BOUNDARY"));
            assert!(request.ends_with("abc\r\n--BOUNDARY--\r\n"), "{request}");
        });
    }

    #[test]
    fn a_refused_connection_was_not_sent_and_names_no_url() {
        runtime().block_on(async {
            // Bind then drop, so the port is (almost certainly) closed.
            let port = TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind")
                .local_addr()
                .expect("address")
                .port();
            let err = HttpTransport::new()
                .expect("transport")
                .send(Request {
                    method: Method::Get,
                    url: format!("http://127.0.0.1:{port}/secret-path"),
                    headers: Headers::new(),
                    body: Body::Empty,
                })
                .await
                .expect_err("refused");
            assert!(!err.maybe_sent);
            assert!(err.message.starts_with("could not connect"), "{err}");
            assert!(!err.message.contains("secret-path"), "{err}");
        });
    }
}
