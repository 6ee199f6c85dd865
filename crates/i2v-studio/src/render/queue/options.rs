//! How the render queue works: its options and their defaults, and how many segment ffmpegs
//! the machine holds at once.

use std::path::PathBuf;
use std::time::Duration;

use super::super::fonts::Fonts;
use super::super::graph::EncoderSettings;
use super::super::run::Tools;
use super::super::segments::DEFAULT_CACHE_BYTES;

/// The memory one ffmpeg may hold by default: several times what a 1080p render of 20 photos
/// holds in one graph (about 1 GiB), far below what a decode bomb would take.
pub const DEFAULT_MEMORY_LIMIT: u64 = 4 << 30;

/// How the queue works; [`RenderOptions::new`] gives the defaults.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The studio's data directory: renders go to `renders/`, library music to `music/`.
    pub data_dir: PathBuf,
    /// Renders at a time; 0: one per two cores, at least one.
    pub workers: usize,
    /// The longest one render may take.
    pub timeout: Duration,
    /// How long finished outputs are kept.
    pub keep_for: Duration,
    /// The programs to run.
    pub tools: Tools,
    /// How to encode.
    pub encoder: EncoderSettings,
    /// The fonts; `None`: found on this machine when the queue opens.
    pub fonts: Option<Fonts>,
    /// Whether H.264 exports are rendered in segments (false: one filter graph each).
    pub segmented: bool,
    /// How many segment ffmpegs run at once across every render; 0: one per core, fewer
    /// where the memory available would not hold them.
    pub segment_slots: usize,
    /// The most bytes of finished segments kept for reuse (`renders/segments/`).
    pub segment_cache_bytes: u64,
    /// The most memory one ffmpeg may hold, in bytes (`None`: no limit); a render that needs
    /// more fails with [`RenderError::OverMemory`].
    pub memory_limit: Option<u64>,
}

impl RenderOptions {
    /// The defaults for a data directory: workers by cores, 10 minutes a render (a segmented
    /// render: 10 minutes for each of its ffmpegs), 4 GiB for each ffmpeg, outputs kept for 7
    /// days, H.264 exports in segments, segment slots by cores and memory, 2 GiB of finished
    /// segments kept.
    pub fn new(data_dir: impl Into<PathBuf>) -> RenderOptions {
        RenderOptions {
            data_dir: data_dir.into(),
            workers: 0,
            timeout: Duration::from_secs(600),
            keep_for: Duration::from_secs(7 * 24 * 3600),
            tools: Tools::default(),
            encoder: EncoderSettings::default(),
            fonts: None,
            memory_limit: Some(DEFAULT_MEMORY_LIMIT),
            segmented: true,
            segment_slots: 0,
            segment_cache_bytes: DEFAULT_CACHE_BYTES,
        }
    }
}

/// What one segment ffmpeg is budgeted in memory when sizing the slots: a few 1080p clips'
/// composed frames, their buffers and x264's lookahead, with room to spare.
const SEGMENT_MEMORY_BYTES: u64 = 512 * 1024 * 1024;

/// One segment slot per core, fewer where the memory available now would not hold them all.
pub(super) fn default_slots() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let available = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            let line = info
                .lines()
                .find(|line| line.starts_with("MemAvailable:"))?;
            let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kib * 1024)
        });
    let by_memory = available.map_or(cores, |bytes| {
        usize::try_from(bytes / SEGMENT_MEMORY_BYTES).unwrap_or(usize::MAX)
    });
    cores.min(by_memory).max(1)
}
