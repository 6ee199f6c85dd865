//! The media of a render as the planner needs it, decided from the facts the upload learnt
//! ([`Facts`]): whether a picture must be converted from HEIF first, which filters stand it
//! upright, and a JPEG's stored size, which lets its decoder scale it down.
//!
//! ffmpeg 5.1 (Debian 12) does not read HEIF containers, and whether it turns a JPEG by its EXIF
//! orientation depends on the build (Debian's 5.1.9 does, 5.1.0 does not). Both are therefore
//! decided here: HEIF pictures are converted with `heif-convert` before the render, and the
//! orientation becomes `transpose`/`hflip`/`vflip` filters in the plan, with ffmpeg's own turning
//! switched off (`-noautorotate`), so a photo is turned exactly once on every build.
//!
//! Reading bytes is the media module's work, not this one's: a file with stored facts is not
//! opened here at all (only its presence is checked); one without (an upload from before the
//! facts were kept, a request built by hand) is inspected by [`media::inspect`], once per render.

use std::path::PathBuf;

use super::error::RenderError;
use super::request::{MediaFile, MediaKind};
use crate::media::{self, Facts, Format, InspectError};

pub use crate::media::Orientation;

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
        /// The file is HEIF/HEIC, which ffmpeg 5.1 cannot open.
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

    /// How a picture with these facts is read, or `None` when the facts are not a picture's.
    pub fn still(facts: Facts) -> Option<SourceKind> {
        if facts.kind() != MediaKind::Image {
            return None;
        }
        let heif = facts.format.is_heif();
        Some(SourceKind::Still {
            // heif-convert applies HEIF's own rotation and mirroring: its output stands upright.
            orientation: if heif {
                Orientation::UPRIGHT
            } else {
                facts.orientation
            },
            heif,
            // Only JPEG's decoder scales down as it decodes (`-lowres`).
            jpeg_size: (facts.format == Format::JPEG)
                .then_some(facts.stored_size)
                .flatten(),
        })
    }
}

// The filters are a render decision, so they are written here, beside the other ones, while the
// orientation itself (what EXIF says) is the media module's.
impl Orientation {
    /// The ffmpeg filters that stand the stored pixels upright, or `None` for upright ones.
    ///
    /// EXIF (TIFF 6.0, tag 0x0112): 2 mirrored, 3 upside down, 4 mirrored upside down,
    /// 5 mirrored along the main diagonal, 6 needs a quarter turn clockwise, 7 mirrored along the
    /// other diagonal, 8 needs a quarter turn anticlockwise.
    pub fn filters(self) -> Option<&'static str> {
        match self.value() {
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

/// Why a picture is refused when its content is none of the formats the studio accepts.
const NOT_A_PICTURE: &str = "it is not a picture (jpeg, png, gif, webp or heic)";

/// Resolves a media file for planning from its facts, inspecting the file first when it has
/// none; a file that is gone, empty, or no picture where one is needed fails here, with its name.
pub fn resolve(file: &MediaFile) -> Result<Source, RenderError> {
    let unreadable = |err: InspectError| RenderError::UnreadableMedia {
        name: file.name.clone(),
        reason: match err {
            InspectError::Unrecognised => NOT_A_PICTURE.into(),
            other => other.to_string(),
        },
    };
    // A file removed since its upload is named now, rather than in an ffmpeg error later.
    media::check_present(&file.path).map_err(unreadable)?;
    let kind = match file.kind {
        MediaKind::Video => SourceKind::Moving,
        MediaKind::Audio => SourceKind::Sound,
        MediaKind::Image => {
            let facts = match file.facts {
                Some(facts) => facts,
                None => media::inspect(&file.path).map_err(unreadable)?,
            };
            SourceKind::still(facts).ok_or_else(|| unreadable(InspectError::Unrecognised))?
        }
    };
    Ok(Source {
        name: file.name.clone(),
        path: file.path.clone(),
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::header_reads;

    /// A fresh scratch directory of this test process.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("i2v-source-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch directory");
        dir
    }

    fn facts(format: Format, orientation: u16, stored_size: Option<(u32, u32)>) -> Facts {
        Facts {
            format,
            orientation: Orientation::from_exif(orientation),
            stored_size,
        }
    }

    #[test]
    fn every_orientation_has_its_filters() {
        let filters: Vec<Option<&str>> = (1..=8)
            .map(|value| Orientation::from_exif(value).filters())
            .collect();
        assert_eq!(
            filters,
            [
                None,
                Some("hflip"),
                Some("hflip,vflip"),
                Some("vflip"),
                Some("transpose=cclock_flip"),
                Some("transpose=clock"),
                Some("transpose=clock_flip"),
                Some("transpose=cclock"),
            ]
        );
    }

    #[test]
    fn heif_is_converted_upright_and_only_jpeg_is_decoded_smaller() {
        let heic = SourceKind::still(facts(Format::HEIC, 8, Some((4032, 3024))));
        let expected = SourceKind::Still {
            orientation: Orientation::UPRIGHT,
            heif: true,
            jpeg_size: None,
        };
        assert_eq!(heic, Some(expected));
        let jpeg = SourceKind::still(facts(Format::JPEG, 6, Some((4032, 3024))));
        let expected = SourceKind::Still {
            orientation: Orientation::from_exif(6),
            heif: false,
            jpeg_size: Some((4032, 3024)),
        };
        assert_eq!(jpeg, Some(expected));
        let png = SourceKind::still(facts(Format::PNG, 1, Some((640, 480))));
        let expected = SourceKind::Still {
            orientation: Orientation::UPRIGHT,
            heif: false,
            jpeg_size: None,
        };
        assert_eq!(png, Some(expected));
        assert_eq!(SourceKind::still(facts(Format::MP4, 1, None)), None);
    }

    #[test]
    fn stored_facts_are_trusted_without_opening_the_file() {
        let dir = scratch("facts");
        let path = dir.join("photo.jpg");
        // Not a JPEG at all: were the file read, it would be refused.
        std::fs::write(&path, b"not really a jpeg").expect("written");
        let mut file = MediaFile::new(&path, MediaKind::Image);
        file.facts = Some(facts(Format::JPEG, 6, Some((4032, 3024))));
        let source = resolve(&file).expect("resolved from its facts");
        assert_eq!(source.kind, SourceKind::still(file.facts.unwrap()).unwrap());
        assert_eq!(header_reads(&path), 0);
        // Without facts, the same file is inspected (once) and refused.
        file.facts = None;
        let err = resolve(&file).expect_err("inspected and refused");
        assert_eq!(
            err.to_string(),
            format!("'photo.jpg' cannot be rendered: {NOT_A_PICTURE}")
        );
        assert_eq!(header_reads(&path), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_gone_since_its_upload_is_named() {
        let dir = scratch("gone");
        let mut file = MediaFile::new(dir.join("clip.mp4"), MediaKind::Video);
        file.facts = Facts::without_header(Format::MP4);
        let err = resolve(&file).expect_err("missing");
        assert_eq!(
            err.to_string(),
            "'clip.mp4' cannot be rendered: the file is missing"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
