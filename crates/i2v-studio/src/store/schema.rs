//! The schema and its migrations, numbered by SQLite's `user_version`.
//!
//! Migration `n` (1-based) takes a database from version `n - 1` to `n`. Each runs in its own
//! transaction together with the version bump, so a crash mid-migration leaves the old version.
//! Released migrations are never edited; a change is a new entry at the end.

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// Every migration, in order.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    "
    CREATE TABLE users (
        id          INTEGER PRIMARY KEY,
        client_id   TEXT    NOT NULL UNIQUE,
        anonymous   INTEGER NOT NULL,
        created_ms  INTEGER NOT NULL
    );
    -- The token itself is stored (not a hash): the same client id must get its still-valid
    -- token back. The primary key makes authentication one index lookup.
    CREATE TABLE tokens (
        token       TEXT    PRIMARY KEY,
        user_id     INTEGER NOT NULL REFERENCES users(id),
        created_ms  INTEGER NOT NULL,
        expires_ms  INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX tokens_by_user ON tokens(user_id, expires_ms);
    -- One row per new token, for the per-address limit; rows older than the window are pruned.
    CREATE TABLE token_grants (
        id          INTEGER PRIMARY KEY,
        address     TEXT    NOT NULL,
        granted_ms  INTEGER NOT NULL
    );
    CREATE INDEX token_grants_by_address ON token_grants(address, granted_ms);
    CREATE TABLE sessions (
        session_id   TEXT    PRIMARY KEY,
        task_id      TEXT    NOT NULL UNIQUE,
        bind_id      TEXT    NOT NULL UNIQUE,
        user_id      INTEGER NOT NULL REFERENCES users(id),
        task_name    TEXT    NOT NULL,
        language     TEXT    NOT NULL,
        created_ms   INTEGER NOT NULL,
        last_used_ms INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE claims (
        token       TEXT    PRIMARY KEY,
        session_id  TEXT    NOT NULL REFERENCES sessions(session_id),
        created_ms  INTEGER NOT NULL,
        expires_ms  INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE drafts (
        session_id  TEXT    PRIMARY KEY REFERENCES sessions(session_id),
        json        TEXT    NOT NULL,
        revision    INTEGER NOT NULL,
        updated_ms  INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE canvases (
        session_id  TEXT    PRIMARY KEY REFERENCES sessions(session_id),
        width       INTEGER NOT NULL,
        height      INTEGER NOT NULL,
        fps         INTEGER NOT NULL
    ) WITHOUT ROWID;
    -- Frozen credits are the sum of the user's holds, so they cannot drift from them.
    CREATE TABLE credits (
        user_id     INTEGER PRIMARY KEY REFERENCES users(id),
        available   INTEGER NOT NULL CHECK (available >= 0)
    );
    CREATE TABLE holds (
        id          INTEGER PRIMARY KEY,
        user_id     INTEGER NOT NULL REFERENCES users(id),
        amount      INTEGER NOT NULL CHECK (amount > 0),
        created_ms  INTEGER NOT NULL
    );
    CREATE INDEX holds_by_user ON holds(user_id);
    CREATE TABLE media (
        id           INTEGER PRIMARY KEY,
        media_id     TEXT    NOT NULL UNIQUE,
        session_id   TEXT    NOT NULL REFERENCES sessions(session_id),
        name         TEXT    NOT NULL,
        kind         TEXT    NOT NULL,
        mime         TEXT    NOT NULL,
        ext          TEXT    NOT NULL,
        size         INTEGER NOT NULL,
        width        INTEGER,
        height       INTEGER,
        orientation  TEXT,
        duration_ms  INTEGER,
        path         TEXT    NOT NULL,
        created_ms   INTEGER NOT NULL
    );
    CREATE INDEX media_by_session ON media(session_id, id);
    ",
    // 2: the content hash of each upload (the api-reference's `hash`).
    "ALTER TABLE media ADD COLUMN sha256 TEXT;",
    // 3: what a render needs of each upload, learnt from its bytes once (`media::Facts`; the
    // format is the row's `mime`): the EXIF orientation of the stored pixels (1 when the file
    // records none, and for sound and video) and a picture's size as stored, before that
    // orientation. A NULL `pixel_orientation` marks a row stored before: its file is inspected
    // at the first export that lists it, and these columns are filled then.
    "
    ALTER TABLE media ADD COLUMN pixel_orientation INTEGER
        CHECK (pixel_orientation BETWEEN 1 AND 8);
    ALTER TABLE media ADD COLUMN pixel_width INTEGER;
    ALTER TABLE media ADD COLUMN pixel_height INTEGER;
    ",
    // 4: every saved state of a session's video, for undo and redo (`store::history`): the draft
    // text as saved, the canvas it was shown on, and the tool that made it (NULL: not known).
    // `seq` counts a session's states from 1 and is never reused; `drafts.history_at` is the
    // `seq` the session stands at. Each draft saved before becomes the first state of its
    // session, on its canvas or the default one (1920x1080 at 30 fps).
    "
    CREATE TABLE draft_history (
        session_id  TEXT    NOT NULL REFERENCES sessions(session_id),
        seq         INTEGER NOT NULL CHECK (seq >= 1),
        json        TEXT    NOT NULL,
        width       INTEGER NOT NULL,
        height      INTEGER NOT NULL,
        fps         INTEGER NOT NULL,
        tool        TEXT,
        saved_ms    INTEGER NOT NULL,
        PRIMARY KEY (session_id, seq)
    ) WITHOUT ROWID;
    ALTER TABLE drafts ADD COLUMN history_at INTEGER;
    INSERT INTO draft_history (session_id, seq, json, width, height, fps, tool, saved_ms)
        SELECT d.session_id, 1, d.json, COALESCE(c.width, 1920), COALESCE(c.height, 1080),
               COALESCE(c.fps, 30), NULL, d.updated_ms
        FROM drafts d LEFT JOIN canvases c ON c.session_id = d.session_id;
    UPDATE drafts SET history_at = 1;
    ",
    // 5: tokens and claim tokens kept as their SHA-256 digests, never as themselves (a copy of
    // the database must not open anyone's account). An anonymous token is derived from the
    // studio's secret and the row's nonce. The plain ones of before are let go: their clients
    // get a new token for the same client id and user (1001, then §3.1), and claim links made
    // before stop opening.
    "
    DROP TABLE tokens;
    CREATE TABLE tokens (
        digest      TEXT    PRIMARY KEY,
        user_id     INTEGER NOT NULL REFERENCES users(id),
        nonce       TEXT    NOT NULL,
        created_ms  INTEGER NOT NULL,
        expires_ms  INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX tokens_by_user ON tokens(user_id, expires_ms);
    DROP TABLE claims;
    CREATE TABLE claims (
        digest      TEXT    PRIMARY KEY,
        session_id  TEXT    NOT NULL REFERENCES sessions(session_id),
        created_ms  INTEGER NOT NULL,
        expires_ms  INTEGER NOT NULL
    ) WITHOUT ROWID;
    ",
];

/// The schema version this build writes.
pub(super) fn latest_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// Brings the database up to [`latest_version`]; a newer file is refused, not downgraded.
pub(super) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > latest_version() {
        return Err(StoreError::NewerSchema {
            found,
            supported: latest_version(),
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate() {
        let version = i64::try_from(index).unwrap_or(i64::MAX).saturating_add(1);
        if version <= found {
            continue;
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap()
    }

    #[test]
    fn a_new_database_gets_every_migration_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn), latest_version());
        // Running again is a no-op, not a "table exists" error.
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn), latest_version());
    }

    #[test]
    fn a_first_version_database_keeps_its_media_and_gains_their_hash_and_facts() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO users (id, client_id, anonymous, created_ms) VALUES (1, 'c', 1, 0);
             INSERT INTO sessions (session_id, task_id, user_id, bind_id, language, task_name,
                                   created_ms, last_used_ms)
                    VALUES ('ses_1', 'task_1', 1, 'bnd_1', 'en', 'p', 0, 0);
             INSERT INTO media (media_id, session_id, name, kind, mime, ext, size, path,
                                created_ms)
                    VALUES ('med_1', 'ses_1', 'a.png', 'image', 'image/png', 'png', 1,
                            'media/med_1.png', 0);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn), latest_version());
        let hash: Option<String> = conn
            .query_row(
                "SELECT sha256 FROM media WHERE media_id = 'med_1'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(hash, None);
        let orientation: Option<i64> = conn
            .query_row(
                "SELECT pixel_orientation FROM media WHERE media_id = 'med_1'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(orientation, None, "not inspected yet");
    }

    #[test]
    fn a_third_version_database_keeps_its_drafts_as_the_first_state_of_their_history() {
        let mut conn = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..3] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 3).unwrap();
        conn.execute_batch(
            "INSERT INTO users (id, client_id, anonymous, created_ms) VALUES (1, 'c', 1, 0);
             INSERT INTO sessions (session_id, task_id, user_id, bind_id, language, task_name,
                                   created_ms, last_used_ms)
                    VALUES ('ses_1', 'task_1', 1, 'bnd_1', 'en', 'p', 0, 0),
                           ('ses_2', 'task_2', 1, 'bnd_2', 'en', 'p', 0, 0);
             INSERT INTO drafts (session_id, json, revision, updated_ms)
                    VALUES ('ses_1', '{\"a\": 1}', 4, 70), ('ses_2', '{}', 1, 80);
             INSERT INTO canvases (session_id, width, height, fps)
                    VALUES ('ses_1', 1080, 1920, 25);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn), latest_version());
        // One line per state: session, seq, draft, canvas, tool, time, where the session stands.
        let rows: Vec<String> = conn
            .prepare(
                "SELECT h.session_id || ' ' || h.seq || ' ' || h.json || ' ' || h.width || 'x'
                        || h.height || '@' || h.fps || ' ' || COALESCE(h.tool, '-') || ' '
                        || h.saved_ms || ' ' || d.history_at
                 FROM draft_history h JOIN drafts d ON d.session_id = h.session_id
                 ORDER BY h.session_id",
            )
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            rows,
            [
                r#"ses_1 1 {"a": 1} 1080x1920@25 - 70 1"#,
                "ses_2 1 {} 1920x1080@30 - 80 1"
            ]
        );
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
        assert_eq!(
            migrate(&mut conn),
            Err(StoreError::NewerSchema {
                found: latest_version() + 1,
                supported: latest_version()
            })
        );
    }
}
