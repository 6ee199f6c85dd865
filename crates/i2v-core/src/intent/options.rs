//! The export options a person can say in words: container format, resolution, frame rate,
//! aspect ratio and quality. Each is optional; the SDK fills what is missing from its own
//! defaults. These types hold what was said, also what no backend makes ("8K", "as an MKV"):
//! the client checks them against the protocol's output contract before it asks for a render.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What the person asked the export to look like; every field is `None` when not said.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExportOptions {
    /// The container format ("export as MOV").
    pub format: Option<VideoFormat>,
    /// The resolution ("1080p", "4K", "高清").
    pub resolution: Option<Resolution>,
    /// The frame rate ("60 fps", "30帧").
    pub fps: Option<FrameRate>,
    /// The frame shape ("9:16", "vertical", "for TikTok", "竖屏").
    pub aspect: Option<Aspect>,
    /// The quality trade-off ("high quality", "small file").
    pub quality: Option<Quality>,
}

impl ExportOptions {
    /// Whether the person said nothing about how to export.
    pub fn is_empty(&self) -> bool {
        *self == ExportOptions::default()
    }
}

/// A video container format the export can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VideoFormat {
    /// MPEG-4 (`.mp4`), the default of the API.
    Mp4,
    /// QuickTime (`.mov`).
    Mov,
    /// WebM (`.webm`).
    Webm,
    /// Animated GIF (`.gif`).
    Gif,
    /// Matroska (`.mkv`).
    Mkv,
    /// AVI (`.avi`).
    Avi,
}

impl VideoFormat {
    /// Every format, for lookups.
    const ALL: [VideoFormat; 6] = [
        VideoFormat::Mp4,
        VideoFormat::Mov,
        VideoFormat::Webm,
        VideoFormat::Gif,
        VideoFormat::Mkv,
        VideoFormat::Avi,
    ];

    /// The format a name (or extension) spells, in any letter case, with or without its dot.
    pub fn from_name(name: &str) -> Option<VideoFormat> {
        let name = name.trim();
        let name = name.strip_prefix('.').unwrap_or(name);
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(name))
    }

    /// The format's name as the export request spells it, also its file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            VideoFormat::Mp4 => "mp4",
            VideoFormat::Mov => "mov",
            VideoFormat::Webm => "webm",
            VideoFormat::Gif => "gif",
            VideoFormat::Mkv => "mkv",
            VideoFormat::Avi => "avi",
        }
    }
}

/// A resolution as the number before the `p`: the short side of the frame in pixels.
///
/// `1080` means 1920×1080 for a landscape frame and 1080×1920 for a vertical one, which is what
/// people mean by "1080p vertical".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Resolution {
    /// Pixels on the short side (480, 720, 1080, 1440, 2160, …).
    pub lines: u32,
}

impl Resolution {
    /// The smallest resolution the parser accepts (144p).
    pub const MIN_LINES: u32 = 144;
    /// The largest resolution the parser accepts (8K, 4320p).
    pub const MAX_LINES: u32 = 4320;

    /// A resolution from its `p` number, if it is within the accepted range.
    pub fn from_lines(lines: u32) -> Option<Resolution> {
        (Self::MIN_LINES..=Self::MAX_LINES)
            .contains(&lines)
            .then_some(Resolution { lines })
    }

    /// The frame size in pixels (width, height) for this resolution in `aspect`, both even.
    pub fn dimensions(self, aspect: Aspect) -> (u32, u32) {
        let (w, h) = aspect.ratio();
        let short = self.lines;
        // Scale the long side from the short one and round to an even number, as encoders need.
        let long_of = |long: u32, short_ratio: u32| {
            let exact = u64::from(short) * u64::from(long) / u64::from(short_ratio.max(1));
            u32::try_from(exact + exact % 2).unwrap_or(u32::MAX)
        };
        if w >= h {
            (long_of(w, h), short)
        } else {
            (short, long_of(h, w))
        }
    }
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}p", self.lines)
    }
}

/// A frame rate in whole frames per second, as people say it ("60 fps").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FrameRate {
    /// Frames per second (24, 25, 30, 60, …).
    pub fps: u32,
}

impl FrameRate {
    /// The highest frame rate the parser accepts; past it a number is not a frame rate.
    pub const MAX_FPS: u32 = 240;

    /// A frame rate from its number, if it is within 1 to [`FrameRate::MAX_FPS`].
    pub fn from_fps(fps: u32) -> Option<FrameRate> {
        (1..=Self::MAX_FPS)
            .contains(&fps)
            .then_some(FrameRate { fps })
    }
}

impl fmt::Display for FrameRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} fps", self.fps)
    }
}

/// A frame shape the export can take, by its width-to-height ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Aspect {
    /// 16:9, landscape: YouTube, television.
    #[serde(rename = "16:9")]
    Ratio16x9,
    /// 9:16, vertical: TikTok, Reels, Shorts, 抖音.
    #[serde(rename = "9:16")]
    Ratio9x16,
    /// 1:1, square.
    #[serde(rename = "1:1")]
    Ratio1x1,
    /// 4:3, classic landscape.
    #[serde(rename = "4:3")]
    Ratio4x3,
    /// 3:4, classic portrait (小红书).
    #[serde(rename = "3:4")]
    Ratio3x4,
    /// 4:5, the tall feed post.
    #[serde(rename = "4:5")]
    Ratio4x5,
    /// 21:9, cinema widescreen.
    #[serde(rename = "21:9")]
    Ratio21x9,
}

impl Aspect {
    /// Every aspect, for lookups.
    const ALL: [Aspect; 7] = [
        Aspect::Ratio16x9,
        Aspect::Ratio9x16,
        Aspect::Ratio1x1,
        Aspect::Ratio4x3,
        Aspect::Ratio3x4,
        Aspect::Ratio4x5,
        Aspect::Ratio21x9,
    ];

    /// The ratio as (width, height) in lowest terms.
    pub fn ratio(self) -> (u32, u32) {
        match self {
            Aspect::Ratio16x9 => (16, 9),
            Aspect::Ratio9x16 => (9, 16),
            Aspect::Ratio1x1 => (1, 1),
            Aspect::Ratio4x3 => (4, 3),
            Aspect::Ratio3x4 => (3, 4),
            Aspect::Ratio4x5 => (4, 5),
            Aspect::Ratio21x9 => (21, 9),
        }
    }

    /// The ratio as people write it: `"16:9"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Aspect::Ratio16x9 => "16:9",
            Aspect::Ratio9x16 => "9:16",
            Aspect::Ratio1x1 => "1:1",
            Aspect::Ratio4x3 => "4:3",
            Aspect::Ratio3x4 => "3:4",
            Aspect::Ratio4x5 => "4:5",
            Aspect::Ratio21x9 => "21:9",
        }
    }

    /// The known aspect with the same ratio as `width`:`height` (`1920`:`1080` → 16:9), if any.
    pub fn from_ratio(width: u32, height: u32) -> Option<Aspect> {
        let d = gcd(width, height);
        if d == 0 {
            return None;
        }
        let reduced = (width / d, height / d);
        // 64:27 is how 21:9 reduces; people say 21:9 for 2560×1080 as well.
        let reduced = if reduced == (64, 27) {
            (21, 9)
        } else {
            reduced
        };
        Aspect::ALL.into_iter().find(|a| a.ratio() == reduced)
    }
}

impl fmt::Display for Aspect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How to trade size for quality, as the export request's `quality` field says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Quality {
    /// Smallest file ("low quality", "compressed", "小文件").
    Low,
    /// The middle ground ("standard quality", "标准画质").
    Medium,
    /// Best picture ("high quality", "lossless", "高画质").
    High,
    /// Fast and small, for looking at rather than posting ("a quick preview", "预览版").
    Preview,
}

impl Quality {
    /// The quality as the export request spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Quality::Low => "low",
            Quality::Medium => "medium",
            Quality::High => "high",
            Quality::Preview => "preview",
        }
    }
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn aspects_reduce_from_pixel_sizes() {
        assert_eq!(Aspect::from_ratio(1920, 1080), Some(Aspect::Ratio16x9));
        assert_eq!(Aspect::from_ratio(1080, 1920), Some(Aspect::Ratio9x16));
        assert_eq!(Aspect::from_ratio(2560, 1080), Some(Aspect::Ratio21x9));
        assert_eq!(Aspect::from_ratio(1080, 1080), Some(Aspect::Ratio1x1));
        assert_eq!(Aspect::from_ratio(5, 7), None);
        assert_eq!(Aspect::from_ratio(0, 0), None);
    }

    #[test]
    fn formats_are_found_by_name_or_extension() {
        assert_eq!(VideoFormat::from_name("WebM"), Some(VideoFormat::Webm));
        assert_eq!(VideoFormat::from_name(".gif"), Some(VideoFormat::Gif));
        assert_eq!(VideoFormat::from_name("flv"), None);
        assert_eq!(VideoFormat::from_name(""), None);
    }

    #[test]
    fn resolutions_give_frame_sizes_for_an_aspect() {
        let hd = Resolution::from_lines(1080).expect("1080 is in range");
        assert_eq!(hd.dimensions(Aspect::Ratio16x9), (1920, 1080));
        assert_eq!(hd.dimensions(Aspect::Ratio9x16), (1080, 1920));
        assert_eq!(hd.dimensions(Aspect::Ratio1x1), (1080, 1080));
        assert_eq!(
            Resolution { lines: 720 }.dimensions(Aspect::Ratio4x3),
            (960, 720)
        );
        assert_eq!(Resolution::from_lines(100), None);
        assert_eq!(Resolution::from_lines(4321), None);
        assert_eq!(hd.to_string(), "1080p");
    }

    #[test]
    fn options_serialise_as_the_js_api_spells_them() {
        let options = ExportOptions {
            format: Some(VideoFormat::Mp4),
            resolution: Resolution::from_lines(1080),
            fps: FrameRate::from_fps(60),
            aspect: Some(Aspect::Ratio9x16),
            quality: Some(Quality::Preview),
        };
        let json = serde_json::to_string(&options).expect("plain data serialises");
        assert_eq!(
            json,
            r#"{"format":"mp4","resolution":1080,"fps":60,"aspect":"9:16","quality":"preview"}"#
        );
        assert_eq!(FrameRate::from_fps(0), None);
        assert_eq!(FrameRate::from_fps(241), None);
        assert!(!options.is_empty());
        assert!(ExportOptions::default().is_empty());
    }
}
