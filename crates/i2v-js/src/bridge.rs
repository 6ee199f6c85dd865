//! [`Bridge`]: the core's client as calls that answer in the JSON of the JS contract.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use i2v_core::Error;
use i2v_core::client::{
    Client, Clock, LogSink, ProgressSink, Session, Transport, UploadFile, UploadProgress,
};
use serde_json::Value;

use crate::ops::Ops;
use crate::{config, wire};

/// Receives the messages of a call that reports as it goes; the last is always `{"end": …}`.
#[cfg(not(target_arch = "wasm32"))]
pub type Emit = Box<dyn FnMut(String) + Send>;
/// Receives the messages of a call that reports as it goes; the last is always `{"end": …}`.
#[cfg(target_arch = "wasm32")]
pub type Emit = Box<dyn FnMut(String)>;

/// Upload progress is reported at most this many times per upload (plus the last report), so
/// a 200 MB upload does not cross into JS once per chunk.
const PROGRESS_STEPS: u64 = 200;

/// A client of the agent API whose every call a JS binding can pass through as it is.
pub struct Bridge<T, C> {
    client: Client<T, C>,
    ops: Ops,
}

impl<T: Transport + Clone, C: Clock + Clone> Bridge<T, C> {
    /// A bridge over `transport` and `clock`, configured by the shell's `configJson`, writing
    /// the client's debug lines to `log` when one is given; an error comes back as the error
    /// JSON.
    pub fn new(
        transport: T,
        clock: C,
        config_json: &str,
        log: Option<LogSink>,
    ) -> Result<Bridge<T, C>, String> {
        let config = config::from_json(config_json).map_err(|err| wire::error_json(&err))?;
        let client = Client::new(transport, clock, config);
        Ok(Bridge {
            client: match log {
                Some(log) => client.with_log(log),
                None => client,
            },
            ops: Ops::new(),
        })
    }

    /// The client id in use (a generated one included, for the shell to persist).
    pub fn client_id(&self) -> String {
        self.client.client_id()
    }

    /// The session as JSON, once there is one.
    pub fn session_json(&self) -> Option<String> {
        self.client
            .session()
            .map(|s| wire::text(&wire::session(&s)))
    }

    /// The last draft the client saw, as the draft object of [`wire::draft`].
    pub fn last_draft_json(&self) -> Option<String> {
        self.client
            .last_draft()
            .map(|d| wire::text(&wire::draft(&d)))
    }

    /// The registration link of an anonymous user, when known.
    pub fn bind_url(&self) -> Option<String> {
        self.client.bind_url()
    }

    /// Adopts a session saved earlier (`{taskId, sessionId, bindId, userId}`); the error JSON if
    /// the text is not one.
    pub fn resume(&self, session_json: &str) -> Option<String> {
        match parse_session(session_json) {
            Ok(session) => {
                self.client.resume(session);
                None
            }
            Err(err) => Some(wire::error_json(&err)),
        }
    }

    /// Cancels op `op`, running or about to start.
    pub fn abort(&self, op: u32) {
        self.ops.abort(op);
    }

    /// Sets the options of op `op` before it starts (`{timeoutMs?}`); the error JSON when the
    /// text is not such options.
    pub fn call_options(&self, op: u32, options_json: &str) -> Option<String> {
        match config::call_options(options_json) {
            Ok(options) => {
                self.ops.set_options(op, options);
                None
            }
            Err(err) => Some(wire::error_json(&err)),
        }
    }

    /// The view of the client that op `op` runs on, with the options set for it.
    fn view(&self, op: u32) -> Client<T, C> {
        self.client.for_call(self.ops.take_options(op))
    }

    /// Runs `work` (a call on `view`) as op `op`, and returns its outcome as result JSON. An
    /// aborted op may have left a render running on the server (an export, or a `send` that
    /// exported): the client stops it before the call ends.
    async fn run<R>(
        &self,
        op: u32,
        view: &Client<T, C>,
        work: impl Future<Output = Result<R, Error>>,
        to_value: impl FnOnce(R) -> Value,
    ) -> Value {
        let outcome = self.ops.run(op, work).await;
        if matches!(outcome, Err(Error::Cancelled)) {
            view.cancel_abandoned_renders().await;
        }
        wire::result(outcome, view.failed_answer().as_ref(), to_value)
    }

    /// Gets a token if needed and creates the session: the result JSON of a session.
    pub async fn connect(&self, op: u32) -> String {
        let view = self.view(op);
        let work = view.connect();
        wire::text(&self.run(op, &view, work, |s| wire::session(&s)).await)
    }

    /// The claim link: the result JSON of a string.
    pub async fn claim_url(&self, op: u32) -> String {
        let view = self.view(op);
        let work = view.claim_url();
        wire::text(&self.run(op, &view, work, Value::from).await)
    }

    /// The credit balance: the result JSON of the credits.
    pub async fn credits(&self, op: u32) -> String {
        let view = self.view(op);
        let work = view.credits();
        wire::text(&self.run(op, &view, work, |c| wire::credits(&c)).await)
    }

    /// The project's state: the result JSON of the state.
    pub async fn state(&self, op: u32) -> String {
        let view = self.view(op);
        let work = view.state();
        wire::text(&self.run(op, &view, work, |s| wire::state(&s)).await)
    }

    /// Has the backend fetch media from URLs (`urls_json` is an array of strings).
    pub async fn upload_urls(&self, op: u32, urls_json: &str) -> String {
        let view = self.view(op);
        let work = async {
            let urls = string_list(urls_json).ok_or_else(|| Error::InvalidInput {
                message: "urls must be an array of strings".into(),
            })?;
            view.upload_urls(&urls).await
        };
        wire::text(&self.run(op, &view, work, |m| wire::media(&m)).await)
    }

    /// Uploads files, reporting `{"progress": {sent, total}}` then `{"end": …}`.
    pub async fn upload(&self, op: u32, files: Vec<UploadFile>, emit: Emit) {
        // The emitter is shared by the progress sink (moved into the transport) and the end.
        // On wasm it is not `Send`, and needs not be: there is one thread.
        #[allow(clippy::arc_with_non_send_sync)]
        let emit = Arc::new(Mutex::new(emit));
        let sink = progress_sink(Arc::clone(&emit));
        let view = self.view(op);
        let work = view.upload(files, Some(sink));
        let end = self.run(op, &view, work, |m| wire::media(&m)).await;
        send(&emit, wire::message("end", end));
    }

    /// Renders the current draft, reporting `{"progress": …}` then `{"end": …}`.
    /// `options_json` is `{format?, resolution?, fps?, quality?}` ([`config::export_options`]).
    pub async fn export(&self, op: u32, options_json: &str, mut emit: Emit) {
        let view = self.view(op);
        let work = async {
            let options = config::export_options(options_json)?;
            view.export(&options, |p| {
                emit(wire::message("progress", wire::export_progress(&p)));
            })
            .await
        };
        let end = self.run(op, &view, work, |r| wire::export_result(&r)).await;
        emit(wire::message("end", end));
    }

    /// Keeps polling a render submitted earlier, reporting as [`Bridge::export`] does.
    pub async fn resume_export(&self, op: u32, render_id: &str, mut emit: Emit) {
        let view = self.view(op);
        let work = view.resume_export(render_id, |p| {
            emit(wire::message("progress", wire::export_progress(&p)));
        });
        let end = self.run(op, &view, work, |r| wire::export_result(&r)).await;
        emit(wire::message("end", end));
    }

    /// Runs one chat turn, reporting `{"event": …}` for each turn event then `{"end": …}` with
    /// the turn's outcome.
    pub async fn chat(&self, op: u32, text: &str, mut emit: Emit) {
        let view = self.view(op);
        let work = view.chat(text, |event| {
            emit(wire::message("event", wire::turn_event(&event)));
        });
        let end = self.run(op, &view, work, |o| wire::turn_outcome(&o)).await;
        emit(wire::message("end", end));
    }

    /// Handles what a person typed and attached, reporting as [`Bridge::chat`] does; the end
    /// carries the send outcome.
    pub async fn send(&self, op: u32, text: &str, files: Vec<UploadFile>, mut emit: Emit) {
        let view = self.view(op);
        let work = view.send(text, files, |event| {
            emit(wire::message("event", wire::turn_event(&event)));
        });
        let end = self.run(op, &view, work, |o| wire::send_outcome(&o)).await;
        emit(wire::message("end", end));
    }
}

/// Sends one message through a shared emitter.
fn send(emit: &Mutex<Emit>, message: String) {
    let mut emit = emit.lock().unwrap_or_else(PoisonError::into_inner);
    emit(message);
}

/// Upload progress as `{"progress": {sent, total}}`, thinned to [`PROGRESS_STEPS`] reports.
fn progress_sink(emit: Arc<Mutex<Emit>>) -> ProgressSink {
    let mut last_reported: Option<u64> = None;
    Box::new(move |UploadProgress { sent, total }| {
        let step = (total / PROGRESS_STEPS).max(1);
        let due = match last_reported {
            None => true,
            Some(last) => sent >= total || sent.saturating_sub(last) >= step,
        };
        if due && last_reported != Some(sent) {
            last_reported = Some(sent);
            let progress = wire::object([("sent", sent.into()), ("total", total.into())]);
            send(&emit, wire::message("progress", progress));
        }
    })
}

/// A session the shell saved: `{taskId, sessionId, bindId?, userId?}`.
fn parse_session(text: &str) -> Result<Session, Error> {
    let invalid = || Error::InvalidInput {
        message: "a session is {taskId, sessionId, bindId?, userId?}".into(),
    };
    let value = serde_json::from_str::<Value>(text).map_err(|_| invalid())?;
    let field = |name: &str| {
        value
            .get(name)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    Ok(Session {
        task_id: field("taskId").ok_or_else(invalid)?,
        session_id: field("sessionId").ok_or_else(invalid)?,
        bind_id: field("bindId"),
        user_id: field("userId"),
    })
}

/// The strings of a JSON array of strings; `None` when the text is anything else.
fn string_list(text: &str) -> Option<Vec<String>> {
    match serde_json::from_str::<Value>(text).ok()? {
        Value::Array(items) => items
            .into_iter()
            .map(|item| match item {
                Value::String(text) => Some(text),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn only_an_array_of_strings_is_a_url_list() {
        let urls = string_list(r#"["https://a.example/1.png", ""]"#);
        assert_eq!(
            urls,
            Some(vec!["https://a.example/1.png".into(), String::new()])
        );
        assert_eq!(string_list("[]"), Some(Vec::new()));
        for bad in [r#"["a", 1]"#, r#""a""#, "{}", "[", "null"] {
            assert_eq!(string_list(bad), None, "{bad}");
        }
    }
}
