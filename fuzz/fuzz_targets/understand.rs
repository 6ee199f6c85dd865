//! Any text as a message to the studio's agent, with and without a video: reading it never
//! panics, whatever its words, numbers, quotes or scripts.
#![no_main]

use i2v_studio::agent::{MediaKind, MediaRef, understand_for_bench};
use libfuzzer_sys::fuzz_target;

/// Three photos and a song, named as people name them.
fn media() -> Vec<MediaRef> {
    let file = |id: &str, name: &str, kind| MediaRef {
        media_id: id.into(),
        name: name.into(),
        kind,
        width: Some(1920),
        height: Some(1080),
        duration_ms: None,
    };
    vec![
        file("med_1", "beach_sunset.jpg", MediaKind::Image),
        file("med_2", "motorcycle_left.png", MediaKind::Image),
        file("med_3", "city_night.jpg", MediaKind::Image),
        file("med_4", "summer-song.mp3", MediaKind::Audio),
    ]
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let media = media();
    let video = ["med_3".to_string(), "med_1".to_string()];
    let _ = understand_for_bench(text, &media, None);
    let _ = understand_for_bench(text, &media, Some(&video));
});
