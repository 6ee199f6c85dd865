//! Letter case for the alphabets people write product videos in, without Unicode's tables.
//!
//! `char::to_lowercase` and `char::to_uppercase` carry Unicode's full case tables, 12 KB of the
//! gzipped browser build (issue 7's note). Reading a message lowercases it before its words meet
//! the word lists ([`crate::fold`]), and the core's GUI translator and draft summary capitalise
//! the first letter of a sentence. Both are served by the simple (one character to one character)
//! mappings of the alphabets below, worked out from how Unicode lays them out:
//!
//! - Latin: ASCII, Latin-1, Latin Extended-A and Latin Extended Additional (Western and Central
//!   European languages, Turkish, Vietnamese);
//! - Greek (with its accented vowels), Cyrillic (with the extended letters of the languages of
//!   Russia and Central Asia) and Armenian.
//!
//! Any other character keeps its case: uncased scripts (Chinese, Japanese, Arabic …) have none,
//! and a rarer cased one (Georgian, Cherokee, Latin Extended-B …) is left as written, which at
//! worst leaves a sentence's first letter small. A test checks every character of these blocks
//! against the standard library.

/// `c` in lower case; `c` itself when it has no lower case here.
pub fn lower(c: char) -> char {
    shift(c, Case::Lower)
}

/// `c` in upper case; `c` itself when it has no upper case here.
pub fn upper(c: char) -> char {
    shift(c, Case::Upper)
}

/// `text` with its first character in upper case.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => std::iter::once(upper(first)).chain(chars).collect(),
        None => String::new(),
    }
}

/// The direction of a mapping.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower,
    Upper,
}

/// Where a block of letters puts its two cases.
enum Layout {
    /// Upper case letters `upper`, their lower case `distance` above each.
    Offset { upper: (u32, u32), distance: u32 },
    /// Pairs in a row: the upper case letter of each pair at an even code point when `even`,
    /// at an odd one otherwise, its lower case right after it.
    Pairs { range: (u32, u32), even: bool },
}

/// A block whose capitals `first..=last` have their small letters `distance` above.
const fn offset(first: u32, last: u32, distance: u32) -> Layout {
    Layout::Offset {
        upper: (first, last),
        distance,
    }
}

/// A block of pairs `first..=last`, each capital at an even code point when `even`.
const fn pairs(first: u32, last: u32, even: bool) -> Layout {
    Layout::Pairs {
        range: (first, last),
        even,
    }
}

/// The alphabets' blocks, by code point; the letters that fit no layout are in `SINGLES`.
const LAYOUTS: &[Layout] = &[
    // ASCII, Latin-1 (À–Þ, but not ×).
    offset(0x41, 0x5A, 0x20),
    offset(0xC0, 0xD6, 0x20),
    offset(0xD8, 0xDE, 0x20),
    // Latin Extended-A, around ı/İ, ĸ, ŉ and ſ.
    pairs(0x100, 0x12F, true),
    pairs(0x132, 0x137, true),
    pairs(0x139, 0x148, false),
    pairs(0x14A, 0x177, true),
    pairs(0x179, 0x17E, false),
    // Greek: Α–Ρ, Σ–Ϋ (no capital at U+03A2, where final ς's would be), accented vowels.
    offset(0x391, 0x3A1, 0x20),
    offset(0x3A3, 0x3AB, 0x20),
    offset(0x388, 0x38A, 0x25),
    offset(0x38E, 0x38F, 0x3F),
    // Cyrillic: Ѐ–Џ, А–Я, then the pairs of the extended letters.
    offset(0x400, 0x40F, 0x50),
    offset(0x410, 0x42F, 0x20),
    pairs(0x460, 0x481, true),
    pairs(0x48A, 0x4BF, true),
    pairs(0x4C1, 0x4CE, false),
    pairs(0x4D0, 0x52F, true),
    // Armenian.
    offset(0x531, 0x556, 0x30),
    // Latin Extended Additional (Vietnamese among others), around ẖ–ẝ and ẞ.
    pairs(0x1E00, 0x1E95, true),
    pairs(0x1EA0, 0x1EFF, true),
];

/// Pairs (upper, lower) outside any layout. Where Unicode maps a letter one way only (`ı` has
/// the capital `I`, whose small letter is `i`), the pair is listed for that direction alone.
const SINGLES: &[(char, char, Only)] = &[
    ('Ÿ', 'ÿ', Only::Both),
    ('İ', 'i', Only::ToLower),
    ('I', 'ı', Only::ToUpper),
    ('S', 'ſ', Only::ToUpper),
    ('Ά', 'ά', Only::Both),
    ('Ό', 'ό', Only::Both),
    ('Σ', 'ς', Only::ToUpper),
    ('Ӏ', 'ӏ', Only::Both),
    ('Μ', 'µ', Only::ToUpper),
    ('Ṡ', 'ẛ', Only::ToUpper),
    ('ẞ', 'ß', Only::ToLower),
];

/// Which direction a pair of `SINGLES` maps.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Only {
    Both,
    ToLower,
    ToUpper,
}

fn shift(c: char, case: Case) -> char {
    let code = u32::from(c);
    let mapped = LAYOUTS.iter().find_map(|layout| layout.map(code, case));
    if let Some(mapped) = mapped.and_then(char::from_u32) {
        return mapped;
    }
    for &(upper, lower, only) in SINGLES {
        match case {
            Case::Lower if c == upper && only != Only::ToUpper => return lower,
            Case::Upper if c == lower && only != Only::ToLower => return upper,
            _ => {}
        }
    }
    c
}

impl Layout {
    /// `code` in `case` when this block holds it as a letter of the other case.
    fn map(&self, code: u32, case: Case) -> Option<u32> {
        match *self {
            Layout::Offset {
                upper: (first, last),
                distance,
            } => match case {
                Case::Lower => (first..=last).contains(&code).then(|| code + distance),
                Case::Upper => (first + distance..=last + distance)
                    .contains(&code)
                    .then(|| code - distance),
            },
            Layout::Pairs {
                range: (first, last),
                even,
            } => {
                if !(first..=last).contains(&code) {
                    return None;
                }
                let is_upper = (code % 2 == 0) == even;
                match (case, is_upper) {
                    (Case::Lower, true) if code < last => Some(code + 1),
                    (Case::Upper, false) if code > first => Some(code - 1),
                    _ => None,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// The blocks this module covers, whole.
    const BLOCKS: &[(u32, u32)] = &[
        (0x00, 0x24F),
        (0x370, 0x3FF),
        (0x400, 0x52F),
        (0x530, 0x58F),
        (0x1E00, 0x1EFF),
    ];

    /// Whether `ours` agrees with the standard library's mapping `theirs` of `c`: the same
    /// character, or, where the standard library gives several (`İ` lowercases to `i` and a
    /// combining dot, `ß` uppercases to `SS`), `c` itself or the first of them.
    fn agrees(ours: char, mut theirs: impl Iterator<Item = char>, c: char) -> bool {
        match (theirs.next(), theirs.next()) {
            (Some(one), None) => ours == one,
            (Some(first), Some(_)) => ours == c || ours == first,
            _ => ours == c,
        }
    }

    #[test]
    fn the_alphabets_agree_with_the_standard_library() {
        let mut left_alone = Vec::new();
        for code in BLOCKS.iter().flat_map(|&(first, last)| first..=last) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            for (ours, theirs) in [
                (lower(c), c.to_lowercase().collect::<Vec<_>>()),
                (upper(c), c.to_uppercase().collect::<Vec<_>>()),
            ] {
                if !agrees(ours, theirs.iter().copied(), c) {
                    // Ours may only leave a character as it is, never map it elsewhere.
                    assert_eq!(ours, c, "U+{code:04X} maps to {ours:?}, not {theirs:?}");
                    left_alone.push(code);
                }
            }
        }
        // Inside the alphabets the module names, nothing is left as written.
        let named = |code: &&u32| {
            matches!(
                **code,
                0x00..=0x17F | 0x386..=0x3CE | 0x400..=0x52F | 0x531..=0x586 | 0x1E00..=0x1EFF
            )
        };
        let inside: Vec<String> = left_alone
            .iter()
            .filter(named)
            .map(|code| format!("U+{code:04X}"))
            .collect();
        assert!(inside.is_empty(), "left as written: {inside:?}");
        // Outside them, some are (Latin Extended-B, archaic Greek): the test sees the blocks.
        assert!(!left_alone.is_empty());
    }

    #[test]
    fn sentences_start_with_a_capital() {
        assert_eq!(capitalize("écran noir"), "Écran noir");
        assert_eq!(capitalize("ňa"), "Ňa");
        assert_eq!(capitalize("привет"), "Привет");
        assert_eq!(capitalize("ελλάδα"), "Ελλάδα");
        assert_eq!(capitalize("ẩm thực"), "Ẩm thực");
        assert_eq!(capitalize("加音乐"), "加音乐");
        assert_eq!(capitalize(""), "");
    }

    #[test]
    fn turkish_dotted_and_dotless_i_map_as_unicode_says() {
        assert_eq!(lower('İ'), 'i');
        assert_eq!(upper('ı'), 'I');
        assert_eq!(lower('I'), 'i');
        assert_eq!(upper('i'), 'I');
    }
}
