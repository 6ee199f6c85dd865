//! The one-line summary of a timeline (`docs/PROTOCOL.md` §5), and the labels and descriptions of tracks
//! and segments that the diff shares with it.
//!
//! `Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)`
//!
//! Rules beyond the protocol's (ours):
//! - Labels are the tracks' roles ([`Track::role`], [`super::TrackRole::label`]): video →
//!   `Video`; audio → `BGM`, or its role in words (`voiceover` → `Voiceover`); text → `Title`,
//!   `Subtitle`, or `Text` for any other role; another `tt` → its role in words, else `Track`.
//! - Names: a text track shows its text in double quotes (from the track, else its single
//!   segment); otherwise, and where there is no text, `m.name` of the track, else of its single
//!   segment; else `N clips` (`1 clip`). An empty or blank string counts as absent, and line
//!   breaks and other control characters read as spaces, so the summary stays one line.
//! - Audio shows its volume: the track's `m.volume`, else the first segment's that has one, else
//!   100% (a missing volume plays as recorded). Negative volumes read as 0%.
//! - A track without segments reads `Lo-fi (empty)`, or `empty` when it has no name either.
//! - A draft without tracks reads `Timeline (0 tracks): empty`.

use std::fmt::{self, Write};

use super::meta::Meta;
use super::model::{Draft, Segment, Track, TrackKind};
use super::timing::Span;

impl Draft {
    /// The timeline in one line a person can read, in the exact form of `docs/PROTOCOL.md` §5.
    pub fn summary(&self) -> String {
        let tracks = self.tracks();
        let mut out = match tracks.len() {
            1 => String::from("Timeline (1 track):"),
            n => format!("Timeline ({n} tracks):"),
        };
        if tracks.is_empty() {
            out.push_str(" empty");
        }
        for (number, track) in (1..).zip(tracks) {
            // Writing into a String cannot fail.
            let _ = write!(
                out,
                " {number}. {}: {}",
                track_label(track),
                describe_track(track)
            );
        }
        out
    }
}

/// What a track is for, as a person calls it: `Video`, `BGM`, `Title`, `Voiceover`, …
pub(crate) fn track_label(track: &Track) -> String {
    track.role().label()
}

/// A track or segment as the summary and the diff show it: a name, where it sits, how loud.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Described {
    pub(crate) name: Option<String>,
    pub(crate) span: Option<Span>,
    pub(crate) volume_percent: Option<u64>,
}

/// `Lo-fi (0-10s, 35%)`, `"Urban Dreams" (0-3s)`, `0-3s` (no name), `Lo-fi (empty)`, `empty`.
impl fmt::Display for Described {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_description(f, self.name.as_deref(), self.span, self.volume_percent)
    }
}

/// Writes the parts of a [`Described`] without owning them.
pub(crate) fn write_description(
    f: &mut fmt::Formatter<'_>,
    name: Option<&str>,
    span: Option<Span>,
    volume_percent: Option<u64>,
) -> fmt::Result {
    let Some(span) = span else {
        return match name {
            Some(name) => write!(f, "{name} (empty)"),
            None => f.write_str("empty"),
        };
    };
    match name {
        Some(name) => write!(f, "{name} ({span}")?,
        None => write!(f, "{span}")?,
    }
    if let Some(percent) = volume_percent {
        write!(f, ", {percent}%")?;
    }
    if name.is_some() {
        f.write_str(")")?;
    }
    Ok(())
}

/// The summary's description of a whole track.
pub(crate) fn describe_track(track: &Track) -> Described {
    let segments = track.segments();
    let single = match segments {
        [only] => only.meta(),
        _ => None,
    };
    let own = track.meta();
    let text = (track.kind() == TrackKind::Text)
        .then(|| present(own, Meta::text).or_else(|| present(single, Meta::text)))
        .flatten()
        .map(quoted);
    let name = text
        .or_else(|| present(own, Meta::name).or_else(|| present(single, Meta::name)))
        .or_else(|| match segments.len() {
            0 => None,
            1 => Some("1 clip".to_owned()),
            n => Some(format!("{n} clips")),
        });
    let volume = (track.kind() == TrackKind::Audio).then(|| {
        own.and_then(Meta::volume)
            .or_else(|| segments.iter().find_map(|s| s.meta()?.volume()))
            .map_or(100, percent)
    });
    Described {
        name,
        span: track.extent(),
        volume_percent: volume,
    }
}

/// The diff's description of one segment: its text (quoted) on a text track, else its name.
pub(crate) fn describe_segment(kind: &TrackKind, segment: &Segment, span: Span) -> Described {
    let meta = segment.meta();
    let text = (*kind == TrackKind::Text)
        .then(|| present(meta, Meta::text))
        .flatten()
        .map(quoted);
    Described {
        name: text.or_else(|| present(meta, Meta::name)),
        span: Some(span),
        volume_percent: (*kind == TrackKind::Audio)
            .then(|| meta.and_then(Meta::volume).map_or(100, percent)),
    }
}

/// A volume (nominally 0–1) in whole percent; negative reads as 0.
pub(crate) fn percent(volume: f64) -> u64 {
    // `as` saturates, so a huge volume cannot wrap.
    (volume * 100.0).round().max(0.0) as u64
}

/// Text in double quotes.
fn quoted(text: String) -> String {
    format!("\"{text}\"")
}

/// A string key of `m`, trimmed and on one line, where it holds more than blanks.
fn present(meta: Option<&Meta>, key: fn(&Meta) -> Option<&str>) -> Option<String> {
    let value = key(meta?)?.trim();
    (!value.is_empty()).then(|| one_line(value))
}

/// Control characters (line breaks, tabs) read as spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::{Value, json};

    use super::*;

    fn summary(value: Value) -> String {
        Draft::from_value(value).unwrap().summary()
    }

    #[test]
    fn the_protocol_example_comes_out_character_for_character() {
        let draft = Draft::parse(include_str!("testdata/urban_dreams.json")).unwrap();
        assert_eq!(
            draft.summary(),
            "Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) \
             3. Title: \"Urban Dreams\" (0-3s)"
        );
    }

    #[test]
    fn one_track_is_singular_and_no_track_is_empty() {
        let one = json!({"t": [{"tt": 0, "sg": [{"d": 2500, "m": {"name": "beach"}}]}]});
        assert_eq!(summary(one), "Timeline (1 track): 1. Video: beach (0-2.5s)");
        assert_eq!(summary(json!({})), "Timeline (0 tracks): empty");
        assert_eq!(summary(json!({"t": []})), "Timeline (0 tracks): empty");
        assert_eq!(summary(json!({"t": null})), "Timeline (0 tracks): empty");
    }

    #[test]
    fn names_come_from_the_track_its_single_segment_or_a_count() {
        let draft = json!({"t": [
            {"tt": 0, "m": {"name": "Montage"}, "sg": [{"d": 1000}, {"d": 1000}]},
            {"tt": 0, "sg": [{"d": 1000, "m": {"name": "a"}}, {"d": 1500, "m": {"name": "b"}}]},
            {"tt": 0, "sg": [{"d": 1000, "m": {"src": "med_1"}}]},
            {"tt": 0, "sg": [{"d": 1000, "m": {"name": "  "}}]},
            {"tt": 1, "m": {"name": "Silence"}, "sg": []},
            {"tt": 1}
        ]});
        assert_eq!(
            summary(draft),
            "Timeline (6 tracks): 1. Video: Montage (0-2s) 2. Video: 2 clips (0-2.5s) \
             3. Video: 1 clip (0-1s) 4. Video: 1 clip (0-1s) 5. BGM: Silence (empty) 6. BGM: empty"
        );
    }

    #[test]
    fn a_role_on_the_segment_labels_the_track() {
        let draft = json!({"t": [{"tt": 7, "sg": [
            {"d": 3000, "m": {"role": "title", "text": "Hi"}}
        ]}]});
        assert_eq!(
            summary(draft),
            "Timeline (1 track): 1. Title: \"Hi\" (0-3s)"
        );
    }

    #[test]
    fn text_tracks_quote_their_text_on_one_line() {
        let draft = json!({"t": [
            {"tt": 7, "m": {"role": "subtitle"}, "sg": [{"s": 2000, "d": 1500, "m": {"text": "Hello\nworld"}}]},
            {"tt": 7, "sg": [{"d": 1000, "m": {"name": "caption 1"}}]},
            {"tt": 7, "sg": [{"d": 1000, "m": {"text": "a"}}, {"d": 1000, "m": {"text": "b"}}]}
        ]});
        assert_eq!(
            summary(draft),
            "Timeline (3 tracks): 1. Subtitle: \"Hello world\" (2-3.5s) 2. Text: caption 1 (0-1s) \
             3. Text: 2 clips (0-2s)"
        );
    }

    #[test]
    fn audio_shows_its_volume_in_whole_percent() {
        let volume = |track_volume: Value, segment_volume: Value| {
            summary(
                json!({"t": [{"tt": 1, "m": {"volume": track_volume}, "sg": [
                    {"d": 1000, "m": {"name": "x", "volume": segment_volume}}
                ]}]}),
            )
        };
        assert!(volume(Value::Null, json!(0.2)).ends_with("(0-1s, 20%)"));
        assert!(volume(json!(0.5), json!(0.2)).ends_with("(0-1s, 50%)"));
        assert!(volume(Value::Null, Value::Null).ends_with("(0-1s, 100%)"));
        assert!(volume(json!(0.666), Value::Null).ends_with("(0-1s, 67%)"));
        assert!(volume(json!(-0.5), Value::Null).ends_with("(0-1s, 0%)"));
        assert!(volume(json!(1), Value::Null).ends_with("(0-1s, 100%)"));
    }

    #[test]
    fn tracks_are_timed_from_first_start_to_last_end() {
        let draft = json!({"t": [{"tt": 0, "sg": [
            {"s": 4000, "d": 1000}, {"s": 1500, "d": 500}
        ]}]});
        assert_eq!(
            summary(draft),
            "Timeline (1 track): 1. Video: 2 clips (1.5-5s)"
        );
    }
}
