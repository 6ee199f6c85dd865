//! Faults injected on purpose, so clients can be tested against a real server that misbehaves.
//!
//! A seeded share of API requests (`/api/…` and `/run_sse`) is answered 429 or 500/503 before
//! any handler sees it. The dice are a counter-based generator seeded from the configuration,
//! so the same requests in the same order meet the same faults. CORS preflights and static
//! files are never touched. The stream faults (drop, stall) and the lifetime overrides live in
//! [`crate::config::Faults`] and are applied where streams and lifetimes are made.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::api_answers::is_api;
use super::envelope::ApiError;
use crate::config::Faults;

/// The `Retry-After` of an injected 429: short, so that a client's one retry is quick in tests.
pub const INJECTED_RETRY_AFTER_SECS: u64 = 1;

/// SplitMix64's increment (the golden ratio in 64 bits).
const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// Decides, request by request, which API requests meet an injected failure.
#[derive(Debug)]
pub struct FaultDice {
    counter: AtomicU64,
    rate_limit_share: f64,
    server_error_share: f64,
}

impl FaultDice {
    /// Dice for `faults`, seeded with `seed`.
    pub fn new(seed: u64, faults: &Faults) -> FaultDice {
        FaultDice {
            counter: AtomicU64::new(seed),
            rate_limit_share: faults.rate_limit_share,
            server_error_share: faults.server_error_share,
        }
    }

    /// The failure the next request meets, if any: 429 within the first share of the unit
    /// interval, 500 or 503 (alike often) within the next.
    pub fn roll(&self) -> Option<ApiError> {
        if self.rate_limit_share <= 0.0 && self.server_error_share <= 0.0 {
            return None;
        }
        let draw = self.unit();
        if draw < self.rate_limit_share {
            Some(ApiError::RateLimited {
                retry_after_secs: INJECTED_RETRY_AFTER_SECS,
            })
        } else if draw < self.rate_limit_share + self.server_error_share {
            Some(if self.unit() < 0.5 {
                ApiError::Internal
            } else {
                ApiError::Unavailable
            })
        } else {
            None
        }
    }

    /// A uniform draw from [0, 1): SplitMix64 over an atomic counter, so threads share it.
    fn unit(&self) -> f64 {
        let mut z = self
            .counter
            .fetch_add(GAMMA, Ordering::Relaxed)
            .wrapping_add(GAMMA);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        // The top 53 bits make an exact f64 in [0, 1).
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Middleware: answers the request with an injected failure when the dice say so.
pub(super) async fn inject(
    State(dice): State<Arc<FaultDice>>,
    request: Request,
    next: Next,
) -> Response {
    let fault = if is_api(request.uri().path()) {
        dice.roll()
    } else {
        None
    };
    match fault {
        Some(fault) => {
            tracing::warn!(code = fault.code(), "injected fault");
            fault.into_response()
        }
        None => next.run(request).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dice(seed: u64, rate_limit_share: f64, server_error_share: f64) -> FaultDice {
        FaultDice::new(
            seed,
            &Faults {
                rate_limit_share,
                server_error_share,
                ..Faults::default()
            },
        )
    }

    #[test]
    fn no_shares_no_faults() {
        let dice = dice(1, 0.0, 0.0);
        assert!((0..1000).all(|_| dice.roll().is_none()));
    }

    #[test]
    fn full_shares_fail_every_request() {
        let limited = dice(1, 1.0, 0.0);
        assert!((0..100).all(|_| {
            limited.roll()
                == Some(ApiError::RateLimited {
                    retry_after_secs: INJECTED_RETRY_AFTER_SECS,
                })
        }));
        let broken = dice(1, 0.0, 1.0);
        let codes: Vec<i64> = (0..200)
            .filter_map(|_| broken.roll().map(|e| e.code()))
            .collect();
        assert_eq!(codes.len(), 200);
        assert!(codes.contains(&500) && codes.contains(&503));
    }

    #[test]
    fn shares_are_about_right_and_the_seed_repeats_them() {
        let sequence = |seed| {
            let dice = dice(seed, 0.2, 0.1);
            (0..10_000)
                .map(|_| dice.roll().map(|e| e.code()))
                .collect::<Vec<_>>()
        };
        let first = sequence(7);
        assert_eq!(first, sequence(7));
        assert_ne!(first, sequence(8));
        let count = |code| first.iter().filter(|c| **c == Some(code)).count();
        assert!((1800..2200).contains(&count(429)), "{}", count(429));
        assert!((800..1200).contains(&(count(500) + count(503))));
    }
}
