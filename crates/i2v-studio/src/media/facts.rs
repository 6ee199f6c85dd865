//! What a render needs to know about a stored file, learnt from its bytes once: its real format, which way up a
//! picture goes, and a picture's pixel size as stored.
//!
//! The upload reads them ([`Saved::facts`](super::Saved::facts)) and the store keeps them in the media record, so
//! an export plans from them without opening the file again; [`inspect`](super::inspect) reads them afresh only
//! for a file whose facts were never kept (stored by an older version, or handed to the renderer directly).
//!
//! Rule (EXIF 2.3 / TIFF 6.0, tag 0x0112): orientation 1 is upright; 2 mirrored, 3 upside down, 4 mirrored upside
//! down; 5–8 are the quarter turns (5 mirrored along the main diagonal, 6 needs a quarter turn clockwise, 7
//! mirrored along the other diagonal, 8 needs a quarter turn anticlockwise), which swap width and height.

use super::format::{Format, MediaKind};
use super::image::ImageInfo;

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

    /// The orientation a header recorded, upright when it recorded none.
    pub fn recorded(value: Option<u8>) -> Orientation {
        value.map_or(Orientation::UPRIGHT, |v| Orientation::from_exif(v.into()))
    }

    /// The EXIF value, 1–8.
    pub fn value(self) -> u8 {
        self.0
    }

    /// Whether standing the picture upright swaps its width and height (a quarter turn, 5–8).
    pub fn swaps_axes(self) -> bool {
        (5..=8).contains(&self.0)
    }
}

/// What a render needs to know about a stored file, learnt from its bytes (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// The format its content was judged to be (the HEIF family included).
    pub format: Format,
    /// How a picture's stored pixels are turned to stand upright (for HEIF, its `irot`/`imir` as the EXIF
    /// equivalent); upright for sound, video and pictures that record none.
    pub orientation: Orientation,
    /// A picture's width and height as stored, before the orientation, when its header gives both.
    pub stored_size: Option<(u32, u32)>,
}

impl Facts {
    /// The facts of a file of `format` whose image headers said `image`; sound and video keep only their format,
    /// since a render reads nothing else about them.
    pub fn new(format: Format, image: ImageInfo) -> Facts {
        if format.kind != MediaKind::Image {
            return Facts {
                format,
                orientation: Orientation::UPRIGHT,
                stored_size: None,
            };
        }
        Facts {
            format,
            orientation: Orientation::recorded(image.orientation),
            stored_size: image.width.zip(image.height),
        }
    }

    /// The facts of a file of `format` whose header a render does not need (sound and video: their format is
    /// all); `None` for pictures, whose headers must be read.
    pub fn without_header(format: Format) -> Option<Facts> {
        (format.kind != MediaKind::Image).then(|| Facts::new(format, ImageInfo::default()))
    }

    /// Image, video or audio, by the format.
    pub fn kind(&self) -> MediaKind {
        self.format.kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_orientation_values_mean_upright() {
        assert_eq!(Orientation::from_exif(0), Orientation::UPRIGHT);
        assert_eq!(Orientation::from_exif(9), Orientation::UPRIGHT);
        assert_eq!(Orientation::from_exif(300), Orientation::UPRIGHT);
        assert_eq!(Orientation::recorded(None), Orientation::UPRIGHT);
        assert_eq!(Orientation::recorded(Some(6)).value(), 6);
    }

    #[test]
    fn only_quarter_turns_swap_the_axes() {
        let swapping: Vec<u16> = (0..=9)
            .filter(|&v| Orientation::from_exif(v).swaps_axes())
            .collect();
        assert_eq!(swapping, [5, 6, 7, 8]);
    }

    #[test]
    fn pictures_keep_their_header_and_other_media_only_their_format() {
        let header = ImageInfo {
            width: Some(4032),
            height: Some(3024),
            orientation: Some(6),
        };
        let photo = Facts::new(Format::JPEG, header);
        assert_eq!(photo.orientation.value(), 6);
        assert_eq!(photo.stored_size, Some((4032, 3024)));
        assert_eq!(photo.kind(), MediaKind::Image);
        let clip = Facts::new(Format::MP4, header);
        assert_eq!(
            clip,
            Facts {
                format: Format::MP4,
                orientation: Orientation::UPRIGHT,
                stored_size: None
            }
        );
        let heightless = Facts::new(
            Format::PNG,
            ImageInfo {
                height: None,
                ..header
            },
        );
        assert_eq!(heightless.stored_size, None);
        assert_eq!(Facts::without_header(Format::MP4), Some(clip));
        assert_eq!(Facts::without_header(Format::JPEG), None);
    }
}
