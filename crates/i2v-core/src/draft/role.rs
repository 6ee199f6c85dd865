//! What a track is for, read by one rule for every consumer: the summary, the diff, the studio's
//! agent and renderer, and the page's timeline.
//!
//! Rule (ours, `docs/PROTOCOL.md` §5): the role is the track's own `m.role`, else the first
//! segment's that has one (the cloud writes it on segments); a blank role counts as absent, and
//! roles compare without regard to case. With the track's kind (`tt`) it gives the
//! [`TrackRole`]: a video track is video whatever its role; an audio track without a role, or
//! with `bgm`, is the music; a text track is a title, subtitles, or other text.

use super::meta::Meta;
use super::model::{Track, TrackKind};
use super::summary::one_line;

/// What a track is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TrackRole {
    /// Pictures and video clips (`tt` 0, whatever its role).
    Video,
    /// The background music: audio with role `bgm` or none.
    Music,
    /// A title over the video: text with role `title`.
    Title,
    /// Captions: text with role `subtitle`.
    Subtitle,
    /// Any other text (`caption`, no role, …).
    Text,
    /// Audio or another kind of track with another role, as written (`voiceover`).
    Other(String),
    /// A track of another kind with no role.
    Unknown,
}

impl TrackRole {
    /// The `role` word a draft writes for it, where it has one (`bgm`, `title`, `subtitle`).
    pub fn word(&self) -> Option<&str> {
        match self {
            TrackRole::Music => Some("bgm"),
            TrackRole::Title => Some("title"),
            TrackRole::Subtitle => Some("subtitle"),
            TrackRole::Other(role) => Some(role),
            TrackRole::Video | TrackRole::Text | TrackRole::Unknown => None,
        }
    }

    /// The row label a person reads, as the summary writes it: `Video`, `BGM`, `Title`,
    /// `Subtitle`, `Text`, a role in words (`sound_effect` → `Sound effect`), else `Track`.
    pub fn label(&self) -> String {
        match self {
            TrackRole::Video => "Video".to_owned(),
            TrackRole::Music => "BGM".to_owned(),
            TrackRole::Title => "Title".to_owned(),
            TrackRole::Subtitle => "Subtitle".to_owned(),
            TrackRole::Text => "Text".to_owned(),
            TrackRole::Other(role) => in_words(role).unwrap_or_else(|| "Track".to_owned()),
            TrackRole::Unknown => "Track".to_owned(),
        }
    }

    /// The kind of track a role lives on, for a track made to hold it.
    pub fn kind(&self) -> TrackKind {
        match self {
            TrackRole::Video => TrackKind::Video,
            TrackRole::Music | TrackRole::Other(_) | TrackRole::Unknown => TrackKind::Audio,
            TrackRole::Title | TrackRole::Subtitle | TrackRole::Text => TrackKind::Text,
        }
    }
}

impl Track {
    /// What the track is for, by the rule of this module.
    pub fn role(&self) -> TrackRole {
        let kind = self.kind();
        if kind == TrackKind::Video {
            // Spares a long video track the search for a role it would not use.
            return TrackRole::Video;
        }
        let role = self.role_word();
        let is = |name: &str| role.is_some_and(|r| r.trim().eq_ignore_ascii_case(name));
        match kind {
            TrackKind::Video => TrackRole::Video,
            TrackKind::Audio if role.is_none() || is("bgm") => TrackRole::Music,
            TrackKind::Text if is("title") => TrackRole::Title,
            TrackKind::Text if is("subtitle") => TrackRole::Subtitle,
            TrackKind::Text => TrackRole::Text,
            TrackKind::Audio | TrackKind::Other(_) => match role {
                Some(role) => TrackRole::Other(role.trim().to_owned()),
                None => TrackRole::Unknown,
            },
        }
    }

    /// The role word as written: the track's own, else the first segment's that has one.
    pub fn role_word(&self) -> Option<&str> {
        fn role(meta: Option<&Meta>) -> Option<&str> {
            meta?.role().filter(|r| !r.trim().is_empty())
        }
        role(self.meta()).or_else(|| self.segments().iter().find_map(|s| role(s.meta())))
    }
}

/// A role as a label: `voiceover` → `Voiceover`, `sound_effect` → `Sound effect`.
fn in_words(role: &str) -> Option<String> {
    let words = one_line(&role.replace(['_', '-'], " "));
    let words = words.trim();
    (!words.is_empty()).then(|| i2v_text::capitalize(words))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::{Value, json};

    use super::*;
    use crate::draft::Draft;

    fn role_of(track: Value) -> TrackRole {
        let draft = Draft::from_value(json!({ "t": [track] })).unwrap();
        draft.tracks()[0].role()
    }

    #[test]
    fn the_track_speaks_first_then_its_segments() {
        let on_segment = json!({"tt": 7, "sg": [{"d": 1000}, {"d": 1000, "m": {"role": "Title"}}]});
        assert_eq!(role_of(on_segment), TrackRole::Title);
        let both = json!({"tt": 7, "m": {"role": "subtitle"}, "sg": [{"m": {"role": "title"}}]});
        assert_eq!(role_of(both), TrackRole::Subtitle);
        let blank = json!({"tt": 7, "m": {"role": " "}, "sg": [{"m": {"role": "title"}}]});
        assert_eq!(role_of(blank), TrackRole::Title);
    }

    #[test]
    fn kinds_and_roles_give_labels() {
        let label = |tt: Value, role: Value| {
            role_of(json!({"tt": tt, "m": {"role": role}, "sg": [{"d": 1000}]})).label()
        };
        assert_eq!(label(json!(0), json!("overlay")), "Video");
        assert_eq!(label(json!(1), Value::Null), "BGM");
        assert_eq!(label(json!(1), json!("BGM")), "BGM");
        assert_eq!(label(json!(1), json!("voiceover")), "Voiceover");
        assert_eq!(label(json!(1), json!("sound_effect")), "Sound effect");
        assert_eq!(label(json!(7), json!("caption")), "Text");
        assert_eq!(label(json!(3), Value::Null), "Track");
        assert_eq!(label(json!(3), json!("sticker")), "Sticker");
    }

    #[test]
    fn the_words_written_read_back_as_their_role() {
        for role in [TrackRole::Music, TrackRole::Title, TrackRole::Subtitle] {
            let track = json!({"tt": role.kind().code(), "m": {"role": role.word()}});
            assert_eq!(role_of(track), role);
        }
    }
}
