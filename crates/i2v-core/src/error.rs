//! The one error type of the core: every failure a caller can see, each knowing its recovery.
//!
//! The protocol codes of `docs/PROTOCOL.md` §2 are variants of their own, so that a caller matches on
//! meaning rather than numbers; [`Error::from_api`] maps an envelope (or a bare HTTP status) onto
//! them. Messages are short and lowercase, and never carry a token: nothing here holds one.

use std::fmt;
use std::time::Duration;

use crate::draft::DraftError;
use crate::media::{ACCEPTED_FORMATS, MAX_UPLOAD_BYTES};
use crate::sse::SseError;

/// How long to wait on a 429 whose `Retry-After` is missing or unreadable (`docs/PROTOCOL.md` §2).
pub const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(30);

/// Everything that can go wrong in the core.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// 1001: the token was rejected or has expired.
    #[error("the access token was rejected or has expired{}", if *.configured { " (it was configured, so it is not replaced)" } else { "" })]
    TokenRejected {
        /// Whether the token came from configuration (`NEMO_TOKEN`), which is never replaced silently.
        configured: bool,
    },
    /// 1002: the session does not exist any more (idle sessions expire); its draft is gone.
    #[error("the editing session was not found; it may have expired")]
    SessionNotFound,
    /// 2001: the balance does not cover the operation.
    #[error("out of credits{}", register_hint(.bind_url.as_deref(), "to get more"))]
    OutOfCredits {
        /// Where an anonymous user registers to keep going (`<web>/?bind=<bind_id>`), when known.
        bind_url: Option<String>,
    },
    /// 4001: the file is of a type the backend does not accept.
    #[error("unsupported file type{}; accepted formats: {}", name_hint(.name.as_deref()), ACCEPTED_FORMATS.join(", "))]
    UnsupportedFileType {
        /// The file's name, when the caller gave one.
        name: Option<String>,
    },
    /// 4002: the file is over the size limit.
    #[error("file too large{}; the limit is {} MB", name_hint(.name.as_deref()), .max_bytes / (1024 * 1024))]
    FileTooLarge {
        /// The file's name, when the caller gave one.
        name: Option<String>,
        /// The file's size in bytes, when known.
        size: Option<u64>,
        /// The limit in bytes.
        max_bytes: u64,
    },
    /// 400: the anonymous-token call went out without a client id.
    #[error("the request had no client id")]
    MissingClientId,
    /// 402: the free plan cannot export (a subscription tier, not credits).
    #[error("export is not available on the free plan{}", register_hint(.bind_url.as_deref(), "to unlock export"))]
    ExportBlocked {
        /// Where an anonymous user registers to unlock export, when known.
        bind_url: Option<String>,
    },
    /// 429: too many requests; wait before trying again.
    #[error("rate limited; try again in {}", wait_in_words(*.retry_after))]
    RateLimited {
        /// How long the server asked to wait.
        retry_after: Duration,
    },
    /// Any other failure the backend reported, by envelope code or HTTP status.
    #[error("the server answered with code {code} (HTTP {http_status}){}", message_hint(.message))]
    Api {
        /// The envelope's `code`, or the HTTP status when the body was not an envelope.
        code: i64,
        /// The HTTP status of the response.
        http_status: u16,
        /// The server's message, possibly empty.
        message: String,
    },
    /// The request did not complete: no connection, reset, DNS failure.
    #[error("network error: {message}")]
    Network {
        /// What the transport reported.
        message: String,
    },
    /// The event stream closed before the turn could be confirmed.
    #[error("the connection dropped before the reply was complete")]
    Disconnected,
    /// The event stream broke its framing rules.
    #[error(transparent)]
    Sse(#[from] SseError),
    /// The agent reported a failure inside the stream.
    #[error("the agent failed{}: {message}", .code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default())]
    Agent {
        /// The agent's `errorCode`, when it sent one.
        code: Option<String>,
        /// What the agent said went wrong.
        message: String,
    },
    /// A draft that does not follow `docs/PROTOCOL.md` §5.
    #[error(transparent)]
    Draft(#[from] DraftError),
    /// The agent's reply grew past what the SDK holds for one message or one turn; the turn was
    /// stopped and its text let go.
    #[error("the agent's {} grew past {limit} bytes, so the turn was stopped", if *.whole_turn { "replies in this turn" } else { "reply" })]
    ReplyTooLong {
        /// The cap, in bytes.
        limit: usize,
        /// Whether it was the turn's messages together (else one message).
        whole_turn: bool,
    },
    /// A response the SDK could not make sense of.
    #[error("unexpected response from the server: {message}")]
    Protocol {
        /// What was wrong with it.
        message: String,
    },
    /// Export was asked for before there is anything to export.
    #[error("there is nothing to export yet: generate a video first")]
    NotExportReady,
    /// The render failed, also after its one retry.
    #[error("the render failed: {message}")]
    RenderFailed {
        /// The reason the backend gave.
        message: String,
    },
    /// Waiting ran out: a turn with heartbeats only, a render that never finished.
    #[error("timed out: {what}")]
    Timeout {
        /// What was being waited for, in words.
        what: String,
    },
    /// The caller cancelled the operation.
    #[error("cancelled")]
    Cancelled,
    /// An export option the output contract (`docs/PROTOCOL.md` §3.8) does not have: refused
    /// before anything is sent, since the backend would refuse it too.
    #[error("the export cannot be made with {option} {value}; {option} can be {}{}", .accepted.join(", "), .with.map(|w| format!(" for {w}")).unwrap_or_default())]
    UnsupportedExportOption {
        /// The option: `format`, `resolution`, `fps` or `quality`.
        option: &'static str,
        /// The value asked for, as it was given.
        value: String,
        /// The values the contract has for it (with the other options asked for).
        accepted: &'static [&'static str],
        /// The other option that narrows what is accepted ("a gif", "a preview"), if one does.
        with: Option<&'static str>,
    },
    /// The backend serves no preview of a draft's `src` (`docs/PROTOCOL.md` §3.9: only the
    /// studio does, and only of the caller's own media and the library's music).
    #[error("this server serves no preview of '{src}'")]
    NoPreview {
        /// The `src` asked for.
        src: String,
    },
    /// The caller passed an argument that cannot work.
    #[error("invalid input: {message}")]
    InvalidInput {
        /// What is wrong with it.
        message: String,
    },
}

/// An export option the output contract does not have, as [`Error::export_option`] tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionRefusal<'a> {
    /// The option: `format`, `resolution`, `fps` or `quality`.
    pub option: &'static str,
    /// The value asked for.
    pub value: &'a str,
    /// What it can be instead.
    pub accepted: &'static [&'static str],
    /// The other option that narrows what it can be ("a gif"), if one does.
    pub with: Option<&'static str>,
}

/// What a client does about an error before giving it to the caller (`docs/PROTOCOL.md` §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// Acquire a fresh anonymous token for the same client id, then retry once.
    Reauthenticate,
    /// Create a new session, tell the caller the old draft is gone, then retry once.
    NewSession,
    /// Generate a client id, then retry once.
    NewClientId,
    /// Wait this long, then retry once.
    RetryAfter(Duration),
    /// Retry with capped backoff, but only a request that is safe to repeat (never `/run_sse`).
    RetryIfIdempotent,
    /// Nothing automatic helps: the error goes to the caller as it is.
    GiveUp,
}

/// The stable category of an error, as bindings expose it (`err.kind` in JS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// [`Error::TokenRejected`].
    Auth,
    /// [`Error::SessionNotFound`].
    Session,
    /// [`Error::OutOfCredits`].
    Credits,
    /// [`Error::UnsupportedFileType`].
    FileType,
    /// [`Error::FileTooLarge`].
    FileSize,
    /// [`Error::MissingClientId`].
    ClientId,
    /// [`Error::ExportBlocked`].
    ExportBlocked,
    /// [`Error::RateLimited`].
    RateLimited,
    /// [`Error::Api`].
    Api,
    /// [`Error::Network`].
    Network,
    /// [`Error::Disconnected`].
    Disconnected,
    /// [`Error::Sse`].
    Stream,
    /// [`Error::Agent`].
    Agent,
    /// [`Error::Draft`].
    Draft,
    /// [`Error::Protocol`].
    Protocol,
    /// [`Error::NotExportReady`].
    NotReady,
    /// [`Error::RenderFailed`].
    Render,
    /// [`Error::Timeout`].
    Timeout,
    /// [`Error::Cancelled`].
    Cancelled,
    /// [`Error::UnsupportedExportOption`].
    ExportOption,
    /// [`Error::InvalidInput`].
    InvalidInput,
    /// [`Error::NoPreview`].
    NoPreview,
}

impl ErrorKind {
    /// The kind as a stable snake_case string, the form bindings and logs use.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Auth => "auth",
            ErrorKind::Session => "session",
            ErrorKind::Credits => "credits",
            ErrorKind::FileType => "file_type",
            ErrorKind::FileSize => "file_size",
            ErrorKind::ClientId => "client_id",
            ErrorKind::ExportBlocked => "export_blocked",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Api => "api",
            ErrorKind::Network => "network",
            ErrorKind::Disconnected => "disconnected",
            ErrorKind::Stream => "stream",
            ErrorKind::Agent => "agent",
            ErrorKind::Draft => "draft",
            ErrorKind::Protocol => "protocol",
            ErrorKind::NotReady => "not_ready",
            ErrorKind::Render => "render",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::ExportOption => "export_option",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::NoPreview => "no_preview",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// Maps a failed response onto an error: the envelope `code` when there is one, else the HTTP
    /// status. `retry_after` is the response's `Retry-After` header, used for 429.
    ///
    /// Caller-side facts the response cannot know (whether the token was configured, the bind
    /// URL, the file's name) are filled in by the client afterwards.
    pub fn from_api(
        code: Option<i64>,
        http_status: u16,
        message: Option<&str>,
        retry_after: Option<&str>,
    ) -> Error {
        let code = code.unwrap_or(i64::from(http_status));
        match code {
            1001 => Error::TokenRejected { configured: false },
            1002 => Error::SessionNotFound,
            2001 => Error::OutOfCredits { bind_url: None },
            4001 => Error::UnsupportedFileType { name: None },
            4002 => Error::FileTooLarge {
                name: None,
                size: None,
                max_bytes: MAX_UPLOAD_BYTES,
            },
            // 400 means a missing client id on the anonymous-token call (§2); any other bad
            // request keeps the server's own words.
            400 if message
                .is_none_or(|m| m.is_empty() || m.to_ascii_lowercase().contains("client")) =>
            {
                Error::MissingClientId
            }
            402 => Error::ExportBlocked { bind_url: None },
            429 => Error::RateLimited {
                retry_after: parse_retry_after(retry_after),
            },
            _ => Error::Api {
                code,
                http_status,
                message: message.unwrap_or_default().to_owned(),
            },
        }
    }

    /// The protocol code of `docs/PROTOCOL.md` §2 this error stands for, if it is one.
    pub fn code(&self) -> Option<i64> {
        match self {
            Error::TokenRejected { .. } => Some(1001),
            Error::SessionNotFound => Some(1002),
            Error::OutOfCredits { .. } => Some(2001),
            Error::UnsupportedFileType { .. } => Some(4001),
            Error::FileTooLarge { .. } => Some(4002),
            Error::MissingClientId => Some(400),
            Error::ExportBlocked { .. } => Some(402),
            Error::RateLimited { .. } => Some(429),
            Error::Api { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// The stable category of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::TokenRejected { .. } => ErrorKind::Auth,
            Error::SessionNotFound => ErrorKind::Session,
            Error::OutOfCredits { .. } => ErrorKind::Credits,
            Error::UnsupportedFileType { .. } => ErrorKind::FileType,
            Error::FileTooLarge { .. } => ErrorKind::FileSize,
            Error::MissingClientId => ErrorKind::ClientId,
            Error::ExportBlocked { .. } => ErrorKind::ExportBlocked,
            Error::RateLimited { .. } => ErrorKind::RateLimited,
            Error::Api { .. } => ErrorKind::Api,
            Error::Network { .. } => ErrorKind::Network,
            Error::Disconnected => ErrorKind::Disconnected,
            Error::Sse(_) | Error::ReplyTooLong { .. } => ErrorKind::Stream,
            Error::Agent { .. } => ErrorKind::Agent,
            Error::Draft(_) => ErrorKind::Draft,
            Error::Protocol { .. } => ErrorKind::Protocol,
            Error::NotExportReady => ErrorKind::NotReady,
            Error::RenderFailed { .. } => ErrorKind::Render,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Cancelled => ErrorKind::Cancelled,
            Error::UnsupportedExportOption { .. } => ErrorKind::ExportOption,
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::NoPreview { .. } => ErrorKind::NoPreview,
        }
    }

    /// What a client does about this error before the caller sees it (`docs/PROTOCOL.md` §2).
    pub fn recovery(&self) -> Recovery {
        match self {
            Error::TokenRejected { configured: false } => Recovery::Reauthenticate,
            Error::SessionNotFound => Recovery::NewSession,
            Error::MissingClientId => Recovery::NewClientId,
            Error::RateLimited { retry_after } => Recovery::RetryAfter(*retry_after),
            Error::Api { http_status, .. } if *http_status >= 500 => Recovery::RetryIfIdempotent,
            Error::Network { .. } => Recovery::RetryIfIdempotent,
            _ => Recovery::GiveUp,
        }
    }

    /// The registration link for an anonymous user, on the errors that have one.
    pub fn bind_url(&self) -> Option<&str> {
        match self {
            Error::OutOfCredits { bind_url } | Error::ExportBlocked { bind_url } => {
                bind_url.as_deref()
            }
            _ => None,
        }
    }

    /// The formats the backend accepts, on an unsupported-type error.
    pub fn accepted_formats(&self) -> Option<&'static [&'static str]> {
        matches!(self, Error::UnsupportedFileType { .. }).then_some(ACCEPTED_FORMATS)
    }

    /// What was refused, on an unsupported-export-option error.
    pub fn export_option(&self) -> Option<OptionRefusal<'_>> {
        match self {
            Error::UnsupportedExportOption {
                option,
                value,
                accepted,
                with,
            } => Some(OptionRefusal {
                option,
                value,
                accepted,
                with: *with,
            }),
            _ => None,
        }
    }

    /// The size limit in bytes, on a too-large error.
    pub fn max_bytes(&self) -> Option<u64> {
        match self {
            Error::FileTooLarge { max_bytes, .. } => Some(*max_bytes),
            _ => None,
        }
    }

    /// How long to wait before trying again, on a rate-limit error.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited { retry_after } => Some(*retry_after),
            _ => None,
        }
    }
}

/// Reads `Retry-After` as delay-seconds; an HTTP date or garbage falls back to the default.
fn parse_retry_after(value: Option<&str>) -> Duration {
    value
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_RETRY_AFTER)
}

/// A wait as a person says it: seconds up to a minute and a half, then about so many minutes,
/// hours or days (rounded up, so the wait is never shorter than said).
fn wait_in_words(wait: Duration) -> String {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let (count, unit) = match seconds {
        0..=90 => return format!("{} second{}", seconds.max(1), plural(seconds.max(1))),
        91..=5_399 => (seconds.div_ceil(60), "minute"),
        5_400..=129_599 => (seconds.div_ceil(3_600), "hour"),
        _ => (seconds.div_ceil(86_400), "day"),
    };
    format!("about {count} {unit}{}", plural(count))
}

fn plural(count: u64) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn register_hint(bind_url: Option<&str>, purpose: &str) -> String {
    match bind_url {
        Some(url) => format!("; register at {url} {purpose}"),
        None => format!("; register {purpose}"),
    }
}

fn name_hint(name: Option<&str>) -> String {
    name.map(|n| format!(" ({n})")).unwrap_or_default()
}

fn message_hint(message: &str) -> String {
    if message.is_empty() {
        String::new()
    } else {
        format!(": {message}")
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn a_rate_limit_says_the_wait_in_words() {
        let said = |secs: u64| {
            Error::RateLimited {
                retry_after: Duration::from_secs(secs),
            }
            .to_string()
        };
        assert_eq!(said(0), "rate limited; try again in 1 second");
        assert_eq!(said(30), "rate limited; try again in 30 seconds");
        assert_eq!(said(600), "rate limited; try again in about 10 minutes");
        assert_eq!(said(7_200), "rate limited; try again in about 2 hours");
        assert_eq!(said(603_801), "rate limited; try again in about 7 days");
    }

    #[test]
    fn every_documented_code_maps_to_its_variant_and_back() {
        for code in [1001, 1002, 2001, 4001, 4002, 400, 402, 429] {
            let err = Error::from_api(Some(code), 200, None, None);
            assert_eq!(err.code(), Some(code), "{err:?}");
            assert!(!matches!(err, Error::Api { .. }), "{code} fell through");
        }
    }

    #[test]
    fn only_a_client_id_400_is_a_missing_client_id() {
        let missing = Error::from_api(Some(400), 400, Some("missing or invalid X-Client-Id"), None);
        assert_eq!(missing, Error::MissingClientId);
        let other = Error::from_api(Some(400), 400, Some("no `files` part in the form"), None);
        assert_eq!(
            other,
            Error::Api {
                code: 400,
                http_status: 400,
                message: "no `files` part in the form".into()
            }
        );
        assert!(other.to_string().contains("no `files` part"));
    }

    #[test]
    fn envelope_code_wins_over_http_status() {
        assert_eq!(
            Error::from_api(Some(1002), 200, None, None),
            Error::SessionNotFound
        );
        assert_eq!(
            Error::from_api(None, 402, Some("<html>"), None),
            Error::ExportBlocked { bind_url: None }
        );
        let other = Error::from_api(Some(5005), 500, Some("boom"), None);
        assert_eq!(other.code(), Some(5005));
        assert_eq!(other.recovery(), Recovery::RetryIfIdempotent);
        assert_eq!(
            other.to_string(),
            "the server answered with code 5005 (HTTP 500): boom"
        );
    }

    #[test]
    fn each_code_knows_its_recovery() {
        let r = |code| Error::from_api(Some(code), 200, None, None).recovery();
        assert_eq!(r(1001), Recovery::Reauthenticate);
        assert_eq!(r(1002), Recovery::NewSession);
        assert_eq!(r(400), Recovery::NewClientId);
        assert_eq!(r(429), Recovery::RetryAfter(DEFAULT_RETRY_AFTER));
        for code in [2001, 4001, 4002, 402] {
            assert_eq!(r(code), Recovery::GiveUp, "{code}");
        }
        assert_eq!(
            Error::TokenRejected { configured: true }.recovery(),
            Recovery::GiveUp
        );
        assert_eq!(Error::Disconnected.recovery(), Recovery::GiveUp);
    }

    #[test]
    fn retry_after_reads_seconds_and_falls_back() {
        let wait = |h| Error::from_api(Some(429), 429, None, h).retry_after();
        assert_eq!(wait(Some(" 7 ")), Some(Duration::from_secs(7)));
        assert_eq!(
            wait(Some("Wed, 21 Oct 2015 07:28:00 GMT")),
            Some(DEFAULT_RETRY_AFTER)
        );
        assert_eq!(wait(None), Some(DEFAULT_RETRY_AFTER));
    }

    #[test]
    fn errors_carry_what_a_person_needs() {
        let credits = Error::OutOfCredits {
            bind_url: Some("https://nemovideo.com/?bind=b1".into()),
        };
        assert_eq!(credits.bind_url(), Some("https://nemovideo.com/?bind=b1"));
        assert_eq!(
            credits.to_string(),
            "out of credits; register at https://nemovideo.com/?bind=b1 to get more"
        );
        let kind = Error::UnsupportedFileType {
            name: Some("setup.exe".into()),
        };
        assert_eq!(kind.accepted_formats(), Some(ACCEPTED_FORMATS));
        assert!(kind.to_string().contains("(setup.exe)"));
        assert!(kind.to_string().contains("mp4, mov"));
        let big = Error::from_api(Some(4002), 413, None, None);
        assert_eq!(big.max_bytes(), Some(MAX_UPLOAD_BYTES));
        assert_eq!(big.to_string(), "file too large; the limit is 200 MB");
        assert_eq!(
            Error::ExportBlocked { bind_url: None }.to_string(),
            "export is not available on the free plan; register to unlock export"
        );
    }

    #[test]
    fn kinds_are_stable_strings() {
        assert_eq!(Error::SessionNotFound.kind().as_str(), "session");
        assert_eq!(Error::NotExportReady.kind().to_string(), "not_ready");
        assert_eq!(Error::Cancelled.kind(), ErrorKind::Cancelled);
    }
}
