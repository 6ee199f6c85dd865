//! What each output format adds to a plan: its encoders and container flags, its picture's
//! pixel format, the GIF's palette, and how a quality word changes the encoder's settings.
//!
//! H.264's own settings stay in [`super::encoder`]; this module only chooses, per format, which
//! encoder runs with which settings, so that a change to x264 reaches MP4 and MOV alike.

use super::super::output::{Format, Quality};
use super::super::request::Canvas;
use super::encoder::BT709_TAGS;
use super::{EncoderSettings, Graph, SAMPLE_RATE, delivery};

/// The label of the finished picture, whatever the format.
pub(crate) const PICTURE: &str = "vout";
/// The label of the GIF's frames once mapped onto its palette.
const PALETTED: &str = "gif";

/// The encoder settings a quality asks for, from the studio's own (which are `high`).
///
/// `medium` and `low` raise the constant rate factor by 3 and 6 (each step of 6 halves the
/// bitrate) and lower the sound's bitrate; `preview` also drops to x264's plain `ultrafast`
/// (no 8x8 transforms, CABAC or B-frames), its fastest settings, since it is for looking at.
pub(crate) fn settings_for(quality: Quality, settings: &EncoderSettings) -> EncoderSettings {
    let mut settings = settings.clone();
    let (crf_up, audio_kbps) = match quality {
        Quality::High => (0, settings.audio_kbps),
        Quality::Medium => (3, settings.audio_kbps.min(128)),
        Quality::Low => (6, settings.audio_kbps.min(96)),
        Quality::Preview => (6, settings.audio_kbps.min(96)),
    };
    settings.crf = settings.crf.saturating_add(crf_up).min(51);
    settings.audio_kbps = audio_kbps;
    if quality == Quality::Preview {
        settings.preset = "ultrafast".into();
        settings.x264_params = None;
    }
    settings
}

/// The pixel format the picture is brought to before it is encoded: H.264 and VP9 take
/// yuv420p; a GIF's palette is chosen from full-colour pixels, so its chroma is not halved
/// first.
pub(crate) fn picture_format(format: Format) -> &'static str {
    match format {
        Format::Gif => "bgra",
        Format::Mp4 | Format::Mov | Format::Webm => "yuv420p",
    }
}

/// The chain that ends a GIF's palette pass: one palette from every pixel of the video, of as
/// many colours as the quality asks ([`gif_colors`]).
pub(crate) fn palette_chain(graph: &mut Graph, quality: Quality) {
    let colors = gif_colors(quality);
    let palettegen = format!("palettegen=max_colors={colors}:stats_mode=full");
    graph.chain(&[PICTURE], vec![palettegen], &["palette"]);
}

/// A GIF's colours by quality: a GIF's size is its colours' (LZW codes grow with the palette,
/// and fewer colours make longer runs), so the quality words trade colours for size as they
/// trade bitrate in a video: 256 (a GIF's most), 128, 64, and 32 for a preview.
pub(crate) fn gif_colors(quality: Quality) -> u32 {
    match quality {
        Quality::High => 256,
        Quality::Medium => 128,
        Quality::Low => 64,
        Quality::Preview => 32,
    }
}

/// The chain that maps a GIF's frames onto the palette read as input `palette_input`;
/// returns the label to encode. Ordered (Bayer) dithering keeps a still picture's dots still
/// while the view moves over it, where error diffusion makes them crawl.
pub(crate) fn paletted_chain(graph: &mut Graph, palette_input: usize) -> &'static str {
    let paletteuse = "paletteuse=dither=bayer:bayer_scale=3".to_string();
    let palette = format!("{palette_input}:v");
    graph.chain(&[PICTURE, palette.as_str()], vec![paletteuse], &[PALETTED]);
    PALETTED
}

/// The output arguments after the streams are mapped: the codecs, the rate, the frame count,
/// the container. H.264 gets the delivery settings ([`super::delivery`]): the rate cap and a
/// keyframe at each of the `cuts` (frame numbers).
pub(crate) fn output_args(
    format: Format,
    quality: Quality,
    encoder: &EncoderSettings,
    canvas: Canvas,
    frames: u64,
    cuts: &[u64],
) -> Vec<String> {
    let fps = canvas.fps;
    let gop = delivery::max_gop(fps);
    let mut args = match format {
        Format::Mp4 | Format::Mov => {
            let mut args = encoder.video.args(encoder, gop);
            args.extend(delivery::video_args(canvas, cuts));
            args
        }
        Format::Webm => vp9(quality, encoder, gop),
        Format::Gif => ["-c:v", "gif"].map(String::from).to_vec(),
    };
    args.extend([
        "-r".into(),
        fps.to_string(),
        "-fps_mode".into(),
        "cfr".into(),
    ]);
    args.extend(["-frames:v".into(), frames.to_string()]);
    match format {
        Format::Mp4 | Format::Mov => {
            args.extend(delivery::audio_args(SAMPLE_RATE, encoder.audio_kbps));
            // The index before the data: a browser plays it before it has all of it.
            args.extend(["-movflags", "+faststart", "-f", format.as_str()].map(String::from));
        }
        Format::Webm => {
            // Opus runs at 48 kHz only; the soundtrack is mixed at that rate already.
            args.extend(["-c:a", "libopus", "-ac", "2", "-ar", "48000"].map(String::from));
            args.extend(["-b:a".into(), format!("{}k", encoder.audio_kbps.min(128))]);
            args.extend(["-f", "webm"].map(String::from));
        }
        // Loop forever, as GIFs on the web do.
        Format::Gif => args.extend(["-loop", "0", "-f", "gif"].map(String::from)),
    }
    args
}

/// The output arguments of one segment of a segmented H.264 render (picture only, in MP4):
/// the same encoder settings as a whole render's, so that the segments join by stream copy,
/// with a keyframe at each of the `cuts` (frame numbers from the segment's start; its first
/// frame is a keyframe anyway).
pub(crate) fn segment_args(
    quality: Quality,
    encoder: &EncoderSettings,
    canvas: Canvas,
    frames: u64,
    cuts: &[u64],
) -> Vec<String> {
    let mut args = output_args(Format::Mp4, quality, encoder, canvas, frames, cuts);
    // The picture part ends at the frame count; the sound and container flags are the whole's.
    if let Some(at) = args.iter().position(|arg| arg == "-frames:v") {
        args.truncate(at + 2);
    }
    args.extend(["-an", "-f", "mp4"].map(String::from));
    args
}

/// The output arguments of a segmented render's soundtrack: AAC as a whole render's, alone
/// in MP4, to be joined with the picture by stream copy.
pub(crate) fn soundtrack_args(encoder: &EncoderSettings) -> Vec<String> {
    let mut args = vec!["-vn".to_string()];
    args.extend(delivery::audio_args(SAMPLE_RATE, encoder.audio_kbps));
    args.extend(["-f", "mp4"].map(String::from));
    args
}

/// libvpx's VP9 in constant quality (`-b:v 0`), BT.709 like the H.264 outputs. libvpx is
/// several times slower than x264 at the same size, so it runs in its `good` deadline at a
/// high `cpu-used` (faster still for a preview) with row multithreading.
fn vp9(quality: Quality, encoder: &EncoderSettings, gop: u32) -> Vec<String> {
    let (crf, cpu_used, deadline) = match quality {
        Quality::High => (32, 5, "good"),
        Quality::Medium => (36, 5, "good"),
        Quality::Low => (40, 6, "good"),
        Quality::Preview => (40, 8, "realtime"),
    };
    let mut args: Vec<String> = ["-c:v", "libvpx-vp9", "-pix_fmt", "yuv420p"]
        .map(String::from)
        .to_vec();
    args.extend(BT709_TAGS.map(String::from));
    args.extend(["-crf".into(), crf.to_string(), "-b:v".into(), "0".into()]);
    args.extend(["-deadline".into(), deadline.into()]);
    args.extend(["-cpu-used".into(), cpu_used.to_string()]);
    args.extend(["-row-mt".into(), "1".into()]);
    if let Some(threads) = encoder.threads {
        args.extend(["-threads".into(), threads.to_string()]);
    }
    args.extend(["-g".into(), gop.to_string()]);
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(format: Format, quality: Quality) -> String {
        let canvas = Canvas::new(640, 360, 25);
        output_args(
            format,
            quality,
            &EncoderSettings::default(),
            canvas,
            50,
            &[],
        )
        .join(" ")
    }

    #[test]
    fn each_format_has_its_codecs_and_container() {
        let mp4 = args(Format::Mp4, Quality::High);
        assert!(mp4.starts_with("-c:v libx264"), "{mp4}");
        // The delivery settings: a rate cap for 360p at 25 fps, AAC-LC at 48 kHz.
        assert!(
            mp4.contains("-g 50 -maxrate 1000k -bufsize 2000k -r 25 -fps_mode cfr -frames:v 50"),
            "{mp4}"
        );
        assert!(mp4.ends_with(
            "-c:a aac -profile:a aac_low -ac 2 -ar 48000 -b:a 256k -movflags +faststart -f mp4"
        ));
        let mov = args(Format::Mov, Quality::High);
        assert!(mov.starts_with("-c:v libx264") && mov.ends_with("+faststart -f mov"));
        let webm = args(Format::Webm, Quality::High);
        assert!(
            webm.starts_with("-c:v libvpx-vp9 -pix_fmt yuv420p"),
            "{webm}"
        );
        assert!(webm.contains("-crf 32 -b:v 0 -deadline good -cpu-used 5 -row-mt 1"));
        assert!(webm.ends_with("-c:a libopus -ac 2 -ar 48000 -b:a 128k -f webm"));
        let gif = args(Format::Gif, Quality::High);
        assert_eq!(
            gif,
            "-c:v gif -r 25 -fps_mode cfr -frames:v 50 -loop 0 -f gif"
        );
        assert_eq!(picture_format(Format::Gif), "bgra");
        assert_eq!(picture_format(Format::Webm), "yuv420p");
    }

    #[test]
    fn a_segment_is_the_whole_renders_picture_without_its_sound() {
        let studio = EncoderSettings::default();
        let canvas = Canvas::new(640, 360, 25);
        let whole = output_args(Format::Mp4, Quality::High, &studio, canvas, 50, &[10]);
        let segment = segment_args(Quality::High, &studio, canvas, 50, &[10]).join(" ");
        let picture = whole
            .iter()
            .take_while(|arg| arg.as_str() != "-c:a")
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(segment, format!("{picture} -an -f mp4"));
        assert_eq!(
            soundtrack_args(&studio).join(" "),
            "-vn -c:a aac -profile:a aac_low -ac 2 -ar 48000 -b:a 256k -f mp4"
        );
    }

    #[test]
    fn quality_lowers_the_rate_and_a_preview_takes_the_fastest_settings() {
        let studio = EncoderSettings::default();
        assert_eq!(settings_for(Quality::High, &studio), studio);
        let medium = settings_for(Quality::Medium, &studio);
        assert_eq!((medium.crf, medium.audio_kbps), (studio.crf + 3, 128));
        let low = settings_for(Quality::Low, &studio);
        assert_eq!(
            (low.crf, low.preset.as_str()),
            (studio.crf + 6, "ultrafast")
        );
        assert_eq!(low.x264_params, studio.x264_params);
        let preview = settings_for(Quality::Preview, &studio);
        assert_eq!(
            (preview.preset.as_str(), preview.x264_params),
            ("ultrafast", None)
        );
        assert!(args(Format::Webm, Quality::Preview).contains("-deadline realtime -cpu-used 8"));
    }

    #[test]
    fn a_gif_is_paletted_from_one_palette_of_the_whole_video() {
        let mut first = Graph::default();
        palette_chain(&mut first, Quality::High);
        assert_eq!(
            first.script(),
            "[vout]palettegen=max_colors=256:stats_mode=full[palette]\n"
        );
        let mut low = Graph::default();
        palette_chain(&mut low, Quality::Low);
        assert!(low.script().contains("max_colors=64:"), "{}", low.script());
        let mut second = Graph::default();
        assert_eq!(paletted_chain(&mut second, 3), "gif");
        assert_eq!(
            second.script(),
            "[vout][3:v]paletteuse=dither=bayer:bayer_scale=3[gif]\n"
        );
    }
}
