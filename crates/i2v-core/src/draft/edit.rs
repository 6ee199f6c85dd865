//! Building and editing drafts: what the local backend uses to make and change timelines.
//!
//! Every edit touches only the keys it names: unknown keys stay as they were, so a draft read from
//! the cloud, edited and written back loses nothing. A setter on a key that held `null` replaces it.
//!
//! ```
//! use i2v_core::draft::{Draft, Segment, Track, TrackKind, Transition, TransitionKind};
//!
//! let mut draft = Draft::new();
//! let video = draft.add_track(Track::new(TrackKind::Video));
//! video
//!     .add_segment(Segment::new(5000))
//!     .meta_mut()
//!     .set_src("med_1")
//!     .set_name("beach")
//!     .set_transition(Transition::new(TransitionKind::Fade, 800));
//! video.add_segment(Segment::new(5000)).meta_mut().set_src("med_2");
//! assert_eq!(draft.duration_ms(), 10_000);
//! ```

use serde_json::{Map, Value};

use super::keys;
use super::look::{Fit, Motion, Position};
use super::meta::{Meta, Transition};
use super::model::{Draft, Segment, Track, TrackKind};
use super::role::TrackRole;
use super::transition_kind::TransitionKind;

impl Draft {
    /// An empty draft, `{"t":[]}`, ready for tracks.
    pub fn new() -> Draft {
        Draft {
            tracks: Some(Vec::new()),
            fields: Map::new(),
        }
    }

    /// The tracks, for any edit a `Vec` allows; creates `t` if the draft has none.
    pub fn tracks_mut(&mut self) -> &mut Vec<Track> {
        if self.tracks.is_none() {
            // A `"t": null` kept for the round trip gives way to the real array.
            self.fields.remove(keys::TRACKS);
        }
        self.tracks.get_or_insert_with(Vec::new)
    }

    /// The track at `index`, for editing.
    pub fn track_mut(&mut self, index: usize) -> Option<&mut Track> {
        self.tracks.as_mut()?.get_mut(index)
    }

    /// Appends a track and hands it back for further edits.
    pub fn add_track(&mut self, track: Track) -> &mut Track {
        let tracks = self.tracks_mut();
        let index = tracks.len();
        tracks.push(track);
        &mut tracks[index] // just pushed, so in bounds
    }

    /// Removes the track at `index`, if there is one.
    pub fn remove_track(&mut self, index: usize) -> Option<Track> {
        let tracks = self.tracks.as_mut()?;
        (index < tracks.len()).then(|| tracks.remove(index))
    }
}

impl Default for Draft {
    fn default() -> Draft {
        Draft::new()
    }
}

impl Track {
    /// An empty track of this kind: `{"tt":<code>,"sg":[]}`.
    pub fn new(kind: TrackKind) -> Track {
        let mut track = Track {
            segments: Some(Vec::new()),
            meta: None,
            fields: Map::new(),
        };
        track.set_kind(kind);
        track
    }

    /// Sets `tt`.
    pub fn set_kind(&mut self, kind: TrackKind) -> &mut Track {
        let code = Value::Number(kind.code());
        self.fields.insert(keys::TRACK_TYPE.to_owned(), code);
        self
    }

    /// The segments, for any edit a `Vec` allows; creates `sg` if the track has none.
    ///
    /// Segments without an explicit start follow the one before them, so removing or moving one
    /// moves those after it too.
    pub fn segments_mut(&mut self) -> &mut Vec<Segment> {
        if self.segments.is_none() {
            self.fields.remove(keys::SEGMENTS);
        }
        self.segments.get_or_insert_with(Vec::new)
    }

    /// The segment at `index`, for editing.
    pub fn segment_mut(&mut self, index: usize) -> Option<&mut Segment> {
        self.segments.as_mut()?.get_mut(index)
    }

    /// Appends a segment and hands it back for further edits.
    pub fn add_segment(&mut self, segment: Segment) -> &mut Segment {
        let segments = self.segments_mut();
        let index = segments.len();
        segments.push(segment);
        &mut segments[index] // just pushed, so in bounds
    }

    /// Removes the segment at `index`, if there is one.
    pub fn remove_segment(&mut self, index: usize) -> Option<Segment> {
        let segments = self.segments.as_mut()?;
        (index < segments.len()).then(|| segments.remove(index))
    }

    /// Moves the segment at `from` so that it ends up at index `to`; false (and no change) when
    /// either index is out of range.
    pub fn move_segment(&mut self, from: usize, to: usize) -> bool {
        let Some(segments) = self.segments.as_mut() else {
            return false;
        };
        if from >= segments.len() || to >= segments.len() {
            return false;
        }
        let segment = segments.remove(from);
        segments.insert(to, segment);
        true
    }

    /// The track's metadata for editing; creates `m` if the track has none.
    pub fn meta_mut(&mut self) -> &mut Meta {
        meta_mut(&mut self.meta, &mut self.fields)
    }
}

impl Segment {
    /// A segment lasting `duration_ms`, placed right after the previous one: `{"d":<ms>}`.
    pub fn new(duration_ms: u64) -> Segment {
        let mut segment = Segment {
            meta: None,
            fields: Map::new(),
        };
        segment.set_duration_ms(duration_ms);
        segment
    }

    /// Sets `d`.
    pub fn set_duration_ms(&mut self, duration_ms: u64) -> &mut Segment {
        self.fields
            .insert(keys::DURATION.to_owned(), Value::from(duration_ms));
        self
    }

    /// Sets `s`; `None` removes it, so the segment follows the previous one.
    pub fn set_start_ms(&mut self, start_ms: Option<u64>) -> &mut Segment {
        match start_ms {
            Some(ms) => self.fields.insert(keys::START.to_owned(), Value::from(ms)),
            None => self.fields.remove(keys::START),
        };
        self
    }

    /// The segment's metadata for editing; creates `m` if the segment has none.
    pub fn meta_mut(&mut self) -> &mut Meta {
        meta_mut(&mut self.meta, &mut self.fields)
    }
}

/// Creates `m` on first use, replacing a `"m": null` kept for the round trip.
fn meta_mut<'a>(meta: &'a mut Option<Meta>, fields: &mut Map<String, Value>) -> &'a mut Meta {
    if meta.is_none() {
        fields.remove(keys::META);
    }
    meta.get_or_insert_with(Meta::default)
}

impl Meta {
    /// Empty metadata, `{}`.
    pub fn new() -> Meta {
        Meta::default()
    }

    /// Sets `name`.
    pub fn set_name(&mut self, name: impl Into<String>) -> &mut Meta {
        self.set(keys::NAME, Value::String(name.into()))
    }

    /// Sets `src` (a media id or URL).
    pub fn set_src(&mut self, src: impl Into<String>) -> &mut Meta {
        self.set(keys::SRC, Value::String(src.into()))
    }

    /// Sets `text`.
    pub fn set_text(&mut self, text: impl Into<String>) -> &mut Meta {
        self.set(keys::TEXT, Value::String(text.into()))
    }

    /// Sets `role` to the word of `role` (`bgm`, `title`, `subtitle`, …); a role without a
    /// word of its own (video, plain text) removes the key.
    pub fn set_role(&mut self, role: &TrackRole) -> &mut Meta {
        match role.word() {
            Some(word) => self.set(keys::ROLE, Value::String(word.to_owned())),
            None => {
                self.fields.remove(keys::ROLE);
                self
            }
        }
    }

    /// Sets `volume`, clamped to 0–1 (a NaN counts as 0, since JSON cannot hold it).
    pub fn set_volume(&mut self, volume: f64) -> &mut Meta {
        let volume = if volume.is_nan() {
            0.0
        } else {
            volume.clamp(0.0, 1.0)
        };
        self.set(keys::VOLUME, Value::from(volume))
    }

    /// Sets `transition`, the passage into the next segment.
    pub fn set_transition(&mut self, transition: Transition) -> &mut Meta {
        self.fields.remove(keys::TRANSITION);
        self.transition = Some(transition);
        self
    }

    /// Sets `fit` to its word (`cover`, `contain`, `blur`).
    pub fn set_fit(&mut self, fit: Fit) -> &mut Meta {
        self.set(keys::FIT, Value::from(fit.word()))
    }

    /// Sets `motion` to its word (`zoom_in`, `pan_left`, `none`, …).
    pub fn set_motion(&mut self, motion: Motion) -> &mut Meta {
        self.set(keys::MOTION, Value::from(motion.word()))
    }

    /// Sets `position` to its word (`top`, `center`, `bottom`).
    pub fn set_position(&mut self, position: Position) -> &mut Meta {
        self.set(keys::POSITION, Value::from(position.word()))
    }

    /// Sets `color`.
    pub fn set_color(&mut self, color: impl Into<String>) -> &mut Meta {
        self.set(keys::COLOR, Value::String(color.into()))
    }

    /// Sets `font_size`.
    pub fn set_font_size(&mut self, font_size: u32) -> &mut Meta {
        self.set(keys::FONT_SIZE, Value::from(font_size))
    }

    /// Sets `fade_in`, in ms.
    pub fn set_fade_in_ms(&mut self, fade_in_ms: u64) -> &mut Meta {
        self.set(keys::FADE_IN, Value::from(fade_in_ms))
    }

    /// Sets `fade_out`, in ms.
    pub fn set_fade_out_ms(&mut self, fade_out_ms: u64) -> &mut Meta {
        self.set(keys::FADE_OUT, Value::from(fade_out_ms))
    }

    /// Removes a key, known or not (`transition` included); true if it was there.
    pub fn remove(&mut self, key: &str) -> bool {
        let had_transition = key == keys::TRANSITION && self.transition.take().is_some();
        self.fields.remove(key).is_some() || had_transition
    }

    fn set(&mut self, key: &str, value: Value) -> &mut Meta {
        self.fields.insert(key.to_owned(), value);
        self
    }
}

impl Transition {
    /// A transition of this kind lasting `duration_ms`: `{"type":<xfade name>,"d":<ms>}`.
    pub fn new(kind: TransitionKind, duration_ms: u64) -> Transition {
        let mut transition = Transition::default();
        transition.set_kind(kind).set_duration_ms(duration_ms);
        transition
    }

    /// Sets `type` to the kind's xfade name.
    pub fn set_kind(&mut self, kind: TransitionKind) -> &mut Transition {
        let kind = Value::from(kind.ffmpeg_name());
        self.fields.insert(keys::TRANSITION_TYPE.to_owned(), kind);
        self
    }

    /// Sets `d`, in ms.
    pub fn set_duration_ms(&mut self, duration_ms: u64) -> &mut Transition {
        self.fields
            .insert(keys::DURATION.to_owned(), Value::from(duration_ms));
        self
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;

    const EXAMPLE: &str = include_str!("testdata/urban_dreams.json");

    #[test]
    fn a_draft_built_from_scratch_reads_like_the_protocol_example() {
        let mut draft = Draft::new();
        draft
            .add_track(Track::new(TrackKind::Video))
            .add_segment(Segment::new(10_000))
            .meta_mut()
            .set_src("med_7f3a21")
            .set_name("city timelapse")
            .set_fit(Fit::Cover)
            .set_motion(Motion::ZoomIn);
        let bgm = draft.add_track(Track::new(TrackKind::Audio));
        bgm.meta_mut().set_role(&TrackRole::Music);
        bgm.add_segment(Segment::new(10_000))
            .meta_mut()
            .set_name("Lo-fi")
            .set_volume(0.35)
            .set_fade_out_ms(1500);
        let title = draft.add_track(Track::new(TrackKind::Text));
        title.meta_mut().set_role(&TrackRole::Title);
        title
            .add_segment(Segment::new(3000))
            .set_start_ms(Some(0))
            .meta_mut()
            .set_text("Urban Dreams")
            .set_position(Position::Center)
            .set_color("#ffffff")
            .set_font_size(72)
            .set_fade_in_ms(300);
        assert_eq!(
            draft.summary(),
            "Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) \
             3. Title: \"Urban Dreams\" (0-3s)"
        );
        assert_eq!(
            draft.to_value()["t"][2],
            json!({"tt": 7, "m": {"role": "title"}, "sg": [{"d": 3000, "s": 0, "m": {
                "text": "Urban Dreams", "position": "center", "color": "#ffffff",
                "font_size": 72, "fade_in": 300}}]})
        );
        assert_eq!(Draft::from_value(draft.to_value()), Ok(draft));
    }

    #[test]
    fn edits_touch_only_the_keys_they_name() {
        let mut draft = Draft::parse(EXAMPLE).unwrap();
        let mut expected: Value = serde_json::from_str(EXAMPLE).unwrap();
        let music = draft.track_mut(1).unwrap().segment_mut(0).unwrap();
        music.meta_mut().set_volume(0.2);
        music.set_duration_ms(8000);
        expected["t"][1]["sg"][0]["m"]["volume"] = json!(0.2);
        expected["t"][1]["sg"][0]["d"] = json!(8000);
        let clip = draft.track_mut(0).unwrap().segment_mut(0).unwrap();
        clip.meta_mut()
            .set_transition(Transition::new(TransitionKind::Fade, 800));
        expected["t"][0]["sg"][0]["m"]["transition"] = json!({"type": "fade", "d": 800});
        assert_eq!(draft.to_value(), expected);
    }

    #[test]
    fn segments_are_removed_and_moved_within_bounds() {
        let mut track = Track::new(TrackKind::Video);
        for (name, ms) in [("a", 1000), ("b", 2000), ("c", 3000)] {
            track
                .add_segment(Segment::new(ms))
                .meta_mut()
                .set_name(name);
        }
        let names = |t: &Track| -> Vec<String> {
            let name = |s: &Segment| s.meta().and_then(Meta::name).unwrap_or("").to_owned();
            t.segments().iter().map(name).collect()
        };
        assert!(track.move_segment(2, 0));
        assert_eq!(names(&track), ["c", "a", "b"]);
        assert!(!track.move_segment(0, 3));
        assert!(!track.move_segment(5, 0));
        assert_eq!(
            track.remove_segment(1).and_then(|s| s.duration_ms()),
            Some(1000)
        );
        assert_eq!(track.remove_segment(2), None);
        assert_eq!(names(&track), ["c", "b"]);
        // The one after the removed segment follows on directly: it has no explicit start.
        assert_eq!(track.extent().map(|s| s.end_ms), Some(5000));
        let mut bare = Draft::from_value(json!({"t": [{}]}))
            .unwrap()
            .remove_track(0)
            .unwrap();
        assert!(!bare.move_segment(0, 0));
        assert_eq!(bare.remove_segment(0), None);
        assert!(bare.segment_mut(0).is_none());
    }

    #[test]
    fn tracks_are_added_and_removed() {
        let mut draft = Draft::from_value(json!({"t": null, "v": 1})).unwrap();
        assert!(draft.track_mut(0).is_none());
        assert_eq!(draft.remove_track(0), None);
        let odd = TrackKind::Other(serde_json::Number::from_f64(7.5).unwrap());
        draft.add_track(Track::new(odd.clone()));
        draft.add_track(Track::new(TrackKind::Audio));
        assert_eq!(
            draft.to_value(),
            json!({"v": 1, "t": [{"tt": 7.5, "sg": []}, {"tt": 1, "sg": []}]})
        );
        assert_eq!(draft.remove_track(0).map(|t| t.kind()), Some(odd));
        assert_eq!(draft.tracks().len(), 1);
        assert_eq!(Draft::default().to_value(), json!({"t": []}));
    }

    #[test]
    fn created_children_replace_kept_nulls() {
        let mut draft =
            Draft::from_value(json!({"t": [{"sg": null, "m": null}, {"sg": [{"m": null}]}]}))
                .unwrap();
        let first = draft.track_mut(0).unwrap();
        first.meta_mut().set_name("main");
        first.segments_mut().push(Segment::new(1000));
        let second = draft.track_mut(1).unwrap().segment_mut(0).unwrap();
        second
            .meta_mut()
            .set_name("x")
            .set_transition(Transition::new(TransitionKind::WipeLeft, 500));
        assert_eq!(
            draft.to_value(),
            json!({"t": [{"m": {"name": "main"}, "sg": [{"d": 1000}]},
                {"sg": [{"m": {"name": "x", "transition": {"type": "wipeleft", "d": 500}}}]}]})
        );
    }

    #[test]
    fn meta_setters_keep_values_json_can_hold() {
        let mut meta = Meta::new();
        assert_eq!(meta.set_volume(1.7).volume(), Some(1.0));
        assert_eq!(meta.set_volume(-1.0).volume(), Some(0.0));
        assert_eq!(meta.set_volume(f64::NAN).volume(), Some(0.0));
        assert_eq!(meta.set_volume(0.5).volume(), Some(0.5));
        meta.set_transition(Transition::new(TransitionKind::Fade, 800));
        meta.set_role(&TrackRole::Title);
        assert!(meta.remove("transition"));
        assert!(!meta.remove("transition"));
        assert!(meta.remove("role"));
        assert!(meta.transition().is_none() && meta.role().is_none());
        let mut transition = Transition::new(TransitionKind::Fade, 800);
        transition
            .set_kind(TransitionKind::SlideLeft)
            .set_duration_ms(1200);
        assert_eq!(
            (transition.kind(), transition.duration_ms()),
            (Some(TransitionKind::SlideLeft), Some(1200))
        );
    }

    #[test]
    fn removing_a_start_lets_the_segment_follow_on() {
        let mut segment = Segment::new(1000);
        segment.set_start_ms(Some(5000));
        assert_eq!(segment.start_ms(), Some(5000));
        segment.set_start_ms(None);
        assert_eq!(segment.start_ms(), None);
        assert_eq!(segment.field("s"), None);
    }
}
