//! What a tool step of a turn leaves behind in the store: the draft it made and the canvas it
//! set.
//!
//! Each step is saved as its tool finishes, before the stream says it finished, so a client that
//! reads the state after seeing a tool's response finds that step's draft.

use crate::agent::ToolStep;
use crate::store::{Store, StoreError};

/// Saves the draft and the canvas tool step `step` produced for session `session_id`.
pub fn save_step(
    store: &Store,
    session_id: &str,
    step: &ToolStep,
    now_ms: i64,
) -> Result<(), StoreError> {
    if let Some(draft) = &step.draft {
        store.save_draft(session_id, &draft.to_json(), now_ms)?;
    }
    if let Some(canvas) = step.canvas {
        store.set_canvas(session_id, canvas)?;
    }
    Ok(())
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
    fn a_step_of_a_vanished_session_is_an_error() {
        let temp = TempStore::new();
        let draft = Draft::parse("{}").unwrap();
        assert_eq!(
            save_step(&temp.store, "ses_gone", &step(Some(draft), None), 5),
            Err(StoreError::NoSuchSession)
        );
    }
}
