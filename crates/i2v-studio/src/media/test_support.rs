//! Helpers for the media tests: scratch directories that clean up, byte streams, and files made by ffmpeg.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use futures_util::Stream;

/// A fresh directory under the system temp dir, removed with everything in it when dropped.
pub(crate) struct TestDir {
    pub(crate) path: PathBuf,
}

impl TestDir {
    pub(crate) fn new(label: &str) -> TestDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let unique = NEXT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("i2v-media-{label}-{}-{unique}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TestDir { path }
    }

    /// The names in the directory itself (not in `tmp/`), sorted.
    pub(crate) fn files(&self) -> Vec<String> {
        names(&self.path)
            .into_iter()
            .filter(|name| name != super::TEMP_DIR)
            .collect()
    }

    /// The names in its `tmp/` directory, sorted (none when it does not exist).
    pub(crate) fn temp_files(&self) -> Vec<String> {
        names(&self.path.join(super::TEMP_DIR))
    }
}

impl Drop for TestDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

fn names(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The bytes as a stream of chunks of `size` bytes.
pub(crate) fn chunked(
    bytes: &[u8],
    size: usize,
) -> impl Stream<Item = Result<Bytes, Infallible>> + use<> {
    let chunks: Vec<Result<Bytes, Infallible>> = bytes
        .chunks(size)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    futures_util::stream::iter(chunks)
}

/// Runs ffmpeg with a synthetic source and returns the file it wrote (`name` picks the container).
/// `input` are the arguments before the output options, e.g. `["-f", "lavfi", "-i", "testsrc=size=320x240"]`.
pub(crate) fn ffmpeg(scratch: &TestDir, name: &str, input: &[&str], output: &[&str]) -> Vec<u8> {
    let out = scratch.path.join(name);
    let status = std::process::Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-nostdin", "-y"])
        .args(input)
        .args(output)
        .arg(&out)
        .status()
        .expect("ffmpeg must be installed for the media tests (apt-get install ffmpeg)");
    assert!(status.success(), "ffmpeg failed to write {name}");
    let bytes = std::fs::read(&out).unwrap();
    std::fs::remove_file(&out).unwrap();
    bytes
}

/// A real picture ffmpeg encodes from its test pattern: `ext` (png, jpg, gif, webp) picks the format.
pub(crate) fn picture(ext: &str, width: u32, height: u32) -> Vec<u8> {
    let scratch = TestDir::new("picture");
    let source = format!("testsrc=size={width}x{height}:rate=1");
    ffmpeg(
        &scratch,
        &format!("picture.{ext}"),
        &["-f", "lavfi", "-i", &source],
        &["-frames:v", "1"],
    )
}

/// A JPEG grown to exactly `total` bytes by comment segments after its start marker, which every
/// decoder skips: a whole picture of a chosen size. `total` must leave room for one segment header.
pub(crate) fn padded_jpeg(jpeg: &[u8], total: usize) -> Vec<u8> {
    const MAX_SEGMENT: usize = 0xFFFF - 2;
    let mut missing = total.saturating_sub(jpeg.len());
    let mut out = jpeg.get(..2).unwrap_or_default().to_vec();
    while missing > 0 {
        // A segment costs 4 bytes of marker and length; never leave fewer than 4 to fill.
        let mut body = (missing - 4).min(MAX_SEGMENT);
        if missing - 4 - body > 0 && missing - 4 - body < 4 {
            body -= 4;
        }
        out.extend([0xFF, 0xFE]);
        out.extend(u16::try_from(body + 2).unwrap_or(u16::MAX).to_be_bytes());
        out.extend(std::iter::repeat_n(b'.', body));
        missing -= body + 4;
    }
    out.extend_from_slice(jpeg.get(2..).unwrap_or_default());
    out
}
