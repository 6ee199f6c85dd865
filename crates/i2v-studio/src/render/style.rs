//! The draft's styling words (`fit`, `motion`, `transition.type`, `position`, `color`) read
//! leniently into what the renderer does: an unknown word takes the default instead of failing
//! the export, and spelling variants (`zoom-in`, `Zoom In`, `crossfade`) mean what they say.

/// How a picture fills a frame of another shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Whole picture, black bars where the shapes differ.
    Contain,
    /// Fills the frame; what sticks out is cut off.
    Cover,
    /// Whole picture over a blurred, darkened copy of itself that fills the frame (default).
    Blur,
}

impl Fit {
    /// Reads `m.fit`; absent or unknown → [`Fit::Blur`].
    pub fn parse(word: Option<&str>) -> Fit {
        match word.map(normalise).as_deref() {
            Some("contain" | "fit" | "letterbox") => Fit::Contain,
            Some("cover" | "fill" | "crop") => Fit::Cover,
            _ => Fit::Blur,
        }
    }
}

/// A slow camera movement over a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// Still (default).
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
    /// Reads `m.motion`; absent or unknown → [`Motion::None`].
    pub fn parse(word: Option<&str>) -> Motion {
        match word.map(normalise).as_deref() {
            Some("zoomin" | "kenburns" | "zoom" | "pushin") => Motion::ZoomIn,
            Some("zoomout" | "pullout") => Motion::ZoomOut,
            Some("panleft") => Motion::PanLeft,
            Some("panright") => Motion::PanRight,
            Some("panup") => Motion::PanUp,
            Some("pandown") => Motion::PanDown,
            _ => Motion::None,
        }
    }
}

/// The xfade transitions of ffmpeg 5.1, by the name the filter takes.
const XFADE_NAMES: [&str; 46] = [
    "fade",
    "wipeleft",
    "wiperight",
    "wipeup",
    "wipedown",
    "slideleft",
    "slideright",
    "slideup",
    "slidedown",
    "circlecrop",
    "rectcrop",
    "distance",
    "fadeblack",
    "fadewhite",
    "radial",
    "smoothleft",
    "smoothright",
    "smoothup",
    "smoothdown",
    "circleopen",
    "circleclose",
    "vertopen",
    "vertclose",
    "horzopen",
    "horzclose",
    "dissolve",
    "pixelize",
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
    "wipetl",
    "wipetr",
    "wipebl",
    "wipebr",
    "squeezeh",
    "squeezev",
    "zoomin",
    "fadefast",
    "fadeslow",
];

/// Reads `m.transition.type` into an xfade transition name; `None` means a hard cut.
///
/// Any xfade name is taken as is (`slideleft`, `circleopen`…); common words map onto them
/// (`crossfade` → `fade`, `wipe` → `wipeleft`, `slide_up` → `slideup`); an unknown word becomes
/// `fade`, so an export never fails over a transition's name.
pub(crate) fn transition_name(word: Option<&str>) -> Option<&'static str> {
    let word = word.map(normalise).unwrap_or_default();
    if let Some(name) = XFADE_NAMES.iter().find(|name| **name == word) {
        return Some(name);
    }
    let name = match word.as_str() {
        "none" | "cut" | "hardcut" => return None,
        "crossfade" | "crossdissolve" | "mix" | "" => "fade",
        "wipe" => "wipeleft",
        "slide" => "slideleft",
        "fadetoblack" | "dip" | "diptoblack" => "fadeblack",
        "fadetowhite" | "diptowhite" | "flash" => "fadewhite",
        "circle" | "iris" => "circleopen",
        "blur" => "hblur",
        "zoom" => "zoomin",
        "pixelate" => "pixelize",
        _ => "fade",
    };
    Some(name)
}

/// Where a text sits in the frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Near the top edge.
    Top,
    /// In the middle.
    Center,
    /// Near the bottom edge.
    Bottom,
}

impl Position {
    /// Reads `m.position`; absent or unknown → `default`.
    pub fn parse(word: Option<&str>, default: Position) -> Position {
        match word.map(normalise).as_deref() {
            Some("top" | "upper" | "topcenter") => Position::Top,
            Some("center" | "centre" | "middle") => Position::Center,
            Some("bottom" | "lower" | "bottomcenter") => Position::Bottom,
            _ => default,
        }
    }
}

/// Reads `m.color` into `RRGGBB` hex digits: `#rgb`, `#rrggbb`, `#rrggbbaa` (alpha dropped) or
/// a common colour name; anything else → `None` (the caller's default).
pub(crate) fn color_hex(word: Option<&str>) -> Option<String> {
    let word = word?.trim();
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
    let hex = match normalise(word).as_str() {
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
    Some(hex.to_string())
}

/// Lower case without spaces, `-` or `_`: `Zoom-In` → `zoomin`.
fn normalise(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_and_motion_read_leniently() {
        assert_eq!(Fit::parse(None), Fit::Blur);
        assert_eq!(Fit::parse(Some("Cover")), Fit::Cover);
        assert_eq!(Fit::parse(Some("contain")), Fit::Contain);
        assert_eq!(Fit::parse(Some("stretch")), Fit::Blur);
        assert_eq!(Motion::parse(Some("zoom-in")), Motion::ZoomIn);
        assert_eq!(Motion::parse(Some("Zoom Out")), Motion::ZoomOut);
        assert_eq!(Motion::parse(Some("pan_up")), Motion::PanUp);
        assert_eq!(Motion::parse(Some("spin")), Motion::None);
        assert_eq!(Motion::parse(None), Motion::None);
    }

    #[test]
    fn transitions_map_onto_xfade_names() {
        assert_eq!(transition_name(Some("fade")), Some("fade"));
        assert_eq!(transition_name(Some("slide_left")), Some("slideleft"));
        assert_eq!(transition_name(Some("circleopen")), Some("circleopen"));
        assert_eq!(transition_name(Some("dissolve")), Some("dissolve"));
        assert_eq!(transition_name(Some("crossfade")), Some("fade"));
        assert_eq!(transition_name(Some("wipe")), Some("wipeleft"));
        assert_eq!(transition_name(Some("something new")), Some("fade"));
        assert_eq!(transition_name(None), Some("fade"));
        assert_eq!(transition_name(Some("none")), None);
        assert_eq!(transition_name(Some("cut")), None);
    }

    #[test]
    fn colours_become_hex_digits() {
        assert_eq!(color_hex(Some("#ffcc00")).as_deref(), Some("FFCC00"));
        assert_eq!(color_hex(Some("#fc0")).as_deref(), Some("FFCC00"));
        assert_eq!(color_hex(Some("#FFCC0080")).as_deref(), Some("FFCC00"));
        assert_eq!(color_hex(Some("White")).as_deref(), Some("FFFFFF"));
        assert_eq!(color_hex(Some("#12345")), None);
        assert_eq!(color_hex(Some("#zzzzzz")), None);
        assert_eq!(color_hex(Some("red:x=1")), None);
        assert_eq!(color_hex(None), None);
    }

    #[test]
    fn positions_fall_back_to_the_default() {
        assert_eq!(
            Position::parse(Some("top"), Position::Center),
            Position::Top
        );
        assert_eq!(
            Position::parse(Some("Middle"), Position::Bottom),
            Position::Center
        );
        assert_eq!(Position::parse(None, Position::Bottom), Position::Bottom);
        assert_eq!(
            Position::parse(Some("left"), Position::Center),
            Position::Center
        );
    }
}
