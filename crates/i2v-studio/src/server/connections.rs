//! Serving connections: HTTP/1.1, each with a header-read timeout, at most so many at once.
//!
//! `axum::serve` waits for a request's head for ever and takes every connection offered: an
//! attack run left 1,100 half-open connections open, and about 20,000 used up the process's
//! file descriptors. Here a connection must send a whole request head within the timeout (which
//! is also how long a kept-alive connection may sit idle between requests), and past the cap the
//! studio stops accepting until a connection closes, leaving the rest in the system's backlog.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

use super::api_answers::MAX_HEADERS;

/// How long and how many: the limits every connection is served under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Connections open at once; more wait in the system's backlog.
    pub max_connections: usize,
    /// The longest a connection may take to send a request's head, or sit idle between two.
    pub header_read_timeout: Duration,
}

impl Default for ConnectionLimits {
    /// 512 connections (a page holds a handful; the SDK one per call), 15 s for a head (a
    /// person's browser sends one at once; only a stalled or hostile client takes longer).
    fn default() -> ConnectionLimits {
        ConnectionLimits {
            max_connections: 512,
            header_read_timeout: Duration::from_secs(15),
        }
    }
}

/// Serves `app` on `listener` under `limits` until `shutdown` is cancelled, then lets the open
/// connections finish their requests and returns once they have.
pub(super) async fn serve_connections(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: CancellationToken,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    loop {
        let accepted = tokio::select! {
            accepted = accept_within(&listener, &permits) => accepted,
            () = shutdown.cancelled() => break,
        };
        let (stream, peer, permit) = accepted;
        let service = app
            .clone()
            .map_request(move |mut request: Request<Incoming>| {
                // What `into_make_service_with_connect_info` would give the handlers.
                request.extensions_mut().insert(ConnectInfo(peer));
                request.map(Body::new)
            });
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_read_timeout)
            // Past the studio's own limit, so that too many headers are refused in the
            // envelope (`api_answers`) rather than by hyper with an empty body.
            .max_headers(MAX_HEADERS * 2)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(%err, %peer, "a connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// The next connection, once fewer than the cap are open; it holds its permit until it closes.
async fn accept_within(
    listener: &TcpListener,
    permits: &Arc<Semaphore>,
) -> (TcpStream, SocketAddr, tokio::sync::OwnedSemaphorePermit) {
    // The semaphore is never closed, so acquiring only waits.
    let permit = loop {
        if let Ok(permit) = permits.clone().acquire_owned().await {
            break permit;
        }
    };
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => return (stream, peer, permit),
            // Out of descriptors or memory: accepting again at once would spin; wait a little,
            // as axum::serve does.
            Err(err) => {
                tracing::warn!(%err, "could not accept a connection");
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    async fn serving(limits: ConnectionLimits) -> (SocketAddr, CancellationToken) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Router::new().route("/", axum::routing::get(|| async { "hello" }));
        let shutdown = CancellationToken::new();
        tokio::spawn(serve_connections(listener, app, limits, shutdown.clone()));
        (addr, shutdown)
    }

    /// Reads until the peer closes, or gives up after `limit`; whether it closed.
    async fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
        let mut buf = [0u8; 512];
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            let read = tokio::time::timeout(Duration::from_millis(100), stream.read(&mut buf));
            if let Ok(Ok(0) | Err(_)) = read.await {
                return true;
            }
        }
        false
    }

    #[tokio::test]
    async fn a_connection_that_never_finishes_its_head_is_closed() {
        let limits = ConnectionLimits {
            header_read_timeout: Duration::from_millis(300),
            ..ConnectionLimits::default()
        };
        let (addr, shutdown) = serving(limits).await;
        let mut slow = TcpStream::connect(addr).await.unwrap();
        slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
        assert!(closed_within(&mut slow, Duration::from_secs(10)).await);
        shutdown.cancel();
    }

    #[tokio::test]
    async fn past_the_cap_a_connection_waits_until_another_closes() {
        let limits = ConnectionLimits {
            max_connections: 1,
            header_read_timeout: Duration::from_secs(30),
        };
        let (addr, shutdown) = serving(limits).await;
        let holder = TcpStream::connect(addr).await.unwrap();
        let mut waiting = TcpStream::connect(addr).await.unwrap();
        waiting
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut answer = Vec::new();
        let early =
            tokio::time::timeout(Duration::from_millis(500), waiting.read_to_end(&mut answer))
                .await;
        assert!(early.is_err(), "served past the cap: {answer:?}");
        drop(holder);
        tokio::time::timeout(Duration::from_secs(10), waiting.read_to_end(&mut answer))
            .await
            .unwrap()
            .unwrap();
        assert!(String::from_utf8_lossy(&answer).ends_with("hello"));
        shutdown.cancel();
    }
}
