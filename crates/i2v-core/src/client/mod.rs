//! The client: every workflow of `docs/PROTOCOL.md`, over an abstract [`Transport`] and [`Clock`].
//!
//! A binding creates one [`Client`] with its transport, its clock and a [`Config`], and exposes
//! the workflow methods as they are: `connect`, `send`, `chat`, `upload`, `credits`, `state`,
//! `export`, `claim_url`, `preview_media`. Every decision lives here; the binding only moves
//! bytes. Cancelling a workflow is dropping its future: the transport aborts the request in
//! flight.
//!
//! State (token, session, last known draft) sits behind a mutex that is never held across an
//! `.await`, so the client can be shared by concurrent calls.

mod abandon;
mod account;
mod auth;
mod chat;
mod clock;
mod config;
mod envelope;
mod export;
mod http;
pub mod multipart;
mod output;
mod platform;
mod present;
mod preview;
mod race;
mod render_status;
mod rng;
mod send;
mod transport;
mod upload;

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

pub use crate::draft::Canvas;
pub use account::{Credits, State};
pub use chat::{TurnEvent, TurnOutcome};
pub use clock::Clock;
pub use config::{
    ATTRIBUTION_SOURCE, ATTRIBUTION_VERSION, Attribution, Config, DEFAULT_API_URL, DEFAULT_WEB_URL,
    Timing, Token, language_tag,
};
pub use envelope::MAX_JSON_RESPONSE;
pub use export::ExportProgress;
pub use output::{ExportOptions, ExportResult};
pub use platform::{AnyBox, BoxFuture, LogSink, MaybeSend, MaybeSync};
pub use preview::PreviewMedia;
pub use render_status::RenderStatus;
pub use send::SendOutcome;
pub use transport::{
    Body, BodyStream, Headers, Method, Request, Response, Transport, TransportError,
};
pub use upload::{
    ProgressSink, UploadFile, UploadProgress, UploadedMedia, check_file, mime_for_extension,
};

use crate::draft::Draft;
use rng::Rng;

/// The session the client works in (`docs/PROTOCOL.md` §3.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The task (project) id.
    pub task_id: String,
    /// The session id every session-scoped call names.
    pub session_id: String,
    /// The id behind an anonymous user's registration link, when the backend gave one.
    pub bind_id: Option<String>,
    /// The backend's id of the user the session belongs to (`user_id` in the api-reference
    /// dialect), when it gave one; requests still name the user `me`.
    pub user_id: Option<String>,
}

/// Something the client did on its own that the caller should know about.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// The session had expired (1002): a new one was created and the old draft is gone.
    SessionReplaced {
        /// The session that expired.
        old_session_id: String,
        /// The session that replaces it.
        new_session_id: String,
    },
    /// The anonymous token had expired (1001): a new one was acquired for the same client id.
    TokenRenewed,
    /// The backend asked for a client id (400): a new one was generated.
    ClientIdGenerated {
        /// The new client id, for the binding to persist.
        client_id: String,
    },
}

/// What the client remembers between calls.
#[derive(Debug)]
struct Memory {
    token: Option<Token>,
    client_id: String,
    session: Option<Session>,
    draft: Option<Draft>,
    draft_known: bool,
    rng: Rng,
    /// Renders whose export was dropped before they ended, to be cancelled.
    abandoned_renders: Vec<String>,
    /// The last export that finished, to give again while nothing changes.
    last_export: Option<export::LastExport>,
    notices: Vec<Notice>,
}

/// A client of the NemoVideo agent API.
///
/// [`Client::for_call`] makes a view of the same client (same token, session, memory) for one
/// call with options of its own: its timeout, and the answer that made it fail.
pub struct Client<T, C> {
    transport: T,
    clock: C,
    config: Config,
    memory: Arc<Mutex<Memory>>,
    /// This view's options.
    call: CallOptions,
    /// The failed answer this view's last call ended with (see [`Client::failed_answer`]).
    failed: Mutex<Option<FailedAnswer>>,
    /// Where debug lines go, when anyone listens.
    log: Option<LogSink>,
}

/// Options of one call, for [`Client::for_call`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallOptions {
    /// The most each request of the call may wait for its answer (a JSON answer read whole, an
    /// event stream opened), in place of [`Timing::request_timeout`]; it bounds uploads too.
    pub timeout: Option<std::time::Duration>,
}

/// The HTTP answer a call failed on: what a caller reports beside the error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedAnswer {
    /// The HTTP status.
    pub status: u16,
    /// The server's id of the request (`x-request-id`, `request-id` or `x-amzn-requestid`
    /// header), when it sent one.
    pub request_id: Option<String>,
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// A client that has not talked to the backend yet; see [`Client::connect`].
    pub fn new(transport: T, clock: C, config: Config) -> Client<T, C> {
        let rng = Rng::new(config.seed ^ clock.now_ms().rotate_left(17));
        let client_id = config.client_id.clone().unwrap_or_else(rng::new_client_id);
        let memory = Memory {
            token: config.token.clone(),
            client_id,
            session: None,
            draft: None,
            draft_known: false,
            rng,
            abandoned_renders: Vec::new(),
            last_export: None,
            notices: Vec::new(),
        };
        Client {
            transport,
            clock,
            config,
            memory: Arc::new(Mutex::new(memory)),
            call: CallOptions::default(),
            failed: Mutex::new(None),
            log: None,
        }
    }

    /// This client, writing a debug line to `log` for every request, answer, retry and
    /// recovery (tokens never appear: no header and no query string is written).
    pub fn with_log(mut self, log: LogSink) -> Client<T, C> {
        self.log = Some(log);
        self
    }

    /// A view of this client for one call: the same token, session and memory, with the
    /// call's own options; [`Client::failed_answer`] of the view tells of that call alone.
    pub fn for_call(&self, options: CallOptions) -> Client<T, C>
    where
        T: Clone,
        C: Clone,
    {
        Client {
            transport: self.transport.clone(),
            clock: self.clock.clone(),
            config: self.config.clone(),
            memory: Arc::clone(&self.memory),
            call: options,
            failed: Mutex::new(None),
            log: self.log.clone(),
        }
    }

    /// The HTTP answer the last call of this view failed on, when it failed on one (not on the
    /// network, a timeout or a check of its own); cleared by a call that succeeds.
    pub fn failed_answer(&self) -> Option<FailedAnswer> {
        self.failed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Writes a debug line, when anyone listens.
    fn debug(&self, line: impl FnOnce() -> String) {
        if let Some(log) = &self.log {
            log(&line());
        }
    }

    /// The configuration the client was made with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The client id in use (generated ones included, for the binding to persist).
    pub fn client_id(&self) -> String {
        self.memory().client_id.clone()
    }

    /// The current session, once connected.
    pub fn session(&self) -> Option<Session> {
        self.memory().session.clone()
    }

    /// The last draft the client saw (from the state or from a chat turn).
    pub fn last_draft(&self) -> Option<Draft> {
        self.memory().draft.clone()
    }

    /// Takes the notices gathered since the last call (sessions replaced, tokens renewed, …).
    pub fn take_notices(&self) -> Vec<Notice> {
        std::mem::take(&mut self.memory().notices)
    }

    /// Works in a session made earlier (kept across a page reload or between CLI runs) instead
    /// of creating one. Nothing is checked until the next call: an expired session is replaced
    /// then, as any expired session is (with a [`Notice::SessionReplaced`]).
    pub fn resume(&self, session: Session) {
        let mut memory = self.memory();
        if memory.session.as_ref() != Some(&session) {
            memory.draft = None;
            memory.draft_known = false;
        }
        memory.session = Some(session);
    }

    /// The registration link for an anonymous user (`<web>/?bind=<bind_id>`), when known.
    pub fn bind_url(&self) -> Option<String> {
        let bind_id = self.memory().session.as_ref()?.bind_id.clone()?;
        Some(format!(
            "{}/?bind={}",
            self.config.web_url.trim_end_matches('/'),
            bind_id
        ))
    }

    fn memory(&self) -> MutexGuard<'_, Memory> {
        // The memory holds plain values updated in single statements: a panic elsewhere
        // cannot leave it half-written, so a poisoned lock is still safe to use.
        self.memory.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Remembers the latest draft seen, from the state or from a turn.
    fn remember_draft(&self, draft: Option<Draft>) {
        let mut memory = self.memory();
        memory.draft = draft;
        memory.draft_known = true;
    }

    /// 64 random bits from the seeded generator.
    fn random(&self) -> u64 {
        self.memory().rng.next_u64()
    }

    /// Keeps a bind id the backend named outside the session answer (an error's or the
    /// state's data), for the registration link; one the session named is kept as it is.
    fn learn_bind_id(&self, bind_id: String) {
        if let Some(session) = self.memory().session.as_mut() {
            session.bind_id.get_or_insert(bind_id);
        }
    }

    fn notice(&self, notice: Notice) {
        self.memory().notices.push(notice);
    }
}
