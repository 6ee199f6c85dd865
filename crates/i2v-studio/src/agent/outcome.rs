//! What a turn did, or could not do: the facts the reply is written from.
//!
//! Positions here are 1-based, as a person counts pictures.

use super::types::Aspect;
use super::understand::{MotionStyle, Ordinal};
use i2v_core::draft::TransitionKind;

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
    /// Already as asked.
    Already,
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
    /// There is no change to undo.
    NothingToUndo,
    /// There is no undone change to bring back.
    NothingToRedo,
}
