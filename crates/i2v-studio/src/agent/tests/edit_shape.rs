//! Whole turns about the video's shape: the 4:5 and 4:3 frames and shapes the agent does not
//! make, the pace, and fades of the whole video from and to black.

use i2v_core::draft::{Canvas, Draft, Meta, Track};
use serde_json::json;

use super::support::{
    HD, final_draft, first_meta, lengths, made, photos, role, step_names, transitions, turn,
    turn_with, video,
};
use crate::agent::{Cost, TurnKind};

fn music_end(draft: &Draft) -> Option<u64> {
    role(draft, "bgm")
        .and_then(Track::extent)
        .map(|span| span.end_ms)
}

#[test]
fn four_by_five_and_four_by_three_are_made_and_said() {
    let (draft, media) = made(3);
    let tall = turn("make it 4:5", Some(&draft), &media);
    assert_eq!((tall.kind, tall.cost()), (TurnKind::Edit, Cost::Edit));
    assert_eq!(step_names(&tall), ["set_aspect_ratio"]);
    assert_eq!(tall.canvas, Some(Canvas::TALL));
    assert_eq!(
        tall.steps[0].args,
        json!({"aspect": "4:5", "width": 1080, "height": 1350})
    );
    assert!(tall.reply.contains("4:5 (1080x1350)"), "{}", tall.reply);
    let classic = turn("换成4比3", Some(&draft), &media);
    assert_eq!(classic.canvas, Some(Canvas::CLASSIC));
    assert!(classic.reply.contains("4:3"), "{}", classic.reply);
    // Asked again on that frame: nothing to do, and free.
    let again = turn_with("instagram portrait", Some(&draft), &media, Canvas::TALL, 2);
    assert_eq!((again.cost(), again.canvas), (Cost::Free, None));
    // A new video in the shape asked.
    let new = turn("make a 4:3 video", None, &media);
    assert_eq!(new.kind, TurnKind::Generate);
    assert_eq!(new.canvas, Some(Canvas::CLASSIC));
}

#[test]
fn a_shape_the_agent_does_not_make_is_answered_and_changes_nothing() {
    let (draft, media) = made(3);
    let wide = turn("make it 21:9", Some(&draft), &media);
    assert_eq!((wide.kind, wide.cost()), (TurnKind::Reply, Cost::Free));
    assert_eq!((wide.canvas, wide.draft.as_ref()), (None, Some(&draft)));
    assert_eq!(
        wide.reply,
        "I can't make 21:9 videos: I can make 16:9, 9:16, 1:1, 4:5 or 4:3."
    );
    let chinese = turn("改成21:9", Some(&draft), &media);
    assert_eq!(
        chinese.reply,
        "暂时做不了21:9的画面：可以做16:9、9:16、1:1、4:5或4:3。"
    );
    // Said with a change it can make, that change is made and the shape is answered.
    let both = turn("make it 3:2 and add a title 'Hi'", Some(&draft), &media);
    assert_eq!(step_names(&both), ["set_title"]);
    assert!(
        both.reply.contains("I can't make 3:2 videos"),
        "{}",
        both.reply
    );
    assert_eq!(both.canvas, None);
}

#[test]
fn the_pace_scales_every_picture_and_the_music_follows() {
    let (draft, media) = made(4);
    let faster = turn("make it faster", Some(&draft), &media);
    assert_eq!((faster.kind, faster.cost()), (TurnKind::Edit, Cost::Edit));
    assert_eq!(step_names(&faster), ["set_pace"]);
    let quick = final_draft(&faster);
    assert_eq!(lengths(&quick), [2400; 4]);
    assert_eq!(music_end(&quick), Some(9600));
    // The music is the same music, at the same volume.
    assert_eq!(
        first_meta(&quick, "bgm").map(|m| (m.src(), m.volume())),
        first_meta(&draft, "bgm").map(|m| (m.src(), m.volume()))
    );
    assert_eq!(
        faster.reply,
        "Done! Picked up the pace: each photo now shows for about 2.4 s (9.6 seconds in all), \
         and the music still ends with the video."
    );
    // Slower undoes faster.
    let back = turn("slow it down", Some(&quick), &media);
    assert_eq!(lengths(&final_draft(&back)), [3000; 4]);
    assert_eq!(music_end(&final_draft(&back)), Some(12_000));
    let chinese = turn("节奏快一点", Some(&draft), &media);
    assert_eq!(lengths(&final_draft(&chinese)), [2400; 4]);
    assert!(
        chinese
            .reply
            .contains("节奏加快了：每张图片现在约显示2.4秒（共9.6秒）"),
        "{}",
        chinese.reply
    );
    let relaxed = turn("more relaxed pace", Some(&draft), &media);
    assert_eq!(lengths(&final_draft(&relaxed)), [3750; 4]);
}

#[test]
fn speeding_up_no_longer_turns_the_music_up() {
    let (draft, media) = made(3);
    for message in ["speed it up", "slow it down", "慢一点"] {
        let plan = turn(message, Some(&draft), &media);
        assert_eq!(step_names(&plan), ["set_pace"], "{message}");
        let after = final_draft(&plan);
        assert_eq!(
            first_meta(&after, "bgm").map(|m| (m.src(), m.volume())),
            first_meta(&draft, "bgm").map(|m| (m.src(), m.volume())),
            "{message}"
        );
    }
    // The music's own tempo is still the music's.
    let upbeat = final_draft(&turn("make the music faster", Some(&draft), &media));
    assert_eq!(
        first_meta(&upbeat, "bgm").and_then(Meta::src),
        Some("library:upbeat")
    );
    assert_eq!(lengths(&upbeat), [3000; 3]);
}

#[test]
fn the_pace_stops_at_the_shortest_picture() {
    let media = photos(2);
    let quick = final_draft(&turn("make a 1-second video", None, &media));
    assert_eq!(lengths(&quick), [500, 500]);
    let plan = turn("make it faster", Some(&quick), &media);
    assert_eq!(
        (plan.cost(), plan.draft.as_ref()),
        (Cost::Free, Some(&quick))
    );
    assert_eq!(
        plan.reply,
        "I can't make it any faster: each photo has to show for at least 0.5 seconds."
    );
}

#[test]
fn the_whole_video_fades_in_and_out_without_touching_the_transitions() {
    let (draft, media) = made(3);
    let plan = turn("fade in from black at the start", Some(&draft), &media);
    assert_eq!(step_names(&plan), ["set_video_fade"]);
    assert_eq!(
        plan.steps[0].args,
        json!({"at": "start", "duration_ms": 1000})
    );
    let faded = final_draft(&plan);
    assert_eq!(video(&faded).meta().and_then(Meta::fade_in_ms), Some(1000));
    assert_eq!(transitions(&faded), transitions(&draft));
    assert_eq!(
        plan.reply,
        "Done! The video now fades in from black at the start (1 s)."
    );
    // "fade to black at the end" once made every transition a fade through black.
    let black = turn("fade to black at the end", Some(&faded), &media);
    let both = final_draft(&black);
    assert_eq!(transitions(&both), transitions(&draft));
    assert_eq!(video(&both).fade_in_ms(), Some(1000));
    assert_eq!(video(&both).fade_out_ms(), Some(1000));
    assert_eq!(
        (
            both.layout().tracks[0].fade_in_ms,
            both.layout().tracks[0].fade_out_ms
        ),
        (Some(1000), Some(1000))
    );
    // In Chinese, and with a length.
    let chinese = turn("淡入开头", Some(&draft), &media);
    assert_eq!(chinese.reply, "好的！视频开头现在从黑场淡入（1秒）。");
    let out = turn("结尾淡出2秒", Some(&draft), &media);
    assert_eq!(video(&final_draft(&out)).fade_out_ms(), Some(2000));
    assert!(out.reply.contains("淡出到黑场（2秒）"), "{}", out.reply);
}

#[test]
fn fades_stay_through_edits_and_go_when_asked() {
    let (draft, media) = made(4);
    let faded = final_draft(&turn("fade in and out", Some(&draft), &media));
    let shorter = final_draft(&turn("remove the second photo", Some(&faded), &media));
    assert_eq!(
        (video(&shorter).fade_in_ms(), video(&shorter).fade_out_ms()),
        (Some(1000), Some(1000))
    );
    let removed = turn("no fade out", Some(&shorter), &media);
    assert_eq!(removed.reply, "Done! Removed the fade-out at the end.");
    let after = final_draft(&removed);
    assert_eq!(video(&after).fade_out_ms(), None);
    assert_eq!(video(&after).fade_in_ms(), Some(1000));
    // Nothing to remove, or already so: free, and said.
    let none = turn("no fade out", Some(&after), &media);
    assert_eq!(none.cost(), Cost::Free);
    assert_eq!(none.reply, "There's no fade-out at the end to remove.");
    let again = turn("fade in", Some(&after), &media);
    assert_eq!(again.cost(), Cost::Free);
    // Longer than half the video, or than 5 s: refused.
    let long = turn("fade out over 8 seconds", Some(&draft), &media);
    assert_eq!(long.cost(), Cost::Free);
    assert!(long.reply.contains("5 seconds"), "{}", long.reply);
}

#[test]
fn a_new_video_can_fade_from_the_start() {
    let media = photos(3);
    let plan = turn_with(
        "make a video and fade in from black at the start",
        None,
        &media,
        HD,
        2,
    );
    assert_eq!(plan.kind, TurnKind::Generate);
    assert_eq!(
        step_names(&plan),
        ["create_slideshow", "add_music", "set_video_fade"]
    );
    assert_eq!(video(&final_draft(&plan)).fade_in_ms(), Some(1000));
}
