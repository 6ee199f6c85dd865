//! Reading [`ExportOptions`] out of an export request.
//!
//! Rules:
//! - formats are their names (`mp4`, `mov`, `quicktime`, `webm`, `gif`, `mkv`, `avi`);
//! - resolutions are `NNNp`, bare `480/720/1080/1440/2160`, `4k`/`2k`/`8k`, `uhd`, `qhd`,
//!   `full hd`, `hd` (720, as the standard names it) and the Chinese platform tiers `标清` 480,
//!   `高清` 720, `超清`/`全高清`/`蓝光` 1080; `1920x1080` (also `1920 x 1080`, `1920 by 1080`)
//!   gives the short side as resolution and, unless an aspect is said outright, the aspect too;
//! - frame rates are a number before `fps`, `frames per second` or `帧` ("60 fps", "30fps",
//!   "60帧"); a bare number is never one ("add 30 photos");
//! - aspects are ratios (`9:16`, `16/9`, `16x9`, `16 by 9`, `16比9`), shape words (`vertical`,
//!   `portrait`, `landscape`, `horizontal`, `widescreen`, `square`, `竖屏`, `横屏`, `方形` …)
//!   and platforms (TikTok, Reels, Shorts, stories, 抖音, 快手 → 9:16; YouTube, Bilibili → 16:9;
//!   Instagram post → 1:1; 小红书 → 3:4);
//! - qualities are phrases ("high quality", "best quality", "lossless", "small file",
//!   "compressed", "standard quality", "高画质", "无损", "小文件" …) and `preview` ("a quick
//!   preview", "预览版"): an export asked for as a preview is one to look at, not to post;
//! - an option under a negation is skipped ("1080p, not 4k", "不要横屏"), and when an option is
//!   said twice the later one wins: people correct themselves at the end.

use std::sync::OnceLock;

use super::cues::negated_before;
use super::options::{Aspect, ExportOptions, FrameRate, Quality, Resolution, VideoFormat};
use super::pattern::{Index, any_at, match_at};
use super::tokens::Tokens;

/// One option found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// A container format.
    Format(VideoFormat),
    /// A resolution.
    Resolution(Resolution),
    /// A frame rate.
    Fps(FrameRate),
    /// An aspect said outright.
    Aspect(Aspect),
    /// A quality.
    Quality(Quality),
    /// A pixel size: its short side, and its aspect when that is a known one.
    Size(Resolution, Option<Aspect>),
}

const fn lines(lines: u32) -> Found {
    Found::Resolution(Resolution { lines })
}

/// Phrase options, as patterns (see [`super::pattern`]).
const PHRASES: &[(&str, Found)] = &[
    ("mp4|mpeg4|h264", Found::Format(VideoFormat::Mp4)),
    ("mov|quicktime", Found::Format(VideoFormat::Mov)),
    ("webm", Found::Format(VideoFormat::Webm)),
    ("gif", Found::Format(VideoFormat::Gif)),
    ("mkv", Found::Format(VideoFormat::Mkv)),
    ("avi", Found::Format(VideoFormat::Avi)),
    ("4k|uhd|2160", lines(2160)),
    ("2k|qhd|1440", lines(1440)),
    ("8k", lines(4320)),
    ("fullhd|fhd|1080", lines(1080)),
    ("full hd", lines(1080)),
    ("hd|720", lines(720)),
    ("480|sd", lines(480)),
    ("标清", lines(480)),
    ("高清", lines(720)),
    ("超清|全高清|蓝光", lines(1080)),
    (
        "vertical|vertically|portrait|upright",
        Found::Aspect(Aspect::Ratio9x16),
    ),
    (
        "tiktok|reels|reel|shorts|stories|snapchat|douyin|kuaishou",
        Found::Aspect(Aspect::Ratio9x16),
    ),
    ("tik tok", Found::Aspect(Aspect::Ratio9x16)),
    ("youtube shorts", Found::Aspect(Aspect::Ratio9x16)),
    (
        "instagram|ig|facebook|fb story|stories|reel|reels",
        Found::Aspect(Aspect::Ratio9x16),
    ),
    (
        "竖|竖屏|竖版|抖音|快手|视频号",
        Found::Aspect(Aspect::Ratio9x16),
    ),
    (
        "horizontal|horizontally|landscape|widescreen|youtube|bilibili",
        Found::Aspect(Aspect::Ratio16x9),
    ),
    (
        "横|横屏|横版|b站|哔哩哔哩|西瓜视频|优酷",
        Found::Aspect(Aspect::Ratio16x9),
    ),
    ("square|squared", Found::Aspect(Aspect::Ratio1x1)),
    ("instagram|ig post|feed", Found::Aspect(Aspect::Ratio1x1)),
    (
        "方形|正方形|方屏|方版|方的",
        Found::Aspect(Aspect::Ratio1x1),
    ),
    ("小红书", Found::Aspect(Aspect::Ratio3x4)),
    (
        "cinematic|cinemascope|ultrawide",
        Found::Aspect(Aspect::Ratio21x9),
    ),
    (
        "high|higher|highest|best|max|maximum|top|good|great|better|premium|excellent|full [video|image|picture] quality",
        Found::Quality(Quality::High),
    ),
    (
        "high|higher|best|max res|resolution",
        Found::Quality(Quality::High),
    ),
    ("hq|lossless|uncompressed", Found::Quality(Quality::High)),
    (
        "高质量|高画质|高品质|最高画质|最高质量|最佳画质|最好画质|最好的画质|无损|原画|画质最好|画质高",
        Found::Quality(Quality::High),
    ),
    (
        "low|lower|lowest|reduced|draft|basic|poor [video|image|picture] quality",
        Found::Quality(Quality::Low),
    ),
    (
        "small|smaller|smallest|tiny|compact|light file|size",
        Found::Quality(Quality::Low),
    ),
    (
        "small|smaller|smallest|tiny|compact file size",
        Found::Quality(Quality::Low),
    ),
    ("compressed|compress", Found::Quality(Quality::Low)),
    (
        "低质量|低画质|压缩|小文件|文件小|体积小",
        Found::Quality(Quality::Low),
    ),
    ("preview|previews|proof", Found::Quality(Quality::Preview)),
    (
        "预览|预览版|预览画质|小样",
        Found::Quality(Quality::Preview),
    ),
    (
        "medium|standard|normal|average|balanced [video|image|picture] quality",
        Found::Quality(Quality::Medium),
    ),
    (
        "标准画质|普通画质|中等画质|中画质",
        Found::Quality(Quality::Medium),
    ),
];

/// What follows a number that makes it a frame rate.
const FPS_UNITS: &[&str] = &["fps", "frames|frame per|a second", "帧 [每秒]"];

/// How far before an option a negation may stand: options are short phrases ("not in 4k").
const OPTION_WINDOW: usize = 3;

/// The export options said anywhere in `tokens`.
pub(crate) fn extract(tokens: &Tokens) -> ExportOptions {
    let mut options = ExportOptions::default();
    let mut size_aspect = None;
    let mut i = 0;
    while i < tokens.len() {
        let Some((found, end)) = option_at(tokens, i) else {
            i += 1;
            continue;
        };
        if !negated_before(tokens, i, OPTION_WINDOW) {
            match found {
                Found::Format(f) => options.format = Some(f),
                Found::Resolution(r) => options.resolution = Some(r),
                Found::Fps(f) => options.fps = Some(f),
                Found::Aspect(a) => options.aspect = Some(a),
                Found::Quality(q) => options.quality = Some(q),
                Found::Size(r, a) => {
                    options.resolution = Some(r);
                    size_aspect = a.or(size_aspect);
                }
            }
        }
        i = end;
    }
    options.aspect = options.aspect.or(size_aspect);
    options
}

/// The option that starts at token `i`, with the index after it.
pub(crate) fn option_at(tokens: &Tokens, i: usize) -> Option<(Found, usize)> {
    if let Some(found) = numeric_at(tokens, i) {
        return Some(found);
    }
    static INDEX: OnceLock<Index> = OnceLock::new();
    let index = INDEX.get_or_init(|| Index::new(PHRASES.iter().map(|(pattern, _)| pattern)));
    index
        .candidates(tokens.text(i))
        .filter_map(|n| {
            let (pattern, found) = PHRASES.get(n)?;
            match_at(pattern, tokens, i).map(|end| (*found, end))
        })
        .max_by_key(|&(_, end)| end)
}

/// Numeric forms, read as the tokens have them, a number apart from the letters around it
/// (`1080p` is `1080`, `p`): `1080p`, `60fps`, `60 frames per second`, `60帧`, `9:16`, `16/9`,
/// `1920x1080`, `1920 x 1080`, `16 by 9`, `16比9`.
fn numeric_at(tokens: &Tokens, i: usize) -> Option<(Found, usize)> {
    let w = number(tokens.text(i))?;
    if tokens.text(i + 1) == "p" {
        if let Some(r) = Resolution::from_lines(w) {
            return Some((Found::Resolution(r), i + 2));
        }
    }
    if let Some(end) = any_at(FPS_UNITS, tokens, i + 1) {
        return FrameRate::from_fps(w).map(|f| (Found::Fps(f), end));
    }
    if matches!(tokens.text(i + 1), ":" | "/" | "x" | "by" | "比") {
        let h = number(tokens.text(i + 2))?;
        return pair(w, h).map(|f| (f, i + 3));
    }
    None
}

/// A width and height: pixel sizes give a size, small numbers a ratio.
fn pair(w: u32, h: u32) -> Option<Found> {
    const LARGEST_RATIO_TERM: u32 = 32;
    if w <= LARGEST_RATIO_TERM && h <= LARGEST_RATIO_TERM {
        return Aspect::from_ratio(w, h).map(Found::Aspect);
    }
    let resolution = Resolution::from_lines(w.min(h))?;
    Some(Found::Size(resolution, Aspect::from_ratio(w, h)))
}

fn number(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn options(text: &str) -> ExportOptions {
        extract(&Tokens::new(text))
    }

    fn res(lines: u32) -> Option<Resolution> {
        Resolution::from_lines(lines)
    }

    #[test]
    fn every_pattern_is_well_formed() {
        for (pattern, _) in PHRASES {
            assert!(crate::intent::pattern::well_formed(pattern), "{pattern}");
        }
    }

    #[test]
    fn formats_resolutions_and_qualities() {
        let o = options("export 1080p MP4 in high quality");
        assert_eq!(o.format, Some(VideoFormat::Mp4));
        assert_eq!(o.resolution, res(1080));
        assert_eq!(o.quality, Some(Quality::High));
        assert_eq!(o.aspect, None);
        assert_eq!(options("render in 4K as a QuickTime").resolution, res(2160));
        assert_eq!(
            options("render in 4K as a QuickTime").format,
            Some(VideoFormat::Mov)
        );
        assert_eq!(options("full HD please").resolution, res(1080));
        assert_eq!(options("HD").resolution, res(720));
        assert_eq!(options("720 p").resolution, res(720));
        assert_eq!(options("smaller file size").quality, Some(Quality::Low));
    }

    #[test]
    fn aspects_from_ratios_words_and_platforms() {
        let aspect = |t: &str| options(t).aspect;
        assert_eq!(aspect("vertical 9:16"), Some(Aspect::Ratio9x16));
        assert_eq!(aspect("16/9"), Some(Aspect::Ratio16x9));
        assert_eq!(aspect("横屏１６：９"), Some(Aspect::Ratio16x9));
        assert_eq!(aspect("16 by 9"), Some(Aspect::Ratio16x9));
        assert_eq!(aspect("square for instagram"), Some(Aspect::Ratio1x1));
        assert_eq!(aspect("for TikTok"), Some(Aspect::Ratio9x16));
        assert_eq!(aspect("for YouTube Shorts"), Some(Aspect::Ratio9x16));
        assert_eq!(aspect("for YouTube"), Some(Aspect::Ratio16x9));
        assert_eq!(aspect("instagram story"), Some(Aspect::Ratio9x16));
        assert_eq!(aspect("portrait mode"), Some(Aspect::Ratio9x16));
        assert_eq!(aspect("landscape"), Some(Aspect::Ratio16x9));
    }

    #[test]
    fn chinese_options() {
        let o = options("导出竖屏1080p的mp4，高画质");
        assert_eq!(o.aspect, Some(Aspect::Ratio9x16));
        assert_eq!(o.resolution, res(1080));
        assert_eq!(o.format, Some(VideoFormat::Mp4));
        assert_eq!(o.quality, Some(Quality::High));
        assert_eq!(options("发抖音用").aspect, Some(Aspect::Ratio9x16));
        assert_eq!(options("横屏超清").resolution, res(1080));
        assert_eq!(options("导出16比9").aspect, Some(Aspect::Ratio16x9));
        assert_eq!(options("正方形，小文件").quality, Some(Quality::Low));
    }

    #[test]
    fn pixel_sizes_give_resolution_and_aspect() {
        let o = options("1080x1920");
        assert_eq!(o.resolution, res(1080));
        assert_eq!(o.aspect, Some(Aspect::Ratio9x16));
        let spoken = options("1920 x 1080 but square");
        assert_eq!(spoken.resolution, res(1080));
        assert_eq!(spoken.aspect, Some(Aspect::Ratio1x1));
        assert_eq!(options("1920×1080").aspect, Some(Aspect::Ratio16x9));
    }

    #[test]
    fn negated_options_are_skipped_and_later_ones_win() {
        assert_eq!(options("1080p, not 4k").resolution, res(1080));
        assert_eq!(options("720p... actually 1080p").resolution, res(1080));
        assert_eq!(options("竖屏，不要横屏").aspect, Some(Aspect::Ratio9x16));
    }

    #[test]
    fn frame_rates_and_previews() {
        let fps = |t: &str| options(t).fps.map(|f| f.fps);
        assert_eq!(fps("export at 60 fps"), Some(60));
        assert_eq!(fps("30fps 1080p"), Some(30));
        assert_eq!(fps("24 frames per second"), Some(24));
        assert_eq!(fps("导出60帧"), Some(60));
        assert_eq!(fps("add 30 photos"), None);
        assert_eq!(fps("60 fps, not 30 fps"), Some(60));
        let o = options("export 720p webm at 25 fps");
        assert_eq!(
            (o.format, o.resolution, o.fps.map(|f| f.fps)),
            (Some(VideoFormat::Webm), res(720), Some(25))
        );
        assert_eq!(
            options("export a quick preview").quality,
            Some(Quality::Preview)
        );
        assert_eq!(options("导出预览版").quality, Some(Quality::Preview));
    }

    #[test]
    fn numbers_that_are_not_options() {
        assert!(options("add 3 photos at 5 seconds").is_empty());
        assert!(options("99999999999p 5:0").is_empty());
        assert!(options("a 5:7 frame").is_empty());
    }
}
