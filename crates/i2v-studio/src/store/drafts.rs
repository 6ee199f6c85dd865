//! The latest draft of each session, kept as the exact JSON text it was saved as, and the
//! session's canvas; every state they went through is kept by [`super::history`].
//!
//! The text is kept byte for byte so that the draft the state answer gives a client is the
//! draft that was saved, with every key the studio does not know (`docs/PROTOCOL.md` §5, round trip).

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::de::IgnoredAny;

use super::error::corrupt;
use super::{Store, StoreError, history};

/// The largest canvas side, in pixels.
const MAX_SIDE: u32 = 8192;
/// The highest frame rate.
const MAX_FPS: u32 = 240;

/// A draft as it was last saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDraft {
    /// The JSON text, exactly as saved.
    pub json: String,
    /// How many times the session's draft has been saved (1 for the first).
    pub revision: u64,
    /// When it was saved (Unix ms).
    pub updated_ms: i64,
}

/// The size and frame rate of a session's video.
pub use i2v_core::draft::Canvas;

impl Store {
    /// Saves `json` as the session's latest draft and returns its revision.
    ///
    /// The text must be one JSON object; it is stored as given, whitespace included. It becomes
    /// a new state of the session's history, made by no named tool ([`Store::save_edit`]).
    pub fn save_draft(&self, session_id: &str, json: &str, now_ms: i64) -> Result<u64, StoreError> {
        check_draft(json)?;
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if !session_exists(&tx, session_id)? {
            return Err(StoreError::NoSuchSession);
        }
        let revision = history::record(&tx, session_id, Some(json), None, None, now_ms)?;
        tx.commit()?;
        // A draft was given, so the record always has one.
        revision.ok_or_else(|| corrupt("draft revision"))
    }

    /// The session's latest draft, if one was ever saved.
    pub fn latest_draft(&self, session_id: &str) -> Result<Option<StoredDraft>, StoreError> {
        let conn = self.lock();
        let row = conn
            .query_row(
                "SELECT json, revision, updated_ms FROM drafts WHERE session_id = ?1",
                [session_id],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, i64>(1)?,
                        row.get::<_, i64>(2)?,
                    ))
                },
            )
            .optional()?;
        row.map(|(json, revision, updated_ms)| {
            Ok(StoredDraft {
                json,
                revision: u64::try_from(revision).map_err(|_| corrupt("draft revision"))?,
                updated_ms,
            })
        })
        .transpose()
    }

    /// The session's canvas: what was set, or [`Canvas::default`].
    pub fn canvas(&self, session_id: &str) -> Result<Canvas, StoreError> {
        let conn = self.lock();
        read_canvas(&conn, session_id)
    }

    /// Sets the session's canvas: sides 1–8192 pixels, 1–240 fps.
    ///
    /// The state the session stands at in its history takes the new canvas too, without a new
    /// state; a turn's change of the frame shape is a state of its own ([`Store::save_edit`]).
    pub fn set_canvas(&self, session_id: &str, canvas: Canvas) -> Result<(), StoreError> {
        check_canvas(canvas)?;
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if !session_exists(&tx, session_id)? {
            return Err(StoreError::NoSuchSession);
        }
        write_canvas(&tx, session_id, canvas)?;
        history::restamp_canvas(&tx, session_id, canvas)?;
        tx.commit()?;
        Ok(())
    }
}

/// Checks that a draft's text is one JSON object.
pub(super) fn check_draft(json: &str) -> Result<(), StoreError> {
    let is_object = json.trim_start().starts_with('{');
    if !is_object || serde_json::from_str::<IgnoredAny>(json).is_err() {
        return Err(StoreError::Invalid {
            field: "draft",
            reason: "not a json object",
        });
    }
    Ok(())
}

/// Checks a canvas: sides 1–8192 pixels, 1–240 fps.
pub(super) fn check_canvas(canvas: Canvas) -> Result<(), StoreError> {
    let side_ok = |side: u32| (1..=MAX_SIDE).contains(&side);
    if !side_ok(canvas.width) || !side_ok(canvas.height) {
        return Err(StoreError::Invalid {
            field: "canvas",
            reason: "sides must be 1 to 8192 pixels",
        });
    }
    if !(1..=MAX_FPS).contains(&canvas.fps) {
        return Err(StoreError::Invalid {
            field: "canvas",
            reason: "fps must be 1 to 240",
        });
    }
    Ok(())
}

/// The session's canvas on this connection: what was set, or [`Canvas::default`].
pub(super) fn read_canvas(conn: &Connection, session_id: &str) -> Result<Canvas, StoreError> {
    let row = conn
        .query_row(
            "SELECT width, height, fps FROM canvases WHERE session_id = ?1",
            [session_id],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            },
        )
        .optional()?;
    let Some((width, height, fps)) = row else {
        return Ok(Canvas::default());
    };
    canvas_of(width, height, fps)
}

/// A canvas from its stored columns.
pub(super) fn canvas_of(width: i64, height: i64, fps: i64) -> Result<Canvas, StoreError> {
    let number = |value: i64| u32::try_from(value).map_err(|_| corrupt("canvas"));
    Ok(Canvas {
        width: number(width)?,
        height: number(height)?,
        fps: number(fps)?,
    })
}

/// Writes the session's canvas, replacing what was set.
pub(super) fn write_canvas(
    conn: &Connection,
    session_id: &str,
    canvas: Canvas,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO canvases (session_id, width, height, fps) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (session_id) DO UPDATE
            SET width = excluded.width, height = excluded.height, fps = excluded.fps",
        params![session_id, canvas.width, canvas.height, canvas.fps],
    )?;
    Ok(())
}

/// Whether the session exists, so writes naming an unknown one get a clear error.
pub(super) fn session_exists(conn: &Connection, session_id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM sessions WHERE session_id = ?1",
            [session_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

#[cfg(test)]
mod tests {
    use super::super::testing::TempStore;
    use super::*;

    #[test]
    fn a_session_starts_with_no_draft_and_the_default_canvas() {
        let temp = TempStore::new();
        let id = temp.session();
        assert_eq!(temp.store.latest_draft(&id).unwrap(), None);
        assert_eq!(temp.store.canvas(&id).unwrap(), Canvas::default());
        assert_eq!(
            Canvas::default(),
            Canvas {
                width: 1920,
                height: 1080,
                fps: 30
            }
        );
    }

    #[test]
    fn the_latest_draft_is_kept_byte_for_byte() {
        let temp = TempStore::new();
        let id = temp.session();
        let first = r#"{"t":[{"tt":0,"sg":[]}], "zz":1.10}"#;
        let second = "{ \"t\" : [ ] ,\"x\":\"\u{4e2d}\" }";
        assert_eq!(temp.store.save_draft(&id, first, 10).unwrap(), 1);
        assert_eq!(temp.store.save_draft(&id, second, 20).unwrap(), 2);
        assert_eq!(
            temp.store.latest_draft(&id).unwrap(),
            Some(StoredDraft {
                json: second.to_owned(),
                revision: 2,
                updated_ms: 20
            })
        );
    }

    #[test]
    fn only_json_objects_for_known_sessions_are_saved() {
        let temp = TempStore::new();
        let id = temp.session();
        for bad in ["", "[1]", "{", "{\"a\":1} trailing", "null"] {
            assert!(
                matches!(
                    temp.store.save_draft(&id, bad, 0),
                    Err(StoreError::Invalid { field: "draft", .. })
                ),
                "{bad:?}"
            );
        }
        assert_eq!(
            temp.store.save_draft("ses_unknown", "{}", 0),
            Err(StoreError::NoSuchSession)
        );
        assert_eq!(temp.store.latest_draft(&id).unwrap(), None);
    }

    #[test]
    fn the_canvas_can_be_changed_within_limits() {
        let temp = TempStore::new();
        let id = temp.session();
        let vertical = Canvas {
            width: 1080,
            height: 1920,
            fps: 60,
        };
        temp.store.set_canvas(&id, vertical).unwrap();
        assert_eq!(temp.store.canvas(&id).unwrap(), vertical);
        for bad in [
            Canvas {
                width: 0,
                ..vertical
            },
            Canvas {
                height: 8193,
                ..vertical
            },
            Canvas { fps: 0, ..vertical },
            Canvas {
                fps: 241,
                ..vertical
            },
        ] {
            assert!(matches!(
                temp.store.set_canvas(&id, bad),
                Err(StoreError::Invalid {
                    field: "canvas",
                    ..
                })
            ));
        }
        assert_eq!(
            temp.store.set_canvas("ses_unknown", vertical),
            Err(StoreError::NoSuchSession)
        );
        assert_eq!(temp.store.canvas(&id).unwrap(), vertical);
    }
}
