//! Reading a draft into a [`Timeline`]: the clips of the video track, the music and the texts,
//! with every default filled in and every duration clamped.

use crate::draft::{
    Canvas, Draft, Meta, Segment, Span, Track, TrackKind, TrackRole, TransitionKind,
};

use super::text::{self, Text};
use super::{Clip, MAX_CLIPS, MAX_DURATION_MS, MAX_MUSIC, MAX_TEXTS, Music, Timeline};

/// Why a draft has no timeline.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimelineError {
    /// No video track with a clip.
    #[error("the draft has no video clips to play")]
    NoVideoClips,
    /// The video lasts longer than [`MAX_DURATION_MS`].
    #[error("the video would last {seconds} s, longer than the {limit} s a video may last")]
    TooLong {
        /// How long it would last.
        seconds: u64,
        /// The most it may last.
        limit: u64,
    },
    /// More pieces of something than a timeline takes.
    #[error("the draft has {count} {what}, more than the {limit} a video may have")]
    TooManyPieces {
        /// What there are too many of.
        what: &'static str,
        /// How many there are.
        count: usize,
        /// The most there may be.
        limit: usize,
    },
    /// A video or music segment names no media.
    #[error("{track} segment {index} names no media")]
    MissingSource {
        /// `video` or `audio`.
        track: &'static str,
        /// The segment's place in its track, from 1.
        index: usize,
    },
    /// The canvas cannot hold a frame.
    #[error("the canvas {width}x{height} at {fps} fps has no frames")]
    EmptyCanvas {
        /// Its width.
        width: u32,
        /// Its height.
        height: u32,
        /// Its frame rate.
        fps: u32,
    },
}

impl Timeline {
    /// Reads `draft` onto `canvas`.
    pub fn build(draft: &Draft, canvas: Canvas) -> Result<Timeline, TimelineError> {
        if canvas.width == 0 || canvas.height == 0 || canvas.fps == 0 {
            let Canvas { width, height, fps } = canvas;
            return Err(TimelineError::EmptyCanvas { width, height, fps });
        }
        let video = draft
            .tracks()
            .iter()
            .find(|track| track.kind() == TrackKind::Video && !track.segments().is_empty())
            .ok_or(TimelineError::NoVideoClips)?;
        let end_ms = video.extent().map_or(0, |span| span.end_ms);
        if end_ms > MAX_DURATION_MS {
            return Err(TimelineError::TooLong {
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
        let clips = clips(video, canvas, frames)?;
        if clips.is_empty() {
            return Err(TimelineError::NoVideoClips);
        }
        let end_ms = frames * 1000 / u64::from(canvas.fps);
        let mut music = Vec::new();
        let mut texts = Vec::new();
        for track in draft.tracks() {
            match track.kind() {
                TrackKind::Audio => music.extend(track_music(track, end_ms)?),
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
}

/// The clips of the video track, in start order, each owning the frames up to the next start.
fn clips(track: &Track, canvas: Canvas, frames: u64) -> Result<Vec<Clip>, TimelineError> {
    // In start order, equal starts in draft order. Each clip goes in after every clip that
    // starts no later: drafts list their clips in time order, so that is one comparison a clip,
    // and the browser build is spared a sort's 1.5 KB (gzipped).
    let mut placed: Vec<(Span, &Segment, usize)> = Vec::new();
    for (index, (span, segment)) in track.spans().zip(track.segments()).enumerate() {
        let at = placed.partition_point(|(placed, _, _)| placed.start_ms <= span.start_ms);
        placed.insert(at, (span, segment, index + 1));
    }
    let start_of = |i: usize| match placed.get(i) {
        Some(_) if i == 0 => 0,
        Some((span, _, _)) => canvas.frame_at(span.start_ms).min(frames),
        None => frames,
    };
    let mut clips = Vec::new();
    for (i, (_, segment, index)) in placed.iter().enumerate() {
        let meta = segment.meta();
        let src = source(meta, "video", *index)?;
        let clip_frames = start_of(i + 1).saturating_sub(start_of(i));
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
            src: src.to_string(),
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

/// Music fades in over half a second and out over a second and a half unless the draft says.
const MUSIC_FADE_IN_MS: u64 = 500;
/// See [`MUSIC_FADE_IN_MS`].
const MUSIC_FADE_OUT_MS: u64 = 1500;

/// The pieces of music of an audio track, cut at the end of the video.
fn track_music(track: &Track, end_ms: u64) -> Result<Vec<Music>, TimelineError> {
    let mut music = Vec::new();
    for (index, (span, segment)) in track.spans().zip(track.segments()).enumerate() {
        let meta = segment.meta();
        let src = source(meta, "audio", index + 1)?;
        let duration_ms = span.end_ms.min(end_ms).saturating_sub(span.start_ms);
        if duration_ms == 0 {
            continue;
        }
        let fade = |value: Option<u64>, default: u64| value.unwrap_or(default).min(duration_ms / 2);
        music.push(Music {
            src: src.to_string(),
            start_ms: span.start_ms,
            duration_ms,
            volume: meta
                .and_then(Meta::volume)
                .filter(|v| v.is_finite())
                .map_or(1.0, |v| v.clamp(0.0, 2.0)),
            fade_in_ms: fade(meta.and_then(Meta::fade_in_ms), MUSIC_FADE_IN_MS),
            fade_out_ms: fade(meta.and_then(Meta::fade_out_ms), MUSIC_FADE_OUT_MS),
        });
    }
    Ok(music)
}

/// The texts of a text track, cut at the end of the video; empty texts are left out.
fn track_texts(track: &Track, end_ms: u64, canvas: Canvas) -> Vec<Text> {
    let title = track.role() == TrackRole::Title;
    track
        .spans()
        .zip(track.segments())
        .filter_map(|(span, segment)| {
            let end = span.end_ms.min(end_ms);
            if end <= span.start_ms {
                return None;
            }
            text::read(segment.meta()?, title, span.start_ms, end, canvas)
        })
        .collect()
}

/// Refuses `count` pieces of `what` past `limit`.
fn within(what: &'static str, count: usize, limit: usize) -> Result<(), TimelineError> {
    if count > limit {
        return Err(TimelineError::TooManyPieces { what, count, limit });
    }
    Ok(())
}

/// The `src` of a video or audio segment, which must be there.
fn source<'a>(
    meta: Option<&'a Meta>,
    track: &'static str,
    index: usize,
) -> Result<&'a str, TimelineError> {
    meta.and_then(Meta::src)
        .filter(|src| !src.is_empty())
        .ok_or(TimelineError::MissingSource { track, index })
}
