//! The vocabulary of accepted media: a file's broad kind and its exact format (extension, MIME type).
//!
//! Rule (`docs/PROTOCOL.md` §3.5): the backend accepts mp4, mov, avi, webm, mkv, jpg/jpeg, png, gif, webp, heic, mp3,
//! wav, m4a and aac; [`Format`] names exactly those, and [`sniff`](super::sniff) tells them apart by content.

/// The broad kind of a medium, as the upload answer's `type` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaKind {
    /// A still image.
    Image,
    /// A video (which may also carry sound).
    Video,
    /// Sound only.
    Audio,
}

impl MediaKind {
    /// The wire name of the kind: `image`, `video` or `audio`.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
        }
    }

    /// The kind a wire name stands for (`image`, `video`, `audio`), if any.
    pub fn from_name(name: &str) -> Option<MediaKind> {
        match name {
            "image" => Some(MediaKind::Image),
            "video" => Some(MediaKind::Video),
            "audio" => Some(MediaKind::Audio),
            _ => None,
        }
    }

    /// How the kind reads in a message: "an image", "a video", "audio".
    pub fn describe(self) -> &'static str {
        match self {
            MediaKind::Image => "an image",
            MediaKind::Video => "a video",
            MediaKind::Audio => "audio",
        }
    }
}

/// An accepted file format: the extension the studio stores it under, its MIME type and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Format {
    /// Extension without the dot, one of `i2v_core::media::ACCEPTED_FORMATS`.
    pub ext: &'static str,
    /// MIME type, as the upload answer's `mime` gives it.
    pub mime: &'static str,
    /// Image, video or audio.
    pub kind: MediaKind,
}

const fn format(ext: &'static str, mime: &'static str, kind: MediaKind) -> Format {
    Format { ext, mime, kind }
}

impl Format {
    /// JPEG image.
    pub const JPEG: Format = format("jpg", "image/jpeg", MediaKind::Image);
    /// PNG image.
    pub const PNG: Format = format("png", "image/png", MediaKind::Image);
    /// GIF image (animated or not).
    pub const GIF: Format = format("gif", "image/gif", MediaKind::Image);
    /// WebP image.
    pub const WEBP: Format = format("webp", "image/webp", MediaKind::Image);
    /// HEIC still image (HEVC-coded HEIF).
    pub const HEIC: Format = format("heic", "image/heic", MediaKind::Image);
    /// HEIC image sequence.
    pub const HEIC_SEQUENCE: Format = format("heic", "image/heic-sequence", MediaKind::Image);
    /// HEIF still image of a codec the brand does not name (`mif1`), stored as `.heic`.
    pub const HEIF: Format = format("heic", "image/heif", MediaKind::Image);
    /// HEIF image sequence (`msf1`), stored as `.heic`.
    pub const HEIF_SEQUENCE: Format = format("heic", "image/heif-sequence", MediaKind::Image);
    /// MPEG-4 video.
    pub const MP4: Format = format("mp4", "video/mp4", MediaKind::Video);
    /// QuickTime video.
    pub const MOV: Format = format("mov", "video/quicktime", MediaKind::Video);
    /// AVI video.
    pub const AVI: Format = format("avi", "video/x-msvideo", MediaKind::Video);
    /// WebM video.
    pub const WEBM: Format = format("webm", "video/webm", MediaKind::Video);
    /// Matroska video.
    pub const MKV: Format = format("mkv", "video/x-matroska", MediaKind::Video);
    /// MP3 audio.
    pub const MP3: Format = format("mp3", "audio/mpeg", MediaKind::Audio);
    /// WAV audio.
    pub const WAV: Format = format("wav", "audio/wav", MediaKind::Audio);
    /// MPEG-4 audio (`.m4a`).
    pub const M4A: Format = format("m4a", "audio/mp4", MediaKind::Audio);
    /// Raw AAC audio in ADTS frames.
    pub const AAC: Format = format("aac", "audio/aac", MediaKind::Audio);

    /// Every accepted format; no two share a MIME type.
    pub const ALL: [Format; 17] = [
        Format::JPEG,
        Format::PNG,
        Format::GIF,
        Format::WEBP,
        Format::HEIC,
        Format::HEIC_SEQUENCE,
        Format::HEIF,
        Format::HEIF_SEQUENCE,
        Format::MP4,
        Format::MOV,
        Format::AVI,
        Format::WEBM,
        Format::MKV,
        Format::MP3,
        Format::WAV,
        Format::M4A,
        Format::AAC,
    ];

    /// The format a MIME type names, as [`Format::mime`] gives it (the store keeps a medium's format so).
    pub fn from_mime(mime: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.mime == mime)
    }

    /// Whether the file is a HEIF container (HEIC, HEIF and their sequences), which few decoders open.
    pub fn is_heif(self) -> bool {
        [
            Format::HEIC,
            Format::HEIC_SEQUENCE,
            Format::HEIF,
            Format::HEIF_SEQUENCE,
        ]
        .contains(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use i2v_core::media::ACCEPTED_FORMATS;

    #[test]
    fn every_format_is_one_the_protocol_accepts() {
        for format in Format::ALL {
            assert!(ACCEPTED_FORMATS.contains(&format.ext), "{format:?}");
        }
    }

    #[test]
    fn formats_come_back_from_their_mime_type() {
        for format in Format::ALL {
            assert_eq!(Format::from_mime(format.mime), Some(format));
        }
        assert_eq!(Format::from_mime("image/avif"), None);
        let heif: Vec<&str> = Format::ALL
            .into_iter()
            .filter(|format| format.is_heif())
            .map(|format| format.mime)
            .collect();
        assert_eq!(
            heif,
            [
                "image/heic",
                "image/heic-sequence",
                "image/heif",
                "image/heif-sequence"
            ]
        );
    }

    #[test]
    fn kinds_have_wire_names() {
        assert_eq!(MediaKind::Image.as_str(), "image");
        assert_eq!(MediaKind::Video.as_str(), "video");
        assert_eq!(MediaKind::Audio.as_str(), "audio");
    }
}
