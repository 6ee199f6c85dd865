//! What a turn did, or could not do: the facts the reply is written from.
//!
//! Positions here are 1-based, as a person counts pictures.

use super::already::Setting;
use super::types::Aspect;
use super::understand::{Colour, FadeEnd, MotionStyle, Ordinal};
use i2v_core::draft::{Fit, Position, Span, TransitionKind};

/// A change made to the draft or the canvas.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    /// A slideshow was made (stage one).
    Generated {
        /// How many pictures it shows.
        images: usize,
        /// How long it lasts.
        total_ms: u64,
        /// The transition kind, if any.
        transition: Option<TransitionKind>,
        /// The camera motion.
        motion: MotionStyle,
        /// Uploaded videos left out.
        skipped_videos: usize,
    },
    /// Music and title were added (stage two).
    Dressed {
        /// The music's name and volume.
        music: Option<(String, f64)>,
        /// The title.
        title: Option<String>,
    },
    /// The whole video now lasts this long.
    Total {
        /// Its length.
        total_ms: u64,
        /// How many pictures share it.
        clips: usize,
    },
    /// Each picture now lasts this long.
    Each {
        /// The length of each.
        each_ms: u64,
        /// The video's length.
        total_ms: u64,
    },
    /// These pictures now last this long.
    Clips {
        /// Which pictures, and how long each now lasts.
        lengths: Vec<(usize, u64)>,
        /// The video's length.
        total_ms: u64,
    },
    /// Pictures were removed.
    Removed {
        /// Which ones (positions before the removal).
        positions: Vec<usize>,
        /// How many are left.
        left: usize,
        /// The video's length.
        total_ms: u64,
    },
    /// A picture moved.
    Moved {
        /// From this position.
        from: usize,
        /// To this one.
        to: usize,
    },
    /// Two pictures traded places.
    Swapped(usize, usize),
    /// The order was reversed.
    Reversed,
    /// Uploaded pictures were appended.
    AddedImages {
        /// How many.
        count: usize,
        /// The video's length.
        total_ms: u64,
    },
    /// The transitions are now of this kind and length (`None`: plain cuts).
    Transitions(Option<(TransitionKind, u64)>),
    /// The camera motion changed, on one picture or all.
    Motion(MotionStyle, Option<usize>),
    /// This music plays, at this volume.
    Music(String, f64),
    /// The music was removed.
    MusicRemoved,
    /// The music's volume is now this (0: muted).
    Volume(f64),
    /// The title is now this text.
    Title(String),
    /// The title shows for this long.
    TitleShown(u64),
    /// The title's font size is now this.
    TitleSize(u32),
    /// The title was removed.
    TitleRemoved,
    /// Captions were added from the file names, this many.
    Captions(usize),
    /// A caption with this text, on this picture or over the whole video.
    Caption(String, Option<usize>),
    /// Captions were removed, from one picture or all.
    CaptionsRemoved(Option<usize>),
    /// The frame shape changed.
    Aspect(Aspect),
    /// The pace changed: every picture shows for less (`faster`) or more time.
    Pace {
        /// Quicker (true) or slower.
        faster: bool,
        /// How long a picture now shows, on average.
        each_ms: u64,
        /// The video's length.
        total_ms: u64,
        /// Whether music plays, which still ends with the video.
        music: bool,
    },
    /// The whole video now fades at this end for this long (`None`: the fade was removed).
    Fade(FadeEnd, Option<u64>),
    /// The pictures (or the one at this 1-based position) now fill the frame this way.
    Fit(Fit, Option<usize>),
    /// Changes were undone, named by the tools that made them, latest first (`None`: not known).
    Undone {
        /// The tools of the changes undone.
        tools: Vec<Option<String>>,
        /// More were asked for than there were: nothing earlier is left.
        none_left: bool,
    },
    /// Undone changes were brought back, named by the tools that made them, in order.
    Redone {
        /// The tools of the changes redone.
        tools: Vec<Option<String>>,
        /// More were asked for than there were: nothing further is left.
        none_left: bool,
    },
    /// A title was added where there was none: its words, shown from the start to `end_ms`.
    TitleAdded {
        /// Its words.
        text: String,
        /// When it is gone.
        end_ms: u64,
    },
    /// The title now sits or shows like this.
    TitleLook(Look),
    /// A text was placed on the timeline beside the title.
    TextPlaced(Placed),
    /// The title left the opening and now shows as a text placed there.
    TitleMoved(Placed),
    /// The texts placed at this time now look like this.
    TextsLook {
        /// How.
        look: Look,
        /// When they show.
        span: Span,
    },
    /// Texts placed at this time were removed: their words.
    TextsRemoved {
        /// Their words.
        texts: Vec<String>,
        /// The time they were removed from.
        span: Span,
    },
}

/// A text placed on the timeline, as the reply tells it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    /// Its words.
    pub(crate) text: String,
    /// When it shows.
    pub(crate) span: Span,
    /// Where it was asked for: the end, a picture (1-based), or a stretch of time.
    pub(crate) at: PlacedAt,
    /// Where it sits in the frame.
    pub(crate) position: Position,
    /// The words of the texts it replaced there.
    pub(crate) replaced: Vec<String>,
}

/// Where a placed text was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlacedAt {
    /// At the end.
    End,
    /// Over this picture (1-based).
    Picture(usize),
    /// Over a stretch of time.
    Stretch,
}

/// A change to how a text looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Look {
    /// It sits here in the frame.
    Position(Position),
    /// It is this colour.
    Color(Colour),
    /// Its font size is this.
    Size(u32),
}

/// Why an instruction changed nothing.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Problem {
    /// No pictures were uploaded.
    NoImages,
    /// There is no video track to edit.
    NoVideo,
    /// The picture pointed at does not exist.
    NoSuchPicture {
        /// What was asked.
        asked: Ordinal,
        /// How many pictures there are.
        count: usize,
    },
    /// Removing would leave no pictures.
    WouldRemoveAll,
    /// Too short: at least this long.
    TooShort {
        /// The shortest allowed.
        min_ms: u64,
    },
    /// Too long: at most this long.
    TooLong {
        /// The longest allowed.
        max_ms: u64,
    },
    /// The edit would change nothing (what compose steps say; the plan turns it into
    /// [`Problem::AlreadySet`] or [`Problem::Unchanged`] before a reply sees it).
    Already,
    /// The video already has what was asked, with its value.
    AlreadySet(Setting),
    /// The instruction changed nothing, and what it asked for cannot be shown to be there.
    Unchanged,
    /// There is no music to change.
    NoMusic,
    /// No music was uploaded.
    NoUploadedMusic,
    /// There is no title to change.
    NoTitle,
    /// There are no captions to remove.
    NoCaptions,
    /// Every uploaded picture is already in the video.
    NoNewImages,
    /// Which picture was not said.
    WhichPicture,
    /// What the caption should say was not said.
    WhatText,
    /// Where to move it was not said.
    WhereTo,
    /// A frame shape the agent does not make, as the person wrote it.
    OtherAspect(String),
    /// The pictures are already as quick (`faster`) or as slow as they may be.
    PaceLimit {
        /// The way that was asked.
        faster: bool,
    },
    /// There is no fade at that end to remove.
    NoFade(FadeEnd),
    /// A title was asked for without saying what it should say.
    TitleWanted,
    /// A text was asked for at a time without saying what it should say.
    TextWanted,
    /// There is no text placed at this time to change or remove.
    NoTextsThere(Span),
    /// There is no change to undo.
    NothingToUndo,
    /// There is no undone change to bring back.
    NothingToRedo,
}
