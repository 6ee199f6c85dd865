//! The EXIF orientation tag, read from a TIFF structure (the body of a JPEG's `Exif` APP1 segment).
//!
//! Rule (TIFF 6 / EXIF 2.3): the structure opens with `II*\0` (little-endian) or `MM\0*` (big-endian), then the
//! offset of the first IFD; an IFD is a 2-byte entry count and 12-byte entries (tag, type, count, value). The
//! Orientation tag is 0x0112, type SHORT, one value 1–8, stored in the first two bytes of the value field.

use super::read::{be_u16, be_u32, le_u16, le_u32};

/// The TIFF tag of the orientation.
const ORIENTATION_TAG: u16 = 0x0112;
/// The TIFF type SHORT (an unsigned 16-bit integer).
const TYPE_SHORT: u16 = 3;

/// The byte order a TIFF structure declares.
#[derive(Clone, Copy)]
enum ByteOrder {
    Little,
    Big,
}

impl ByteOrder {
    fn u16(self, bytes: &[u8], pos: usize) -> Option<u16> {
        match self {
            ByteOrder::Little => le_u16(bytes, pos),
            ByteOrder::Big => be_u16(bytes, pos),
        }
    }

    fn u32(self, bytes: &[u8], pos: usize) -> Option<u32> {
        match self {
            ByteOrder::Little => le_u32(bytes, pos),
            ByteOrder::Big => be_u32(bytes, pos),
        }
    }
}

/// The orientation (1–8) recorded in the first IFD of a TIFF structure, if there is a valid one.
pub(crate) fn tiff_orientation(tiff: &[u8]) -> Option<u8> {
    let order = match tiff.get(0..4)? {
        b"II*\0" => ByteOrder::Little,
        b"MM\0*" => ByteOrder::Big,
        _ => return None,
    };
    let ifd = usize::try_from(order.u32(tiff, 4)?).ok()?;
    let count = order.u16(tiff, ifd)?;
    for index in 0..usize::from(count) {
        let entry = ifd.checked_add(2)?.checked_add(index.checked_mul(12)?)?;
        if order.u16(tiff, entry)? != ORIENTATION_TAG {
            continue;
        }
        if order.u16(tiff, entry.checked_add(2)?)? != TYPE_SHORT {
            return None;
        }
        let value = order.u16(tiff, entry.checked_add(8)?)?;
        return u8::try_from(value).ok().filter(|v| (1..=8).contains(v));
    }
    None
}

/// Builds a TIFF structure with one IFD holding the given entries (tag, type, value), for tests here and in the
/// JPEG parser's.
#[cfg(test)]
pub(crate) fn tiff_with(big_endian: bool, entries: &[(u16, u16, u16)]) -> Vec<u8> {
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
    let mut out = if big_endian {
        b"MM\0*".to_vec()
    } else {
        b"II*\0".to_vec()
    };
    out.extend_from_slice(&u32b(8));
    out.extend_from_slice(&u16b(entries.len() as u16));
    for &(tag, kind, value) in entries {
        out.extend_from_slice(&u16b(tag));
        out.extend_from_slice(&u16b(kind));
        out.extend_from_slice(&u32b(1));
        out.extend_from_slice(&u16b(value));
        out.extend_from_slice(&[0, 0]);
    }
    out.extend_from_slice(&[0, 0, 0, 0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_orientation_in_both_byte_orders() {
        for big_endian in [false, true] {
            for value in 1..=8 {
                let tiff = tiff_with(
                    big_endian,
                    &[(0x010F, 2, 0), (ORIENTATION_TAG, TYPE_SHORT, value)],
                );
                assert_eq!(
                    tiff_orientation(&tiff),
                    Some(value as u8),
                    "{big_endian} {value}"
                );
            }
        }
    }

    #[test]
    fn refuses_values_outside_one_to_eight_and_wrong_types() {
        assert_eq!(
            tiff_orientation(&tiff_with(false, &[(ORIENTATION_TAG, TYPE_SHORT, 0)])),
            None
        );
        assert_eq!(
            tiff_orientation(&tiff_with(true, &[(ORIENTATION_TAG, TYPE_SHORT, 9)])),
            None
        );
        assert_eq!(
            tiff_orientation(&tiff_with(true, &[(ORIENTATION_TAG, 4, 6)])),
            None
        );
        assert_eq!(
            tiff_orientation(&tiff_with(true, &[(0x0110, TYPE_SHORT, 6)])),
            None
        );
    }

    #[test]
    fn truncated_or_foreign_structures_have_no_orientation() {
        let whole = tiff_with(false, &[(ORIENTATION_TAG, TYPE_SHORT, 6)]);
        for cut in 0..18 {
            assert_eq!(tiff_orientation(&whole[..cut]), None, "{cut}");
        }
        assert_eq!(tiff_orientation(b"XX*\0\x08\0\0\0"), None);
        // An IFD offset far past the end.
        assert_eq!(tiff_orientation(b"MM\0*\xff\xff\xff\xff"), None);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics(mut bytes in proptest::collection::vec(any::<u8>(), 0..128), big_endian in any::<bool>()) {
            let _ = tiff_orientation(&bytes);
            // Also with a valid header, so the IFD walk itself meets garbage.
            let header: &[u8] = if big_endian { b"MM\0*\0\0\0\x08" } else { b"II*\0\x08\0\0\0" };
            bytes.splice(0..0, header.iter().copied());
            let found = tiff_orientation(&bytes);
            prop_assert!(found.is_none_or(|v| (1..=8).contains(&v)));
        }
    }
}
