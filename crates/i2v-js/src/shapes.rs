//! The values of the JS contract (`npm/shared/index.d.ts`), as Rust types built from the core's.
//!
//! Each type here is what one TypeScript type says: names are camelCase as JS spells them, and
//! absent values are `null`, never missing, so the shell can hand objects on as they are. A
//! binding converts them into JS values with its serde support (serde-wasm-bindgen in the
//! browser, napi's in Node): no JSON text crosses the seam. Drafts travel as a [`DraftShape`]
//! carrying the draft's own JSON with its summary, readiness and layout worked out once, here,
//! by the core. Numbers are `f64`, as JS has them: a `u64` would be a `BigInt` or an error on
//! one side or the other, and no time or size here comes near 2^53.

use i2v_core::client::{
    Canvas, Credits, ExportOptions, ExportProgress, ExportResult, Notice, SendOutcome, Session,
    State, TurnEvent, TurnOutcome, UploadedMedia,
};
use i2v_core::draft::{Change, ChangeKind, Draft, Place};
use i2v_core::gui::{GuiAction, GuiTranslation};
use i2v_core::intent::Intent;
use serde::Serialize;
use serde_json::Value;

use crate::layout::{LayoutShape, layout};

/// A count of milliseconds or bytes as a JS number.
pub(crate) fn ms(value: u64) -> f64 {
    // Exact below 2^53 (285 000 years of ms, 9 PB): rounding above that changes nothing real.
    value as f64
}

/// A session: `{taskId, sessionId, bindId, userId}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionShape {
    /// The task the session belongs to.
    pub task_id: String,
    /// The session's id.
    pub session_id: String,
    /// The bind id of an anonymous user (for the registration link).
    pub bind_id: Option<String>,
    /// The user's id, where the backend names it.
    pub user_id: Option<String>,
}

impl From<&Session> for SessionShape {
    fn from(session: &Session) -> SessionShape {
        SessionShape {
            task_id: session.task_id.clone(),
            session_id: session.session_id.clone(),
            bind_id: session.bind_id.clone(),
            user_id: session.user_id.clone(),
        }
    }
}

/// A draft: its JSON exactly as given, and what the core worked out about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftShape {
    /// The draft's JSON, every unknown key kept.
    pub value: Value,
    /// The track summary a person reads.
    pub summary: String,
    /// Whether there is something to render.
    pub export_ready: bool,
    /// The timeline's length.
    pub duration_ms: f64,
    /// The tracks laid out in time.
    pub layout: LayoutShape,
}

impl From<&Draft> for DraftShape {
    fn from(draft: &Draft) -> DraftShape {
        DraftShape {
            value: draft.to_value(),
            summary: draft.summary(),
            export_ready: draft.is_export_ready(),
            duration_ms: ms(draft.duration_ms()),
            layout: layout(&draft.layout()),
        }
    }
}

/// The credit balance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreditsShape {
    /// What can be spent.
    pub available: f64,
    /// What is held for work in progress.
    pub frozen: f64,
    /// Both together.
    pub total: f64,
}

impl From<&Credits> for CreditsShape {
    fn from(credits: &Credits) -> CreditsShape {
        // Credit counts are small integers: exact as JS numbers.
        CreditsShape {
            available: credits.available as f64,
            frozen: credits.frozen as f64,
            total: credits.total as f64,
        }
    }
}

/// The canvas a project renders to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CanvasShape {
    /// In pixels.
    pub width: u32,
    /// In pixels.
    pub height: u32,
    /// Frames per second.
    pub fps: f64,
}

impl From<&Canvas> for CanvasShape {
    fn from(canvas: &Canvas) -> CanvasShape {
        CanvasShape {
            width: canvas.width,
            height: canvas.height,
            fps: f64::from(canvas.fps),
        }
    }
}

/// The project's state.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateShape {
    /// The draft, once there is one.
    pub draft: Option<DraftShape>,
    /// The canvas.
    pub canvas: CanvasShape,
    /// The uploads, as the backend describes them.
    pub video_infos: Vec<Value>,
    /// What the agent generated.
    pub generated_media: Vec<Value>,
    /// The backend's analyses of the videos (the api-reference dialect).
    pub video_analyses: Vec<Value>,
}

impl From<&State> for StateShape {
    fn from(state: &State) -> StateShape {
        StateShape {
            draft: state.draft.as_ref().map(DraftShape::from),
            canvas: CanvasShape::from(&state.canvas),
            video_infos: state.video_infos.clone(),
            generated_media: state.generated_media.clone(),
            video_analyses: state.video_analyses.clone(),
        }
    }
}

/// One uploaded file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MediaShape {
    /// The id a draft refers to it by.
    pub media_id: String,
    /// Its file name.
    pub name: String,
    /// `image`, `video` or `audio`.
    pub kind: String,
    /// Its MIME type.
    pub mime: String,
    /// In bytes.
    pub size: f64,
    /// In pixels, when known.
    pub width: Option<u32>,
    /// In pixels, when known.
    pub height: Option<u32>,
    /// Its length, for videos and audio.
    pub duration_ms: Option<f64>,
    /// Its frame rate, for videos.
    pub fps: Option<f64>,
    /// Where it can be fetched, when the backend says.
    pub url: Option<String>,
    /// Its content hash, when the backend says.
    pub hash: Option<String>,
    /// Whether the project's state lists it.
    pub in_state: Option<bool>,
}

/// Uploaded media, in order.
pub fn media(media: &[UploadedMedia]) -> Vec<MediaShape> {
    media
        .iter()
        .map(|m| MediaShape {
            media_id: m.media_id.clone(),
            name: m.name.clone(),
            kind: m.kind.clone(),
            mime: m.mime.clone(),
            size: ms(m.size),
            width: m.width,
            height: m.height,
            duration_ms: m.duration_ms.map(ms),
            fps: m.fps,
            url: m.url.clone(),
            hash: m.hash.clone(),
            in_state: m.in_state,
        })
        .collect()
}

/// An export's status while it runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportProgressShape {
    /// The render's id.
    pub render_id: String,
    /// `pending`, `processing`, `completed`, `failed` or `cancelled`.
    pub status: &'static str,
    /// 0–100, when the backend says.
    pub progress: Option<u8>,
}

impl From<&ExportProgress> for ExportProgressShape {
    fn from(progress: &ExportProgress) -> ExportProgressShape {
        ExportProgressShape {
            render_id: progress.render_id.clone(),
            status: progress.status.as_str(),
            progress: progress.progress,
        }
    }
}

/// A finished export.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportResultShape {
    /// The render's id.
    pub render_id: String,
    /// Where the video is.
    pub url: String,
    /// The API's download path for it (with the token).
    pub download_url: String,
    /// Its poster image, when the backend made one.
    pub poster_url: Option<String>,
    /// `mp4`, `mov`, `webm` or `gif`, when known.
    pub format: Option<&'static str>,
    /// Its MIME type, when known.
    pub mime: Option<String>,
    /// In bytes, when known.
    pub size: Option<f64>,
    /// In pixels, when known.
    pub width: Option<u32>,
    /// In pixels, when known.
    pub height: Option<u32>,
    /// Frames per second, when known.
    pub fps: Option<f64>,
    /// Its length, when known.
    pub duration_ms: Option<f64>,
}

impl From<&ExportResult> for ExportResultShape {
    fn from(result: &ExportResult) -> ExportResultShape {
        ExportResultShape {
            render_id: result.render_id.clone(),
            url: result.url.clone(),
            download_url: result.download_url.clone(),
            poster_url: result.poster_url.clone(),
            format: result.format.map(|f| f.as_str()),
            mime: result.mime.clone(),
            size: result.size.map(ms),
            width: result.width,
            height: result.height,
            fps: result.fps,
            duration_ms: result.duration_ms.map(ms),
        }
    }
}

/// Export options as the core will ask for them; the unset ones `null`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportOptionsShape {
    /// The container.
    pub format: &'static str,
    /// `720p`, `1080p`, …
    pub resolution: Option<String>,
    /// Frames per second.
    pub fps: Option<u32>,
    /// The quality word.
    pub quality: &'static str,
}

impl From<&ExportOptions> for ExportOptionsShape {
    fn from(options: &ExportOptions) -> ExportOptionsShape {
        ExportOptionsShape {
            format: options.format.as_str(),
            resolution: options.resolution.map(|r| r.to_string()),
            fps: options.fps.map(|f| f.fps),
            quality: options.quality.as_str(),
        }
    }
}

/// Where a clip sits: its track and, for a segment, its place in the track.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceShape {
    /// The track's index.
    pub track: u32,
    /// The segment's index, for a change to a segment.
    pub segment: Option<u32>,
}

fn place(place: Option<&Place>) -> Option<PlaceShape> {
    let index = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
    place.map(|p| PlaceShape {
        track: index(p.track),
        segment: p.segment.map(index),
    })
}

/// One difference between two drafts, with the sentence a person reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeShape {
    /// `added`, `removed`, `moved`, … (the contract's name of the change's kind).
    pub kind: &'static str,
    /// What changed, in words.
    pub subject: String,
    /// The whole change, in a sentence.
    pub description: String,
    /// Where it was.
    pub before: Option<PlaceShape>,
    /// Where it is.
    pub after: Option<PlaceShape>,
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

/// Differences between two drafts.
pub fn changes(changes: &[Change]) -> Vec<ChangeShape> {
    changes
        .iter()
        .map(|change| ChangeShape {
            kind: change_kind(&change.kind),
            subject: change.subject.to_string(),
            description: change.to_string(),
            before: place(change.before.as_ref()),
            after: place(change.after.as_ref()),
        })
        .collect()
}

/// Something a reply asked a person to do in an editor: `{kind}`, and `text` for `send_edit`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuiActionShape {
    /// `export`, `show_state`, `show_summary`, `show_credits`, `upload` or `send_edit`.
    pub kind: &'static str,
    /// The message to send, for `send_edit` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl From<&GuiAction> for GuiActionShape {
    fn from(action: &GuiAction) -> GuiActionShape {
        GuiActionShape {
            kind: action.as_str(),
            text: match action {
                GuiAction::SendEdit(text) => Some(text.clone()),
                _ => None,
            },
        }
    }
}

/// Text rewritten for a person without an editor, and what it asked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuiTranslationShape {
    /// The rewritten text.
    pub text: String,
    /// The actions the text asked for.
    pub actions: Vec<GuiActionShape>,
}

impl From<&GuiTranslation> for GuiTranslationShape {
    fn from(translation: &GuiTranslation) -> GuiTranslationShape {
        GuiTranslationShape {
            text: translation.text.clone(),
            actions: translation
                .actions
                .iter()
                .map(GuiActionShape::from)
                .collect(),
        }
    }
}

/// What the client did on its own, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum NoticeShape {
    /// The session expired and a new one replaced it.
    SessionReplaced {
        /// The session that expired.
        old_session_id: String,
        /// The one that replaced it.
        new_session_id: String,
    },
    /// The anonymous token expired and a new one was acquired.
    TokenRenewed,
    /// The backend wanted a client id and one was made (for the shell to persist).
    ClientIdGenerated {
        /// The new client id.
        client_id: String,
    },
}

impl From<&Notice> for NoticeShape {
    fn from(notice: &Notice) -> NoticeShape {
        match notice {
            Notice::SessionReplaced {
                old_session_id,
                new_session_id,
            } => NoticeShape::SessionReplaced {
                old_session_id: old_session_id.clone(),
                new_session_id: new_session_id.clone(),
            },
            Notice::TokenRenewed => NoticeShape::TokenRenewed,
            Notice::ClientIdGenerated { client_id } => NoticeShape::ClientIdGenerated {
                client_id: client_id.clone(),
            },
        }
    }
}

/// One event of a turn, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum TurnEventShape {
    /// More of a reply's text.
    TextDelta {
        /// Which reply of the turn (0, 1, …).
        message: u32,
        /// The new text.
        text: String,
    },
    /// A reply's whole text.
    Text {
        /// Which reply of the turn.
        message: u32,
        /// The text.
        text: String,
    },
    /// The agent started a tool.
    ToolStarted {
        /// What a person reads.
        label: String,
    },
    /// The agent's tool finished.
    ToolFinished {
        /// What a person reads.
        label: String,
    },
    /// The draft changed.
    Draft {
        /// The new draft.
        draft: DraftShape,
    },
    /// The agent is still working.
    StillWorking {
        /// How long the turn has waited.
        waited_ms: f64,
    },
    /// The stream dropped; the client is finding out what happened.
    ConnectionLost,
    /// What the turn changed in the draft.
    Changes {
        /// The changes.
        changes: Vec<ChangeShape>,
    },
    /// A reply asked for something an editor would do.
    Action {
        /// What it asked for.
        action: GuiActionShape,
    },
    /// Files were uploaded.
    Uploaded {
        /// The uploads.
        media: Vec<MediaShape>,
    },
    /// The credit balance.
    Credits {
        /// The balance.
        credits: CreditsShape,
    },
    /// The project's state.
    State {
        /// The state.
        state: Box<StateShape>,
    },
    /// An export's progress.
    ExportProgress {
        /// Its status.
        progress: ExportProgressShape,
    },
    /// An export finished.
    Exported {
        /// The video.
        result: Box<ExportResultShape>,
    },
    /// What the client did on its own.
    Notice {
        /// What it did.
        notice: NoticeShape,
    },
}

/// A reply's index as a JS number (a turn has a handful of replies).
fn message_index(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

impl From<&TurnEvent> for TurnEventShape {
    fn from(event: &TurnEvent) -> TurnEventShape {
        match event {
            TurnEvent::TextDelta { message, text } => TurnEventShape::TextDelta {
                message: message_index(*message),
                text: text.clone(),
            },
            TurnEvent::Text { message, text } => TurnEventShape::Text {
                message: message_index(*message),
                text: text.clone(),
            },
            TurnEvent::ToolStarted { label } => TurnEventShape::ToolStarted {
                label: label.clone(),
            },
            TurnEvent::ToolFinished { label } => TurnEventShape::ToolFinished {
                label: label.clone(),
            },
            TurnEvent::Draft(draft) => TurnEventShape::Draft {
                draft: DraftShape::from(draft),
            },
            TurnEvent::StillWorking { waited } => TurnEventShape::StillWorking {
                waited_ms: waited.as_millis() as f64,
            },
            TurnEvent::ConnectionLost => TurnEventShape::ConnectionLost,
            TurnEvent::Changes(list) => TurnEventShape::Changes {
                changes: changes(list),
            },
            TurnEvent::Action(action) => TurnEventShape::Action {
                action: GuiActionShape::from(action),
            },
            TurnEvent::Uploaded(list) => TurnEventShape::Uploaded { media: media(list) },
            TurnEvent::Credits(balance) => TurnEventShape::Credits {
                credits: CreditsShape::from(balance),
            },
            TurnEvent::State(state) => TurnEventShape::State {
                state: Box::new(StateShape::from(state)),
            },
            TurnEvent::ExportProgress(progress) => TurnEventShape::ExportProgress {
                progress: ExportProgressShape::from(progress),
            },
            TurnEvent::Exported(result) => TurnEventShape::Exported {
                result: Box::new(ExportResultShape::from(result)),
            },
            TurnEvent::Notice(notice) => TurnEventShape::Notice {
                notice: NoticeShape::from(notice),
            },
        }
    }
}

/// How a chat turn ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TurnOutcomeShape {
    /// The replies' whole texts.
    pub texts: Vec<String>,
    /// The draft after the turn.
    pub draft: Option<DraftShape>,
    /// What the turn changed in it.
    pub changes: Vec<ChangeShape>,
    /// Whether the agent said nothing.
    pub silent: bool,
    /// Whether the turn was recovered after its stream dropped.
    pub recovered: bool,
}

impl From<&TurnOutcome> for TurnOutcomeShape {
    fn from(outcome: &TurnOutcome) -> TurnOutcomeShape {
        TurnOutcomeShape {
            texts: outcome.texts.clone(),
            draft: outcome.draft.as_ref().map(DraftShape::from),
            changes: changes(&outcome.changes),
            silent: outcome.silent,
            recovered: outcome.recovered,
        }
    }
}

/// What `send` ended with, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum SendOutcomeShape {
    /// Files were uploaded.
    Uploaded {
        /// The uploads.
        media: Vec<MediaShape>,
    },
    /// The credit balance was asked for.
    Credits {
        /// The balance.
        credits: CreditsShape,
    },
    /// The state was asked for.
    State {
        /// The state.
        state: Box<StateShape>,
    },
    /// The video was exported.
    Exported {
        /// The video.
        result: Box<ExportResultShape>,
    },
    /// A chat turn ran.
    Chat {
        /// How it ended.
        outcome: Box<TurnOutcomeShape>,
    },
}

impl From<&SendOutcome> for SendOutcomeShape {
    fn from(outcome: &SendOutcome) -> SendOutcomeShape {
        match outcome {
            SendOutcome::Uploaded(list) => SendOutcomeShape::Uploaded { media: media(list) },
            SendOutcome::Credits(balance) => SendOutcomeShape::Credits {
                credits: CreditsShape::from(balance),
            },
            SendOutcome::State(state) => SendOutcomeShape::State {
                state: Box::new(StateShape::from(state)),
            },
            SendOutcome::Exported(result) => SendOutcomeShape::Exported {
                result: Box::new(ExportResultShape::from(result)),
            },
            SendOutcome::Chat(turn) => SendOutcomeShape::Chat {
                outcome: Box::new(TurnOutcomeShape::from(turn)),
            },
        }
    }
}

/// The export options a message named; only those it named.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntentExportShape {
    /// The container.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    /// `720p`, `1080p`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// Frames per second.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fps: Option<u32>,
    /// `16:9`, `9:16`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aspect: Option<&'static str>,
    /// The quality word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<&'static str>,
}

/// What to do with what a person typed; `export` only for the export action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntentShape {
    /// The action word.
    pub action: &'static str,
    /// The export options, for the export action.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub export: Option<IntentExportShape>,
}

impl From<&Intent> for IntentShape {
    fn from(intent: &Intent) -> IntentShape {
        IntentShape {
            action: intent.action.as_str(),
            export: intent.export.as_ref().map(|options| IntentExportShape {
                format: options.format.map(|f| f.as_str()),
                resolution: options.resolution.map(|r| r.to_string()),
                fps: options.fps.map(|rate| rate.fps),
                aspect: options.aspect.map(|a| a.as_str()),
                quality: options.quality.map(|q| q.as_str()),
            }),
        }
    }
}
