//! The JSON shapes of the JS contract (`npm/shared/index.d.ts`), built from the core's types.
//!
//! Names are camelCase as JS spells them; absent values are `null`, never missing, so the shell
//! can hand objects on as they are. Drafts travel as a [`draft`] object carrying the draft's own
//! JSON with its summary, readiness and length worked out once, here, by the core.

use i2v_core::Error;
use i2v_core::client::{
    Canvas, Credits, ExportOptions, ExportProgress, ExportResult, FailedAnswer, Notice,
    SendOutcome, Session, State, TurnEvent, TurnOutcome, UploadedMedia,
};
use i2v_core::draft::{Change, ChangeKind, Draft, Place};
use i2v_core::gui::{GuiAction, GuiTranslation};
use i2v_core::intent::Intent;
use i2v_core::sse::SseError;
use serde_json::Value;

/// A JSON object of `fields`.
pub(crate) fn object<const N: usize>(mut fields: [(&str, Value); N]) -> Value {
    object_of(&mut fields)
}

/// [`object`] for any number of fields, compiled once rather than once per length.
fn object_of(fields: &mut [(&str, Value)]) -> Value {
    let mut object = serde_json::Map::new();
    for (name, value) in fields {
        object.insert((*name).to_owned(), value.take());
    }
    Value::Object(object)
}

/// `value` as JSON text.
pub(crate) fn text(value: &Value) -> String {
    value.to_string()
}

/// `{"ok": value}`.
pub fn ok(value: Value) -> Value {
    object([("ok", value)])
}

/// `{"error": {...}}` for a core error, and the answer it failed on, when it did.
pub fn err(error: &Error, failed: Option<&FailedAnswer>) -> Value {
    object([("error", error_value(error, failed))])
}

/// A result as the shell reads it: `{"ok": …}` or `{"error": …}` (with the answer it failed on,
/// when it did).
pub fn result<T>(
    result: Result<T, Error>,
    failed: Option<&FailedAnswer>,
    to_value: impl FnOnce(T) -> Value,
) -> Value {
    match result {
        Ok(value) => ok(to_value(value)),
        Err(error) => err(&error, failed),
    }
}

/// An error as the shell turns it into an `I2vError`: the protocol code, the stable kind, the
/// message a person reads, the fields that say what to do about it, the HTTP status and the
/// server's request id of the answer it came from, and what the network said (`cause`).
pub fn error_value(error: &Error, failed: Option<&FailedAnswer>) -> Value {
    let cause = match error {
        Error::Network { message } => Some(message.as_str()),
        _ => None,
    };
    object([
        ("status", failed.map(|f| f.status).into()),
        (
            "requestId",
            failed.and_then(|f| f.request_id.as_deref()).into(),
        ),
        ("cause", cause.into()),
        ("code", error.code().into()),
        ("kind", error.kind().as_str().into()),
        ("message", error.to_string().into()),
        ("bindUrl", error.bind_url().into()),
        (
            "acceptedFormats",
            error.accepted_formats().map(<[_]>::to_vec).into(),
        ),
        ("maxBytes", error.max_bytes().into()),
        (
            "option",
            error.export_option().map_or(Value::Null, |refusal| {
                object([
                    ("name", refusal.option.into()),
                    ("value", refusal.value.into()),
                    ("accepted", refusal.accepted.to_vec().into()),
                    ("with", refusal.with.into()),
                ])
            }),
        ),
        (
            "retryAfterMs",
            error
                .retry_after()
                .map(|wait| millis(wait.as_millis()))
                .into(),
        ),
    ])
}

/// [`error_value`] as text, for errors a binding raises itself.
pub fn error_json(error: &Error) -> String {
    text(&error_value(error, None))
}

/// The last message of a streaming call that a binding ends itself, before the bridge runs
/// (files that cannot be read): `{"end": {"error": …}}`.
pub fn end_error_json(error: &Error) -> String {
    message("end", err(error, None))
}

/// One message of a call that reports as it goes, `{name: value}`, as the text the shell reads.
pub fn message(name: &str, value: Value) -> String {
    text(&object([(name, value)]))
}

/// An SSE parser's error, as the error JSON of kind `stream`.
pub fn sse_error_json(error: &SseError) -> String {
    error_json(&Error::Sse(error.clone()))
}

/// Milliseconds as a JSON number (saturating: no duration here comes near `u64::MAX`).
fn millis(ms: u128) -> u64 {
    u64::try_from(ms).unwrap_or(u64::MAX)
}

/// A session.
pub fn session(session: &Session) -> Value {
    object([
        ("taskId", session.task_id.as_str().into()),
        ("sessionId", session.session_id.as_str().into()),
        ("bindId", session.bind_id.as_deref().into()),
        ("userId", session.user_id.as_deref().into()),
    ])
}

/// A draft: its JSON exactly as given, and what the core worked out about it.
pub fn draft(draft: &Draft) -> Value {
    object([
        ("value", draft.to_value()),
        ("summary", draft.summary().into()),
        ("exportReady", draft.is_export_ready().into()),
        ("durationMs", draft.duration_ms().into()),
        ("layout", crate::layout::layout(&draft.layout())),
    ])
}

fn optional_draft(value: Option<&Draft>) -> Value {
    value.map_or(Value::Null, draft)
}

/// The credit balance.
pub fn credits(credits: &Credits) -> Value {
    object([
        ("available", credits.available.into()),
        ("frozen", credits.frozen.into()),
        ("total", credits.total.into()),
    ])
}

fn canvas(canvas: &Canvas) -> Value {
    object([
        ("width", canvas.width.into()),
        ("height", canvas.height.into()),
        ("fps", canvas.fps.into()),
    ])
}

/// The project's state.
pub fn state(state: &State) -> Value {
    object([
        ("draft", optional_draft(state.draft.as_ref())),
        ("canvas", canvas(&state.canvas)),
        ("videoInfos", state.video_infos.clone().into()),
        ("generatedMedia", state.generated_media.clone().into()),
        ("videoAnalyses", state.video_analyses.clone().into()),
    ])
}

/// Uploaded media, in order.
pub fn media(media: &[UploadedMedia]) -> Value {
    media
        .iter()
        .map(|m| {
            object([
                ("mediaId", m.media_id.as_str().into()),
                ("name", m.name.as_str().into()),
                ("kind", m.kind.as_str().into()),
                ("mime", m.mime.as_str().into()),
                ("size", m.size.into()),
                ("width", m.width.into()),
                ("height", m.height.into()),
                ("durationMs", m.duration_ms.into()),
                ("fps", m.fps.into()),
                ("url", m.url.as_deref().into()),
                ("hash", m.hash.as_deref().into()),
                ("inState", m.in_state.into()),
            ])
        })
        .collect()
}

/// An export's status while it runs.
pub fn export_progress(progress: &ExportProgress) -> Value {
    object([
        ("renderId", progress.render_id.as_str().into()),
        ("status", progress.status.as_str().into()),
        ("progress", progress.progress.into()),
    ])
}

/// A finished export.
pub fn export_result(result: &ExportResult) -> Value {
    object([
        ("renderId", result.render_id.as_str().into()),
        ("url", result.url.as_str().into()),
        ("downloadUrl", result.download_url.as_str().into()),
        ("posterUrl", result.poster_url.as_deref().into()),
        ("format", result.format.map(|f| f.as_str()).into()),
        ("mime", result.mime.as_deref().into()),
        ("size", result.size.into()),
        ("width", result.width.into()),
        ("height", result.height.into()),
        ("fps", result.fps.into()),
        ("durationMs", result.duration_ms.into()),
    ])
}

/// Export options as the core will ask for them: `{format, resolution, fps, quality}`, the
/// resolution as `"720p"` and the unset ones `null`.
pub fn export_options(options: &ExportOptions) -> Value {
    object([
        ("format", options.format.as_str().into()),
        (
            "resolution",
            options.resolution.map(|r| r.to_string()).into(),
        ),
        ("fps", options.fps.map(|f| f.fps).into()),
        ("quality", options.quality.as_str().into()),
    ])
}

fn place(place: Option<&Place>) -> Value {
    place.map_or(Value::Null, |p| {
        object([("track", p.track.into()), ("segment", p.segment.into())])
    })
}

/// The contract's name of a change's kind.
fn change_kind(kind: &ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added { .. } => "added",
        ChangeKind::Removed => "removed",
        ChangeKind::Moved { .. } => "moved",
        ChangeKind::Replaced { .. } => "replaced",
        ChangeKind::Renamed { .. } => "renamed",
        ChangeKind::Text { .. } => "text",
        ChangeKind::Duration { .. } => "duration",
        ChangeKind::Start { .. } => "start",
        ChangeKind::Volume { .. } => "volume",
        ChangeKind::Transition { .. } => "transition",
        ChangeKind::Edited { .. } => "edited",
    }
}

/// Differences between two drafts, each with the sentence a person reads.
pub fn changes(changes: &[Change]) -> Value {
    changes
        .iter()
        .map(|change| {
            object([
                ("kind", change_kind(&change.kind).into()),
                ("subject", change.subject.to_string().into()),
                ("description", change.to_string().into()),
                ("before", place(change.before.as_ref())),
                ("after", place(change.after.as_ref())),
            ])
        })
        .collect()
}

/// Something a reply asked a person to do in an editor.
pub fn gui_action(action: &GuiAction) -> Value {
    match action {
        GuiAction::SendEdit(text) => object([
            ("kind", action.as_str().into()),
            ("text", text.as_str().into()),
        ]),
        _ => object([("kind", action.as_str().into())]),
    }
}

/// Text rewritten for a person without an editor, and what it asked for.
pub fn gui_translation(translation: &GuiTranslation) -> Value {
    object([
        ("text", translation.text.as_str().into()),
        (
            "actions",
            translation.actions.iter().map(gui_action).collect(),
        ),
    ])
}

/// What the client did on its own.
pub fn notice(notice: &Notice) -> Value {
    match notice {
        Notice::SessionReplaced {
            old_session_id,
            new_session_id,
        } => object([
            ("kind", "session_replaced".into()),
            ("oldSessionId", old_session_id.as_str().into()),
            ("newSessionId", new_session_id.as_str().into()),
        ]),
        Notice::TokenRenewed => object([("kind", "token_renewed".into())]),
        Notice::ClientIdGenerated { client_id } => object([
            ("kind", "client_id_generated".into()),
            ("clientId", client_id.as_str().into()),
        ]),
    }
}

/// `{"type": kind, name: value}`: a tagged union member with one field.
fn tagged(kind: &str, name: &str, value: Value) -> Value {
    object([("type", kind.into()), (name, value)])
}

/// One event of a turn, tagged by `type`.
pub fn turn_event(event: &TurnEvent) -> Value {
    match event {
        TurnEvent::TextDelta { message, text } => object([
            ("type", "textDelta".into()),
            ("message", (*message).into()),
            ("text", text.as_str().into()),
        ]),
        TurnEvent::Text { message, text } => object([
            ("type", "text".into()),
            ("message", (*message).into()),
            ("text", text.as_str().into()),
        ]),
        TurnEvent::ToolStarted { label } => tagged("toolStarted", "label", label.as_str().into()),
        TurnEvent::ToolFinished { label } => tagged("toolFinished", "label", label.as_str().into()),
        TurnEvent::Draft(value) => tagged("draft", "draft", draft(value)),
        TurnEvent::StillWorking { waited } => tagged(
            "stillWorking",
            "waitedMs",
            millis(waited.as_millis()).into(),
        ),
        TurnEvent::ConnectionLost => object([("type", "connectionLost".into())]),
        TurnEvent::Changes(list) => tagged("changes", "changes", changes(list)),
        TurnEvent::Action(action) => tagged("action", "action", gui_action(action)),
        TurnEvent::Uploaded(list) => tagged("uploaded", "media", media(list)),
        TurnEvent::Credits(balance) => tagged("credits", "credits", credits(balance)),
        TurnEvent::State(value) => tagged("state", "state", state(value)),
        TurnEvent::ExportProgress(progress) => {
            tagged("exportProgress", "progress", export_progress(progress))
        }
        TurnEvent::Exported(result) => tagged("exported", "result", export_result(result)),
        TurnEvent::Notice(value) => tagged("notice", "notice", notice(value)),
    }
}

/// How a chat turn ended.
pub fn turn_outcome(outcome: &TurnOutcome) -> Value {
    object([
        ("texts", outcome.texts.clone().into()),
        ("draft", optional_draft(outcome.draft.as_ref())),
        ("changes", changes(&outcome.changes)),
        ("silent", outcome.silent.into()),
        ("recovered", outcome.recovered.into()),
    ])
}

/// What `send` ended with, tagged by `type`.
pub fn send_outcome(outcome: &SendOutcome) -> Value {
    match outcome {
        SendOutcome::Uploaded(list) => tagged("uploaded", "media", media(list)),
        SendOutcome::Credits(balance) => tagged("credits", "credits", credits(balance)),
        SendOutcome::State(value) => tagged("state", "state", state(value)),
        SendOutcome::Exported(result) => tagged("exported", "result", export_result(result)),
        SendOutcome::Chat(turn) => tagged("chat", "outcome", turn_outcome(turn)),
    }
}

/// What to do with what a person typed; `export` only for the export action.
pub fn intent(intent: &Intent) -> Value {
    let mut value = object([("action", intent.action.as_str().into())]);
    if let (Some(options), Some(object)) = (&intent.export, value.as_object_mut()) {
        let mut export = serde_json::Map::new();
        if let Some(format) = options.format {
            export.insert("format".into(), format.as_str().into());
        }
        if let Some(resolution) = options.resolution {
            export.insert("resolution".into(), resolution.to_string().into());
        }
        if let Some(rate) = options.fps {
            export.insert("fps".into(), rate.fps.into());
        }
        if let Some(aspect) = options.aspect {
            export.insert("aspect".into(), aspect.as_str().into());
        }
        if let Some(quality) = options.quality {
            export.insert("quality".into(), quality.as_str().into());
        }
        object.insert("export".into(), Value::Object(export));
    }
    value
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use std::time::Duration;

    use serde_json::json;

    use super::*;

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
        assert_eq!(value["code"], 4002);
        assert_eq!(value["kind"], "file_size");
        assert_eq!(value["maxBytes"], 200 << 20);
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
            (json!(429), json!(30_000))
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
        let value = draft(&parsed);
        assert_eq!(
            value["value"],
            serde_json::from_str::<Value>(text).expect("json")
        );
        assert_eq!(value["exportReady"], true);
        assert_eq!(value["durationMs"], 3000);
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
        let waited = turn_event(&TurnEvent::StillWorking {
            waited: Duration::from_secs(120),
        });
        assert_eq!(waited, json!({"type": "stillWorking", "waitedMs": 120_000}));
        let edit = turn_event(&TurnEvent::Action(GuiAction::SendEdit(
            "swap 1 and 2".into(),
        )));
        assert_eq!(
            edit,
            json!({"type": "action", "action": {"kind": "send_edit", "text": "swap 1 and 2"}})
        );
    }

    #[test]
    fn intents_name_their_export_options() {
        let routed = intent(&i2v_core::intent::route(
            "export it vertical in 4K as mov at 60 fps",
        ));
        assert_eq!(routed["action"], "export");
        assert_eq!(routed["export"]["fps"], 60);
        assert_eq!(routed["export"]["aspect"], "9:16");
        assert_eq!(routed["export"]["format"], "mov");
        assert_eq!(routed["export"]["resolution"], "2160p");
        let chat = intent(&i2v_core::intent::route("add a title"));
        assert_eq!(chat, json!({"action": "chat"}));
    }
}
