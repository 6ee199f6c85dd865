//! Delivery settings: what the platforms people post to ask of an upload, in one table, so that
//! a finished video goes up without being refused or re-encoded worse than it need be.
//!
//! The reference is YouTube's "Recommended upload encoding settings"
//! (<https://support.google.com/youtube/answer/1722171>): MP4 with the index first, H.264 High
//! profile with two consecutive B-frames, a closed GOP of half the frame rate, 4:2:0, AAC-LC
//! stereo at 48 kHz (384 kbit/s recommended for stereo), and per resolution a recommended video
//! bitrate for standard (24–30 fps) and high (48–60 fps) frame rates. Instagram, TikTok and
//! Facebook ask for less; a file that meets YouTube's recommendations meets theirs.
//!
//! What the studio makes of it:
//! - **keyframes**: one forced at every cut (the first frame of each clip), so a viewer who seeks
//!   to a scene lands on it and a platform's re-encode starts each scene clean (x264's `ultrafast`
//!   detects no scene cuts itself); between cuts, no GOP longer than [`max_gop`], two seconds.
//!   YouTube's "GOP of half the frame rate" everywhere was measured on the reference render
//!   (30 s, 1080p, five photos): 36% larger (25.1 MB against 18.4 MB) and a fifth more CPU, for
//!   slow zooms whose frames differ little; the keyframes at cuts are where it matters.
//! - **bitrate**: x264 keeps its constant quality (CRF) and is capped at the recommended bitrate
//!   of the output's short side and frame rate (`-maxrate`, with a two-second `-bufsize`): a
//!   slideshow rarely needs it, but a busy 4K video no longer grows past what is asked.
//! - **sound**: AAC-LC, stereo, 48 kHz, [`AUDIO_KBPS`] (not YouTube's 384: above 256 kbit/s
//!   ffmpeg's AAC encoder takes five times the CPU, 1.7 s against 0.34 s for 30 s of pink noise,
//!   and 256 is already past what listeners tell apart); the mix normalised to [`LOUDNESS_LUFS`]
//!   integrated (EBU R128 measurement), the level YouTube, Spotify and TikTok play music at, so
//!   a video is neither turned down by the platform nor quieter than its neighbours.

use super::super::request::Canvas;
use super::super::timeline::Timeline;
use super::escape;

/// The AAC bitrate of every output, in kbit/s.
pub(crate) const AUDIO_KBPS: u32 = 256;

/// The integrated loudness and the highest true peak of every soundtrack: the timeline's, which
/// a browser's in-page export levels its mix to as well.
pub(crate) use i2v_core::timeline::{LOUDNESS_LUFS, TRUE_PEAK_DBTP};

/// The loudness range the normaliser keeps, in LU: EBU R128's figure for music, which leaves a
/// soft intro soft (the studio's beds range 3–7 LU).
const LOUDNESS_RANGE_LU: f64 = 11.0;

/// YouTube's recommended SDR upload bitrates, in kbit/s, by the resolution's short side:
/// (short side, standard frame rate 24–30, high frame rate 48–60). For 2160p, where YouTube
/// gives a range, the top of it.
const RECOMMENDED_KBPS: [(u32, u32, u32); 6] = [
    (360, 1_000, 1_500),
    (480, 2_500, 4_000),
    (720, 5_000, 7_500),
    (1080, 8_000, 12_000),
    (1440, 16_000, 24_000),
    (2160, 45_000, 68_000),
];

/// Frame rates from this one up count as high (YouTube's 48, 50 and 60).
const HIGH_FRAME_RATE: u32 = 48;

/// The most the video may spend, in kbit/s: the recommended bitrate of the smallest listed
/// resolution that holds the canvas's short side (the largest listed one past 2160p), for its
/// frame rate.
pub(crate) fn max_video_kbps(canvas: Canvas) -> u32 {
    let short_side = canvas.width.min(canvas.height);
    let row = RECOMMENDED_KBPS
        .iter()
        .find(|(side, _, _)| short_side <= *side)
        .or(RECOMMENDED_KBPS.last());
    let (_, standard, high) = row.copied().unwrap_or((1080, 8_000, 12_000));
    if canvas.fps >= HIGH_FRAME_RATE {
        high
    } else {
        standard
    }
}

/// The longest run of frames between keyframes: two seconds of them, which keeps seeking in
/// players quick (cuts get a keyframe of their own).
pub(crate) fn max_gop(fps: u32) -> u32 {
    fps.max(1) * 2
}

/// The frame each clip after the first starts on: the cuts, where a keyframe is forced.
pub(crate) fn cut_frames(timeline: &Timeline) -> Vec<u64> {
    let mut start = 0;
    let mut cuts = Vec::new();
    for clip in timeline
        .clips
        .iter()
        .take(timeline.clips.len().saturating_sub(1))
    {
        start += clip.frames;
        if start < timeline.frames {
            cuts.push(start);
        }
    }
    cuts
}

/// The output arguments that make the picture deliverable: the rate cap and the keyframes.
/// `cuts` are frame numbers (from [`cut_frames`]).
pub(crate) fn video_args(canvas: Canvas, cuts: &[u64]) -> Vec<String> {
    let max_kbps = max_video_kbps(canvas);
    let mut args = vec![
        "-maxrate".to_string(),
        format!("{max_kbps}k"),
        // Two seconds of the cap: room for a keyframe at a cut without starving the frames
        // around it, short enough that the cap holds over any few seconds.
        "-bufsize".to_string(),
        format!("{}k", max_kbps * 2),
    ];
    if !cuts.is_empty() {
        // A quarter of a frame before each cut: ffmpeg 5.1 rounds each time to the nearest
        // tick of the encoder's time base (one frame) and forces the first frame at or after
        // that tick. Half a frame, written to the microsecond, fell just short of the half
        // and rounded to the frame before the cut; a quarter rounds to the cut itself.
        let fps = f64::from(canvas.fps.max(1));
        let times: Vec<String> = cuts
            .iter()
            .map(|&frame| escape::seconds((frame as f64 - 0.25) / fps))
            .collect();
        args.extend(["-force_key_frames".to_string(), times.join(",")]);
    }
    args
}

/// The output arguments of the sound: AAC-LC, stereo, `sample_rate`, `kbps`.
pub(crate) fn audio_args(sample_rate: u32, kbps: u32) -> Vec<String> {
    let mut args: Vec<String> = ["-c:a", "aac", "-profile:a", "aac_low", "-ac", "2", "-ar"]
        .map(String::from)
        .to_vec();
    args.push(sample_rate.to_string());
    args.extend(["-b:a".into(), format!("{kbps}k")]);
    args
}

/// The filters that bring a mix to [`LOUDNESS_LUFS`], in stereo at `sample_rate` again afterwards.
///
/// One pass of ffmpeg's `loudnorm`, in its dynamic mode: it measures as it goes (a three-second
/// window) and steers the gain towards the target. Two passes (measure, then apply a linear
/// gain) would mean rendering the soundtrack twice, and it is a graph of the whole timeline;
/// the beds and songs a video carries are steady enough that one pass lands within a decibel
/// (measured with `ebur128`: music at volume 0.15 and at 1.0 both came out at -14.0 LUFS; the
/// render tests hold it to 1.5 LU). `loudnorm` works at 192 kHz, hence the resampling after it.
/// Its three seconds of look-ahead hold the picture back as long: on the 1080p reference render
/// ffmpeg's peak memory rose by about 105 MiB (about 35 frames waiting) and its CPU by 0.4 s.
pub(crate) fn loudness_filters(sample_rate: u32) -> Vec<String> {
    vec![
        format!(
            "loudnorm=I={}:TP={}:LRA={}",
            escape::seconds(LOUDNESS_LUFS),
            escape::seconds(TRUE_PEAK_DBTP),
            escape::seconds(LOUDNESS_RANGE_LU)
        ),
        format!("aresample={sample_rate}"),
        // loudnorm leaves the layout open, which the AAC encoder's link cannot always settle.
        "aformat=sample_fmts=fltp:channel_layouts=stereo".into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::super::timeline::Clip;
    use super::*;

    #[test]
    fn the_cap_follows_youtubes_table_by_short_side_and_frame_rate() {
        let cases = [
            (Canvas::new(1920, 1080, 30), 8_000),
            (Canvas::new(1080, 1920, 30), 8_000),
            (Canvas::new(1080, 1350, 60), 12_000),
            (Canvas::new(1280, 720, 25), 5_000),
            (Canvas::new(640, 360, 24), 1_000),
            (Canvas::new(320, 180, 30), 1_000),
            (Canvas::new(854, 480, 50), 4_000),
            (Canvas::new(2560, 1440, 30), 16_000),
            (Canvas::new(3840, 2160, 60), 68_000),
            (Canvas::new(7680, 4320, 30), 45_000),
        ];
        for (canvas, kbps) in cases {
            assert_eq!(max_video_kbps(canvas), kbps, "{canvas:?}");
        }
    }

    #[test]
    fn keyframes_come_at_every_cut_and_at_least_every_two_seconds() {
        assert_eq!(max_gop(30), 60);
        assert_eq!(max_gop(25), 50);
        assert_eq!(max_gop(0), 2);
        let args = video_args(Canvas::new(1920, 1080, 30), &[180, 330]).join(" ");
        assert_eq!(
            args,
            "-maxrate 8000k -bufsize 16000k -force_key_frames 5.991667,10.991667"
        );
        let single = video_args(Canvas::new(1920, 1080, 30), &[]).join(" ");
        assert_eq!(single, "-maxrate 8000k -bufsize 16000k");
    }

    #[test]
    fn the_cuts_are_where_each_clip_after_the_first_starts() {
        let clip = |frames: u64| Clip {
            src: "a".into(),
            fit: i2v_core::draft::Fit::Contain,
            motion: i2v_core::draft::Motion::None,
            frames,
            transition: None,
        };
        let timeline = Timeline {
            canvas: Canvas::new(320, 180, 30),
            frames: 270,
            clips: vec![clip(90), clip(60), clip(120)],
            music: Vec::new(),
            texts: Vec::new(),
            fade_in_ms: 0,
            fade_out_ms: 0,
        };
        assert_eq!(cut_frames(&timeline), [90, 150]);
    }

    #[test]
    fn sound_is_aac_lc_stereo_and_normalised_to_minus_14() {
        assert_eq!(
            audio_args(48_000, AUDIO_KBPS).join(" "),
            "-c:a aac -profile:a aac_low -ac 2 -ar 48000 -b:a 256k"
        );
        assert_eq!(
            loudness_filters(48_000),
            [
                "loudnorm=I=-14:TP=-1:LRA=11",
                "aresample=48000",
                "aformat=sample_fmts=fltp:channel_layouts=stereo"
            ]
        );
    }
}
