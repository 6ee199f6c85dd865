//! Segmented H.264 renders against the single filter graph: the same frames, joined with the
//! exact frame count and continuous timestamps; an edit re-renders only the segments it
//! touches; the cache keeps to its size; a cancel leaves no ffmpeg and no partial file behind.

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
            "m": {"text": "Across", "font_size": 120, "fade_in": 300, "fade_out": 300}}]},
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

/// The finished segments in the cache.
fn cached(data: &Scratch) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(data.join("renders/segments"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
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
    let whole = render(&open(&data, false, 1 << 30), &data, "whole", draft("zoom_out", 0.4)).await;
    assert!(cached(&data).is_empty(), "the single graph keeps no segments");
    let joined = render(&open(&data, true, 1 << 30), &data, "joined", draft("zoom_out", 0.4)).await;
    // Cuts after the cross-fade (at frame 83), after the wipe (158) and at the plain cut
    // (225): four segments and the sound.
    assert_eq!(cached(&data).len(), 5, "{:?}", cached(&data));
    let times = frame_times(&joined);
    assert_eq!(times.len(), 300, "every frame of 10 s at 30 fps");
    let step = times.get(1).copied().unwrap_or(0) - times.first().copied().unwrap_or(0);
    assert!(step > 0);
    for (n, pair) in times.windows(2).enumerate() {
        assert_eq!(pair[1] - pair[0], step, "the time stamps step evenly at frame {n}");
    }
    assert_eq!(times.first(), Some(&0));
    let similar = ssim(&whole, &joined);
    assert!(similar >= 0.98, "SSIM {similar}");
    // Frame by frame around each cut between segments, and in the title that spans one.
    for at in [82, 83, 84, 157, 158, 159, 224, 225, 226, 60, 75, 299] {
        let seconds = (f64::from(at) + 0.5) / 30.0;
        let a = frame(&whole, seconds, 320, 180);
        let b = frame(&joined, seconds, 320, 180);
        for (x0, y0) in [(0, 0), (160, 0), (0, 90), (160, 90), (80, 45)] {
            let (ma, mb) = (a.mean(x0, y0, x0 + 160, y0 + 90), b.mean(x0, y0, x0 + 160, y0 + 90));
            let diff = ma.iter().zip(mb).map(|(p, q)| (p - q).abs()).fold(0.0, f64::max);
            assert!(diff < 4.0, "frame {at} at ({x0},{y0}): {ma:?} against {mb:?}");
        }
    }
    // The title is there on both sides of the cut at frame 83 (2.77 s), white at the centre.
    for at in [2.5, 2.9] {
        let seen = frame(&joined, at, 320, 180).white_share(100, 70, 220, 110, 200);
        assert!(seen > 0.05, "the title at {at} s: {seen}");
    }
}

#[tokio::test]
async fn an_edit_renders_only_the_segments_it_touches() {
    let data = Scratch::new("segments-edit");
    let queue = open(&data, true, 1 << 30);
    render(&queue, &data, "first", draft("zoom_out", 0.4)).await;
    let before = cached(&data);
    assert_eq!(before.len(), 5);
    // The same draft in another session: every segment and the sound from the cache.
    render(&queue, &data, "again", draft("zoom_out", 0.4)).await;
    assert_eq!(cached(&data), before);
    // The last clip moves the other way: only the last segment is rendered again.
    render(&queue, &data, "moved", draft("zoom_in", 0.4)).await;
    let moved = cached(&data);
    assert_eq!(moved.len(), 6, "one new segment: {moved:?}");
    // The music is quieter: only the soundtrack.
    render(&queue, &data, "quiet", draft("zoom_in", 0.2)).await;
    assert_eq!(cached(&data).len(), 7);
}

#[tokio::test]
async fn the_cache_keeps_to_its_size() {
    let data = Scratch::new("segments-evict");
    // Room for nothing: every segment goes once the render has joined it.
    let queue = open(&data, true, 1);
    let video = render(&queue, &data, "tight", draft("zoom_out", 0.4)).await;
    assert!(cached(&data).is_empty(), "{:?}", cached(&data));
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
    let request = request("long", "s", json!({"t": [{"tt": 0, "sg": clips}]}), pictures(&data), SMALL);
    queue.submit(request).expect("submitted");
    let mut seen = Vec::new();
    for _ in 0..600 {
        seen = processes_under(&data.path);
        if seen.len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(seen.len() >= 2, "segment ffmpegs run side by side: {seen:?}");
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
    assert!(cached(&data).iter().all(|name| !name.ends_with(".tmp")));
}
