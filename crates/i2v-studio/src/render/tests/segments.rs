//! Segmented H.264 renders against the single filter graph: the same frames, joined with the
//! exact frame count, continuous timestamps and a keyframe at every cut; an identical export is
//! served whole from the cache and an edit re-renders only the segments it touches; the cache
//! keeps to its size; a failing segment fails the render with its reason; a cancel leaves no
//! ffmpeg and no partial file behind.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::{Value, json};

use super::super::{Canvas, JobState, MediaKind, RenderOptions, RenderQueue};
use super::support::{Scratch, frame, media, picture, request};

const SMALL: Canvas = Canvas::new(320, 180, 30);

/// Four pictures of 2.5 s (75 frames): a cross-fade, a wipe, then a plain cut; a zoom on
/// each; a title over the first cut between segments; the whole video fading in and out.
fn draft(last_motion: &str, volume: f64) -> Value {
    titled(last_motion, volume, "Across")
}

/// [`draft`] with its title saying `title`.
fn titled(last_motion: &str, volume: f64, title: &str) -> Value {
    let clip = |i: usize, motion: &str, transition: Value| {
        json!({"d": 2500, "m": {"src": format!("p{i}"), "fit": "cover", "motion": motion,
            "transition": transition}})
    };
    json!({"t": [
        {"tt": 0, "m": {"fade_in": 500, "fade_out": 500}, "sg": [
            clip(0, "zoom_in", json!({"type": "fade", "d": 500})),
            clip(1, "zoom_out", json!({"type": "wipeleft", "d": 500})),
            clip(2, "zoom_in", Value::Null),
            clip(3, last_motion, Value::Null),
        ]},
        {"tt": 1, "sg": [{"d": 10000, "m": {"src": "library:lofi", "volume": volume}}]},
        {"tt": 7, "m": {"role": "title"}, "sg": [{"s": 1500, "d": 2000,
            "m": {"text": title, "font_size": 120, "fade_in": 300, "fade_out": 300}}]},
    ]})
}

fn pictures(data: &Scratch) -> Vec<(&'static str, super::super::MediaFile)> {
    let sources = [
        "testsrc2=s=480x320",
        "mandelbrot=s=400x300",
        "gradients=s=480x270:seed=3",
        "smptehdbars=s=480x270",
    ];
    ["p0", "p1", "p2", "p3"]
        .into_iter()
        .zip(sources)
        .map(|(id, source)| {
            let path = data.join(&format!("{id}.jpg"));
            if !path.exists() {
                picture(source, &path);
            }
            (id, media(&path, MediaKind::Image))
        })
        .collect()
}

fn open(data: &Scratch, segmented: bool, cache_bytes: u64) -> RenderQueue {
    let mut options = RenderOptions::new(&data.path);
    options.workers = 1;
    options.timeout = Duration::from_secs(60);
    options.segmented = segmented;
    options.segment_slots = 2;
    options.segment_cache_bytes = cache_bytes;
    RenderQueue::open(options).expect("queue opens")
}

/// Renders `draft` in a session of its own; returns the file.
async fn render(queue: &RenderQueue, data: &Scratch, id: &str, draft: Value) -> PathBuf {
    let request = request(id, id, draft, pictures(data), SMALL);
    queue.submit(request).expect("submitted");
    let done = queue.wait(id).await.expect("the job exists");
    assert_eq!(done.status, JobState::Completed, "{:?}", done.error);
    done.output.expect("an output").path
}

/// What the cache holds: the names of its segments, and of its joined renders (each with a
/// poster of the same key).
fn cached(data: &Scratch) -> (Vec<String>, Vec<String>) {
    let mut names: Vec<String> = std::fs::read_dir(data.join("renders/segments"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let wholes: Vec<String> = (names.iter())
        .filter_map(|name| name.strip_suffix(".jpg").map(str::to_owned))
        .collect();
    let segments = (names.into_iter())
        .filter(|name| !name.ends_with(".jpg"))
        .filter(|name| !wholes.iter().any(|key| name.starts_with(key.as_str())))
        .collect();
    (segments, wholes)
}

/// The frame numbers of a video's keyframes.
fn keyframes(video: &Path) -> Vec<i64> {
    let output = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-skip_frame",
            "nokey",
        ])
        .args(["-show_entries", "frame=pts_time", "-of", "csv=p=0"])
        .arg(video)
        .output()
        .expect("ffprobe runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut frames: Vec<i64> = (text.lines())
        .filter_map(|line| line.split(',').next()?.trim().parse::<f64>().ok())
        .map(|seconds| (seconds * 30.0).round() as i64)
        .collect();
    frames.dedup();
    frames
}

/// Every video frame's time stamp, in presentation order.
fn frame_times(video: &Path) -> Vec<i64> {
    let output = Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "v:0", "-show_entries"])
        .args(["frame=pts", "-of", "csv=p=0"])
        .arg(video)
        .output()
        .expect("ffprobe runs");
    let mut times: Vec<i64> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split(',').next()?.trim().parse().ok())
        .collect();
    times.sort_unstable();
    times
}

/// The SSIM of two videos of the same size, over every frame (ffmpeg's `ssim` filter).
fn ssim(a: &Path, b: &Path) -> f64 {
    let output = Command::new("ffmpeg")
        .args(["-v", "info", "-i"])
        .arg(a)
        .arg("-i")
        .arg(b)
        .args(["-lavfi", "ssim", "-f", "null", "-"])
        .output()
        .expect("ffmpeg runs");
    let log = String::from_utf8_lossy(&output.stderr);
    log.lines()
        .find_map(|line| line.split(" All:").nth(1))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("no SSIM in {log}"))
}

#[tokio::test]
async fn segments_join_into_the_single_graphs_video_frame_for_frame() {
    let data = Scratch::new("segments-same");
    let whole = render(
        &open(&data, false, 1 << 30),
        &data,
        "whole",
        draft("zoom_out", 0.4),
    )
    .await;
    assert_eq!(
        cached(&data),
        (vec![], vec![]),
        "the single graph keeps nothing"
    );
    let joined = render(
        &open(&data, true, 1 << 30),
        &data,
        "joined",
        draft("zoom_out", 0.4),
    )
    .await;
    // Cuts after the cross-fade (at frame 83), after the wipe (158) and at the plain cut
    // (225): four segments and the sound, and the joined render.
    let (segments, wholes) = cached(&data);
    assert_eq!((segments.len(), wholes.len()), (5, 1), "{segments:?}");
    // A keyframe at each clip's first frame (75, 150, 225) in both; the joined video has one
    // where each segment starts as well, and at least every two seconds.
    let (whole_keys, joined_keys) = (keyframes(&whole), keyframes(&joined));
    for cut in [0, 75, 150, 225] {
        assert!(whole_keys.contains(&cut), "{cut} in {whole_keys:?}");
        assert!(joined_keys.contains(&cut), "{cut} in {joined_keys:?}");
    }
    for start in [83, 158] {
        assert!(joined_keys.contains(&start), "{start} in {joined_keys:?}");
    }
    let mut marks = joined_keys.clone();
    marks.push(300);
    assert!(
        marks.windows(2).all(|pair| pair[1] - pair[0] <= 60),
        "{joined_keys:?}"
    );
    let times = frame_times(&joined);
    assert_eq!(times.len(), 300, "every frame of 10 s at 30 fps");
    let step = times.get(1).copied().unwrap_or(0) - times.first().copied().unwrap_or(0);
    assert!(step > 0);
    for (n, pair) in times.windows(2).enumerate() {
        assert_eq!(
            pair[1] - pair[0],
            step,
            "the time stamps step evenly at frame {n}"
        );
    }
    assert_eq!(times.first(), Some(&0));
    let similar = ssim(&whole, &joined);
    assert!(similar >= 0.98, "SSIM {similar}");
    // Frame by frame around each cut between segments, and in the title that spans one.
    for at in [82, 83, 84, 157, 158, 159, 224, 225, 226, 60, 75, 299] {
        // Half a frame early: ffmpeg's exact seek starts at the first frame at or after it.
        let seconds = (f64::from(at) - 0.5) / 30.0;
        let a = frame(&whole, seconds, 320, 180);
        let b = frame(&joined, seconds, 320, 180);
        for (x0, y0) in [(0, 0), (160, 0), (0, 90), (160, 90), (80, 45)] {
            let (ma, mb) = (
                a.mean(x0, y0, x0 + 160, y0 + 90),
                b.mean(x0, y0, x0 + 160, y0 + 90),
            );
            let diff = ma
                .iter()
                .zip(mb)
                .map(|(p, q)| (p - q).abs())
                .fold(0.0, f64::max);
            assert!(
                diff < 4.0,
                "frame {at} at ({x0},{y0}): {ma:?} against {mb:?}"
            );
        }
    }
    // The title is there on both sides of the cut at frame 83 (2.77 s), white at the centre.
    for at in [2.5, 2.9] {
        let seen = frame(&joined, at, 320, 180).white_share(100, 70, 220, 110, 200);
        assert!(seen > 0.05, "the title at {at} s: {seen}");
    }
}

#[tokio::test]
async fn an_identical_export_is_served_whole_and_an_edit_renders_only_what_it_touches() {
    use std::os::unix::fs::MetadataExt;
    let data = Scratch::new("segments-edit");
    let queue = open(&data, true, 1 << 30);
    let first = render(&queue, &data, "first", draft("zoom_out", 0.4)).await;
    let (segments, wholes) = cached(&data);
    assert_eq!((segments.len(), wholes.len()), (5, 1));
    // The same draft in another session: the joined render itself from the cache, the very
    // file (the same inode) with nothing rendered or joined again.
    let again = render(&queue, &data, "again", draft("zoom_out", 0.4)).await;
    assert_eq!(cached(&data), (segments.clone(), wholes.clone()));
    let inode = |path: &Path| std::fs::metadata(path).map(|meta| meta.ino()).ok();
    assert_eq!(inode(&again), inode(&first));
    // The last clip moves the other way: only the last segment is rendered again.
    render(&queue, &data, "moved", draft("zoom_in", 0.4)).await;
    let (moved, _) = cached(&data);
    assert_eq!(moved.len(), 6, "one new segment: {moved:?}");
    // The music is quieter: only the soundtrack.
    render(&queue, &data, "quiet", draft("zoom_in", 0.2)).await;
    assert_eq!(cached(&data).0.len(), 7);
    // The title, over the first two segments, says something else: those two only.
    render(&queue, &data, "worded", titled("zoom_in", 0.2, "Beyond")).await;
    let (worded, wholes) = cached(&data);
    assert_eq!(worded.len(), 9, "{worded:?}");
    // One joined render for each different video: first, moved, quiet, worded.
    assert_eq!(wholes.len(), 4);
}

#[tokio::test]
async fn the_cache_keeps_to_its_size() {
    let data = Scratch::new("segments-evict");
    // Room for nothing: every segment goes once the render has joined it.
    let queue = open(&data, true, 1);
    let video = render(&queue, &data, "tight", draft("zoom_out", 0.4)).await;
    assert_eq!(cached(&data), (vec![], vec![]));
    assert_eq!(frame_times(&video).len(), 300);
}

/// Processes whose command line or directory is under `dir`.
fn processes_under(dir: &Path) -> Vec<String> {
    let dir = dir.to_string_lossy().into_owned();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().parse::<u32>().is_ok())
        .filter_map(|entry| {
            let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            let cwd = std::fs::read_link(entry.path().join("cwd")).ok();
            let cwd = cwd.map(|cwd| cwd.to_string_lossy().into_owned());
            (cmdline.contains(&dir) || cwd.is_some_and(|cwd| cwd.starts_with(&dir)))
                .then_some(cmdline)
        })
        .collect()
}

#[tokio::test]
async fn a_cancel_stops_every_segment_and_leaves_no_partial_file() {
    let data = Scratch::new("segments-cancel");
    let queue = open(&data, true, 1 << 30);
    // Twelve pictures of 20 s each: long enough to be cancelled while segments run.
    let clips: Vec<Value> = (0..12)
        .map(|i| json!({"d": 20000, "m": {"src": format!("p{}", i % 4), "motion": "zoom_in"}}))
        .collect();
    let request = request(
        "long",
        "s",
        json!({"t": [{"tt": 0, "sg": clips}]}),
        pictures(&data),
        SMALL,
    );
    queue.submit(request).expect("submitted");
    let mut seen = Vec::new();
    for _ in 0..600 {
        seen = processes_under(&data.path);
        if seen.len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        seen.len() >= 2,
        "segment ffmpegs run side by side: {seen:?}"
    );
    queue.cancel("long").expect("cancelled");
    let long = queue.wait("long").await.expect("long");
    assert_eq!(long.status, JobState::Cancelled);
    assert_eq!(processes_under(&data.path), Vec::<String>::new());
    let left: Vec<String> = std::fs::read_dir(data.join("renders"))
        .expect("renders")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "segments")
        .collect();
    assert_eq!(left, ["long.json"]);
    // What the cache holds are whole segments only, never one cut short.
    assert!(cached(&data).0.iter().all(|name| name.ends_with(".mp4")));
}

#[tokio::test]
async fn a_failing_segment_fails_the_render_with_its_reason_and_leaves_nothing_behind() {
    let data = Scratch::new("segments-fail");
    let damaged = data.join("damaged.jpg");
    // JPEG's first marker, then nothing a decoder can use: the segments that read it fail.
    std::fs::write(&damaged, b"\xff\xd8\xff\xe0garbage, not a JPEG").expect("written");
    let mut files = pictures(&data);
    if let Some(third) = files.get_mut(2) {
        *third = ("p2", media(&damaged, MediaKind::Image));
    }
    let queue = open(&data, true, 1 << 30);
    let asked = request("broken", "s", draft("zoom_out", 0.4), files, SMALL);
    queue.submit(asked).expect("submitted");
    let broken = queue.wait("broken").await.expect("the job exists");
    assert_eq!(broken.status, JobState::Failed);
    let reason = broken.error.unwrap_or_default();
    assert!(reason.starts_with("ffmpeg failed: "), "{reason}");
    assert!(reason.contains("'damaged.jpg'"), "{reason}");
    assert!(
        !reason.contains(data.path.to_string_lossy().as_ref()),
        "no paths: {reason}"
    );
    assert_eq!(processes_under(&data.path), Vec::<String>::new());
    let left: Vec<String> = std::fs::read_dir(data.join("renders"))
        .expect("renders")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "segments")
        .collect();
    assert_eq!(left, ["broken.json"]);
    // The segments that did finish may be kept; no joined render is.
    let (segments, wholes) = cached(&data);
    assert!(
        segments.iter().all(|name| name.ends_with(".mp4")),
        "{segments:?}"
    );
    assert!(wholes.is_empty(), "{wholes:?}");
}
