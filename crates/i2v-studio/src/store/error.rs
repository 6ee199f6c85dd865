//! The store's one error type.

/// Why a store operation failed. Messages never hold a token or a claim token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The data dir or the database file could not be created or opened.
    #[error("cannot open the store at {path}: {message}")]
    Open {
        /// The place that failed.
        path: String,
        /// What the system said.
        message: String,
    },
    /// The database file was written by a newer studio.
    #[error("the database has schema version {found}; this studio knows up to {supported}")]
    NewerSchema {
        /// The file's `user_version`.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// A query failed.
    #[error("database error: {0}")]
    Database(String),
    /// The operating system's random source failed.
    #[error("no randomness available: {0}")]
    Randomness(String),
    /// One source address asked for too many new tokens; a slot frees after the wait.
    #[error("too many new tokens from this address; retry in {retry_after_secs} s")]
    RateLimited {
        /// Seconds until the oldest token of the window leaves it.
        retry_after_secs: u64,
    },
    /// The user's available credits do not cover the amount.
    #[error("insufficient credits: {needed} needed, {available} available")]
    InsufficientCredits {
        /// The amount asked for.
        needed: i64,
        /// What the user had available.
        available: i64,
    },
    /// The credit hold is unknown or was settled already.
    #[error("no such credit hold")]
    UnknownHold,
    /// An upload would take the user's media past their storage quota; nothing was recorded.
    #[error(
        "the upload of {upload_bytes} bytes would take the account's {used_bytes} bytes past its {max_bytes}"
    )]
    StorageFull {
        /// What the user's media take already.
        used_bytes: u64,
        /// What the upload adds.
        upload_bytes: u64,
        /// The quota.
        max_bytes: u64,
    },
    /// The session a write names does not exist.
    #[error("no such session")]
    NoSuchSession,
    /// An argument breaks a rule of the store.
    #[error("invalid {field}: {reason}")]
    Invalid {
        /// Which argument.
        field: &'static str,
        /// The rule it breaks.
        reason: &'static str,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> StoreError {
        // SQLite's messages name tables and columns, never the bound values, so no token leaks.
        StoreError::Database(err.to_string())
    }
}

/// A stored integer that does not fit its Rust type means the file was edited by hand.
pub(super) fn corrupt(column: &'static str) -> StoreError {
    StoreError::Database(format!("stored {column} is out of range"))
}
