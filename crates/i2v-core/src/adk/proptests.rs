//! Arbitrary input never panics the decoder or the assembler, and the turn rules hold throughout.

use proptest::prelude::*;
use serde_json::json;

use super::{StreamFrame, TEMPORARY_ISSUE_PHRASE, TurnAssembler, TurnUpdate};
use crate::sse::{SseEvent, SseItem};

fn event(event_type: &str, data: String) -> SseItem {
    SseItem::Event(SseEvent {
        event_type: event_type.to_owned(),
        data,
        last_event_id: String::new(),
    })
}

/// Text pieces that often wander in and out of the trailer phrase.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        (0..TEMPORARY_ISSUE_PHRASE.len()).prop_map(|cut| {
            TEMPORARY_ISSUE_PHRASE
                .get(..cut)
                .unwrap_or_default()
                .to_owned()
        }),
        Just(TEMPORARY_ISSUE_PHRASE.to_uppercase()),
        "[ a-zI.é]{0,8}",
    ]
}

/// ADK-shaped events: a few ids, text or tools, partial or not, sometimes a draft or an error.
fn adk_event() -> impl Strategy<Value = String> {
    (
        prop::option::of(0..3u8),
        any::<bool>(),
        prop_oneof![Just("model"), Just("user"), Just("")],
        prop::collection::vec(
            prop_oneof![
                piece().prop_map(|t| json!({"text": t})),
                (0..3u8)
                    .prop_map(|c| json!({"functionCall": {"id": format!("c{c}"), "name": "t"}})),
                (0..3u8).prop_map(|c| json!({"functionResponse": {"id": format!("c{c}")}})),
                Just(json!({"text": "thinking", "thought": true})),
            ],
            0..3,
        ),
        prop::option::of(prop_oneof![
            Just(json!(null)),
            Just(json!({"t": []})),
            Just(json!(7))
        ]),
        prop::option::weighted(0.05, "[A-Z_]{1,6}"),
    )
        .prop_map(|(id, partial, role, parts, draft, error)| {
            let mut event = json!({"partial": partial, "content": {"parts": parts}});
            if let Some(id) = id {
                event["id"] = json!(format!("m{id}"));
            }
            if !role.is_empty() {
                event["content"]["role"] = json!(role);
            }
            if let Some(draft) = draft {
                event["actions"] = json!({"stateDelta": {"draft": draft}});
            }
            if let Some(code) = error {
                event["errorCode"] = json!(code);
            }
            event.to_string()
        })
}

fn item() -> impl Strategy<Value = SseItem> {
    prop_oneof![
        6 => adk_event().prop_map(|data| event("message", data)),
        1 => ".*".prop_map(|data| event("message", data)),
        1 => ("[a-z]{0,9}", ".*").prop_map(|(t, data)| event(&t, data)),
        1 => ".*".prop_map(SseItem::Comment),
        1 => Just(event("message", r#"{"error":"down"}"#.to_owned())),
    ]
}

proptest! {
    #[test]
    fn decoding_any_data_never_panics(data in ".*") {
        let _ = StreamFrame::decode(&data);
    }

    #[test]
    fn decoding_json_ish_data_never_panics(data in r#"[{}\[\]":,a-z0-9 .\-]{0,64}"#) {
        let _ = StreamFrame::decode(&data);
    }

    #[test]
    fn the_assembler_keeps_its_promises(items in prop::collection::vec(item(), 0..40)) {
        let mut turn = TurnAssembler::new();
        let mut updates = Vec::new();
        let mut failed = false;
        for item in &items {
            let got = turn.push(item);
            // Before a failure every item gives an update; after it, none does.
            prop_assert_eq!(got.is_empty(), failed);
            failed |= got.iter().any(|u| matches!(u, TurnUpdate::Failed(_)));
            updates.extend(got);
        }
        let summary = turn.finish();
        prop_assert_eq!(summary.failure.is_some(), failed);
        updates.extend(summary.closing.iter().cloned());

        // At most one final per message, and no piece after it.
        let mut finished = std::collections::HashSet::new();
        for update in &updates {
            match update {
                TurnUpdate::TextFinal { message, .. } => prop_assert!(finished.insert(*message)),
                TurnUpdate::TextDelta { message, .. } => prop_assert!(!finished.contains(message)),
                _ => {}
            }
        }
        if !failed {
            prop_assert_eq!(finished.len(), summary.texts.len());
        }
    }
}
