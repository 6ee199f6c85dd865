//! [`Bridge`]: the core's client as calls that answer in the values of the JS contract.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use i2v_core::Error;
use i2v_core::client::{
    Client, Clock, LogSink, PreviewMedia, ProgressSink, Session, Transport, UploadFile,
    UploadProgress,
};
use serde_json::Value;

use crate::config;
use crate::ops::Ops;
use crate::shapes::{
    CreditsShape, DraftShape, ExportProgressShape, ExportResultShape, SendOutcomeShape,
    SessionShape, StateShape, TurnEventShape, TurnOutcomeShape, media, ms,
};
use crate::wire::{Answer, Message, Outcome, Progress, Reply, WireError};

/// Receives the messages of a call that reports as it goes; the last is always `{end: …}`.
#[cfg(not(target_arch = "wasm32"))]
pub type Emit = Box<dyn FnMut(Message) + Send>;
/// Receives the messages of a call that reports as it goes; the last is always `{end: …}`.
#[cfg(target_arch = "wasm32")]
pub type Emit = Box<dyn FnMut(Message)>;

/// Upload progress is reported at most this many times per upload (plus the last report), so
/// a 200 MB upload does not cross into JS once per chunk.
const PROGRESS_STEPS: u64 = 200;

/// A client of the agent API whose every call a JS binding can pass through as it is.
pub struct Bridge<T, C> {
    client: Client<T, C>,
    ops: Ops,
}

impl<T: Transport + Clone, C: Clock + Clone> Bridge<T, C> {
    /// A bridge over `transport` and `clock`, configured by the shell's `config` object,
    /// writing the client's debug lines to `log` when one is given.
    pub fn new(
        transport: T,
        clock: C,
        config: Value,
        log: Option<LogSink>,
    ) -> Result<Bridge<T, C>, Box<WireError>> {
        let config = config::from_value(config).map_err(|err| Box::new(WireError::from(&err)))?;
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

    /// The session, once there is one.
    pub fn session(&self) -> Option<SessionShape> {
        self.client.session().map(|s| SessionShape::from(&s))
    }

    /// The last draft the client saw.
    pub fn last_draft(&self) -> Option<DraftShape> {
        self.client.last_draft().map(|d| DraftShape::from(&d))
    }

    /// The registration link of an anonymous user, when known.
    pub fn bind_url(&self) -> Option<String> {
        self.client.bind_url()
    }

    /// Adopts a session saved earlier (`{taskId, sessionId, bindId?, userId?}`); the error when
    /// the value is not one.
    pub fn resume(&self, session: &Value) -> Result<(), Box<WireError>> {
        let session = parse_session(session).map_err(|err| Box::new(WireError::from(&err)))?;
        self.client.resume(session);
        Ok(())
    }

    /// Cancels op `op`, running or about to start.
    pub fn abort(&self, op: u32) {
        self.ops.abort(op);
    }

    /// Sets the options of op `op` before it starts (`{timeoutMs?}`); the error when they are
    /// not such options.
    pub fn call_options(&self, op: u32, options: &Value) -> Result<(), Box<WireError>> {
        let options =
            config::call_options(options).map_err(|err| Box::new(WireError::from(&err)))?;
        self.ops.set_options(op, options);
        Ok(())
    }

    /// The view of the client that op `op` runs on, with the options set for it.
    fn view(&self, op: u32) -> Client<T, C> {
        self.client.for_call(self.ops.take_options(op))
    }

    /// Runs `work` (a call on `view`) as op `op`, and returns its reply. An aborted op may have
    /// left a render running on the server (an export, or a `send` that exported): the client
    /// stops it before the call ends.
    async fn run<R>(
        &self,
        op: u32,
        view: &Client<T, C>,
        work: impl Future<Output = Result<R, Error>>,
        to_answer: impl FnOnce(R) -> Answer,
    ) -> Reply {
        let outcome = self.ops.run(op, work).await;
        if matches!(outcome, Err(Error::Cancelled)) {
            view.cancel_abandoned_renders().await;
        }
        Outcome::of(outcome, view.failed_answer().as_ref(), to_answer)
    }

    /// Gets a token if needed and creates the session.
    pub async fn connect(&self, op: u32) -> Reply {
        let view = self.view(op);
        let work = view.connect();
        self.run(op, &view, work, |s| Answer::Session(SessionShape::from(&s)))
            .await
    }

    /// The claim link.
    pub async fn claim_url(&self, op: u32) -> Reply {
        let view = self.view(op);
        let work = view.claim_url();
        self.run(op, &view, work, Answer::Text).await
    }

    /// The credit balance.
    pub async fn credits(&self, op: u32) -> Reply {
        let view = self.view(op);
        let work = view.credits();
        self.run(op, &view, work, |c| Answer::Credits(CreditsShape::from(&c)))
            .await
    }

    /// The project's state.
    pub async fn state(&self, op: u32) -> Reply {
        let view = self.view(op);
        let work = view.state();
        self.run(op, &view, work, |s| {
            Answer::State(Box::new(StateShape::from(&s)))
        })
        .await
    }

    /// Has the backend fetch media from URLs (`urls`: an array of strings).
    pub async fn upload_urls(&self, op: u32, urls: &Value) -> Reply {
        let view = self.view(op);
        let work = async {
            let urls = string_list(urls).ok_or_else(|| Error::InvalidInput {
                message: "urls must be an array of strings".into(),
            })?;
            view.upload_urls(&urls).await
        };
        self.run(op, &view, work, |m| Answer::Media(media(&m)))
            .await
    }

    /// The preview of a draft's `src`: its bytes and type, which each binding hands to JS as
    /// bytes (never through the serde values of [`Answer`], which would make each byte a
    /// number), or the reply of its error.
    pub async fn preview_media(&self, op: u32, src: &str) -> Result<PreviewMedia, Reply> {
        let view = self.view(op);
        let outcome = self.ops.run(op, view.preview_media(src)).await;
        outcome.map_err(|error| {
            let failed = view.failed_answer();
            Outcome::Error(Box::new(WireError::new(&error, failed.as_ref())))
        })
    }

    /// Uploads files, reporting `{progress: {sent, total}}` then `{end: …}`.
    pub async fn upload(&self, op: u32, files: Vec<UploadFile>, emit: Emit) {
        // The emitter is shared by the progress sink (moved into the transport) and the end.
        // On wasm it is not `Send`, and needs not be: there is one thread.
        #[allow(clippy::arc_with_non_send_sync)]
        let emit = Arc::new(Mutex::new(emit));
        let sink = progress_sink(Arc::clone(&emit));
        let view = self.view(op);
        let work = view.upload(files, Some(sink));
        let end = self
            .run(op, &view, work, |m| Answer::Media(media(&m)))
            .await;
        send(&emit, Message::End(end));
    }

    /// Renders the current draft, reporting `{progress: …}` then `{end: …}`. `options` is
    /// `{format?, resolution?, fps?, quality?}` ([`config::export_options`]).
    pub async fn export(&self, op: u32, options: &Value, mut emit: Emit) {
        let view = self.view(op);
        let work = async {
            let options = config::export_options(options)?;
            view.export(&options, |p| emit(export_progress(&p))).await
        };
        let end = self.run(op, &view, work, exported).await;
        emit(Message::End(end));
    }

    /// Keeps polling a render submitted earlier, reporting as [`Bridge::export`] does.
    pub async fn resume_export(&self, op: u32, render_id: &str, mut emit: Emit) {
        let view = self.view(op);
        let work = view.resume_export(render_id, |p| emit(export_progress(&p)));
        let end = self.run(op, &view, work, exported).await;
        emit(Message::End(end));
    }

    /// Runs one chat turn, reporting `{event: …}` for each turn event then `{end: …}` with the
    /// turn's outcome.
    pub async fn chat(&self, op: u32, text: &str, mut emit: Emit) {
        let view = self.view(op);
        let work = view.chat(text, |event| emit(turn_event(&event)));
        let end = self
            .run(op, &view, work, |o| {
                Answer::Turn(Box::new(TurnOutcomeShape::from(&o)))
            })
            .await;
        emit(Message::End(end));
    }

    /// Handles what a person typed and attached, reporting as [`Bridge::chat`] does; the end
    /// carries the send outcome.
    pub async fn send(&self, op: u32, text: &str, files: Vec<UploadFile>, mut emit: Emit) {
        let view = self.view(op);
        let work = view.send(text, files, |event| emit(turn_event(&event)));
        let end = self
            .run(op, &view, work, |o| {
                Answer::Sent(Box::new(SendOutcomeShape::from(&o)))
            })
            .await;
        emit(Message::End(end));
    }
}

/// `{progress: …}` of an export.
fn export_progress(progress: &i2v_core::client::ExportProgress) -> Message {
    Message::Progress(Progress::Export(ExportProgressShape::from(progress)))
}

/// `{event: …}` of a turn.
fn turn_event(event: &i2v_core::client::TurnEvent) -> Message {
    Message::Event(Box::new(TurnEventShape::from(event)))
}

/// The answer of an export.
fn exported(result: i2v_core::client::ExportResult) -> Answer {
    Answer::Exported(Box::new(ExportResultShape::from(&result)))
}

/// Sends one message through a shared emitter.
fn send(emit: &Mutex<Emit>, message: Message) {
    let mut emit = emit.lock().unwrap_or_else(PoisonError::into_inner);
    emit(message);
}

/// Upload progress as `{progress: {sent, total}}`, thinned to [`PROGRESS_STEPS`] reports.
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
            let progress = Progress::Upload {
                sent: ms(sent),
                total: ms(total),
            };
            send(&emit, Message::Progress(progress));
        }
    })
}

/// A session the shell saved: `{taskId, sessionId, bindId?, userId?}`.
fn parse_session(value: &Value) -> Result<Session, Error> {
    let invalid = || Error::InvalidInput {
        message: "a session is {taskId, sessionId, bindId?, userId?}".into(),
    };
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

/// The strings of an array of strings; `None` when the value is anything else.
fn string_list(value: &Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|item| item.as_str().map(str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn only_an_array_of_strings_is_a_url_list() {
        let list = |text: &str| string_list(&serde_json::from_str(text).expect("json"));
        let urls = list(r#"["https://a.example/1.png", ""]"#);
        assert_eq!(
            urls,
            Some(vec!["https://a.example/1.png".into(), String::new()])
        );
        assert_eq!(list("[]"), Some(Vec::new()));
        for bad in [r#"["a", 1]"#, r#""a""#, "{}", "null"] {
            assert_eq!(list(bad), None, "{bad}");
        }
    }
}
