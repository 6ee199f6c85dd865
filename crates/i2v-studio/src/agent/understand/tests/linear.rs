//! The work of understanding grows in proportion to the message (issue 21).
//!
//! Counted, not timed: `i2v_text::work` counts every phrase tried at a token and every number
//! read, which is where the time goes; a count is the same on a busy machine as on an idle one.

use super::*;
use i2v_text::work::steps;

/// The kinds of text of the measurements, and others that once cost more than their
/// length: lists that keep a clause open, words said again and again, numbers, quotes.
const SAMPLES: &[&str] = &[
    "make the video 20 seconds long and add upbeat music, then remove photo 2 and use crossfade transitions, ",
    "a a a a a a a a a a a a a a a a a a a a a a a a a ",
    "photo 1 and photo 2 and photo 3 and the beach one and the city one and the first two and the last, ",
    "remove, add, swap, move, slower, faster, music, title, text, fade, crossfade, zoom, 9:16, 4:5, ",
    "这张和那张还有第一张和第二张，",
];

/// The steps of understanding `text`.
fn work(text: &str) -> u64 {
    let media = media();
    let before = steps();
    let _ = understand(text, &media, true);
    steps() - before
}

/// `sample` repeated to `chars` characters.
fn repeated(sample: &str, chars: usize) -> String {
    sample.chars().cycle().take(chars).collect()
}

#[test]
#[ignore = "exploration: prints the work per character"]
fn work_per_character() {
    let extra: Vec<String> = std::env::var("LINEAR_SAMPLES")
        .map(|v| v.split('|').map(str::to_owned).collect())
        .unwrap_or_default();
    for sample in SAMPLES
        .iter()
        .copied()
        .chain(extra.iter().map(String::as_str))
    {
        let counts: Vec<u64> = [200, 2000, 20_000]
            .iter()
            .map(|&n| work(&repeated(sample, n)))
            .collect();
        let per: Vec<String> = counts
            .iter()
            .zip([200, 2000, 20_000])
            .map(|(c, n)| format!("{:.1}", *c as f64 / n as f64))
            .collect();
        eprintln!(
            "{:?} {counts:?} per char {per:?}",
            sample.chars().take(30).collect::<String>()
        );
    }
}
