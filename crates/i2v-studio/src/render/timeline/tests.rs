use serde_json::{Value, json};

use i2v_core::draft::{Draft, Fit, Motion, Position, TransitionKind};

use super::*;

fn kinds(id: &str) -> Option<MediaKind> {
    match id {
        "song" => Some(MediaKind::Audio),
        "clip" => Some(MediaKind::Video),
        id if id.starts_with("img") => Some(MediaKind::Image),
        _ => None,
    }
}

fn build(draft: Value) -> Result<Timeline, RenderError> {
    let draft = Draft::from_value(draft).map_err(|err| RenderError::BadOutput(err.to_string()))?;
    super::build(&draft, Canvas::LANDSCAPE, &kinds)
}

fn clip(ms: u64, src: &str, transition: Value) -> Value {
    json!({"d": ms, "m": {"src": src, "transition": transition}})
}

#[test]
fn clips_with_transitions_keep_the_draft_duration() {
    let timeline = build(json!({"t": [{"tt": 0, "sg": [
        clip(6000, "img1", json!({"type": "fade", "d": 1000})),
        clip(6000, "img2", json!({"type": "slideleft", "d": 1000})),
        clip(6000, "img3", Value::Null),
    ]}]}))
    .expect("timeline");
    assert_eq!(timeline.frames, 540);
    assert_eq!(timeline.duration_ms(), 18_000);
    let parts: Vec<ClipParts> = (0..3).map(|i| timeline.parts(i)).collect();
    assert_eq!(
        parts,
        [
            ClipParts {
                head: 0,
                body: 165,
                tail: 30
            },
            ClipParts {
                head: 30,
                body: 150,
                tail: 30
            },
            ClipParts {
                head: 30,
                body: 165,
                tail: 0
            },
        ]
    );
    // Every output frame is either a body frame or a transition frame, exactly once.
    let bodies: u64 = parts.iter().map(|p| p.body).sum();
    let transitions: u64 = parts.iter().map(|p| p.tail).sum();
    assert_eq!(bodies + transitions, timeline.frames);
    assert_eq!(
        timeline.clips[0].transition,
        Some((TransitionKind::Fade, 30))
    );
    assert_eq!(
        timeline.clips[1].transition,
        Some((TransitionKind::SlideLeft, 30))
    );
    assert_eq!(timeline.clips[2].transition, None);
}

#[test]
fn transitions_never_outlast_the_clips_they_join() {
    let timeline = build(json!({"t": [{"sg": [
        clip(1000, "img1", json!({"type": "fade", "d": 5000})),
        clip(500, "img2", json!({"type": "fade", "d": 5000})),
        clip(2000, "img3", json!({"type": "fade", "d": 5000})),
    ]}]}))
    .expect("timeline");
    assert_eq!(
        timeline.clips[0].transition,
        Some((TransitionKind::Fade, 15))
    );
    assert_eq!(
        timeline.clips[1].transition,
        Some((TransitionKind::Fade, 15))
    );
    assert_eq!(
        timeline.clips[2].transition, None,
        "the last clip has no next"
    );
    let middle = timeline.parts(1);
    assert_eq!(
        middle,
        ClipParts {
            head: 15,
            body: 0,
            tail: 15
        }
    );
    let total: u64 = (0..3).map(|i| timeline.parts(i).body).sum::<u64>() + 30;
    assert_eq!(total, timeline.frames);
}

#[test]
fn gaps_hold_the_earlier_picture_and_overlaps_cut_it() {
    let timeline = build(json!({"t": [{"sg": [
        {"s": 2000, "d": 1000, "m": {"src": "img2"}},
        {"s": 0, "d": 1000, "m": {"src": "img1"}},
        {"s": 2500, "d": 1000, "m": {"src": "img3"}},
    ]}]}))
    .expect("timeline");
    let order: Vec<(&str, u64)> = timeline
        .clips
        .iter()
        .map(|c| (c.src.as_str(), c.frames))
        .collect();
    assert_eq!(order, [("img1", 60), ("img2", 15), ("img3", 30)]);
    assert_eq!(timeline.frames, 105);
}

#[test]
fn defaults_fill_what_the_draft_leaves_out() {
    let timeline = build(json!({"t": [
        {"sg": [{"d": 3000, "m": {"src": "img1", "transition": {"type": "fade"}}}, {"d": 3000, "m": {"src": "clip"}}]},
        {"tt": 1, "m": {"role": "bgm"}, "sg": [{"d": 6000, "m": {"src": "library:lofi"}}]},
        {"tt": 7, "m": {"role": "title"}, "sg": [{"d": 2000, "m": {"text": " Hello "}}]},
        {"tt": 7, "m": {"role": "subtitle"}, "sg": [{"s": 1000, "d": 4000, "m": {"text": "你好", "position": "top", "color": "#ff0000", "font_size": 60}}]},
    ]}))
    .expect("timeline");
    let first = &timeline.clips[0];
    assert_eq!((first.fit, first.motion), (Fit::Blur, Motion::None));
    assert_eq!(
        first.transition,
        Some((TransitionKind::Fade, 24)),
        "800 ms by default"
    );
    let music = &timeline.music[0];
    assert_eq!(
        MusicSource::read(&music.src),
        Ok(MusicSource::Library(Bed::Lofi))
    );
    assert_eq!(
        (music.volume, music.fade_in_ms, music.fade_out_ms),
        (1.0, 500, 1500)
    );
    let title = &timeline.texts[0];
    assert_eq!(title.text, "Hello");
    assert!(title.title);
    assert_eq!(
        (title.position, title.size_px, title.color.as_str()),
        (Position::Center, 84, "FFFFFF")
    );
    assert_eq!((title.fade_in_ms, title.fade_out_ms), (400, 400));
    let caption = &timeline.texts[1];
    assert!(!caption.title);
    assert_eq!(
        (caption.position, caption.size_px, caption.color.as_str()),
        (Position::Top, 60, "FF0000")
    );
    assert_eq!((caption.start_ms, caption.end_ms), (1000, 5000));
}

#[test]
fn music_and_text_are_cut_at_the_end_of_the_video() {
    let timeline = build(json!({"t": [
        {"sg": [{"d": 4000, "m": {"src": "img1"}}]},
        {"tt": 1, "sg": [{"d": 30000, "m": {"src": "song", "volume": 0.35, "fade_in": 9000, "fade_out": 9000}}]},
        {"tt": 7, "sg": [{"s": 3000, "d": 5000, "m": {"text": "late"}}, {"s": 5000, "d": 1000, "m": {"text": "gone"}}]},
    ]}))
    .expect("timeline");
    assert_eq!(timeline.duration_ms(), 4000);
    let music = &timeline.music[0];
    assert_eq!((music.duration_ms, music.volume), (4000, 0.35));
    assert_eq!(
        (music.fade_in_ms, music.fade_out_ms),
        (2000, 2000),
        "at most half each"
    );
    assert_eq!(timeline.texts.len(), 1);
    assert_eq!(timeline.texts[0].end_ms, 4000);
}

#[test]
fn text_sizes_scale_with_the_canvas() {
    let draft = Draft::from_value(json!({"t": [
        {"sg": [{"d": 1000, "m": {"src": "img1"}}]},
        {"tt": 7, "sg": [{"d": 1000, "m": {"text": "x", "font_size": 90}}]},
    ]}))
    .expect("draft");
    let small = super::build(&draft, Canvas::new(640, 360, 30), &kinds).expect("timeline");
    assert_eq!(small.texts[0].size_px, 30);
    let vertical = super::build(&draft, Canvas::VERTICAL, &kinds).expect("timeline");
    assert_eq!(vertical.texts[0].size_px, 90);
}

#[test]
fn drafts_that_cannot_render_say_why() {
    assert_eq!(build(json!({})), Err(RenderError::NoVideoClips));
    assert_eq!(
        build(json!({"t": [{"tt": 1, "sg": [{"d": 1000, "m": {"src": "song"}}]}]})),
        Err(RenderError::NoVideoClips)
    );
    assert_eq!(
        build(json!({"t": [{"sg": [{"d": 1000, "m": {"src": "med_missing"}}]}]})),
        Err(RenderError::UnknownMedia {
            id: "med_missing".into()
        })
    );
    assert_eq!(
        build(json!({"t": [{"sg": [{"d": 1000}]}]})),
        Err(RenderError::MissingSource {
            track: "video",
            index: 1
        })
    );
    assert!(matches!(
        build(json!({"t": [{"sg": [{"d": 1000, "m": {"src": "song"}}]}]})),
        Err(RenderError::WrongMediaKind {
            expected: "a picture or video",
            ..
        })
    ));
    assert!(matches!(
        build(
            json!({"t": [{"sg": [{"d": 1000, "m": {"src": "img1"}}]}, {"tt": 1, "sg": [{"d": 1000, "m": {"src": "img2"}}]}]})
        ),
        Err(RenderError::WrongMediaKind {
            expected: "music",
            ..
        })
    ));
    assert_eq!(
        build(json!({"t": [{"sg": [{"d": 4_000_000, "m": {"src": "img1"}}]}]})),
        Err(RenderError::TooLong {
            seconds: 4000,
            limit: 3600
        })
    );
    assert_eq!(
        build(json!({"t": [{"sg": [{"d": 0, "m": {"src": "img1"}}]}]})),
        Err(RenderError::NoVideoClips)
    );
}

#[test]
fn the_renderer_and_the_summary_read_a_role_on_a_segment_alike() {
    // The cloud writes `role` on the segment; the summary and the render must agree it is a title.
    let draft = Draft::from_value(json!({"t": [
        {"tt": 0, "sg": [clip(3000, "img1", Value::Null)]},
        {"tt": 7, "sg": [{"d": 2000, "m": {"role": "Title", "text": "Urban Dreams"}}]},
        {"tt": 1, "sg": [{"d": 3000, "m": {"role": "bgm", "src": "library:calm"}}]}
    ]}))
    .expect("draft");
    assert!(
        draft.summary().contains("2. Title: \"Urban Dreams\""),
        "{}",
        draft.summary()
    );
    assert!(draft.summary().contains("3. BGM:"), "{}", draft.summary());
    let timeline = super::build(&draft, Canvas::LANDSCAPE, &kinds).expect("timeline");
    let title = &timeline.texts[0];
    assert!(title.title, "rendered as a title, not a caption");
    assert_eq!((title.position, title.size_px), (Position::Center, 84));
    assert_eq!(
        MusicSource::read(&timeline.music[0].src),
        Ok(MusicSource::Library(Bed::Calm))
    );
}

#[test]
fn the_video_tracks_own_fades_fade_the_whole_video_for_at_most_half_of_it() {
    let timeline = build(
        json!({"t": [{"tt": 0, "m": {"fade_in": 800, "fade_out": 5000}, "sg": [
            clip(3000, "img1", Value::Null),
            clip(3000, "img2", Value::Null),
        ]}]}),
    )
    .expect("timeline");
    assert_eq!((timeline.fade_in_ms, timeline.fade_out_ms), (800, 3000));
    // A segment's fade is not the video's.
    let timeline = build(json!({"t": [{"tt": 0, "sg": [
        {"d": 2000, "m": {"src": "img1", "fade_in": 500}},
    ]}]}))
    .expect("timeline");
    assert_eq!((timeline.fade_in_ms, timeline.fade_out_ms), (0, 0));
}

#[test]
fn a_negative_length_says_the_video_has_no_length() {
    let refused = build(json!({"t": [{"tt": 0, "sg": [clip(0, "img1", Value::Null)]}]}));
    let mut negative = json!({"t": [{"tt": 0, "sg": [clip(0, "img1", Value::Null)]}]});
    negative["t"][0]["sg"][0]["d"] = json!(-5000);
    assert_eq!(build(negative), refused);
    assert!(
        matches!(refused, Err(RenderError::NoVideoClips)),
        "{refused:?}"
    );
}
