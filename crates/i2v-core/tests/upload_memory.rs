//! A 200 MB upload streams through the client holding only a few chunks at a time.
//!
//! A counting global allocator measures the peak of live heap bytes while a client uploads a
//! 200 MB stream to a transport that reads and drops the body as a network would.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use i2v_core::client::multipart::UploadSource;
use i2v_core::client::{
    Body, BodyStream, BoxFuture, Client, Clock, Config, Headers, Request, Response, Token,
    Transport, TransportError, UploadFile,
};
use i2v_core::media::MAX_UPLOAD_BYTES;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: defers to the system allocator; the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
        PEAK.fetch_max(live, Ordering::SeqCst);
        // SAFETY: same layout contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const CHUNK: usize = 256 * 1024;

/// A file of `left` bytes made on demand, like a file read from disk.
struct Generated {
    left: u64,
}

impl BodyStream for Generated {
    fn next_chunk(&mut self) -> BoxFuture<'_, Option<Result<Vec<u8>, TransportError>>> {
        let n = self.left.min(CHUNK as u64);
        self.left -= n;
        Box::pin(async move { (n > 0).then(|| Ok(vec![0xAB; n as usize])) })
    }
}

/// A transport that reads the upload body chunk by chunk and drops it, counting bytes.
struct Sink {
    received: Arc<AtomicUsize>,
}

struct Answer(Option<Vec<u8>>);

impl BodyStream for Answer {
    fn next_chunk(&mut self) -> BoxFuture<'_, Option<Result<Vec<u8>, TransportError>>> {
        let chunk = self.0.take().map(Ok);
        Box::pin(async move { chunk })
    }
}

impl Transport for Sink {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        Box::pin(async move {
            let reply = if let Body::Multipart(form) = request.body {
                let mut stream = form.into_stream()?;
                while let Some(chunk) = stream.next_chunk().await {
                    self.received.fetch_add(chunk?.len(), Ordering::SeqCst);
                }
                r#"{"code":0,"data":{"files":[{"media_id":"med_1","name":"big.mp4","type":"video","mime":"video/mp4","size":1}]}}"#
            } else {
                r#"{"code":0,"data":{"task_id":"t","session_id":"s"}}"#
            };
            Ok(Response {
                status: 200,
                headers: Headers::new(),
                body: Box::new(Answer(Some(reply.as_bytes().to_vec()))),
            })
        })
    }
}

struct NoClock;

impl Clock for NoClock {
    fn now_ms(&self) -> u64 {
        0
    }
    fn sleep(&self, _: Duration) -> BoxFuture<'static, ()> {
        Box::pin(async {})
    }
}

struct Noop;
impl Wake for Noop {
    fn wake(self: Arc<Self>) {}
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = Waker::from(Arc::new(Noop));
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

#[test]
fn a_200_mb_upload_holds_a_few_chunks_at_most() {
    let received = Arc::new(AtomicUsize::new(0));
    let config = Config {
        token: Some(Token::new("nmv_usr_x")),
        client_id: Some("c".into()),
        ..Config::default()
    };
    let client = Client::new(
        Sink {
            received: received.clone(),
        },
        NoClock,
        config,
    );
    block_on(client.connect()).unwrap();
    let file = UploadFile {
        name: "big.mp4".into(),
        size: MAX_UPLOAD_BYTES,
        source: UploadSource::Stream(Box::new(Generated {
            left: MAX_UPLOAD_BYTES,
        })),
    };
    let baseline = LIVE.load(Ordering::SeqCst);
    PEAK.store(baseline, Ordering::SeqCst);
    let media = block_on(client.upload(vec![file], None)).unwrap();
    let peak_above_baseline = PEAK.load(Ordering::SeqCst) - baseline;
    assert_eq!(media[0].media_id, "med_1");
    assert!(received.load(Ordering::SeqCst) as u64 > MAX_UPLOAD_BYTES);
    assert!(
        peak_above_baseline < 4 * CHUNK,
        "peak {peak_above_baseline} bytes above baseline for a {CHUNK}-byte chunk"
    );
}
