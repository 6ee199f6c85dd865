//! Titles and captions as `drawtext` filters over the finished picture.
//!
//! The words go to drawtext through a file (`textfile`, `expansion=none`), never inside the
//! graph: a draft's text can then hold any character (quotes, colons, `%{…}`, Chinese) without
//! escaping rules to get wrong. drawtext does not wrap lines, so long texts are wrapped here.

use std::path::Path;

use super::super::error::RenderError;
use super::super::fonts::is_cjk;
use super::super::request::Canvas;
use super::super::timeline::Text;
use super::escape;
use i2v_core::draft::Position;

/// Share of the frame's width a line may fill.
const LINE_SHARE: f64 = 0.9;
/// A Latin character's width in ems, on average (DejaVu Sans is a wide face).
const LATIN_EM: f64 = 0.62;

/// The drawtext filter for one text, reading its words from `text_file`.
pub(crate) fn drawtext(text: &Text, font: &Path, text_file: &Path) -> Result<String, RenderError> {
    let size = text.size_px;
    let y = match text.position {
        Position::Top => "h*0.07".to_string(),
        Position::Center => "(h-text_h)/2".to_string(),
        Position::Bottom => "h*0.93-text_h".to_string(),
    };
    let start = text.start_ms as f64 / 1000.0;
    let end = text.end_ms as f64 / 1000.0;
    let (a, b) = (escape::seconds(start), escape::seconds(end));
    Ok(format!(
        "drawtext=fontfile={font}:textfile={file}:expansion=none:fontsize={size}:\
         fontcolor=0x{color}:borderw={border}:bordercolor=black@0.55:line_spacing={spacing}:\
         x={x}:y={y}:enable={enable}:alpha={alpha}",
        font = escape::value(&utf8(font)?),
        file = escape::value(&utf8(text_file)?),
        color = text.color,
        border = (size / 24).max(1),
        spacing = size / 4,
        x = escape::expr("(w-text_w)/2"),
        y = escape::expr(&y),
        enable = escape::expr(&format!("gte(t,{a})*lt(t,{b})")),
        alpha = escape::expr(&alpha(start, end, text.fade_in_ms, text.fade_out_ms)),
    ))
}

/// The opacity over time: rising over the fade in, falling over the fade out.
fn alpha(start: f64, end: f64, fade_in_ms: u64, fade_out_ms: u64) -> String {
    let mut ramps = Vec::new();
    if fade_in_ms > 0 {
        let fade = escape::seconds(fade_in_ms as f64 / 1000.0);
        ramps.push(format!("(t-{})/{fade}", escape::seconds(start)));
    }
    if fade_out_ms > 0 {
        let fade = escape::seconds(fade_out_ms as f64 / 1000.0);
        ramps.push(format!("({}-t)/{fade}", escape::seconds(end)));
    }
    match ramps.as_slice() {
        [] => "1".into(),
        [one] => format!("clip({one},0,1)"),
        [rise, fall, ..] => format!("clip(min({rise},{fall}),0,1)"),
    }
}

/// A path as text for the graph.
pub(crate) fn utf8(path: &Path) -> Result<String, RenderError> {
    path.to_str()
        .map(str::to_string)
        .ok_or_else(|| RenderError::PathNotUtf8(path.to_string_lossy().into_owned()))
}

/// Wraps a text into lines that fit the frame at this size: Latin text breaks between words,
/// CJK text between any two characters; the draft's own line breaks stay.
pub(crate) fn wrap(text: &str, size_px: u32, canvas: Canvas) -> String {
    let room = f64::from(canvas.width) * LINE_SHARE;
    let em = f64::from(size_px.max(1));
    let width = |c: char| if is_cjk(c) { em } else { em * LATIN_EM };
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
        let class = |c: char| (is_cjk(c), c.is_whitespace());
        let ends_here =
            is_cjk(c) || next.is_none_or(|next| is_cjk(next) || class(next) != class(c));
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

    #[test]
    fn the_fades_become_an_opacity_ramp() {
        assert_eq!(
            alpha(1.0, 4.0, 500, 250),
            "clip(min((t-1)/0.5,(4-t)/0.25),0,1)"
        );
        assert_eq!(alpha(0.0, 2.0, 0, 0), "1");
        assert_eq!(alpha(0.0, 2.0, 300, 0), "clip((t-0)/0.3,0,1)");
    }

    #[test]
    fn drawtext_reads_the_words_from_a_file() {
        let text = Text {
            text: "Hello: 'world'".into(),
            title: true,
            start_ms: 0,
            end_ms: 3000,
            position: Position::Top,
            color: "FFCC00".into(),
            size_px: 48,
            fade_in_ms: 400,
            fade_out_ms: 400,
        };
        let filter =
            drawtext(&text, Path::new("/f/a b.ttf"), Path::new("/w/t0.txt")).unwrap_or_default();
        assert_eq!(
            filter,
            "drawtext=fontfile=/f/a b.ttf:textfile=/w/t0.txt:expansion=none:fontsize=48:\
             fontcolor=0xFFCC00:borderw=2:bordercolor=black@0.55:line_spacing=12:\
             x='(w-text_w)/2':y='h*0.07':enable='gte(t,0)*lt(t,3)':\
             alpha='clip(min((t-0)/0.4,(3-t)/0.4),0,1)'"
        );
        assert!(!filter.contains("world"));
    }
}
