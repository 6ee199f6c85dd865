//! What every handler shares: the store, the configuration, the shutdown signal.
//!
//! Other parts of the studio (the agent, the render queue) add their own fields here; handlers
//! reach them through axum's `State<AppState>`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio_util::sync::CancellationToken;

use super::envelope::ApiError;
use crate::config::Config;
use crate::store::{SessionRecord, Store, TokenRules, User};

/// The state shared by every handler; cloning it is cheap.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The configuration the studio runs with (`public_url` and `listen` are the real ones).
    pub config: Arc<Config>,
    /// Cancelled when the studio shuts down: long responses (event streams) end early on it.
    pub shutdown: CancellationToken,
    /// Chat turns started since the studio started: with the seed, what makes turns replayable.
    turns: Arc<AtomicU64>,
}

impl AppState {
    /// State over an opened store.
    pub fn new(store: Store, config: Config) -> AppState {
        AppState {
            store,
            config: Arc::new(config),
            shutdown: CancellationToken::new(),
            turns: Arc::default(),
        }
    }

    /// The number of the next chat turn (0, 1, …).
    pub fn next_turn(&self) -> u64 {
        self.turns.fetch_add(1, Ordering::Relaxed)
    }

    /// The anonymous-token rules, with the token lifetime of the fault flags when one is set.
    pub fn token_rules(&self) -> TokenRules {
        let config = &self.config;
        TokenRules {
            ttl: config.faults.token_ttl_override.unwrap_or(config.token_ttl),
            per_address: config.tokens_per_address,
            window: config.token_window,
            starter_credits: config.starter_credits,
        }
    }

    /// How long a session may sit idle, with the fault flags' override when one is set.
    pub fn session_idle(&self) -> Duration {
        let config = &self.config;
        config
            .faults
            .session_idle_override
            .unwrap_or(config.session_idle)
    }

    /// The caller's live session `session_id`, marked as used; 1002 when it is unknown,
    /// someone else's or expired (one answer for all three, so nothing leaks).
    pub fn owned_session(&self, user: &User, session_id: &str) -> Result<SessionRecord, ApiError> {
        self.store
            .use_session(user.id, session_id, self.session_idle(), now_ms())?
            .ok_or(ApiError::SessionNotFound)
    }
}

/// The wall clock in Unix milliseconds, the time every store call is given.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
        })
}
