//! Test helpers: a store in a temporary directory that is removed afterwards.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use super::{Balance, Facts, MediaKind, MediaRecord, Store, TokenRules, new_media_id};
use crate::media::{Format, Orientation};

/// A store in its own temporary directory, removed on drop.
pub(crate) struct TempStore {
    /// The data dir.
    pub(crate) dir: PathBuf,
    /// The store opened in it.
    pub(crate) store: Store,
}

impl TempStore {
    /// A new store in a fresh directory.
    pub(crate) fn new() -> TempStore {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "i2v-studio-store-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::open(&dir).expect("open a store in a temp dir");
        TempStore { dir, store }
    }

    /// A session of a fresh anonymous user (client id `c`, address `a`), by its id.
    pub(crate) fn session(&self) -> String {
        let user = self
            .store
            .issue_anonymous_token("c", "a", &rules(), 0)
            .expect("issue a token")
            .user
            .id;
        self.store
            .create_session(user, "p", "en", 0)
            .expect("create a session")
            .session_id
    }

    /// Opens the same directory again and drops the old handle, as a restart would.
    ///
    /// The old connection is idle while the new one opens (SQLite allows several), and
    /// replacing it closes it: tests hold no other clone.
    pub(crate) fn reopen(&mut self) {
        self.store = Store::open(&self.dir).expect("reopen the store");
    }
}

impl Drop for TempStore {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The protocol's token rules: 7 days, 10 per address per 7 days, 100 starter credits.
pub(crate) fn rules() -> TokenRules {
    let week = Duration::from_secs(7 * 24 * 3600);
    TokenRules {
        ttl: week,
        per_address: 10,
        window: week,
        starter_credits: 100,
        key: super::TokenKey::new([0x5a; 16]),
    }
}

/// A balance of `available` and `frozen` credits, with its total.
pub(crate) fn balance(available: i64, frozen: i64) -> Balance {
    Balance {
        available,
        frozen,
        total: available + frozen,
    }
}

/// A plausible image record for `session_id`.
pub(crate) fn image_record(session_id: &str, name: &str) -> MediaRecord {
    let media_id = new_media_id().expect("random id");
    MediaRecord {
        path: format!("uploads/{session_id}/{media_id}.png"),
        media_id,
        session_id: session_id.to_owned(),
        name: name.to_owned(),
        kind: MediaKind::Image,
        mime: "image/png".into(),
        ext: "png".into(),
        size: 1234,
        width: Some(640),
        height: Some(480),
        orientation: Some("landscape".into()),
        duration_ms: None,
        created_ms: 42,
        sha256: Some("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into()),
        facts: Some(Facts {
            format: Format::PNG,
            orientation: Orientation::UPRIGHT,
            stored_size: Some((640, 480)),
        }),
    }
}
