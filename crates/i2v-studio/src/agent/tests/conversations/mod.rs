//! The agent's labelled conversations: short exchanges written the way people type, each with
//! what a right answer does, scored per language and per kind of difficulty.
//!
//! A case starts from three uploaded photos with real-looking names (and a song), runs its
//! `setup` messages as earlier turns, then its message, and checks the outcome. Cases marked
//! `pending` are what the agent does not do yet: they are scored (the figures say how far it
//! is) but do not fail the test; every other case must pass. Run with `--nocapture` to see the
//! figures (on stderr): `cargo test -p i2v-studio --lib conversations -- --nocapture`.

#![allow(
    clippy::print_stderr,
    reason = "the test reports its figures per language and kind"
)]

// One case a line reads best, which rustfmt would undo.
#[rustfmt::skip]
mod cases;

use std::collections::BTreeMap;

use i2v_core::draft::{Draft, TrackRole};

use super::support::turn_in;
use crate::agent::{Canvas, History, MediaKind, MediaRef, Revisit, Snapshot, TurnKind, TurnPlan};

/// A labelled conversation.
pub(super) struct Case {
    /// The language it is written in (`en`, `zh`, `es`, `ja`, `fr`, `de`, `mixed`).
    pub(super) language: &'static str,
    /// The kind of difficulty it tests.
    pub(super) kind: Kind,
    /// Earlier messages of the session, in order.
    pub(super) setup: &'static [&'static str],
    /// The message.
    pub(super) say: &'static str,
    /// What a right answer does.
    pub(super) expect: &'static [Expect],
    /// Not done by the agent yet: scored, not required.
    pub(super) pending: bool,
}

/// The kinds of difficulty, as the issue measuring the agent names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    /// A reply must not claim a change the draft does not show.
    Honesty,
    /// The right thing must change, not something else.
    WrongEdit,
    /// Every part of a request is done, or said not to be.
    Dropped,
    /// Casual, long-winded or misspelt phrasings.
    Phrasing,
    /// Photos by name, position or range.
    Photos,
    /// Going back and forth.
    Undo,
    /// Frame shapes.
    Canvas,
    /// Languages beyond English and Chinese.
    Language,
}

/// One thing a right answer does.
#[derive(Debug, Clone, Copy)]
pub(super) enum Expect {
    /// The draft is unchanged and the turn is free.
    Unchanged,
    /// The turn changed the draft or the frame.
    Changed,
    /// The video lasts this long (ms).
    Length(u64),
    /// The video is shorter than this (ms).
    LengthBelow(u64),
    /// Each photo lasts this long (ms).
    Each(u64),
    /// A text (title, caption or other) reads this and shows from/to these times (ms).
    Text(&'static str, u64, u64),
    /// This many photos.
    PhotoCount(usize),
    /// The photos, by upload number, in this order.
    Order(&'static [usize]),
    /// The title reads this.
    Title(&'static str),
    /// There is no title.
    NoTitle,
    /// The music is this (its name).
    Music(&'static str),
    /// No music.
    NoMusic,
    /// The frame is this size.
    Frame(u32, u32),
    /// The reply contains this.
    Says(&'static str),
    /// The reply does not contain this.
    DoesNotSay(&'static str),
}

/// The session's uploads: three photos and a song.
fn media() -> Vec<MediaRef> {
    let photo = |id: &str, name: &str| MediaRef {
        media_id: id.into(),
        name: name.into(),
        kind: MediaKind::Image,
        width: Some(4032),
        height: Some(3024),
        duration_ms: None,
    };
    vec![
        photo("med_1", "beach_sunset.jpg"),
        photo("med_2", "motorcycle_left.png"),
        photo("med_3", "city_night.jpg"),
        MediaRef {
            media_id: "med_4".into(),
            name: "our_song.mp3".into(),
            kind: MediaKind::Audio,
            width: None,
            height: None,
            duration_ms: Some(90_000),
        },
    ]
}

/// Runs a case: its setup, then its message; the draft and frame before, and the plan.
///
/// The session's history is kept as the store keeps it (`store::history`): each step that
/// changes the draft or the frame is a new state after the current one, an undo or a redo moves.
fn run(case: &Case) -> (Option<Draft>, Canvas, TurnPlan, Canvas) {
    let media = media();
    let mut draft: Option<Draft> = None;
    let mut canvas = Canvas::LANDSCAPE;
    let mut states: Vec<Snapshot> = Vec::new();
    let mut at = 0;
    for (i, message) in case.setup.iter().enumerate() {
        let history = History {
            states: &states,
            at,
        };
        let plan = turn_in(message, draft.as_ref(), &media, (canvas, i as u64), history);
        for step in &plan.steps {
            match step.revisit {
                Some(Revisit::Undo(n)) => at = at.saturating_sub(n),
                Some(Revisit::Redo(n)) => at = (at + n).min(states.len().saturating_sub(1)),
                None => {
                    let now = Snapshot {
                        draft: step
                            .draft
                            .clone()
                            .or_else(|| plan.draft.clone())
                            .unwrap_or_default(),
                        canvas: step.canvas.unwrap_or(canvas),
                        tool: Some(step.name.to_owned()),
                    };
                    states.truncate(at + 1);
                    states.push(now);
                    at = states.len() - 1;
                }
            }
        }
        draft = plan.draft;
        canvas = plan.canvas.unwrap_or(canvas);
    }
    let history = History {
        states: &states,
        at,
    };
    let plan = turn_in(case.say, draft.as_ref(), &media, (canvas, 2), history);
    let after = plan.canvas.unwrap_or(canvas);
    (draft, canvas, plan, after)
}

/// Why a case failed, or `None`.
fn judge(case: &Case) -> Option<String> {
    let (before, canvas, plan, frame) = run(case);
    let draft = plan.draft.clone().unwrap_or_default();
    let layout = draft.layout();
    let video = layout.tracks.iter().find(|t| t.role == TrackRole::Video);
    let texts = |role: TrackRole| -> Vec<String> {
        layout
            .tracks
            .iter()
            .filter(|t| t.role == role)
            .flat_map(|t| t.segments.iter().filter_map(|s| s.text.clone()))
            .collect()
    };
    let music: Vec<String> = layout
        .tracks
        .iter()
        .filter(|t| t.role == TrackRole::Music)
        .flat_map(|t| t.segments.iter().filter_map(|s| s.name.clone()))
        .collect();
    let sources: Vec<String> = video
        .map(|t| t.segments.iter().filter_map(|s| s.src.clone()).collect())
        .unwrap_or_default();
    for expect in case.expect {
        let ok = match *expect {
            Expect::Unchanged => {
                plan.kind == TurnKind::Reply && plan.draft == before && frame == canvas
            }
            Expect::Changed => plan.draft != before || frame != canvas,
            Expect::Length(ms) => draft.duration_ms() == ms,
            Expect::LengthBelow(ms) => draft.duration_ms() < ms,
            Expect::Text(words, from, to) => layout.tracks.iter().any(|t| {
                t.segments.iter().any(|s| {
                    s.text.as_deref() == Some(words)
                        && (s.span.start_ms, s.span.end_ms) == (from, to)
                })
            }),
            Expect::Each(ms) => video.is_some_and(|t| {
                !t.segments.is_empty() && t.segments.iter().all(|s| s.span.duration_ms() == ms)
            }),
            Expect::PhotoCount(n) => sources.len() == n,
            Expect::Order(order) => {
                let wanted: Vec<String> = order.iter().map(|n| format!("med_{n}")).collect();
                sources == wanted
            }
            Expect::Title(text) => texts(TrackRole::Title) == [text],
            Expect::NoTitle => texts(TrackRole::Title).is_empty(),
            Expect::Music(name) => music == [name],
            Expect::NoMusic => music.is_empty(),
            Expect::Frame(w, h) => (frame.width, frame.height) == (w, h),
            Expect::Says(words) => plan.reply.contains(words),
            Expect::DoesNotSay(words) => !plan.reply.contains(words),
        };
        if !ok {
            return Some(format!(
                "{expect:?} failed for {:?}: replied {:?}; summary {}",
                case.say,
                plan.reply,
                draft.summary()
            ));
        }
    }
    None
}

/// Right answers and cases, per language or kind.
#[derive(Default)]
struct Score {
    right: usize,
    all: usize,
}

#[test]
fn the_labelled_conversations_come_out_right() {
    let mut by_language: BTreeMap<&str, Score> = BTreeMap::new();
    let mut by_kind: BTreeMap<Kind, Score> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut pending_right = Vec::new();
    for case in cases::CASES {
        let failure = judge(case);
        for score in [
            by_language.entry(case.language).or_default(),
            by_kind.entry(case.kind).or_default(),
        ] {
            score.all += 1;
            score.right += usize::from(failure.is_none());
        }
        match (failure, case.pending) {
            (Some(why), false) => failures.push(why),
            (None, true) => pending_right.push(case.say),
            _ => {}
        }
    }
    let line = |name: String, score: &Score| {
        let percent = score.right * 100 / score.all.max(1);
        eprintln!("{name:>12}: {}/{} ({percent}%)", score.right, score.all);
    };
    eprintln!("labelled conversations, per language:");
    for (language, score) in &by_language {
        line((*language).to_owned(), score);
    }
    eprintln!("per kind:");
    for (kind, score) in &by_kind {
        line(format!("{kind:?}"), score);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        pending_right.is_empty(),
        "pending cases that now pass (mark them done): {pending_right:?}"
    );
}
