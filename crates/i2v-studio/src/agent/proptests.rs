//! Arbitrary messages never panic and always give a valid plan, whose stream reads back as it.

use i2v_core::adk::TurnAssembler;
use i2v_core::draft::{Draft, Meta, TrackKind};
use i2v_core::sse::SseParser;
use proptest::prelude::*;

use super::events::text_chunks;
use super::{
    Canvas, History, MediaKind, MediaRef, StreamOptions, TurnInput, TurnKind, TurnPlan, events,
    plan_turn,
};

/// Words and phrases the rules know, so that random messages reach deep into them.
const VOCABULARY: &[&str] = &[
    "make",
    "a",
    "video",
    "the",
    "second",
    "last",
    "photo",
    "photos",
    "3rd",
    "each",
    "30",
    "4",
    "seconds",
    "s",
    "minute",
    "half",
    "and",
    "then",
    ",",
    "remove",
    "move",
    "to",
    "start",
    "swap",
    "reverse",
    "add",
    "music",
    "calm",
    "epic",
    "lofi",
    "lower",
    "louder",
    "mute",
    "volume",
    "20%",
    "title",
    "'Summer'",
    "\"Trip\"",
    "caption",
    "captions",
    "transitions",
    "smooth",
    "dissolve",
    "no",
    "motion",
    "zoom",
    "pan",
    "vertical",
    "square",
    "landscape",
    "9:16",
    "longer",
    "shorter",
    "new",
    "my song",
    "don't",
    "第二张",
    "最后一张",
    "倒数第二张",
    "删除",
    "移到",
    "开头",
    "交换",
    "和",
    "倒序",
    "秒",
    "三十",
    "半分钟",
    "每张",
    "音乐",
    "调低",
    "静音",
    "换成",
    "史诗",
    "标题",
    "「夏天」",
    "字幕",
    "转场",
    "去掉",
    "平滑",
    "竖屏",
    "方形",
    "做成",
    "视频",
    "，",
    "然后",
    "百分之二十",
    "不要",
    "動效",
    "標題",
    "undo",
    "redo",
    "go back",
    "撤销",
    "重做",
];

pub(super) fn media() -> Vec<MediaRef> {
    let mut media: Vec<MediaRef> = (1..=4)
        .map(|i| MediaRef {
            media_id: format!("med_{i}"),
            name: format!("p{i}.jpg"),
            kind: MediaKind::Image,
            width: None,
            height: None,
            duration_ms: None,
        })
        .collect();
    media.push(MediaRef {
        media_id: "med_a".into(),
        name: "song.mp3".into(),
        kind: MediaKind::Audio,
        width: None,
        height: None,
        duration_ms: None,
    });
    media
}

pub(super) fn message() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(VOCABULARY), 0..14).prop_map(|w| w.join(" ")),
        prop::collection::vec(prop::sample::select(VOCABULARY), 0..14).prop_map(|w| w.concat()),
        any::<String>(),
        "[a-z0-9 ,.'\"“”「」%:!?第张秒分半十二三-]{0,60}",
    ]
}

/// The conventions every draft the agent makes keeps.
fn check_draft(draft: &Draft) {
    let video: Vec<_> = draft
        .tracks()
        .iter()
        .filter(|t| t.kind() == TrackKind::Video)
        .collect();
    let Some(video) = video.first() else {
        return;
    };
    let lengths: Vec<u64> = video.spans().map(|s| s.duration_ms()).collect();
    let total: u64 = lengths.iter().sum();
    assert!(lengths.iter().all(|&ms| ms >= 500), "{lengths:?}");
    assert_eq!(draft.duration_ms(), total);
    let segments = video.segments();
    for (index, segment) in segments.iter().enumerate() {
        let transition = segment.meta().and_then(Meta::transition);
        if index + 1 == segments.len() {
            assert!(
                transition.is_none(),
                "the last picture has no transition out"
            );
        } else if let Some(ms) = transition.and_then(|t| t.duration_ms()) {
            let next = lengths.get(index + 1).copied().unwrap_or(0);
            let here = lengths.get(index).copied().unwrap_or(0);
            assert!(ms <= here.min(next) / 2, "{ms} between {here} and {next}");
        }
    }
    for track in draft
        .tracks()
        .iter()
        .filter(|t| t.kind() == TrackKind::Audio)
    {
        assert_eq!(
            track.extent().map(|s| s.end_ms),
            Some(total),
            "the music follows the video"
        );
    }
    for track in draft
        .tracks()
        .iter()
        .filter(|t| t.kind() == TrackKind::Text)
    {
        assert!(track.extent().is_some_and(|s| s.end_ms <= total));
    }
}

fn check_plan(plan: &TurnPlan, before: Option<&Draft>) {
    assert!(!plan.reply.trim().is_empty());
    match plan.kind {
        TurnKind::Reply => {
            assert!(plan.steps.is_empty());
            assert_eq!(plan.draft.as_ref(), before);
        }
        TurnKind::Edit | TurnKind::Generate => assert!(!plan.steps.is_empty()),
    }
    if let Some(last) = plan.steps.iter().rev().find_map(|s| s.draft.as_ref()) {
        assert_eq!(Some(last), plan.draft.as_ref());
    }
    if let Some(draft) = &plan.draft {
        check_draft(draft);
        assert_eq!(Draft::from_value(draft.to_value()).as_ref(), Ok(draft));
    }
    let stream = events(
        plan,
        &StreamOptions {
            silent: false,
            now: 1.0,
            seed: 3,
        },
    );
    let bytes: String = stream.iter().map(|e| e.sse()).collect();
    let mut parser = SseParser::new();
    let mut assembler = TurnAssembler::new();
    for item in parser.feed(bytes.as_bytes()).unwrap_or_default() {
        assembler.push(&item);
    }
    assert_eq!(assembler.finish().texts, std::slice::from_ref(&plan.reply));
}

/// A draft from elsewhere: odd lengths (huge, negative, fractional), explicit starts, stray
/// keys, missing metadata, tracks of every kind.
pub(super) fn foreign_draft() -> impl Strategy<Value = Draft> {
    let length = prop_oneof![
        0.0..20_000.0f64,
        Just(1e30),
        Just(-5.0),
        Just(18_446_744_073_709_551_615.0),
    ];
    let segment = (
        length.clone(),
        prop::option::of(length.clone()),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(d, s, with_meta, with_transition)| {
            let mut segment = serde_json::json!({ "d": d, "x": 1 });
            if let Some(s) = s {
                segment["s"] = s.into();
            }
            if with_meta {
                segment["m"] = serde_json::json!({"src": "med_1", "name": "p1.jpg", "volume": 0.5,
                    "text": "T", "role": "title", "font_size": 72});
                if with_transition {
                    segment["m"]["transition"] = serde_json::json!({"type": "fade", "d": d});
                }
            }
            segment
        });
    let track = (
        prop::sample::select(vec![0, 1, 7, 3]),
        prop::collection::vec(segment, 0..5),
        any::<bool>(),
    )
        .prop_map(|(tt, segments, bgm)| {
            let mut track = serde_json::json!({ "tt": tt, "sg": segments });
            if bgm {
                track["m"] = serde_json::json!({"role": if tt == 1 { "bgm" } else { "subtitle" }});
            }
            track
        });
    prop::collection::vec(track, 0..5).prop_map(|tracks| {
        Draft::from_value(serde_json::json!({ "t": tracks, "v": 2 })).unwrap_or_default()
    })
}

proptest! {
    #[test]
    fn foreign_drafts_never_break_a_turn(text in message(), draft in foreign_draft()) {
        let media = media();
        let canvas = Canvas { width: 1920, height: 1080, fps: 30 };
        let plan = plan_turn(&TurnInput { message: &text, draft: Some(&draft), media: &media, canvas, variant: 1, history: History::default() });
        prop_assert!(!plan.reply.trim().is_empty());
        if plan.kind == TurnKind::Reply {
            prop_assert_eq!(plan.draft.as_ref(), Some(&draft));
        }
        for step in &plan.steps {
            if let Some(after) = &step.draft {
                let read_back = Draft::from_value(after.to_value());
                prop_assert_eq!(read_back.as_ref(), Ok(after));
            }
        }
        let stream = events(&plan, &StreamOptions { silent: true, now: 0.0, seed: 1 });
        prop_assert!(stream.iter().all(|e| !e.json.is_empty()));
    }

    #[test]
    fn any_message_gives_a_valid_plan(text in message(), variant in any::<u64>()) {
        let media = media();
        let canvas = Canvas { width: 1920, height: 1080, fps: 30 };
        let first = plan_turn(&TurnInput { message: &text, draft: None, media: &media, canvas, variant, history: History::default() });
        check_plan(&first, None);
        let made = plan_turn(&TurnInput { message: "make a video", draft: None, media: &media, canvas, variant, history: History::default() });
        let draft = made.draft.clone();
        let next = plan_turn(&TurnInput { message: &text, draft: draft.as_ref(), media: &media, canvas, variant, history: History::default() });
        check_plan(&next, draft.as_ref());
        let bare = plan_turn(&TurnInput { message: &text, draft: None, media: &[], canvas, variant, history: History::default() });
        prop_assert_eq!(bare.kind, TurnKind::Reply);
    }

    #[test]
    fn reply_pieces_join_back_into_the_reply(text in any::<String>()) {
        prop_assert_eq!(text_chunks(&text).concat(), text);
    }
}
