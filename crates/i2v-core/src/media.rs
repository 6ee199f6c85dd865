//! What the backend accepts as upload: the formats of `docs/PROTOCOL.md` §3.5 and the size limit.

/// File extensions the backend accepts, in the order `docs/PROTOCOL.md` §3.5 lists them.
pub const ACCEPTED_FORMATS: &[&str] = &[
    "mp4", "mov", "avi", "webm", "mkv", "jpg", "jpeg", "png", "gif", "webp", "heic", "mp3", "wav",
    "m4a", "aac",
];

/// The largest file the backend accepts: 200 MB (binary megabytes, 209,715,200 bytes).
pub const MAX_UPLOAD_BYTES: u64 = 200 * 1024 * 1024;
