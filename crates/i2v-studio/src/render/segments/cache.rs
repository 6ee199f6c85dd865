//! Finished segments kept by their job's key (`<renders>/segments/<key>.mp4`), so that an edit
//! re-renders only the segments it touched, and joined renders with their posters by the key
//! of everything they were joined from, so that an identical export is not even joined again.
//! The cache holds at most a number of bytes: the least recently used files go first (a
//! file's modification time is set when it is used).
//!
//! A render never reads a cached file in place: it hard-links it into its own work directory
//! first, so a file evicted while a render is joining it lives on until that render is done.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::super::files;

/// The default size of the segment cache: 2 GiB.
pub const DEFAULT_CACHE_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// A directory of finished segments, by key.
#[derive(Debug, Clone)]
pub(crate) struct SegmentCache {
    dir: PathBuf,
    limit: u64,
}

impl SegmentCache {
    /// The cache in `dir` (made when a first segment is kept) holding at most `limit` bytes;
    /// leftovers of an interrupted keep are removed.
    pub(crate) fn open(dir: PathBuf, limit: u64) -> std::io::Result<SegmentCache> {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Ok(SegmentCache { dir, limit });
        };
        for entry in entries {
            let entry = entry?;
            if files::is_temporary(&entry.file_name().to_string_lossy()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        Ok(SegmentCache { dir, limit })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Links the file kept as `name` (a key and an extension) to `to` and marks it used; false
    /// when it is not cached.
    pub(crate) fn take(&self, name: &str, to: &Path) -> bool {
        let cached = self.path(name);
        let _ = std::fs::remove_file(to);
        if std::fs::hard_link(&cached, to).is_err() {
            return false;
        }
        // Used now: the last to be evicted. A failure only makes it older than it is.
        if let Ok(file) = std::fs::File::options().append(true).open(&cached) {
            let _ = file.set_modified(SystemTime::now());
        }
        true
    }

    /// Keeps `from` as `name` (linked, so `from` stays where it is). A file is linked under a
    /// temporary name and renamed, so the cache never holds a file cut short.
    pub(crate) fn keep(&self, name: &str, from: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let target = self.path(name);
        let temporary = files::temporary_beside(&target);
        std::fs::hard_link(from, &temporary)?;
        let renamed = std::fs::rename(&temporary, &target);
        if renamed.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        renamed
    }

    /// Removes the least recently used files until the cache holds at most its limit; returns
    /// how many it removed.
    pub(crate) fn evict(&self) -> usize {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut kept: Vec<(SystemTime, u64, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter(|entry| !files::is_temporary(&entry.file_name().to_string_lossy()))
            .filter_map(|entry| {
                let meta = entry.metadata().ok()?;
                let used = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                meta.is_file().then(|| (used, meta.len(), entry.path()))
            })
            .collect();
        kept.sort();
        let mut total: u64 = kept.iter().map(|(_, size, _)| size).sum();
        let mut removed = 0;
        for (_, size, path) in kept {
            if total <= self.limit {
                break;
            }
            if std::fs::remove_file(&path).is_ok() {
                total = total.saturating_sub(size);
                removed += 1;
            }
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_least_recently_used_go_first_until_the_cache_fits() {
        let dir = std::env::temp_dir().join(format!("i2v-segment-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        let cache = SegmentCache::open(dir.join("cache"), 250).expect("cache");
        let made = dir.join("made.mp4");
        let base = SystemTime::now() - Duration::from_secs(100);
        for (i, key) in ["a.mp4", "b.mp4", "c.mp4"].into_iter().enumerate() {
            std::fs::write(&made, [0u8; 100]).expect("segment");
            cache.keep(key, &made).expect("kept");
            let file = std::fs::File::options()
                .append(true)
                .open(cache.path(key))
                .expect("open");
            file.set_modified(base + Duration::from_secs(i as u64))
                .expect("aged");
            std::fs::remove_file(&made).expect("made removed");
        }
        // "a" is the oldest, but using it makes "b" the least recently used.
        assert!(cache.take("a.mp4", &dir.join("a.mp4")));
        assert!(!cache.take("z.mp4", &dir.join("z.mp4")));
        assert_eq!(cache.evict(), 1);
        assert!(cache.path("a.mp4").is_file() && cache.path("c.mp4").is_file());
        assert!(!cache.path("b.mp4").exists());
        assert_eq!(cache.evict(), 0, "200 bytes fit in 250");
        // The linked copy outlives its eviction.
        let tight = SegmentCache::open(dir.join("cache"), 0).expect("cache");
        assert_eq!(tight.evict(), 2);
        assert_eq!(
            std::fs::read(dir.join("a.mp4")).map(|b| b.len()).ok(),
            Some(100)
        );
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
