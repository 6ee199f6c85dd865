//! Titles and captions on the timeline: their defaults, their face, how they wrap onto the
//! frame, where they sit and how they fade. The studio's `drawtext` and the browser preview both
//! lay a text out by these numbers.

use crate::draft::{Canvas, Meta, Position, color_hex};

/// Share of the frame's width a line may fill.
const LINE_SHARE: f64 = 0.9;
/// A Latin character's width in ems, on average (DejaVu Sans is a wide face).
const LATIN_EM: f64 = 0.62;
/// A text at the top has its first line's top this share of the frame's height down.
pub const TOP_SHARE: f64 = 0.07;
/// A text at the bottom has its last line's bottom this share of the frame's height down.
pub const BOTTOM_SHARE: f64 = 0.93;
/// The outline's colour: black at 55 % opacity, so light words read on light pictures.
pub const BORDER_OPACITY: f64 = 0.55;

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

/// The typeface a text is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    /// DejaVu Sans: captions.
    Regular,
    /// DejaVu Sans Bold: titles.
    Bold,
    /// WenQuanYi Zen Hei: any text with a Chinese, Japanese or Korean character, which DejaVu
    /// Sans does not have (Zen Hei has Latin letters too).
    Cjk,
}

impl Face {
    /// Its name in the JS shapes: `regular`, `bold` or `cjk`.
    pub fn word(self) -> &'static str {
        match self {
            Face::Regular => "regular",
            Face::Bold => "bold",
            Face::Cjk => "cjk",
        }
    }
}

/// Reads a text segment shown from `start_ms` to `end_ms`; `None` when it has no words.
pub(super) fn read(
    meta: &Meta,
    title: bool,
    start_ms: u64,
    end_ms: u64,
    canvas: Canvas,
) -> Option<Text> {
    let (position, size, fade) = if title {
        (Position::Center, 84.0, 400)
    } else {
        (Position::Bottom, 48.0, 150)
    };
    let text = meta.text()?.trim();
    if text.is_empty() {
        return None;
    }
    let half = (end_ms - start_ms) / 2;
    let size_px = meta
        .font_size()
        .filter(|s| s.is_finite())
        .unwrap_or(size)
        .clamp(8.0, 400.0)
        * canvas.text_scale();
    Some(Text {
        text: text.to_string(),
        title,
        start_ms,
        end_ms,
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
}

impl Text {
    /// The face it is drawn in: CJK text needs Zen Hei, titles are bold.
    pub fn face(&self) -> Face {
        if self.text.chars().any(needs_cjk_face) {
            Face::Cjk
        } else if self.title {
            Face::Bold
        } else {
            Face::Regular
        }
    }

    /// The outline's width in pixels.
    pub fn border_px(&self) -> u32 {
        (self.size_px / 24).max(1)
    }

    /// The space between two lines in pixels.
    pub fn line_spacing_px(&self) -> u32 {
        self.size_px / 4
    }

    /// Whether it is on screen at `ms`.
    pub fn shows_at(&self, ms: f64) -> bool {
        ms >= self.start_ms as f64 && ms < self.end_ms as f64
    }

    /// Its opacity at `ms` while shown: rising over the fade in, falling over the fade out.
    pub fn opacity_at(&self, ms: f64) -> f64 {
        let mut opacity: f64 = 1.0;
        if self.fade_in_ms > 0 {
            opacity = opacity.min((ms - self.start_ms as f64) / self.fade_in_ms as f64);
        }
        if self.fade_out_ms > 0 {
            opacity = opacity.min((self.end_ms as f64 - ms) / self.fade_out_ms as f64);
        }
        opacity.clamp(0.0, 1.0)
    }

    /// Its words wrapped onto `canvas` at its size.
    pub fn lines(&self, canvas: Canvas) -> String {
        wrap(&self.text, self.size_px, canvas)
    }
}

/// Whether a character is Chinese, Japanese or Korean (or their punctuation), which DejaVu Sans
/// does not have.
pub fn needs_cjk_face(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x30FF    // CJK punctuation, kana
        | 0x3100..=0x31FF    // bopomofo, kana extensions
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xAC00..=0xD7AF    // hangul
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x2FA1F) // extensions B and later
}

/// Wraps a text into lines that fit the frame at this size: Latin text breaks between words,
/// CJK text between any two characters; the draft's own line breaks stay.
pub fn wrap(text: &str, size_px: u32, canvas: Canvas) -> String {
    let room = f64::from(canvas.width) * LINE_SHARE;
    let em = f64::from(size_px.max(1));
    let width = |c: char| if needs_cjk_face(c) { em } else { em * LATIN_EM };
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        let mut used = 0.0;
        for token in tokens(paragraph) {
            let token_width: f64 = token.chars().map(width).sum();
            let is_space = token.trim().is_empty();
            if used + token_width > room && !line.trim().is_empty() && !is_space {
                lines.push(line.trim_end().to_string());
                line.clear();
                used = 0.0;
            }
            if is_space && line.is_empty() {
                continue; // no line starts with a space
            }
            if token_width > room && !is_space {
                // A word longer than a line is broken where it must be.
                for c in token.chars() {
                    if used + width(c) > room && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        used = 0.0;
                    }
                    line.push(c);
                    used += width(c);
                }
                continue;
            }
            line.push_str(token);
            used += token_width;
        }
        lines.push(line.trim_end().to_string());
    }
    lines.join("\n")
}

/// Splits a line into pieces that may not be broken: Latin words, runs of spaces, single CJK
/// characters.
fn tokens(line: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        let class = |c: char| (needs_cjk_face(c), c.is_whitespace());
        let ends_here = needs_cjk_face(c)
            || next.is_none_or(|next| needs_cjk_face(next) || class(next) != class(c));
        if ends_here {
            let end = at + c.len_utf8();
            if let Some(token) = line.get(start..end) {
                tokens.push(token);
            }
            start = end;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    const SMALL: Canvas = Canvas::new(640, 360, 30);

    #[test]
    fn short_texts_stay_on_one_line() {
        assert_eq!(wrap("Urban Dreams", 84, Canvas::LANDSCAPE), "Urban Dreams");
        assert_eq!(wrap("two\nlines", 30, SMALL), "two\nlines");
    }

    #[test]
    fn long_latin_texts_break_between_words() {
        // 576 pixels of room at 40 px: about 23 characters a line.
        let wrapped = wrap(
            "the quick brown fox jumps over the lazy dog again and again",
            40,
            SMALL,
        );
        assert_eq!(
            wrapped,
            "the quick brown fox\njumps over the lazy dog\nagain and again"
        );
    }

    #[test]
    fn cjk_texts_break_between_characters() {
        // 576 pixels of room at 100 px: five characters a line.
        assert_eq!(wrap("城市的梦想永不眠", 100, SMALL), "城市的梦想\n永不眠");
        assert_eq!(tokens("Hi 你好!"), ["Hi", " ", "你", "好", "!"]);
    }

    #[test]
    fn words_longer_than_a_line_are_cut() {
        let wrapped = wrap(&"x".repeat(60), 40, SMALL);
        assert!(wrapped.lines().all(|line| line.len() <= 24), "{wrapped}");
        assert_eq!(wrapped.replace('\n', ""), "x".repeat(60));
    }

    fn text(fade_in_ms: u64, fade_out_ms: u64) -> Text {
        Text {
            text: "Hi".into(),
            title: true,
            start_ms: 1000,
            end_ms: 4000,
            position: Position::Center,
            color: "FFFFFF".into(),
            size_px: 84,
            fade_in_ms,
            fade_out_ms,
        }
    }

    #[test]
    fn the_fades_ramp_the_opacity() {
        let faded = text(500, 250);
        assert_eq!(faded.opacity_at(1000.0), 0.0);
        assert_eq!(faded.opacity_at(1250.0), 0.5);
        assert_eq!(faded.opacity_at(2000.0), 1.0);
        assert_eq!(faded.opacity_at(3875.0), 0.5);
        assert_eq!(text(0, 0).opacity_at(1000.0), 1.0);
        assert!(faded.shows_at(1000.0) && !faded.shows_at(4000.0));
    }

    #[test]
    fn the_face_follows_the_script_and_the_role() {
        assert_eq!(text(0, 0).face(), Face::Bold);
        let caption = Text {
            title: false,
            ..text(0, 0)
        };
        assert_eq!(caption.face(), Face::Regular);
        let chinese = Text {
            text: "城市".into(),
            ..text(0, 0)
        };
        assert_eq!(chinese.face(), Face::Cjk);
        assert_eq!((caption.border_px(), caption.line_spacing_px()), (3, 21));
    }
}
