//! Every knob of the studio, with the defaults the protocol documents.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// How the studio runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen (loopback by default: `127.0.0.1:8787`).
    pub listen: SocketAddr,
    /// Where the database, uploads and renders live (`./.i2v-studio`).
    pub data_dir: PathBuf,
    /// Static files served at `/` (the demo page), when given.
    pub web_root: Option<PathBuf>,
    /// The browser package served at `/pkg/`, when given.
    pub pkg_root: Option<PathBuf>,
    /// The web URL that claim and registration links point at.
    pub public_url: String,
    /// Origins of pages allowed to call the studio besides this machine's and its public URL's.
    pub allowed_origins: Vec<String>,
    /// How long an anonymous token lives.
    pub token_ttl: Duration,
    /// New anonymous tokens one source address may get per `token_window`.
    pub tokens_per_address: u32,
    /// Whether that limit also holds for callers on this machine when the studio listens on a
    /// loopback address (by default it does not: only this machine's people can reach such a
    /// studio, and each new browser profile or scratch CLI home is a new client id).
    pub limit_local_tokens: bool,
    /// The window of that limit.
    pub token_window: Duration,
    /// Credits a new anonymous user starts with.
    pub starter_credits: i64,
    /// How long a session may sit idle before it expires (1002).
    pub session_idle: Duration,
    /// Credits a generation turn costs.
    pub generate_cost: i64,
    /// Credits an edit turn costs.
    pub edit_cost: i64,
    /// The largest upload, in bytes.
    pub max_upload_bytes: u64,
    /// All the uploads of one user together, in bytes: one person cannot fill the disk.
    pub max_user_media_bytes: u64,
    /// URL uploads may fetch private and loopback addresses (for tests only).
    pub allow_private_urls: bool,
    /// Share of edit turns answered silently (no text), 0–1.
    pub silent_share: f64,
    /// Seed for everything random the agent does, so runs are reproducible.
    pub seed: u64,
    /// Pause between streamed chunks of the agent's text, so replies arrive as they are written.
    pub chunk_delay: Duration,
    /// Pause between heartbeats while the agent works.
    pub heartbeat_every: Duration,
    /// Faults to inject, for testing clients against a real server.
    pub faults: Faults,
    /// Render worker count (0: one per two cores, at least one).
    pub render_workers: usize,
    /// The longest one render may take.
    pub render_timeout: Duration,
    /// The most memory one ffmpeg of a render may hold, in MiB (0: no limit).
    pub render_memory_mib: u64,
    /// The shapes the API answers in.
    pub dialect: Dialect,
    /// How many connections may be open, and how long one may take to send a request's head.
    pub connections: crate::server::ConnectionLimits,
}

/// The shapes the studio answers in (`docs/PROTOCOL.md` §8), so that clients can be proven
/// against each form the cloud is documented to use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dialect {
    /// The seed's shapes: the `code` envelope everywhere, ADK events on `/run_sse`, media by
    /// `media_id`, render status at the top level.
    #[default]
    Adk,
    /// NemoVideo's published api-reference: `type` frames on `/run_sse`, uploads answered with
    /// `filename`/`cdn_url`/`hash`, renders in the `success` envelope with the status in `data`,
    /// `user_id` on tokens and sessions.
    Reference,
}

impl Dialect {
    /// The dialect a command line names: `adk` or `reference`.
    pub fn parse(name: &str) -> Option<Dialect> {
        match name {
            "adk" => Some(Dialect::Adk),
            "reference" => Some(Dialect::Reference),
            _ => None,
        }
    }
}

/// Faults the studio injects on purpose.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    /// Drop every SSE stream after this many events.
    pub drop_stream_after: Option<u32>,
    /// Send heartbeats only, for this long, before a turn's events.
    pub stall_stream: Option<Duration>,
    /// Share of API requests answered 429.
    pub rate_limit_share: f64,
    /// Share of API requests answered 500/503.
    pub server_error_share: f64,
    /// Tokens expire after this long instead of `token_ttl`.
    pub token_ttl_override: Option<Duration>,
    /// Sessions expire after this idle time instead of `session_idle`.
    pub session_idle_override: Option<Duration>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8787)),
            data_dir: PathBuf::from(".i2v-studio"),
            web_root: None,
            pkg_root: None,
            public_url: "http://127.0.0.1:8787".into(),
            allowed_origins: Vec::new(),
            token_ttl: Duration::from_secs(7 * 24 * 3600),
            tokens_per_address: 10,
            limit_local_tokens: false,
            token_window: Duration::from_secs(7 * 24 * 3600),
            starter_credits: 100,
            session_idle: Duration::from_secs(24 * 3600),
            generate_cost: 10,
            edit_cost: 2,
            max_upload_bytes: i2v_core::media::MAX_UPLOAD_BYTES,
            max_user_media_bytes: 2 << 30,
            allow_private_urls: false,
            silent_share: 0.3,
            seed: 0x12_5eed,
            chunk_delay: Duration::from_millis(40),
            heartbeat_every: Duration::from_secs(5),
            faults: Faults::default(),
            render_workers: 0,
            render_timeout: Duration::from_secs(600),
            render_memory_mib: 4096,
            dialect: Dialect::Adk,
            connections: crate::server::ConnectionLimits::default(),
        }
    }
}
