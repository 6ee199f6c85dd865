//! Every saved state of a session's video, and where the session stands among them: what undo
//! and redo move through.
//!
//! The model, kept in `draft_history` (schema migration 4):
//! - a **state** is a draft's text (byte for byte, as the draft was saved), the canvas it was
//!   shown on, and the tool that made it; the frame shape is part of it, so undoing "make it
//!   vertical" brings the old shape back;
//! - each saved edit ([`Store::save_edit`], [`Store::save_draft`]) becomes a new state right
//!   after the one the session stands at, and the session moves there; states after it (the
//!   ones undone, which redo would have brought back) are dropped first, as in any editor;
//! - [`Store::revisit`] moves back (undo) or forward (redo) among the states, restoring the
//!   draft and the canvas; nothing is dropped;
//! - a session keeps its last [`HISTORY_LIMIT`] states: the oldest are forgotten;
//! - the latest draft and the canvas (`drafts`, `canvases`) always equal the state the session
//!   stands at; [`Store::set_canvas`] changes that state's canvas in place.
//!
//! Before the first draft a session has no states: the canvas alone is not a state.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::drafts::{
    Canvas, canvas_of, check_canvas, check_draft, read_canvas, session_exists, write_canvas,
};
use super::error::corrupt;
use super::{Store, StoreError};

/// How many states a session keeps: the current one and 49 to go back to. Enough for any
/// sitting, while a long session's database stays small (a draft is a few kilobytes).
pub const HISTORY_LIMIT: usize = 50;

/// One saved change, as a tool step of a turn made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit<'a> {
    /// The tool that made it (`set_music`, `set_aspect_ratio`, …).
    pub tool: &'a str,
    /// The new draft's JSON text, or `None` where the draft stays as it is.
    pub draft: Option<&'a str>,
    /// The new canvas, or `None` where the canvas stays as it is.
    pub canvas: Option<Canvas>,
}

/// One state of a session's video.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// The draft's JSON text, exactly as saved.
    pub json: String,
    /// The canvas it was shown on.
    pub canvas: Canvas,
    /// The tool that made it; `None` for a draft saved without one, or before history was kept.
    pub tool: Option<String>,
    /// When it was saved (Unix ms).
    pub saved_ms: i64,
}

/// A session's states, oldest first, and the one it stands at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftHistory {
    /// The states, oldest first; empty before the first draft.
    pub entries: Vec<HistoryEntry>,
    /// The index in `entries` of the state the session stands at (0 when there are none):
    /// the ones before it can be undone to, the ones after it redone.
    pub at: usize,
}

/// A move through a session's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HistoryMove {
    /// This many states back (undo).
    Back(usize),
    /// This many states forward (redo).
    Forward(usize),
}

impl Store {
    /// Saves one change a tool made as a new state of the session's history (see the module
    /// doc); a change of the canvas alone before the first draft only sets the canvas.
    pub fn save_edit(
        &self,
        session_id: &str,
        edit: &Edit<'_>,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        if let Some(json) = edit.draft {
            check_draft(json)?;
        }
        if let Some(canvas) = edit.canvas {
            check_canvas(canvas)?;
        }
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if !session_exists(&tx, session_id)? {
            return Err(StoreError::NoSuchSession);
        }
        record(
            &tx,
            session_id,
            edit.draft,
            edit.canvas,
            Some(edit.tool),
            now_ms,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The session's states and where it stands; empty for a session without a draft.
    pub fn history(&self, session_id: &str) -> Result<DraftHistory, StoreError> {
        let conn = self.lock();
        let Some(at_seq) = standing(&conn, session_id)? else {
            return Ok(DraftHistory::default());
        };
        let mut statement = conn.prepare(
            "SELECT seq, json, width, height, fps, tool, saved_ms FROM draft_history
             WHERE session_id = ?1 ORDER BY seq",
        )?;
        let rows = statement.query_map([session_id], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                (
                    row.get::<_, i64>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, i64>(4)?,
                ),
                row.get::<_, Option<String>>(5)?,
                row.get::<_, i64>(6)?,
            ))
        })?;
        let mut history = DraftHistory::default();
        for row in rows {
            let (seq, json, (width, height, fps), tool, saved_ms) = row?;
            if seq == at_seq {
                history.at = history.entries.len();
            }
            history.entries.push(HistoryEntry {
                json,
                canvas: canvas_of(width, height, fps)?,
                tool,
                saved_ms,
            });
        }
        Ok(history)
    }

    /// Moves the session back or forward in its history, restoring that state's draft (as a
    /// new revision of the latest draft) and canvas.
    ///
    /// A move past either end is refused and changes nothing; a move of 0 states does nothing.
    pub fn revisit(
        &self,
        session_id: &str,
        to: HistoryMove,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if !session_exists(&tx, session_id)? {
            return Err(StoreError::NoSuchSession);
        }
        let (by, reason) = match to {
            HistoryMove::Back(steps) => (-signed(steps), "not that many states to go back to"),
            HistoryMove::Forward(steps) => (signed(steps), "not that many states to go forward to"),
        };
        let refused = StoreError::Invalid {
            field: "history",
            reason,
        };
        let at = standing(&tx, session_id)?.ok_or(refused.clone())?;
        if by == 0 {
            return Ok(());
        }
        let target = at.checked_add(by).ok_or(refused.clone())?;
        let state = tx
            .query_row(
                "SELECT json, width, height, fps FROM draft_history
                 WHERE session_id = ?1 AND seq = ?2",
                params![session_id, target],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, i64>(1)?,
                        row.get::<_, i64>(2)?,
                        row.get::<_, i64>(3)?,
                    ))
                },
            )
            .optional()?;
        let (json, width, height, fps) = state.ok_or(refused)?;
        tx.execute(
            "UPDATE drafts SET json = ?2, revision = revision + 1, updated_ms = ?3,
                               history_at = ?4
             WHERE session_id = ?1",
            params![session_id, json, now_ms, target],
        )?;
        write_canvas(&tx, session_id, canvas_of(width, height, fps)?)?;
        tx.commit()?;
        Ok(())
    }
}

/// Records a new state after the one the session stands at (see the module doc): the draft
/// `json` (or the current one) on `canvas` (or the current one), made by `tool`. Returns the
/// latest draft's revision, or `None` where there is no draft yet and only the canvas was set.
///
/// Runs inside the caller's transaction, on a session known to exist, with checked arguments.
pub(super) fn record(
    conn: &Connection,
    session_id: &str,
    json: Option<&str>,
    canvas: Option<Canvas>,
    tool: Option<&str>,
    now_ms: i64,
) -> Result<Option<u64>, StoreError> {
    let current = conn
        .query_row(
            "SELECT json, history_at FROM drafts WHERE session_id = ?1",
            [session_id],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, Option<i64>>(1)?)),
        )
        .optional()?;
    let canvas = match canvas {
        Some(canvas) => {
            write_canvas(conn, session_id, canvas)?;
            canvas
        }
        None => read_canvas(conn, session_id)?,
    };
    let (at, state_json) = match (&current, json) {
        (_, Some(json)) => (current.as_ref().and_then(|(_, at)| *at), json),
        (Some((same, at)), None) => (*at, same.as_str()),
        (None, None) => return Ok(None),
    };
    // Whatever was undone past this point cannot be redone once something new is done.
    if let Some(at) = at {
        conn.execute(
            "DELETE FROM draft_history WHERE session_id = ?1 AND seq > ?2",
            params![session_id, at],
        )?;
    }
    let seq: i64 = conn.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM draft_history WHERE session_id = ?1",
        [session_id],
        |row| row.get(0),
    )?;
    conn.execute(
        "INSERT INTO draft_history (session_id, seq, json, width, height, fps, tool, saved_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            session_id,
            seq,
            state_json,
            canvas.width,
            canvas.height,
            canvas.fps,
            tool,
            now_ms
        ],
    )?;
    conn.execute(
        "DELETE FROM draft_history WHERE session_id = ?1 AND seq <= ?2",
        params![session_id, seq.saturating_sub(signed(HISTORY_LIMIT))],
    )?;
    let revision: i64 = match json {
        Some(json) => conn.query_row(
            "INSERT INTO drafts (session_id, json, revision, updated_ms, history_at)
             VALUES (?1, ?2, 1, ?3, ?4)
             ON CONFLICT (session_id) DO UPDATE
                SET json = excluded.json, revision = revision + 1,
                    updated_ms = excluded.updated_ms, history_at = excluded.history_at
             RETURNING revision",
            params![session_id, json, now_ms, seq],
            |row| row.get(0),
        )?,
        // The draft is unchanged: it keeps its revision and only the place in history moves.
        None => conn.query_row(
            "UPDATE drafts SET history_at = ?2 WHERE session_id = ?1 RETURNING revision",
            params![session_id, seq],
            |row| row.get(0),
        )?,
    };
    u64::try_from(revision)
        .map(Some)
        .map_err(|_| corrupt("draft revision"))
}

/// Gives the state the session stands at the canvas just set, so that it stays equal to the
/// session's canvas; nothing where the session has no draft yet.
pub(super) fn restamp_canvas(
    conn: &Connection,
    session_id: &str,
    canvas: Canvas,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE draft_history SET width = ?2, height = ?3, fps = ?4
         WHERE session_id = ?1
           AND seq = (SELECT history_at FROM drafts WHERE session_id = ?1)",
        params![session_id, canvas.width, canvas.height, canvas.fps],
    )?;
    Ok(())
}

/// The `seq` of the state the session stands at; `None` without a draft.
fn standing(conn: &Connection, session_id: &str) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT history_at FROM drafts WHERE session_id = ?1",
            [session_id],
            |row| row.get::<_, Option<i64>>(0),
        )
        .optional()?
        .flatten())
}

/// A count of states as a difference of `seq`s; no history holds `i64::MAX` of them.
fn signed(steps: usize) -> i64 {
    i64::try_from(steps).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests;
