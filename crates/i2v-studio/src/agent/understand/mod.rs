//! Understanding a message: rules that turn what a person wrote into [`Command`]s.
//!
//! The message is read ([`crate::agent::text`]), split into clauses ([`split`]), and each
//! clause goes through the rules in a fixed order, each adding the commands it finds:
//! frame shape ([`aspect`]), transitions, camera motion, pictures (remove, move, swap, reverse,
//! add), lengths of time ([`timeline`]), music ([`overlay`]), the title, texts placed at a time
//! and captions ([`texts`], reading [`words`], [`when`] and [`looks`]), then the pace
//! ([`pace`]); a clause about fading the whole video in or out ([`fades`]) goes to that rule
//! alone, as does a clause that asks to undo or redo ([`history`]). Pictures are pointed at by
//! position ([`refs`]) or by name ([`names`]), and a moved one's new place is read by
//! [`places`]. A message that yields nothing but holds a quote sets the title to it ("'Summer
//! Trip'"). Separately, [`Request::generate`] says whether the person asked for a (new) video to
//! be made. Spanish and Japanese go through the same rules, with their words in the lists
//! ([`lexicon`]); [`foreign`] tells Spanish from the Latin-script languages the agent does not
//! read.

mod aspect;
mod clause;
mod fades;
mod fit;
mod foreign;
mod generate;
mod history;
mod leads;
mod leftover;
mod lists;
// Word lists read best packed several to a line, which rustfmt would undo one per line.
#[rustfmt::skip]
mod lexicon;
mod looks;
mod names;
mod overlay;
mod pace;
mod places;
mod refs;
mod said;
mod split;
mod texts;
mod timeline;
mod when;
mod words;

pub(crate) use fades::{FadeChange, FadeEnd};
pub(crate) use foreign::is_spanish;
pub(crate) use refs::{Ordinal, Place};

pub(crate) use clause::Clause;
use clause::Shared;
use i2v_core::draft::{Fit, Motion, Position, TransitionKind};

use super::text::phrase::find;
use super::text::read;
use super::types::{Aspect, Language, MediaKind, MediaRef};

/// An operation a clause asks for; what it applies to is decided by the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Op {
    /// Add, include, put in.
    Add,
    /// Remove, delete, no, without, don't.
    Remove,
    /// Change, set, use, make, switch.
    Change,
    /// Lower, quieter.
    Lower,
    /// Raise, louder.
    Raise,
    /// Mute.
    Mute,
    /// Unmute.
    Unmute,
    /// Longer, slower.
    Longer,
    /// Shorter, faster.
    Shorter,
}

/// How the transitions change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TransitionChange {
    /// Transitions between all pictures: of this kind (`None`: keep the current kind, or fade)
    /// and this length (`None`: keep the current one, or 800 ms).
    Set {
        /// The kind.
        kind: Option<TransitionKind>,
        /// The length in ms.
        ms: Option<u64>,
    },
    /// Quicker (`false`: half as long) or slower (`true`: half as long again), kind kept.
    Pace(bool),
    /// Plain cuts.
    Remove,
}

/// How music is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MusicChoice {
    /// The default: the person's upload if any, else the library's first track.
    Default,
    /// Some other track than the current one.
    Another,
    /// A library track, by key.
    Library(&'static str),
    /// The person's upload: this audio upload (index into the media), or the latest one.
    Uploaded(Option<usize>),
}

/// How the music's loudness changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum VolumeChange {
    /// Quieter (×0.6, at least 5%).
    Lower,
    /// Louder (×1.5, at most 100%).
    Raise,
    /// To this volume, 0–1.
    Set(f64),
    /// Silent, the track kept.
    Mute,
    /// Back to the default volume after a mute.
    Unmute,
}

/// How a text (title or caption) changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TextChange {
    /// To this text.
    Set(String),
    /// To the default: the file names for captions; a title has none (the person is asked).
    Default,
    /// Shown for this long (titles).
    Duration(u64),
    /// Larger (`true`) or smaller text (titles).
    Resize(bool),
    /// Gone.
    Remove,
    /// Placed here in the frame.
    Position(Position),
    /// In this colour.
    Color(Colour),
    /// At this font size, in pixels.
    FontSize(u32),
}

/// A colour asked for a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Colour {
    /// Its `RRGGBB` digits, as `i2v_core::draft::color_hex` reads it.
    pub(crate) hex: String,
    /// Its English name where it was named ("red", 红色), rather than given in digits.
    pub(crate) name: Option<&'static str>,
}

/// When a text placed on the timeline shows (the opening is the title's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    /// For the end of the video: this long (`None`: as long as a title shows).
    End(Option<u64>),
    /// While this picture shows.
    Over(Ordinal),
    /// From this ms to that one.
    Between(u64, u64),
}

/// Which camera movement the pictures get.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum MotionStyle {
    /// Zoom in and out in turn.
    Zooms,
    /// Pan left and right in turn.
    Pans,
    /// One motion for all.
    Fixed(Motion),
    /// None (`none`).
    Still,
}

/// What a person asked for that the agent could not pin down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Unclear {
    /// A picture operation without saying which picture.
    WhichPicture,
    /// A move without saying where to.
    WhereTo,
}

/// One instruction understood.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Command {
    /// The whole video lasts this long, split evenly.
    Total(u64),
    /// Each picture lasts this long.
    Each(u64),
    /// These pictures last this long.
    Clip(Vec<Ordinal>, u64),
    /// These pictures longer or shorter, by this much (`None`: by half).
    ClipScale {
        /// Which pictures.
        clips: Vec<Ordinal>,
        /// Longer (true) or shorter.
        longer: bool,
        /// By how much, in ms.
        by: Option<u64>,
    },
    /// Only these pictures stay.
    KeepClips(Vec<Ordinal>),
    /// Longer or shorter overall, by this much (`None`: by a fifth).
    Scale {
        /// Longer (true) or shorter.
        longer: bool,
        /// By how much, in ms.
        by: Option<u64>,
    },
    /// These pictures go.
    RemoveClips(Vec<Ordinal>),
    /// A picture moves.
    MoveClip(Ordinal, Place),
    /// Two pictures trade places.
    SwapClips(Ordinal, Ordinal),
    /// The order is reversed.
    Reverse,
    /// Uploaded pictures not yet in the video are appended.
    AddImages,
    /// The transitions change.
    Transitions(TransitionChange),
    /// The camera motion changes, for one picture or (`None`) all.
    Motion(MotionStyle, Option<Ordinal>),
    /// The music is chosen.
    Music(MusicChoice),
    /// The music goes.
    RemoveMusic,
    /// The music's loudness changes.
    Volume(VolumeChange),
    /// The title changes.
    Title(TextChange),
    /// Captions change, on one picture or (`None`) all.
    Caption(TextChange, Option<Ordinal>),
    /// The frame shape changes.
    Aspect(Aspect),
    /// Understood, but a detail is missing.
    Unclear(Unclear),
    /// The pace changes: every picture shorter (`faster`) or longer, the music in step.
    Pace {
        /// Quicker (true) or slower.
        faster: bool,
    },
    /// A frame shape the agent does not make, as the person wrote it (`21:9`).
    OtherAspect(String),
    /// The whole video fades from black at its start, or to black at its end.
    Fade(FadeEnd, FadeChange),
    /// A text placed on the timeline beside the title (added, restyled or removed) at this time.
    Text(TextChange, When),
    /// The title leaves the opening to show at this time instead.
    MoveTitle(When),
    /// Take back this many of the latest changes ([`history::ALL_STEPS`]: every one there is).
    Undo(usize),
    /// Bring back this many changes just undone ([`history::ALL_STEPS`]: every one there is).
    Redo(usize),
    /// How the pictures fill the frame, for one picture or (`None`) all.
    Fit(Fit, Option<Ordinal>),
}

impl Command {
    /// Whether the command is about the music.
    fn is_music(&self) -> bool {
        matches!(
            self,
            Command::Music(_) | Command::RemoveMusic | Command::Volume(_)
        )
    }

    /// Whether the command moves through the history (undo, redo).
    pub(crate) fn is_revisit(&self) -> bool {
        matches!(self, Command::Undo(_) | Command::Redo(_))
    }
}

/// What a person asked for in one message.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Request {
    /// The language they wrote in.
    pub(crate) language: Language,
    /// Whether they asked for a video to be made (again).
    pub(crate) generate: bool,
    /// Whether they asked how to do something, rather than for it to be done.
    pub(crate) question: bool,
    /// Whether they asked for the finished file (the editor's Export button does that).
    pub(crate) export: bool,
    /// The instructions, in the order given.
    pub(crate) commands: Vec<Command>,
    /// The parts of the message no rule understood, in the person's words.
    pub(crate) not_understood: Vec<String>,
    /// The language the message is in, when the agent does not read it (`Spanish`, …).
    pub(crate) foreign: Option<&'static str>,
}

/// Reads what a person asked for; `has_draft` says whether a video already exists (its
/// pictures counted in upload order: [`understand_with`] knows the video's own order).
#[cfg(test)]
pub(crate) fn understand(text: &str, media: &[MediaRef], has_draft: bool) -> Request {
    understand_in(text, media, &uploaded_images(media), has_draft)
}

/// Reads what a person asked for, the video showing the pictures of `video` in that order
/// (`None`: there is no video yet, and pictures are counted in upload order).
pub(crate) fn understand_with(text: &str, media: &[MediaRef], video: Option<&[String]>) -> Request {
    match video {
        Some(order) => understand_in(text, media, order, true),
        None => understand_in(text, media, &uploaded_images(media), false),
    }
}

/// Reads `text` as [`understand_with`] does, for the `understand` bench (outside the crate, so
/// it cannot see [`Request`]): how many commands it found and how many parts it did not
/// understand.
#[doc(hidden)]
pub fn understand_for_bench(
    text: &str,
    media: &[MediaRef],
    video: Option<&[String]>,
) -> (usize, usize) {
    let request = understand_with(text, media, video);
    (request.commands.len(), request.not_understood.len())
}

/// The uploaded pictures' media ids, in upload order.
fn uploaded_images(media: &[MediaRef]) -> Vec<String> {
    media
        .iter()
        .filter(|m| m.kind == MediaKind::Image)
        .map(|m| m.media_id.clone())
        .collect()
}

fn understand_in(text: &str, media: &[MediaRef], order: &[String], has_draft: bool) -> Request {
    let message = read(text);
    let shared = Shared {
        pictures: names::Pictures::new(&message, media, order),
        count: order.len(),
        language: message.language(),
    };
    let mut commands = Vec::new();
    let mut generate = false;
    // The operation carried to the next clause, when a linking word joins it ("remove the
    // music and the title"); a comma alone does not carry it ("no motion, epic music").
    let mut carried = None;
    let mut music_context = false;
    let mut question = false;
    let mut not_understood = Vec::new();
    // Tokens a clause read past its own end ("fade in | and out"): no clause reads them again.
    let mut read_until = 0;
    for span in split::split(&message.tokens) {
        if span.range.end <= read_until {
            continue;
        }
        let inherited = if span.linked { carried } else { None };
        let clause = Clause::new(
            &message,
            span.range,
            inherited,
            music_context,
            media,
            &shared,
        );
        // "how do I add music?" asks for help, not for music.
        if clause
            .find(lexicon::QUESTIONS)
            .is_some_and(|(at, _)| at <= 1)
        {
            question = true;
            continue;
        }
        // An undo or a redo is the whole clause: "put it back" moves no picture.
        if history::rules(&clause, &mut commands) {
            (carried, music_context) = (None, false);
            continue;
        }
        let before = commands.len();
        // A fade of the whole video claims the clause: its "fade" and "black" are no
        // transition, and its length of time is the fade's.
        if let Some(end) = fades::rules(&clause, &mut commands) {
            read_until = end;
        } else {
            timeline::rules(&clause, &mut commands);
            overlay::rules(&clause, &mut commands);
            texts::rules(&clause, &mut commands);
            fit::rules(&clause, &mut commands);
            pace::rules(&clause, &mut commands);
        }
        let generating = generate::wants_generation(&clause, has_draft);
        generate |= generating;
        if generating {
            generate::for_new_video(&mut commands, before, &clause.refs, order.len());
        }
        let produced = commands.get(before..).unwrap_or_default();
        if !produced.is_empty() {
            carried = clause.ops.last().map(|found| found.op).or(inherited);
            music_context = produced.iter().any(Command::is_music);
        } else if !generating {
            not_understood.extend(leftover::leftover(&clause));
        }
    }
    if commands.is_empty() && !generate && !question {
        texts::lone_quote(&message, media, &mut commands);
        if !commands.is_empty() {
            // The quote was the instruction: the title is what it said.
            not_understood.clear();
        }
    }
    Request {
        language: shared.language,
        generate,
        question,
        export: find(&message.tokens, lexicon::EXPORT).is_some(),
        commands,
        not_understood,
        foreign: foreign::foreign_language(&message.tokens),
    }
}

#[cfg(test)]
mod tests;
