//! Waiting on two futures at once, without an async runtime.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::task::Poll;

/// Which of two raced futures finished first.
#[derive(Debug)]
pub(crate) enum First<A, B> {
    /// The first future.
    Left(A),
    /// The second future.
    Right(B),
}

/// Polls both futures until one is ready; the other is dropped. On a tie the left one wins.
pub(crate) async fn race<A: Future, B: Future>(a: A, b: B) -> First<A::Output, B::Output> {
    let mut a = pin!(a);
    let mut b = pin!(b);
    poll_fn(|cx| {
        if let Poll::Ready(out) = a.as_mut().poll(cx) {
            return Poll::Ready(First::Left(out));
        }
        if let Poll::Ready(out) = b.as_mut().poll(cx) {
            return Poll::Ready(First::Right(out));
        }
        Poll::Pending
    })
    .await
}
