//! The agent's shapes rendered for real: drafts and canvases the agent made from "make it 4:5",
//! "make it 4:3" and "fade in from black at the start, fade out at the end", through ffmpeg,
//! looked at with ffprobe, by their pixels and by their loudness.

use std::path::Path;

use i2v_core::draft::Draft;

use super::super::{Canvas, JobState, JobStatus, MediaKind, RenderRequest, probe};
use super::support::{Scratch, media, picture, queue, request};
use crate::agent::{self, MediaRef, TurnInput, TurnPlan};

/// Two wide photos as the agent knows them, and where they are on disk (red, then blue).
fn photos(data: &Scratch) -> Vec<(MediaRef, std::path::PathBuf)> {
    [("med_1", "red"), ("med_2", "blue")]
        .into_iter()
        .map(|(id, colour)| {
            let path = data.join(&format!("{colour}.jpg"));
            picture(&format!("color=c={colour}:s=640x360"), &path);
            let known = MediaRef {
                media_id: id.into(),
                name: format!("{colour}.jpg"),
                kind: MediaKind::Image,
                width: Some(640),
                height: Some(360),
                duration_ms: None,
            };
            (known, path)
        })
        .collect()
}

/// What the agent makes of a message, on a draft and a canvas.
fn turn(message: &str, draft: Option<&Draft>, media: &[MediaRef], canvas: Canvas) -> TurnPlan {
    agent::plan_turn(&TurnInput {
        message,
        draft,
        media,
        canvas,
        variant: 2,
        history: Default::default(),
    })
}

/// The request to render a draft of these photos on a canvas.
fn render_request(
    id: &str,
    draft: &Draft,
    photos: &[(MediaRef, std::path::PathBuf)],
    canvas: Canvas,
) -> RenderRequest {
    let files = photos
        .iter()
        .map(|(known, path)| (known.media_id.as_str(), media(path, MediaKind::Image)))
        .collect();
    request(id, "s1", draft.to_value(), files, canvas)
}

/// Renders one request on a fresh queue, waits for it and insists that it finished.
async fn rendered(data: &Scratch, request: RenderRequest) -> std::path::PathBuf {
    let queue = queue(data, 1);
    let id = request.render_id.clone();
    queue.submit(request).expect("submitted");
    let status: JobStatus = queue.wait(&id).await.expect("the job exists");
    assert_eq!(status.status, JobState::Completed, "{:?}", status.error);
    status.output.expect("an output").path
}

/// The mean brightness of the frame at `seconds`, over all of it.
fn brightness(video: &Path, seconds: f64, canvas: Canvas) -> f64 {
    let (w, h) = (canvas.width, canvas.height);
    super::support::frame(video, seconds, w, h).brightness(0, 0, w, h)
}

#[tokio::test]
async fn four_by_five_and_four_by_three_render_at_their_size() {
    let data = Scratch::new("shapes");
    let photos = photos(&data);
    let known: Vec<MediaRef> = photos.iter().map(|(m, _)| m.clone()).collect();
    let made = turn(
        "make a 2-second video called My Video",
        None,
        &known,
        Canvas::LANDSCAPE,
    );
    let draft = made.draft.expect("a draft");
    for (message, expected) in [("make it 4:5", Canvas::TALL), ("4比3", Canvas::CLASSIC)] {
        let plan = turn(message, Some(&draft), &known, Canvas::LANDSCAPE);
        let canvas = plan.canvas.expect("a new canvas");
        assert_eq!(canvas, expected, "{message}");
        let id = format!("render_{}x{}", canvas.width, canvas.height);
        let video = rendered(&data, render_request(&id, &draft, &photos, canvas)).await;
        let probed = probe(Path::new("ffprobe"), &video)
            .await
            .expect("ffprobe reads it");
        let stream = probed.video.as_ref().expect("a video stream");
        assert_eq!(
            (stream.width, stream.height, stream.frames),
            (canvas.width, canvas.height, Some(60)),
            "{message}"
        );
        assert!(probed.duration_ms.abs_diff(2000) <= 34, "{message}");
        // The wide red photo fills the middle of the frame; the title "My Video" is drawn on it.
        let (w, h) = (canvas.width, canvas.height);
        let middle = super::support::frame(&video, 0.3, w, h).mean(20, h / 2 - 5, 120, h / 2 + 5);
        assert!(
            middle[0] > 150.0 && middle[2] < 90.0,
            "{message}: {middle:?} in the middle"
        );
        let title =
            super::support::frame(&video, 0.5, w, h).white_share(0, h / 3, w, h * 2 / 3, 200);
        assert!(
            title > 0.005,
            "{message}: white share {title} where the title is"
        );
    }
}

#[tokio::test]
async fn a_video_faded_in_and_out_starts_and_ends_black_and_quiet() {
    let data = Scratch::new("fades");
    let photos = photos(&data);
    let known: Vec<MediaRef> = photos.iter().map(|(m, _)| m.clone()).collect();
    let small = Canvas::new(320, 180, 30);
    let made = turn("make a 4-second video", None, &known, small);
    let plan = turn(
        "fade in from black at the start, fade out at the end",
        made.draft.as_ref(),
        &known,
        small,
    );
    let draft = plan.draft.expect("a draft");
    let video = &draft.layout().tracks[0];
    assert_eq!(
        (video.fade_in_ms, video.fade_out_ms),
        (Some(1000), Some(1000))
    );
    let output = rendered(
        &data,
        render_request("render_fades", &draft, &photos, small),
    )
    .await;
    let probed = probe(Path::new("ffprobe"), &output).await.expect("ffprobe");
    assert_eq!(
        probed.video.as_ref().and_then(|stream| stream.frames),
        Some(120)
    );
    // Black on the first and last frames, the pictures in between.
    let first = brightness(&output, 0.0, small);
    let middle = brightness(&output, 2.0, small);
    // Just before the last frame (119, at 3.967 s): seeking takes the first frame from there.
    let last = brightness(&output, 3.95, small);
    assert!(first < 3.0, "first frame {first}");
    assert!(middle > 40.0, "middle frame {middle}");
    assert!(last < 3.0, "last frame {last}");
    // Half-way into the fade in, the picture is on its way up.
    let rising = brightness(&output, 0.5, small);
    assert!(
        rising > first + 10.0 && rising < middle,
        "{first} < {rising} < {middle}"
    );
    // The music fades out with the picture: its last tenth of a second is far quieter.
    let (playing, ending) = (
        super::support::mean_volume_of(&output, 1.5, 1.0),
        super::support::mean_volume_of(&output, 3.9, 0.1),
    );
    assert!(
        ending < playing - 12.0,
        "{ending} dB at the end, {playing} dB before"
    );
}
