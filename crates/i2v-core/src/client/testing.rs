//! Test doubles for the client: a virtual clock with its own executor, and a scripted transport.
//!
//! As in quinn-proto's tests, nothing here touches a socket or sleeps: [`VirtualClock::run`]
//! polls a future and, whenever it is stuck waiting, jumps the clock to the earliest timer. A
//! ten-minute wait costs nothing. [`ScriptedTransport`] answers each request with the next
//! scripted [`Reply`], checks it was the expected one, and records what was sent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use super::clock::Clock;
use super::multipart::UploadSource;
use super::platform::BoxFuture;
use super::transport::{
    Body, BodyStream, Headers, Method, Request, Response, Transport, TransportError,
};

/// A waker that records that it was woken.
#[derive(Default)]
struct Flag(AtomicBool);

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Polls a future that needs no timers to completion; a stuck future is a test failure.
pub(crate) fn block_on<F: Future>(fut: F) -> F::Output {
    let flag = Arc::new(Flag::default());
    let waker = Waker::from(flag.clone());
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
        assert!(flag.0.swap(false, Ordering::SeqCst), "future is stuck");
    }
}

#[derive(Default)]
struct ClockState {
    now_ms: u64,
    timers: Vec<(u64, Waker)>,
}

/// A clock whose time moves only when everything is waiting on it.
#[derive(Clone)]
pub(crate) struct VirtualClock(Arc<Mutex<ClockState>>);

impl VirtualClock {
    /// A clock that reads `start_ms`.
    pub(crate) fn new(start_ms: u64) -> VirtualClock {
        VirtualClock(Arc::new(Mutex::new(ClockState {
            now_ms: start_ms,
            timers: Vec::new(),
        })))
    }

    /// Runs `fut` to completion, jumping time forward whenever it waits only on timers.
    pub(crate) fn run<F: Future>(&self, fut: F) -> F::Output {
        let flag = Arc::new(Flag::default());
        let waker = Waker::from(flag.clone());
        let mut cx = Context::from_waker(&waker);
        let mut fut = pin!(fut);
        loop {
            if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
                return out;
            }
            if flag.0.swap(false, Ordering::SeqCst) {
                continue;
            }
            let mut state = self.0.lock().unwrap();
            let next = state.timers.iter().map(|(at, _)| *at).min();
            let next = next.expect("future is stuck with no timer to wait for");
            state.now_ms = state.now_ms.max(next);
            let now = state.now_ms;
            let (due, rest): (Vec<_>, Vec<_>) =
                state.timers.drain(..).partition(|(at, _)| *at <= now);
            state.timers = rest;
            drop(state);
            due.into_iter().for_each(|(_, w)| w.wake());
        }
    }
}

impl Clock for VirtualClock {
    fn now_ms(&self) -> u64 {
        self.0.lock().unwrap().now_ms
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        let state = self.0.clone();
        let deadline = self.now_ms() + duration.as_millis() as u64;
        Box::pin(std::future::poll_fn(move |cx| {
            let mut state = state.lock().unwrap();
            if state.now_ms >= deadline {
                Poll::Ready(())
            } else {
                state.timers.push((deadline, cx.waker().clone()));
                Poll::Pending
            }
        }))
    }
}

/// One step of a scripted response body.
#[derive(Debug, Clone)]
pub(crate) enum BodyStep {
    /// A chunk of bytes.
    Chunk(Vec<u8>),
    /// Virtual time passes before the next step.
    Wait(Duration),
    /// A wait under way: it ends at this virtual time (kept so that a dropped read resumes it).
    WaitUntil(u64),
    /// The connection breaks.
    Fail(String),
    /// Nothing more ever arrives (the body neither ends nor fails).
    Hang,
}

/// A scripted answer to one request.
#[derive(Debug, Clone)]
pub(crate) enum Reply {
    /// A response: status, headers, body steps.
    Response(u16, Vec<(String, String)>, Vec<BodyStep>),
    /// The transport fails before a response arrives.
    Fail(TransportError),
    /// The server accepts the request and never answers.
    Silence,
}

impl Reply {
    /// A JSON response.
    pub(crate) fn json(status: u16, value: serde_json::Value) -> Reply {
        Reply::Response(
            status,
            vec![("content-type".into(), "application/json".into())],
            vec![BodyStep::Chunk(value.to_string().into_bytes())],
        )
    }

    /// A success envelope around `data`.
    pub(crate) fn ok(data: serde_json::Value) -> Reply {
        Reply::json(
            200,
            serde_json::json!({"code": 0, "message": "success", "data": data}),
        )
    }

    /// An error envelope.
    pub(crate) fn code(status: u16, code: i64, message: &str) -> Reply {
        Reply::json(
            status,
            serde_json::json!({"code": code, "message": message, "data": null}),
        )
    }

    /// An event stream made of these steps.
    pub(crate) fn sse(steps: Vec<BodyStep>) -> Reply {
        Reply::Response(
            200,
            vec![("content-type".into(), "text/event-stream".into())],
            steps,
        )
    }

    /// Adds a response header.
    pub(crate) fn header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Response(_, headers, _) = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

/// A request as the scripted transport saw it.
#[derive(Debug, Clone)]
pub(crate) struct Sent {
    /// The method.
    pub(crate) method: Method,
    /// The URL.
    pub(crate) url: String,
    /// The headers.
    pub(crate) headers: Headers,
    /// The body (multipart bodies: at most the first MiB of them).
    pub(crate) body: Vec<u8>,
    /// The body's whole length.
    pub(crate) body_len: u64,
    /// Whether the response body was dropped before it ended (the request was aborted).
    pub(crate) aborted: Arc<AtomicBool>,
}

impl Sent {
    /// The body as JSON.
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }

    /// The path and query of the URL, without the base.
    pub(crate) fn path(&self) -> &str {
        let after_scheme = self.url.find("://").map_or(0, |i| i + 3);
        let start = self.url[after_scheme..]
            .find('/')
            .map_or(self.url.len(), |i| i + after_scheme);
        &self.url[start..]
    }
}

#[derive(Default)]
struct Script {
    replies: VecDeque<(Method, String, Reply)>,
    sent: Vec<Sent>,
}

/// A transport that plays a script and records every request.
#[derive(Clone)]
pub(crate) struct ScriptedTransport {
    script: Arc<Mutex<Script>>,
    clock: VirtualClock,
}

impl ScriptedTransport {
    /// An empty script whose timed steps run on `clock`.
    pub(crate) fn new(clock: &VirtualClock) -> ScriptedTransport {
        ScriptedTransport {
            script: Arc::default(),
            clock: clock.clone(),
        }
    }

    /// The next request must be `method` on `path` (prefix match, query included); it gets `reply`.
    pub(crate) fn expect(&self, method: Method, path: &str, reply: Reply) -> &Self {
        let mut script = self.script.lock().unwrap();
        script.replies.push_back((method, path.into(), reply));
        self
    }

    /// Every request sent so far.
    pub(crate) fn sent(&self) -> Vec<Sent> {
        self.script.lock().unwrap().sent.clone()
    }

    /// Scripted replies not yet used.
    pub(crate) fn unused(&self) -> usize {
        self.script.lock().unwrap().replies.len()
    }

    async fn answer(&self, request: Request) -> Result<Response, TransportError> {
        let (body, body_len) = match request.body {
            Body::Empty => (Vec::new(), 0),
            Body::Bytes(bytes) => {
                let len = bytes.len() as u64;
                (bytes, len)
            }
            // A browser's `File` handles are read by its own transport only: nothing to keep.
            Body::Multipart(form)
                if form
                    .parts()
                    .iter()
                    .any(|p| matches!(p.source, UploadSource::External(_))) =>
            {
                let len = form.content_length();
                (Vec::new(), len)
            }
            Body::Multipart(form) => {
                let mut stream = form.into_stream()?;
                let (mut kept, mut len) = (Vec::new(), 0u64);
                while let Some(chunk) = stream.next_chunk().await {
                    let chunk = chunk?;
                    len += chunk.len() as u64;
                    let room = (1usize << 20).saturating_sub(kept.len());
                    kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
                }
                (kept, len)
            }
        };
        let aborted = Arc::new(AtomicBool::new(false));
        let sent = Sent {
            method: request.method,
            url: request.url,
            headers: request.headers,
            body,
            body_len,
            aborted: aborted.clone(),
        };
        let next = {
            let mut script = self.script.lock().unwrap();
            script.sent.push(sent.clone());
            script.replies.pop_front()
        };
        let (method, path, reply) = next
            .unwrap_or_else(|| panic!("unexpected request {} {}", sent.method.as_str(), sent.url));
        assert!(
            method == sent.method && sent.path().starts_with(&path),
            "expected {} {path}, got {} {}",
            method.as_str(),
            sent.method.as_str(),
            sent.path()
        );
        match reply {
            Reply::Fail(err) => Err(err),
            Reply::Silence => std::future::pending().await,
            Reply::Response(status, headers, steps) => Ok(Response {
                status,
                headers: headers.into_iter().collect(),
                body: Box::new(ScriptedBody {
                    steps: steps.into(),
                    clock: self.clock.clone(),
                    aborted,
                }),
            }),
        }
    }
}

impl Transport for ScriptedTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        Box::pin(self.answer(request))
    }
}

/// A response body that plays its steps on the virtual clock.
struct ScriptedBody {
    steps: VecDeque<BodyStep>,
    clock: VirtualClock,
    aborted: Arc<AtomicBool>,
}

impl ScriptedBody {
    async fn next(&mut self) -> Option<Result<Vec<u8>, TransportError>> {
        loop {
            match self.steps.pop_front()? {
                BodyStep::Chunk(bytes) => return Some(Ok(bytes)),
                BodyStep::Wait(d) => {
                    let until = self.clock.now_ms() + d.as_millis() as u64;
                    self.steps.push_front(BodyStep::WaitUntil(until));
                }
                BodyStep::WaitUntil(until) => {
                    self.steps.push_front(BodyStep::WaitUntil(until));
                    let left = until.saturating_sub(self.clock.now_ms());
                    self.clock.sleep(Duration::from_millis(left)).await;
                    self.steps.pop_front();
                }
                BodyStep::Fail(msg) => return Some(Err(TransportError::maybe_sent(msg))),
                BodyStep::Hang => {
                    self.steps.push_front(BodyStep::Hang);
                    std::future::pending::<()>().await;
                }
            }
        }
    }
}

impl BodyStream for ScriptedBody {
    fn next_chunk(&mut self) -> BoxFuture<'_, Option<Result<Vec<u8>, TransportError>>> {
        Box::pin(self.next())
    }
}

impl Drop for ScriptedBody {
    fn drop(&mut self) {
        if !self.steps.is_empty() {
            self.aborted.store(true, Ordering::SeqCst);
        }
    }
}

/// An upload source that makes `total` bytes on demand, `chunk` at a time.
pub(crate) struct ChunkedSource {
    left: u64,
    chunk: u64,
}

impl ChunkedSource {
    /// A source of `total` bytes in chunks of `chunk`.
    pub(crate) fn new(total: u64, chunk: u64) -> ChunkedSource {
        ChunkedSource { left: total, chunk }
    }
}

impl BodyStream for ChunkedSource {
    fn next_chunk(&mut self) -> BoxFuture<'_, Option<Result<Vec<u8>, TransportError>>> {
        let n = self.left.min(self.chunk);
        self.left -= n;
        Box::pin(async move { (n > 0).then(|| Ok(vec![b'x'; n as usize])) })
    }
}
