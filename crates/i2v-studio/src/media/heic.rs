//! HEIC/HEIF size and orientation, from the item properties in the `meta` box.
//!
//! Rule (ISO/IEC 14496-12 boxes, ISO/IEC 23008-12 HEIF): a box is a big-endian u32 size (1: a u64 size follows
//! the type; 0: to the end), a four-character type, and a body; "full boxes" open with a version byte and three
//! flag bytes. The top-level `meta` (full box) holds `pitm`, the primary item's id, and `iprp`, which holds
//! `ipco`, the list of properties, and `ipma`, which associates each item with 1-based property indices, in the
//! order they apply. `ispe` (full box) gives an image's width and height as u32 before any transform; `irot`
//! rotates anticlockwise by (its low two bits) × 90°; `imir` mirrors about a vertical (0) or horizontal (1) axis.
//!
//! The size reported is the primary item's `ispe` (for a grid image, the whole picture, not a tile); without a
//! primary association the largest `ispe` stands in. The transforms are written as the equivalent EXIF
//! orientation. The Exif item inside a HEIC is not read: readers apply `irot`/`imir`, and MIAF makes the Exif
//! orientation informative only.

use std::io;

use super::image::{ImageInfo, sized};
use super::read::{ReadAt, be_u16, be_u32, be_u64};

/// Top-level boxes looked at before giving up on finding `meta` (it comes right after `ftyp` in practice).
const MAX_TOP_BOXES: usize = 64;
/// The largest `meta` box read; real ones are a few kilobytes, a crafted one must not cost memory.
const MAX_META_LEN: u64 = 4 * 1024 * 1024;

/// Reads the primary image's size and orientation from a HEIC; anything malformed gives unknown fields.
pub(crate) fn probe(source: &mut impl ReadAt) -> io::Result<ImageInfo> {
    let mut pos: u64 = 0;
    for _ in 0..MAX_TOP_BOXES {
        let head = source.read_at(pos, 16)?;
        let Some(header) = BoxHeader::parse(&head) else {
            break;
        };
        let header_len = header.header_len as u64;
        if &header.kind == b"meta" {
            let body_len = header
                .size
                .map_or(MAX_META_LEN, |size| size.saturating_sub(header_len));
            if body_len > MAX_META_LEN {
                break;
            }
            let body = source.read_at(
                pos.saturating_add(header_len),
                usize::try_from(body_len).unwrap_or(0),
            )?;
            return Ok(properties_of_primary(body.get(4..).unwrap_or_default()));
        }
        let Some(next) = header.size.and_then(|size| pos.checked_add(size)) else {
            break;
        };
        pos = next;
    }
    Ok(ImageInfo::default())
}

/// A box header: its type, how many bytes the header takes, and the whole box's size (`None`: to the end).
struct BoxHeader {
    kind: [u8; 4],
    header_len: usize,
    size: Option<u64>,
}

impl BoxHeader {
    fn parse(bytes: &[u8]) -> Option<BoxHeader> {
        let size = be_u32(bytes, 0)?;
        let kind: [u8; 4] = bytes.get(4..8)?.try_into().ok()?;
        let (header_len, size) = match size {
            0 => (8, None),
            1 => (16, Some(be_u64(bytes, 8)?)),
            size => (8, Some(u64::from(size))),
        };
        if size.is_some_and(|size| size < header_len as u64) {
            return None;
        }
        Some(BoxHeader {
            kind,
            header_len,
            size,
        })
    }
}

/// The child boxes packed in a body, as (type, body); stops at the first box that does not fit.
struct Boxes<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Boxes<'a> {
    type Item = ([u8; 4], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let header = BoxHeader::parse(self.rest)?;
        let end = match header.size {
            Some(size) => usize::try_from(size).ok()?,
            None => self.rest.len(),
        };
        let body = self.rest.get(header.header_len..end)?;
        self.rest = self.rest.get(end..)?;
        Some((header.kind, body))
    }
}

fn boxes(body: &[u8]) -> Boxes<'_> {
    Boxes { rest: body }
}

/// The size and orientation of the primary item, from the children of `meta` (after its full-box header).
fn properties_of_primary(meta: &[u8]) -> ImageInfo {
    let primary = boxes(meta)
        .find(|(kind, _)| kind == b"pitm")
        .and_then(|(_, body)| primary_item(body));
    let Some((_, iprp)) = boxes(meta).find(|(kind, _)| kind == b"iprp") else {
        return ImageInfo::default();
    };
    let properties: Vec<([u8; 4], &[u8])> = boxes(iprp)
        .filter(|(kind, _)| kind == b"ipco")
        .flat_map(|(_, ipco)| boxes(ipco))
        .collect();
    let associated: Vec<u16> = match primary {
        Some(item) => boxes(iprp)
            .filter(|(kind, _)| kind == b"ipma")
            .flat_map(|(_, ipma)| associations_of(ipma, item).unwrap_or_default())
            .collect(),
        None => Vec::new(),
    };
    let mut size = None;
    let mut transform = Transform::default();
    let mut transformed = false;
    for index in associated {
        let Some(&(kind, body)) = usize::from(index)
            .checked_sub(1)
            .and_then(|i| properties.get(i))
        else {
            continue;
        };
        match &kind {
            b"ispe" => size = size.or_else(|| image_size(body)),
            b"irot" => {
                transform = transform.rotated_anticlockwise(body.first().map_or(0, |b| b & 0b11));
                transformed = true;
            }
            b"imir" => {
                transform = transform.mirrored(body.first().map_or(0, |b| b & 1));
                transformed = true;
            }
            _ => {}
        }
    }
    let size = size.or_else(|| {
        let sizes = properties.iter().filter(|(kind, _)| kind == b"ispe");
        sizes
            .filter_map(|(_, body)| image_size(body))
            .max_by_key(|&(w, h)| u64::from(w) * u64::from(h))
    });
    let Some((width, height)) = size else {
        return ImageInfo::default();
    };
    let orientation = transformed.then(|| transform.exif_orientation());
    ImageInfo {
        orientation,
        ..sized(width, height)
    }
}

/// `pitm` (full box): the primary item id, u16 in version 0, u32 after.
fn primary_item(body: &[u8]) -> Option<u32> {
    match body.first()? {
        0 => be_u16(body, 4).map(u32::from),
        _ => be_u32(body, 4),
    }
}

/// `ispe` (full box): width and height as u32.
fn image_size(body: &[u8]) -> Option<(u32, u32)> {
    Some((be_u32(body, 4)?, be_u32(body, 8)?))
}

/// `ipma` (full box): entries of an item id (u16 in version 0, u32 after) and a u8 count of associations, each
/// an essential bit and a property index: 7 bits in one byte, or 15 bits in two when flag bit 0 is set.
/// Returns the property indices of `item`, in order; `None` if the box is cut short before them.
fn associations_of(ipma: &[u8], item: u32) -> Option<Vec<u16>> {
    let version = *ipma.first()?;
    let wide_indices = ipma.get(3)? & 1 == 1;
    let entries = be_u32(ipma, 4)?;
    let mut pos = 8usize;
    for _ in 0..entries {
        let id = if version == 0 {
            let id = u32::from(be_u16(ipma, pos)?);
            pos += 2;
            id
        } else {
            let id = be_u32(ipma, pos)?;
            pos += 4;
            id
        };
        let count = usize::from(*ipma.get(pos)?);
        pos += 1;
        let width = if wide_indices { 2 } else { 1 };
        let list = ipma.get(pos..pos.checked_add(count.checked_mul(width)?)?)?;
        pos += list.len();
        if id == item {
            let indices = if wide_indices {
                list.chunks_exact(2)
                    .map(|b| be_u16(b, 0).map_or(0, |v| v & 0x7FFF))
                    .collect()
            } else {
                list.iter().map(|&b| u16::from(b & 0x7F)).collect()
            };
            return Some(indices);
        }
    }
    None
}

/// A picture transform as "mirror left-right first (or not), then turn clockwise by quarter turns": every
/// combination of HEIF rotations and mirrors reduces to one of these eight, which are the EXIF orientations.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Transform {
    mirrored: bool,
    clockwise_quarters: u8,
}

impl Transform {
    /// Then rotate anticlockwise by `quarters` × 90°.
    fn rotated_anticlockwise(self, quarters: u8) -> Transform {
        let clockwise_quarters = (self.clockwise_quarters + 4 - quarters % 4) % 4;
        Transform {
            clockwise_quarters,
            ..self
        }
    }

    /// Then mirror about a vertical axis (0: left-right) or a horizontal one (1: top-bottom).
    /// A left-right mirror after a clockwise turn r equals the mirror first, then the turn −r; a top-bottom
    /// mirror is a left-right mirror and a half turn.
    fn mirrored(self, axis: u8) -> Transform {
        let half_turn = if axis == 1 { 2 } else { 0 };
        Transform {
            mirrored: !self.mirrored,
            clockwise_quarters: (half_turn + 4 - self.clockwise_quarters) % 4,
        }
    }

    /// The EXIF orientation (1–8) that describes the same transform.
    fn exif_orientation(self) -> u8 {
        match (self.mirrored, self.clockwise_quarters) {
            (false, 0) => 1,
            (true, 0) => 2,
            (false, 2) => 3,
            (true, 2) => 4,
            (false, 1) => 6,
            (true, 1) => 7,
            // Three quarter turns, the only value left.
            (false, _) => 8,
            (true, _) => 5,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        out
    }

    fn full(kind: &[u8; 4], version: u8, flags: u8, body: &[u8]) -> Vec<u8> {
        let mut inner = vec![version, 0, 0, flags];
        inner.extend_from_slice(body);
        bx(kind, &inner)
    }

    fn ispe(width: u32, height: u32) -> Vec<u8> {
        let mut body = width.to_be_bytes().to_vec();
        body.extend_from_slice(&height.to_be_bytes());
        full(b"ispe", 0, 0, &body)
    }

    /// A HEIC like a phone writes: a 2x2 grid (item 1, primary) of 512x512 tiles (items 2–5), with the given
    /// transform properties (already-encoded `irot`/`imir` boxes) on the grid.
    pub(crate) fn heic_file(width: u32, height: u32, transforms: &[Vec<u8>]) -> Vec<u8> {
        let mut ipco = bx(b"hvcC", &[1, 2, 3]);
        ipco.extend(ispe(512, 512));
        ipco.extend(ispe(width, height));
        for transform in transforms {
            ipco.extend_from_slice(transform);
        }
        // ipma version 0, one-byte indices: tiles → hvcC (1, essential) and ispe 512 (2); grid → ispe (3) and
        // the transforms (4, 5, …).
        let mut ipma = 5u32.to_be_bytes().to_vec();
        for tile in 2u16..=5 {
            ipma.extend_from_slice(&tile.to_be_bytes());
            ipma.extend_from_slice(&[2, 0x81, 0x02]);
        }
        ipma.extend_from_slice(&1u16.to_be_bytes());
        ipma.push(1 + transforms.len() as u8);
        ipma.push(3);
        for index in 0..transforms.len() {
            ipma.push(0x80 | (4 + index as u8));
        }
        let mut iprp = bx(b"ipco", &ipco);
        iprp.extend(full(b"ipma", 0, 0, &ipma));
        let mut meta = full(b"hdlr", 0, 0, b"\0\0\0\0pict\0\0\0\0\0\0\0\0\0\0\0\0\0");
        meta.extend(full(b"pitm", 0, 0, &1u16.to_be_bytes()));
        meta.extend(bx(b"iprp", &iprp));
        let mut out = bx(b"ftyp", b"heic\0\0\0\0mif1heic");
        out.extend(full(b"meta", 0, 0, &meta));
        out.extend(bx(b"mdat", &[0; 32]));
        out
    }

    pub(crate) fn irot(quarters: u8) -> Vec<u8> {
        bx(b"irot", &[quarters])
    }

    fn imir(axis: u8) -> Vec<u8> {
        bx(b"imir", &[axis])
    }

    fn probe_bytes(bytes: &[u8]) -> ImageInfo {
        let mut source = bytes;
        probe(&mut source).unwrap()
    }

    #[test]
    fn the_primary_grid_size_wins_over_its_tiles() {
        let info = probe_bytes(&heic_file(4032, 3024, &[]));
        assert_eq!(info, sized(4032, 3024));
    }

    #[test]
    fn irot_becomes_the_equivalent_exif_orientation() {
        let expected = [(0, 1), (1, 8), (2, 3), (3, 6)];
        for (quarters, orientation) in expected {
            let info = probe_bytes(&heic_file(4032, 3024, &[irot(quarters)]));
            assert_eq!(info.orientation, Some(orientation), "irot {quarters}");
            assert_eq!((info.width, info.height), (Some(4032), Some(3024)));
        }
        let turned = probe_bytes(&heic_file(4032, 3024, &[irot(3)]));
        assert_eq!(turned.display_size(), Some((3024, 4032)));
    }

    #[test]
    fn mirrors_and_rotations_compose_in_order() {
        assert_eq!(
            probe_bytes(&heic_file(8, 4, &[imir(0)])).orientation,
            Some(2)
        );
        assert_eq!(
            probe_bytes(&heic_file(8, 4, &[imir(1)])).orientation,
            Some(4)
        );
        // Turn 90° anticlockwise, then mirror left-right: a flip about the anti-diagonal (transverse), EXIF 7.
        assert_eq!(
            probe_bytes(&heic_file(8, 4, &[irot(1), imir(0)])).orientation,
            Some(7)
        );
        // Mirror left-right, then turn 90° anticlockwise: a flip about the main diagonal (transpose), EXIF 5.
        assert_eq!(
            probe_bytes(&heic_file(8, 4, &[imir(0), irot(1)])).orientation,
            Some(5)
        );
    }

    #[test]
    fn transform_algebra_matches_exif_definitions() {
        let id = Transform::default();
        // A half turn is the same whichever way it goes; two mirrors about different axes make one.
        assert_eq!(
            id.rotated_anticlockwise(2),
            Transform {
                mirrored: false,
                clockwise_quarters: 2
            }
        );
        assert_eq!(id.mirrored(0).mirrored(1).exif_orientation(), 3);
        assert_eq!(id.mirrored(1).mirrored(1), id);
        assert_eq!(id.rotated_anticlockwise(3).rotated_anticlockwise(1), id);
    }

    #[test]
    fn without_a_primary_item_the_largest_size_stands_in() {
        let file = heic_file(2000, 1000, &[]);
        let pitm_at = file.windows(4).position(|w| w == b"pitm").unwrap();
        let mut renamed = file.clone();
        renamed[pitm_at..pitm_at + 4].copy_from_slice(b"xxxx");
        assert_eq!(probe_bytes(&renamed), sized(2000, 1000));
    }

    #[test]
    fn cut_or_foreign_files_give_unknown_or_exact_fields() {
        let whole = heic_file(640, 480, &[irot(1)]);
        let exact = probe_bytes(&whole);
        for cut in 0..whole.len() {
            // A cut inside `meta` may keep the size but lose the association that carries the rotation.
            let info = probe_bytes(&whole[..cut]);
            assert!(
                info.width.is_none() || info.width == exact.width,
                "{cut}: {info:?}"
            );
            assert!(
                info.orientation.is_none() || info.orientation == exact.orientation,
                "{cut}: {info:?}"
            );
        }
        assert_eq!(
            probe_bytes(b"\0\0\0\x01ftyp\0\0\0\0\0\0\0\x01"),
            ImageInfo::default()
        );
    }

    #[test]
    fn sixty_four_bit_box_sizes_are_followed() {
        let mut file = b"\0\0\0\x01ftyp\0\0\0\0\0\0\0\x18heic\0\0\0\0".to_vec();
        file.extend(heic_file(320, 240, &[]).into_iter().skip(24));
        assert_eq!(probe_bytes(&file), sized(320, 240));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn corrupted_bytes_never_panic(index in 0usize..400, value in any::<u8>(), quarters in 0u8..4) {
            let mut bytes = tests::heic_file(4032, 3024, &[tests::irot(quarters)]);
            let at = index % bytes.len();
            bytes[at] = value;
            let mut source = bytes.as_slice();
            let info = probe(&mut source).unwrap();
            prop_assert!(info.orientation.is_none_or(|v| (1..=8).contains(&v)));
        }

        #[test]
        fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let mut source = bytes.as_slice();
            let _ = probe(&mut source).unwrap();
        }
    }
}
