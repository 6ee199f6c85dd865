//! The kinds of transition a draft can ask for (`m.transition.type`), with how each is drawn
//! (its ffmpeg `xfade` name) and how long one lasts when the draft does not say.
//!
//! The draft writes ffmpeg's xfade names (`docs/PROTOCOL.md` §5). The kinds the studio talks
//! about are variants, so a new one is a variant the compiler chases through understanding, reply
//! and render; every other xfade name a draft from elsewhere uses is kept as [`TransitionKind::Xfade`].
//!
//! Reading rules (ours): a word is compared in lower case without spaces, `-` or `_`; common
//! words map onto xfade names (`crossfade` → `fade`, `wipe` → `wipeleft`); `none`, `cut` and
//! `hard cut` are a cut (no transition); an absent or unknown word is a fade, so an export never
//! fails over a transition's name.

use super::look::folded;

/// One kind of transition from a picture into the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransitionKind {
    /// A crossfade.
    Fade,
    /// A dissolve, pixel by pixel.
    Dissolve,
    /// Through black.
    FadeBlack,
    /// Through white (a flash).
    FadeWhite,
    /// The next picture slides in from the right, pushing to the left.
    SlideLeft,
    /// Slides to the right.
    SlideRight,
    /// Slides up.
    SlideUp,
    /// Slides down.
    SlideDown,
    /// A wipe to the left.
    WipeLeft,
    /// A wipe to the right.
    WipeRight,
    /// A circle opening onto the next picture.
    CircleOpen,
    /// A circle closing onto it.
    CircleClose,
    /// Dissolving through pixels.
    Pixelize,
    /// A clock-hand wipe.
    Radial,
    /// Zooming into the next picture.
    ZoomIn,
    /// Another of ffmpeg's xfade transitions, by its name.
    Xfade(&'static str),
}

impl TransitionKind {
    /// How long a transition lasts when the draft gives no `d`.
    pub const DEFAULT_MS: u64 = 800;

    /// The kinds with a variant of their own, in the order they are listed to people.
    pub const NAMED: [TransitionKind; 15] = [
        TransitionKind::Fade,
        TransitionKind::Dissolve,
        TransitionKind::FadeBlack,
        TransitionKind::FadeWhite,
        TransitionKind::SlideLeft,
        TransitionKind::SlideRight,
        TransitionKind::SlideUp,
        TransitionKind::SlideDown,
        TransitionKind::WipeLeft,
        TransitionKind::WipeRight,
        TransitionKind::CircleOpen,
        TransitionKind::CircleClose,
        TransitionKind::Pixelize,
        TransitionKind::Radial,
        TransitionKind::ZoomIn,
    ];

    /// Reads a `transition.type`: `None` is a cut; absent or unknown words are a fade.
    pub fn read(word: Option<&str>) -> Option<TransitionKind> {
        let word = word.map(folded).unwrap_or_default();
        if let Some(kind) = Self::NAMED.into_iter().find(|k| k.ffmpeg_name() == word) {
            return Some(kind);
        }
        if let Some(name) = XFADE_OTHERS.iter().find(|name| **name == word) {
            return Some(TransitionKind::Xfade(name));
        }
        let kind = match word.as_str() {
            "none" | "cut" | "hardcut" => return None,
            "wipe" => TransitionKind::WipeLeft,
            "slide" | "push" => TransitionKind::SlideLeft,
            "fadetoblack" | "dip" | "diptoblack" => TransitionKind::FadeBlack,
            "fadetowhite" | "diptowhite" | "flash" => TransitionKind::FadeWhite,
            "circle" | "iris" => TransitionKind::CircleOpen,
            "blur" => TransitionKind::Xfade("hblur"),
            "zoom" => TransitionKind::ZoomIn,
            "pixelate" => TransitionKind::Pixelize,
            // `crossfade`, `mix`, an absent type and every unknown word.
            _ => TransitionKind::Fade,
        };
        Some(kind)
    }

    /// Its name in ffmpeg's `xfade` filter, which is also the word the draft writes.
    pub fn ffmpeg_name(self) -> &'static str {
        match self {
            TransitionKind::Fade => "fade",
            TransitionKind::Dissolve => "dissolve",
            TransitionKind::FadeBlack => "fadeblack",
            TransitionKind::FadeWhite => "fadewhite",
            TransitionKind::SlideLeft => "slideleft",
            TransitionKind::SlideRight => "slideright",
            TransitionKind::SlideUp => "slideup",
            TransitionKind::SlideDown => "slidedown",
            TransitionKind::WipeLeft => "wipeleft",
            TransitionKind::WipeRight => "wiperight",
            TransitionKind::CircleOpen => "circleopen",
            TransitionKind::CircleClose => "circleclose",
            TransitionKind::Pixelize => "pixelize",
            TransitionKind::Radial => "radial",
            TransitionKind::ZoomIn => "zoomin",
            TransitionKind::Xfade(name) => name,
        }
    }
}

/// The xfade transitions of ffmpeg 5.1 without a variant of their own.
const XFADE_OTHERS: [&str; 31] = [
    "rectcrop",
    "circlecrop",
    "distance",
    "smoothleft",
    "smoothright",
    "smoothup",
    "smoothdown",
    "vertopen",
    "vertclose",
    "horzopen",
    "horzclose",
    "diagtl",
    "diagtr",
    "diagbl",
    "diagbr",
    "hlslice",
    "hrslice",
    "vuslice",
    "vdslice",
    "hblur",
    "fadegrays",
    "wipeup",
    "wipedown",
    "wipetl",
    "wipetr",
    "wipebl",
    "wipebr",
    "squeezeh",
    "squeezev",
    "fadefast",
    "fadeslow",
];

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn name(word: Option<&str>) -> Option<&'static str> {
        TransitionKind::read(word).map(TransitionKind::ffmpeg_name)
    }

    #[test]
    fn words_map_onto_xfade_names() {
        assert_eq!(name(Some("fade")), Some("fade"));
        assert_eq!(name(Some("slide_left")), Some("slideleft"));
        assert_eq!(name(Some("circleopen")), Some("circleopen"));
        assert_eq!(name(Some("Dissolve")), Some("dissolve"));
        assert_eq!(name(Some("crossfade")), Some("fade"));
        assert_eq!(name(Some("wipe")), Some("wipeleft"));
        assert_eq!(name(Some("smooth-up")), Some("smoothup"));
        assert_eq!(name(Some("something new")), Some("fade"));
        assert_eq!(name(None), Some("fade"));
        assert_eq!(name(Some("none")), None);
        assert_eq!(name(Some("Hard cut")), None);
    }

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in TransitionKind::NAMED {
            assert_eq!(TransitionKind::read(Some(kind.ffmpeg_name())), Some(kind));
        }
        for name in XFADE_OTHERS {
            assert_eq!(
                TransitionKind::read(Some(name)),
                Some(TransitionKind::Xfade(name))
            );
        }
        // 46 names in all, as ffmpeg 5.1's xfade has.
        assert_eq!(TransitionKind::NAMED.len() + XFADE_OTHERS.len(), 46);
    }
}
