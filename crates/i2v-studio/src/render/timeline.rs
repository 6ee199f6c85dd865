//! The draft read as a render timeline: `i2v_core::timeline` (the one reading of what a draft
//! shows, which the browser preview draws too), checked against what this studio can render:
//! its canvas limits, the session's media and the music library.

use i2v_core::timeline::TimelineError;
pub use i2v_core::timeline::{
    Clip, ClipParts, MAX_CLIPS, MAX_DURATION_MS, MAX_MUSIC, MAX_TEXTS, Music, Text, Timeline,
};

use i2v_core::draft::{Draft, MediaSource};

use super::error::RenderError;
use super::request::{Canvas, MediaKind, check_canvas};
use crate::library::Bed;

/// Where a piece of music comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MusicSource {
    /// A bed of the built-in library.
    Library(Bed),
    /// An uploaded file, by media id.
    Media(String),
}

impl MusicSource {
    /// Reads a piece's `src`: `library:<key>` names a bed, anything else a media id.
    pub fn read(src: &str) -> Result<MusicSource, RenderError> {
        match MediaSource::read(src) {
            Some(MediaSource::Library(key)) => Bed::from_key(key)
                .map(MusicSource::Library)
                .ok_or_else(|| RenderError::UnknownMusic {
                    key: key.to_string(),
                }),
            _ => Ok(MusicSource::Media(src.to_string())),
        }
    }
}

/// Reads a draft onto `canvas`; `kind_of` tells what each media id is (`None`: the session has
/// no such media). Every clip must be a picture or video, every piece of music a song, a video
/// or a bed the library has.
pub(crate) fn build(
    draft: &Draft,
    canvas: Canvas,
    kind_of: &dyn Fn(&str) -> Option<MediaKind>,
) -> Result<Timeline, RenderError> {
    check_canvas(&canvas)?;
    let timeline = Timeline::build(draft, canvas).map_err(RenderError::from)?;
    for clip in &timeline.clips {
        match kind_of(&clip.src) {
            Some(MediaKind::Image | MediaKind::Video) => {}
            Some(other) => return Err(wrong_kind(&clip.src, "a picture or video", other)),
            None => return Err(unknown_media(&clip.src)),
        }
    }
    for music in &timeline.music {
        if let MusicSource::Media(id) = MusicSource::read(&music.src)? {
            match kind_of(&id) {
                Some(MediaKind::Audio | MediaKind::Video) => {}
                Some(other) => return Err(wrong_kind(&id, "music", other)),
                None => return Err(unknown_media(&id)),
            }
        }
    }
    Ok(timeline)
}

impl From<TimelineError> for RenderError {
    fn from(err: TimelineError) -> RenderError {
        match err {
            TimelineError::NoVideoClips => RenderError::NoVideoClips,
            TimelineError::TooLong { seconds, limit } => RenderError::TooLong { seconds, limit },
            TimelineError::TooManyPieces { what, count, limit } => {
                RenderError::TooManyPieces { what, count, limit }
            }
            TimelineError::MissingSource { track, index } => {
                RenderError::MissingSource { track, index }
            }
            TimelineError::EmptyCanvas { .. } => RenderError::InvalidCanvas(err.to_string()),
        }
    }
}

fn wrong_kind(name: &str, expected: &'static str, found: MediaKind) -> RenderError {
    RenderError::WrongMediaKind {
        name: name.to_string(),
        expected,
        found: found.describe(),
    }
}

fn unknown_media(id: &str) -> RenderError {
    RenderError::UnknownMedia { id: id.to_string() }
}

#[cfg(test)]
mod tests;
