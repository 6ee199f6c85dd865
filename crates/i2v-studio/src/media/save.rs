//! Storing an upload: streamed to a temporary file under a size limit, judged by its first bytes, probed, decoded
//! once whole ([`decode`](super::decode)), then renamed into place in one step.
//!
//! Rule (`docs/PROTOCOL.md` §3.5): at most 200 MB per file, the type judged by content. The limit is enforced chunk
//! by chunk, so a too-large body is refused as soon as it passes the limit, and nothing but the current chunk and
//! the first [`SNIFF_LEN`] bytes is ever held in memory.
//!
//! Crash safety: bytes go to `dir/tmp/<random>.part`, are synced, and only then renamed to
//! `dir/<media_id>.<ext>` (a rename within one directory tree is atomic), so a restart or `kill -9` at any
//! moment leaves either the whole file under its final name or a temporary file that [`cleanup_temp`] removes.
//! An upload that fails or is dropped half-way (a client that disconnects) removes its temporary file at once.

use std::fmt::Display;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::decode::{DecodeOptions, Refusal, check};
use super::error::{MAX_PIXELS, MediaError};
use super::facts::Facts;
use super::format::{Format, MediaKind};
use super::image::{ImageInfo, display_size};
use super::inspect::read_image;
use super::probe::{AvInfo, ProbeOptions, probe_av};
use super::sniff::{SNIFF_LEN, sniff};

/// The directory, inside the media directory, that holds uploads still being written.
pub const TEMP_DIR: &str = "tmp";
/// The extension of a file still being written.
const TEMP_EXT: &str = "part";
/// The longest original name kept, in characters.
const MAX_NAME_CHARS: usize = 255;

/// An upload stored under the media directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// `med_` and 24 random hex digits.
    pub media_id: String,
    /// The stored file's name, relative to the media directory: `<media_id>.<ext>`.
    pub file_name: String,
    /// The name it was uploaded under (its last path component, trimmed).
    pub original_name: String,
    /// The format its content was judged to be.
    pub format: Format,
    /// Its size in bytes.
    pub size: u64,
    /// Width in pixels as stored (images and videos), when known.
    pub width: Option<u32>,
    /// Height in pixels as stored, when known.
    pub height: Option<u32>,
    /// EXIF orientation 1–8 (a video's rotation written the same way), when recorded.
    pub orientation: Option<u8>,
    /// Duration in milliseconds (sound and video), when known.
    pub duration_ms: Option<u64>,
    /// The SHA-256 of its bytes, lowercase hex.
    pub sha256: String,
}

impl Saved {
    /// Width and height as displayed, after the orientation (5–8 swap them).
    pub fn display_size(&self) -> Option<(u32, u32)> {
        display_size(self.width, self.height, self.orientation)
    }

    /// What a render needs to know about the file, as the store keeps it beside the record.
    pub fn facts(&self) -> Facts {
        let image = ImageInfo {
            width: self.width,
            height: self.height,
            orientation: self.orientation,
        };
        Facts::new(self.format, image)
    }

    /// One entry of the upload answer's `files` (`docs/PROTOCOL.md` §3.5): `media_id`, `name`, `type`, `mime`,
    /// `size`, `width` and `height` as displayed (`null` when unknown or for sound), and `duration_ms` when known.
    pub fn to_json(&self) -> Value {
        let (width, height) = self.display_size().unzip();
        let mut entry = json!({
            "media_id": self.media_id,
            "name": self.original_name,
            "type": self.format.kind.as_str(),
            "mime": self.format.mime,
            "size": self.size,
            "width": width,
            "height": height,
        });
        if let (Some(duration), Some(fields)) = (self.duration_ms, entry.as_object_mut()) {
            fields.insert("duration_ms".into(), duration.into());
        }
        entry
    }
}

/// Streams an upload into `dir` and returns what was stored.
///
/// Refuses it with [`MediaError::TooLarge`] as soon as more than `max_bytes` arrived, with
/// [`MediaError::Unsupported`] as soon as its first bytes are none of the accepted formats, and with
/// [`MediaError::Interrupted`] if the stream fails, and with [`MediaError::Damaged`] when it does not decode
/// (a picture to its last pixel, sound and video for their first second); in each case the partial file is
/// removed. Images are probed by their headers, sound and video by ffprobe; a probe that fails leaves those
/// fields unknown (and is logged), and decoding decides whether the file is kept.
pub async fn save_stream<S, E>(
    dir: &Path,
    original_name: &str,
    stream: S,
    max_bytes: u64,
) -> Result<Saved, MediaError>
where
    S: Stream<Item = Result<Bytes, E>>,
    E: Display,
{
    let received = receive(dir, original_name, stream, max_bytes).await?;
    finish(dir, received).await
}

/// Removes the temporary files that uploads cut short by a crash or restart left behind; returns how many.
/// Call it at startup, before uploads are accepted: it would also remove the files of uploads in progress.
pub async fn cleanup_temp(dir: &Path) -> std::io::Result<usize> {
    let mut entries = match tokio::fs::read_dir(dir.join(TEMP_DIR)).await {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut removed = 0;
    while let Some(entry) = entries.next_entry().await? {
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == TEMP_EXT) && entry.file_type().await?.is_file()
        {
            tokio::fs::remove_file(&path).await?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Removes the stored uploads (`med_…` files in `dir`) that `recorded` does not name: files a
/// studio that died mid-request had put in place before their row was written, which nobody
/// could ever see or remove. Returns how many went.
pub async fn sweep_orphans(
    dir: &Path,
    recorded: &std::collections::HashSet<String>,
) -> std::io::Result<usize> {
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut removed = 0;
    while let Some(entry) = entries.next_entry().await? {
        let name = entry.file_name().to_string_lossy().into_owned();
        let upload = name.starts_with("med_") && entry.file_type().await?.is_file();
        if upload && !recorded.contains(&name) {
            tokio::fs::remove_file(entry.path()).await?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// An upload fully written to its temporary file and judged, not yet probed nor in place.
pub(crate) struct Received {
    temp: TempFile,
    original_name: String,
    format: Format,
    size: u64,
    sha256: String,
}

/// A temporary file that is removed when dropped, unless it was moved into place.
struct TempFile {
    path: PathBuf,
    moved: bool,
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.moved {
            // Nothing more can be done about a failure here; cleanup_temp catches what is left.
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Writes the stream to a temporary file under `dir/tmp/`, enforcing the limit and judging the format as the
/// bytes arrive.
pub(crate) async fn receive<S, E>(
    dir: &Path,
    original_name: &str,
    stream: S,
    max_bytes: u64,
) -> Result<Received, MediaError>
where
    S: Stream<Item = Result<Bytes, E>>,
    E: Display,
{
    let original_name = clean_name(original_name);
    let unsupported = || MediaError::Unsupported {
        name: original_name.clone(),
    };
    let temp_dir = dir.join(TEMP_DIR);
    tokio::fs::create_dir_all(&temp_dir).await?;
    let temp = TempFile {
        path: temp_dir.join(format!("{}.{TEMP_EXT}", random_hex()?)),
        moved: false,
    };
    let path = temp.path.clone();
    let file =
        Arc::new(blocking(move || File::options().write(true).create_new(true).open(path)).await?);

    let mut stream = pin!(stream);
    let mut head = Vec::with_capacity(SNIFF_LEN);
    let mut format = None;
    let mut size: u64 = 0;
    let mut hasher = Sha256::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| MediaError::Interrupted {
            reason: e.to_string(),
        })?;
        size = size.saturating_add(chunk.len() as u64);
        if size > max_bytes {
            return Err(MediaError::TooLarge { limit: max_bytes });
        }
        if format.is_none() {
            let wanted = SNIFF_LEN.saturating_sub(head.len()).min(chunk.len());
            head.extend_from_slice(chunk.get(..wanted).unwrap_or_default());
            if head.len() >= SNIFF_LEN {
                format = Some(sniff(&head).ok_or_else(unsupported)?);
            }
        }
        let file = Arc::clone(&file);
        // The chunk moves to the blocking thread, where it is hashed and written, and is dropped
        // once written: nothing accumulates, and no hashing holds up the async threads.
        hasher = blocking(move || {
            hasher.update(&chunk);
            (&*file).write_all(&chunk).map(|()| hasher)
        })
        .await?;
    }
    let format = match format {
        Some(format) => format,
        None => sniff(&head).ok_or_else(unsupported)?,
    };
    blocking(move || file.sync_all()).await?;
    Ok(Received {
        temp,
        original_name,
        format,
        size,
        sha256: hex(&hasher.finalize()),
    })
}

/// Probes a received upload, refuses it when its header or its decoding says it cannot be used, names it and
/// moves it into place.
pub(crate) async fn finish(dir: &Path, mut received: Received) -> Result<Saved, MediaError> {
    let Received { format, size, .. } = received;
    let (image, av) = probe(&received.temp.path, format).await;
    // Refused by its header, before it is kept or anything decodes it.
    if let (Some(width), Some(height)) = (image.width, image.height) {
        if u64::from(width) * u64::from(height) > MAX_PIXELS {
            return Err(MediaError::TooManyPixels {
                name: std::mem::take(&mut received.original_name),
                width,
                height,
            });
        }
    }
    let scratch = dir.join(TEMP_DIR);
    match check(
        &received.temp.path,
        format,
        &scratch,
        &DecodeOptions::default(),
    )
    .await
    {
        Ok(()) => {}
        Err(Refusal::Damaged(reason)) => {
            return Err(MediaError::Damaged {
                name: std::mem::take(&mut received.original_name),
                reason,
            });
        }
        Err(Refusal::Tool(reason)) => return Err(MediaError::Io { reason }),
    }
    let media_id = format!("med_{}", random_hex()?);
    let file_name = format!("{media_id}.{}", format.ext);
    tokio::fs::rename(&received.temp.path, dir.join(&file_name)).await?;
    received.temp.moved = true;
    // Make the rename itself durable; the file is complete either way, so a failure here is only logged.
    let dir_path = dir.to_path_buf();
    if let Err(error) = blocking(move || File::open(dir_path)?.sync_all()).await {
        tracing::warn!(%media_id, %error, "could not sync the media directory");
    }
    Ok(Saved {
        media_id,
        file_name,
        original_name: std::mem::take(&mut received.original_name),
        format,
        size,
        width: image.width.or(av.width),
        height: image.height.or(av.height),
        orientation: image.orientation.or(av.orientation),
        duration_ms: av.duration_ms,
        sha256: std::mem::take(&mut received.sha256),
    })
}

/// Bytes as lowercase hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Probes an image by its headers, or sound and video with ffprobe; failures are logged and leave fields unknown.
async fn probe(path: &Path, format: Format) -> (ImageInfo, AvInfo) {
    if format.kind == MediaKind::Image {
        let path = path.to_path_buf();
        let image = blocking(move || read_image(&path, format)).await;
        let image = image.unwrap_or_else(|error| {
            tracing::warn!(%error, mime = format.mime, "could not read an uploaded image's header");
            ImageInfo::default()
        });
        return (image, AvInfo::default());
    }
    let mut av = probe_av(path, &ProbeOptions::default()).await.unwrap_or_else(|error| {
        tracing::warn!(%error, mime = format.mime, "could not probe an upload; keeping it with unknown fields");
        AvInfo::default()
    });
    if format.kind == MediaKind::Audio {
        av = AvInfo {
            duration_ms: av.duration_ms,
            ..AvInfo::default()
        };
    }
    (ImageInfo::default(), av)
}

/// Runs blocking file work off the async threads.
async fn blocking<T, F>(work: F) -> std::io::Result<T>
where
    F: FnOnce() -> std::io::Result<T> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(std::io::Error::other)?
}

/// 24 hex digits from the operating system's random source.
fn random_hex() -> Result<String, MediaError> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| MediaError::Io {
        reason: format!("no random source: {e}"),
    })?;
    Ok(hex(&bytes))
}

/// The last path component of an uploaded name (browsers may send `C:\fakepath\a.jpg`), without control
/// characters, at most [`MAX_NAME_CHARS`] long; `upload` when nothing is left.
pub(crate) fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        "upload".into()
    } else {
        cleaned.into()
    }
}
