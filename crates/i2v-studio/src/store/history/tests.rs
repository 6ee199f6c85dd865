use super::super::testing::TempStore;
use super::*;

const PORTRAIT: Canvas = Canvas {
    width: 1080,
    height: 1920,
    fps: 30,
};

fn edit<'a>(tool: &'a str, json: &'a str) -> Edit<'a> {
    Edit {
        tool,
        draft: Some(json),
        canvas: None,
    }
}

/// The drafts of the session's states, oldest first, and the index it stands at.
fn states(temp: &TempStore, session: &str) -> (Vec<String>, usize) {
    let history = temp.store.history(session).unwrap();
    let drafts = history.entries.iter().map(|e| e.json.clone()).collect();
    (drafts, history.at)
}

fn latest(temp: &TempStore, session: &str) -> String {
    temp.store.latest_draft(session).unwrap().unwrap().json
}

#[test]
fn a_session_without_a_draft_has_no_history() {
    let temp = TempStore::new();
    let id = temp.session();
    assert_eq!(temp.store.history(&id).unwrap(), DraftHistory::default());
    // The canvas alone is not a state.
    let shape = Edit {
        tool: "set_aspect_ratio",
        draft: None,
        canvas: Some(PORTRAIT),
    };
    temp.store.save_edit(&id, &shape, 1).unwrap();
    assert_eq!(temp.store.canvas(&id).unwrap(), PORTRAIT);
    assert_eq!(temp.store.history(&id).unwrap(), DraftHistory::default());
    assert_eq!(temp.store.latest_draft(&id).unwrap(), None);
}

#[test]
fn every_saved_edit_is_a_state_with_its_tool_and_canvas() {
    let temp = TempStore::new();
    let id = temp.session();
    temp.store
        .save_edit(&id, &edit("create_slideshow", r#"{"a":1}"#), 10)
        .unwrap();
    temp.store.save_draft(&id, r#"{"a":2}"#, 20).unwrap();
    let shape = Edit {
        tool: "set_aspect_ratio",
        draft: None,
        canvas: Some(PORTRAIT),
    };
    temp.store.save_edit(&id, &shape, 30).unwrap();
    let history = temp.store.history(&id).unwrap();
    assert_eq!(
        history,
        DraftHistory {
            entries: vec![
                HistoryEntry {
                    json: r#"{"a":1}"#.into(),
                    canvas: Canvas::default(),
                    tool: Some("create_slideshow".into()),
                    saved_ms: 10,
                },
                HistoryEntry {
                    json: r#"{"a":2}"#.into(),
                    canvas: Canvas::default(),
                    tool: None,
                    saved_ms: 20,
                },
                HistoryEntry {
                    json: r#"{"a":2}"#.into(),
                    canvas: PORTRAIT,
                    tool: Some("set_aspect_ratio".into()),
                    saved_ms: 30,
                },
            ],
            at: 2,
        }
    );
    // A change of the canvas alone keeps the draft's revision.
    assert_eq!(temp.store.latest_draft(&id).unwrap().unwrap().revision, 2);
}

#[test]
fn undo_and_redo_restore_the_draft_and_the_canvas() {
    let temp = TempStore::new();
    let id = temp.session();
    temp.store.save_draft(&id, r#"{"a":1}"#, 1).unwrap();
    temp.store.save_draft(&id, "{ \"a\" : 2 }", 2).unwrap();
    let vertical = Edit {
        tool: "set_aspect_ratio",
        draft: Some(r#"{"a":3}"#),
        canvas: Some(PORTRAIT),
    };
    temp.store.save_edit(&id, &vertical, 3).unwrap();

    temp.store.revisit(&id, HistoryMove::Back(1), 4).unwrap();
    // The text comes back byte for byte, and the shape with it.
    assert_eq!(latest(&temp, &id), "{ \"a\" : 2 }");
    assert_eq!(temp.store.canvas(&id).unwrap(), Canvas::default());
    temp.store.revisit(&id, HistoryMove::Back(1), 5).unwrap();
    assert_eq!(states(&temp, &id).1, 0);
    assert_eq!(latest(&temp, &id), r#"{"a":1}"#);

    temp.store.revisit(&id, HistoryMove::Forward(2), 6).unwrap();
    assert_eq!(latest(&temp, &id), r#"{"a":3}"#);
    assert_eq!(temp.store.canvas(&id).unwrap(), PORTRAIT);
    let stored = temp.store.latest_draft(&id).unwrap().unwrap();
    // Each move is a new revision of the latest draft, saved at the time of the move.
    assert_eq!((stored.revision, stored.updated_ms), (6, 6));
    assert_eq!(states(&temp, &id).0.len(), 3, "moves drop nothing");
}

#[test]
fn a_new_edit_after_an_undo_drops_what_could_have_been_redone() {
    let temp = TempStore::new();
    let id = temp.session();
    for n in 1..=4 {
        temp.store
            .save_draft(&id, &format!("{{\"n\":{n}}}"), n)
            .unwrap();
    }
    temp.store.revisit(&id, HistoryMove::Back(2), 5).unwrap();
    temp.store
        .save_edit(&id, &edit("set_title", r#"{"n":5}"#), 6)
        .unwrap();
    assert_eq!(
        states(&temp, &id),
        (
            vec![
                r#"{"n":1}"#.to_owned(),
                r#"{"n":2}"#.to_owned(),
                r#"{"n":5}"#.to_owned()
            ],
            2
        )
    );
    assert_eq!(
        temp.store.revisit(&id, HistoryMove::Forward(1), 7),
        Err(StoreError::Invalid {
            field: "history",
            reason: "not that many states to go forward to"
        })
    );
    temp.store.revisit(&id, HistoryMove::Back(1), 8).unwrap();
    assert_eq!(latest(&temp, &id), r#"{"n":2}"#);
}

#[test]
fn a_session_keeps_only_its_last_states() {
    let temp = TempStore::new();
    let id = temp.session();
    let saved = HISTORY_LIMIT + 7;
    for n in 1..=saved {
        temp.store
            .save_draft(&id, &format!("{{\"n\":{n}}}"), 0)
            .unwrap();
    }
    let (drafts, at) = states(&temp, &id);
    assert_eq!(drafts.len(), HISTORY_LIMIT);
    assert_eq!(at, HISTORY_LIMIT - 1);
    assert_eq!(
        drafts[0],
        format!("{{\"n\":{}}}", saved - HISTORY_LIMIT + 1)
    );
    // Back to the oldest kept, and not one further.
    let oldest = HISTORY_LIMIT - 1;
    assert!(
        temp.store
            .revisit(&id, HistoryMove::Back(oldest + 1), 1)
            .is_err()
    );
    temp.store
        .revisit(&id, HistoryMove::Back(oldest), 1)
        .unwrap();
    assert_eq!(latest(&temp, &id), drafts[0]);
}

#[test]
fn moves_past_either_end_are_refused_and_change_nothing() {
    let temp = TempStore::new();
    let id = temp.session();
    assert!(temp.store.revisit(&id, HistoryMove::Back(1), 1).is_err());
    temp.store.save_draft(&id, r#"{"a":1}"#, 1).unwrap();
    for refused in [HistoryMove::Back(1), HistoryMove::Forward(1)] {
        assert!(matches!(
            temp.store.revisit(&id, refused, 2),
            Err(StoreError::Invalid {
                field: "history",
                ..
            })
        ));
    }
    temp.store.revisit(&id, HistoryMove::Back(0), 2).unwrap();
    let stored = temp.store.latest_draft(&id).unwrap().unwrap();
    assert_eq!((stored.revision, stored.updated_ms), (1, 1));
    assert_eq!(
        temp.store.revisit("ses_unknown", HistoryMove::Back(1), 2),
        Err(StoreError::NoSuchSession)
    );
    assert_eq!(
        temp.store
            .save_edit("ses_unknown", &edit("set_title", "{}"), 2),
        Err(StoreError::NoSuchSession)
    );
}

#[test]
fn a_bad_edit_is_refused_before_anything_is_saved() {
    let temp = TempStore::new();
    let id = temp.session();
    assert!(matches!(
        temp.store.save_edit(&id, &edit("set_title", "[1]"), 1),
        Err(StoreError::Invalid { field: "draft", .. })
    ));
    let too_big = Edit {
        tool: "set_aspect_ratio",
        draft: Some("{}"),
        canvas: Some(Canvas {
            width: 9000,
            ..PORTRAIT
        }),
    };
    assert!(matches!(
        temp.store.save_edit(&id, &too_big, 1),
        Err(StoreError::Invalid {
            field: "canvas",
            ..
        })
    ));
    assert_eq!(temp.store.history(&id).unwrap(), DraftHistory::default());
}

#[test]
fn setting_the_canvas_outside_a_turn_changes_the_current_state_in_place() {
    let temp = TempStore::new();
    let id = temp.session();
    temp.store.save_draft(&id, r#"{"a":1}"#, 1).unwrap();
    temp.store.save_draft(&id, r#"{"a":2}"#, 2).unwrap();
    temp.store.set_canvas(&id, PORTRAIT).unwrap();
    let history = temp.store.history(&id).unwrap();
    let canvases: Vec<Canvas> = history.entries.iter().map(|e| e.canvas).collect();
    assert_eq!(canvases, [Canvas::default(), PORTRAIT]);
    temp.store.revisit(&id, HistoryMove::Back(1), 3).unwrap();
    temp.store.revisit(&id, HistoryMove::Forward(1), 4).unwrap();
    assert_eq!(temp.store.canvas(&id).unwrap(), PORTRAIT);
}

#[test]
fn the_history_survives_a_restart() {
    let mut temp = TempStore::new();
    let id = temp.session();
    temp.store.save_draft(&id, r#"{"a":1}"#, 1).unwrap();
    temp.store.save_draft(&id, r#"{"a":2}"#, 2).unwrap();
    temp.store.revisit(&id, HistoryMove::Back(1), 3).unwrap();
    temp.reopen();
    assert_eq!(
        states(&temp, &id),
        (vec![r#"{"a":1}"#.to_owned(), r#"{"a":2}"#.to_owned()], 0)
    );
}
