//! What a tool step of a turn leaves behind in the store: the draft it made and the canvas it
//! set, as one new state of the session's history; or, for an undo or a redo, the move back or
//! forward in that history.
//!
//! Each step is saved as its tool finishes, before the stream says it finished, so a client that
//! reads the state after seeing a tool's response finds that step's draft.

use crate::agent::{Revisit, ToolStep};
use crate::store::{Edit, HistoryMove, Store, StoreError};

/// Saves what tool step `step` did to session `session_id`: its draft and canvas as a new state,
/// or its move through the history; a step that changed nothing saves nothing.
///
/// An undo or a redo restores the state the store kept, byte for byte, which is the draft and
/// canvas the step carries (the agent planned it on the same history).
pub fn save_step(
    store: &Store,
    session_id: &str,
    step: &ToolStep,
    now_ms: i64,
) -> Result<(), StoreError> {
    if let Some(revisit) = step.revisit {
        let to = match revisit {
            Revisit::Undo(steps) => HistoryMove::Back(steps),
            Revisit::Redo(steps) => HistoryMove::Forward(steps),
        };
        return store.revisit(session_id, to, now_ms);
    }
    if step.draft.is_none() && step.canvas.is_none() {
        return Ok(());
    }
    let json = step.draft.as_ref().map(|draft| draft.to_json());
    let edit = Edit {
        tool: step.name,
        draft: json.as_deref(),
        canvas: step.canvas,
    };
    store.save_edit(session_id, &edit, now_ms)
}

#[cfg(test)]
mod tests {
    use i2v_core::draft::Draft;

    use super::*;
    use crate::agent::Canvas;
    use crate::store::testing::TempStore;

    fn step(draft: Option<Draft>, canvas: Option<Canvas>) -> ToolStep {
        ToolStep {
            name: "set_aspect_ratio",
            args: serde_json::Value::Null,
            draft,
            canvas,
            revisit: None,
        }
    }

    #[test]
    fn a_step_saves_its_draft_and_its_canvas() {
        let temp = TempStore::new();
        let session = temp.session();
        let draft = Draft::parse(r#"{"t":[{"tt":0,"sg":[{"d":3000}]}]}"#).unwrap();
        let portrait = Canvas {
            width: 1080,
            height: 1920,
            fps: 30,
        };
        save_step(
            &temp.store,
            &session,
            &step(Some(draft.clone()), Some(portrait)),
            5,
        )
        .unwrap();
        let stored = temp.store.latest_draft(&session).unwrap().unwrap();
        assert_eq!(Draft::parse(&stored.json).unwrap(), draft);
        assert_eq!(stored.updated_ms, 5);
        assert_eq!(
            temp.store.canvas(&session).unwrap(),
            Canvas {
                width: 1080,
                height: 1920,
                fps: 30
            }
        );
    }

    #[test]
    fn a_step_that_changed_nothing_saves_nothing() {
        let temp = TempStore::new();
        let session = temp.session();
        save_step(&temp.store, &session, &step(None, None), 5).unwrap();
        assert_eq!(temp.store.latest_draft(&session).unwrap(), None);
        assert_eq!(temp.store.canvas(&session).unwrap(), Canvas::default());
    }

    #[test]
    fn each_step_is_a_state_named_by_its_tool_and_an_undo_moves_back() {
        let temp = TempStore::new();
        let session = temp.session();
        let first = Draft::parse(r#"{"t":[{"tt":0,"sg":[{"d":3000}]}]}"#).unwrap();
        let second = Draft::parse(r#"{"t":[{"tt":0,"sg":[{"d":5000}]}]}"#).unwrap();
        let portrait = Canvas {
            width: 1080,
            height: 1920,
            fps: 30,
        };
        save_step(&temp.store, &session, &step(Some(first.clone()), None), 1).unwrap();
        save_step(
            &temp.store,
            &session,
            &step(Some(second), Some(portrait)),
            2,
        )
        .unwrap();
        let history = temp.store.history(&session).unwrap();
        assert_eq!(history.entries.len(), 2);
        assert_eq!(history.entries[1].tool.as_deref(), Some("set_aspect_ratio"));
        let undo = ToolStep {
            name: "undo",
            revisit: Some(Revisit::Undo(1)),
            ..step(Some(first.clone()), Some(Canvas::default()))
        };
        save_step(&temp.store, &session, &undo, 3).unwrap();
        let stored = temp.store.latest_draft(&session).unwrap().unwrap();
        assert_eq!(Draft::parse(&stored.json).unwrap(), first);
        assert_eq!(temp.store.canvas(&session).unwrap(), Canvas::default());
        let after = temp.store.history(&session).unwrap();
        assert_eq!(
            (after.entries.len(), after.at),
            (2, 0),
            "a move, not a new state"
        );
        let redo = ToolStep {
            revisit: Some(Revisit::Redo(1)),
            ..undo
        };
        save_step(&temp.store, &session, &redo, 4).unwrap();
        assert_eq!(temp.store.canvas(&session).unwrap(), portrait);
    }

    #[test]
    fn a_step_of_a_vanished_session_is_an_error() {
        let temp = TempStore::new();
        let draft = Draft::parse("{}").unwrap();
        assert_eq!(
            save_step(&temp.store, "ses_gone", &step(Some(draft), None), 5),
            Err(StoreError::NoSuchSession)
        );
    }
}
