//! Generation: two stages, exact lengths, the conventions, and when it cannot happen.

use serde_json::json;

use super::support::{
    HD, first_meta, lengths, made, order, photos, role, step_names, transitions, turn, upload,
};
use crate::agent::{Canvas, Cost, Language, MediaKind, TurnKind};
use i2v_core::draft::Motion;

#[test]
fn generation_runs_in_two_stages() {
    let media = photos(3);
    let plan = turn("make a video", None, &media);
    assert_eq!(plan.kind, TurnKind::Generate);
    assert_eq!(plan.cost(), Cost::Generate);
    // No title was asked for: the second stage adds the music alone, and is named so.
    assert_eq!(step_names(&plan), ["create_slideshow", "add_music"]);
    let raw = plan.steps[0].draft.as_ref().unwrap();
    assert_eq!(raw.tracks().len(), 1, "stage one is the raw slideshow");
    let dressed = plan.steps[1].draft.as_ref().unwrap();
    assert!(role(dressed, "bgm").is_some());
    assert!(
        role(dressed, "title").is_none(),
        "no title unless one is asked for"
    );
    assert_eq!(plan.draft.as_ref(), Some(dressed));
    assert_eq!(plan.canvas, None);
    assert!(!plan.may_be_silent());
}

#[test]
fn a_thirty_second_request_over_seven_images_ends_at_thirty_seconds() {
    let media = photos(7);
    let plan = turn(
        "turn these images into a 30-second video with smooth transitions and background music",
        None,
        &media,
    );
    let draft = plan.draft.clone().unwrap();
    assert_eq!(lengths(&draft), [4285, 4285, 4285, 4285, 4285, 4285, 4290]);
    assert_eq!(draft.duration_ms(), 30_000);
    let music = role(&draft, "bgm").unwrap();
    assert_eq!(music.extent().map(|s| s.end_ms), Some(30_000));
    assert_eq!(transitions(&draft)[0], Some(("fade".to_owned(), 800)));
    assert_eq!(transitions(&draft)[6], None);
    assert!(plan.reply.contains("30-second"), "{}", plan.reply);
}

#[test]
fn a_new_draft_follows_the_conventions_exactly() {
    let plan = turn("make a video with the title 'My Video'", None, &photos(2));
    let expected = json!({"t": [
        {"tt": 0, "sg": [
            {"d": 3000, "m": {"src": "med_1", "name": "photo1.jpg", "fit": "blur",
                "motion": "zoom_in", "transition": {"type": "fade", "d": 800}}},
            {"d": 3000, "m": {"src": "med_2", "name": "photo2.jpg", "fit": "blur",
                "motion": "zoom_out"}}
        ]},
        {"tt": 1, "m": {"role": "bgm"}, "sg": [
            {"d": 6000, "m": {"src": "library:lofi", "name": "Lo-fi", "volume": 0.35,
                "fade_in": 1000, "fade_out": 2000}}
        ]},
        {"tt": 7, "m": {"role": "title"}, "sg": [
            {"s": 0, "d": 3000, "m": {"text": "My Video", "position": "center",
                "color": "#FFFFFF", "font_size": 72, "fade_in": 400, "fade_out": 400}}
        ]}
    ]});
    assert_eq!(plan.draft.unwrap().to_value(), expected);
}

#[test]
fn generation_takes_its_choices_from_the_message() {
    let media = photos(4);
    let plan = turn(
        "make a vertical 20 second video with no transitions, no motion, epic music at 50% and \
         the title 'Summer'",
        None,
        &media,
    );
    let draft = plan.draft.clone().unwrap();
    assert_eq!(lengths(&draft), [5000, 5000, 5000, 5000]);
    assert!(transitions(&draft).iter().all(Option::is_none));
    let motions: Vec<_> = draft
        .track(0)
        .unwrap()
        .segments()
        .iter()
        .map(|s| s.meta().and_then(|m| m.motion()).map_or("", Motion::word))
        .collect();
    assert_eq!(motions, ["none"; 4]);
    let music = first_meta(&draft, "bgm").unwrap();
    assert_eq!(
        (music.src(), music.name(), music.volume()),
        (Some("library:cinematic"), Some("Cinematic"), Some(0.5))
    );
    assert_eq!(
        first_meta(&draft, "title").and_then(|m| m.text()),
        Some("Summer")
    );
    let portrait = Canvas {
        width: 1080,
        height: 1920,
        fps: 30,
    };
    assert_eq!(plan.canvas, Some(portrait));
    assert_eq!(plan.steps[0].canvas, Some(portrait));
    assert_eq!(plan.steps[0].args["aspect"], "9:16");
}

#[test]
fn generation_in_chinese_answers_in_chinese() {
    let plan = turn(
        "把这些照片做成一个半分钟的视频，加上平滑的转场和轻松的音乐",
        None,
        &photos(3),
    );
    assert_eq!(plan.language, Language::Chinese);
    let draft = plan.draft.clone().unwrap();
    assert_eq!(draft.duration_ms(), 30_000);
    assert_eq!(
        first_meta(&draft, "bgm").and_then(|m| m.name()),
        Some("Calm")
    );
    assert!(role(&draft, "title").is_none(), "no title was asked for");
    assert!(
        plan.reply.contains("30秒") && plan.reply.contains("点击导出按钮"),
        "{}",
        plan.reply
    );
}

#[test]
fn the_reply_of_a_generation_assumes_the_editor() {
    let plan = turn("make a video", None, &photos(2));
    assert!(
        plan.reply
            .ends_with("click the Export button when you're ready."),
        "{}",
        plan.reply
    );
}

#[test]
fn uploaded_music_is_the_default_and_videos_are_left_out() {
    let mut media = photos(2);
    media.push(upload("med_song", "our song.mp3", MediaKind::Audio));
    media.push(upload("med_clip", "clip.mp4", MediaKind::Video));
    let plan = turn("make a video", None, &media);
    let draft = plan.draft.clone().unwrap();
    let music = first_meta(&draft, "bgm").unwrap();
    assert_eq!(
        (music.src(), music.name()),
        (Some("med_song"), Some("our song.mp3"))
    );
    assert_eq!(order(&draft), ["med_1", "med_2"]);
    assert!(
        plan.reply.contains("left out 1 video file"),
        "{}",
        plan.reply
    );
}

#[test]
fn without_music_and_title_stage_two_is_skipped() {
    let plan = turn("make a video with no music and no title", None, &photos(2));
    assert_eq!(step_names(&plan), ["create_slideshow"]);
    let plan = turn("make a video without music", None, &photos(2));
    assert_eq!(step_names(&plan), ["create_slideshow"]);
    let plan = turn(
        "make a video without music, with the title 'Summer'",
        None,
        &photos(2),
    );
    assert_eq!(step_names(&plan), ["create_slideshow", "add_title"]);
    assert!(role(plan.draft.as_ref().unwrap(), "bgm").is_none());
    assert!(plan.reply.contains("the title 'Summer'"), "{}", plan.reply);
}

#[test]
fn a_title_is_only_ever_the_persons_own_words() {
    let asked = turn("make a video with a title", None, &photos(2));
    assert_eq!(asked.kind, TurnKind::Generate);
    assert!(role(asked.draft.as_ref().unwrap(), "title").is_none());
    assert!(
        asked.reply.contains("What should the title say?"),
        "{}",
        asked.reply
    );
    let chinese = turn("做一个视频，加个标题", None, &photos(2));
    assert!(chinese.reply.contains("标题要写什么"), "{}", chinese.reply);
    let (draft, media) = made(2);
    let edit = turn("add a title", Some(&draft), &media);
    assert_eq!((edit.kind, edit.cost()), (TurnKind::Reply, Cost::Free));
    assert!(
        edit.reply.contains("What should the title say?"),
        "{}",
        edit.reply
    );
}

#[test]
fn instructions_before_any_video_generate_first() {
    let media = photos(3);
    let plan = turn("add a title 'Summer'", None, &media);
    assert_eq!(plan.kind, TurnKind::Generate);
    let draft = plan.draft.unwrap();
    assert_eq!(
        first_meta(&draft, "title").and_then(|m| m.text()),
        Some("Summer")
    );
    let plan = turn("make a video and remove the second photo", None, &media);
    assert_eq!(
        step_names(&plan),
        ["create_slideshow", "add_music", "remove_clips"]
    );
    assert_eq!(order(plan.draft.as_ref().unwrap()), ["med_1", "med_3"]);
}

#[test]
fn a_new_video_replaces_the_old_one_when_asked() {
    let (draft, media) = made(3);
    let plan = turn("start over with a 12 second video", Some(&draft), &media);
    assert_eq!(plan.kind, TurnKind::Generate);
    assert_eq!(plan.draft.unwrap().duration_ms(), 12_000);
}

#[test]
fn without_images_the_agent_asks_for_them_for_free() {
    for (message, language) in [
        ("make a video", Language::English),
        ("做成视频", Language::Chinese),
    ] {
        let plan = turn(message, None, &[]);
        assert_eq!(
            (plan.kind, plan.cost(), plan.language),
            (TurnKind::Reply, Cost::Free, language)
        );
        assert!(plan.steps.is_empty() && plan.draft.is_none());
        assert!(
            plan.reply.contains("upload") || plan.reply.contains("上传"),
            "{}",
            plan.reply
        );
    }
    let only_video = [upload("med_v", "trip.mp4", MediaKind::Video)];
    assert_eq!(
        turn("make a video", None, &only_video).kind,
        TurnKind::Reply
    );
}

#[test]
fn impossible_lengths_are_explained_for_free() {
    let plan = turn("make a 1-second video", None, &photos(7));
    assert_eq!(plan.cost(), Cost::Free);
    assert!(
        plan.reply.contains("at least 3.5 seconds"),
        "{}",
        plan.reply
    );
    let plan = turn("做一个20分钟的视频", None, &photos(2));
    assert_eq!(plan.cost(), Cost::Free);
    assert!(plan.reply.contains("太长"), "{}", plan.reply);
    assert_eq!(HD.width, 1920);
}
