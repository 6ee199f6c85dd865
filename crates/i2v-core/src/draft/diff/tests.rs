#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{Value, json};

use super::*;

const EXAMPLE: &str = include_str!("../testdata/urban_dreams.json");

fn draft(value: Value) -> Draft {
    Draft::from_value(value).unwrap()
}

fn example() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

fn said(before: Value, after: Value) -> Vec<String> {
    diff(&draft(before), &draft(after))
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// A video track of `n` 3-second clips, `med_1`… when `with_src`, with names `clip 1`…
fn clips(n: usize, with_src: bool) -> Value {
    let clip = |i: usize| {
        let mut meta = json!({"name": format!("clip {i}")});
        if with_src {
            meta["src"] = json!(format!("med_{i}"));
        }
        json!({"d": 3000, "m": meta})
    };
    json!({"t": [{"tt": 0, "sg": (1..=n).map(clip).collect::<Vec<_>>()}]})
}

fn segments(value: &mut Value) -> &mut Vec<Value> {
    value["t"][0]["sg"].as_array_mut().unwrap()
}

#[test]
fn identical_drafts_have_no_changes() {
    assert!(said(example(), example()).is_empty());
    assert!(said(json!({}), json!({"t": []})).is_empty());
    assert!(said(json!({"t": null}), json!({})).is_empty());
}

#[test]
fn a_change_of_number_form_only_is_no_change() {
    let mut after = example();
    after["t"][0]["sg"][0]["d"] = json!(10000.0);
    after["t"][1]["tt"] = json!(1.0);
    assert!(said(example(), after).is_empty());
}

#[test]
fn a_new_title_track_is_one_change() {
    let mut before = example();
    before["t"].as_array_mut().unwrap().pop();
    let mut after = before.clone();
    after["t"]
        .as_array_mut()
        .unwrap()
        .push(json!({"tt": 7, "m": {"role": "title"},
        "sg": [{"d": 3000, "m": {"text": "Paradise Found"}}]}));
    let changes = diff(&draft(before), &draft(after));
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].to_string(),
        "Title added: \"Paradise Found\" (0-3s)"
    );
    assert_eq!(
        changes[0].subject,
        Subject::Track {
            name: "Title".into()
        }
    );
    assert_eq!(
        changes[0].after,
        Some(Place {
            track: 2,
            segment: None
        })
    );
}

#[test]
fn a_volume_change_names_the_track() {
    let mut after = example();
    after["t"][1]["sg"][0]["m"]["volume"] = json!(0.2);
    assert_eq!(said(example(), after), ["BGM volume 35% → 20%"]);
    let mut louder = example();
    louder["t"][1]["m"]["volume"] = json!(0.8);
    assert_eq!(said(example(), louder), ["BGM volume 100% → 80%"]);
}

#[test]
fn removing_clip_3_of_5_is_one_change_with_or_without_src() {
    for with_src in [true, false] {
        let before = clips(5, with_src);
        let mut after = before.clone();
        segments(&mut after).remove(2);
        let changes = diff(&draft(before), &draft(after));
        let words: Vec<String> = changes.iter().map(ToString::to_string).collect();
        assert_eq!(words, ["Clip 3 removed"], "with src: {with_src}");
        assert_eq!(changes[0].kind, ChangeKind::Removed);
        assert_eq!(
            changes[0].before,
            Some(Place {
                track: 0,
                segment: Some(2)
            })
        );
        assert_eq!(changes[0].after, None);
    }
}

#[test]
fn durations_texts_and_transitions_read_as_the_protocol_says() {
    let before = clips(3, true);
    let mut after = before.clone();
    segments(&mut after)[1]["d"] = json!(5000);
    assert_eq!(said(before.clone(), after), ["Clip 2 duration 3s → 5s"]);

    let mut with_fade = before.clone();
    segments(&mut with_fade)[0]["m"]["transition"] = json!({"type": "fade", "d": 800});
    let mut with_slide = with_fade.clone();
    segments(&mut with_slide)[0]["m"]["transition"]["type"] = json!("slideleft");
    let mut longer = with_fade.clone();
    segments(&mut longer)[0]["m"]["transition"]["d"] = json!(1200);
    assert_eq!(
        said(with_fade.clone(), with_slide),
        ["Transition after clip 1: fade → slideleft"]
    );
    assert_eq!(
        said(with_fade.clone(), longer),
        ["Transition after clip 1: fade 0.8s → fade 1.2s"]
    );
    assert_eq!(
        said(before, with_fade),
        ["Transition after clip 1: none → fade"]
    );

    let mut renamed = example();
    renamed["t"][2]["sg"][0]["m"]["text"] = json!("B");
    let mut original = example();
    original["t"][2]["sg"][0]["m"]["text"] = json!("A");
    assert_eq!(said(original, renamed), ["Title text \"A\" → \"B\""]);
}

#[test]
fn reordering_is_told_as_moves() {
    let before = clips(5, true);
    let mut after = before.clone();
    let last = segments(&mut after).pop().unwrap();
    segments(&mut after).insert(0, last);
    let changes = diff(&draft(before.clone()), &draft(after));
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].to_string(), "Clip 5 moved to position 1");
    assert_eq!(changes[0].kind, ChangeKind::Moved { to: 1 });

    let mut swapped = before.clone();
    segments(&mut swapped).swap(0, 1);
    assert_eq!(said(before, swapped), ["Clip 1 moved to position 2"]);
}

#[test]
fn added_clips_say_what_and_where() {
    let before = clips(3, true);
    let mut after = before.clone();
    segments(&mut after).push(json!({"d": 2500, "m": {"src": "med_9", "name": "sunset"}}));
    segments(&mut after).push(json!({"d": 1000}));
    assert_eq!(
        said(before, after),
        ["Clip 4 added: sunset (9-11.5s)", "Clip 5 added: 11.5-12.5s"]
    );
}

#[test]
fn a_single_segment_is_the_same_segment_whatever_it_became() {
    let mut after = example();
    after["t"][1]["sg"][0]["m"]["src"] = json!("lib://music/jazz.mp3");
    after["t"][1]["sg"][0]["m"]["name"] = json!("Jazz");
    assert_eq!(said(example(), after), ["BGM replaced: Lo-fi → Jazz"]);
    let mut renamed = example();
    renamed["t"][0]["sg"][0]["m"]["name"] = json!("city at night");
    assert_eq!(
        said(example(), renamed),
        ["Video renamed: city timelapse → city at night"]
    );
    let mut faded = example();
    faded["t"][0]["sg"][0]["m"]["transition"] = json!({"type": "fade", "d": 800});
    assert_eq!(
        said(example(), faded),
        ["Transition after clip 1: none → fade"]
    );
}

#[test]
fn tracks_removed_and_moved() {
    let mut no_bgm = example();
    no_bgm["t"].as_array_mut().unwrap().remove(1);
    assert_eq!(said(example(), no_bgm), ["BGM removed"]);
    let mut reordered = example();
    reordered["t"].as_array_mut().unwrap().swap(1, 2);
    assert_eq!(said(example(), reordered), ["BGM moved to position 3"]);
}

#[test]
fn several_tracks_with_one_label_are_numbered() {
    let mut before = clips(2, true);
    let second =
        json!({"tt": 0, "sg": [{"d": 1000, "m": {"src": "a"}}, {"d": 1000, "m": {"src": "b"}}]});
    before["t"].as_array_mut().unwrap().push(second);
    let mut after = before.clone();
    after["t"][1]["sg"].as_array_mut().unwrap().remove(0);
    after["t"][0]["sg"][0]["d"] = json!(4000);
    assert_eq!(
        said(before, after),
        ["Clip 1 duration 3s → 4s", "Video 2 clip 1 removed"]
    );
}

#[test]
fn explicit_starts_and_other_keys_are_reported() {
    let mut later = example();
    later["t"][2]["sg"][0]["s"] = json!(2000);
    assert_eq!(said(example(), later), ["Title start 0s → 2s"]);
    let mut restyled = example();
    restyled["t"][0]["sg"][0]["m"]["fit"] = json!("blur");
    restyled["t"][0]["sg"][0]["m"]["motion"] = Value::Null;
    restyled["t"][0]["sg"][0]["id"] = json!("seg_9");
    assert_eq!(
        said(example(), restyled),
        ["Video changed: fit, id, motion"]
    );
    let mut canvas = example();
    canvas["canvas"]["w"] = json!(1080);
    assert_eq!(said(example(), canvas), ["Timeline changed: canvas"]);
    let mut eased = example();
    eased["t"][0]["sg"][0]["m"]["transition"] = json!({"type": "fade"});
    let mut eased_more = eased.clone();
    eased_more["t"][0]["sg"][0]["m"]["transition"]["ease"] = json!("in");
    assert_eq!(said(eased, eased_more), ["Video changed: transition"]);
}

#[test]
fn unkeyed_edits_pair_with_their_new_selves() {
    let subtitles = |texts: &[&str]| {
        let sg: Vec<Value> = texts
            .iter()
            .map(|t| json!({"d": 1000, "m": {"text": t}}))
            .collect();
        json!({"t": [{"tt": 7, "m": {"role": "subtitle"}, "sg": sg}]})
    };
    assert_eq!(
        said(subtitles(&["a", "b", "c"]), subtitles(&["a", "x", "c"])),
        ["Subtitle clip 2 text \"b\" → \"x\""]
    );
    assert_eq!(
        said(
            subtitles(&["a", "b", "c", "d"]),
            subtitles(&["a", "c", "d"])
        ),
        ["Subtitle clip 2 removed"]
    );
}
