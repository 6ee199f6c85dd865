//! The draft model on a long timeline: 10,000 segments over a video, an audio and a text track.
//!
//! Run with `cargo bench -p i2v-core --bench draft`.
#![allow(clippy::print_stdout)] // A benchmark reports on stdout.

mod support;

use std::time::Duration;

use i2v_core::draft::{Draft, diff};
use serde_json::{Value, json};
use support::Work;

const VIDEO_CLIPS: usize = 8_000;
const MUSIC_PIECES: usize = 1_000;
const SUBTITLES: usize = 1_000;
const SEGMENTS: u64 = (VIDEO_CLIPS + MUSIC_PIECES + SUBTITLES) as u64;
const BUDGET: Duration = Duration::from_secs(2);

/// A timeline shaped like the backend's: clips with media, fit, motion and transitions, music
/// with volumes and fades, subtitles with styling, and keys the model does not know throughout.
fn long_timeline() -> Value {
    let motions = ["zoom_in", "zoom_out", "pan_left", "none"];
    let clips: Vec<Value> = (0..VIDEO_CLIPS)
        .map(|i| {
            json!({"id": format!("seg_v{i}"), "d": 2000 + (i % 7) * 250, "m": {
                "name": format!("photo {i}"), "src": format!("med_{i:06x}"), "fit": "cover",
                "motion": motions[i % motions.len()], "transition": {"type": "fade", "d": 500},
                "speed": 1.0}})
        })
        .collect();
    let music: Vec<Value> = (0..MUSIC_PIECES)
        .map(|i| {
            json!({"id": format!("seg_a{i}"), "d": 18_000, "m": {
                "name": format!("track {i}"), "src": format!("lib://music/{i}.mp3"),
                "volume": 0.35, "fade_in": 500, "fade_out": 1500, "loop": false}})
        })
        .collect();
    let subtitles: Vec<Value> = (0..SUBTITLES)
        .map(|i| {
            json!({"id": format!("seg_t{i}"), "s": i * 18_000, "d": 4000, "m": {
                "text": format!("Line {i} of the story, told over the pictures"),
                "position": "bottom", "color": "#ffffff", "font_size": 42,
                "font": {"family": "Inter", "weight": 600}}})
        })
        .collect();
    json!({"v": 2, "id": "drf_bench", "canvas": {"w": 1920, "h": 1080, "fps": 30}, "t": [
        {"tt": 0, "id": "trk_video", "sg": clips},
        {"tt": 1, "id": "trk_bgm", "m": {"role": "bgm"}, "sg": music},
        {"tt": 7, "id": "trk_subs", "m": {"role": "subtitle"}, "sg": subtitles},
    ]})
}

/// What a silent turn might do: drop a clip, lengthen one, move one, retune the music, fix a line.
fn edited(before: &Draft) -> Draft {
    let mut after = before.clone();
    if let Some(video) = after.track_mut(0) {
        video.remove_segment(2);
        if let Some(clip) = video.segment_mut(10) {
            clip.set_duration_ms(5000);
        }
        video.move_segment(VIDEO_CLIPS - 2, 0);
    }
    if let Some(music) = after.track_mut(1).and_then(|t| t.segment_mut(0)) {
        music.meta_mut().set_volume(0.2);
    }
    if let Some(line) = after.track_mut(2).and_then(|t| t.segment_mut(3)) {
        line.meta_mut().set_text("A better line");
    }
    after
}

fn main() {
    let text = long_timeline().to_string();
    let bytes = text.len() as u64;
    // Per byte and per segment for what reads the text; per segment for the rest.
    let parse = Work {
        bytes,
        items: SEGMENTS,
    };
    let per_segment = Work {
        bytes: 0,
        items: SEGMENTS,
    };

    let draft = match Draft::parse(&text) {
        Ok(draft) => draft,
        Err(err) => panic!("the benchmark draft does not read: {err}"),
    };
    let after = edited(&draft);
    let mut reversed = draft.clone();
    if let Some(video) = reversed.track_mut(0) {
        video.segments_mut().reverse();
    }

    println!(
        "draft: {SEGMENTS} segments, {:.2} MB of JSON",
        bytes as f64 / 1e6
    );
    support::bench(
        "serde_json::from_str::<Value> (baseline)",
        parse,
        BUDGET,
        || serde_json::from_str::<Value>(&text).map(|v| v.is_object()),
    );
    support::bench("parse", parse, BUDGET, || Draft::parse(&text));
    support::bench("summary", per_segment, BUDGET, || draft.summary());
    support::bench("parse + summary", parse, BUDGET, || {
        Draft::parse(&text).map(|d| d.summary())
    });
    support::bench("to_json", parse, BUDGET, || draft.to_json());
    support::bench("diff (5 edits)", per_segment, BUDGET, || {
        diff(&draft, &after)
    });
    support::bench("diff (video track reversed)", per_segment, BUDGET, || {
        diff(&draft, &reversed)
    });
    for change in diff(&draft, &after) {
        println!("  the 5 edits read: {change}");
    }
    println!("  reversed: {} changes", diff(&draft, &reversed).len());
}
