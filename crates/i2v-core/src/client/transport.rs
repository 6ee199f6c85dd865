//! The transport trait: how the client reaches the network, implemented by each binding.
//!
//! A transport sends one [`Request`] and answers with the status, the headers and a stream of
//! body chunks. It makes no decisions: no retries, no redirects to follow on its own account
//! beyond what its platform does, no parsing. Cancellation is by drop: dropping the future of
//! [`Transport::send`] or the [`Response`]'s body must abort the request (a browser transport
//! aborts its fetch, a native one closes the connection).

use std::fmt;

use super::multipart::MultipartForm;
use super::platform::{BoxFuture, MaybeSend, MaybeSync};

/// An HTTP method the protocol uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`: safe to repeat.
    Get,
    /// `POST`.
    Post,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// Request or response headers, in order; names compare case-insensitively.
///
/// `Debug` shows every header but the bearer token, which it redacts.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    /// No headers.
    pub fn new() -> Headers {
        Headers(Vec::new())
    }

    /// Adds a header (repeated names are kept, in order).
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    /// The first value of a header, by case-insensitive name.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every header as `(name, value)`, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

impl fmt::Debug for Headers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in &self.0 {
            if name.eq_ignore_ascii_case("authorization") {
                map.entry(name, &"<redacted>");
            } else {
                map.entry(name, value);
            }
        }
        map.finish()
    }
}

impl<N: Into<String>, V: Into<String>> FromIterator<(N, V)> for Headers {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(iter: I) -> Headers {
        Headers(
            iter.into_iter()
                .map(|(n, v)| (n.into(), v.into()))
                .collect(),
        )
    }
}

/// What a request carries.
#[derive(Debug)]
pub enum Body {
    /// Nothing.
    Empty,
    /// Bytes already in memory (JSON bodies).
    Bytes(Vec<u8>),
    /// A `multipart/form-data` upload. A native transport streams it with
    /// [`MultipartForm::into_stream`]; a browser transport hands its parts to `FormData`.
    Multipart(MultipartForm),
}

/// One request to the backend.
#[derive(Debug)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The absolute URL. Never holds a token.
    pub url: String,
    /// The headers, bearer token included (redacted in `Debug`).
    pub headers: Headers,
    /// The body.
    pub body: Body,
}

/// A stream of body chunks, read one at a time. Dropping it aborts the transfer.
pub trait BodyStream: MaybeSend {
    /// The next chunk; `None` once the body has ended cleanly.
    ///
    /// Must be cancel-safe: the client races a read against its heartbeat timers, so a future
    /// dropped before it resolves must lose no data (the next call picks the read up).
    fn next_chunk(&mut self) -> BoxFuture<'_, Option<Result<Vec<u8>, TransportError>>>;
}

/// The answer to a request, its body still streaming.
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The response headers.
    pub headers: Headers,
    /// The body, chunk by chunk.
    pub body: Box<dyn BodyStream>,
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

/// Sends requests. Implemented by the bindings (hyper on tokio, `fetch` in the browser) and by
/// the scripted transport the tests use.
pub trait Transport: MaybeSend + MaybeSync {
    /// Sends `request` and resolves once the response's status and headers have arrived.
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>>;
}

/// Why a request did not complete.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TransportError {
    /// Whether the request may have reached the server (decides whether a re-send is safe).
    pub maybe_sent: bool,
    /// What went wrong, in words; never a URL with secrets (URLs hold none) or a header value.
    pub message: String,
}

impl TransportError {
    /// A failure before any byte could reach the server (refused connection, DNS).
    pub fn not_sent(message: impl Into<String>) -> TransportError {
        TransportError {
            maybe_sent: false,
            message: message.into(),
        }
    }

    /// A failure after the request may have reached the server (reset, broken body).
    pub fn maybe_sent(message: impl Into<String>) -> TransportError {
        TransportError {
            maybe_sent: true,
            message: message.into(),
        }
    }
}

impl From<TransportError> for crate::Error {
    fn from(err: TransportError) -> crate::Error {
        crate::Error::Network {
            message: err.message,
        }
    }
}
