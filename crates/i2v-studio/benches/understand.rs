//! How the time to understand a message grows with its length (issue 21, "bounded work per
//! request"): five kinds of text, each repeated to 500, 1,000, 2,000, 4,000 (the cap on a
//! message) and 16,000 characters. Prints the time of each (the fastest of a few runs) and the
//! µs per character, then the ratios time(16k)/time(4k) and time(4k)/time(1k). Linear work keeps
//! them near the size ratios (4); the target is at most 6 (the size ratio × 1.5).
//!
//! Run with `cargo bench -p i2v-studio --bench understand`. Knobs: `I2V_BENCH_SIZES`
//! (comma-separated character counts, `500,1000,2000,4000,16000`), `I2V_BENCH_RUNS` (at most
//! this many runs per size, 5; fewer where one run takes long), `I2V_BENCH_TEXTS` (more texts
//! to time, separated by `|`).
#![allow(clippy::print_stdout)] // A benchmark reports on stdout.

use std::time::{Duration, Instant};

use i2v_studio::agent::{MediaKind, MediaRef, understand_for_bench};

/// The texts, each repeated to the sizes asked: a run of instructions, one word over and over,
/// a long list of pictures, a list of bare keywords, and Chinese pointing at pictures.
const SAMPLES: [(&str, &str); 5] = [
    (
        "instructions",
        "make the video 20 seconds long and add upbeat music, then remove photo 2 and use crossfade transitions, ",
    ),
    (
        "a a a",
        "a a a a a a a a a a a a a a a a a a a a a a a a a ",
    ),
    (
        "photo 1 and",
        "photo 1 and photo 2 and photo 3 and the beach one and the city one and the first two and the last, ",
    ),
    (
        "keywords",
        "remove, add, swap, move, slower, faster, music, title, text, fade, crossfade, zoom, 9:16, 4:5, ",
    ),
    ("chinese", "这张和那张还有第一张和第二张，"),
];

/// What the tests upload: five photos and a song.
fn media() -> Vec<MediaRef> {
    let mut media: Vec<MediaRef> = (1..=5)
        .map(|i| MediaRef {
            media_id: format!("med_{i}"),
            name: format!("photo{i}.jpg"),
            kind: MediaKind::Image,
            width: None,
            height: None,
            duration_ms: None,
        })
        .collect();
    media.push(MediaRef {
        media_id: "med_song".into(),
        name: "beach-song.mp3".into(),
        kind: MediaKind::Audio,
        width: None,
        height: None,
        duration_ms: Some(120_000),
    });
    media
}

fn main() {
    let sizes: Vec<usize> = std::env::var("I2V_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![500, 1000, 2000, 4000, 16_000]);
    let runs: usize = std::env::var("I2V_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(1);
    let media = media();
    let video: Vec<String> = (1..=5).map(|i| format!("med_{i}")).collect();
    println!("understand bench: fastest of up to {runs} runs per size");
    let header: Vec<String> = sizes.iter().map(|n| format!("{n:>20}")).collect();
    println!("{:<14}{}", "sample", header.join(""));
    let more = std::env::var("I2V_BENCH_TEXTS").unwrap_or_default();
    let more = more
        .split('|')
        .filter(|text| !text.is_empty())
        .map(|text| (text, text));
    for (name, sample) in SAMPLES.into_iter().chain(more) {
        let name: String = name.chars().take(13).collect();
        let mut times = Vec::new();
        for &chars in &sizes {
            let text: String = sample.chars().cycle().take(chars).collect();
            times.push(fastest(runs, || {
                std::hint::black_box(understand_for_bench(&text, &media, Some(&video)));
            }));
        }
        let cells: Vec<String> = times
            .iter()
            .zip(&sizes)
            .map(|(time, &chars)| {
                let us = time.as_secs_f64() * 1e6;
                format!(
                    "{:>20}",
                    format!("{} ({:.2}/ch)", shown(*time), us / chars as f64)
                )
            })
            .collect();
        let ratio = |big: usize, small: usize| {
            let at = |n: usize| {
                sizes
                    .iter()
                    .position(|&s| s == n)
                    .and_then(|i| times.get(i))
            };
            match (at(big), at(small)) {
                (Some(b), Some(s)) => format!("{:.2}", b.as_secs_f64() / s.as_secs_f64()),
                _ => "-".to_owned(),
            }
        };
        println!(
            "{name:<14}{}   16k/4k {}   4k/1k {}",
            cells.join(""),
            ratio(16_000, 4000),
            ratio(4000, 1000)
        );
    }
    println!("(µs per character in brackets; linear: both ratios near 4, target at most 6)");
}

/// The fastest of up to `runs` runs of `work`, stopping early once a second has gone by.
fn fastest(runs: usize, mut work: impl FnMut()) -> Duration {
    let began = Instant::now();
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        work();
        best = best.min(start.elapsed());
        if began.elapsed() > Duration::from_secs(1) {
            break;
        }
    }
    best
}

/// A time in the unit that suits it.
fn shown(time: Duration) -> String {
    let us = time.as_secs_f64() * 1e6;
    if us >= 1e6 {
        format!("{:.2} s", us / 1e6)
    } else if us >= 1e3 {
        format!("{:.1} ms", us / 1e3)
    } else {
        format!("{us:.0} µs")
    }
}
