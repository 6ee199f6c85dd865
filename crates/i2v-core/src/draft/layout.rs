//! The draft resolved for drawing: every track with its role and label, every segment with its
//! place in time and what it shows, read by the same rules the summary and the renderer use
//! ([`Track::role`], [`Track::spans`], [`TransitionKind::read`]), and a track's own fades
//! ([`Track::fade_in_ms`]: the whole video's from and to black, on the video track). The page's
//! timeline draws this instead of reading the JSON itself.

use super::meta::{Meta, Transition};
use super::model::{Draft, Segment, Track, TrackKind};
use super::role::TrackRole;
use super::summary::one_line;
use super::timing::Span;
use super::transition_kind::TransitionKind;

/// The draft laid out in time.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Every track, in draft order.
    pub tracks: Vec<TrackLayout>,
    /// How long the timeline lasts: the latest end of any segment.
    pub duration_ms: u64,
}

/// One track laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackLayout {
    /// Its place in `t`.
    pub index: usize,
    /// What it holds (`tt`).
    pub kind: TrackKind,
    /// What it is for.
    pub role: TrackRole,
    /// The label a person reads ([`TrackRole::label`]).
    pub label: String,
    /// How long the whole track fades in, in ms ([`Track::fade_in_ms`]): the video from black.
    pub fade_in_ms: Option<u64>,
    /// How long the whole track fades out, in ms ([`Track::fade_out_ms`]): the video to black.
    pub fade_out_ms: Option<u64>,
    /// Its segments, in `sg` order.
    pub segments: Vec<SegmentLayout>,
}

/// One segment laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentLayout {
    /// Its place in `sg`.
    pub index: usize,
    /// Where it sits on the timeline.
    pub span: Span,
    /// Its name (`m.name`), else the track's; on one line, blank counts as absent.
    pub name: Option<String>,
    /// The words a text shows (`m.text`), on one line.
    pub text: Option<String>,
    /// Its loudness, the segment's else the track's, not below 0 (audio and video only).
    pub volume: Option<f64>,
    /// The transition into the next segment, as it is drawn: its kind and length in ms.
    pub transition: Option<(TransitionKind, u64)>,
    /// How long it fades in, in ms.
    pub fade_in_ms: Option<u64>,
    /// How long it fades out, in ms.
    pub fade_out_ms: Option<u64>,
    /// The media it shows or plays, as written (`m.src`).
    pub src: Option<String>,
}

impl Draft {
    /// The draft laid out in time, by the rules every consumer shares.
    pub fn layout(&self) -> Layout {
        Layout {
            tracks: self
                .tracks()
                .iter()
                .enumerate()
                .map(|(index, track)| track_layout(index, track))
                .collect(),
            duration_ms: self.duration_ms(),
        }
    }
}

fn track_layout(index: usize, track: &Track) -> TrackLayout {
    let role = track.role();
    let kind = track.kind();
    let own = track.meta();
    let segments = track
        .spans()
        .zip(track.segments())
        .enumerate()
        .map(|(index, (span, segment))| segment_layout(index, span, segment, &kind, own))
        .collect();
    TrackLayout {
        index,
        label: role.label(),
        fade_in_ms: track.fade_in_ms(),
        fade_out_ms: track.fade_out_ms(),
        kind,
        role,
        segments,
    }
}

fn segment_layout(
    index: usize,
    span: Span,
    segment: &Segment,
    kind: &TrackKind,
    track: Option<&Meta>,
) -> SegmentLayout {
    let meta = segment.meta();
    let text = |key: fn(&Meta) -> Option<&str>| {
        let value = key(meta?)?.trim();
        (!value.is_empty()).then(|| one_line(value))
    };
    let own_name = |key: fn(&Meta) -> Option<&str>| {
        let value = key(track?)?.trim();
        (!value.is_empty()).then(|| one_line(value))
    };
    let audible = matches!(kind, TrackKind::Audio | TrackKind::Video);
    SegmentLayout {
        index,
        span,
        name: text(Meta::name).or_else(|| own_name(Meta::name)),
        text: text(Meta::text),
        volume: audible
            .then(|| {
                meta.and_then(Meta::volume)
                    .or_else(|| track.and_then(Meta::volume))
            })
            .flatten()
            .filter(|v| v.is_finite())
            .map(|v| v.max(0.0)),
        transition: meta.and_then(Meta::transition).and_then(drawn),
        fade_in_ms: meta.and_then(Meta::fade_in_ms),
        fade_out_ms: meta.and_then(Meta::fade_out_ms),
        src: meta.and_then(Meta::src).map(str::to_owned),
    }
}

/// A transition as it is drawn: its kind, and its length or the default one; `None` for a cut.
pub(crate) fn drawn(transition: &Transition) -> Option<(TransitionKind, u64)> {
    let kind = transition.kind()?;
    Some((
        kind,
        transition
            .duration_ms()
            .unwrap_or(TransitionKind::DEFAULT_MS),
    ))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;

    #[test]
    fn tracks_and_segments_are_laid_out_by_the_shared_rules() {
        let draft = Draft::from_value(json!({"t": [
            {"tt": 0, "sg": [
                {"d": 3000, "m": {"src": "med_1", "name": "beach.jpg",
                                  "transition": {"type": "crossfade"}}},
                {"d": 2000, "m": {"src": "med_2", "transition": {"type": "none"}}},
                {"m": {"src": "med_3"}}
            ]},
            {"tt": 1, "m": {"name": "Lo-fi", "volume": 0.35}, "sg": [{"d": 5000}]},
            {"tt": 7, "sg": [{"s": 500, "d": 2000, "m": {"role": "title", "text": "Hi\nthere"}}]}
        ]}))
        .unwrap();
        let layout = draft.layout();
        assert_eq!(layout.duration_ms, 5000);
        let labels: Vec<&str> = layout.tracks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["Video", "BGM", "Title"]);
        let video = &layout.tracks[0].segments;
        assert_eq!(video[0].transition, Some((TransitionKind::Fade, 800)));
        assert_eq!(video[1].transition, None);
        assert_eq!(video[1].name, None);
        // No `d` lasts 0 ms and follows the previous segment.
        assert_eq!(
            video[2].span,
            Span {
                start_ms: 5000,
                end_ms: 5000
            }
        );
        let music = &layout.tracks[1].segments[0];
        assert_eq!(
            (music.name.as_deref(), music.volume),
            (Some("Lo-fi"), Some(0.35))
        );
        let title = &layout.tracks[2].segments[0];
        assert_eq!(title.text.as_deref(), Some("Hi there"));
        assert_eq!(
            title.span,
            Span {
                start_ms: 500,
                end_ms: 2500
            }
        );
        assert_eq!(title.volume, None);
        assert_eq!(
            (layout.tracks[0].fade_in_ms, layout.tracks[0].fade_out_ms),
            (None, None)
        );
    }

    #[test]
    fn the_whole_videos_fades_are_the_video_tracks_own() {
        let draft = Draft::from_value(json!({"t": [
            {"tt": 0, "m": {"fade_in": 1000, "fade_out": 1500.4},
             "sg": [{"d": 3000, "m": {"src": "med_1", "fade_in": 200}}]}
        ]}))
        .unwrap();
        let video = &draft.layout().tracks[0];
        assert_eq!(
            (video.fade_in_ms, video.fade_out_ms),
            (Some(1000), Some(1500))
        );
        // A segment's own fade stays the segment's.
        assert_eq!(video.segments[0].fade_in_ms, Some(200));
    }
}
