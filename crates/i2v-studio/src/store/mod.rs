//! SQLite persistence: users and their tokens, sessions and claim tokens, drafts and their
//! history, credits, media.
//!
//! Everything lives in one database file, [`Store::FILE_NAME`] in the data dir, in WAL mode with
//! `synchronous=NORMAL`: a committed transaction survives the process being killed (a power cut
//! may lose the last few). Changes that touch several rows run in one transaction, so a crash
//! leaves all of them or none.
//!
//! [`Store`] is a cheap clone around one connection. Its methods are synchronous and short, and
//! every method that depends on the time takes it as an argument (`now_ms`, Unix milliseconds),
//! so tests decide what time it is.

mod credits;
mod drafts;
mod error;
mod history;
mod ids;
mod media;
mod media_facts;
mod schema;
mod sessions;
#[cfg(test)]
pub(crate) mod testing;
mod users;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::Connection;

pub use credits::{Balance, HoldId};
pub use drafts::{Canvas, StoredDraft};
pub use error::StoreError;
pub use history::{DraftHistory, Edit, HISTORY_LIMIT, HistoryEntry, HistoryMove};
pub use ids::{Secret, TokenKey, new_media_id};
pub use media::{Facts, MediaKind, MediaRecord};
pub use sessions::{ClaimToken, SessionRecord};
pub use users::{IssuedToken, TokenRules, User, UserId};

/// The studio's database: a handle that many threads and tasks may clone and share.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// The database's file name inside the data dir.
    pub const FILE_NAME: &str = "studio.sqlite3";

    /// Opens (creating when needed) the database in `data_dir`, brings its schema up to date and
    /// refunds the credit holds a previous run left behind.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|err| StoreError::Open {
            path: data_dir.display().to_string(),
            message: err.to_string(),
        })?;
        Store::open_file(&data_dir.join(Store::FILE_NAME))
    }

    /// Opens (creating when needed) the database at exactly `path`; see [`Store::open`].
    pub fn open_file(path: &Path) -> Result<Store, StoreError> {
        let open_error = |err: rusqlite::Error| StoreError::Open {
            path: path.display().to_string(),
            message: err.to_string(),
        };
        let mut conn = Connection::open(path).map_err(open_error)?;
        // The database holds bearer tokens: the user's own, not the machine's other users'.
        // SQLite gives its `-wal` and `-shm` files the database file's permissions.
        owner_only(path).map_err(|err| StoreError::Open {
            path: path.display().to_string(),
            message: err.to_string(),
        })?;
        configure(&conn).map_err(open_error)?;
        schema::migrate(&mut conn)?;
        let refunded = credits::refund_stale_holds(&mut conn)?;
        if refunded > 0 {
            tracing::info!(refunded, "refunded credit holds left by an earlier run");
        }
        Ok(Store {
            conn: Arc::new(Mutex::new(conn)),
            path: path.to_owned(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for one short operation.
    ///
    /// A panic while the lock was held cannot leave a half-done change behind (an open
    /// transaction rolls back when it is dropped), so a poisoned lock is still safe to use.
    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Durability and integrity settings, applied to every connection.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // WAL with synchronous=NORMAL: a commit is in the log before it is acknowledged, which is
    // what surviving `kill -9` needs; fsync per commit (FULL) would only add power-cut safety.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(())
}

/// A duration in milliseconds, saturating instead of overflowing.
fn span_ms(span: Duration) -> i64 {
    i64::try_from(span.as_millis()).unwrap_or(i64::MAX)
}

/// Whole seconds from `now_ms` until `until_ms`, rounded up, never negative.
fn seconds_until(until_ms: i64, now_ms: i64) -> u64 {
    let ms = until_ms.saturating_sub(now_ms).max(0);
    u64::try_from(ms).unwrap_or(0).div_ceil(1000)
}

/// Makes a file readable and writable by its owner only (`0600`); elsewhere than Unix, as it is.
fn owner_only(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::thread;

    use super::testing::TempStore;
    use super::*;

    #[test]
    fn open_creates_the_data_dir_and_the_file() {
        let temp = TempStore::new();
        assert!(temp.store.path().ends_with(Store::FILE_NAME));
        assert!(temp.store.path().is_file());
        let mode: String = temp
            .store
            .lock()
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let meta = std::fs::metadata(temp.store.path()).unwrap();
            assert_eq!(
                meta.permissions().mode() & 0o777,
                0o600,
                "tokens for its owner only"
            );
        }
    }

    #[test]
    fn reopening_after_drop_keeps_everything() {
        let mut temp = TempStore::new();
        let rules = testing::rules();
        let issued = temp
            .store
            .issue_anonymous_token("client-a", "10.0.0.1", &rules, 1_000)
            .unwrap();
        let user = issued.user.id;
        let session = temp
            .store
            .create_session(user, "project", "en", 1_000)
            .unwrap();
        temp.store
            .save_draft(&session.session_id, r#"{"t":[ ]}"#, 2_000)
            .unwrap();
        temp.store
            .set_canvas(
                &session.session_id,
                Canvas {
                    width: 1080,
                    height: 1920,
                    fps: 25,
                },
            )
            .unwrap();
        let claim = temp
            .store
            .create_claim(
                user,
                &session.task_id,
                &session.session_id,
                Duration::from_secs(60),
                Duration::from_secs(60),
                2_000,
            )
            .unwrap()
            .unwrap();
        temp.store.freeze(user, 30, 2_000).unwrap();
        let media = testing::image_record(&session.session_id, "a.png");
        temp.store.add_media(&media).unwrap();

        temp.reopen();
        let store = &temp.store;
        let again = store
            .issue_anonymous_token("client-a", "10.0.0.1", &rules, 3_000)
            .unwrap();
        assert_eq!(again.token.expose(), issued.token.expose());
        assert!(!again.fresh);
        assert_eq!(
            store
                .authenticate(issued.token.expose(), 3_000)
                .unwrap()
                .map(|u| u.id),
            Some(user)
        );
        let found = store
            .use_session(user, &session.session_id, Duration::from_secs(60), 3_000)
            .unwrap();
        assert_eq!(found.map(|s| s.task_id), Some(session.task_id.clone()));
        assert_eq!(
            store
                .latest_draft(&session.session_id)
                .unwrap()
                .unwrap()
                .json,
            r#"{"t":[ ]}"#
        );
        assert_eq!(store.canvas(&session.session_id).unwrap().fps, 25);
        assert_eq!(
            store
                .resolve_claim(claim.token.expose(), Duration::from_secs(60), 3_000)
                .unwrap()
                .map(|s| s.session_id),
            Some(session.session_id.clone())
        );
        // The hold of the first run was refunded when the store opened again.
        assert_eq!(
            store.balance(user).unwrap(),
            Balance {
                available: 100,
                frozen: 0,
                total: 100
            }
        );
        assert_eq!(store.session_media(&session.session_id).unwrap(), [media]);
    }

    #[test]
    fn clones_serve_many_threads_at_once() {
        let temp = TempStore::new();
        let rules = testing::rules();
        let user = temp
            .store
            .issue_anonymous_token("shared", "10.0.0.1", &rules, 0)
            .unwrap()
            .user
            .id;
        let workers: Vec<_> = (0..8)
            .map(|n| {
                let store = temp.store.clone();
                thread::spawn(move || {
                    let session = store.create_session(user, "p", "en", n).unwrap();
                    for round in 0..10 {
                        let hold = store.freeze(user, 1, n).unwrap();
                        store.settle(hold, round % 2 == 0).unwrap();
                        store
                            .save_draft(&session.session_id, &format!("{{\"r\":{round}}}"), n)
                            .unwrap();
                    }
                    session.session_id
                })
            })
            .collect();
        for worker in workers {
            let session_id = worker.join().unwrap();
            let draft = temp.store.latest_draft(&session_id).unwrap().unwrap();
            assert_eq!((draft.json.as_str(), draft.revision), (r#"{"r":9}"#, 10));
        }
        // 8 threads charged 5 of their 10 one-credit holds each.
        assert_eq!(
            temp.store.balance(user).unwrap(),
            Balance {
                available: 60,
                frozen: 0,
                total: 60
            }
        );
    }

    #[test]
    fn an_unwritable_place_is_an_open_error() {
        let temp = TempStore::new();
        // A file where the data dir should be.
        let blocker = temp.dir.join("file");
        std::fs::write(&blocker, b"x").unwrap();
        assert!(matches!(
            Store::open(&blocker.join("data")),
            Err(StoreError::Open { .. })
        ));
    }

    #[test]
    fn time_helpers_round_and_saturate() {
        assert_eq!(seconds_until(2_001, 1_000), 2);
        assert_eq!(seconds_until(2_000, 1_000), 1);
        assert_eq!(seconds_until(0, 1_000), 0);
        assert_eq!(span_ms(Duration::MAX), i64::MAX);
        assert_eq!(span_ms(Duration::from_secs(2)), 2_000);
    }
}
