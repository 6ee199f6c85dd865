//! Edits of music, titles and captions; answers that change nothing.

use i2v_core::draft::{Draft, Meta, Position, Span};

use super::support::{
    HD, final_draft, first_meta, made, photos, role, step_names, titled, turn, turn_with, upload,
};
use crate::agent::{Cost, Language, MediaKind, TurnKind};

fn volume(draft: &Draft) -> Option<f64> {
    first_meta(draft, "bgm").and_then(Meta::volume)
}

#[test]
fn lowering_raising_muting_and_setting_the_volume() {
    let (draft, media) = made(3);
    let lower = final_draft(&turn("lower the music", Some(&draft), &media));
    assert_eq!(volume(&lower), Some(0.21));
    let lower_again = final_draft(&turn("调低音乐", Some(&lower), &media));
    assert_eq!(volume(&lower_again), Some(0.13));
    let mut quiet = lower_again;
    for _ in 0..6 {
        quiet = turn("quieter", Some(&quiet), &media).draft.unwrap();
    }
    assert_eq!(volume(&quiet), Some(0.05), "lowering stops at 5%");
    let louder = final_draft(&turn("louder", Some(&draft), &media));
    assert_eq!(volume(&louder), Some(0.53));
    let muted = final_draft(&turn("静音", Some(&draft), &media));
    assert_eq!(volume(&muted), Some(0.0));
    assert!(role(&muted, "bgm").is_some(), "muting keeps the track");
    let back = final_draft(&turn("unmute", Some(&muted), &media));
    assert_eq!(volume(&back), Some(0.35));
    let set = turn("set music volume to 20%", Some(&draft), &media);
    assert_eq!(step_names(&set), ["set_music_volume"]);
    assert_eq!(volume(&final_draft(&set)), Some(0.2));
    assert!(set.reply.contains("20%"), "{}", set.reply);
}

#[test]
fn changing_and_removing_the_music() {
    let (draft, mut media) = made(3);
    let calm = final_draft(&turn("use relaxing music", Some(&draft), &media));
    let meta = first_meta(&calm, "bgm").unwrap();
    assert_eq!(
        (meta.src(), meta.name(), meta.volume()),
        (Some("library:calm"), Some("Calm"), Some(0.35))
    );
    let next = final_draft(&turn("换一首", Some(&draft), &media));
    assert_eq!(
        first_meta(&next, "bgm").and_then(Meta::name),
        Some("Upbeat")
    );
    let epic = final_draft(&turn("换成史诗音乐", Some(&draft), &media));
    assert_eq!(
        first_meta(&epic, "bgm").and_then(Meta::src),
        Some("library:cinematic")
    );
    let no_song = turn("use my song", Some(&draft), &media);
    assert_eq!(no_song.cost(), Cost::Free);
    assert!(no_song.reply.contains("upload"), "{}", no_song.reply);
    media.push(upload("med_song", "summer.mp3", MediaKind::Audio));
    let mine = final_draft(&turn("use my song", Some(&draft), &media));
    let meta = first_meta(&mine, "bgm").unwrap();
    assert_eq!(
        (meta.src(), meta.name()),
        (Some("med_song"), Some("summer.mp3"))
    );
    assert_eq!(
        role(&mine, "bgm")
            .and_then(|t| t.extent())
            .map(|s| s.end_ms),
        Some(9_000)
    );
    let removed = turn("remove the music", Some(&draft), &media);
    assert_eq!(step_names(&removed), ["remove_music"]);
    assert!(role(&final_draft(&removed), "bgm").is_none());
    let nothing = turn("lower the music", Some(&final_draft(&removed)), &media);
    assert_eq!(
        (nothing.kind, nothing.cost()),
        (TurnKind::Reply, Cost::Free)
    );
    let added = final_draft(&turn(
        "add background music",
        Some(&final_draft(&removed)),
        &media,
    ));
    assert_eq!(
        first_meta(&added, "bgm").and_then(Meta::src),
        Some("med_song")
    );
}

#[test]
fn titles_change_show_longer_go_and_come_back() {
    let (draft, media) = titled(3);
    let changed = turn("change the title to “Beach Day”", Some(&draft), &media);
    assert_eq!(
        first_meta(&final_draft(&changed), "title").and_then(Meta::text),
        Some("Beach Day")
    );
    assert!(changed.reply.contains("'Beach Day'"), "{}", changed.reply);
    let longer = final_draft(&turn("show the title for 5 seconds", Some(&draft), &media));
    assert_eq!(
        role(&longer, "title").and_then(|t| t.extent()),
        Some(Span {
            start_ms: 0,
            end_ms: 5_000
        })
    );
    let gone = final_draft(&turn("把标题删掉", Some(&draft), &media));
    assert!(role(&gone, "title").is_none());
    let again = turn("remove the title", Some(&gone), &media);
    assert_eq!(again.cost(), Cost::Free);
    let back = final_draft(&turn("加个标题「夏天」", Some(&gone), &media));
    assert_eq!(
        first_meta(&back, "title").and_then(Meta::text),
        Some("夏天")
    );
}

#[test]
fn captions_from_names_follow_their_pictures() {
    let (draft, media) = made(3);
    let plan = turn("add captions", Some(&draft), &media);
    assert_eq!(step_names(&plan), ["add_captions"]);
    let captioned = final_draft(&plan);
    let captions = role(&captioned, "subtitle").unwrap();
    let texts: Vec<&str> = captions
        .segments()
        .iter()
        .filter_map(|s| s.meta().and_then(Meta::text))
        .collect();
    assert_eq!(texts, ["Photo1", "Photo2", "Photo3"]);
    let spans: Vec<Span> = captions.spans().collect();
    let clips: Vec<Span> = super::support::video(&captioned).spans().collect();
    assert_eq!(spans, clips);
    assert_eq!(
        first_meta(&captioned, "subtitle").and_then(Meta::position),
        Some(Position::Bottom)
    );
    // Moving the last photo first takes its caption along.
    let moved = final_draft(&turn(
        "move the last photo to the start",
        Some(&captioned),
        &media,
    ));
    let first = role(&moved, "subtitle")
        .unwrap()
        .segments()
        .iter()
        .find(|s| s.start_ms() == Some(0))
        .and_then(|s| s.meta().and_then(Meta::text));
    assert_eq!(first, Some("Photo3"));
    let removed = final_draft(&turn("remove the second photo", Some(&captioned), &media));
    assert_eq!(
        role(&removed, "subtitle").map(|t| t.segments().len()),
        Some(2)
    );
    let one = final_draft(&turn(
        "add the caption 'Sunset' to the last photo",
        Some(&draft),
        &media,
    ));
    let caption = role(&one, "subtitle").unwrap();
    assert_eq!(
        caption.extent(),
        Some(Span {
            start_ms: 6_000,
            end_ms: 9_000
        })
    );
    let gone = final_draft(&turn("去掉字幕", Some(&captioned), &media));
    assert!(role(&gone, "subtitle").is_none());
    let none = turn("remove the captions", Some(&draft), &media);
    assert_eq!(none.cost(), Cost::Free);
}

#[test]
fn unknown_instructions_get_help_for_free() {
    let (draft, media) = made(2);
    for (message, language, expect) in [
        (
            "hello there",
            Language::English,
            "make each photo 4 seconds",
        ),
        (
            "what can you do?",
            Language::English,
            "Lo-fi, Upbeat, Calm and Cinematic",
        ),
        ("你好", Language::Chinese, "每张图片4秒"),
    ] {
        let plan = turn(message, Some(&draft), &media);
        assert_eq!(
            (plan.kind, plan.cost(), plan.language),
            (TurnKind::Reply, Cost::Free, language)
        );
        assert!(plan.steps.is_empty());
        assert_eq!(plan.draft.as_ref(), Some(&draft));
        assert!(plan.reply.contains(expect), "{}", plan.reply);
    }
    let before_video = turn("hi", None, &photos(2));
    assert!(
        before_video.reply.contains("make a video"),
        "{}",
        before_video.reply
    );
    let before_upload = turn("你好", None, &[]);
    assert!(
        before_upload.reply.contains("上传"),
        "{}",
        before_upload.reply
    );
}

#[test]
fn an_edit_that_changes_nothing_is_free() {
    let (draft, media) = made(3);
    let plan = turn("make it 9 seconds", Some(&draft), &media);
    assert_eq!((plan.kind, plan.cost()), (TurnKind::Reply, Cost::Free));
    assert!(
        plan.reply.contains("The video is already 9 seconds long."),
        "the value is named: {}",
        plan.reply
    );
    let mixed = turn(
        "make it 9 seconds and remove the music",
        Some(&draft),
        &media,
    );
    assert_eq!(mixed.cost(), Cost::Edit);
    assert!(
        mixed.reply.contains("already") && mixed.reply.contains("Removed the background music")
    );
}

#[test]
fn edit_replies_sometimes_assume_the_editor() {
    let (draft, media) = made(2);
    let hinted = turn_with("lower the music", Some(&draft), &media, HD, 0);
    assert!(
        hinted
            .reply
            .ends_with("Click the Export button when you're ready."),
        "{}",
        hinted.reply
    );
    let chinese = turn_with("调低音乐", Some(&draft), &media, HD, 0);
    assert!(chinese.reply.contains("点击导出按钮"), "{}", chinese.reply);
    let plain = turn_with("lower the music", Some(&draft), &media, HD, 2);
    assert!(!plain.reply.contains("Export"), "{}", plain.reply);
    assert_ne!(
        turn_with("lower the music", Some(&draft), &media, HD, 0x100).reply,
        turn_with("lower the music", Some(&draft), &media, HD, 0x200).reply,
        "the variant picks the phrasing"
    );
}

#[test]
fn export_requests_point_at_the_export_button_for_free() {
    let (draft, media) = made(2);
    let plan = turn("export", Some(&draft), &media);
    assert_eq!((plan.kind, plan.cost()), (TurnKind::Reply, Cost::Free));
    assert!(
        plan.reply.contains("click the Export button"),
        "{}",
        plan.reply
    );
    let chinese = turn("导出", Some(&draft), &media);
    assert!(chinese.reply.contains("点击导出按钮"), "{}", chinese.reply);
    let early = turn("export", None, &media);
    assert!(early.reply.contains("make a video"), "{}", early.reply);
    let question = turn("how do I add music?", Some(&draft), &media);
    assert_eq!(question.cost(), Cost::Free);
    assert!(question.reply.contains("calm music"), "{}", question.reply);
}

#[test]
fn title_size_changes_within_bounds() {
    let (draft, media) = titled(2);
    let bigger = final_draft(&turn("make the title bigger", Some(&draft), &media));
    assert_eq!(
        first_meta(&bigger, "title").and_then(Meta::font_size),
        Some(90.0)
    );
    let smaller = final_draft(&turn("标题小一点", Some(&draft), &media));
    assert_eq!(
        first_meta(&smaller, "title").and_then(Meta::font_size),
        Some(58.0)
    );
}
