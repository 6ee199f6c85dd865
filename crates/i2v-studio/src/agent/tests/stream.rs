//! The stream of a turn, read back the way the SDK reads it: SSE parser, then turn assembler.

use i2v_core::adk::{TurnAssembler, TurnSummary, TurnUpdate};
use i2v_core::sse::SseParser;
use serde_json::Value;

use super::support::{made, photos, turn};
use crate::agent::{AUTHOR, EventKind, StreamEvent, StreamOptions, TurnPlan, error_event, events};

const NOW: f64 = 1_795_489_600.0;

fn options(silent: bool) -> StreamOptions {
    StreamOptions {
        silent,
        now: NOW,
        seed: 99,
    }
}

/// Feeds the events through the SDK's parser and assembler, as `data: <json>\n\n` frames.
fn assemble(stream: &[StreamEvent]) -> (Vec<TurnUpdate>, TurnSummary) {
    let bytes: String = stream.iter().map(StreamEvent::sse).collect();
    let mut parser = SseParser::new();
    let items = parser.feed(bytes.as_bytes()).unwrap();
    assert!(!parser.finish(), "no event is left unfinished");
    let mut assembler = TurnAssembler::new();
    let mut updates = Vec::new();
    for item in &items {
        updates.extend(assembler.push(item));
    }
    let summary = assembler.finish();
    updates.extend(summary.closing.clone());
    (updates, summary)
}

fn tool_names(updates: &[TurnUpdate]) -> Vec<(bool, String)> {
    updates
        .iter()
        .filter_map(|update| match update {
            TurnUpdate::ToolCall { name, .. } => Some((true, name.clone())),
            TurnUpdate::ToolResult { name, .. } => Some((false, name.clone())),
            _ => None,
        })
        .collect()
}

fn deltas(updates: &[TurnUpdate]) -> String {
    updates
        .iter()
        .filter_map(|update| match update {
            TurnUpdate::TextDelta { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn check_reads_back(plan: &TurnPlan) {
    let stream = events(plan, &options(false));
    let (updates, summary) = assemble(&stream);
    assert_eq!(summary.texts, std::slice::from_ref(&plan.reply));
    assert_eq!(
        deltas(&updates),
        plan.reply,
        "the pieces add up to the reply"
    );
    let last_draft = plan.steps.iter().rev().find_map(|step| step.draft.clone());
    assert_eq!(summary.draft, last_draft);
    assert!(summary.failure.is_none());
    let expected: Vec<(bool, String)> = plan
        .steps
        .iter()
        .flat_map(|step| [(true, step.name.to_owned()), (false, step.name.to_owned())])
        .collect();
    assert_eq!(tool_names(&updates), expected);
}

#[test]
fn a_generation_reads_back_as_its_plan() {
    let plan = turn(
        "turn these images into a 30-second video with smooth transitions and background music",
        None,
        &photos(7),
    );
    check_reads_back(&plan);
    let stream = events(&plan, &options(false));
    let kinds: Vec<EventKind> = stream.iter().map(|e| e.kind).collect();
    let chunks = kinds
        .iter()
        .take_while(|k| **k == EventKind::TextChunk)
        .count();
    assert!(chunks > 3, "the reply streams in pieces");
    assert_eq!(
        kinds.get(chunks..),
        Some(
            &[
                EventKind::ToolCall,
                EventKind::ToolResponse,
                EventKind::ToolCall,
                EventKind::ToolResponse,
                EventKind::TextFinal
            ][..]
        )
    );
    // The first stage's draft reaches the state before the second's.
    let steps: Vec<Option<usize>> = stream.iter().map(|e| e.step).collect();
    assert_eq!(
        steps.get(chunks..),
        Some(&[Some(0), Some(0), Some(1), Some(1), None][..])
    );
    let stage_one = stream[chunks + 1].value();
    assert_eq!(
        stage_one["actions"]["stateDelta"]["draft"],
        plan.steps[0].draft.as_ref().unwrap().to_value()
    );
}

#[test]
fn edits_and_answers_read_back_as_their_plans() {
    let (draft, media) = made(4);
    for message in [
        "make it vertical and add a title 'Summer', then remove the second photo",
        "把音乐调低一点，然后加字幕",
        "hello",
        "你能做什么？",
        "remove the 9th photo",
    ] {
        check_reads_back(&turn(message, Some(&draft), &media));
    }
}

#[test]
fn events_have_the_shape_of_a_stock_api_server() {
    let (draft, media) = made(2);
    let plan = turn("lower the music", Some(&draft), &media);
    let stream = events(&plan, &options(false));
    let values: Vec<Value> = stream.iter().map(StreamEvent::value).collect();
    let invocation = values[0]["invocationId"].as_str().unwrap().to_owned();
    assert!(invocation.starts_with("e-"));
    for value in &values {
        assert_eq!(value["invocationId"], invocation.as_str());
        assert_eq!(value["author"], AUTHOR);
        assert!(value["id"].as_str().is_some_and(|id| id.len() == 36));
        assert!(value["timestamp"].as_f64().is_some_and(|t| t >= NOW));
        assert!(value["actions"]["artifactDelta"].is_object());
    }
    let partials: Vec<&Value> = values.iter().filter(|v| v["partial"] == true).collect();
    let last = values.last().unwrap();
    assert_eq!(last["partial"], false);
    assert_eq!(last["finishReason"], "STOP");
    assert_eq!(last["content"]["parts"][0]["text"], plan.reply.as_str());
    assert!(
        partials
            .iter()
            .all(|p| p["id"] == last["id"] && p["content"]["role"] == "model")
    );
    for partial in &partials {
        let words = partial["content"]["parts"][0]["text"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .count();
        assert!((1..=6).contains(&words), "{partial}");
    }
    let call = values
        .iter()
        .find(|v| !v["content"]["parts"][0]["functionCall"].is_null())
        .unwrap();
    let response = values
        .iter()
        .find(|v| !v["content"]["parts"][0]["functionResponse"].is_null())
        .unwrap();
    assert_eq!(call["content"]["role"], "model");
    assert_eq!(response["content"]["role"], "user");
    assert_eq!(
        call["content"]["parts"][0]["functionCall"]["id"],
        response["content"]["parts"][0]["functionResponse"]["id"]
    );
    assert_eq!(
        call["content"]["parts"][0]["functionCall"]["name"],
        "set_music_volume"
    );
    assert_eq!(
        response["actions"]["stateDelta"]["draft"],
        plan.draft.as_ref().unwrap().to_value()
    );
    assert!(
        call.get("partial").is_none() && call["actions"]["stateDelta"] == serde_json::json!({})
    );
    // Fields come in the order ADK writes them.
    assert!(
        stream[0]
            .json
            .starts_with(r#"{"content":{"parts":[{"text":"#)
    );
    assert!(
        stream
            .last()
            .unwrap()
            .json
            .contains(r#""partial":false,"finishReason":"STOP","invocationId""#)
    );
}

#[test]
fn a_silent_turn_streams_its_tools_only() {
    let (draft, media) = made(3);
    let plan = turn("remove the second photo", Some(&draft), &media);
    assert!(plan.may_be_silent());
    let stream = events(&plan, &options(true));
    assert!(
        stream
            .iter()
            .all(|e| matches!(e.kind, EventKind::ToolCall | EventKind::ToolResponse))
    );
    let (updates, summary) = assemble(&stream);
    assert!(summary.is_silent());
    assert_eq!(summary.draft, plan.draft);
    assert_eq!(tool_names(&updates).len(), 2);
    // A turn that must speak speaks even when asked to be silent.
    let answer = turn("hello", Some(&draft), &media);
    let (_, summary) = assemble(&events(&answer, &options(true)));
    assert_eq!(summary.texts, std::slice::from_ref(&answer.reply));
    let canvas_only = turn("make it square", Some(&draft), &media);
    let (_, summary) = assemble(&events(&canvas_only, &options(true)));
    assert!(!summary.is_silent());
}

#[test]
fn an_aspect_step_carries_the_canvas() {
    let (draft, media) = made(2);
    let plan = turn("for TikTok", Some(&draft), &media);
    let stream = events(&plan, &options(false));
    let response = stream
        .iter()
        .find(|e| e.kind == EventKind::ToolResponse)
        .unwrap()
        .value();
    assert_eq!(
        response["actions"]["stateDelta"],
        serde_json::json!({"canvas_config": {"width": 1080, "height": 1920, "fps": 30}})
    );
}

#[test]
fn the_same_seed_gives_the_same_stream() {
    let (draft, media) = made(2);
    let plan = turn("no transitions", Some(&draft), &media);
    assert_eq!(
        events(&plan, &options(false)),
        events(&plan, &options(false))
    );
    let other = StreamOptions {
        seed: 100,
        ..options(false)
    };
    assert_ne!(
        events(&plan, &options(false))[0].json,
        events(&plan, &other)[0].json
    );
}

#[test]
fn chinese_replies_stream_in_pieces_too() {
    let (draft, media) = made(3);
    let plan = turn("把第一张放到最后，然后换成史诗音乐", Some(&draft), &media);
    let stream = events(&plan, &options(false));
    let pieces = stream
        .iter()
        .filter(|e| e.kind == EventKind::TextChunk)
        .count();
    assert!(pieces > 2, "{pieces}");
    check_reads_back(&plan);
}

#[test]
fn an_error_event_fails_the_turn() {
    let event = error_event("AGENT_ERROR", "the rules engine broke", &options(false));
    assert_eq!(event.kind, EventKind::Error);
    let value = event.value();
    assert_eq!(
        (value["errorCode"].as_str(), value["errorMessage"].as_str()),
        (Some("AGENT_ERROR"), Some("the rules engine broke"))
    );
    assert!(value.get("content").is_none());
    let (updates, summary) = assemble(&[event]);
    assert!(matches!(updates.first(), Some(TurnUpdate::Failed(_))));
    let failure = summary.failure.unwrap();
    assert!(
        failure.to_string().contains("the rules engine broke"),
        "{failure}"
    );
}
