//! Titles and captions as `drawtext` filters over the finished picture.
//!
//! The words go to drawtext through a file (`textfile`, `expansion=none`), never inside the
//! graph: a draft's text can then hold any character (quotes, colons, `%{…}`, Chinese) without
//! escaping rules to get wrong. drawtext does not wrap lines: the file holds the lines
//! `i2v_core::timeline::Text::lines` wraps, the layout the browser preview draws too.

use std::path::Path;

use super::super::error::RenderError;
use super::super::timeline::Text;
use super::escape;
use i2v_core::draft::Position;
use i2v_core::timeline::text::{BORDER_OPACITY, BOTTOM_SHARE, TOP_SHARE};

/// The drawtext filter for one text, reading its words from `text_file`.
pub(crate) fn drawtext(text: &Text, font: &Path, text_file: &Path) -> Result<String, RenderError> {
    let size = text.size_px;
    let y = match text.position {
        Position::Top => format!("h*{TOP_SHARE}"),
        Position::Center => "(h-text_h)/2".to_string(),
        Position::Bottom => format!("h*{BOTTOM_SHARE}-text_h"),
    };
    let start = text.start_ms as f64 / 1000.0;
    let end = text.end_ms as f64 / 1000.0;
    let (a, b) = (escape::seconds(start), escape::seconds(end));
    Ok(format!(
        "drawtext=fontfile={font}:textfile={file}:expansion=none:fontsize={size}:\
         fontcolor=0x{color}:borderw={border}:bordercolor=black@{BORDER_OPACITY}:line_spacing={spacing}:\
         x={x}:y={y}:enable={enable}:alpha={alpha}",
        font = escape::value(&utf8(font)?),
        file = escape::value(&utf8(text_file)?),
        color = text.color,
        border = text.border_px(),
        spacing = text.line_spacing_px(),
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

#[cfg(test)]
mod tests {
    use super::*;

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
