//! Edits of the pictures: lengths, order, removal, additions, transitions, motion, shape.

use i2v_core::draft::{Draft, Motion};
use serde_json::json;

use super::support::{
    HD, final_draft, first_meta, lengths, made, order, photos, role, step_names, titled,
    transitions, turn, turn_with,
};
use crate::agent::{Canvas, Cost, TurnKind};

fn ids(ids: &[u32]) -> Vec<String> {
    ids.iter().map(|i| format!("med_{i}")).collect()
}

#[test]
fn a_new_total_is_split_evenly_and_the_music_follows() {
    let (draft, media) = titled(5);
    let plan = turn("make it 21 seconds", Some(&draft), &media);
    assert_eq!((plan.kind, plan.cost()), (TurnKind::Edit, Cost::Edit));
    assert_eq!(step_names(&plan), ["set_duration"]);
    let after = final_draft(&plan);
    assert_eq!(lengths(&after), [4200; 5]);
    assert_eq!(
        role(&after, "bgm")
            .and_then(|t| t.extent())
            .map(|s| s.end_ms),
        Some(21_000)
    );
    assert_eq!(
        role(&after, "title")
            .and_then(|t| t.extent())
            .map(|s| s.end_ms),
        Some(3_000)
    );
    assert!(plan.may_be_silent());
    let chinese = turn("改成半分钟", Some(&draft), &media);
    assert_eq!(final_draft(&chinese).duration_ms(), 30_000);
    assert!(chinese.reply.contains("30秒"), "{}", chinese.reply);
}

#[test]
fn lengths_per_picture_and_for_one_picture() {
    let (draft, media) = made(4);
    let each = final_draft(&turn("make each photo 4 seconds", Some(&draft), &media));
    assert_eq!(lengths(&each), [4000; 4]);
    let one = final_draft(&turn("第二张图片5秒", Some(&draft), &media));
    assert_eq!(lengths(&one), [3000, 5000, 3000, 3000]);
    assert_eq!(
        role(&one, "bgm").and_then(|t| t.extent()).map(|s| s.end_ms),
        Some(14_000)
    );
    let longer = final_draft(&turn("make it 4 seconds longer", Some(&draft), &media));
    assert_eq!(lengths(&longer), [4000; 4]);
    let shorter = final_draft(&turn("make it shorter", Some(&draft), &media));
    assert_eq!(shorter.duration_ms(), 9_600);
}

#[test]
fn short_pictures_get_shorter_transitions() {
    let (draft, media) = made(3);
    let quick = final_draft(&turn("make it 3 seconds", Some(&draft), &media));
    assert_eq!(lengths(&quick), [1000; 3]);
    assert_eq!(transitions(&quick)[0], Some(("fade".to_owned(), 500)));
    let too_quick = turn("make it 1 second", Some(&draft), &media);
    assert_eq!(too_quick.cost(), Cost::Free);
    assert_eq!(too_quick.draft.as_ref(), Some(&draft));
}

#[test]
fn removing_pictures_keeps_everything_in_step() {
    let (draft, media) = made(5);
    let plan = turn("remove the second photo", Some(&draft), &media);
    let after = final_draft(&plan);
    assert_eq!(order(&after), ids(&[1, 3, 4, 5]));
    assert_eq!(after.duration_ms(), 12_000);
    assert_eq!(
        role(&after, "bgm")
            .and_then(|t| t.extent())
            .map(|s| s.end_ms),
        Some(12_000)
    );
    let last = final_draft(&turn("删掉最后一张", Some(&draft), &media));
    assert_eq!(order(&last), ids(&[1, 2, 3, 4]));
    assert_eq!(transitions(&last).last(), Some(&None));
    assert!(transitions(&last).iter().take(3).all(Option::is_some));
    let several = final_draft(&turn("delete photos 2 and 4", Some(&draft), &media));
    assert_eq!(order(&several), ids(&[1, 3, 5]));
    let all = turn(
        "remove the first, second, third, fourth and fifth photos",
        Some(&draft),
        &media,
    );
    assert_eq!(all.cost(), Cost::Free);
    assert!(all.reply.contains("at least one"), "{}", all.reply);
}

#[test]
fn moving_swapping_and_reversing() {
    let (draft, media) = made(4);
    let moved = final_draft(&turn(
        "move the last photo to the start",
        Some(&draft),
        &media,
    ));
    assert_eq!(order(&moved), ids(&[4, 1, 2, 3]));
    // The picture that became last lost its transition; the one moved away from the end got one.
    let kinds: Vec<bool> = transitions(&moved).iter().map(Option::is_some).collect();
    assert_eq!(kinds, [true, true, true, false]);
    let chinese = final_draft(&turn("把第一张放到最后", Some(&draft), &media));
    assert_eq!(order(&chinese), ids(&[2, 3, 4, 1]));
    let after = final_draft(&turn("move photo 1 after photo 3", Some(&draft), &media));
    assert_eq!(order(&after), ids(&[2, 3, 1, 4]));
    let swapped = final_draft(&turn(
        "swap the first and last photos",
        Some(&draft),
        &media,
    ));
    assert_eq!(order(&swapped), ids(&[4, 2, 3, 1]));
    let reversed = final_draft(&turn("倒序", Some(&draft), &media));
    assert_eq!(order(&reversed), ids(&[4, 3, 2, 1]));
    let motions: Vec<&str> = super::support::video(&reversed)
        .segments()
        .iter()
        .map(|s| s.meta().and_then(|m| m.motion()).map_or("", Motion::word))
        .collect();
    assert_eq!(
        motions,
        ["zoom_out", "zoom_in", "zoom_out", "zoom_in"],
        "motion stays with its photo"
    );
}

#[test]
fn pictures_that_do_not_exist_are_explained_for_free() {
    let (draft, media) = made(3);
    let plan = turn("remove the 9th photo", Some(&draft), &media);
    assert_eq!((plan.kind, plan.cost()), (TurnKind::Reply, Cost::Free));
    assert_eq!(plan.draft.as_ref(), Some(&draft));
    assert!(
        plan.reply.contains("no photo 9") && plan.reply.contains("3 photos"),
        "{}",
        plan.reply
    );
    let chinese = turn("删除第五张", Some(&draft), &media);
    assert!(
        chinese.reply.contains("第5张") && chinese.reply.contains("3张"),
        "{}",
        chinese.reply
    );
    let which = turn("remove this photo", Some(&draft), &media);
    assert!(which.reply.contains("Which photo"), "{}", which.reply);
}

#[test]
fn new_uploads_are_appended() {
    let (draft, mut media) = made(2);
    media.extend(photos(4).into_iter().skip(2));
    let plan = turn("add the new photos", Some(&draft), &media);
    let after = final_draft(&plan);
    assert_eq!(order(&after), ids(&[1, 2, 3, 4]));
    assert_eq!(lengths(&after), [3000; 4]);
    assert_eq!(
        transitions(&after).iter().filter(|t| t.is_some()).count(),
        3
    );
    let again = turn("add the new photos", Some(&after), &media);
    assert_eq!(again.cost(), Cost::Free);
}

#[test]
fn transitions_change_kind_length_or_go() {
    let (draft, media) = made(3);
    let dissolve = final_draft(&turn("use dissolve transitions", Some(&draft), &media));
    assert_eq!(
        transitions(&dissolve),
        [
            Some(("dissolve".to_owned(), 800)),
            Some(("dissolve".to_owned(), 800)),
            None
        ]
    );
    let long = final_draft(&turn("转场1秒", Some(&draft), &media));
    assert_eq!(transitions(&long)[0], Some(("fade".to_owned(), 1000)));
    let none = final_draft(&turn("no transitions", Some(&draft), &media));
    assert!(transitions(&none).iter().all(Option::is_none));
    let again = final_draft(&turn("smooth transitions", Some(&none), &media));
    assert_eq!(transitions(&again)[1], Some(("fade".to_owned(), 800)));
    let same = turn("smooth transitions", Some(&draft), &media);
    assert_eq!(same.cost(), Cost::Free, "crossfades were already there");
}

#[test]
fn motion_changes_for_all_or_one() {
    let (draft, media) = made(3);
    let still = final_draft(&turn("no motion", Some(&draft), &media));
    let motion = |d: &Draft, i: usize| {
        super::support::video(d)
            .segment(i)
            .and_then(|s| s.meta())
            .and_then(|m| m.motion())
            .map(|m| m.word().to_owned())
    };
    assert!((0..3).all(|i| motion(&still, i).as_deref() == Some("none")));
    let one = final_draft(&turn("pan left on the second photo", Some(&draft), &media));
    assert_eq!(motion(&one, 1).as_deref(), Some("pan_left"));
    assert_eq!(motion(&one, 0).as_deref(), Some("zoom_in"));
}

#[test]
fn the_frame_shape_changes_the_canvas_only() {
    let (draft, media) = made(2);
    let plan = turn("make it vertical", Some(&draft), &media);
    assert_eq!(plan.kind, TurnKind::Edit);
    assert_eq!(step_names(&plan), ["set_aspect_ratio"]);
    let portrait = Canvas {
        width: 1080,
        height: 1920,
        fps: 30,
    };
    assert_eq!(plan.canvas, Some(portrait));
    assert_eq!(plan.steps[0].draft, None);
    assert_eq!(
        plan.steps[0].args,
        json!({"aspect": "9:16", "width": 1080, "height": 1920})
    );
    assert_eq!(plan.draft.as_ref(), Some(&draft));
    assert!(
        !plan.may_be_silent(),
        "a canvas change must be told in words"
    );
    let square = turn("做成方形", Some(&draft), &media);
    assert_eq!(
        square.canvas,
        Some(Canvas {
            width: 1080,
            height: 1080,
            fps: 30
        })
    );
    let same = turn_with("landscape please", Some(&draft), &media, HD, 2);
    assert_eq!((same.cost(), same.canvas), (Cost::Free, None));
}

#[test]
fn several_instructions_make_several_steps() {
    let (draft, media) = made(3);
    let plan = turn(
        "make it vertical and add a title 'Summer', then remove the second photo",
        Some(&draft),
        &media,
    );
    assert_eq!(
        step_names(&plan),
        ["set_aspect_ratio", "set_title", "remove_clips"]
    );
    let after = final_draft(&plan);
    assert_eq!(
        first_meta(&after, "title").and_then(|m| m.text()),
        Some("Summer")
    );
    assert_eq!(order(&after), ids(&[1, 3]));
    assert_eq!(
        plan.steps[1].draft.as_ref().map(|d| order(d).len()),
        Some(3)
    );
}

#[test]
fn keys_the_agent_does_not_know_survive_edits() {
    let (draft, media) = made(3);
    let mut value = draft.to_value();
    value["v"] = json!(7);
    value["t"][0]["sg"][1]["m"]["filter"] = json!("warm");
    value["t"][0]["sg"][0]["m"]["transition"]["easing"] = json!("linear");
    value["t"][1]["m"]["ducking"] = json!(true);
    let draft = Draft::from_value(value).unwrap();
    let plan = turn(
        "make it 12 seconds, use dissolve transitions and lower the music",
        Some(&draft),
        &media,
    );
    let after = final_draft(&plan).to_value();
    assert_eq!(after["v"], 7);
    assert_eq!(after["t"][0]["sg"][1]["m"]["filter"], "warm");
    assert_eq!(
        after["t"][0]["sg"][0]["m"]["transition"]["easing"],
        "linear"
    );
    assert_eq!(
        after["t"][0]["sg"][0]["m"]["transition"]["type"],
        "dissolve"
    );
    assert_eq!(after["t"][1]["m"]["ducking"], true);
    assert_eq!(after["t"][1]["sg"][0]["m"]["volume"], 0.21);
}

#[test]
fn keeping_some_pictures_and_resizing_one() {
    let (draft, media) = made(5);
    let kept = final_draft(&turn(
        "keep only the first three photos",
        Some(&draft),
        &media,
    ));
    assert_eq!(order(&kept), ids(&[1, 2, 3]));
    let all = turn("只保留前五张", Some(&draft), &media);
    assert_eq!(all.cost(), Cost::Free);
    let longer = turn(
        "make the first photo 2 seconds longer",
        Some(&draft),
        &media,
    );
    assert_eq!(
        lengths(&final_draft(&longer)),
        [5000, 3000, 3000, 3000, 3000]
    );
    assert!(
        longer.reply.contains("Photo 1 now shows for 5 seconds"),
        "{}",
        longer.reply
    );
    let half = final_draft(&turn("make the last photo shorter", Some(&draft), &media));
    assert_eq!(lengths(&half), [3000, 3000, 3000, 3000, 1500]);
}

#[test]
fn transitions_get_quicker_or_slower() {
    let (draft, media) = made(3);
    let quick = final_draft(&turn("make the transitions faster", Some(&draft), &media));
    assert_eq!(transitions(&quick)[0], Some(("fade".to_owned(), 400)));
    let slow = final_draft(&turn("slower transitions", Some(&draft), &media));
    assert_eq!(transitions(&slow)[0], Some(("fade".to_owned(), 1200)));
}

#[test]
fn absurd_lengths_in_a_foreign_draft_are_refused_not_fatal() {
    let media = photos(3);
    let draft = Draft::from_value(json!({"t": [{"tt": 0, "sg": [
        {"d": 1e30, "m": {"src": "med_1"}}, {"d": 1e30, "m": {"src": "med_2"}}
    ]}]}))
    .unwrap();
    for message in [
        "make it shorter",
        "make it 5 seconds longer",
        "make the first photo longer",
        "add the new photos",
        "remove the first photo",
        "add captions",
    ] {
        let plan = turn(message, Some(&draft), &media);
        assert!(!plan.reply.is_empty(), "{message}");
    }
}
