//! Reading a stored file's header: the one way the studio opens a stored file to learn what it is.
//!
//! An upload reads its image headers once ([`read_image`], while it is stored) and the store keeps the [`Facts`];
//! exports plan from those. [`inspect`] reads them afresh for a file whose facts were never kept. Every header
//! read goes through one function, so tests count them (`header_reads`) instead of timing anything; renders check
//! that a file is still there with [`check_present`], which reads no content.

use std::fs::File;
use std::io;
use std::path::Path;

use super::facts::Facts;
use super::format::Format;
use super::image::{ImageInfo, probe_image};
use super::read::ReadAt;
use super::sniff::{SNIFF_LEN, sniff};

/// Why a stored file could not be inspected; the messages finish "'beach.jpg' cannot be rendered: …".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InspectError {
    /// There is no file at the path.
    #[error("the file is missing")]
    Missing,
    /// The file holds no bytes.
    #[error("the file is empty")]
    Empty,
    /// The file could not be read.
    #[error("the file cannot be read ({0})")]
    Unreadable(String),
    /// Its first bytes are none of the accepted formats.
    #[error("its content is none of the accepted formats")]
    Unrecognised,
}

impl From<io::Error> for InspectError {
    fn from(err: io::Error) -> InspectError {
        match err.kind() {
            io::ErrorKind::NotFound => InspectError::Missing,
            _ => InspectError::Unreadable(err.to_string()),
        }
    }
}

/// Judges a stored file by its first bytes, then reads a picture's headers: its [`Facts`], in one opening.
pub fn inspect(path: &Path) -> Result<Facts, InspectError> {
    let mut file = open_header(path)?;
    let head = file.read_at(0, SNIFF_LEN)?;
    if head.is_empty() {
        return Err(InspectError::Empty);
    }
    let format = sniff(&head).ok_or(InspectError::Unrecognised)?;
    let image = probe_image(&mut file, format)?;
    Ok(Facts::new(format, image))
}

/// Reads the size and orientation of a file already judged to be the image `format` (an upload being stored).
pub(crate) fn read_image(path: &Path, format: Format) -> io::Result<ImageInfo> {
    probe_image(&mut open_header(path)?, format)
}

/// Checks that a stored file is still there and not empty, from its metadata alone (no content is read).
pub fn check_present(path: &Path) -> Result<(), InspectError> {
    let metadata = std::fs::metadata(path)?;
    if metadata.len() == 0 {
        return Err(InspectError::Empty);
    }
    Ok(())
}

/// Opens a stored file to read its header; in tests it also counts the read against the path.
fn open_header(path: &Path) -> io::Result<File> {
    #[cfg(test)]
    reads::count(path);
    File::open(path)
}

/// How many times each stored file's header was opened, for tests that prove a step reads none.
#[cfg(test)]
pub(crate) mod reads {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, PoisonError};

    // Keyed by path, not global: tests run in parallel, each on files of its own scratch directory.
    static READS: Mutex<BTreeMap<PathBuf, usize>> = Mutex::new(BTreeMap::new());

    /// Counts one opening of the file at `path`.
    pub(super) fn count(path: &Path) {
        let mut reads = READS.lock().unwrap_or_else(PoisonError::into_inner);
        *reads.entry(path.to_path_buf()).or_default() += 1;
    }

    /// How many times the header of the file at `path` was opened since the test process started.
    pub(crate) fn header_reads(path: &Path) -> usize {
        let reads = READS.lock().unwrap_or_else(PoisonError::into_inner);
        reads.get(path).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::reads::header_reads;
    use super::*;
    use crate::media::facts::Orientation;
    use crate::media::jpeg::tests::jpeg_header;
    use crate::media::test_support::TestDir;

    #[test]
    fn a_rotated_jpeg_is_inspected_in_one_opening() {
        let dir = TestDir::new("inspect-jpeg");
        let path = dir.path.join("IMG_0001.JPG");
        std::fs::write(&path, jpeg_header(4032, 3024, Some(6), false)).unwrap();
        let facts = inspect(&path).unwrap();
        assert_eq!(facts.format, Format::JPEG);
        assert_eq!(facts.orientation, Orientation::from_exif(6));
        assert_eq!(facts.stored_size, Some((4032, 3024)));
        assert_eq!(header_reads(&path), 1);
        // Checking the file is there reads no header.
        assert_eq!(check_present(&path), Ok(()));
        assert_eq!(header_reads(&path), 1);
    }

    #[test]
    fn missing_empty_and_foreign_files_say_why() {
        let dir = TestDir::new("inspect-bad");
        let missing = dir.path.join("gone.jpg");
        assert_eq!(inspect(&missing), Err(InspectError::Missing));
        assert_eq!(check_present(&missing), Err(InspectError::Missing));
        let empty = dir.path.join("empty.jpg");
        std::fs::write(&empty, b"").unwrap();
        assert_eq!(inspect(&empty), Err(InspectError::Empty));
        assert_eq!(check_present(&empty), Err(InspectError::Empty));
        let text = dir.path.join("notes.jpg");
        std::fs::write(&text, b"these bytes are no picture at all").unwrap();
        assert_eq!(inspect(&text), Err(InspectError::Unrecognised));
        assert!(matches!(
            inspect(&dir.path),
            Err(InspectError::Unreadable(_))
        ));
    }
}
