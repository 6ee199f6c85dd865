//! Properties over generated input: nothing panics, whatever arrives, and a draft that reads
//! comes back equal.
//!
//! Three sources: arbitrary JSON (with draft keys likely, so that parsing goes deep), arbitrary
//! text, and well-formed drafts with unknown keys, `null`s and numbers of every form — also with
//! one node swapped for arbitrary JSON, which must either read or fail at exactly that node.

use proptest::prelude::*;
use serde_json::{Map, Value, json};

use super::*;

const KNOWN_KEYS: &[&str] = &[
    "t",
    "tt",
    "sg",
    "d",
    "s",
    "m",
    "name",
    "src",
    "text",
    "role",
    "volume",
    "transition",
    "fit",
    "motion",
    "position",
    "color",
    "font_size",
    "fade_in",
    "fade_out",
    "type",
];

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0u64..20_000).prop_map(Value::from),
        (-2_000i64..0).prop_map(Value::from),
        (-1_000.0f64..20_000.0).prop_map(Value::from),
        Just(json!(3000.0)),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        // Non-finite floats become `null`, which is fine: `null` is allowed everywhere.
        any::<f64>().prop_map(Value::from),
    ]
}

fn text() -> impl Strategy<Value = Value> {
    "(?s).{0,10}".prop_map(Value::from)
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(KNOWN_KEYS).prop_map(str::to_owned),
        "[a-z_~/]{0,4}",
    ]
}

/// Any JSON value, nested, of every type, with draft keys likely.
fn any_json() -> impl Strategy<Value = Value> {
    json_up_to(6, 96)
}

/// Any JSON value, at most `depth` deep and about `size` nodes large.
fn json_up_to(depth: u32, size: u32) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        number(),
        text(),
    ];
    leaf.prop_recursive(depth, size, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Keys no level of the model knows (all known keys are lowercase without `X`), with any values.
fn unknown_keys() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::btree_map("X[a-z]{0,3}", json_up_to(2, 8), 0..3)
        .prop_map(|map| map.into_iter().collect())
}

/// A known key: absent, `null`, or a value of its type.
fn maybe(value: impl Strategy<Value = Value>) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        4 => value.prop_map(Some),
        1 => Just(None),
        1 => Just(Some(Value::Null)),
    ]
}

fn object(known: Vec<(&'static str, Option<Value>)>, mut unknown: Map<String, Value>) -> Value {
    for (key, value) in known {
        if let Some(value) = value {
            unknown.insert(key.to_owned(), value);
        }
    }
    Value::Object(unknown)
}

fn transition() -> impl Strategy<Value = Value> {
    let kind = prop::sample::select(&["fade", "slideleft", "wipe", ""][..]).prop_map(Value::from);
    (maybe(kind), maybe(number()), unknown_keys())
        .prop_map(|(kind, d, rest)| object(vec![("type", kind), ("d", d)], rest))
}

fn meta() -> impl Strategy<Value = Value> {
    let strings = prop::collection::vec(maybe(text()), 8);
    let numbers = prop::collection::vec(maybe(number()), 4);
    let role = prop::sample::select(&["bgm", "title", "subtitle", "voiceover", "BGM", " "][..]);
    (
        strings,
        numbers,
        maybe(role.prop_map(Value::from)),
        maybe(transition()),
        unknown_keys(),
    )
        .prop_map(|(strings, numbers, role, transition, rest)| {
            let string_keys = [
                "name", "src", "text", "fit", "motion", "position", "color", "role",
            ];
            let number_keys = ["volume", "font_size", "fade_in", "fade_out"];
            let mut known: Vec<_> = string_keys.into_iter().zip(strings).collect();
            known.extend(number_keys.into_iter().zip(numbers));
            known.push(("transition", transition));
            if role.is_some() {
                known.push(("role", role));
            }
            object(known, rest)
        })
}

fn segment() -> impl Strategy<Value = Value> {
    (
        maybe(number()),
        maybe(number()),
        maybe(meta()),
        unknown_keys(),
    )
        .prop_map(|(d, s, m, rest)| object(vec![("d", d), ("s", s), ("m", m)], rest))
}

fn track() -> impl Strategy<Value = Value> {
    let tt = prop_oneof![
        prop::sample::select(&[0, 1, 7][..]).prop_map(Value::from),
        number()
    ];
    let segments = prop::collection::vec(segment(), 0..6).prop_map(Value::Array);
    (maybe(tt), maybe(meta()), maybe(segments), unknown_keys())
        .prop_map(|(tt, m, sg, rest)| object(vec![("tt", tt), ("m", m), ("sg", sg)], rest))
}

/// A well-formed draft: every known key of its type (or `null`, or absent), unknown keys anywhere.
fn valid_draft() -> impl Strategy<Value = Value> {
    let tracks = prop::collection::vec(track(), 0..5).prop_map(Value::Array);
    (maybe(tracks), unknown_keys()).prop_map(|(t, rest)| object(vec![("t", t)], rest))
}

/// Every JSON pointer inside a value, the root (`""`) included.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    let escape = |key: &str| key.replace('~', "~0").replace('/', "~1");
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                pointers(item, format!("{at}/{}", escape(key)), out);
            }
        }
        _ => {}
    }
}

/// An error path as a JSON pointer: `t[2].sg[0].d` → `/t/2/sg/0/d` (known keys need no escaping).
fn as_pointer(path: &str) -> String {
    format!(
        "/{}",
        path.replace('[', "/").replace(']', "").replace('.', "/")
    )
}

/// Everything a caller may ask of a draft, none of which may panic.
fn exercise(draft: &Draft) {
    let summary = draft.summary();
    assert!(summary.starts_with("Timeline ("));
    assert!(!summary.contains('\n'), "{summary}");
    let _ = (
        draft.is_export_ready(),
        draft.duration_ms(),
        draft.to_json(),
    );
    for track in draft.tracks() {
        let _ = (track.kind(), track.extent(), track.spans().count());
    }
    assert!(diff(draft, draft).is_empty());
    for change in diff(draft, &Draft::new())
        .iter()
        .chain(&diff(&Draft::new(), draft))
    {
        assert!(!change.to_string().contains('\n'), "{change}");
    }
}

proptest! {
    #[test]
    fn any_json_reads_or_fails_without_panicking(value in any_json()) {
        if let Ok(draft) = Draft::from_value(value.clone()) {
            prop_assert_eq!(draft.to_value(), value);
            exercise(&draft);
        }
    }

    #[test]
    fn any_text_reads_or_fails_without_panicking(text in "(?s).{0,64}") {
        if let Ok(draft) = Draft::parse(&text) {
            prop_assert_eq!(Some(draft.to_value()), serde_json::from_str(&text).ok());
            exercise(&draft);
        }
    }

    #[test]
    fn json_text_of_any_value_reads_or_fails_without_panicking(value in any_json()) {
        let text = value.to_string();
        let cut = text.len() / 2;
        let _ = Draft::parse(text.get(..cut).unwrap_or_default());
        // Compared with serde_json's own reading of the text, not with `value`: without its
        // `float_roundtrip` feature, serde_json may read a float's last digit differently.
        if let Ok(draft) = Draft::parse(&text) {
            prop_assert_eq!(Ok(draft.to_value()), serde_json::from_str::<Value>(&text).map_err(|e| e.to_string()));
        }
    }

    #[test]
    fn well_formed_drafts_round_trip(value in valid_draft()) {
        let draft = Draft::from_value(value.clone());
        prop_assert!(draft.is_ok(), "{:?}", draft);
        let draft = draft.unwrap();
        prop_assert_eq!(draft.to_value(), value.clone());
        let text = draft.to_json();
        let reread: Value = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(Draft::parse(&text).map(Draft::into_value), Ok(reread));
        exercise(&draft);
    }

    #[test]
    fn any_two_drafts_compare_without_panicking(a in valid_draft(), b in valid_draft()) {
        let (a, b) = (Draft::from_value(a).unwrap(), Draft::from_value(b).unwrap());
        for change in diff(&a, &b).iter().chain(&diff(&b, &a)) {
            prop_assert!(!change.to_string().is_empty());
        }
    }

    #[test]
    fn a_swapped_node_reads_or_fails_right_there(
        value in valid_draft(),
        pick in any::<prop::sample::Index>(),
        replacement in any_json(),
    ) {
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all);
        let at = pick.get(&all).clone();
        let mut mutated = value.clone();
        match mutated.pointer_mut(&at) {
            Some(node) => *node = replacement,
            None => return Err(TestCaseError::fail(format!("no node at {at}"))),
        }
        match Draft::from_value(mutated.clone()) {
            Ok(draft) => {
                prop_assert_eq!(draft.to_value(), mutated);
                exercise(&draft);
            }
            Err(DraftError::WrongType { path, .. }) => {
                let found = as_pointer(&path);
                prop_assert!(found.starts_with(&at), "error at {}, change at {}", found, at);
            }
            Err(DraftError::NotAnObject { .. }) => prop_assert_eq!(at, ""),
            Err(other) => return Err(TestCaseError::fail(format!("{other:?}"))),
        }
    }

    #[test]
    fn removing_one_of_many_distinct_clips_is_one_change(
        durations in prop::collection::vec(0u64..10_000, 1..12),
        pick in any::<prop::sample::Index>(),
    ) {
        let mut before = Draft::new();
        let video = before.add_track(Track::new(TrackKind::Video));
        for (i, ms) in durations.iter().enumerate() {
            video.add_segment(Segment::new(*ms)).meta_mut().set_src(format!("med_{i}"));
        }
        let removed = pick.index(durations.len());
        let mut after = before.clone();
        prop_assert!(after.track_mut(0).and_then(|t| t.remove_segment(removed)).is_some());
        let changes = diff(&before, &after);
        prop_assert_eq!(changes.len(), 1);
        prop_assert_eq!(&changes[0].subject, &Subject::Clip { track: None, number: removed + 1 });
        prop_assert_eq!(&changes[0].kind, &ChangeKind::Removed);
    }

    #[test]
    fn moving_one_clip_is_one_move(
        count in 2usize..12,
        from in any::<prop::sample::Index>(),
        to in any::<prop::sample::Index>(),
    ) {
        let mut before = Draft::new();
        let video = before.add_track(Track::new(TrackKind::Video));
        for i in 0..count {
            video.add_segment(Segment::new(1000)).meta_mut().set_src(format!("med_{i}"));
        }
        let (from, to) = (from.index(count), to.index(count));
        let mut after = before.clone();
        prop_assert!(after.track_mut(0).is_some_and(|t| t.move_segment(from, to)));
        let changes = diff(&before, &after);
        if from == to {
            prop_assert!(changes.is_empty());
        } else {
            prop_assert_eq!(changes.len(), 1, "{:?}", changes);
            let moved = matches!(changes[0].kind, ChangeKind::Moved { .. });
            prop_assert!(moved, "{:?}", changes);
        }
    }
}
