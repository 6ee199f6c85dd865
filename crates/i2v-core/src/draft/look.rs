//! How a picture or a text looks, read from the draft's styling words (`fit`, `motion`,
//! `position`, `color`): one reading for every consumer, lenient because drafts come from
//! elsewhere too.
//!
//! Rules (ours, `docs/PROTOCOL.md` §5): a word is compared in lower case without spaces, `-` or
//! `_` (`Zoom-In` is `zoom_in`); common variants mean what they say (`fill` is `cover`); an
//! unknown word reads as absent, so the consumer's default applies and an export never fails
//! over a styling word.

/// How a picture fills a frame of another shape (`m.fit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Fit {
    /// The whole picture, black bars where the shapes differ.
    Contain,
    /// Fills the frame; what sticks out is cut off.
    Cover,
    /// The whole picture over a blurred, darkened copy of itself that fills the frame (default).
    #[default]
    Blur,
}

impl Fit {
    /// Reads a `fit` word; `None` for an unknown one.
    pub fn parse(word: &str) -> Option<Fit> {
        match folded(word).as_str() {
            "contain" | "fit" | "letterbox" => Some(Fit::Contain),
            "cover" | "fill" | "crop" => Some(Fit::Cover),
            "blur" | "blurred" | "blurfill" => Some(Fit::Blur),
            _ => None,
        }
    }

    /// The word a draft writes.
    pub fn word(self) -> &'static str {
        match self {
            Fit::Contain => "contain",
            Fit::Cover => "cover",
            Fit::Blur => "blur",
        }
    }
}

/// A slow camera movement over a picture (`m.motion`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Motion {
    /// Still (default).
    #[default]
    None,
    /// Slowly closer.
    ZoomIn,
    /// Slowly further.
    ZoomOut,
    /// The view travels left across the picture.
    PanLeft,
    /// The view travels right.
    PanRight,
    /// The view travels up.
    PanUp,
    /// The view travels down.
    PanDown,
}

impl Motion {
    /// Every motion, in the order the word list is written.
    pub const ALL: [Motion; 7] = [
        Motion::None,
        Motion::ZoomIn,
        Motion::ZoomOut,
        Motion::PanLeft,
        Motion::PanRight,
        Motion::PanUp,
        Motion::PanDown,
    ];

    /// Reads a `motion` word; `None` for an unknown one.
    pub fn parse(word: &str) -> Option<Motion> {
        match folded(word).as_str() {
            "none" | "still" | "static" => Some(Motion::None),
            "zoomin" | "kenburns" | "zoom" | "pushin" => Some(Motion::ZoomIn),
            "zoomout" | "pullout" => Some(Motion::ZoomOut),
            "panleft" => Some(Motion::PanLeft),
            "panright" => Some(Motion::PanRight),
            "panup" => Some(Motion::PanUp),
            "pandown" => Some(Motion::PanDown),
            _ => None,
        }
    }

    /// The word a draft writes: `zoom_in`, `pan_left`, `none`, …
    pub fn word(self) -> &'static str {
        match self {
            Motion::None => "none",
            Motion::ZoomIn => "zoom_in",
            Motion::ZoomOut => "zoom_out",
            Motion::PanLeft => "pan_left",
            Motion::PanRight => "pan_right",
            Motion::PanUp => "pan_up",
            Motion::PanDown => "pan_down",
        }
    }

    /// Whether the view travels across the picture rather than towards or away from it.
    pub fn is_pan(self) -> bool {
        matches!(
            self,
            Motion::PanLeft | Motion::PanRight | Motion::PanUp | Motion::PanDown
        )
    }
}

/// Where a text sits in the frame (`m.position`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Position {
    /// Near the top edge.
    Top,
    /// In the middle.
    Center,
    /// Near the bottom edge.
    Bottom,
}

impl Position {
    /// Reads a `position` word; `None` for an unknown one.
    pub fn parse(word: &str) -> Option<Position> {
        match folded(word).as_str() {
            "top" | "upper" | "topcenter" => Some(Position::Top),
            "center" | "centre" | "middle" => Some(Position::Center),
            "bottom" | "lower" | "bottomcenter" => Some(Position::Bottom),
            _ => None,
        }
    }

    /// The word a draft writes.
    pub fn word(self) -> &'static str {
        match self {
            Position::Top => "top",
            Position::Center => "center",
            Position::Bottom => "bottom",
        }
    }
}

/// A text's colour as `RRGGBB` hex digits (upper case), read from `#rgb`, `#rrggbb`,
/// `#rrggbbaa` (alpha dropped) or a common colour name; `None` for anything else.
pub fn color_hex(word: &str) -> Option<String> {
    let word = word.trim();
    if let Some(hex) = word.strip_prefix('#') {
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        return match hex.len() {
            3 => Some(
                hex.chars()
                    .flat_map(|c| [c, c])
                    .collect::<String>()
                    .to_ascii_uppercase(),
            ),
            6 | 8 => hex.get(..6).map(str::to_ascii_uppercase),
            _ => None,
        };
    }
    let hex = match folded(word).as_str() {
        "white" => "FFFFFF",
        "black" => "000000",
        "red" => "FF3B30",
        "green" => "34C759",
        "blue" => "0A84FF",
        "yellow" => "FFD60A",
        "orange" => "FF9F0A",
        "pink" => "FF6FB5",
        "purple" => "AF52DE",
        "gray" | "grey" => "8E8E93",
        "cyan" => "32D7F0",
        "gold" => "FFC940",
        _ => return None,
    };
    Some(hex.to_owned())
}

/// A styling word compared loosely: lower case without spaces, `-` or `_` (`Zoom-In` → `zoomin`).
///
/// Only ASCII letters change case: every known word is ASCII, and `char::to_lowercase` would
/// bring Unicode's case tables into the browser package (5.8 KB gzipped, measured).
pub(crate) fn folded(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn fit_and_motion_read_leniently() {
        assert_eq!(Fit::parse("Cover"), Some(Fit::Cover));
        assert_eq!(Fit::parse("contain"), Some(Fit::Contain));
        assert_eq!(Fit::parse("stretch"), None);
        assert_eq!(Fit::default(), Fit::Blur);
        assert_eq!(Motion::parse("zoom-in"), Some(Motion::ZoomIn));
        assert_eq!(Motion::parse("Zoom Out"), Some(Motion::ZoomOut));
        assert_eq!(Motion::parse("pan_up"), Some(Motion::PanUp));
        assert_eq!(Motion::parse("spin"), None);
        assert_eq!(Motion::default(), Motion::None);
    }

    #[test]
    fn every_word_reads_back_as_itself() {
        for motion in Motion::ALL {
            assert_eq!(Motion::parse(motion.word()), Some(motion));
        }
        for fit in [Fit::Contain, Fit::Cover, Fit::Blur] {
            assert_eq!(Fit::parse(fit.word()), Some(fit));
        }
        for position in [Position::Top, Position::Center, Position::Bottom] {
            assert_eq!(Position::parse(position.word()), Some(position));
        }
    }

    #[test]
    fn colours_become_hex_digits() {
        assert_eq!(color_hex("#ffcc00").as_deref(), Some("FFCC00"));
        assert_eq!(color_hex("#fc0").as_deref(), Some("FFCC00"));
        assert_eq!(color_hex("#FFCC0080").as_deref(), Some("FFCC00"));
        assert_eq!(color_hex("White").as_deref(), Some("FFFFFF"));
        assert_eq!(color_hex("#12345"), None);
        assert_eq!(color_hex("#zzzzzz"), None);
        assert_eq!(color_hex("red:x=1"), None);
    }

    #[test]
    fn positions_read_their_variants() {
        assert_eq!(Position::parse("Middle"), Some(Position::Center));
        assert_eq!(Position::parse("lower"), Some(Position::Bottom));
        assert_eq!(Position::parse("left"), None);
    }
}
