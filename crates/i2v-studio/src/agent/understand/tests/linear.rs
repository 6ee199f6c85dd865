//! The work of understanding grows in proportion to the message (issue 21), and no message up
//! to the cap and beyond makes it panic.
//!
//! Counted, not timed: `i2v_text::work` counts every phrase tried at a token and every number
//! read, which is where the time goes; a count is the same on a busy machine as on an idle one.
//! `cargo bench -p i2v-studio --bench understand` gives the times.

use proptest::prelude::*;

use super::*;
use i2v_text::work::steps;

/// The kinds of text of the measurements, and others that cost more than their length
/// before: lists that keep a clause open, words said again and again, numerals, quotes, names.
const SAMPLES: &[&str] = &[
    "make the video 20 seconds long and add upbeat music, then remove photo 2 and use crossfade transitions, ",
    "a a a a a a a a a a a a a a a a a a a a a a a a a ",
    "photo 1 and photo 2 and photo 3 and the beach one and the city one and the first two and the last, ",
    "remove, add, swap, move, slower, faster, music, title, text, fade, crossfade, zoom, 9:16, 4:5, ",
    "这张和那张还有第一张和第二张，",
    "second and third and fourth and ",
    "一二三四五六七八九十百千",
    "a video called Summer 'Trip' caption 'b' at the end for 5 s ",
];

/// The steps of understanding `text`.
fn work(text: &str) -> u64 {
    let media = media();
    let before = steps();
    let _ = understand(text, &media, true);
    steps() - before
}

#[test]
fn the_work_grows_in_proportion_to_the_message() {
    for sample in SAMPLES {
        let [once, ten, hundred] = [1, 10, 100].map(|times| work(&sample.repeat(times)));
        // Proportional, give or take a twentieth: work that grew with the square of the
        // length would be ten times over.
        let within = |longer: u64, shorter: u64| longer * 20 <= shorter * 10 * 21 + 20_000;
        assert!(
            within(ten, once) && within(hundred, ten),
            "{sample:?}: {once} steps, ×10 {ten}, ×100 {hundred}"
        );
    }
}

/// Messages up to past the cap of 4,000 characters: pieces the rules know, and any characters.
fn long_message() -> impl Strategy<Value = String> {
    prop::collection::vec(crate::agent::proptests::message(), 0..150).prop_map(|parts| {
        let text = parts.join(", ");
        text.chars().take(5000).collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn long_messages_never_panic(text in long_message()) {
        let media = media();
        let order: Vec<String> = (1..=5).map(|i| format!("med_{i}")).collect();
        let request = understand_with(&text, &media, Some(&order));
        prop_assert!(request.commands.len() <= text.len() + 100);
        let _ = understand_with(&text, &media, None);
    }
}
