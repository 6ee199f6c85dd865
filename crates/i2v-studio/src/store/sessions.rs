//! Sessions and the claim tokens that open them in a browser (`docs/PROTOCOL.md` §3.2–3.3).
//!
//! The rules:
//! - a session belongs to the user who created it; to anyone else it does not exist;
//! - a session idle for longer than the idle limit does not exist either (the API answers 1002
//!   for both cases alike, so an answer never tells whether an id is someone else's);
//! - using a session moves its idle clock;
//! - a claim token names one session until it expires; it is a key to view that session,
//!   not an API credential.

use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};

use super::ids::{self, Secret};
use super::{Store, StoreError, UserId, seconds_until, span_ms};

/// The longest task name and language tag accepted.
const MAX_LABEL_LEN: usize = 200;

/// A session and the task it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// The task id (`task_…`).
    pub task_id: String,
    /// The session id (`ses_…`).
    pub session_id: String,
    /// The id a registration link binds to (`bnd_…`).
    pub bind_id: String,
    /// The owner.
    pub user_id: UserId,
    /// The name the client gave the task.
    pub task_name: String,
    /// The language the client asked for (`en`, `zh`, …).
    pub language: String,
    /// When the session was created (Unix ms).
    pub created_ms: i64,
    /// When it was last used (Unix ms).
    pub last_used_ms: i64,
}

/// A claim token and its expiry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimToken {
    /// The token (`clm_…`).
    pub token: Secret,
    /// When it expires (Unix ms).
    pub expires_ms: i64,
}

impl ClaimToken {
    /// Whole seconds the claim token has left at `now_ms`, rounded up.
    pub fn expires_in_secs(&self, now_ms: i64) -> u64 {
        seconds_until(self.expires_ms, now_ms)
    }
}

impl Store {
    /// Creates a session (with its task and bind ids) for `user`.
    pub fn create_session(
        &self,
        user: UserId,
        task_name: &str,
        language: &str,
        now_ms: i64,
    ) -> Result<SessionRecord, StoreError> {
        check_label("task name", task_name)?;
        check_label("language", language)?;
        let record = SessionRecord {
            task_id: ids::prefixed("task_", 12)?,
            session_id: ids::prefixed("ses_", 16)?,
            bind_id: ids::prefixed("bnd_", 12)?,
            user_id: user,
            task_name: task_name.to_owned(),
            language: language.to_owned(),
            created_ms: now_ms,
            last_used_ms: now_ms,
        };
        let conn = self.lock();
        conn.execute(
            "INSERT INTO sessions (session_id, task_id, bind_id, user_id, task_name, language,
                                   created_ms, last_used_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                record.session_id,
                record.task_id,
                record.bind_id,
                user.0,
                record.task_name,
                record.language,
                now_ms
            ],
        )?;
        Ok(record)
    }

    /// `user`'s live session `session_id`, marked as used now; `None` when it is someone
    /// else's, idle for longer than `idle`, or unknown.
    pub fn use_session(
        &self,
        user: UserId,
        session_id: &str,
        idle: Duration,
        now_ms: i64,
    ) -> Result<Option<SessionRecord>, StoreError> {
        let conn = self.lock();
        let Some(mut record) = live_session(&conn, session_id, idle, now_ms)? else {
            return Ok(None);
        };
        if record.user_id != user {
            return Ok(None);
        }
        // Clocks of callers may disagree by a little; the idle clock never runs backwards.
        record.last_used_ms = record.last_used_ms.max(now_ms);
        conn.execute(
            "UPDATE sessions SET last_used_ms = ?2 WHERE session_id = ?1",
            params![session_id, record.last_used_ms],
        )?;
        Ok(Some(record))
    }

    /// A claim token for `user`'s live session; `None` when the session is not theirs, idle
    /// for longer than `idle`, unknown, or does not belong to `task_id`.
    pub fn create_claim(
        &self,
        user: UserId,
        task_id: &str,
        session_id: &str,
        ttl: Duration,
        idle: Duration,
        now_ms: i64,
    ) -> Result<Option<ClaimToken>, StoreError> {
        let conn = self.lock();
        let owned = live_session(&conn, session_id, idle, now_ms)?
            .filter(|s| s.user_id == user && s.task_id == task_id);
        if owned.is_none() {
            return Ok(None);
        }
        let claim = ClaimToken {
            token: ids::new_claim_token()?,
            expires_ms: now_ms.saturating_add(span_ms(ttl)),
        };
        conn.execute(
            "INSERT INTO claims (digest, session_id, created_ms, expires_ms) VALUES (?1, ?2, ?3, ?4)",
            params![ids::digest(claim.token.expose()), session_id, now_ms, claim.expires_ms],
        )?;
        Ok(Some(claim))
    }

    /// The live session an unexpired claim token names; `None` otherwise.
    ///
    /// Looking at a project through its claim link does not count as using the session.
    pub fn resolve_claim(
        &self,
        claim: &str,
        idle: Duration,
        now_ms: i64,
    ) -> Result<Option<SessionRecord>, StoreError> {
        if !claim.starts_with(ids::CLAIM_PREFIX) {
            return Ok(None);
        }
        let conn = self.lock();
        let session_id: Option<String> = conn
            .query_row(
                "SELECT session_id FROM claims WHERE digest = ?1 AND expires_ms > ?2",
                params![ids::digest(claim), now_ms],
                |row| row.get(0),
            )
            .optional()?;
        match session_id {
            Some(session_id) => live_session(&conn, &session_id, idle, now_ms),
            None => Ok(None),
        }
    }
}

/// The session, unless it is unknown or has been idle for longer than `idle`.
fn live_session(
    conn: &Connection,
    session_id: &str,
    idle: Duration,
    now_ms: i64,
) -> Result<Option<SessionRecord>, StoreError> {
    let record = conn
        .query_row(
            "SELECT task_id, session_id, bind_id, user_id, task_name, language, created_ms,
                    last_used_ms
             FROM sessions WHERE session_id = ?1",
            [session_id],
            |row| {
                Ok(SessionRecord {
                    task_id: row.get(0)?,
                    session_id: row.get(1)?,
                    bind_id: row.get(2)?,
                    user_id: UserId(row.get(3)?),
                    task_name: row.get(4)?,
                    language: row.get(5)?,
                    created_ms: row.get(6)?,
                    last_used_ms: row.get(7)?,
                })
            },
        )
        .optional()?;
    Ok(record.filter(|r| now_ms.saturating_sub(r.last_used_ms) <= span_ms(idle)))
}

/// Names and tags are short and free of control characters: they end up in logs and pages.
fn check_label(field: &'static str, value: &str) -> Result<(), StoreError> {
    let reason = if value.len() > MAX_LABEL_LEN {
        "longer than 200 bytes"
    } else if value.chars().any(char::is_control) {
        "holds control characters"
    } else {
        return Ok(());
    };
    Err(StoreError::Invalid { field, reason })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{TempStore, rules};
    use super::*;

    const IDLE: Duration = Duration::from_secs(60);

    fn user(temp: &TempStore, client: &str) -> UserId {
        temp.store
            .issue_anonymous_token(client, client, &rules(), 0)
            .unwrap()
            .user
            .id
    }

    #[test]
    fn a_new_session_has_its_three_ids() {
        let temp = TempStore::new();
        let alice = user(&temp, "alice");
        let session = temp
            .store
            .create_session(alice, "project", "zh", 7)
            .unwrap();
        assert!(session.task_id.starts_with("task_"));
        assert!(session.session_id.starts_with("ses_"));
        assert!(session.bind_id.starts_with("bnd_"));
        assert_eq!(
            (
                session.user_id,
                session.language.as_str(),
                session.created_ms
            ),
            (alice, "zh", 7)
        );
        let other = temp
            .store
            .create_session(alice, "project", "zh", 7)
            .unwrap();
        assert_ne!(other.session_id, session.session_id);
    }

    #[test]
    fn another_users_session_does_not_exist_for_them() {
        let temp = TempStore::new();
        let (alice, bob) = (user(&temp, "alice"), user(&temp, "bob"));
        let session = temp.store.create_session(alice, "p", "en", 0).unwrap();
        assert_eq!(
            temp.store
                .use_session(bob, &session.session_id, IDLE, 1)
                .unwrap(),
            None
        );
        assert_eq!(
            temp.store
                .use_session(alice, "ses_unknown", IDLE, 1)
                .unwrap(),
            None
        );
        assert!(
            temp.store
                .use_session(alice, &session.session_id, IDLE, 1)
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn use_keeps_a_session_alive_and_idleness_expires_it() {
        let temp = TempStore::new();
        let alice = user(&temp, "alice");
        let id = temp
            .store
            .create_session(alice, "p", "en", 0)
            .unwrap()
            .session_id;
        // Used at 50 s, so alive at 110 s (60 s idle exactly), gone at 110.001 s.
        let used = temp.store.use_session(alice, &id, IDLE, 50_000).unwrap();
        assert_eq!(used.map(|s| s.last_used_ms), Some(50_000));
        assert!(
            temp.store
                .use_session(alice, &id, IDLE, 110_000)
                .unwrap()
                .is_some()
        );
        assert_eq!(
            temp.store.use_session(alice, &id, IDLE, 170_001).unwrap(),
            None
        );
    }

    #[test]
    fn the_idle_clock_never_runs_backwards() {
        let temp = TempStore::new();
        let alice = user(&temp, "alice");
        let id = temp
            .store
            .create_session(alice, "p", "en", 10_000)
            .unwrap()
            .session_id;
        let earlier = temp.store.use_session(alice, &id, IDLE, 5_000).unwrap();
        assert_eq!(earlier.map(|s| s.last_used_ms), Some(10_000));
    }

    #[test]
    fn claims_resolve_to_their_session_until_they_expire() {
        let temp = TempStore::new();
        let alice = user(&temp, "alice");
        let s = temp.store.create_session(alice, "p", "en", 0).unwrap();
        let claim = temp
            .store
            .create_claim(alice, &s.task_id, &s.session_id, IDLE, IDLE, 0)
            .unwrap()
            .unwrap();
        assert!(claim.token.expose().starts_with("clm_"));
        assert_eq!(claim.expires_in_secs(0), 60);
        let resolved = temp
            .store
            .resolve_claim(claim.token.expose(), IDLE, 59_999)
            .unwrap();
        assert_eq!(resolved.map(|r| r.session_id), Some(s.session_id.clone()));
        assert_eq!(
            temp.store
                .resolve_claim(claim.token.expose(), Duration::MAX, 60_000)
                .unwrap(),
            None
        );
        assert_eq!(temp.store.resolve_claim("clm_nope", IDLE, 0).unwrap(), None);
    }

    #[test]
    fn resolving_a_claim_does_not_count_as_use() {
        let temp = TempStore::new();
        let alice = user(&temp, "alice");
        let s = temp.store.create_session(alice, "p", "en", 0).unwrap();
        let long = Duration::from_secs(3600);
        let claim = temp
            .store
            .create_claim(alice, &s.task_id, &s.session_id, long, IDLE, 0)
            .unwrap()
            .unwrap();
        assert!(
            temp.store
                .resolve_claim(claim.token.expose(), IDLE, 50_000)
                .unwrap()
                .is_some()
        );
        // Idle since 0, so expired at 61 s although the claim was looked at 50 s in.
        assert_eq!(
            temp.store
                .resolve_claim(claim.token.expose(), IDLE, 61_000)
                .unwrap(),
            None
        );
    }

    #[test]
    fn claims_need_the_owner_and_the_matching_task() {
        let temp = TempStore::new();
        let (alice, bob) = (user(&temp, "alice"), user(&temp, "bob"));
        let s = temp.store.create_session(alice, "p", "en", 0).unwrap();
        let other = temp.store.create_session(alice, "p", "en", 0).unwrap();
        let claim = |who, task: &str| {
            temp.store
                .create_claim(who, task, &s.session_id, IDLE, IDLE, 1)
                .unwrap()
        };
        assert_eq!(claim(bob, &s.task_id), None);
        assert_eq!(claim(alice, &other.task_id), None);
        assert!(claim(alice, &s.task_id).is_some());
        // An expired session cannot be claimed.
        assert_eq!(
            temp.store
                .create_claim(alice, &s.task_id, &s.session_id, IDLE, IDLE, 60_001)
                .unwrap(),
            None
        );
    }

    #[test]
    fn labels_are_checked() {
        let temp = TempStore::new();
        let alice = user(&temp, "alice");
        assert!(matches!(
            temp.store.create_session(alice, "a\nb", "en", 0),
            Err(StoreError::Invalid {
                field: "task name",
                ..
            })
        ));
        assert!(matches!(
            temp.store.create_session(alice, "p", &"x".repeat(201), 0),
            Err(StoreError::Invalid {
                field: "language",
                ..
            })
        ));
    }
}
