//! The media of a render as the planner needs it: which format a picture really is (judged by
//! its bytes), which way up it goes, and whether ffmpeg can read it or it must be converted first.
//!
//! ffmpeg 5.1 (Debian 12) does not read HEIF containers, and whether it turns a JPEG by its EXIF
//! orientation depends on the build (Debian's 5.1.9 does, 5.1.0 does not). Both are therefore
//! decided here: HEIF pictures are converted with `heif-convert` before the render, and the
//! orientation becomes `transpose`/`hflip`/`vflip` filters in the plan, with ffmpeg's own turning
//! switched off (`-noautorotate`), so a photo is turned exactly once on every build.

use std::io::Read;
use std::path::PathBuf;

use super::error::RenderError;
use super::request::{MediaFile, MediaKind};

/// How many bytes of a picture are read to judge it: EXIF lives in the first 64 KiB segment.
const HEAD_BYTES: u64 = 128 * 1024;

/// A media file resolved for planning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The name for messages.
    pub name: String,
    /// The file.
    pub path: PathBuf,
    /// What it is and how to read it.
    pub kind: SourceKind,
}

/// What a source holds, with what the planner must know to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A picture: which way up, and whether it must be converted from HEIF first.
    Still {
        /// The EXIF orientation to undo.
        orientation: Orientation,
        /// The file is HEIF/HEIC (or AVIF), which ffmpeg 5.1 cannot open.
        heif: bool,
        /// A JPEG's stored width and height, which let its decoder scale it down as it decodes.
        jpeg_size: Option<(u32, u32)>,
    },
    /// A video clip (its picture is used; its sound is not).
    Moving,
    /// Sound only.
    Sound,
}

impl SourceKind {
    /// The media kind this source came from.
    pub fn media_kind(&self) -> MediaKind {
        match self {
            SourceKind::Still { .. } => MediaKind::Image,
            SourceKind::Moving => MediaKind::Video,
            SourceKind::Sound => MediaKind::Audio,
        }
    }
}

/// An EXIF orientation, 1 (upright) to 8: how the stored pixels must be turned to stand upright.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Orientation(u8);

impl Orientation {
    /// Stored upright: nothing to do.
    pub const UPRIGHT: Orientation = Orientation(1);

    /// The orientation of an EXIF value; values outside 1–8 mean upright (as viewers treat them).
    pub fn from_exif(value: u16) -> Orientation {
        match u8::try_from(value) {
            Ok(v @ 1..=8) => Orientation(v),
            _ => Orientation::UPRIGHT,
        }
    }

    /// The EXIF value.
    pub fn value(self) -> u8 {
        self.0
    }

    /// Whether standing the picture upright swaps its width and height (a quarter turn).
    pub fn swaps_axes(self) -> bool {
        (5..=8).contains(&self.0)
    }

    /// The ffmpeg filters that stand the stored pixels upright, or `None` for upright ones.
    ///
    /// EXIF (TIFF 6.0, tag 0x0112): 2 mirrored, 3 upside down, 4 mirrored upside down,
    /// 5 mirrored along the main diagonal, 6 needs a quarter turn clockwise, 7 mirrored along the
    /// other diagonal, 8 needs a quarter turn anticlockwise.
    pub fn filters(self) -> Option<&'static str> {
        match self.0 {
            2 => Some("hflip"),
            3 => Some("hflip,vflip"),
            4 => Some("vflip"),
            5 => Some("transpose=cclock_flip"),
            6 => Some("transpose=clock"),
            7 => Some("transpose=clock_flip"),
            8 => Some("transpose=cclock"),
            _ => None,
        }
    }
}

/// Picture formats told apart by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureFormat {
    /// JPEG (may carry an EXIF orientation).
    Jpeg,
    /// PNG.
    Png,
    /// GIF (the first frame is used).
    Gif,
    /// WebP.
    Webp,
    /// BMP.
    Bmp,
    /// TIFF.
    Tiff,
    /// HEIF, HEIC or AVIF: an ISO-BMFF image container.
    Heif,
}

/// Tells a picture format from the first bytes of a file.
pub fn sniff(head: &[u8]) -> Option<PictureFormat> {
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        Some(PictureFormat::Jpeg)
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Some(PictureFormat::Png)
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Some(PictureFormat::Gif)
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP".as_slice()) {
        Some(PictureFormat::Webp)
    } else if starts(b"BM") && head.len() >= 26 {
        Some(PictureFormat::Bmp)
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Some(PictureFormat::Tiff)
    } else if head.get(4..8) == Some(b"ftyp".as_slice()) && is_heif_brand(head.get(8..12)) {
        Some(PictureFormat::Heif)
    } else {
        None
    }
}

/// HEIF brands (ISO/IEC 23008-12) and AVIF's, as the major brand of `ftyp`.
fn is_heif_brand(brand: Option<&[u8]>) -> bool {
    const BRANDS: [&[u8]; 9] = [
        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif",
    ];
    brand.is_some_and(|brand| BRANDS.contains(&brand))
}

/// The EXIF orientation of a JPEG, from its first APP1 `Exif` segment; `None` when it has none.
pub fn jpeg_orientation(jpeg: &[u8]) -> Option<Orientation> {
    // Walk the marker segments after SOI (FFD8) until the image data starts (SOS, FFDA).
    let mut at = 2usize;
    loop {
        let marker = *jpeg.get(at.checked_add(1)?)?;
        if *jpeg.get(at)? != 0xFF {
            return None;
        }
        if marker == 0xFF {
            at += 1; // fill byte before a marker
            continue;
        }
        if marker == 0xDA || marker == 0xD9 {
            return None;
        }
        let length = usize::from(read_u16(jpeg, at + 2, true)?);
        let body = jpeg.get(at + 4..(at + 2).checked_add(length)?)?;
        if marker == 0xE1 {
            if let Some(tiff) = body.strip_prefix(b"Exif\0\0") {
                return tiff_orientation(tiff);
            }
        }
        at = at.checked_add(2 + length)?;
    }
}

/// The stored width and height of a JPEG, from its start-of-frame segment.
pub fn jpeg_size(jpeg: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2usize;
    loop {
        if *jpeg.get(at)? != 0xFF {
            return None;
        }
        let marker = *jpeg.get(at + 1)?;
        if marker == 0xFF {
            at += 1;
            continue;
        }
        // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC): precision, height, width.
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let height = read_u16(jpeg, at + 5, true)?;
            let width = read_u16(jpeg, at + 7, true)?;
            return (width > 0 && height > 0).then_some((u32::from(width), u32::from(height)));
        }
        if marker == 0xDA || marker == 0xD9 {
            return None;
        }
        let length = usize::from(read_u16(jpeg, at + 2, true)?);
        at = at.checked_add(2 + length)?;
    }
}

/// The orientation tag (0x0112) of IFD0 of a TIFF structure (the body of an EXIF segment).
fn tiff_orientation(tiff: &[u8]) -> Option<Orientation> {
    let big_endian = match tiff.get(0..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    if read_u16(tiff, 2, big_endian)? != 42 {
        return None;
    }
    let ifd = usize::try_from(read_u32(tiff, 4, big_endian)?).ok()?;
    let entries = usize::from(read_u16(tiff, ifd, big_endian)?);
    (0..entries).find_map(|index| {
        let entry = ifd.checked_add(2)?.checked_add(index.checked_mul(12)?)?;
        let tag = read_u16(tiff, entry, big_endian)?;
        let kind = read_u16(tiff, entry + 2, big_endian)?;
        // Type 3 is SHORT: a single value sits in the first two bytes of the value field.
        (tag == 0x0112 && kind == 3)
            .then(|| read_u16(tiff, entry + 8, big_endian).map(Orientation::from_exif))
            .flatten()
    })
}

fn read_u16(bytes: &[u8], at: usize, big_endian: bool) -> Option<u16> {
    let pair: [u8; 2] = bytes.get(at..at.checked_add(2)?)?.try_into().ok()?;
    Some(if big_endian {
        u16::from_be_bytes(pair)
    } else {
        u16::from_le_bytes(pair)
    })
}

fn read_u32(bytes: &[u8], at: usize, big_endian: bool) -> Option<u32> {
    let quad: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(if big_endian {
        u32::from_be_bytes(quad)
    } else {
        u32::from_le_bytes(quad)
    })
}

/// Resolves a media file for planning: pictures are judged by their first bytes (a file that is
/// no picture fails here, with its name), and their orientation is read when not given.
pub fn inspect(file: &MediaFile) -> Result<Source, RenderError> {
    let unreadable = |reason: String| RenderError::UnreadableMedia {
        name: file.name.clone(),
        reason,
    };
    let mut head = Vec::new();
    std::fs::File::open(&file.path)
        .and_then(|f| f.take(HEAD_BYTES).read_to_end(&mut head))
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => unreadable("the file is missing".into()),
            _ => unreadable(format!("the file cannot be read ({err})")),
        })?;
    if head.is_empty() {
        return Err(unreadable("the file is empty".into()));
    }
    let kind = match file.kind {
        MediaKind::Video => SourceKind::Moving,
        MediaKind::Audio => SourceKind::Sound,
        MediaKind::Image => {
            let format = sniff(&head).ok_or_else(|| {
                unreadable("it is not a picture (jpeg, png, gif, webp, bmp, tiff or heic)".into())
            })?;
            let read_orientation = || match format {
                PictureFormat::Jpeg => jpeg_orientation(&head).unwrap_or(Orientation::UPRIGHT),
                // heif-convert applies HEIF's own rotation; other formats rarely carry EXIF.
                _ => Orientation::UPRIGHT,
            };
            let orientation = match (file.orientation, format) {
                // HEIF pictures come out of heif-convert already upright.
                (_, PictureFormat::Heif) => Orientation::UPRIGHT,
                (Some(value), _) => Orientation::from_exif(u16::from(value)),
                (None, _) => read_orientation(),
            };
            SourceKind::Still {
                orientation,
                heif: format == PictureFormat::Heif,
                jpeg_size: (format == PictureFormat::Jpeg)
                    .then(|| jpeg_size(&head))
                    .flatten(),
            }
        }
    };
    Ok(Source {
        name: file.name.clone(),
        path: file.path.clone(),
        kind,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal JPEG head: SOI, an APP0, an APP1 EXIF segment with the orientation, then SOS.
    pub(crate) fn exif_segment(orientation: u16, big_endian: bool) -> Vec<u8> {
        let u16b = |v: u16| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let u32b = |v: u32| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let mut tiff = Vec::new();
        tiff.extend_from_slice(if big_endian { b"MM" } else { b"II" });
        tiff.extend_from_slice(&u16b(42));
        tiff.extend_from_slice(&u32b(8));
        tiff.extend_from_slice(&u16b(2)); // two entries: a width tag, then the orientation
        for (tag, kind, value) in [(0x0100u16, 4u16, 640u32), (0x0112, 3, 0)] {
            tiff.extend_from_slice(&u16b(tag));
            tiff.extend_from_slice(&u16b(kind));
            tiff.extend_from_slice(&u32b(1));
            if kind == 3 {
                tiff.extend_from_slice(&u16b(orientation));
                tiff.extend_from_slice(&[0, 0]);
            } else {
                tiff.extend_from_slice(&u32b(value));
            }
        }
        tiff.extend_from_slice(&u32b(0));
        let mut segment = vec![0xFF, 0xE1];
        let length = u16::try_from(2 + 6 + tiff.len()).unwrap_or(u16::MAX);
        segment.extend_from_slice(&length.to_be_bytes());
        segment.extend_from_slice(b"Exif\0\0");
        segment.extend_from_slice(&tiff);
        segment
    }

    /// Inserts an EXIF orientation segment right after a JPEG's SOI marker.
    pub(crate) fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        let mut out = jpeg.get(..2).unwrap_or_default().to_vec();
        out.extend(exif_segment(orientation, true));
        out.extend_from_slice(jpeg.get(2..).unwrap_or_default());
        out
    }

    fn jpeg_head(orientation: u16, big_endian: bool) -> Vec<u8> {
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
        jpeg.extend(exif_segment(orientation, big_endian));
        jpeg.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02]);
        jpeg
    }

    #[test]
    fn exif_orientation_is_read_in_both_byte_orders() {
        for orientation in 1..=8 {
            for big_endian in [true, false] {
                let found = jpeg_orientation(&jpeg_head(orientation, big_endian));
                assert_eq!(found.map(Orientation::value), Some(orientation as u8));
            }
        }
    }

    #[test]
    fn jpegs_without_exif_or_with_broken_exif_have_no_orientation() {
        let plain = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xDA];
        assert_eq!(jpeg_orientation(&plain), None);
        let head = jpeg_head(6, true);
        for cut in 0..head.len() {
            // Any truncation is read without a panic; only the complete segment is trusted.
            let found = jpeg_orientation(&head[..cut]);
            assert!(
                found.is_none() || found == Some(Orientation(6)),
                "cut {cut}"
            );
        }
        assert_eq!(jpeg_orientation(&[0xFF, 0xD8, 0x00, 0x00]), None);
    }

    #[test]
    fn a_jpeg_tells_its_size() {
        let mut jpeg = jpeg_head(6, false);
        jpeg.truncate(jpeg.len() - 4); // drop the SOS
        // SOF2 (progressive): length 17, precision 8, height 3024, width 4032, 3 components.
        jpeg.extend_from_slice(&[0xFF, 0xC2, 0x00, 0x11, 0x08, 0x0B, 0xD0, 0x0F, 0xC0, 0x03]);
        jpeg.extend_from_slice(&[0; 9]);
        assert_eq!(jpeg_size(&jpeg), Some((4032, 3024)));
        // A Huffman table segment (C4) is no frame header.
        let tables = [0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x04, 0x01, 0x02, 0xFF, 0xDA];
        assert_eq!(jpeg_size(&tables), None);
        for cut in 0..jpeg.len() {
            let size = jpeg_size(&jpeg[..cut]);
            assert!(size.is_none() || size == Some((4032, 3024)));
        }
    }

    #[test]
    fn odd_orientation_values_mean_upright() {
        assert_eq!(Orientation::from_exif(0), Orientation::UPRIGHT);
        assert_eq!(Orientation::from_exif(9), Orientation::UPRIGHT);
        assert_eq!(Orientation::from_exif(300), Orientation::UPRIGHT);
        assert_eq!(Orientation::UPRIGHT.filters(), None);
        assert_eq!(Orientation(6).filters(), Some("transpose=clock"));
        assert_eq!(Orientation(8).filters(), Some("transpose=cclock"));
    }

    #[test]
    fn formats_are_told_by_their_bytes() {
        assert_eq!(sniff(&jpeg_head(1, true)), Some(PictureFormat::Jpeg));
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(PictureFormat::Png)
        );
        assert_eq!(sniff(b"GIF89a\x01\0"), Some(PictureFormat::Gif));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(PictureFormat::Webp));
        assert_eq!(
            sniff(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"),
            Some(PictureFormat::Heif)
        );
        assert_eq!(sniff(b"\0\0\0\x18ftypisom\0\0\0\0"), None);
        assert_eq!(sniff(b"this is not a picture"), None);
        assert_eq!(sniff(b""), None);
    }
}
