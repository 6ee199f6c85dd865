//! Why an upload was refused, with the envelope code (`docs/PROTOCOL.md` §2) and HTTP status that go with it.

use i2v_core::media::ACCEPTED_FORMATS;

/// Why an upload was refused or could not be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaError {
    /// The content is none of the accepted formats (4001).
    #[error("{name}: unsupported file type; accepted formats: {}", ACCEPTED_FORMATS.join(", "))]
    Unsupported {
        /// The name the file was uploaded under.
        name: String,
    },
    /// The content is an accepted format but does not decode: cut short or corrupt (4001, the
    /// unsupported-file family: the file cannot be used as it is).
    #[error("{name} is damaged: {reason}")]
    Damaged {
        /// The name the file was uploaded under.
        name: String,
        /// What decoding found: "the image data ends early", "the image data is corrupt", ….
        reason: String,
    },
    /// The file is larger than the limit (4002).
    #[error("file too large: the limit is {} ({limit} bytes)", megabytes(*limit))]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// A picture with more pixels than the studio decodes (400, ours): a decode bomb, or a scan
    /// far beyond any camera's.
    #[error("{name} is {width}x{height} pixels ({} MP); the studio takes pictures of up to {} MP", megapixels(*width, *height), MAX_PIXELS / 1_000_000)]
    TooManyPixels {
        /// The name the file was uploaded under.
        name: String,
        /// Its stored width.
        width: u32,
        /// Its stored height.
        height: u32,
    },
    /// A URL upload could not be fetched (4003, ours).
    #[error("could not fetch the url: {reason}")]
    Fetch {
        /// What went wrong, without the URL (which may carry secrets).
        reason: String,
    },
    /// A URL upload points where the studio may not go (4004, ours): not http(s), or a private address.
    #[error("url not allowed: {reason}")]
    Forbidden {
        /// Which rule refused it.
        reason: String,
    },
    /// The upload body broke off or was malformed before the file was complete (400).
    #[error("upload interrupted: {reason}")]
    Interrupted {
        /// What the body stream reported.
        reason: String,
    },
    /// The studio could not write or read its own files (500).
    #[error("could not store the file: {reason}")]
    Io {
        /// The operating system's description of the failure.
        reason: String,
    },
}

impl MediaError {
    /// The envelope `code` for this error: 4001 unsupported or damaged, 4002 too large, 4003 fetch failed (ours), 4004 URL
    /// forbidden (ours), 400 interrupted body, 500 storage failure.
    pub fn code(&self) -> i64 {
        match self {
            MediaError::Unsupported { .. } | MediaError::Damaged { .. } => 4001,
            MediaError::TooLarge { .. } => 4002,
            MediaError::Fetch { .. } => 4003,
            MediaError::Forbidden { .. } => 4004,
            MediaError::Interrupted { .. } | MediaError::TooManyPixels { .. } => 400,
            MediaError::Io { .. } => 500,
        }
    }

    /// The HTTP status the studio answers with (`docs/PROTOCOL.md` §2: 415 for 4001, 413 for 4002; ours: 502 for a
    /// failed fetch, 403 for a forbidden URL, 400 for a broken body, 500 for storage).
    pub fn http_status(&self) -> u16 {
        match self {
            MediaError::Unsupported { .. } | MediaError::Damaged { .. } => 415,
            MediaError::TooLarge { .. } => 413,
            MediaError::Fetch { .. } => 502,
            MediaError::Forbidden { .. } => 403,
            MediaError::Interrupted { .. } | MediaError::TooManyPixels { .. } => 400,
            MediaError::Io { .. } => 500,
        }
    }
}

/// The most pixels a picture may have: 100 MP, twice the largest phone cameras' (48–50 MP), far
/// below a 16000x16000 decode bomb (256 MP, which took ffmpeg to 6.9 GB used eight times).
pub const MAX_PIXELS: u64 = 100_000_000;

/// Pixels in whole megapixels, rounded.
fn megapixels(width: u32, height: u32) -> u64 {
    (u64::from(width) * u64::from(height) + 500_000) / 1_000_000
}

impl From<std::io::Error> for MediaError {
    fn from(error: std::io::Error) -> MediaError {
        MediaError::Io {
            reason: error.to_string(),
        }
    }
}

/// A byte count in binary megabytes, as a person reads a limit ("200 MB").
fn megabytes(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes % MB == 0 {
        format!("{} MB", bytes / MB)
    } else {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_names_the_file_and_lists_every_format() {
        let error = MediaError::Unsupported {
            name: "setup.exe".into(),
        };
        let message = error.to_string();
        assert!(
            message
                .starts_with("setup.exe: unsupported file type; accepted formats: mp4, mov, avi")
        );
        for format in ACCEPTED_FORMATS {
            assert!(message.contains(format), "{format}");
        }
        assert_eq!((error.code(), error.http_status()), (4001, 415));
    }

    #[test]
    fn damaged_names_the_file_and_the_reason() {
        let error = MediaError::Damaged {
            name: "beach.png".into(),
            reason: "the image data ends early".into(),
        };
        assert_eq!(
            error.to_string(),
            "beach.png is damaged: the image data ends early"
        );
        assert_eq!((error.code(), error.http_status()), (4001, 415));
    }

    #[test]
    fn too_large_gives_the_limit_in_megabytes() {
        let error = MediaError::TooLarge {
            limit: 200 * 1024 * 1024,
        };
        assert_eq!(
            error.to_string(),
            "file too large: the limit is 200 MB (209715200 bytes)"
        );
        assert_eq!((error.code(), error.http_status()), (4002, 413));
        let odd = MediaError::TooLarge { limit: 1536 * 1024 };
        assert_eq!(
            odd.to_string(),
            "file too large: the limit is 1.5 MB (1572864 bytes)"
        );
    }

    #[test]
    fn every_other_kind_has_its_code() {
        let reason = String::from("x");
        assert_eq!(
            MediaError::Fetch {
                reason: reason.clone()
            }
            .code(),
            4003
        );
        assert_eq!(
            MediaError::Forbidden {
                reason: reason.clone()
            }
            .code(),
            4004
        );
        assert_eq!(
            MediaError::Interrupted {
                reason: reason.clone()
            }
            .code(),
            400
        );
        let io: MediaError = std::io::Error::other("disk full").into();
        assert_eq!(
            io,
            MediaError::Io {
                reason: "disk full".into()
            }
        );
        assert_eq!((io.code(), io.http_status()), (500, 500));
    }
}
