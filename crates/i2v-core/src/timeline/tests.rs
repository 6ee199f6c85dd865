#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{Value, json};

use super::*;
use crate::draft::{Canvas, Draft, Motion, Position, TransitionKind};

fn timeline(draft: Value) -> Timeline {
    let draft = Draft::from_value(draft).expect("a draft");
    Timeline::build(&draft, Canvas::LANDSCAPE).expect("a timeline")
}

/// Three 6-second photos: a 1 s crossfade, then a 1 s slide; a title, music, fades.
fn three_photos() -> Timeline {
    timeline(json!({"t": [
        {"tt": 0, "m": {"fade_in": 1000, "fade_out": 2000}, "sg": [
            {"d": 6000, "m": {"src": "a", "motion": "zoom-in", "transition": {"type": "fade", "d": 1000}}},
            {"d": 6000, "m": {"src": "b", "fit": "cover", "transition": {"type": "slideleft", "d": 1000}}},
            {"d": 6000, "m": {"src": "c", "motion": "pan-left"}},
        ]},
        {"tt": 7, "m": {"role": "title"}, "sg": [{"s": 500, "d": 3000, "m": {"text": "Urban Dreams"}}]},
        {"tt": 1, "sg": [{"d": 18000, "m": {"src": "library:calm", "volume": 0.5}}]},
    ]}))
}

#[test]
fn a_frame_alone_shows_one_picture_in_its_own_view() {
    let timeline = three_photos();
    let scene = timeline.scene_at(90);
    assert_eq!(scene.time_ms, 3000.0);
    assert_eq!(scene.transition, None);
    let [picture] = scene.pictures.as_slice() else {
        panic!("one picture: {scene:?}")
    };
    assert_eq!(
        (picture.clip, picture.src, picture.fit),
        (0, "a", Fit::Blur)
    );
    assert_eq!(picture.view, timeline.framing(0).view_at(90));
    assert!(
        picture.view.width > 1920,
        "zooming in by 3 s: {:?}",
        picture.view
    );
}

#[test]
fn a_transition_shows_both_pictures_with_xfades_progress() {
    let timeline = three_photos();
    // The crossfade is centred on the boundary at frame 180: frames 165 to 194.
    assert_eq!(timeline.stream_start(1), 165);
    for (frame, progress) in [(165, 1.0), (180, 0.5), (194, 1.0 / 30.0)] {
        let scene = timeline.scene_at(frame);
        let srcs: Vec<&str> = scene.pictures.iter().map(|p| p.src).collect();
        assert_eq!(srcs, ["a", "b"], "frame {frame}");
        let transition = scene.transition.expect("a transition");
        assert_eq!(transition.kind, TransitionKind::Fade);
        assert!(
            (transition.progress - progress).abs() < 1e-9,
            "{frame}: {transition:?}"
        );
    }
    assert_eq!(timeline.scene_at(195).pictures.len(), 1);
    assert_eq!(timeline.scene_at(164).pictures.len(), 1);
    let slide = timeline.scene_at(360).transition.expect("the slide");
    assert_eq!(slide.kind, TransitionKind::SlideLeft);
    // The outgoing picture's view continues where it was: its stream began at frame 0.
    let last_of_a = timeline.scene_at(194).pictures[0].view;
    assert_eq!(last_of_a, timeline.framing(0).view_at(194));
}

#[test]
fn the_videos_fades_cover_everything_with_black() {
    let timeline = three_photos();
    let (fade_in, (out_start, fade_out)) = timeline.fade_frames();
    assert_eq!((fade_in, out_start, fade_out), (30, 479, 60));
    assert_eq!(timeline.scene_at(0).black, 1.0);
    assert!((timeline.scene_at(15).black - 0.5).abs() < 1e-9);
    assert_eq!(timeline.scene_at(30).black, 0.0);
    assert_eq!(timeline.scene_at(300).black, 0.0);
    assert_eq!(timeline.scene_at(539).black, 1.0);
    assert!((timeline.scene_at(509).black - 0.5).abs() < 1e-9);
    // Past the end: the last frame.
    assert_eq!(timeline.scene_at(10_000).frame, 539);
    assert_eq!(timeline.frame_at_ms(17_999.0), 539);
    assert_eq!(timeline.frame_at_ms(-5.0), 0);
    assert_eq!(timeline.frame_at_ms(1000.0), 30);
}

#[test]
fn texts_show_in_their_window_and_fade() {
    let timeline = three_photos();
    assert!(timeline.scene_at(0).texts.is_empty());
    let rising = timeline.scene_at(18); // 600 ms: 100 ms into a 400 ms fade in
    let [title] = rising.texts.as_slice() else {
        panic!("the title: {rising:?}")
    };
    assert_eq!(
        (title.lines.as_str(), title.text.position),
        ("Urban Dreams", Position::Center)
    );
    assert!((title.opacity - 0.25).abs() < 1e-9, "{title:?}");
    assert_eq!(title.text.face(), Face::Bold);
    assert_eq!(timeline.scene_at(60).texts[0].opacity, 1.0);
    assert!(timeline.scene_at(105).texts.is_empty()); // 3500 ms: gone
}

#[test]
fn music_plays_at_its_volume_between_its_fades() {
    let timeline = three_photos();
    let gain_at = |frame| timeline.scene_at(frame).music[0].gain;
    assert_eq!(gain_at(0), 0.0);
    assert!((gain_at(6) - 0.2).abs() < 1e-9); // 200 ms of a 500 ms fade, at half volume
    assert_eq!(gain_at(300), 0.5);
    // The video's own fade out (2 s) is deeper than the music's (1.5 s) at 17 s.
    assert!((gain_at(510) - 0.5 * (1000.0 / 1500.0) * 0.5).abs() < 1e-9);
    let scene = timeline.scene_at(300);
    assert_eq!(
        (scene.music[0].offset_ms, scene.music[0].music.src.as_str()),
        (10_000.0, "library:calm")
    );
}

#[test]
fn pans_show_a_window_of_a_larger_picture() {
    let timeline = three_photos();
    let last = timeline.scene_at(539).pictures[0];
    assert_eq!(last.src, "c");
    assert!(last.composed.0 > 1920);
    assert_eq!(last.view.x, 0, "a pan left ends at the left edge");
    let framing = timeline.framing(2);
    assert_eq!(framing.step.map(|step| step.kind), Some(Motion::PanLeft));
}

#[test]
fn drafts_without_a_timeline_say_why() {
    let no_video =
        Draft::from_value(json!({"t": [{"tt": 1, "sg": [{"d": 1000}]}]})).expect("draft");
    assert_eq!(
        Timeline::build(&no_video, Canvas::LANDSCAPE),
        Err(TimelineError::NoVideoClips)
    );
    let no_src = Draft::from_value(json!({"t": [{"tt": 0, "sg": [{"d": 1000}]}]})).expect("draft");
    let err = Timeline::build(&no_src, Canvas::LANDSCAPE).expect_err("no src");
    assert_eq!(err.to_string(), "video segment 1 names no media");
    let empty = Canvas::new(0, 1080, 30);
    let draft =
        Draft::from_value(json!({"t": [{"tt": 0, "sg": [{"d": 1000, "m": {"src": "a"}}]}]}))
            .expect("draft");
    assert!(matches!(
        Timeline::build(&draft, empty),
        Err(TimelineError::EmptyCanvas { .. })
    ));
}
