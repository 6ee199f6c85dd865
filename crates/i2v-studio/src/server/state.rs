//! What every handler shares: the store, the configuration, the shutdown signal.
//!
//! Other parts of the studio (the agent, the render queue) add their own fields here; handlers
//! reach them through axum's `State<AppState>`.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio_util::sync::CancellationToken;

use super::envelope::ApiError;
use crate::config::Config;
use crate::render::RenderQueue;
use crate::store::{SessionRecord, Store, TokenKey, TokenRules, User};
use crate::turns::{Prices, TurnLocks, TurnRules};

/// The state shared by every handler; cloning it is cheap.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The render queue behind the export endpoints.
    pub renders: RenderQueue,
    /// The studio's secret (`studio.secret` in the data dir), which download keys derive from.
    secret: Arc<[u64; 2]>,
    /// The configuration the studio runs with (`public_url` and `listen` are the real ones).
    pub config: Arc<Config>,
    /// Cancelled when the studio shuts down: long responses (event streams) end early on it.
    pub shutdown: CancellationToken,
    /// Chat turns started since the studio started: with the seed, what makes turns replayable.
    turns: Arc<AtomicU64>,
    /// The sessions whose turn is running.
    pub turn_locks: TurnLocks,
}

impl std::fmt::Debug for AppState {
    // The secret is left out: it must never reach a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("store", &self.store)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// State over an opened store and render queue, with the studio's secret.
    pub fn new(store: Store, renders: RenderQueue, secret: [u64; 2], config: Config) -> AppState {
        AppState {
            store,
            renders,
            secret: Arc::new(secret),
            config: Arc::new(config),
            shutdown: CancellationToken::new(),
            turns: Arc::default(),
            turn_locks: TurnLocks::default(),
        }
    }

    /// The key that lets a URL fetch render `id`'s output without a bearer token (a browser
    /// `<video>` sends none): SipHash of the id under the studio's secret, so it cannot be
    /// guessed from the id.
    pub fn download_key(&self, id: &str) -> String {
        #[allow(deprecated)] // std's SipHasher is the keyed PRF needed here; nothing replaced it.
        let half = |k0: u64, k1: u64| {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::hash::SipHasher::new_with_keys(k0, k1);
            id.hash(&mut hasher);
            hasher.finish()
        };
        let [a, b] = *self.secret;
        format!("{:016x}{:016x}", half(a, b), half(b, a ^ 0x5bd1_e995))
    }

    /// The key anonymous tokens derive from: the studio's secret, so a copy of the database
    /// alone opens no account.
    fn token_key(&self) -> TokenKey {
        let [a, b] = *self.secret;
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&a.to_le_bytes());
        bytes[8..].copy_from_slice(&b.to_le_bytes());
        TokenKey::new(bytes)
    }

    /// The number of the next chat turn (0, 1, …).
    pub fn next_turn(&self) -> u64 {
        self.turns.fetch_add(1, Ordering::Relaxed)
    }

    /// The anonymous-token rules for a caller at `source`, with the token lifetime of the
    /// fault flags when one is set; see [`Config::limit_local_tokens`] for who is not limited.
    pub fn token_rules(&self, source: IpAddr) -> TokenRules {
        let config = &self.config;
        let local = config.listen.ip().is_loopback() && source.is_loopback();
        let per_address = if local && !config.limit_local_tokens {
            u32::MAX
        } else {
            config.tokens_per_address
        };
        TokenRules {
            ttl: config.faults.token_ttl_override.unwrap_or(config.token_ttl),
            per_address,
            window: config.token_window,
            starter_credits: config.starter_credits,
            key: self.token_key(),
        }
    }

    /// The rules chat turns follow: the configured prices, seed and silent share, and the
    /// session idle time of [`AppState::session_idle`].
    pub fn turn_rules(&self) -> TurnRules {
        let config = &self.config;
        TurnRules {
            prices: Prices {
                generate: config.generate_cost,
                edit: config.edit_cost,
            },
            seed: config.seed,
            silent_share: config.silent_share,
            session_idle: self.session_idle(),
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
