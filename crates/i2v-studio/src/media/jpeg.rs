//! JPEG size (from the SOFn frame header) and EXIF orientation (from the `Exif` APP1 segment).
//!
//! Rule (ITU T.81, JFIF, EXIF): after SOI (`FF D8`) come marker segments `FF xx` with a big-endian length that
//! counts itself; fill bytes `FF` may precede a marker; `FF 01` and `FF D0`–`FF D7` stand alone. A start-of-frame
//! marker (`C0`–`CF` except `C4` DHT, `C8` JPG and `CC` DAC) holds the precision, then height and width as
//! big-endian u16; a height of 0 means "given later by a DNL marker" and is reported unknown. The walk stops at
//! the frame header, at SOS (image data) or at EOI, and reads only segment headers and the APP1 body.

use std::io;

use super::exif::tiff_orientation;
use super::image::{ImageInfo, sized};
use super::read::{ReadAt, be_u16};

/// More segments than any real JPEG has before its frame header: a bound for crafted files.
const MAX_SEGMENTS: usize = 4096;
/// The APP1 marker, where EXIF lives.
const APP1: u8 = 0xE1;
/// What an EXIF APP1 body opens with, before the TIFF structure.
const EXIF_ID: &[u8] = b"Exif\0\0";

/// Reads the frame size and EXIF orientation of a JPEG; a malformed stream gives what was found before it.
pub(crate) fn probe(source: &mut impl ReadAt) -> io::Result<ImageInfo> {
    let mut orientation = None;
    let mut pos: u64 = 2;
    for _ in 0..MAX_SEGMENTS {
        let header = source.read_at(pos, 4)?;
        let (Some(&0xFF), Some(&marker)) = (header.first(), header.get(1)) else {
            break;
        };
        match marker {
            // A fill byte: the marker starts one byte later.
            0xFF => {
                pos += 1;
                continue;
            }
            0x01 | 0xD0..=0xD7 => {
                pos += 2;
                continue;
            }
            0xD9 | 0xDA => break,
            _ => {}
        }
        let Some(length) = be_u16(&header, 2).filter(|&len| len >= 2) else {
            break;
        };
        let body_at = pos + 4;
        let body_len = usize::from(length - 2);
        if is_start_of_frame(marker) {
            let frame = source.read_at(body_at, 5)?;
            let info = match (be_u16(&frame, 1), be_u16(&frame, 3)) {
                (Some(height), Some(width)) => sized(width.into(), height.into()),
                _ => ImageInfo::default(),
            };
            return Ok(ImageInfo {
                orientation,
                ..info
            });
        }
        if marker == APP1 && orientation.is_none() {
            let body = source.read_at(body_at, body_len)?;
            orientation = body.strip_prefix(EXIF_ID).and_then(tiff_orientation);
        }
        pos = body_at + u64::from(length - 2);
    }
    Ok(ImageInfo {
        orientation,
        ..ImageInfo::default()
    })
}

/// Start-of-frame markers: `C0`–`CF` except DHT (`C4`), JPG (`C8`) and DAC (`CC`).
fn is_start_of_frame(marker: u8) -> bool {
    matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::media::exif::tiff_with;

    fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![0xFF, marker];
        out.extend_from_slice(&(body.len() as u16 + 2).to_be_bytes());
        out.extend_from_slice(body);
        out
    }

    /// A JPEG header: SOI, JFIF APP0, an optional EXIF APP1 with the orientation, a DQT, then the frame header.
    pub(crate) fn jpeg_header(
        width: u16,
        height: u16,
        orientation: Option<u16>,
        big_endian: bool,
    ) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        out.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
        if let Some(value) = orientation {
            let mut exif = EXIF_ID.to_vec();
            exif.extend(tiff_with(big_endian, &[(0x0112, 3, value)]));
            out.extend(segment(APP1, &exif));
        }
        out.extend(segment(0xDB, &[0; 65]));
        let mut frame = vec![8];
        frame.extend_from_slice(&height.to_be_bytes());
        frame.extend_from_slice(&width.to_be_bytes());
        frame.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        out.extend(segment(0xC0, &frame));
        out.extend(segment(0xDA, &[0; 10]));
        out.extend_from_slice(&[0x12, 0x34, 0xFF, 0xD9]);
        out
    }

    /// A JPEG's bytes with an EXIF segment of the given orientation inserted right after SOI.
    pub(crate) fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        let mut exif = EXIF_ID.to_vec();
        exif.extend(tiff_with(true, &[(0x0112, 3, orientation)]));
        let mut out = jpeg.get(..2).unwrap_or_default().to_vec();
        out.extend(segment(APP1, &exif));
        out.extend_from_slice(jpeg.get(2..).unwrap_or_default());
        out
    }

    #[test]
    fn an_orientation_written_into_a_jpeg_is_read_back() {
        let plain = jpeg_header(640, 480, None, false);
        let info = probe_bytes(&with_orientation(&plain, 6));
        assert_eq!((info.width, info.orientation), (Some(640), Some(6)));
    }

    fn probe_bytes(bytes: &[u8]) -> ImageInfo {
        let mut source = bytes;
        probe(&mut source).unwrap()
    }

    #[test]
    fn reads_size_and_orientation_in_both_byte_orders() {
        for big_endian in [false, true] {
            let info = probe_bytes(&jpeg_header(4032, 3024, Some(6), big_endian));
            assert_eq!(
                info,
                ImageInfo {
                    width: Some(4032),
                    height: Some(3024),
                    orientation: Some(6)
                }
            );
            assert_eq!(info.display_size(), Some((3024, 4032)));
        }
    }

    #[test]
    fn without_exif_there_is_no_orientation() {
        let info = probe_bytes(&jpeg_header(800, 600, None, false));
        assert_eq!(info, sized(800, 600));
    }

    #[test]
    fn progressive_frames_and_fill_bytes_are_understood() {
        let mut bytes = jpeg_header(320, 200, None, false);
        let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        bytes[sof + 1] = 0xC2;
        bytes.splice(sof..sof, [0xFF, 0xFF, 0xFF]);
        assert_eq!(probe_bytes(&bytes), sized(320, 200));
    }

    #[test]
    fn dnl_height_is_unknown() {
        let info = probe_bytes(&jpeg_header(320, 0, None, false));
        assert_eq!((info.width, info.height), (Some(320), None));
    }

    #[test]
    fn truncations_give_what_was_found_before_the_cut() {
        let whole = jpeg_header(1024, 768, Some(3), true);
        for cut in 0..whole.len() {
            let info = probe_bytes(&whole[..cut]);
            assert!(info.width.is_none() || info == probe_bytes(&whole), "{cut}");
        }
    }

    #[test]
    fn a_missing_frame_header_is_unknown() {
        assert_eq!(
            probe_bytes(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2, 0xFF, 0xD9]),
            ImageInfo::default()
        );
        assert_eq!(probe_bytes(&[0xFF, 0xD8, 0x00, 0x00]), ImageInfo::default());
        assert_eq!(
            probe_bytes(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 1]),
            ImageInfo::default()
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn garbage_after_a_valid_start_never_panics(tail in proptest::collection::vec(any::<u8>(), 0..512)) {
            let mut bytes = vec![0xFF, 0xD8];
            bytes.extend_from_slice(&tail);
            let mut source = bytes.as_slice();
            let info = probe(&mut source).unwrap();
            prop_assert!(info.orientation.is_none_or(|v| (1..=8).contains(&v)));
        }

        #[test]
        fn corrupted_bytes_in_a_real_header_never_panic(index in 0usize..200, value in any::<u8>()) {
            let mut bytes = tests::jpeg_header(640, 480, Some(8), false);
            let at = index % bytes.len();
            bytes[at] = value;
            let mut source = bytes.as_slice();
            let _ = probe(&mut source).unwrap();
        }
    }
}
