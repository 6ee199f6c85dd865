//! The errors, results and messages of the JS contract (`npm/shared/index.d.ts`) as Rust types.
//!
//! A call that answers once answers a [`Reply`]: `{ok: value}` or `{error: fields}`. A call that
//! reports as it goes sends [`Message`]s, `{progress}` or `{event}`, and last `{end: reply}`. An
//! error is a [`WireError`]: the fields the shell's `I2vError` subclasses carry, set from this
//! object, never read out of a message.

use i2v_core::Error;
use i2v_core::client::FailedAnswer;
use i2v_core::sse::SseError;
use serde::Serialize;

use crate::shapes::{
    ChangeShape, CreditsShape, DraftShape, ExportOptionsShape, ExportProgressShape,
    ExportResultShape, GuiTranslationShape, IntentShape, MediaShape, SendOutcomeShape,
    SessionShape, StateShape, TurnEventShape, TurnOutcomeShape, ms,
};

/// A result as the shell reads it: `{"ok": …}` or `{"error": …}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome<T> {
    /// What the call made.
    Ok(T),
    /// Why it failed.
    Error(Box<WireError>),
}

impl<T> Outcome<T> {
    /// The outcome of `result`, with the answer it failed on, when it did.
    pub fn of<R>(
        result: Result<R, Error>,
        failed: Option<&FailedAnswer>,
        to_shape: impl FnOnce(R) -> T,
    ) -> Outcome<T> {
        match result {
            Ok(value) => Outcome::Ok(to_shape(value)),
            Err(error) => Outcome::Error(Box::new(WireError::new(&error, failed))),
        }
    }
}

/// What a call made, the client's and the helpers' alike: one type for every call, so that each
/// binding converts answers with one instance of its serializer (each instance costs the
/// browser build kilobytes). The shell knows which call it made, so the variants need no tag.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    /// `connect`.
    Session(SessionShape),
    /// `claimUrl`.
    Text(String),
    /// `credits`.
    Credits(CreditsShape),
    /// `state`.
    State(Box<StateShape>),
    /// `upload` and `uploadUrls`.
    Media(Vec<MediaShape>),
    /// `export` and `resumeExport`.
    Exported(Box<ExportResultShape>),
    /// `chat`.
    Turn(Box<TurnOutcomeShape>),
    /// `send`.
    Sent(Box<SendOutcomeShape>),
    /// `parseDraft` and the client's `lastDraft`.
    Draft(Box<DraftShape>),
    /// `diffDrafts`.
    Changes(Vec<ChangeShape>),
    /// `checkExportOptions`.
    ExportOptions(ExportOptionsShape),
    /// `routeIntent`.
    Intent(IntentShape),
    /// `translateGui`.
    Gui(GuiTranslationShape),
}

/// The reply of a client's call.
pub type Reply = Outcome<Answer>;

/// One message of a call that reports as it goes; `end` is always the last.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Message {
    /// How far an upload or an export has come.
    Progress(Progress),
    /// One event of a turn.
    Event(Box<TurnEventShape>),
    /// How the call ended.
    End(Reply),
}

/// How far a call has come.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Progress {
    /// An upload's bytes: `{sent, total}`.
    Upload {
        /// Bytes sent so far.
        sent: f64,
        /// Bytes to send.
        total: f64,
    },
    /// An export's status.
    Export(ExportProgressShape),
}

/// Which option an export could not take, and what it could have been.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionShape {
    /// `format`, `resolution`, `fps` or `quality`.
    pub name: &'static str,
    /// The value asked for.
    pub value: String,
    /// The values that work.
    pub accepted: Vec<&'static str>,
    /// What narrowed the choice (`a gif`), when something did.
    pub with: Option<String>,
}

/// An error as the shell makes its `I2vError` from it: the protocol code, the stable kind, the
/// message a person reads, the fields that say what to do about it, the HTTP status and the
/// server's request id of the answer it came from, and what the network said (`cause`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireError {
    /// The HTTP status of the answer the call failed on.
    pub status: Option<u16>,
    /// The server's id of that request.
    pub request_id: Option<String>,
    /// What the network said, for a connection that failed.
    pub cause: Option<String>,
    /// The protocol's error code, when there is one.
    pub code: Option<f64>,
    /// The stable kind (`auth`, `credits`, `file_size`, …).
    pub kind: &'static str,
    /// What a person reads. Never a token or a URL that carries one (the core's rule).
    pub message: String,
    /// The registration link, for credit errors of anonymous users.
    pub bind_url: Option<String>,
    /// The file types that can be uploaded, for a refused type.
    pub accepted_formats: Option<Vec<&'static str>>,
    /// The largest upload, for a file too large.
    pub max_bytes: Option<f64>,
    /// The export option that could not be honoured.
    pub option: Option<OptionShape>,
    /// How long to wait before trying again, for a rate limit.
    pub retry_after_ms: Option<f64>,
}

impl WireError {
    /// The fields of `error`, and of the answer it failed on, when it did.
    pub fn new(error: &Error, failed: Option<&FailedAnswer>) -> WireError {
        WireError {
            status: failed.map(|f| f.status),
            request_id: failed.and_then(|f| f.request_id.clone()),
            cause: match error {
                Error::Network { message } => Some(message.clone()),
                _ => None,
            },
            // Protocol codes are small integers: exact as JS numbers.
            code: error.code().map(|code| code as f64),
            kind: error.kind().as_str(),
            message: error.to_string(),
            bind_url: error.bind_url().map(str::to_owned),
            accepted_formats: error.accepted_formats().map(<[_]>::to_vec),
            max_bytes: error.max_bytes().map(ms),
            option: error.export_option().map(|refusal| OptionShape {
                name: refusal.option,
                value: refusal.value.to_owned(),
                accepted: refusal.accepted.to_vec(),
                with: refusal.with.map(str::to_owned),
            }),
            retry_after_ms: error.retry_after().map(|wait| wait.as_millis() as f64),
        }
    }
}

impl From<&Error> for WireError {
    fn from(error: &Error) -> WireError {
        WireError::new(error, None)
    }
}

impl From<&SseError> for WireError {
    fn from(error: &SseError) -> WireError {
        WireError::new(&Error::Sse(error.clone()), None)
    }
}

/// The last message of a streaming call that a binding ends itself, before the bridge runs
/// (files that cannot be read): `{"end": {"error": …}}`.
pub fn end_error(error: &Error) -> Message {
    Message::End(Outcome::Error(Box::new(WireError::from(error))))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use std::time::Duration;

    use i2v_core::client::{ExportOptions, TurnEvent};
    use i2v_core::draft::Draft;
    use i2v_core::gui::GuiAction;
    use serde_json::{Value, json};

    use super::*;
    use crate::shapes::{DraftShape, IntentShape};

    /// What JS sees of `shape` (serde-wasm-bindgen's JSON-compatible mode and napi make the
    /// same objects as serde_json's values).
    fn js(shape: impl Serialize) -> Value {
        serde_json::to_value(shape).expect("a JSON value")
    }

    fn error_value(error: &Error, failed: Option<&FailedAnswer>) -> Value {
        js(WireError::new(error, failed))
    }

    fn error_value_of(error: &Error) -> Value {
        error_value(error, None)
    }

    #[test]
    fn errors_carry_the_answer_they_failed_on_and_the_networks_words() {
        let failed = FailedAnswer {
            status: 403,
            request_id: Some("req_1".into()),
        };
        let credits = error_value(&Error::OutOfCredits { bind_url: None }, Some(&failed));
        assert_eq!(
            (&credits["status"], &credits["requestId"], &credits["cause"]),
            (&json!(403), &json!("req_1"), &Value::Null)
        );
        let network = error_value_of(&Error::Network {
            message: "connection refused".into(),
        });
        assert_eq!(network["cause"], "connection refused");
        assert_eq!(network["status"], Value::Null);
    }

    #[test]
    fn errors_carry_code_kind_and_what_to_do() {
        let value = error_value_of(&Error::FileTooLarge {
            name: Some("big.mp4".into()),
            size: Some(300 << 20),
            max_bytes: 200 << 20,
        });
        assert_eq!(value["code"], 4002.0);
        assert_eq!(value["kind"], "file_size");
        assert_eq!(value["maxBytes"], f64::from(200 << 20));
        assert!(
            value["message"]
                .as_str()
                .is_some_and(|m| m.contains("big.mp4"))
        );
        let limited = error_value_of(&Error::RateLimited {
            retry_after: Duration::from_secs(30),
        });
        assert_eq!(
            (limited["code"].clone(), limited["retryAfterMs"].clone()),
            (json!(429.0), json!(30_000.0))
        );
        let formats = error_value_of(&Error::UnsupportedFileType { name: None });
        assert!(
            formats["acceptedFormats"]
                .as_array()
                .is_some_and(|list| !list.is_empty())
        );
        assert_eq!(error_value_of(&Error::Cancelled)["kind"], "cancelled");
    }

    #[test]
    fn drafts_travel_with_their_summary_and_exact_json() {
        let text =
            r#"{"t":[{"tt":0,"sg":[{"d":3000,"m":{"src":"med_1"},"x":1.50}]}],"keep":{"a":1}}"#;
        let parsed = Draft::parse(text).expect("draft");
        let value = js(DraftShape::from(&parsed));
        assert_eq!(
            value["value"],
            serde_json::from_str::<Value>(text).expect("json")
        );
        assert_eq!(value["exportReady"], true);
        assert_eq!(value["durationMs"], 3000.0);
        assert!(value["summary"].as_str().is_some_and(|s| !s.is_empty()));
    }

    #[test]
    fn an_unsupported_export_option_names_itself_and_the_choices() {
        let mut options = ExportOptions::default();
        let refused = options.set("format", "mkv").expect_err("mkv is not made");
        let value = error_value_of(&refused);
        assert_eq!(value["kind"], "export_option");
        assert_eq!(
            value["option"],
            json!({"name": "format", "value": "mkv", "accepted": ["mp4", "mov", "webm", "gif"],
                   "with": null})
        );
        assert_eq!(error_value_of(&Error::Cancelled)["option"], Value::Null);
    }

    #[test]
    fn turn_events_are_tagged_and_camel_cased() {
        let waited = js(TurnEventShape::from(&TurnEvent::StillWorking {
            waited: Duration::from_secs(120),
        }));
        assert_eq!(
            waited,
            json!({"type": "stillWorking", "waitedMs": 120_000.0})
        );
        let edit = js(TurnEventShape::from(&TurnEvent::Action(
            GuiAction::SendEdit("swap 1 and 2".into()),
        )));
        assert_eq!(
            edit,
            json!({"type": "action", "action": {"kind": "send_edit", "text": "swap 1 and 2"}})
        );
    }

    #[test]
    fn intents_name_their_export_options() {
        let routed = js(IntentShape::from(&i2v_core::intent::route(
            "export it vertical in 4K as mov at 60 fps",
        )));
        assert_eq!(routed["action"], "export");
        assert_eq!(routed["export"]["fps"], 60);
        assert_eq!(routed["export"]["aspect"], "9:16");
        assert_eq!(routed["export"]["format"], "mov");
        assert_eq!(routed["export"]["resolution"], "2160p");
        let chat = js(IntentShape::from(&i2v_core::intent::route("add a title")));
        assert_eq!(chat, json!({"action": "chat"}));
    }
}

#[cfg(test)]
mod message_tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;

    #[test]
    fn messages_and_replies_are_tagged_by_their_one_key() {
        let progress = Message::Progress(Progress::Upload {
            sent: 5.0,
            total: 10.0,
        });
        assert_eq!(
            serde_json::to_value(progress).expect("json"),
            json!({"progress": {"sent": 5.0, "total": 10.0}})
        );
        let end = Message::End(Outcome::Ok(Answer::Text("https://x/claim".into())));
        assert_eq!(
            serde_json::to_value(end).expect("json"),
            json!({"end": {"ok": "https://x/claim"}})
        );
        let failed = serde_json::to_value(end_error(&Error::Cancelled)).expect("json");
        assert_eq!(failed["end"]["error"]["kind"], "cancelled");
    }
}
