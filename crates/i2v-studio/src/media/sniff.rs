//! Judging a file's format by its first bytes (magic numbers), never by its name.
//!
//! Rule (`docs/PROTOCOL.md` §3.5): the backend accepts mp4, mov, avi, webm, mkv, jpg/jpeg, png, gif, webp, heic, mp3,
//! wav, m4a and aac, and judges the type by content. [`sniff`] recognises exactly those and nothing else.

use super::format::Format;

/// How many leading bytes [`sniff`] looks at; give it at least this many when the file has them.
pub const SNIFF_LEN: usize = 64;

/// Judges the format of a file from its first bytes.
///
/// Give it the first [`SNIFF_LEN`] bytes, or the whole file when it is shorter. With fewer bytes it decides
/// from what it has: a signature that does not fit is not matched (so a 3-byte file is `None`), an ISO media
/// `ftyp` box or an EBML header cut short is judged by the brands or elements that did arrive. Anything it does
/// not positively recognise as an accepted format (a renamed `.exe`, text, AVIF, an unknown brand) is `None`.
pub fn sniff(head: &[u8]) -> Option<Format> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(Format::JPEG);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(Format::PNG);
    }
    if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        return Some(Format::GIF);
    }
    if let Some(found) = sniff_riff(head) {
        return Some(found);
    }
    if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return sniff_ebml(head);
    }
    if head.get(4..8) == Some(b"ftyp") {
        return sniff_ftyp(head);
    }
    if is_bare_quicktime(head) {
        return Some(Format::MOV);
    }
    if is_id3_tag(head) || is_mpeg_audio_frame(head) {
        return Some(Format::MP3);
    }
    if is_adts_frame(head) {
        return Some(Format::AAC);
    }
    None
}

/// RIFF containers name their form at bytes 8..12: `WEBP`, `AVI ` or `WAVE` (RF64 is WAV beyond 4 GB).
fn sniff_riff(head: &[u8]) -> Option<Format> {
    let form = head.get(8..12)?;
    if head.starts_with(b"RIFF") {
        match form {
            b"WEBP" => Some(Format::WEBP),
            b"AVI " => Some(Format::AVI),
            b"WAVE" => Some(Format::WAV),
            _ => None,
        }
    } else if head.starts_with(b"RF64") && form == b"WAVE" {
        Some(Format::WAV)
    } else {
        None
    }
}

/// Reads an EBML variable-length integer at `pos`: returns (value, encoded length). With `keep_marker` the
/// length-marker bit stays in the value, as element IDs are written.
fn read_vint(bytes: &[u8], pos: usize, keep_marker: bool) -> Option<(u64, usize)> {
    let first = *bytes.get(pos)?;
    let len = usize::try_from(first.leading_zeros()).ok()? + 1;
    if len > 8 {
        return None;
    }
    let mut value = if keep_marker {
        u64::from(first)
    } else {
        u64::from(first) & (0xFF >> len)
    };
    for i in 1..len {
        value = (value << 8) | u64::from(*bytes.get(pos.checked_add(i)?)?);
    }
    Some((value, len))
}

/// EBML DocType element, inside the EBML header.
const EBML_DOCTYPE: u64 = 0x4282;

/// An EBML file (Matroska family) says which it is in the DocType element of its header: `webm` or `matroska`.
/// A header cut short before the DocType ends is taken for Matroska, the general case; any other DocType is
/// refused.
fn sniff_ebml(head: &[u8]) -> Option<Format> {
    // The header element's own ID is the four magic bytes, then its size, then child elements.
    let (_, size_len) = read_vint(head, 4, false)?;
    let mut pos = 4 + size_len;
    while let Some((id, id_len)) = read_vint(head, pos, true) {
        let Some((size, len_len)) = read_vint(head, pos + id_len, false) else {
            break;
        };
        let start = pos + id_len + len_len;
        let size = usize::try_from(size).ok()?;
        if id == EBML_DOCTYPE {
            let end = start.checked_add(size)?;
            let doc_type = head.get(start..end.min(head.len()))?;
            return match doc_type.split(|&b| b == 0).next().unwrap_or_default() {
                b"webm" => Some(Format::WEBM),
                b"matroska" => Some(Format::MKV),
                _ if end > head.len() => Some(Format::MKV),
                _ => None,
            };
        }
        pos = start.checked_add(size)?;
    }
    Some(Format::MKV)
}

/// ISO base media files (MP4, MOV, M4A, HEIC) start with an `ftyp` box: a major brand at bytes 8..12 and
/// compatible brands from byte 16 to the end of the box. The major brand decides when it is known; otherwise the
/// first compatible brand that is known does.
fn sniff_ftyp(head: &[u8]) -> Option<Format> {
    let major = head.get(8..12)?;
    if let Some(decision) = brand_format(major) {
        return decision;
    }
    let declared = head.get(0..4).map_or(0, be_u32);
    let end = usize::try_from(declared)
        .unwrap_or(usize::MAX)
        .min(head.len());
    let compatible = head.get(16..end).unwrap_or_default();
    // An AVIF file also lists `mif1`: refuse it before the HEIF brands can claim it.
    let brands = || compatible.chunks_exact(4);
    if brands().any(|brand| matches!(brand, b"avif" | b"avis")) {
        return None;
    }
    brands().find_map(brand_format).flatten()
}

/// What one `ftyp` brand says: `Some(Some(format))` accepted, `Some(None)` a known brand of a format the studio
/// refuses (AVIF), `None` a brand that says nothing.
fn brand_format(brand: &[u8]) -> Option<Option<Format>> {
    let format = match brand {
        b"heic" | b"heix" | b"heim" | b"heis" => Format::HEIC,
        b"hevc" | b"hevx" | b"hevm" | b"hevs" => Format::HEIC_SEQUENCE,
        b"mif1" => Format::HEIF,
        b"msf1" => Format::HEIF_SEQUENCE,
        b"avif" | b"avis" => return Some(None),
        b"M4A " | b"M4B " | b"M4P " | b"F4A " => Format::M4A,
        b"qt  " => Format::MOV,
        b"isom" | b"iso2" | b"iso3" | b"iso4" | b"iso5" | b"iso6" | b"iso7" | b"iso8" | b"iso9"
        | b"mp41" | b"mp42" | b"mp71" | b"avc1" | b"dash" | b"M4V " | b"M4VH" | b"M4VP"
        | b"f4v " | b"mmp4" | b"MSNV" | b"XAVC" | b"3gp4" | b"3gp5" | b"3gp6" | b"3g2a" => {
            Format::MP4
        }
        _ => return None,
    };
    Some(Some(format))
}

/// Old QuickTime files have no `ftyp`: they open with a `moov`, `mdat` or `wide` atom of a plausible size.
fn is_bare_quicktime(head: &[u8]) -> bool {
    let Some(size) = head.get(0..4).map(be_u32) else {
        return false;
    };
    let plausible = size == 1 || size >= 8;
    plausible && matches!(head.get(4..8), Some(b"moov" | b"mdat" | b"wide"))
}

/// An ID3v2 tag: `ID3`, a major version 2–4, a revision, flags, then a size whose four bytes keep the top bit
/// clear ("syncsafe").
fn is_id3_tag(head: &[u8]) -> bool {
    match head.get(0..10) {
        Some(&[b'I', b'D', b'3', major, revision, _flags, s0, s1, s2, s3]) => {
            (2..=4).contains(&major)
                && revision != 0xFF
                && [s0, s1, s2, s3].iter().all(|&b| b < 0x80)
        }
        _ => false,
    }
}

/// An MPEG audio frame header: 11 sync bits, then a version, layer, bitrate and sample rate that are not the
/// reserved or "free/bad" values. (Layer bits `00` are reserved for MPEG audio: that is how ADTS differs.)
fn is_mpeg_audio_frame(head: &[u8]) -> bool {
    let Some(&[b0, b1, b2, _]) = head.get(0..4) else {
        return false;
    };
    let version = (b1 >> 3) & 0b11;
    let layer = (b1 >> 1) & 0b11;
    let bitrate = b2 >> 4;
    let sample_rate = (b2 >> 2) & 0b11;
    b0 == 0xFF
        && b1 & 0xE0 == 0xE0
        && version != 0b01
        && layer != 0b00
        && bitrate != 0 // "free format" streams exist but are too rare to trust a guess on.
        && bitrate != 0b1111
        && sample_rate != 0b11
}

/// An AAC ADTS frame header: 12 sync bits, layer `00`, a sample-rate index below 13 and a frame length at
/// least as long as the header.
fn is_adts_frame(head: &[u8]) -> bool {
    let Some(&[b0, b1, b2, b3, b4, b5, _]) = head.get(0..7) else {
        return false;
    };
    let sample_rate_index = (b2 >> 2) & 0x0F;
    let frame_len = (usize::from(b3 & 0x03) << 11) | (usize::from(b4) << 3) | usize::from(b5 >> 5);
    b0 == 0xFF && b1 & 0xF6 == 0xF0 && sample_rate_index < 13 && frame_len >= 7
}

/// Big-endian u32 of the first four bytes (callers pass exactly four).
fn be_u32(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0, |acc, &b| (acc << 8) | u32::from(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ftyp(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
        let size = 16 + 4 * compatible.len();
        let mut out = (size as u32).to_be_bytes().to_vec();
        out.extend_from_slice(b"ftyp");
        out.extend_from_slice(major);
        out.extend_from_slice(&[0, 0, 0, 0]);
        for brand in compatible {
            out.extend_from_slice(*brand);
        }
        out.extend_from_slice(&[0, 0, 0, 8, b'f', b'r', b'e', b'e']);
        out
    }

    fn riff(form: &[u8; 4]) -> Vec<u8> {
        let mut out = b"RIFF\x24\x00\x00\x00".to_vec();
        out.extend_from_slice(form);
        out.extend_from_slice(&[0; 20]);
        out
    }

    fn ebml(doc_type: &[u8]) -> Vec<u8> {
        // EBMLVersion 1, EBMLReadVersion 1, then the DocType.
        let mut body = vec![0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0x82];
        body.push(0x80 | doc_type.len() as u8);
        body.extend_from_slice(doc_type);
        let mut out = vec![0x1A, 0x45, 0xDF, 0xA3, 0x80 | body.len() as u8];
        out.extend_from_slice(&body);
        out.extend_from_slice(&[0x18, 0x53, 0x80, 0x67]);
        out
    }

    #[test]
    fn recognises_every_image_signature() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 16]), Some(Format::JPEG));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(Format::PNG));
        assert_eq!(sniff(b"GIF89a\x01\x00\x01\x00"), Some(Format::GIF));
        assert_eq!(sniff(b"GIF87a\x01\x00\x01\x00"), Some(Format::GIF));
        assert_eq!(sniff(&riff(b"WEBP")), Some(Format::WEBP));
        assert_eq!(
            sniff(&ftyp(b"heic", &[b"mif1", b"heic"])),
            Some(Format::HEIC)
        );
        assert_eq!(sniff(&ftyp(b"heix", &[b"mif1"])), Some(Format::HEIC));
        assert_eq!(
            sniff(&ftyp(b"hevc", &[b"msf1"])),
            Some(Format::HEIC_SEQUENCE)
        );
        assert_eq!(sniff(&ftyp(b"mif1", &[b"heic"])), Some(Format::HEIF));
        assert_eq!(sniff(&ftyp(b"msf1", &[])), Some(Format::HEIF_SEQUENCE));
    }

    #[test]
    fn recognises_every_video_signature() {
        assert_eq!(
            sniff(&ftyp(b"isom", &[b"isom", b"iso2", b"avc1", b"mp41"])),
            Some(Format::MP4)
        );
        assert_eq!(sniff(&ftyp(b"mp42", &[b"mp41"])), Some(Format::MP4));
        assert_eq!(sniff(&ftyp(b"qt  ", &[b"qt  "])), Some(Format::MOV));
        assert_eq!(
            sniff(b"\x00\x00\x00\x08wide\x00\x00\x10\x00mdat"),
            Some(Format::MOV)
        );
        assert_eq!(sniff(&riff(b"AVI ")), Some(Format::AVI));
        assert_eq!(sniff(&ebml(b"webm")), Some(Format::WEBM));
        assert_eq!(sniff(&ebml(b"matroska")), Some(Format::MKV));
    }

    #[test]
    fn recognises_every_audio_signature() {
        assert_eq!(
            sniff(&ftyp(b"M4A ", &[b"M4A ", b"mp42", b"isom"])),
            Some(Format::M4A)
        );
        assert_eq!(sniff(b"ID3\x04\x00\x00\x00\x00\x01\x7f"), Some(Format::MP3));
        // MPEG-1 layer III, 128 kbit/s, 44.1 kHz.
        assert_eq!(sniff(&[0xFF, 0xFB, 0x90, 0x64, 0x00]), Some(Format::MP3));
        assert_eq!(sniff(&riff(b"WAVE")), Some(Format::WAV));
        assert_eq!(sniff(b"RF64\xff\xff\xff\xffWAVEds64"), Some(Format::WAV));
        // MPEG-4 AAC LC, 44.1 kHz, stereo, a 371-byte frame.
        assert_eq!(
            sniff(&[0xFF, 0xF1, 0x50, 0x80, 0x2E, 0x7F, 0xFC]),
            Some(Format::AAC)
        );
    }

    #[test]
    fn refuses_programs_text_and_formats_not_accepted() {
        assert_eq!(
            sniff(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"),
            None
        );
        assert_eq!(sniff(b"\x7fELF\x02\x01\x01\x00"), None);
        assert_eq!(
            sniff(b"hello, this is just a text file pretending to be a.jpg\n"),
            None
        );
        assert_eq!(sniff(b"%PDF-1.7\n"), None);
        assert_eq!(sniff(&ftyp(b"avif", &[b"avif", b"mif1", b"miaf"])), None);
        assert_eq!(sniff(&ftyp(b"abcd", &[b"avif", b"mif1"])), None);
        assert_eq!(sniff(&ftyp(b"crx ", &[b"crx "])), None);
        assert_eq!(sniff(&riff(b"CDXA")), None);
        assert_eq!(sniff(&ebml(b"flump")), None);
        assert_eq!(sniff(b""), None);
        // 0xFF 0xFF: a layer / version pattern MPEG audio reserves.
        assert_eq!(sniff(&[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]), None);
    }

    #[test]
    fn unknown_major_brand_falls_back_to_compatible_brands() {
        assert_eq!(
            sniff(&ftyp(b"XYZ1", &[b"XYZ2", b"isom"])),
            Some(Format::MP4)
        );
        assert_eq!(
            sniff(&ftyp(b"XYZ1", &[b"mif1", b"heic"])),
            Some(Format::HEIF)
        );
        assert_eq!(sniff(&ftyp(b"XYZ1", &[b"XYZ2"])), None);
    }

    #[test]
    fn short_heads_match_only_what_fits() {
        assert_eq!(sniff(&[0xFF, 0xD8]), None);
        assert_eq!(sniff(b"GIF8"), None);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEB"), None);
        // An ftyp box cut inside its compatible brands is judged by the brands that arrived.
        let cut = ftyp(b"XYZ1", &[b"isom", b"mp41"]);
        assert_eq!(sniff(&cut[..20]), Some(Format::MP4));
        assert_eq!(sniff(&cut[..18]), None);
        // An EBML header cut before its DocType is taken for Matroska.
        assert_eq!(sniff(&ebml(b"webm")[..9]), Some(Format::MKV));
    }

    #[test]
    fn webm_doc_type_may_arrive_cut_short() {
        let whole = ebml(b"webm");
        let cut = &whole[..whole.len() - 6];
        assert_eq!(sniff(cut), Some(Format::MKV));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_on_any_prefix(bytes in proptest::collection::vec(any::<u8>(), 0..96)) {
            let whole = sniff(&bytes);
            for cut in 0..bytes.len() {
                let _ = sniff(&bytes[..cut]);
            }
            if let Some(found) = whole {
                prop_assert!(i2v_core::media::ACCEPTED_FORMATS.contains(&found.ext));
            }
        }
    }
}
