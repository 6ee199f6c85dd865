//! How the picture is encoded: which H.264 encoder ffmpeg drives, chosen by asking ffmpeg what
//! it has and trying it, and with what settings. What every encoder must deliver (the bitrate
//! cap, keyframes at cuts, the sound) is one table in [`delivery`](super::delivery).
//!
//! x264 is the encoder every supported build has. A hardware encoder (NVENC, VAAPI) is preferred
//! where it works: it is a variant with its name in ffmpeg's encoder list, its place in
//! [`VideoEncoder::PREFERENCE`], and its arguments in [`VideoEncoder::args`] (and, for VAAPI,
//! the frames uploaded to the device: [`VideoEncoder::device_args`] and
//! [`VideoEncoder::upload_filters`]). Being listed is not enough: Debian's ffmpeg lists
//! `h264_nvenc` and `h264_vaapi` on machines with no such hardware, so [`probe_encoder`] makes a
//! tiny trial encode with each hardware encoder and takes it only when that succeeds.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::process::Command;

use super::super::error::RenderError;

/// x264's `ultrafast` speed with High-profile tools and adaptive quantisation put back: 8x8
/// transforms (which make the stream High profile), CABAC, the deblocking filter, two B-frames
/// (YouTube's recommendation) and variance AQ, which `ultrafast` turns off and without which
/// the smooth gradients of blurred backgrounds and skies band.
///
/// Measured on the reference render (30 s of 1080p slow zooms and cross-fades, 2 cores):
/// `veryfast` at CRF 21 took about 30 s of CPU for SSIM 0.99603 and 3.8 MB; this without AQ at
/// CRF 23 took about 20 s of CPU for SSIM 0.99596 and 4.2 MB: the same picture, a third less
/// work. AQ adds a variance measure per macroblock: on the same render with the delivery
/// settings, 11.6 s of ffmpeg CPU with it against 11.1 s without (19.6 MB against 18.7 MB).
pub const FAST_HIGH_PROFILE: &str =
    "8x8dct=1:cabac=1:deblock=1:bframes=2:b-adapt=0:aq-mode=1:aq-strength=1.0";

/// The VAAPI render node a VAAPI encode uses: the first GPU's.
const VAAPI_DEVICE: &str = "/dev/dri/renderD128";

/// The longest a trial encode may take: a working encoder needs well under a second.
const TRIAL_TIMEOUT: Duration = Duration::from_secs(10);

/// An H.264 encoder ffmpeg can drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum VideoEncoder {
    /// NVIDIA's NVENC, on the GPU: a fraction of x264's CPU time.
    Nvenc,
    /// VAAPI (Intel and AMD GPUs on Linux), through the first render node.
    Vaapi,
    /// libx264, in software: on every build the studio supports.
    #[default]
    X264,
}

/// The colour tags of every video the studio writes: HD's BT.709 in TV range, so players
/// neither guess (and shift the colours) nor stretch the levels.
pub(crate) const BT709_TAGS: [&str; 8] = [
    "-colorspace",
    "bt709",
    "-color_primaries",
    "bt709",
    "-color_trc",
    "bt709",
    "-color_range",
    "tv",
];

impl VideoEncoder {
    /// The encoders in the order they are preferred, where ffmpeg has them and they work.
    pub const PREFERENCE: [VideoEncoder; 3] =
        [VideoEncoder::Nvenc, VideoEncoder::Vaapi, VideoEncoder::X264];

    /// Its name in ffmpeg (`-c:v`, and the list of `ffmpeg -encoders`).
    pub fn ffmpeg_name(self) -> &'static str {
        match self {
            VideoEncoder::Nvenc => "h264_nvenc",
            VideoEncoder::Vaapi => "h264_vaapi",
            VideoEncoder::X264 => "libx264",
        }
    }

    /// Whether it needs hardware, so that being listed does not show it works.
    pub fn is_hardware(self) -> bool {
        self != VideoEncoder::X264
    }

    /// Whether an `ffmpeg -encoders` listing names it.
    pub fn is_listed(self, listing: &str) -> bool {
        listing.lines().any(|line| {
            // ` V....D libx264   libx264 H.264 / AVC …`: the name is the second column.
            line.split_whitespace().nth(1) == Some(self.ffmpeg_name())
        })
    }

    /// The first preferred encoder that the listing names and that `works` (asked only of
    /// hardware encoders, whose trial encode it reports).
    pub fn choose(
        listing: &str,
        mut works: impl FnMut(VideoEncoder) -> bool,
    ) -> Option<VideoEncoder> {
        VideoEncoder::PREFERENCE.into_iter().find(|encoder| {
            encoder.is_listed(listing) && (!encoder.is_hardware() || works(*encoder))
        })
    }

    /// The arguments before the inputs that open its device, if it has one.
    pub fn device_args(self) -> Vec<String> {
        match self {
            VideoEncoder::Vaapi => [
                "-init_hw_device",
                &format!("vaapi=va:{VAAPI_DEVICE}"),
                "-filter_hw_device",
                "va",
            ]
            .map(String::from)
            .to_vec(),
            VideoEncoder::Nvenc | VideoEncoder::X264 => Vec::new(),
        }
    }

    /// The filters that end the picture's graph: 4:2:0 frames in memory, or uploaded to the
    /// device for VAAPI (which takes no frames from memory).
    pub fn upload_filters(self) -> Vec<String> {
        match self {
            VideoEncoder::Vaapi => vec!["format=nv12".into(), "hwupload".into()],
            VideoEncoder::Nvenc | VideoEncoder::X264 => vec!["format=yuv420p".into()],
        }
    }

    /// The output arguments that encode the picture: H.264 High, 4:2:0, BT.709, the settings'
    /// speed and quality, a keyframe at least every `gop` frames.
    pub(crate) fn args(self, settings: &EncoderSettings, gop: u32) -> Vec<String> {
        let mut args: Vec<String> = ["-c:v", self.ffmpeg_name(), "-profile:v", "high"]
            .map(String::from)
            .to_vec();
        if self != VideoEncoder::Vaapi {
            // VAAPI's frames are on the device already, in its own 4:2:0 layout.
            args.extend(["-pix_fmt".into(), "yuv420p".into()]);
        }
        args.extend(BT709_TAGS.map(String::from));
        let quality = settings.crf.to_string();
        match self {
            VideoEncoder::X264 => {
                args.extend(["-preset".into(), settings.preset.clone()]);
                args.extend(["-crf".into(), quality]);
                if let Some(params) = &settings.x264_params {
                    args.extend(["-x264-params".into(), params.clone()]);
                }
            }
            // Constant quality at about x264's CRF, spatial AQ for the same reason as x264's,
            // two B-frames, and forced keyframes made IDR so that a cut starts a closed GOP.
            VideoEncoder::Nvenc => args.extend(
                [
                    "-preset",
                    "p5",
                    "-tune",
                    "hq",
                    "-rc",
                    "vbr",
                    "-cq",
                    &quality,
                    "-b:v",
                    "0",
                    "-spatial-aq",
                    "1",
                    "-bf",
                    "2",
                    "-forced-idr",
                    "1",
                ]
                .map(String::from),
            ),
            // Intel's and AMD's constant-quality mode; `-maxrate` caps it where the driver can.
            VideoEncoder::Vaapi => args.extend(
                ["-rc_mode", "QVBR", "-global_quality", &quality, "-bf", "2"].map(String::from),
            ),
        }
        if let Some(threads) = settings.threads {
            args.extend(["-threads".into(), threads.to_string()]);
        }
        args.extend(["-g".into(), gop.to_string()]);
        args
    }
}

/// Asks ffmpeg which encoders it has and picks the preferred one that works: each listed
/// hardware encoder must first pass a trial encode.
pub async fn probe_encoder(ffmpeg: &Path) -> Result<VideoEncoder, RenderError> {
    let output = Command::new(ffmpeg)
        .args(["-hide_banner", "-encoders"])
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|err| RenderError::io("asking ffmpeg for its encoders", &err))?;
    let listing = String::from_utf8_lossy(&output.stdout);
    let mut working = Vec::new();
    for encoder in VideoEncoder::PREFERENCE {
        if encoder.is_hardware() && encoder.is_listed(&listing) && trial(ffmpeg, encoder).await {
            working.push(encoder);
            break;
        }
    }
    VideoEncoder::choose(&listing, |encoder| working.contains(&encoder)).ok_or_else(|| {
        RenderError::Io {
            context: "choosing a video encoder".into(),
            message: "this ffmpeg has no H.264 encoder the studio can use (libx264)".into(),
        }
    })
}

/// Encodes a few frames of grey with `encoder` as a render would; whether that worked.
async fn trial(ffmpeg: &Path, encoder: VideoEncoder) -> bool {
    let mut command = Command::new(ffmpeg);
    command
        .args(["-hide_banner", "-nostdin", "-v", "error"])
        .args(encoder.device_args())
        .args([
            "-f",
            "lavfi",
            "-i",
            "color=c=gray:s=256x144:r=30:d=0.2",
            "-vf",
        ])
        .arg(encoder.upload_filters().join(","))
        .args(encoder.args(&EncoderSettings::default(), 15))
        .args(["-frames:v", "6", "-f", "null", "-"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let result = tokio::time::timeout(TRIAL_TIMEOUT, command.output()).await;
    let works = matches!(&result, Ok(Ok(output)) if output.status.success());
    if let Ok(Ok(output)) = &result {
        if !works {
            let said = String::from_utf8_lossy(&output.stderr);
            let said = said.lines().next().unwrap_or_default().to_owned();
            tracing::info!(encoder = encoder.ffmpeg_name(), %said, "listed encoder does not work here");
        }
    }
    works
}

/// How the video is encoded; the defaults meet the studio's speed target on two cores and the
/// platforms' upload recommendations ([`delivery`](super::delivery)).
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
            audio_kbps: super::delivery::AUDIO_KBPS,
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

    const LISTING: &str = "Encoders:\n V..... = Video\n ------\n V....D libx264              \
                           libx264 H.264 / AVC / MPEG-4 AVC (codec h264)\n \
                           V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)\n \
                           V....D h264_vaapi           H.264/AVC (VAAPI) (codec h264)\n \
                           V....D mpeg4  MPEG-4 part 2\n";

    #[test]
    fn the_encoder_is_chosen_from_what_ffmpeg_lists_and_what_works() {
        // Listed but failing their trial (a machine without the hardware): x264.
        assert_eq!(
            VideoEncoder::choose(LISTING, |_| false),
            Some(VideoEncoder::X264)
        );
        // NVENC first where it works, then VAAPI.
        assert_eq!(
            VideoEncoder::choose(LISTING, |_| true),
            Some(VideoEncoder::Nvenc)
        );
        assert_eq!(
            VideoEncoder::choose(LISTING, |encoder| encoder == VideoEncoder::Vaapi),
            Some(VideoEncoder::Vaapi)
        );
        // Working hardware that this ffmpeg does not list is never chosen.
        let only_x264 = " V....D libx264  libx264 H.264\n";
        assert_eq!(
            VideoEncoder::choose(only_x264, |_| true),
            Some(VideoEncoder::X264)
        );
        let without = " V....D mpeg4  MPEG-4 part 2\n A....D aac  AAC (Advanced Audio Coding)\n";
        assert_eq!(VideoEncoder::choose(without, |_| true), None);
        // A description that mentions the name does not count.
        assert_eq!(
            VideoEncoder::choose(" V....D h264_v4l2m2m  like libx264\n", |_| true),
            None
        );
    }

    #[test]
    fn x264_gets_its_preset_quality_aq_and_options() {
        let args = VideoEncoder::X264
            .args(&EncoderSettings::default(), 15)
            .join(" ");
        assert!(
            args.starts_with("-c:v libx264 -profile:v high -pix_fmt yuv420p"),
            "{args}"
        );
        assert!(
            args.contains("-preset ultrafast -crf 23 -x264-params 8x8dct=1"),
            "{args}"
        );
        assert!(args.contains(":aq-mode=1"), "{args}");
        assert!(args.ends_with("-g 15"), "{args}");
        assert!(VideoEncoder::X264.device_args().is_empty());
        assert_eq!(VideoEncoder::X264.upload_filters(), ["format=yuv420p"]);
    }

    #[test]
    fn hardware_encoders_get_constant_quality_and_their_device() {
        let settings = EncoderSettings::default();
        let nvenc = VideoEncoder::Nvenc.args(&settings, 15).join(" ");
        assert!(
            nvenc.starts_with("-c:v h264_nvenc -profile:v high -pix_fmt yuv420p"),
            "{nvenc}"
        );
        assert!(
            nvenc.contains("-rc vbr -cq 23 -b:v 0 -spatial-aq 1 -bf 2 -forced-idr 1"),
            "{nvenc}"
        );
        assert!(!nvenc.contains("x264"), "{nvenc}");
        let vaapi = VideoEncoder::Vaapi.args(&settings, 15).join(" ");
        assert!(
            vaapi.starts_with("-c:v h264_vaapi -profile:v high -colorspace"),
            "{vaapi}"
        );
        assert!(
            vaapi.contains("-rc_mode QVBR -global_quality 23"),
            "{vaapi}"
        );
        assert_eq!(
            VideoEncoder::Vaapi.device_args().join(" "),
            "-init_hw_device vaapi=va:/dev/dri/renderD128 -filter_hw_device va"
        );
        assert_eq!(
            VideoEncoder::Vaapi.upload_filters(),
            ["format=nv12", "hwupload"]
        );
    }

    /// A stand-in for ffmpeg: lists x264, NVENC and VAAPI, and succeeds at a trial encode only
    /// with the encoder named `works` (none when empty).
    fn fake_ffmpeg(dir: &Path, works: &str) -> std::path::PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join(format!(
            "ffmpeg-{}",
            if works.is_empty() { "none" } else { works }
        ));
        let script = format!(
            "#!/bin/sh\ncase \"$*\" in\n*-encoders*) printf '{}';;\n*{works}*) [ -n '{works}' ] && exit 0; exit 1;;\n*) exit 1;;\nesac\n",
            LISTING.replace('\n', "\\n")
        );
        std::fs::write(&path, script).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[tokio::test]
    async fn a_listed_hardware_encoder_is_taken_only_when_its_trial_encode_succeeds() {
        let dir = std::env::temp_dir().join(format!("i2v-encoder-trial-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let none = probe_encoder(&fake_ffmpeg(&dir, "")).await.unwrap();
        let vaapi = probe_encoder(&fake_ffmpeg(&dir, "h264_vaapi"))
            .await
            .unwrap();
        let nvenc = probe_encoder(&fake_ffmpeg(&dir, "h264_nvenc"))
            .await
            .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            (none, vaapi, nvenc),
            (VideoEncoder::X264, VideoEncoder::Vaapi, VideoEncoder::Nvenc)
        );
    }
}
