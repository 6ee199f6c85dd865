//! The JSON shapes of the JS contract (`npm/shared/index.d.ts`), built from the core's types.
//!
//! Names are camelCase as JS spells them; absent values are `null`, never missing, so the shell
//! can hand objects on as they are. Drafts travel as a [`draft`] object carrying the draft's own
//! JSON with its summary, readiness and length worked out once, here, by the core.

use i2v_core::Error;
use i2v_core::client::{
    Canvas, Credits, ExportProgress, ExportResult, Notice, SendOutcome, Session, State, TurnEvent,
    TurnOutcome, UploadedMedia,
};
use i2v_core::draft::{Change, ChangeKind, Draft, Place};
use i2v_core::gui::{GuiAction, GuiTranslation};
use i2v_core::intent::Intent;
use i2v_core::sse::SseError;
use serde_json::{Value, json};

/// `{"ok": value}`.
pub fn ok(value: Value) -> Value {
    json!({ "ok": value })
}

/// `{"error": {...}}` for a core error.
pub fn err(error: &Error) -> Value {
    json!({ "error": error_value(error) })
}

/// A result as the shell reads it: `{"ok": …}` or `{"error": …}`.
pub fn result<T>(result: Result<T, Error>, to_value: impl FnOnce(T) -> Value) -> Value {
    match result {
        Ok(value) => ok(to_value(value)),
        Err(error) => err(&error),
    }
}

/// An error as the shell turns it into an `I2vError`: the protocol code, the stable kind, the
/// message a person reads, and the fields that say what to do about it.
pub fn error_value(error: &Error) -> Value {
    json!({
        "code": error.code(),
        "kind": error.kind().as_str(),
        "message": error.to_string(),
        "bindUrl": error.bind_url(),
        "acceptedFormats": error.accepted_formats(),
        "maxBytes": error.max_bytes(),
        "retryAfterMs": error.retry_after().map(|wait| millis(wait.as_millis())),
    })
}

/// [`error_value`] as text, for errors a binding raises itself.
pub fn error_json(error: &Error) -> String {
    error_value(error).to_string()
}

/// The last message of a streaming call that a binding ends itself, before the bridge runs
/// (files that cannot be read): `{"end": {"error": …}}`.
pub fn end_error_json(error: &Error) -> String {
    json!({ "end": err(error) }).to_string()
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
    json!({
        "taskId": session.task_id,
        "sessionId": session.session_id,
        "bindId": session.bind_id,
    })
}

/// A draft: its JSON exactly as given, and what the core worked out about it.
pub fn draft(draft: &Draft) -> Value {
    json!({
        "value": draft.to_value(),
        "summary": draft.summary(),
        "exportReady": draft.is_export_ready(),
        "durationMs": draft.duration_ms(),
    })
}

fn optional_draft(value: Option<&Draft>) -> Value {
    value.map_or(Value::Null, draft)
}

/// The credit balance.
pub fn credits(credits: &Credits) -> Value {
    json!({
        "available": credits.available,
        "frozen": credits.frozen,
        "total": credits.total,
    })
}

fn canvas(canvas: &Canvas) -> Value {
    json!({ "width": canvas.width, "height": canvas.height, "fps": canvas.fps })
}

/// The project's state.
pub fn state(state: &State) -> Value {
    json!({
        "draft": optional_draft(state.draft.as_ref()),
        "canvas": canvas(&state.canvas),
        "videoInfos": state.video_infos,
        "generatedMedia": state.generated_media,
    })
}

/// Uploaded media, in order.
pub fn media(media: &[UploadedMedia]) -> Value {
    media
        .iter()
        .map(|m| {
            json!({
                "mediaId": m.media_id,
                "name": m.name,
                "kind": m.kind,
                "mime": m.mime,
                "size": m.size,
                "width": m.width,
                "height": m.height,
                "durationMs": m.duration_ms,
            })
        })
        .collect()
}

/// An export's status while it runs.
pub fn export_progress(progress: &ExportProgress) -> Value {
    json!({
        "renderId": progress.render_id,
        "status": progress.status.as_str(),
        "progress": progress.progress,
    })
}

/// A finished export.
pub fn export_result(result: &ExportResult) -> Value {
    json!({
        "renderId": result.render_id,
        "url": result.url,
        "downloadUrl": result.download_url,
        "size": result.size,
        "width": result.width,
        "height": result.height,
        "durationMs": result.duration_ms,
    })
}

fn place(place: Option<&Place>) -> Value {
    place.map_or(
        Value::Null,
        |p| json!({ "track": p.track, "segment": p.segment }),
    )
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
            json!({
                "kind": change_kind(&change.kind),
                "subject": change.subject.to_string(),
                "description": change.to_string(),
                "before": place(change.before.as_ref()),
                "after": place(change.after.as_ref()),
            })
        })
        .collect()
}

/// Something a reply asked a person to do in an editor.
pub fn gui_action(action: &GuiAction) -> Value {
    match action {
        GuiAction::SendEdit(text) => json!({ "kind": action.as_str(), "text": text }),
        _ => json!({ "kind": action.as_str() }),
    }
}

/// Text rewritten for a person without an editor, and what it asked for.
pub fn gui_translation(translation: &GuiTranslation) -> Value {
    json!({
        "text": translation.text,
        "actions": translation.actions.iter().map(gui_action).collect::<Vec<_>>(),
    })
}

/// What the client did on its own.
pub fn notice(notice: &Notice) -> Value {
    match notice {
        Notice::SessionReplaced {
            old_session_id,
            new_session_id,
        } => json!({
            "kind": "session_replaced",
            "oldSessionId": old_session_id,
            "newSessionId": new_session_id,
        }),
        Notice::TokenRenewed => json!({ "kind": "token_renewed" }),
        Notice::ClientIdGenerated { client_id } => {
            json!({ "kind": "client_id_generated", "clientId": client_id })
        }
    }
}

/// One event of a turn, tagged by `type`.
pub fn turn_event(event: &TurnEvent) -> Value {
    match event {
        TurnEvent::TextDelta { message, text } => {
            json!({ "type": "textDelta", "message": message, "text": text })
        }
        TurnEvent::Text { message, text } => {
            json!({ "type": "text", "message": message, "text": text })
        }
        TurnEvent::ToolStarted { name } => json!({ "type": "toolStarted", "name": name }),
        TurnEvent::ToolFinished { name } => json!({ "type": "toolFinished", "name": name }),
        TurnEvent::Draft(value) => json!({ "type": "draft", "draft": draft(value) }),
        TurnEvent::StillWorking { waited } => {
            json!({ "type": "stillWorking", "waitedMs": millis(waited.as_millis()) })
        }
        TurnEvent::ConnectionLost => json!({ "type": "connectionLost" }),
        TurnEvent::Changes(list) => json!({ "type": "changes", "changes": changes(list) }),
        TurnEvent::Action(action) => json!({ "type": "action", "action": gui_action(action) }),
        TurnEvent::Uploaded(list) => json!({ "type": "uploaded", "media": media(list) }),
        TurnEvent::Credits(balance) => json!({ "type": "credits", "credits": credits(balance) }),
        TurnEvent::State(value) => json!({ "type": "state", "state": state(value) }),
        TurnEvent::ExportProgress(progress) => {
            json!({ "type": "exportProgress", "progress": export_progress(progress) })
        }
        TurnEvent::Exported(result) => {
            json!({ "type": "exported", "result": export_result(result) })
        }
        TurnEvent::Notice(value) => json!({ "type": "notice", "notice": notice(value) }),
    }
}

/// How a chat turn ended.
pub fn turn_outcome(outcome: &TurnOutcome) -> Value {
    json!({
        "texts": outcome.texts,
        "draft": optional_draft(outcome.draft.as_ref()),
        "changes": changes(&outcome.changes),
        "silent": outcome.silent,
        "recovered": outcome.recovered,
    })
}

/// What `send` ended with, tagged by `type`.
pub fn send_outcome(outcome: &SendOutcome) -> Value {
    match outcome {
        SendOutcome::Uploaded(list) => json!({ "type": "uploaded", "media": media(list) }),
        SendOutcome::Credits(balance) => json!({ "type": "credits", "credits": credits(balance) }),
        SendOutcome::State(value) => json!({ "type": "state", "state": state(value) }),
        SendOutcome::Exported(result) => {
            json!({ "type": "exported", "result": export_result(result) })
        }
        SendOutcome::Chat(turn) => json!({ "type": "chat", "outcome": turn_outcome(turn) }),
    }
}

/// What to do with what a person typed; `export` only for the export action.
pub fn intent(intent: &Intent) -> Value {
    let mut value = json!({ "action": intent.action.as_str() });
    if let (Some(options), Some(object)) = (&intent.export, value.as_object_mut()) {
        let mut export = serde_json::Map::new();
        if let Some(format) = options.format {
            export.insert("format".into(), format.as_str().into());
        }
        if let Some(resolution) = options.resolution {
            export.insert("resolution".into(), resolution.to_string().into());
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

    use super::*;

    #[test]
    fn errors_carry_code_kind_and_what_to_do() {
        let value = error_value(&Error::FileTooLarge {
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
        let limited = error_value(&Error::RateLimited {
            retry_after: Duration::from_secs(30),
        });
        assert_eq!(
            (limited["code"].clone(), limited["retryAfterMs"].clone()),
            (json!(429), json!(30_000))
        );
        let formats = error_value(&Error::UnsupportedFileType { name: None });
        assert!(
            formats["acceptedFormats"]
                .as_array()
                .is_some_and(|list| !list.is_empty())
        );
        assert_eq!(error_value(&Error::Cancelled)["kind"], "cancelled");
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
        let routed = intent(&i2v_core::intent::route("export it vertical in 4K as mov"));
        assert_eq!(routed["action"], "export");
        assert_eq!(routed["export"]["aspect"], "9:16");
        assert_eq!(routed["export"]["format"], "mov");
        assert_eq!(routed["export"]["resolution"], "2160p");
        let chat = intent(&i2v_core::intent::route("add a title"));
        assert_eq!(chat, json!({"action": "chat"}));
    }
}
