//! Random access to a file's bytes, and the fixed-width integer readers the header parsers share.
//!
//! Header parsers read only the pieces they need (a JPEG's segment headers, a HEIC's `meta` box), so a 200 MB
//! image is probed without being loaded. Every reader returns `None` past the end instead of panicking.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

/// Random access to the bytes of a file or a buffer.
pub trait ReadAt {
    /// Reads up to `len` bytes starting at `offset`: fewer, or none, where the data ends.
    fn read_at(&mut self, offset: u64, len: usize) -> io::Result<Vec<u8>>;
}

impl ReadAt for &[u8] {
    fn read_at(&mut self, offset: u64, len: usize) -> io::Result<Vec<u8>> {
        let start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.len());
        let end = start.saturating_add(len).min(self.len());
        Ok(self.get(start..end).unwrap_or_default().to_vec())
    }
}

impl ReadAt for File {
    fn read_at(&mut self, offset: u64, len: usize) -> io::Result<Vec<u8>> {
        self.seek(SeekFrom::Start(offset))?;
        let mut out = Vec::with_capacity(len.min(64 * 1024));
        self.take(u64::try_from(len).unwrap_or(u64::MAX))
            .read_to_end(&mut out)?;
        Ok(out)
    }
}

/// Big-endian u16 at `pos`.
pub(crate) fn be_u16(bytes: &[u8], pos: usize) -> Option<u16> {
    let b = bytes.get(pos..pos.checked_add(2)?)?;
    Some(u16::from_be_bytes([*b.first()?, *b.get(1)?]))
}

/// Big-endian u32 at `pos`.
pub(crate) fn be_u32(bytes: &[u8], pos: usize) -> Option<u32> {
    let b: [u8; 4] = bytes.get(pos..pos.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_be_bytes(b))
}

/// Big-endian u64 at `pos`.
pub(crate) fn be_u64(bytes: &[u8], pos: usize) -> Option<u64> {
    let b: [u8; 8] = bytes.get(pos..pos.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_be_bytes(b))
}

/// Little-endian u16 at `pos`.
pub(crate) fn le_u16(bytes: &[u8], pos: usize) -> Option<u16> {
    let b = bytes.get(pos..pos.checked_add(2)?)?;
    Some(u16::from_le_bytes([*b.first()?, *b.get(1)?]))
}

/// Little-endian u24 at `pos`, widened to u32.
pub(crate) fn le_u24(bytes: &[u8], pos: usize) -> Option<u32> {
    let b = bytes.get(pos..pos.checked_add(3)?)?;
    Some(u32::from_le_bytes([*b.first()?, *b.get(1)?, *b.get(2)?, 0]))
}

/// Little-endian u32 at `pos`.
pub(crate) fn le_u32(bytes: &[u8], pos: usize) -> Option<u32> {
    let b: [u8; 4] = bytes.get(pos..pos.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_read_short_at_the_end_and_empty_past_it() {
        let data: &[u8] = b"abcdef";
        let mut source = data;
        assert_eq!(source.read_at(2, 3).unwrap(), b"cde");
        assert_eq!(source.read_at(4, 10).unwrap(), b"ef");
        assert!(source.read_at(6, 1).unwrap().is_empty());
        assert!(source.read_at(u64::MAX, usize::MAX).unwrap().is_empty());
    }

    #[test]
    fn files_read_like_slices() {
        let path = std::env::temp_dir().join(format!("i2v-read-at-{}", std::process::id()));
        std::fs::write(&path, b"abcdef").unwrap();
        let mut file = File::open(&path).unwrap();
        assert_eq!(file.read_at(1, 2).unwrap(), b"bc");
        assert_eq!(file.read_at(5, 10).unwrap(), b"f");
        assert!(file.read_at(100, 10).unwrap().is_empty());
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn integers_read_in_both_orders_and_none_past_the_end() {
        let data = [1, 2, 3, 4, 5, 6, 7, 8];
        assert_eq!(be_u16(&data, 0), Some(0x0102));
        assert_eq!(le_u16(&data, 0), Some(0x0201));
        assert_eq!(be_u32(&data, 4), Some(0x0506_0708));
        assert_eq!(le_u32(&data, 4), Some(0x0807_0605));
        assert_eq!(le_u24(&data, 5), Some(0x08_0706));
        assert_eq!(be_u64(&data, 0), Some(0x0102_0304_0506_0708));
        assert_eq!(be_u32(&data, 5), None);
        assert_eq!(be_u16(&data, usize::MAX), None);
        assert_eq!(le_u24(&data, 6), None);
    }
}
