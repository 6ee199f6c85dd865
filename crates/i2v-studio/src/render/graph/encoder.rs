//! How the picture is encoded: which H.264 encoder ffmpeg drives, chosen by asking ffmpeg what
//! it has, and with what settings.
//!
//! Only x264 is a [`VideoEncoder`] today. A hardware encoder (NVENC, VAAPI) is one more variant:
//! its name in ffmpeg's encoder list, its place in [`VideoEncoder::PREFERENCE`], and its
//! arguments in [`VideoEncoder::args`]; the compiler then asks every other match for it. Such a
//! variant also needs a trial encode in [`probe_encoder`]: Debian's ffmpeg lists `h264_nvenc`
//! and `h264_vaapi` on machines with no such hardware.

use std::path::Path;

use tokio::process::Command;

use super::super::error::RenderError;

/// x264's `ultrafast` speed with High-profile tools put back: 8x8 transforms (which make the
/// stream High profile), CABAC, the deblocking filter and two B-frames.
///
/// Measured on the reference render (30 s of 1080p slow zooms and cross-fades, 2 cores):
/// `veryfast` at CRF 21 took about 30 s of CPU for SSIM 0.99603 and 3.8 MB; this at CRF 23
/// took about 20 s of CPU for SSIM 0.99596 and 4.2 MB: the same picture, a third less work.
pub const FAST_HIGH_PROFILE: &str = "8x8dct=1:cabac=1:deblock=1:bframes=2:b-adapt=0";

/// An H.264 encoder ffmpeg can drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum VideoEncoder {
    /// libx264, in software: on every build the studio supports.
    #[default]
    X264,
}

impl VideoEncoder {
    /// The encoders in the order they are preferred, where ffmpeg has them.
    pub const PREFERENCE: [VideoEncoder; 1] = [VideoEncoder::X264];

    /// Its name in ffmpeg (`-c:v`, and the list of `ffmpeg -encoders`).
    pub fn ffmpeg_name(self) -> &'static str {
        match self {
            VideoEncoder::X264 => "libx264",
        }
    }

    /// The first preferred encoder that an `ffmpeg -encoders` listing names.
    pub fn choose(listing: &str) -> Option<VideoEncoder> {
        VideoEncoder::PREFERENCE.into_iter().find(|encoder| {
            listing.lines().any(|line| {
                // ` V....D libx264   libx264 H.264 / AVC …`: the name is the second column.
                line.split_whitespace().nth(1) == Some(encoder.ffmpeg_name())
            })
        })
    }

    /// The output arguments that encode the picture: H.264 High, yuv420p, BT.709, the settings'
    /// speed and quality, a keyframe every `gop` frames.
    pub(crate) fn args(self, settings: &EncoderSettings, gop: u32) -> Vec<String> {
        let mut args: Vec<String> = ["-c:v", self.ffmpeg_name(), "-profile:v", "high"]
            .map(String::from)
            .to_vec();
        args.extend(
            [
                "-pix_fmt",
                "yuv420p",
                "-colorspace",
                "bt709",
                "-color_primaries",
                "bt709",
                "-color_trc",
                "bt709",
                "-color_range",
                "tv",
            ]
            .map(String::from),
        );
        match self {
            VideoEncoder::X264 => {
                args.extend(["-preset".into(), settings.preset.clone()]);
                args.extend(["-crf".into(), settings.crf.to_string()]);
                if let Some(params) = &settings.x264_params {
                    args.extend(["-x264-params".into(), params.clone()]);
                }
            }
        }
        if let Some(threads) = settings.threads {
            args.extend(["-threads".into(), threads.to_string()]);
        }
        args.extend(["-g".into(), gop.to_string()]);
        args
    }
}

/// Asks ffmpeg which encoders it has and picks the preferred one it can use.
pub async fn probe_encoder(ffmpeg: &Path) -> Result<VideoEncoder, RenderError> {
    let output = Command::new(ffmpeg)
        .args(["-hide_banner", "-encoders"])
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|err| RenderError::io("asking ffmpeg for its encoders", &err))?;
    let listing = String::from_utf8_lossy(&output.stdout);
    VideoEncoder::choose(&listing).ok_or_else(|| RenderError::Io {
        context: "choosing a video encoder".into(),
        message: "this ffmpeg has no H.264 encoder the studio can use (libx264)".into(),
    })
}

/// How the video is encoded; the defaults meet the studio's speed target on two cores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncoderSettings {
    /// The encoder ffmpeg drives.
    pub video: VideoEncoder,
    /// The x264 preset (`ultrafast` … `veryslow`).
    pub preset: String,
    /// Constant rate factor: lower is better and bigger (18–28 is sensible).
    pub crf: u8,
    /// Extra x264 options (`key=value:key=value`), if any.
    pub x264_params: Option<String>,
    /// The AAC bitrate, in kbit/s.
    pub audio_kbps: u32,
    /// Threads for filters that work in slices (`-filter_complex_threads`); `None`: one per core.
    pub filter_threads: Option<u32>,
    /// Threads for the encoder (`-threads`); `None`: ffmpeg's choice.
    pub threads: Option<u32>,
}

impl Default for EncoderSettings {
    fn default() -> EncoderSettings {
        EncoderSettings {
            video: VideoEncoder::X264,
            preset: "ultrafast".into(),
            crf: 23,
            x264_params: Some(FAST_HIGH_PROFILE.into()),
            audio_kbps: 160,
            // Slice threads cost more than they give to this graph (measured: 3.6 s of CPU
            // for the reference graph alone on one thread, 6.5 s on two), and x264 has the
            // other core.
            filter_threads: Some(1),
            threads: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encoder_is_chosen_from_what_ffmpeg_lists() {
        let listing = "Encoders:\n V..... = Video\n ------\n V....D libx264              \
                       libx264 H.264 / AVC / MPEG-4 AVC (codec h264)\n V....D mpeg4  MPEG-4 part 2\n";
        assert_eq!(VideoEncoder::choose(listing), Some(VideoEncoder::X264));
        let without = " V....D mpeg4  MPEG-4 part 2\n A....D aac  AAC (Advanced Audio Coding)\n";
        assert_eq!(VideoEncoder::choose(without), None);
        // A description that mentions the name does not count.
        assert_eq!(
            VideoEncoder::choose(" V....D h264_v4l2m2m  like libx264\n"),
            None
        );
    }

    #[test]
    fn x264_gets_its_preset_quality_and_options() {
        let args = VideoEncoder::X264
            .args(&EncoderSettings::default(), 60)
            .join(" ");
        assert!(
            args.starts_with("-c:v libx264 -profile:v high -pix_fmt yuv420p"),
            "{args}"
        );
        assert!(
            args.contains("-preset ultrafast -crf 23 -x264-params 8x8dct=1"),
            "{args}"
        );
        assert!(args.ends_with("-g 60"), "{args}");
    }
}
