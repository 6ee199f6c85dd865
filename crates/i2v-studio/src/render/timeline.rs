//! The draft read as a render timeline: clips in frames, music and texts in ms, every default
//! filled in and every duration clamped so that the filter graph cannot be asked the impossible.
//!
//! Rules (ours, following `docs/PROTOCOL.md` §5):
//! - The video is the first video track (`tt` 0) with segments; its clips play in start order.
//!   A gap between clips holds the earlier picture, an overlap cuts it short, so the screen is
//!   never black. The output lasts until the last clip ends: music and text are cut there.
//! - A transition belongs to the clip it leaves and is centred on the boundary, half before and
//!   half after it, so transitions never shorten the video. It lasts at most as long as either
//!   clip it joins.
//! - The video track's own `fade_in` and `fade_out` ([`Track::fade_in_ms`]) fade the whole
//!   video from and to black, each for at most half of it.
//! - Music comes from every audio track (`tt` 1); text from every text track (`tt` 7), whose
//!   role ([`Track::role`], the one rule the summary uses too: a title, else captions) picks
//!   the defaults.
//! - Every styling word is read by `i2v_core::draft` ([`Fit`], [`Motion`], [`Position`],
//!   [`TransitionKind`], [`MediaSource`]): an unknown word takes the default.

use i2v_core::draft::{
    Draft, Fit, MediaSource, Meta, Motion, Position, Segment, Span, Track, TrackKind, TrackRole,
    TransitionKind, color_hex,
};

use super::error::RenderError;
use super::request::{Canvas, MediaKind, check_canvas};
use crate::library::Bed;

/// The longest video a render may produce.
pub const MAX_DURATION_MS: u64 = 60 * 60 * 1000;

/// The most clips a render takes: each is an input and a chain of the filter graph, all held
/// at once (2,000 clips of 150 ms took ffmpeg past 6 GB).
pub const MAX_CLIPS: usize = 300;
/// The most pieces of music a render mixes.
pub const MAX_MUSIC: usize = 20;
/// The most titles and captions a render draws.
pub const MAX_TEXTS: usize = 300;

/// The timeline, ready to become a filter graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The frame.
    pub canvas: Canvas,
    /// How many frames the video has.
    pub frames: u64,
    /// The clips, in playing order.
    pub clips: Vec<Clip>,
    /// The pieces of music.
    pub music: Vec<Music>,
    /// The titles and captions.
    pub texts: Vec<Text>,
    /// How long the whole video comes up from black at its start, in ms (0: it does not).
    pub fade_in_ms: u64,
    /// How long the whole video, its sound with it, goes down to black at its end, in ms.
    pub fade_out_ms: u64,
}

/// One picture (or video) on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Clip {
    /// The media it shows.
    pub media_id: String,
    /// How it fills the frame.
    pub fit: Fit,
    /// How the view moves over it.
    pub motion: Motion,
    /// Its share of the timeline, in frames, from boundary to boundary.
    pub frames: u64,
    /// The transition into the next clip: its kind and length in frames.
    pub transition: Option<(TransitionKind, u64)>,
}

/// Where a clip's frames go: `head` frames blend with the previous clip, then `body` frames
/// stand alone, then `tail` frames blend with the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClipParts {
    /// Frames shared with the transition in.
    pub head: u64,
    /// Frames shown alone.
    pub body: u64,
    /// Frames shared with the transition out.
    pub tail: u64,
}

impl ClipParts {
    /// How many frames the clip's stream has.
    pub fn total(&self) -> u64 {
        self.head + self.body + self.tail
    }
}

/// Where a piece of music comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MusicSource {
    /// A bed of the built-in library.
    Library(Bed),
    /// An uploaded file, by media id.
    Media(String),
}

/// One piece of music.
#[derive(Debug, Clone, PartialEq)]
pub struct Music {
    /// Where it comes from.
    pub source: MusicSource,
    /// When it starts, in ms.
    pub start_ms: u64,
    /// How long it plays, in ms (it loops when the file is shorter).
    pub duration_ms: u64,
    /// Loudness, 0 to 2 (1 as recorded).
    pub volume: f64,
    /// Fade in, in ms.
    pub fade_in_ms: u64,
    /// Fade out, in ms.
    pub fade_out_ms: u64,
}

/// One title or caption.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The words (may hold line breaks).
    pub text: String,
    /// A title (bold, centred by default) rather than a caption.
    pub title: bool,
    /// When it appears, in ms.
    pub start_ms: u64,
    /// When it is gone, in ms.
    pub end_ms: u64,
    /// Where it sits.
    pub position: Position,
    /// Its colour, `RRGGBB`.
    pub color: String,
    /// Its size in pixels on this canvas.
    pub size_px: u32,
    /// Fade in, in ms.
    pub fade_in_ms: u64,
    /// Fade out, in ms.
    pub fade_out_ms: u64,
}

impl Timeline {
    /// Reads a draft; `kind_of` tells what each media id is (`None`: the session has no such media).
    pub fn build(
        draft: &Draft,
        canvas: Canvas,
        kind_of: &dyn Fn(&str) -> Option<MediaKind>,
    ) -> Result<Timeline, RenderError> {
        check_canvas(&canvas)?;
        let video = draft
            .tracks()
            .iter()
            .find(|track| track.kind() == TrackKind::Video && !track.segments().is_empty())
            .ok_or(RenderError::NoVideoClips)?;
        let end_ms = video.extent().map_or(0, |span| span.end_ms);
        if end_ms > MAX_DURATION_MS {
            return Err(RenderError::TooLong {
                seconds: end_ms / 1000,
                limit: MAX_DURATION_MS / 1000,
            });
        }
        let frames = canvas.frame_at(end_ms);
        // Counted before anything is built from them, so that a hostile draft costs nothing.
        let segments_of = |kind: TrackKind| -> usize {
            let tracks = draft.tracks().iter().filter(|track| track.kind() == kind);
            tracks.map(|track| track.segments().len()).sum()
        };
        within("clips", video.segments().len(), MAX_CLIPS)?;
        within("pieces of music", segments_of(TrackKind::Audio), MAX_MUSIC)?;
        within("texts", segments_of(TrackKind::Text), MAX_TEXTS)?;
        let clips = clips(video, canvas, frames, kind_of)?;
        if clips.is_empty() {
            return Err(RenderError::NoVideoClips);
        }
        let end_ms = frames * 1000 / u64::from(canvas.fps);
        let mut music = Vec::new();
        let mut texts = Vec::new();
        for track in draft.tracks() {
            match track.kind() {
                TrackKind::Audio => music.extend(track_music(track, end_ms, kind_of)?),
                TrackKind::Text => texts.extend(track_texts(track, end_ms, canvas)),
                _ => {}
            }
        }
        // Half the video at most each, so that a fade in and a fade out never overlap.
        let fade = |ms: Option<u64>| ms.unwrap_or(0).min(end_ms / 2);
        Ok(Timeline {
            canvas,
            frames,
            clips,
            music,
            texts,
            fade_in_ms: fade(video.fade_in_ms()),
            fade_out_ms: fade(video.fade_out_ms()),
        })
    }

    /// How long the video lasts, in ms (whole frames).
    pub fn duration_ms(&self) -> u64 {
        self.frames * 1000 / u64::from(self.canvas.fps.max(1))
    }

    /// How clip `index`'s frames split between its transitions and its time alone.
    pub fn parts(&self, index: usize) -> ClipParts {
        let frames_of = |i: usize| self.clips.get(i).map_or(0, |clip| clip.frames);
        let transition_of = |i: usize| {
            self.clips
                .get(i)
                .and_then(|clip| clip.transition)
                .map_or(0, |(_, frames)| frames)
        };
        let incoming = index.checked_sub(1).map_or(0, transition_of);
        let outgoing = transition_of(index);
        // The boundary splits a transition: the earlier half before it, the later half after.
        let before_next = outgoing / 2;
        let after_previous = incoming - incoming / 2;
        ClipParts {
            head: incoming,
            body: frames_of(index).saturating_sub(before_next + after_previous),
            tail: outgoing,
        }
    }
}

/// The clips of the video track, in start order, each owning the frames up to the next start.
fn clips(
    track: &Track,
    canvas: Canvas,
    frames: u64,
    kind_of: &dyn Fn(&str) -> Option<MediaKind>,
) -> Result<Vec<Clip>, RenderError> {
    let mut placed: Vec<(Span, &Segment, usize)> = track
        .spans()
        .zip(track.segments())
        .enumerate()
        .map(|(index, (span, segment))| (span, segment, index + 1))
        .collect();
    placed.sort_by_key(|(span, _, _)| span.start_ms); // stable: equal starts keep draft order
    let starts: Vec<u64> = placed
        .iter()
        .enumerate()
        .map(|(i, (span, _, _))| {
            if i == 0 {
                0
            } else {
                canvas.frame_at(span.start_ms)
            }
        })
        .collect();
    let mut clips = Vec::new();
    for (i, (_, segment, index)) in placed.iter().enumerate() {
        let meta = segment.meta();
        let media_id = media_source(meta, "video", *index)?;
        match kind_of(media_id) {
            Some(MediaKind::Image | MediaKind::Video) => {}
            Some(other) => {
                return Err(RenderError::WrongMediaKind {
                    name: media_id.to_string(),
                    expected: "a picture or video",
                    found: other.describe(),
                });
            }
            None => return Err(unknown_media(media_id)),
        }
        let start = starts.get(i).copied().unwrap_or(frames).min(frames);
        let end = starts.get(i + 1).copied().unwrap_or(frames).min(frames);
        let clip_frames = end.saturating_sub(start);
        if clip_frames == 0 {
            continue; // hidden entirely by the clip after it
        }
        let transition = meta.and_then(Meta::transition).and_then(|transition| {
            let kind = transition.kind()?;
            let ms = transition
                .duration_ms()
                .unwrap_or(TransitionKind::DEFAULT_MS);
            Some((kind, canvas.frame_at(ms)))
        });
        clips.push(Clip {
            media_id: media_id.to_string(),
            fit: meta.and_then(Meta::fit).unwrap_or_default(),
            motion: meta.and_then(Meta::motion).unwrap_or_default(),
            frames: clip_frames,
            transition,
        });
    }
    clamp_transitions(&mut clips);
    Ok(clips)
}

/// A transition lasts at most as long as either clip it joins (so each clip's own time, minus
/// half of each transition, never goes negative); one shorter than two frames is a cut.
fn clamp_transitions(clips: &mut [Clip]) {
    let lengths: Vec<u64> = clips.iter().map(|clip| clip.frames).collect();
    let last = clips.len().saturating_sub(1);
    for (i, clip) in clips.iter_mut().enumerate() {
        let next = lengths.get(i + 1).copied().unwrap_or(0);
        clip.transition = match clip.transition {
            Some((name, frames)) if i < last => {
                let frames = frames.min(clip.frames).min(next);
                (frames >= 2).then_some((name, frames))
            }
            _ => None,
        };
    }
}

/// The pieces of music of an audio track, cut at the end of the video.
fn track_music(
    track: &Track,
    end_ms: u64,
    kind_of: &dyn Fn(&str) -> Option<MediaKind>,
) -> Result<Vec<Music>, RenderError> {
    let mut music = Vec::new();
    for (index, (span, segment)) in track.spans().zip(track.segments()).enumerate() {
        let meta = segment.meta();
        let src = media_source(meta, "audio", index + 1)?;
        let source = match MediaSource::read(src) {
            Some(MediaSource::Library(key)) => match Bed::from_key(key) {
                Some(bed) => MusicSource::Library(bed),
                None => {
                    return Err(RenderError::UnknownMusic {
                        key: key.to_string(),
                    });
                }
            },
            _ => match kind_of(src) {
                Some(MediaKind::Audio | MediaKind::Video) => MusicSource::Media(src.to_string()),
                Some(MediaKind::Image) => {
                    return Err(RenderError::WrongMediaKind {
                        name: src.to_string(),
                        expected: "music",
                        found: MediaKind::Image.describe(),
                    });
                }
                None => return Err(unknown_media(src)),
            },
        };
        let duration_ms = span.end_ms.min(end_ms).saturating_sub(span.start_ms);
        if duration_ms == 0 {
            continue;
        }
        let fade = |value: Option<u64>, default: u64| value.unwrap_or(default).min(duration_ms / 2);
        music.push(Music {
            source,
            start_ms: span.start_ms,
            duration_ms,
            volume: meta
                .and_then(Meta::volume)
                .filter(|v| v.is_finite())
                .map_or(1.0, |v| v.clamp(0.0, 2.0)),
            fade_in_ms: fade(meta.and_then(Meta::fade_in_ms), 500),
            fade_out_ms: fade(meta.and_then(Meta::fade_out_ms), 1500),
        });
    }
    Ok(music)
}

/// The texts of a text track, cut at the end of the video; empty texts are left out.
fn track_texts(track: &Track, end_ms: u64, canvas: Canvas) -> Vec<Text> {
    let title = track.role() == TrackRole::Title;
    let (position, size, fade) = if title {
        (Position::Center, 84.0, 400)
    } else {
        (Position::Bottom, 48.0, 150)
    };
    track
        .spans()
        .zip(track.segments())
        .filter_map(|(span, segment)| {
            let meta = segment.meta()?;
            let text = meta.text()?.trim();
            let end = span.end_ms.min(end_ms);
            if text.is_empty() || end <= span.start_ms {
                return None;
            }
            let half = (end - span.start_ms) / 2;
            let size_px = meta
                .font_size()
                .filter(|s| s.is_finite())
                .unwrap_or(size)
                .clamp(8.0, 400.0)
                * canvas.text_scale();
            Some(Text {
                text: text.to_string(),
                title,
                start_ms: span.start_ms,
                end_ms: end,
                position: meta.position().unwrap_or(position),
                color: meta
                    .color()
                    .and_then(color_hex)
                    .unwrap_or_else(|| "FFFFFF".into()),
                // In range: at most 400 times at most 4096/1080.
                size_px: (size_px.round() as u32).max(4),
                fade_in_ms: meta.fade_in_ms().unwrap_or(fade).min(half),
                fade_out_ms: meta.fade_out_ms().unwrap_or(fade).min(half),
            })
        })
        .collect()
}

/// Refuses `count` pieces of `what` past `limit`.
fn within(what: &'static str, count: usize, limit: usize) -> Result<(), RenderError> {
    if count > limit {
        return Err(RenderError::TooManyPieces { what, count, limit });
    }
    Ok(())
}

/// The `src` of a video or audio segment, which must be there.
fn media_source<'a>(
    meta: Option<&'a Meta>,
    track: &'static str,
    index: usize,
) -> Result<&'a str, RenderError> {
    meta.and_then(Meta::src)
        .filter(|src| !src.is_empty())
        .ok_or(RenderError::MissingSource { track, index })
}

fn unknown_media(id: &str) -> RenderError {
    RenderError::UnknownMedia { id: id.to_string() }
}

#[cfg(test)]
mod tests;
