//! Image size and orientation, read by hand from the headers of JPEG, PNG, GIF, WebP and HEIC files.
//!
//! A header that is corrupt or cut short gives unknown fields, never an error: the upload keeps the file and a
//! render can fail later with a reason. Only a failure to read the file itself is an error.

use std::io;

use super::facts::Orientation;
use super::format::{Format, MediaKind};
use super::read::{ReadAt, be_u32, le_u16, le_u24, le_u32};
use super::{heic, jpeg};

/// What an image's header says about its size and orientation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageInfo {
    /// Width in pixels as stored (before any orientation is applied), when known.
    pub width: Option<u32>,
    /// Height in pixels as stored, when known.
    pub height: Option<u32>,
    /// EXIF orientation 1–8 (for HEIC: its `irot`/`imir` transform written as the equivalent EXIF value);
    /// `None` when the file records none, which displays as 1.
    pub orientation: Option<u8>,
}

impl ImageInfo {
    /// Width and height as the image is displayed: swapped for orientations 5–8, which turn it a quarter.
    pub fn display_size(&self) -> Option<(u32, u32)> {
        display_size(self.width, self.height, self.orientation)
    }
}

/// Width and height as displayed, given the stored size and the EXIF orientation (5–8 swap the two).
pub fn display_size(
    width: Option<u32>,
    height: Option<u32>,
    orientation: Option<u8>,
) -> Option<(u32, u32)> {
    let (width, height) = (width?, height?);
    Some(if Orientation::recorded(orientation).swaps_axes() {
        (height, width)
    } else {
        (width, height)
    })
}

/// Reads the size and orientation of an image of the given format; a format that is not an image gives nothing.
pub fn probe_image(source: &mut impl ReadAt, format: Format) -> io::Result<ImageInfo> {
    if format.kind != MediaKind::Image {
        return Ok(ImageInfo::default());
    }
    let info = match format.ext {
        "jpg" => jpeg::probe(source)?,
        "png" => png(&source.read_at(0, 24)?),
        "gif" => gif(&source.read_at(0, 10)?),
        "webp" => webp(&source.read_at(0, 30)?),
        "heic" => heic::probe(source)?,
        _ => ImageInfo::default(),
    };
    Ok(info)
}

/// A size where zero (which no real image has) means unknown.
pub(crate) fn sized(width: u32, height: u32) -> ImageInfo {
    ImageInfo {
        width: Some(width).filter(|&w| w > 0),
        height: Some(height).filter(|&h| h > 0),
        orientation: None,
    }
}

/// PNG: the first chunk is `IHDR`, with the width and height as big-endian u32 at bytes 16 and 20.
fn png(head: &[u8]) -> ImageInfo {
    if head.get(12..16) != Some(b"IHDR") {
        return ImageInfo::default();
    }
    match (be_u32(head, 16), be_u32(head, 20)) {
        (Some(width), Some(height)) => sized(width, height),
        _ => ImageInfo::default(),
    }
}

/// GIF: the logical screen width and height, little-endian u16 at bytes 6 and 8.
fn gif(head: &[u8]) -> ImageInfo {
    match (le_u16(head, 6), le_u16(head, 8)) {
        (Some(width), Some(height)) => sized(width.into(), height.into()),
        _ => ImageInfo::default(),
    }
}

/// WebP: the first chunk (at byte 12) says which of three layouts follows.
/// - `VP8 ` (lossy): after a 3-byte frame tag and the start code `9D 01 2A`, 14-bit width and height (LE u16).
/// - `VP8L` (lossless): after the signature byte `2F`, width − 1 and height − 1 as two 14-bit fields.
/// - `VP8X` (extended): after flags and 3 reserved bytes, canvas width − 1 and height − 1 as LE u24.
fn webp(head: &[u8]) -> ImageInfo {
    let size = match head.get(12..16) {
        Some(b"VP8 ") if head.get(23..26) == Some(&[0x9D, 0x01, 0x2A]) => le_u16(head, 26)
            .zip(le_u16(head, 28))
            .map(|(w, h)| (u32::from(w & 0x3FFF), u32::from(h & 0x3FFF))),
        Some(b"VP8L") if head.get(20) == Some(&0x2F) => {
            le_u32(head, 21).map(|bits| ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
        }
        Some(b"VP8X") => le_u24(head, 24)
            .zip(le_u24(head, 27))
            .map(|(w, h)| (w + 1, h + 1)),
        _ => None,
    };
    size.map_or_else(ImageInfo::default, |(width, height)| sized(width, height))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PNG header of the given size (signature and IHDR only: enough for the prober).
    pub(crate) fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        out.extend_from_slice(&width.to_be_bytes());
        out.extend_from_slice(&height.to_be_bytes());
        out.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        out
    }

    fn probe(bytes: &[u8], format: Format) -> ImageInfo {
        let mut source = bytes;
        probe_image(&mut source, format).unwrap()
    }

    fn webp_chunk(fourcc: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = b"RIFF\0\0\0\0WEBP".to_vec();
        out.extend_from_slice(fourcc);
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn png_size_comes_from_ihdr() {
        assert_eq!(probe(&png_header(640, 480), Format::PNG), sized(640, 480));
        assert_eq!(
            probe(&png_header(640, 480)[..22], Format::PNG),
            ImageInfo::default()
        );
        assert_eq!(probe(&png_header(0, 480), Format::PNG).width, None);
    }

    #[test]
    fn gif_size_comes_from_the_logical_screen() {
        assert_eq!(
            probe(b"GIF89a\x40\x01\xf0\x00\x80\x00\x00", Format::GIF),
            sized(320, 240)
        );
        assert_eq!(probe(b"GIF89a\x40\x01", Format::GIF), ImageInfo::default());
    }

    #[test]
    fn webp_size_comes_from_each_layout() {
        let lossy = webp_chunk(
            b"VP8 ",
            &[0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01],
        );
        assert_eq!(probe(&lossy, Format::WEBP), sized(640, 480));
        // 640 − 1 = 0x27F in bits 0–13, 480 − 1 = 0x1DF in bits 14–27.
        let bits: u32 = 0x27F | (0x1DF << 14);
        let mut lossless = vec![0x2F];
        lossless.extend_from_slice(&bits.to_le_bytes());
        assert_eq!(
            probe(&webp_chunk(b"VP8L", &lossless), Format::WEBP),
            sized(640, 480)
        );
        let extended = [0x10, 0, 0, 0, 0x7F, 0x02, 0x00, 0xDF, 0x01, 0x00];
        assert_eq!(
            probe(&webp_chunk(b"VP8X", &extended), Format::WEBP),
            sized(640, 480)
        );
        assert_eq!(
            probe(&webp_chunk(b"VP8 ", &[0; 10]), Format::WEBP),
            ImageInfo::default()
        );
    }

    #[test]
    fn display_size_swaps_for_quarter_turns_only() {
        let stored = ImageInfo {
            width: Some(4032),
            height: Some(3024),
            orientation: None,
        };
        assert_eq!(stored.display_size(), Some((4032, 3024)));
        for orientation in 1..=4 {
            let info = ImageInfo {
                orientation: Some(orientation),
                ..stored
            };
            assert_eq!(info.display_size(), Some((4032, 3024)));
        }
        for orientation in 5..=8 {
            let info = ImageInfo {
                orientation: Some(orientation),
                ..stored
            };
            assert_eq!(info.display_size(), Some((3024, 4032)));
        }
        assert_eq!(
            ImageInfo {
                width: None,
                ..stored
            }
            .display_size(),
            None
        );
    }

    #[test]
    fn formats_that_are_not_images_give_nothing() {
        assert_eq!(probe(&png_header(1, 1), Format::MP4), ImageInfo::default());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    const IMAGES: [Format; 5] = [
        Format::JPEG,
        Format::PNG,
        Format::GIF,
        Format::WEBP,
        Format::HEIC,
    ];

    proptest! {
        #[test]
        fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            for format in IMAGES {
                let mut source = bytes.as_slice();
                let info = probe_image(&mut source, format).unwrap();
                prop_assert!(info.width != Some(0) && info.height != Some(0));
            }
        }

        #[test]
        fn every_truncation_of_a_valid_header_is_safe(width in 1u32..20_000, height in 1u32..20_000, cut in 0usize..40) {
            let whole = tests::png_header(width, height);
            let mut source = &whole[..cut.min(whole.len())];
            let info = probe_image(&mut source, Format::PNG).unwrap();
            prop_assert!(info == sized(width, height) || info == ImageInfo::default());
        }
    }
}
