//! Outputs on request: each format, short side, rate and aspect gives what ffprobe confirms;
//! a title keeps its place and size on a smaller frame; every render has a JPEG poster; a
//! render whose video comes out short fails, naming both lengths.

use std::path::Path;

use serde_json::{Value, json};

use super::super::{
    Canvas, Format, JobState, JobStatus, MediaKind, OutputSpec, Probe, Quality, RenderOptions,
    RenderQueue, RenderRequest, probe,
};
use super::support::{Scratch, frame, media, picture, queue, request};

/// Two pictures for two seconds with a cross-fade, a title and music.
fn draft() -> Value {
    json!({"t": [
        {"tt": 0, "sg": [
            {"d": 1000, "m": {"src": "a", "fit": "cover", "transition": {"type": "fade", "d": 400}}},
            {"d": 1000, "m": {"src": "b", "fit": "cover", "motion": "zoom_in"}},
        ]},
        {"tt": 1, "m": {"role": "bgm"}, "sg": [{"d": 2000, "m": {"src": "library:calm", "volume": 0.6}}]},
        {"tt": 7, "m": {"role": "title"}, "sg": [{"d": 2000, "m": {"text": "HELLO", "font_size": 200, "fade_in": 0, "fade_out": 0}}]},
    ]})
}

/// A request for [`draft`] on `canvas`, its output asked as `output`.
fn asked(data: &Scratch, id: &str, canvas: Canvas, output: OutputSpec) -> RenderRequest {
    let (a, b) = (data.join("a.jpg"), data.join("b.png"));
    if !a.exists() {
        picture("testsrc2=s=640x480", &a);
        picture("color=c=0x204080:s=480x640", &b);
    }
    let media = vec![
        ("a", media(&a, MediaKind::Image)),
        ("b", media(&b, MediaKind::Image)),
    ];
    let mut request = request(id, "s", draft(), media, canvas);
    request.output = output;
    request
}

/// Renders on `queue` and insists that it completed; returns the job and its file's probe.
async fn made(queue: &RenderQueue, request: RenderRequest) -> (JobStatus, Probe) {
    let id = request.render_id.clone();
    queue.submit(request).expect("submitted");
    let status = queue.wait(&id).await.expect("the job exists");
    assert_eq!(
        status.status,
        JobState::Completed,
        "{id}: {:?}",
        status.error
    );
    let output = status.output.clone().expect("an output");
    let probed = probe(Path::new("ffprobe"), &output.path)
        .await
        .expect("probe");
    (status, probed)
}

/// What ffprobe says the file is: codecs, size, rate, the video stream's length in ms.
fn shape(probed: &Probe) -> (String, Option<String>, u32, u32, u32, u64) {
    let video = probed.video.as_ref().expect("a video stream");
    (
        video.codec.clone(),
        probed.audio_codec.clone(),
        video.width,
        video.height,
        video.fps.round() as u32,
        video.duration_ms.unwrap_or(0),
    )
}

fn spec(format: Format, short_side: Option<u32>, fps: Option<u32>) -> OutputSpec {
    OutputSpec {
        format,
        short_side,
        fps,
        quality: Quality::High,
    }
}

#[tokio::test]
async fn each_format_size_and_rate_is_what_ffprobe_reads() {
    let data = Scratch::new("formats");
    let queue = queue(&data, 2);
    let cases = [
        // (id, canvas, output, expected codecs, size and rate, file extension)
        (
            "webm_720",
            Canvas::LANDSCAPE,
            spec(Format::Webm, Some(720), None),
            ("vp9", Some("opus"), 1280, 720, 30),
        ),
        (
            "gif",
            Canvas::LANDSCAPE,
            spec(Format::Gif, None, None),
            ("gif", None, 854, 480, 25),
        ),
        (
            "tall_1080",
            Canvas::TALL,
            spec(Format::Mp4, Some(1080), None),
            ("h264", Some("aac"), 1080, 1350, 30),
        ),
        (
            "vertical_mov",
            Canvas::VERTICAL,
            spec(Format::Mov, Some(480), Some(24)),
            ("h264", Some("aac"), 480, 854, 24),
        ),
    ];
    for (id, canvas, output, expected) in cases {
        let (status, probed) = made(&queue, asked(&data, id, canvas, output)).await;
        let (codec, audio, width, height, fps) = expected;
        let got = shape(&probed);
        assert_eq!(
            (got.0.as_str(), got.1.as_deref(), got.2, got.3, got.4),
            (codec, audio, width, height, fps),
            "{id}"
        );
        // Two seconds of video, to the frame.
        assert!(
            got.5.abs_diff(2000) <= 1000 / u64::from(fps),
            "{id}: {} ms",
            got.5
        );
        let output = status.output.expect("output");
        assert_eq!(
            output.path.extension().and_then(|e| e.to_str()),
            Some(output.format.as_str()),
            "{id}"
        );
        assert_eq!(
            (output.format, output.width, output.height, output.fps),
            (output_format(id), width, height, fps),
            "the job reports what the file is"
        );
        assert_eq!(
            output.size,
            std::fs::metadata(&output.path).expect("file").len()
        );
        // The poster: a JPEG of the video's size.
        let poster = output.poster.expect("a poster");
        let bytes = std::fs::read(&poster).expect("the poster");
        assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF], "{id}: a JPEG");
        let pictured = probe(Path::new("ffprobe"), &poster).await.expect("probe");
        let picture = pictured.video.expect("a picture");
        assert_eq!(
            (picture.codec.as_str(), picture.width, picture.height),
            ("mjpeg", width, height),
            "{id}"
        );
    }
    // A MOV is QuickTime: its file type box names the `qt  ` brand, an MP4's does not.
    let mov = std::fs::read(data.join("renders/vertical_mov.mov")).expect("mov");
    assert_eq!(&mov[4..12], b"ftypqt  ");
    let mp4 = std::fs::read(data.join("renders/tall_1080.mp4")).expect("mp4");
    assert_eq!(&mp4[4..8], b"ftyp");
    assert_ne!(&mp4[8..12], b"qt  ");
}

fn output_format(id: &str) -> Format {
    match id {
        "webm_720" => Format::Webm,
        "gif" => Format::Gif,
        "vertical_mov" => Format::Mov,
        _ => Format::Mp4,
    }
}

#[tokio::test]
async fn a_preview_is_480p_and_its_title_keeps_its_place_and_size() {
    let data = Scratch::new("preview");
    let queue = queue(&data, 2);
    let preview = OutputSpec {
        quality: Quality::Preview,
        ..OutputSpec::default()
    };
    let full = spec(Format::Mp4, Some(720), None);
    let canvas = Canvas::LANDSCAPE;
    let (small, probed) = made(&queue, asked(&data, "preview", canvas, preview)).await;
    let (_, _, width, height, _, _) = shape(&probed);
    assert_eq!((width, height), (854, 480));
    let (large, _) = made(&queue, asked(&data, "large", canvas, full)).await;
    // The title (white, in the top part of the frame) covers the same share of either frame:
    // its size is a share of the short side, not a number of pixels.
    let share = |status: &JobStatus, width: u32, height: u32| {
        let path = &status.output.as_ref().expect("output").path;
        frame(path, 1.5, width, height).white_share(0, 0, width, height / 2, 200)
    };
    let (small_share, large_share) = (share(&small, 854, 480), share(&large, 1280, 720));
    assert!(small_share > 0.005, "the title shows: {small_share}");
    assert!(
        (small_share - large_share).abs() < small_share * 0.25,
        "{small_share} at 480p, {large_share} at 720p"
    );
}

#[tokio::test]
async fn a_render_whose_video_comes_out_short_fails_naming_both_lengths() {
    let data = Scratch::new("short");
    // An ffmpeg that stops the video half-way: it halves `-frames:v` and runs the real one.
    let fake = data.join("short-ffmpeg");
    std::fs::write(
        &fake,
        "#!/bin/bash\nout=(); half=0\nfor a in \"$@\"; do\n  if [ $half = 1 ]; then \
         out+=(\"$((a / 2))\"); half=0\n  else out+=(\"$a\"); [ \"$a\" = -frames:v ] && half=1; fi\n\
         done\nexec ffmpeg \"${out[@]}\"\n",
    )
    .expect("script");
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&fake)
        .status()
        .expect("chmod");
    let mut options = RenderOptions::new(&data.path);
    options.workers = 1;
    options.tools.ffmpeg = fake;
    let queue = RenderQueue::open(options).expect("queue");
    let request = asked(
        &data,
        "short",
        Canvas::new(320, 180, 30),
        OutputSpec::default(),
    );
    queue.submit(request).expect("submitted");
    let status = queue.wait("short").await.expect("the job");
    assert_eq!(status.status, JobState::Failed, "never completed");
    assert_eq!(
        status.error.as_deref(),
        Some("the rendered video lasts 1000 ms, shorter than the draft's 2000 ms")
    );
    assert!(status.output.is_none());
    let left: Vec<String> = std::fs::read_dir(data.join("renders"))
        .expect("renders")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".json"))
        .collect();
    assert!(left.is_empty(), "no file of it is kept: {left:?}");
}

#[tokio::test]
async fn a_gifs_quality_is_its_colours_and_its_size() {
    let data = Scratch::new("gif-quality");
    let queue = queue(&data, 2);
    let mut made_gifs = Vec::new();
    for quality in [Quality::High, Quality::Low] {
        let output = OutputSpec {
            quality,
            ..spec(Format::Gif, None, None)
        };
        let id = format!("gif_{quality:?}").to_lowercase();
        let (status, _) = made(&queue, asked(&data, &id, Canvas::LANDSCAPE, output)).await;
        let path = status.output.expect("an output").path;
        // The colours of its middle frame, counted from ffmpeg's decoded pixels.
        let colors = std::process::Command::new("ffmpeg")
            .args(["-loglevel", "error", "-i"])
            .arg(&path)
            .args([
                "-vf",
                "select=eq(n\\,25)",
                "-frames:v",
                "1",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "rgb24",
                "-",
            ])
            .output()
            .expect("ffmpeg runs")
            .stdout
            .chunks(3)
            .map(<[u8]>::to_vec)
            .collect::<std::collections::HashSet<_>>()
            .len();
        let bytes = std::fs::metadata(&path).expect("the file").len();
        made_gifs.push((quality, colors, bytes));
    }
    let [(_, high_colors, high_bytes), (_, low_colors, low_bytes)] = made_gifs[..] else {
        panic!("two GIFs: {made_gifs:?}")
    };
    assert!(low_colors <= 64 && high_colors > 64, "{made_gifs:?}");
    assert!(low_bytes < high_bytes, "{made_gifs:?}");
}
