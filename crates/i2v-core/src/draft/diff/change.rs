//! One difference between two drafts: who changed, how, where, and the words a person reads.

use std::fmt;

use crate::draft::meta::Transition;
use crate::draft::summary::{one_line, write_description};
use crate::draft::timing::{Seconds, Span};

/// One difference between two drafts, readable through `Display`: `Clip 3 removed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What changed: the timeline, a track, or one segment.
    pub subject: Subject,
    /// How it changed.
    pub kind: ChangeKind,
    /// Where it was in the draft before (absent for something added).
    pub before: Option<Place>,
    /// Where it is in the draft after (absent for something removed).
    pub after: Option<Place>,
}

/// A position in a draft: indices into `t`, and into the track's `sg` for a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Place {
    /// The track's index in `t`.
    pub track: usize,
    /// The segment's index in `sg`, when the change is to one segment.
    pub segment: Option<usize>,
}

/// What a change is about, named as a person calls it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// The draft's own top-level keys.
    Timeline,
    /// A whole track, or the single segment of a single-segment track: `BGM`, `Title`, `Video 2`
    /// (numbered where the draft has several tracks with that label).
    Track {
        /// The track's label, numbered where needed.
        name: String,
    },
    /// One segment of a track with several: `Clip 3` on the main video track, else `BGM clip 2`.
    Clip {
        /// The track's name as in [`Subject::Track`]; `None` for the main video track.
        track: Option<String>,
        /// The segment's 1-based position: in the draft before for a removal or a move, else in
        /// the draft after.
        number: usize,
    },
}

/// How something changed; values are as a person reads them (ms, whole percent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// It is new: its name (or quoted text), where it sits, and its volume when it is audio.
    Added {
        /// Its name, or its text in double quotes, if it has one.
        name: Option<String>,
        /// Where it sits; `None` for an empty track.
        span: Option<Span>,
        /// Its volume in percent, for audio.
        volume_percent: Option<u64>,
    },
    /// It is gone.
    Removed,
    /// It now sits at another 1-based position among its siblings.
    Moved {
        /// The new 1-based position.
        to: usize,
    },
    /// Its media (`src`) is another; named by `name`, else `src`.
    Replaced {
        /// What it showed before.
        from: Option<String>,
        /// What it shows now.
        to: Option<String>,
    },
    /// Its `name` changed.
    Renamed {
        /// The name before.
        from: Option<String>,
        /// The name after.
        to: Option<String>,
    },
    /// Its `text` changed.
    Text {
        /// The text before.
        from: Option<String>,
        /// The text after.
        to: Option<String>,
    },
    /// Its duration changed.
    Duration {
        /// The duration before, in ms.
        from_ms: u64,
        /// The duration after, in ms.
        to_ms: u64,
    },
    /// Its explicit start (`s`) moved it on the timeline.
    Start {
        /// Where it started, in ms.
        from_ms: u64,
        /// Where it starts now, in ms.
        to_ms: u64,
    },
    /// Its volume changed (a missing volume is 100%).
    Volume {
        /// The volume before, in whole percent.
        from_percent: u64,
        /// The volume after, in whole percent.
        to_percent: u64,
    },
    /// The transition after it (into the next segment) changed, appeared or went away.
    Transition {
        /// The transition before.
        from: Option<Transition>,
        /// The transition after.
        to: Option<Transition>,
    },
    /// Other keys changed (`fit`, `motion`, keys the model does not know…), listed by name.
    Edited {
        /// The keys, sorted; `d`, `s` and `tt` read as `duration`, `start` and `type`.
        keys: Vec<String>,
    },
}

impl Subject {
    /// The subject inside a sentence: `clip 3` rather than `Clip 3`.
    fn in_sentence(&self) -> String {
        match self {
            Subject::Clip {
                track: None,
                number,
            } => format!("clip {number}"),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Timeline => f.write_str("Timeline"),
            Subject::Track { name } => f.write_str(name),
            Subject::Clip {
                track: None,
                number,
            } => write!(f, "Clip {number}"),
            Subject::Clip {
                track: Some(track),
                number,
            } => write!(f, "{track} clip {number}"),
        }
    }
}

/// `Title added: "Paradise Found" (0-3s)`, `BGM volume 35% → 20%`, `Clip 3 removed`,
/// `Clip 2 duration 3s → 5s`, `Transition after clip 1: fade → slideleft`, `Title text "A" → "B"`.
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let subject = &self.subject;
        match &self.kind {
            ChangeKind::Added {
                name,
                span,
                volume_percent,
            } => {
                write!(f, "{subject} added: ")?;
                write_description(f, name.as_deref(), *span, *volume_percent)
            }
            ChangeKind::Removed => write!(f, "{subject} removed"),
            ChangeKind::Moved { to } => write!(f, "{subject} moved to position {to}"),
            ChangeKind::Replaced { from, to } => {
                write!(f, "{subject} replaced: {} → {}", or_none(from), or_none(to))
            }
            ChangeKind::Renamed { from, to } => {
                write!(f, "{subject} renamed: {} → {}", or_none(from), or_none(to))
            }
            ChangeKind::Text { from, to } => {
                write!(f, "{subject} text {} → {}", quoted(from), quoted(to))
            }
            ChangeKind::Duration { from_ms, to_ms } => write!(
                f,
                "{subject} duration {}s → {}s",
                Seconds(*from_ms),
                Seconds(*to_ms)
            ),
            ChangeKind::Start { from_ms, to_ms } => write!(
                f,
                "{subject} start {}s → {}s",
                Seconds(*from_ms),
                Seconds(*to_ms)
            ),
            ChangeKind::Volume {
                from_percent,
                to_percent,
            } => write!(f, "{subject} volume {from_percent}% → {to_percent}%"),
            ChangeKind::Transition { from, to } => {
                // The duration is worth reading only when it is the difference.
                let same_kind =
                    from.as_ref().map(Transition::kind) == to.as_ref().map(Transition::kind);
                write!(
                    f,
                    "Transition after {}: {} → {}",
                    subject.in_sentence(),
                    TransitionWords(from.as_ref(), same_kind),
                    TransitionWords(to.as_ref(), same_kind)
                )
            }
            ChangeKind::Edited { keys } => write!(f, "{subject} changed: {}", keys.join(", ")),
        }
    }
}

/// A transition as words: `fade`, or `fade 0.8s` where the duration is what changed.
struct TransitionWords<'a>(Option<&'a Transition>, bool);

impl fmt::Display for TransitionWords<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let TransitionWords(transition, with_duration) = *self;
        let Some(transition) = transition else {
            return f.write_str("none");
        };
        f.write_str(transition.kind_word().unwrap_or("transition"))?;
        match transition.duration_ms() {
            Some(ms) if with_duration => write!(f, " {}s", Seconds(ms)),
            _ => Ok(()),
        }
    }
}

/// A name as words, on one line; `none` where there is none.
fn or_none(value: &Option<String>) -> String {
    value.as_deref().map_or_else(|| "none".to_owned(), one_line)
}

/// A text in double quotes, on one line; `none` where there is none.
fn quoted(value: &Option<String>) -> String {
    match value {
        Some(text) => format!("\"{}\"", one_line(text)),
        None => "none".to_owned(),
    }
}
