//! What comes out: codecs, size, rate and length; the blend, the title, the music; photos the
//! right way up; HEIC; video clips; Chinese text on a vertical canvas; broken pictures refused.

use std::path::Path;

use serde_json::json;

use super::super::{Canvas, JobState, JobStatus, MediaKind, probe};
use super::support::{
    Scratch, ffmpeg, frame, heic_from, mean_volume, media, mp4_boxes, near, picture, queue, request,
};
use crate::media::with_orientation;

const SMALL: Canvas = Canvas::new(320, 180, 30);

/// Renders one request on a fresh queue and waits for it.
async fn render(data: &Scratch, request: super::super::RenderRequest) -> JobStatus {
    let queue = queue(data, 1);
    let id = request.render_id.clone();
    queue.submit(request).expect("submitted");
    queue.wait(&id).await.expect("the job exists")
}

fn completed(status: &JobStatus) -> &Path {
    assert_eq!(
        status.status,
        JobState::Completed,
        "failed: {:?}",
        status.error
    );
    &status
        .output
        .as_ref()
        .expect("a completed job has its output")
        .path
}

#[tokio::test]
async fn a_slideshow_has_its_blend_title_and_music() {
    let data = Scratch::new("slideshow");
    picture("color=c=red:s=640x360", &data.join("red.jpg"));
    picture("color=c=blue:s=360x480", &data.join("blue.png"));
    let draft = json!({"t": [
        {"tt": 0, "sg": [
            {"d": 1500, "m": {"src": "red", "fit": "cover", "transition": {"type": "fade", "d": 1000}}},
            {"d": 1500, "m": {"src": "blue", "fit": "cover", "motion": "zoom_in"}},
        ]},
        {"tt": 1, "m": {"role": "bgm"}, "sg": [{"d": 3000, "m": {"src": "library:lofi", "volume": 0.5, "fade_in": 300, "fade_out": 500}}]},
        {"tt": 7, "m": {"role": "title"}, "sg": [{"d": 800, "m": {"text": "HELLO", "font_size": 300, "fade_in": 0, "fade_out": 0}}]},
    ]});
    let media = vec![
        ("red", media(&data.join("red.jpg"), MediaKind::Image)),
        ("blue", media(&data.join("blue.png"), MediaKind::Image)),
    ];
    let status = render(&data, request("render_show", "s1", draft, media, SMALL)).await;
    let video = completed(&status);
    let output = status.output.as_ref().expect("output");
    assert_eq!(
        (output.width, output.height, status.progress),
        (320, 180, 100)
    );

    let probed = probe(Path::new("ffprobe"), video)
        .await
        .expect("ffprobe reads it");
    let stream = probed.video.as_ref().expect("a video stream");
    assert_eq!(
        (
            stream.codec.as_str(),
            stream.profile.as_str(),
            stream.pix_fmt.as_str()
        ),
        ("h264", "High", "yuv420p")
    );
    assert_eq!(
        (stream.width, stream.height, stream.frames),
        (320, 180, Some(90))
    );
    assert!((stream.fps - 30.0).abs() < 1e-6, "{} fps", stream.fps);
    assert!(
        probed.duration_ms.abs_diff(3000) <= 34,
        "{} ms",
        probed.duration_ms
    );
    assert_eq!(probed.audio_codec.as_deref(), Some("aac"));
    // +faststart: the index (moov) comes before the media data, so playback starts at once.
    let boxes = mp4_boxes(video);
    let place = |name: &str| boxes.iter().position(|b| b == name);
    assert!(
        place("moov") < place("mdat") && place("moov").is_some(),
        "{boxes:?}"
    );
    let loudness = mean_volume(video);
    assert!(loudness > -40.0, "the music is too quiet: {loudness} dB");

    // Before the transition: red; half-way (1.5 s): a blend; after it: blue.
    let corner = |t: f64| frame(video, t, 320, 180).mean(8, 8, 60, 50);
    assert!(
        near(corner(0.9), [255.0, 0.0, 0.0], 45.0),
        "{:?}",
        corner(0.9)
    );
    let middle = corner(1.5);
    assert!(
        middle[0] > 80.0 && middle[0] < 180.0 && middle[2] > 80.0 && middle[2] < 180.0,
        "{middle:?}"
    );
    assert!(
        near(corner(2.7), [0.0, 0.0, 255.0], 45.0),
        "{:?}",
        corner(2.7)
    );

    // The title: the centre is brighter while it is on (until 0.8 s) than after, on the same red.
    let centre = |t: f64| frame(video, t, 320, 180).brightness(110, 70, 210, 110);
    let (on, off) = (centre(0.4), centre(0.95));
    assert!(on > off + 25.0, "title {on} vs none {off}");
}

#[tokio::test]
async fn a_sideways_phone_photo_comes_out_upright() {
    let data = Scratch::new("exif");
    // Stored landscape: red on the left, blue on the right; EXIF 6 says "turn a quarter
    // clockwise to view", which puts red on top and blue below, in portrait.
    let stored = data.join("stored.jpg");
    picture(
        "color=c=red:s=160x160[a];color=c=blue:s=160x160[b];[a][b]hstack[out0]",
        &stored,
    );
    let bytes = std::fs::read(&stored).expect("jpeg");
    let sideways = data.join("sideways.jpg");
    std::fs::write(&sideways, with_orientation(&bytes, 6)).expect("written");
    let draft = json!({"t": [{"sg": [{"d": 1000, "m": {"src": "photo", "fit": "contain"}}]}]});
    let media = vec![("photo", media(&sideways, MediaKind::Image))];
    let status = render(&data, request("render_exif", "s1", draft, media, SMALL)).await;
    let picture = frame(completed(&status), 0.5, 320, 180);
    // Portrait 1:2 inside 320x180: 90 pixels wide in the middle, black bars either side.
    assert!(
        near(picture.mean(130, 10, 190, 70), [255.0, 0.0, 0.0], 50.0),
        "top {:?}",
        picture.mean(130, 10, 190, 70)
    );
    assert!(
        near(picture.mean(130, 110, 190, 170), [0.0, 0.0, 255.0], 50.0),
        "bottom {:?}",
        picture.mean(130, 110, 190, 170)
    );
    assert!(
        picture.brightness(0, 0, 90, 180) < 20.0,
        "bars {}",
        picture.brightness(0, 0, 90, 180)
    );
}

#[tokio::test]
async fn a_heic_picture_renders() {
    let data = Scratch::new("heic");
    let png = data.join("green.png");
    picture("color=c=green:s=320x240", &png);
    let heic = data.join("green.heic");
    heic_from(&png, &heic);
    let draft = json!({"t": [{"sg": [{"d": 500, "m": {"src": "phone", "fit": "cover"}}]}]});
    let media = vec![("phone", media(&heic, MediaKind::Image))];
    let status = render(&data, request("render_heic", "s1", draft, media, SMALL)).await;
    let colour = frame(completed(&status), 0.2, 320, 180).mean(100, 50, 220, 130);
    assert!(near(colour, [0.0, 128.0, 0.0], 40.0), "{colour:?}");
}

#[tokio::test]
async fn broken_pictures_fail_with_a_readable_reason() {
    let data = Scratch::new("broken");
    std::fs::write(data.join("noise.jpg"), b"these bytes are no picture at all").expect("written");
    // JPEG's first marker, then nothing a decoder can use: ffmpeg itself must refuse it.
    std::fs::write(
        data.join("damaged.jpg"),
        b"\xff\xd8\xff\xe0garbage, not a JPEG",
    )
    .expect("written");
    let queue = queue(&data, 2);
    for (id, name) in [
        ("render_noise", "noise.jpg"),
        ("render_damaged", "damaged.jpg"),
    ] {
        let draft = json!({"t": [{"sg": [{"d": 500, "m": {"src": "pic"}}]}]});
        let media = vec![("pic", media(&data.join(name), MediaKind::Image))];
        queue
            .submit(request(id, id, draft, media, SMALL))
            .expect("submitted");
    }
    let noise = queue.wait("render_noise").await.expect("job");
    assert_eq!(noise.status, JobState::Failed);
    assert_eq!(
        noise.error.as_deref(),
        Some("'noise.jpg' cannot be rendered: it is not a picture (jpeg, png, gif, webp or heic)")
    );
    let damaged = queue.wait("render_damaged").await.expect("job");
    assert_eq!(damaged.status, JobState::Failed);
    let reason = damaged.error.unwrap_or_default();
    assert!(reason.starts_with("ffmpeg failed: "), "{reason}");
    assert!(reason.contains("'damaged.jpg'"), "{reason}");
    assert!(
        !reason.contains(data.path.to_string_lossy().as_ref()),
        "no paths: {reason}"
    );
    let left: Vec<_> = std::fs::read_dir(data.join("renders"))
        .expect("renders")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(
        left.iter()
            .all(|name| name.to_string_lossy().ends_with(".json")),
        "{left:?}"
    );
}

#[tokio::test]
async fn video_clips_and_chinese_titles_render_on_a_vertical_canvas() {
    let data = Scratch::new("vertical");
    let clip = data.join("clip.mp4");
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "testsrc2=s=320x240:d=1",
        "-pix_fmt",
        "yuv420p",
        clip.to_str().expect("utf-8"),
    ]);
    picture("color=c=0x204060:s=300x300", &data.join("still.png"));
    let draft = json!({"t": [
        {"sg": [{"d": 1500, "m": {"src": "clip"}}, {"d": 1000, "m": {"src": "still", "fit": "cover", "motion": "pan_up"}}]},
        {"tt": 7, "m": {"role": "subtitle"}, "sg": [{"s": 1600, "d": 800, "m": {"text": "城市之光", "position": "center", "font_size": 160, "fade_in": 0, "fade_out": 0}}]},
    ]});
    let media = vec![
        ("clip", media(&clip, MediaKind::Video)),
        ("still", media(&data.join("still.png"), MediaKind::Image)),
    ];
    let vertical = Canvas::new(180, 320, 30);
    let status = render(
        &data,
        request("render_vertical", "s1", draft, media, vertical),
    )
    .await;
    let video = completed(&status);
    let probed = probe(Path::new("ffprobe"), video).await.expect("ffprobe");
    let stream = probed.video.as_ref().expect("video");
    assert_eq!(
        (stream.width, stream.height, stream.frames),
        (180, 320, Some(75))
    );
    // The text sits in the middle of the plain still, in white; above it, only the still.
    let still = frame(video, 2.0, 180, 320);
    let text = still.white_share(20, 140, 160, 180, 200);
    let plain = still.white_share(20, 30, 160, 70, 200);
    assert!(
        text > 0.05 && plain < 0.01,
        "white: {text} where the text is, {plain} above"
    );
    // The clip holds its last frame after its one second: the picture still moves no more.
    let (a, b) = (
        frame(video, 1.1, 180, 320).mean(0, 0, 180, 320),
        frame(video, 1.3, 180, 320).mean(0, 0, 180, 320),
    );
    assert!(near(a, b, 1.0), "{a:?} vs {b:?}");
}

#[tokio::test]
async fn odd_characters_in_paths_and_text_are_safe() {
    // The data directory's name reaches the filter graph (fonts, text files): quotes, colons,
    // commas and brackets must be escaped for both of ffmpeg's parsers.
    let data = Scratch::new("it's a:dir, [odd]; %d");
    picture("color=c=gray:s=320x180", &data.join("p%03d.jpg"));
    let draft = json!({"t": [
        {"sg": [{"d": 500, "m": {"src": "pic"}}]},
        {"tt": 7, "m": {"role": "title"}, "sg": [{"d": 500, "m": {"text": "it's 100%: {a,b} [c]; \\ done"}}]},
    ]});
    let media = vec![("pic", media(&data.join("p%03d.jpg"), MediaKind::Image))];
    let status = render(&data, request("render_odd", "s1", draft, media, SMALL)).await;
    completed(&status);
}

#[tokio::test]
async fn the_encoder_is_chosen_from_this_machines_ffmpeg() {
    let encoder = super::super::probe_encoder(Path::new("ffmpeg")).await;
    assert_eq!(
        encoder.expect("ffmpeg answers"),
        super::super::VideoEncoder::X264
    );
    let missing = super::super::probe_encoder(Path::new("/nonexistent/ffmpeg")).await;
    assert!(missing.is_err());
}
