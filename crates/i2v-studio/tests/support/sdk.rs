//! `i2v-core`'s transport and clock over reqwest and tokio, so tests can drive a real studio with
//! the SDK's own client: what the SDK cannot tell from the cloud, it must handle here.

use std::time::Duration;

use futures_util::StreamExt;
use i2v_core::client::multipart::UploadSource;
use i2v_core::client::{
    Body, BodyStream, BoxFuture, Clock, Config, Headers, Method, Request, Response, Transport,
    TransportError,
};

/// Sends requests with reqwest; uploads are streamed from the core's multipart encoder.
pub struct ReqwestTransport(pub reqwest::Client);

struct ReqwestBody(futures_util::stream::BoxStream<'static, reqwest::Result<bytes::Bytes>>);

impl BodyStream for ReqwestBody {
    fn next_chunk(&mut self) -> BoxFuture<'_, Option<Result<Vec<u8>, TransportError>>> {
        Box::pin(async move {
            self.0.next().await.map(|chunk| {
                chunk
                    .map(|b| b.to_vec())
                    .map_err(|err| TransportError::maybe_sent(err.to_string()))
            })
        })
    }
}

/// The core's multipart stream as a body reqwest can send, one chunk at a time.
fn multipart_body(
    form: i2v_core::client::multipart::MultipartForm,
) -> Result<reqwest::Body, TransportError> {
    let stream = form.into_stream()?;
    let chunks = futures_util::stream::unfold(stream, |mut stream| async move {
        let chunk = stream.next_chunk().await?;
        let chunk = chunk
            .map(bytes::Bytes::from)
            .map_err(|err| std::io::Error::other(err.message));
        Some((chunk, stream))
    });
    Ok(reqwest::Body::wrap_stream(chunks))
}

impl Transport for ReqwestTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        Box::pin(async move {
            let method = match request.method {
                Method::Get => reqwest::Method::GET,
                Method::Post => reqwest::Method::POST,
            };
            let mut builder = self.0.request(method, &request.url);
            for (name, value) in request.headers.iter() {
                builder = builder.header(name, value);
            }
            builder = match request.body {
                Body::Empty => builder,
                Body::Bytes(bytes) => builder.body(bytes),
                Body::Multipart(form) => {
                    let length = form.content_length();
                    if form
                        .parts()
                        .iter()
                        .any(|p| matches!(p.source, UploadSource::External(_)))
                    {
                        return Err(TransportError::not_sent(
                            "external sources are not readable here",
                        ));
                    }
                    builder
                        .header("content-length", length.to_string())
                        .body(multipart_body(form)?)
                }
            };
            let response = builder.send().await.map_err(|err| {
                if err.is_connect() {
                    TransportError::not_sent(err.to_string())
                } else {
                    TransportError::maybe_sent(err.to_string())
                }
            })?;
            let status = response.status().as_u16();
            let headers: Headers = response
                .headers()
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_owned(),
                        v.to_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect();
            Ok(Response {
                status,
                headers,
                body: Box::new(ReqwestBody(response.bytes_stream().boxed())),
            })
        })
    }
}

/// Real time on tokio.
pub struct TokioClock;

impl Clock for TokioClock {
    fn now_ms(&self) -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A client of the SDK aimed at `base`, with short waits for tests.
pub fn client(
    base: &str,
    client_id: &str,
) -> i2v_core::client::Client<ReqwestTransport, TokioClock> {
    let mut config = Config {
        api_url: base.to_owned(),
        web_url: base.to_owned(),
        client_id: Some(client_id.to_owned()),
        seed: 7,
        ..Config::default()
    };
    config.timing.export_poll_interval = Duration::from_millis(200);
    config.timing.export_max_polls = 300;
    config.timing.disconnect_first_wait = Duration::from_millis(200);
    config.timing.disconnect_next_wait = Duration::from_millis(200);
    i2v_core::client::Client::new(ReqwestTransport(reqwest::Client::new()), TokioClock, config)
}
