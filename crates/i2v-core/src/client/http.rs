//! One API call with the recovery rules of `docs/PROTOCOL.md` §2 around it.
//!
//! A call is built afresh for every attempt, because a recovery can change what it names (a new
//! session id) or who it is from (a new token). The rules, in the order a failure meets them:
//! 1001 re-acquires the anonymous token and retries once (a configured token is never replaced);
//! 1002 creates a new session, tells the caller, and retries once; 400 on the anonymous-token call
//! makes a new client id and retries once; 429 waits `Retry-After` and retries once; 5xx and
//! transport failures retry with capped, jittered exponential backoff, but only when repeating
//! the request is safe: a GET, or a request that never left this machine. `/run_sse` is therefore
//! never re-sent once it may have reached the server.
//!
//! Every request waits at most its timeout for its answer (the call's own, else
//! [`super::Timing::request_timeout`]; uploads only for a call's own): a JSON answer read whole,
//! an event stream opened. A request that runs out is a [`Error::Timeout`], not retried: the
//! caller's budget is spent.

use std::time::Duration;

use std::sync::PoisonError;

use super::envelope::{MAX_FILE_RESPONSE, MAX_JSON_RESPONSE, Payload, interpret, read_limited};
use super::platform::Callback;
use super::race::{First, race};
use super::transport::{Body, Headers, Method, Request, Response};
use super::{Client, Clock, FailedAnswer, Notice, Transport};
use crate::json::json_text;
use crate::{Error, Recovery};

/// The headers a server names its request id in, in the order they are looked for.
const REQUEST_ID_HEADERS: &[&str] = &["x-request-id", "request-id", "x-amzn-requestid"];

/// A URL as a log line may show it: without its query string (the only place a secret could be).
fn loggable(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or_default()
}

/// A duration in seconds, decimals only where needed (`60 s`, `2.5 s`). Whole numbers only: an
/// `f64` printed would bring its formatting code, 13 KB, into the browser build.
fn seconds(duration: Duration) -> String {
    let ms = duration.as_millis();
    let fraction = format!("{:03}", ms % 1000);
    match fraction.trim_end_matches('0') {
        "" => format!("{} s", ms / 1000),
        digits => format!("{}.{digits} s", ms / 1000),
    }
}

/// What kind of call this is, for the recovery rules.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    /// The method.
    pub(crate) method: Method,
    /// The anonymous-token call: sends the client id and no bearer token.
    pub(crate) anonymous: bool,
    /// The call names the session, so a 1002 is recovered with a new session.
    pub(crate) session_scoped: bool,
    /// The call expects an event stream (`Accept: text/event-stream`).
    pub(crate) streaming: bool,
    /// The body can be built again for a retry (false for streamed uploads: recoveries still
    /// renew the token or session, but the error goes to the caller).
    pub(crate) replayable: bool,
    /// A success is a file of any type, read whole as bytes (a preview's picture or sound),
    /// not JSON; a failure is still read as the envelope.
    pub(crate) binary: bool,
}

impl Spec {
    /// A GET of a session-scoped or account resource.
    pub(crate) fn get(session_scoped: bool) -> Spec {
        Spec {
            method: Method::Get,
            anonymous: false,
            session_scoped,
            streaming: false,
            replayable: true,
            binary: false,
        }
    }

    /// A POST.
    pub(crate) fn post(session_scoped: bool) -> Spec {
        Spec {
            method: Method::Post,
            ..Spec::get(session_scoped)
        }
    }
}

/// One attempt's request, as the call's builder makes it.
#[derive(Debug)]
pub(crate) struct Outgoing {
    /// The path below the API base URL, starting with `/`.
    pub(crate) path: String,
    /// The body.
    pub(crate) body: Body,
}

/// A JSON object from its fields: the bodies the client sends.
///
/// Not `serde_json::json!`: it converts each value with `to_value(..).unwrap()`, and that
/// unwrap's panic message formats serde_json's error with `Debug`, which brings string escaping
/// and Unicode's printable tables into the browser package (with `Value`'s `Display`, see
/// [`crate::json`], 0.9 KB gzipped, measured).
pub(crate) fn object(fields: Vec<(&str, serde_json::Value)>) -> serde_json::Value {
    // Inserted one by one: collecting into the map would bring a sort for its bulk build.
    let mut map = serde_json::Map::new();
    for (key, value) in fields {
        map.insert(key.to_owned(), value);
    }
    serde_json::Value::Object(map)
}

impl Outgoing {
    /// A request with a JSON body.
    pub(crate) fn json(path: impl Into<String>, value: &serde_json::Value) -> Outgoing {
        Outgoing {
            path: path.into(),
            body: Body::Bytes(json_text(value).into_bytes()),
        }
    }

    /// A request with no body.
    pub(crate) fn empty(path: impl Into<String>) -> Outgoing {
        Outgoing {
            path: path.into(),
            body: Body::Empty,
        }
    }
}

/// A successful answer.
#[derive(Debug)]
pub(crate) enum Answer {
    /// A JSON answer, read whole.
    Json(Payload),
    /// An event stream, still open.
    Stream(Response),
    /// A file of a [`Spec::binary`] call, read whole: its bytes and its `Content-Type`.
    Bytes(Vec<u8>, String),
}

impl Answer {
    /// The JSON payload; an event stream where JSON was expected is a protocol error.
    pub(crate) fn into_json(self) -> Result<Payload, Error> {
        match self {
            Answer::Json(payload) => Ok(payload),
            _ => Err(Error::Protocol {
                message: "expected JSON, got an event stream".into(),
            }),
        }
    }
}

/// Which one-time recoveries a call has used.
#[derive(Debug, Default)]
struct Used {
    reauth: bool,
    session: bool,
    client_id: bool,
    rate_limit: bool,
    transient: u32,
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Runs a call: `build` makes each attempt's request; the answer is JSON or an open stream.
    pub(crate) async fn call<'s>(
        &'s self,
        spec: Spec,
        build: &mut Callback<'_, &'s Self, Result<Outgoing, Error>>,
    ) -> Result<Answer, Error> {
        let mut used = Used::default();
        loop {
            if !spec.anonymous {
                self.ensure_token().await?;
            }
            if spec.session_scoped {
                self.ensure_session().await?;
            }
            let request = self.request(spec, build(self)?);
            match self.attempt(request, spec.binary).await {
                Ok(answer) => return Ok(answer),
                Err((err, resendable)) => self.recover(spec, err, resendable, &mut used).await?,
            }
        }
    }

    /// Applies the recovery rule for a failed attempt: `Ok` means try again, `Err` is what the
    /// caller gets.
    async fn recover(
        &self,
        spec: Spec,
        err: Error,
        resendable: bool,
        used: &mut Used,
    ) -> Result<(), Error> {
        if !spec.replayable {
            // The body cannot be sent again; renew what the failure says is stale, so that the
            // caller's own retry works, and report the failure.
            match err.recovery() {
                Recovery::Reauthenticate if self.config.token.is_none() => {
                    self.debug(|| "the token was refused: acquiring a new one".into());
                    self.acquire_token().await?;
                    self.notice(Notice::TokenRenewed);
                }
                Recovery::NewSession if spec.session_scoped => {
                    self.debug(|| "the session has expired: creating a new one".into());
                    self.replace_session().await?;
                }
                _ => {}
            }
            return Err(self.complete_error(err));
        }
        self.debug(|| format!("recovering from: {err}"));
        match err.recovery() {
            Recovery::Reauthenticate if !spec.anonymous && !used.reauth => {
                if self.config.token.is_some() {
                    return Err(Error::TokenRejected { configured: true });
                }
                used.reauth = true;
                self.acquire_token().await?;
                self.notice(Notice::TokenRenewed);
            }
            Recovery::NewSession if spec.session_scoped && !used.session => {
                used.session = true;
                self.replace_session().await?;
            }
            Recovery::NewClientId if spec.anonymous && !used.client_id => {
                used.client_id = true;
                let client_id = {
                    let mut memory = self.memory();
                    memory.client_id = super::rng::new_client_id();
                    memory.client_id.clone()
                };
                self.notice(Notice::ClientIdGenerated { client_id });
            }
            Recovery::RetryAfter(wait)
                if !used.rate_limit && wait <= self.config.timing.rate_limit_max_wait =>
            {
                used.rate_limit = true;
                self.clock.sleep(wait).await;
            }
            Recovery::RetryIfIdempotent
                if resendable && used.transient + 1 < self.config.timing.retry_attempts =>
            {
                let wait = self.backoff(used.transient);
                used.transient += 1;
                self.clock.sleep(wait).await;
            }
            _ => return Err(self.complete_error(err)),
        }
        Ok(())
    }

    /// Sends one request within its timeout (a `binary` answer's body read whole within it
    /// too). On failure, also says whether re-sending it would be safe.
    async fn attempt(&self, request: Request, binary: bool) -> Result<Answer, (Error, bool)> {
        let limit = self.call.timeout.or_else(|| {
            let upload = matches!(request.body, Body::Multipart(_));
            (!upload).then_some(self.config.timing.request_timeout)
        });
        let what = format!("{} {}", request.method.as_str(), loggable(&request.url));
        self.debug(|| format!("request {what}"));
        let started = self.clock.now_ms();
        let answer = match limit {
            Some(limit) => {
                match race(self.answer(request, binary), self.clock.sleep(limit)).await {
                    First::Left(answer) => answer,
                    First::Right(()) => {
                        let what = format!("no answer to {what} within {}", seconds(limit));
                        Err((Error::Timeout { what }, false))
                    }
                }
            }
            None => self.answer(request, binary).await,
        };
        let took = self.clock.now_ms().saturating_sub(started);
        self.debug(|| match &answer {
            Ok(_) => format!("answer to {what} in {took} ms"),
            Err((err, _)) => format!("{what} failed in {took} ms: {err}"),
        });
        answer
    }

    /// Sends one request and reads its answer, recording the failed answer of the view.
    async fn answer(&self, request: Request, binary: bool) -> Result<Answer, (Error, bool)> {
        self.set_failed(None);
        let idempotent = request.method == Method::Get;
        let mut response = match self.transport.send(request).await {
            Ok(response) => response,
            Err(err) => {
                let resendable = idempotent || !err.maybe_sent;
                return Err((err.into(), resendable));
            }
        };
        let success = (200..300).contains(&response.status);
        let event_stream = response
            .headers
            .get("content-type")
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("text/event-stream"));
        if success && event_stream {
            return Ok(Answer::Stream(response));
        }
        // One read for both kinds of answer: a second loop would cost the browser build its
        // code again. A file may be larger than JSON ever is; a failure is JSON again.
        let file = success && binary;
        let limit = if file {
            MAX_FILE_RESPONSE
        } else {
            MAX_JSON_RESPONSE
        };
        let body = read_limited(&mut response, limit)
            .await
            .map_err(|err| (err, idempotent))?;
        if file {
            let content_type = response.headers.get("content-type").unwrap_or_default();
            return Ok(Answer::Bytes(body, content_type.to_owned()));
        }
        let retry_after = response.headers.get("retry-after");
        interpret(response.status, retry_after, &body)
            .map(Answer::Json)
            .map_err(|refusal| {
                if let Some(bind_id) = refusal.bind_id {
                    self.learn_bind_id(bind_id);
                }
                self.set_failed(Some(FailedAnswer {
                    status: response.status,
                    request_id: REQUEST_ID_HEADERS
                        .iter()
                        .find_map(|name| response.headers.get(name))
                        .map(str::to_owned),
                }));
                (refusal.error, idempotent)
            })
    }

    fn set_failed(&self, failed: Option<FailedAnswer>) {
        *self.failed.lock().unwrap_or_else(PoisonError::into_inner) = failed;
    }

    /// Builds the request of one attempt: URL, attribution, credentials, body headers.
    fn request(&self, spec: Spec, outgoing: Outgoing) -> Request {
        let attribution = &self.config.attribution;
        let mut headers = Headers::new();
        headers.push("X-Skill-Source", attribution.source.as_str());
        headers.push("X-Skill-Version", attribution.version.as_str());
        headers.push("X-Skill-Platform", attribution.platform.as_str());
        let memory = self.memory();
        if spec.anonymous {
            headers.push("X-Client-Id", memory.client_id.as_str());
        } else if let Some(token) = &memory.token {
            headers.push("Authorization", format!("Bearer {}", token.expose()));
        }
        drop(memory);
        headers.push(
            "Accept",
            if spec.streaming {
                "text/event-stream"
            } else if spec.binary {
                "*/*"
            } else {
                "application/json"
            },
        );
        match &outgoing.body {
            Body::Bytes(_) => headers.push("Content-Type", "application/json"),
            Body::Multipart(form) => headers.push("Content-Type", form.content_type()),
            Body::Empty => {}
        }
        Request {
            method: spec.method,
            url: format!(
                "{}{}",
                self.config.api_url.trim_end_matches('/'),
                outgoing.path
            ),
            headers,
            body: outgoing.body,
        }
    }

    /// The wait before transient retry number `n` (0-based): doubling, capped, jittered.
    fn backoff(&self, n: u32) -> Duration {
        let timing = &self.config.timing;
        let full = timing
            .retry_base_backoff
            .saturating_mul(1u32 << n.min(16))
            .min(timing.retry_max_backoff);
        let ms = full.as_millis() as u64;
        Duration::from_millis(self.memory().rng.between(ms / 2, ms))
    }

    /// Adds what only the client knows to an error the response produced.
    pub(crate) fn complete_error(&self, err: Error) -> Error {
        match err {
            Error::TokenRejected { .. } => Error::TokenRejected {
                configured: self.config.token.is_some(),
            },
            Error::OutOfCredits { bind_url: None } => Error::OutOfCredits {
                bind_url: self.bind_url(),
            },
            Error::ExportBlocked { bind_url: None } => Error::ExportBlocked {
                bind_url: self.bind_url(),
            },
            other => other,
        }
    }
}
