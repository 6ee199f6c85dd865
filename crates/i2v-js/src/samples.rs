//! One sample of every value the bridge hands the JS shell, written to `tests/types/samples.ts`
//! so that `tsc` (scripts/test.sh) checks them against `npm/shared/index.d.ts`.
//!
//! The test fails when the committed file is not what it would write: a field renamed, added or
//! dropped here shows in the diff, and once the file is written again, `tsc` fails until
//! index.d.ts says the same. Each sample is built from the shapes themselves (every variant,
//! through an exhaustive `match`, so a new one does not compile until it has a sample) and
//! converted as the bindings convert them: `serde_json::to_value`, then the binding's serde
//! support for that value. Values that may be `null` are given where the types allow it, so
//! that `tsc` checks their type and not only their name.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use i2v_core::Error;
use i2v_core::draft::Draft;
use i2v_core::sse::SseError;
use serde::Serialize;
use serde_json::{Value, json};

use crate::shapes::{
    CanvasShape, ChangeShape, CreditsShape, DraftShape, ExportOptionsShape, ExportProgressShape,
    ExportResultShape, GuiActionShape, GuiTranslationShape, IntentExportShape, IntentShape,
    MediaShape, NoticeShape, PlaceShape, SendOutcomeShape, SessionShape, StateShape,
    TurnEventShape, TurnOutcomeShape,
};
use crate::wire::{Answer, Message, Outcome, Progress, WireError};

/// Writes the samples instead of comparing them, when set to `1`.
const WRITE: &str = "I2V_WRITE_SAMPLES";

/// What JS receives of `shape`.
fn js(shape: impl Serialize) -> Value {
    serde_json::to_value(shape).expect("a JSON value")
}

fn draft() -> DraftShape {
    let text = r#"{"t": [
        {"tt": 0, "m": {"fade_in": 500, "fade_out": 1000}, "sg": [
            {"d": 3000, "m": {"src": "med_1", "name": "Beach", "transition": {"type": "wipe"}}},
            {"d": 2000, "m": {"src": "med_2", "name": "Dunes"}}]},
        {"tt": 1, "sg": [{"d": 5000, "m": {"src": "library:lofi", "name": "Lo-fi",
                                           "volume": 0.35, "fade_out": 1500}}]},
        {"tt": 7, "sg": [{"d": 2000, "m": {"role": "title", "text": "Summer", "fade_in": 300}}]}
    ], "vendor": {"keep": true}}"#;
    DraftShape::from(&Draft::parse(text).expect("the sample draft"))
}

/// The sample draft's timeline on a small canvas.
fn timeline() -> i2v_core::timeline::Timeline {
    let text = serde_json::to_string(&draft().value).expect("the sample draft as text");
    crate::scene::build_timeline(&text, Some(640), Some(360), Some(30))
        .expect("the sample timeline")
}

/// A draft of one clip, where the rich one would only repeat itself.
fn small_draft() -> DraftShape {
    let text = r#"{"t": [{"tt": 0, "sg": [{"d": 3000, "m": {"src": "med_1"}}]}]}"#;
    DraftShape::from(&Draft::parse(text).expect("the small draft"))
}

fn session() -> SessionShape {
    SessionShape {
        task_id: "task_1".into(),
        session_id: "sess_1".into(),
        bind_id: Some("bind_1".into()),
        user_id: Some("user_1".into()),
    }
}

fn credits() -> CreditsShape {
    CreditsShape {
        available: 90.0,
        frozen: 10.0,
        total: 100.0,
    }
}

fn state() -> StateShape {
    StateShape {
        draft: Some(small_draft()),
        canvas: CanvasShape {
            width: 1920,
            height: 1080,
            fps: 30.0,
        },
        video_infos: vec![json!({"media_id": "med_1"})],
        generated_media: vec![],
        video_analyses: vec![],
    }
}

fn media() -> Vec<MediaShape> {
    vec![MediaShape {
        media_id: "med_1".into(),
        name: "beach.mp4".into(),
        kind: "video".into(),
        mime: "video/mp4".into(),
        size: 1_048_576.0,
        width: Some(1920),
        height: Some(1080),
        duration_ms: Some(4000.0),
        fps: Some(30.0),
        url: Some("https://api.test/media/med_1".into()),
        hash: Some("9f1c2a7b".into()),
        in_state: Some(true),
    }]
}

fn export_progress() -> ExportProgressShape {
    ExportProgressShape {
        render_id: "render_9f1c2a7be3d84c0f8a61d2e5b7c94a03".into(),
        status: "processing",
        progress: Some(40),
    }
}

fn export_result() -> ExportResultShape {
    ExportResultShape {
        render_id: "render_9f1c2a7be3d84c0f8a61d2e5b7c94a03".into(),
        url: "https://cdn.test/v.mp4".into(),
        download_url: "https://api.test/api/render/proxy/render_9f1c/download".into(),
        poster_url: Some("https://cdn.test/v.jpg".into()),
        format: Some("mp4"),
        mime: Some("video/mp4".into()),
        size: Some(2_097_152.0),
        width: Some(1920),
        height: Some(1080),
        fps: Some(30.0),
        duration_ms: Some(5000.0),
    }
}

fn changes() -> Vec<ChangeShape> {
    vec![ChangeShape {
        kind: "moved",
        subject: "Video clip 2".into(),
        description: "Video clip 2 moved from track 1 position 2 to position 1".into(),
        before: Some(PlaceShape {
            track: 0,
            segment: Some(1),
        }),
        after: Some(PlaceShape {
            track: 0,
            segment: Some(0),
        }),
    }]
}

fn turn_outcome() -> TurnOutcomeShape {
    TurnOutcomeShape {
        texts: vec!["Done: two clips with a wipe.".into()],
        draft: Some(small_draft()),
        changes: changes(),
        silent: false,
        recovered: false,
    }
}

fn gui_translation() -> GuiTranslationShape {
    GuiTranslationShape {
        text: "Say \"export\" to render it.".into(),
        actions: vec![
            GuiActionShape {
                kind: "export",
                text: None,
            },
            GuiActionShape {
                kind: "send_edit",
                text: Some("swap clips 1 and 2".into()),
            },
        ],
    }
}

fn intent() -> IntentShape {
    IntentShape {
        action: "export",
        export: Some(IntentExportShape {
            format: Some("mov"),
            resolution: Some("2160p".into()),
            fps: Some(60),
            aspect: Some("9:16"),
            quality: Some("high"),
        }),
    }
}

fn export_options() -> ExportOptionsShape {
    ExportOptionsShape {
        format: "webm",
        resolution: Some("720p".into()),
        fps: Some(60),
        quality: "medium",
    }
}

fn notices() -> Vec<NoticeShape> {
    let all = vec![
        NoticeShape::SessionReplaced {
            old_session_id: "sess_1".into(),
            new_session_id: "sess_2".into(),
        },
        NoticeShape::TokenRenewed,
        NoticeShape::ClientIdGenerated {
            client_id: "0b7c1e1e-6d0e-4c5e-9f55-1f4c7a3c2d10".into(),
        },
    ];
    covers(&all, 3, |notice| match notice {
        NoticeShape::SessionReplaced { .. } => 0,
        NoticeShape::TokenRenewed => 1,
        NoticeShape::ClientIdGenerated { .. } => 2,
    });
    all
}

/// Every turn event, with every notice.
fn turn_events() -> Vec<TurnEventShape> {
    let mut all = vec![
        TurnEventShape::TextDelta {
            message: 0,
            text: "Done: two".into(),
        },
        TurnEventShape::Text {
            message: 0,
            text: "Done: two clips with a wipe.".into(),
        },
        TurnEventShape::ToolStarted {
            label: "Arranging the clips".into(),
        },
        TurnEventShape::ToolFinished {
            label: "Arranging the clips".into(),
        },
        TurnEventShape::Draft { draft: draft() },
        TurnEventShape::StillWorking {
            waited_ms: 120_000.0,
        },
        TurnEventShape::ConnectionLost,
        TurnEventShape::Changes { changes: changes() },
        TurnEventShape::Action {
            action: GuiActionShape {
                kind: "send_edit",
                text: Some("swap clips 1 and 2".into()),
            },
        },
        TurnEventShape::Uploaded { media: media() },
        TurnEventShape::Credits { credits: credits() },
        TurnEventShape::State {
            state: Box::new(state()),
        },
        TurnEventShape::ExportProgress {
            progress: export_progress(),
        },
        TurnEventShape::Exported {
            result: Box::new(export_result()),
        },
    ];
    all.extend(
        notices()
            .into_iter()
            .map(|notice| TurnEventShape::Notice { notice }),
    );
    covers(&all, 15, |event| match event {
        TurnEventShape::TextDelta { .. } => 0,
        TurnEventShape::Text { .. } => 1,
        TurnEventShape::ToolStarted { .. } => 2,
        TurnEventShape::ToolFinished { .. } => 3,
        TurnEventShape::Draft { .. } => 4,
        TurnEventShape::StillWorking { .. } => 5,
        TurnEventShape::ConnectionLost => 6,
        TurnEventShape::Changes { .. } => 7,
        TurnEventShape::Action { .. } => 8,
        TurnEventShape::Uploaded { .. } => 9,
        TurnEventShape::Credits { .. } => 10,
        TurnEventShape::State { .. } => 11,
        TurnEventShape::ExportProgress { .. } => 12,
        TurnEventShape::Exported { .. } => 13,
        TurnEventShape::Notice { .. } => 14,
    });
    all
}

fn send_outcomes() -> Vec<SendOutcomeShape> {
    let all = vec![
        SendOutcomeShape::Uploaded { media: media() },
        SendOutcomeShape::Credits { credits: credits() },
        SendOutcomeShape::State {
            state: Box::new(state()),
        },
        SendOutcomeShape::Exported {
            result: Box::new(export_result()),
        },
        SendOutcomeShape::Chat {
            outcome: Box::new(turn_outcome()),
        },
    ];
    covers(&all, 5, |outcome| match outcome {
        SendOutcomeShape::Uploaded { .. } => 0,
        SendOutcomeShape::Credits { .. } => 1,
        SendOutcomeShape::State { .. } => 2,
        SendOutcomeShape::Exported { .. } => 3,
        SendOutcomeShape::Chat { .. } => 4,
    });
    all
}

/// Every answer, keyed by the call of the contract that gives it (`Answer` is untagged: the
/// shell knows which call it made).
fn answers() -> Value {
    let all = vec![
        Answer::Session(session()),
        Answer::Text("https://web.test/?task=task_1".into()),
        Answer::Credits(credits()),
        Answer::State(Box::new(state())),
        Answer::Media(media()),
        Answer::Exported(Box::new(export_result())),
        Answer::Turn(Box::new(turn_outcome())),
        Answer::Sent(Box::new(SendOutcomeShape::Credits { credits: credits() })),
        Answer::Draft(Box::new(draft())),
        Answer::Changes(changes()),
        Answer::ExportOptions(export_options()),
        Answer::Intent(intent()),
        Answer::Gui(gui_translation()),
    ];
    let call = |answer: &Answer| match answer {
        Answer::Session(_) => "connect",
        Answer::Text(_) => "claimUrl",
        Answer::Credits(_) => "credits",
        Answer::State(_) => "state",
        Answer::Media(_) => "upload",
        Answer::Exported(_) => "export",
        Answer::Turn(_) => "chat",
        Answer::Sent(_) => "send",
        Answer::Draft(_) => "parseDraft",
        Answer::Changes(_) => "diffDrafts",
        Answer::ExportOptions(_) => "checkExportOptions",
        Answer::Intent(_) => "routeIntent",
        Answer::Gui(_) => "translateGui",
    };
    let keyed: serde_json::Map<String, Value> = all
        .iter()
        .map(|answer| (call(answer).to_owned(), js(answer)))
        .collect();
    assert_eq!(keyed.len(), all.len(), "one sample of each answer");
    // A timeline and a scene cross on their own, not as `Answer`s (`crate::scene`).
    let mut keyed = keyed;
    let timeline = timeline();
    let shape = crate::scene::TimelineShape::from(&timeline);
    keyed.insert("timeline".into(), js(&shape));
    keyed.insert(
        "sceneAt".into(),
        js(crate::scene::scene_at(&timeline, 2900.0)),
    );
    Value::Object(keyed)
}

/// One error of every kind, each with the fields its kind sets.
fn errors() -> Vec<WireError> {
    let refused = i2v_core::client::ExportOptions::default()
        .set("format", "mkv")
        .expect_err("mkv is not made");
    let bad_draft = Draft::parse(r#"{"t": 3}"#).expect_err("not a draft");
    let all = vec![
        Error::TokenRejected { configured: true },
        Error::SessionNotFound,
        Error::OutOfCredits {
            bind_url: Some("https://web.test/?bind=bind_1".into()),
        },
        Error::UnsupportedFileType {
            name: Some("notes.txt".into()),
        },
        Error::FileTooLarge {
            name: Some("big.mp4".into()),
            size: Some(300 << 20),
            max_bytes: 200 << 20,
        },
        Error::MissingClientId,
        Error::ExportBlocked {
            bind_url: Some("https://web.test/?bind=bind_1".into()),
        },
        Error::RateLimited {
            retry_after: std::time::Duration::from_secs(30),
        },
        Error::Api {
            code: 5000,
            http_status: 500,
            message: "internal error".into(),
        },
        Error::Network {
            message: "connection refused".into(),
        },
        Error::Disconnected,
        Error::Sse(SseError::EventTooLarge { limit: 16 << 20 }),
        Error::Agent {
            code: Some("TOOL_FAILED".into()),
            message: "the tool failed".into(),
        },
        Error::Draft(bad_draft),
        Error::Protocol {
            message: "no session id".into(),
        },
        Error::NotExportReady,
        Error::RenderFailed {
            message: "ffmpeg failed".into(),
        },
        Error::Timeout {
            what: "render render_1 did not finish".into(),
        },
        Error::Cancelled,
        refused,
        Error::InvalidInput {
            message: "'../x' is not a render id".into(),
        },
        Error::NoPreview {
            src: "med_1".into(),
        },
    ];
    let failed = i2v_core::client::FailedAnswer {
        status: 500,
        request_id: Some("req_1".into()),
    };
    let wire: Vec<WireError> = all
        .iter()
        .map(|error| {
            let answered = matches!(error, Error::Api { .. }).then_some(&failed);
            WireError::new(error, answered)
        })
        .collect();
    let mut kinds: Vec<&str> = wire.iter().map(|e| e.kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds.len(), wire.len(), "one error of each kind");
    wire
}

/// Every message of a call that reports as it goes.
fn messages() -> Vec<Message> {
    let all = vec![
        Message::Progress(Progress::Upload {
            sent: 524_288.0,
            total: 1_048_576.0,
        }),
        Message::Progress(Progress::Export(export_progress())),
        Message::Event(Box::new(TurnEventShape::Text {
            message: 0,
            text: "Done.".into(),
        })),
        Message::End(Outcome::Ok(Answer::Media(media()))),
        Message::End(Outcome::Error(Box::new(WireError::from(&Error::Cancelled)))),
    ];
    covers(&all, 4, |message| match message {
        Message::Progress(Progress::Upload { .. }) => 0,
        Message::Progress(Progress::Export(_)) => 1,
        Message::Event(_) => 2,
        Message::End(_) => 3,
    });
    all
}

/// Asserts that `samples` hold each of the `count` variants that `variant` numbers.
fn covers<T>(samples: &[T], count: usize, variant: impl Fn(&T) -> usize) {
    let mut seen = vec![false; count];
    for sample in samples {
        seen[variant(sample)] = true;
    }
    assert!(
        seen.iter().all(|s| *s),
        "a variant without a sample: {seen:?}"
    );
}

/// `(name, TypeScript type, value)` of each exported sample.
fn samples() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        ("turnEvents", "Wire<TurnEvent>[]", js(turn_events())),
        ("sendOutcomes", "Wire<SendOutcome>[]", js(send_outcomes())),
        ("answers", "Answers", answers()),
        (
            "routedChat",
            "Intent",
            js(IntentShape {
                action: "chat",
                export: None,
            }),
        ),
        ("errors", "WireError[]", js(errors())),
        ("messages", "WireMessage[]", js(messages())),
    ]
}

/// The file's text.
fn render() -> String {
    let mut out = String::from(
        "// Generated by crates/i2v-js/src/samples.rs from the Rust shapes: do not edit. After a \
         change\n// to a shape, write it again with\n//   I2V_WRITE_SAMPLES=1 cargo test -p \
         i2v-js --lib samples\n// and make npm/shared/index.d.ts agree until tsc passes \
         (scripts/test.sh). How the\n// shell's values differ from these is in wire.ts.\n\n\
         import type {\n  Intent,\n  SendOutcome,\n  TurnEvent,\n} from \
         '../../npm/shared/index.js';\n\
         import type { Answers, Wire, WireError, WireMessage } from './wire.js';\n",
    );
    for (name, ty, value) in samples() {
        let text = serde_json::to_string_pretty(&value).expect("JSON text");
        out.push_str(&format!("\nexport const {name} = {text} satisfies {ty};\n"));
    }
    out
}

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/types/samples.ts")
}

#[test]
fn the_committed_samples_are_what_the_shapes_make() {
    let path = path();
    let text = render();
    if std::env::var(WRITE).as_deref() == Ok("1") {
        std::fs::write(&path, &text).expect("write tests/types/samples.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "tests/types/samples.ts is not what the Rust shapes make: a shape changed. Write it \
         again with `{WRITE}=1 cargo test -p i2v-js --lib samples`, then make \
         npm/shared/index.d.ts agree until the tsc runs of scripts/test.sh pass."
    );
}
