//! Matching the phrases of the studio's word lists (and of [`crate::numbers`]) against tokens.
//!
//! A phrase is written the way a person would type it, pieces separated by spaces:
//! - an English piece matches one word (`"get rid of"` is three); a trailing `*` matches any word
//!   that starts with it (`"transition*"`); apostrophes are ignored on both sides (`"don't"`
//!   matches "don't" and "dont");
//! - a Chinese or Japanese piece matches one token per character (`"背景音乐"` is four,
//!   `"作って"` three), its characters folded as a message's are (`"動画"` matches `动画`);
//! - accents do not count on either side: `"musica"` matches "música" and `"vídeo"` "video";
//! - a piece of digits matches that number, `<num>` matches any number, and a single other
//!   ASCII character matches that symbol (`"9 : 16"`, `"#"`);
//! - typos are forgiven in long words only: where the piece and the word both have six letters
//!   or more and start with the same letter, they may differ by one edit (a letter missing,
//!   added, changed, or two swapped: "remvoe", "secnods"), by two from nine letters on. Shorter
//!   words must be exact, since they are too near each other ("there" and "three", "fade" and
//!   "face", "lower" and "slower").

use crate::fold::fold_char;
use crate::tokens::{Tok, Token, is_cjk};

/// Where `phrase` matches the tokens starting at `at`: the index just past the match.
pub fn match_at(tokens: &[Token], at: usize, phrase: &str) -> Option<usize> {
    crate::work::step();
    if !could_start(tokens.get(at)?, phrase) {
        return None;
    }
    let mut i = at;
    let mut matched_any = false;
    for piece in phrase.split(' ').filter(|piece| !piece.is_empty()) {
        i = match_piece(tokens, i, piece)?;
        matched_any = true;
    }
    matched_any.then_some(i)
}

/// The longest of `phrases` that matches at `at`: the index just past it.
pub fn longest_at(tokens: &[Token], at: usize, phrases: &[&str]) -> Option<usize> {
    phrases
        .iter()
        .filter_map(|phrase| match_at(tokens, at, phrase))
        .max()
}

/// The most tokens any of `phrases` can match: one a piece, one a character for a Chinese or
/// Japanese piece. A reader that looks only near a place (issue 21) sizes its window with it.
pub fn reach(phrases: &[&str]) -> usize {
    let piece_tokens = |piece: &str| {
        if piece.chars().any(is_cjk) {
            piece.chars().count()
        } else {
            1
        }
    };
    phrases
        .iter()
        .map(|phrase| {
            phrase
                .split(' ')
                .filter(|piece| !piece.is_empty())
                .map(piece_tokens)
                .sum()
        })
        .max()
        .unwrap_or(0)
}

/// Every match of `phrases`, left to right, none overlapping: the longest at each start wins.
pub fn find_all(tokens: &[Token], phrases: &[&str]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match longest_at(tokens, i, phrases) {
            Some(end) => {
                found.push((i, end));
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    found
}

/// The first match of `phrases`, if any.
pub fn find(tokens: &[Token], phrases: &[&str]) -> Option<(usize, usize)> {
    (0..tokens.len()).find_map(|i| longest_at(tokens, i, phrases).map(|end| (i, end)))
}

/// Whether `phrase` could match starting with `token`, by its first character alone: a quick
/// test that turns most phrases of a list away before they are read piece by piece, since every
/// list is tried at every token (issue 21). It never turns away a phrase that matches.
fn could_start(token: &Token, phrase: &str) -> bool {
    let Some(first) = phrase.chars().find(|&c| c != ' ') else {
        return false;
    };
    match &token.tok {
        // A word matches only a piece of letters with the same first letter, as compared:
        // apostrophes dropped, accents too (a typo is forgiven only after the first letter).
        Tok::Word(word) => {
            let letter = phrase
                .chars()
                .find(|&c| c != ' ' && c != '\'')
                .map(unaccented);
            match (letter, word.chars().next().map(unaccented)) {
                // A bare `*` starts any word.
                (Some('*' | ' ') | None, _) => true,
                (Some(letter), Some(first_letter)) => letter == first_letter,
                (Some(_), None) => true,
            }
        }
        // A number matches `<num>` or digits.
        Tok::Num(_) => first == '<' || first.is_ascii_digit(),
        // A character matches a Chinese or Japanese piece, character by character.
        // (Folding leaves ASCII ASCII, which no such character is: most pieces stop there.)
        Tok::Han(c) => first == *c || (!first.is_ascii() && folds_to(first, *c)),
        Tok::Sym(c) => first == *c,
        // A quote matches no piece.
        Tok::Quote(_) => false,
    }
}

/// Whether the character `c` of a piece folds to `x`, as a message's characters are folded
/// ([`fold_char`]): a Chinese character or kana only to its simplified form, so the costly
/// folding of the rest (case above all) is left to the other characters.
fn folds_to(c: char, x: char) -> bool {
    if c == x {
        true
    } else if is_cjk(c) {
        crate::han::simplified(c) == Some(x)
    } else {
        fold_char(c) == x
    }
}

fn match_piece(tokens: &[Token], at: usize, piece: &str) -> Option<usize> {
    if piece.chars().any(is_cjk) {
        let mut i = at;
        for c in piece.chars() {
            tokens
                .get(i)
                .filter(|t| matches!(t.tok, Tok::Han(x) if folds_to(c, x)))?;
            i += 1;
        }
        return Some(i);
    }
    let token = tokens.get(at)?;
    let matches = if piece == "<num>" {
        token.number().is_some()
    } else if piece.chars().all(|c| c.is_ascii_digit()) {
        token.number() == piece.parse::<f64>().ok()
    } else if piece.chars().count() == 1 && !piece.chars().all(char::is_alphabetic) {
        piece.chars().next().is_some_and(|c| token.is_sym(c))
    } else {
        match &token.tok {
            Tok::Word(word) => word_matches(word, piece),
            _ => false,
        }
    };
    matches.then_some(at + 1)
}

/// Whether `word` is `piece` (or starts with it, for a piece ending in `*`), apostrophes aside on
/// both sides: people leave them out ("dont") where the lists write them in ("don't"); long
/// words may carry a typo (see the module doc).
fn word_matches(word: &str, piece: &str) -> bool {
    let (stem, prefix) = match piece.strip_suffix('*') {
        Some(stem) => (stem, true),
        None => (piece, false),
    };
    // Compared as they are read, without copying: this runs for every phrase at every token.
    let exact = if prefix {
        let mut letters = plain(word);
        plain(stem).all(|c| letters.next() == Some(c))
    } else {
        plain(word).eq(plain(stem))
    };
    if exact {
        return true;
    }
    // Only long words that start alike may carry a typo (see `near`): most pairs stop here.
    let long = |text: &str| plain(text).nth(5).is_some();
    if !long(word) || !long(stem) || plain(word).next() != plain(stem).next() {
        return false;
    }
    let (word, stem): (Vec<char>, Vec<char>) = (plain(word).collect(), plain(stem).collect());
    near(&word, &stem, prefix)
}

/// The letters of `text` as a match compares them: apostrophes left out, accents dropped.
fn plain(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|&c| c != '\'').map(unaccented)
}

/// `c` without its accent, for the Spanish vowels (ñ stays: "año" is no "ano").
fn unaccented(c: char) -> char {
    match c {
        'á' | 'à' => 'a',
        'é' | 'è' => 'e',
        'í' | 'ì' => 'i',
        'ó' | 'ò' => 'o',
        'ú' | 'ü' | 'ù' => 'u',
        _ => c,
    }
}

/// Whether `word` is `stem` with a typo the rule forgives; for a prefix, any start of the word
/// one letter shorter or longer than the stem counts.
fn near(word: &[char], stem: &[char], prefix: bool) -> bool {
    let allowed = match stem.len() {
        0..=5 => return false,
        6..=8 => 1,
        _ => 2,
    };
    let letters = word.iter().all(|c| c.is_alphabetic());
    if !letters || word.len() < 6 || word.first() != stem.first() {
        return false;
    }
    if prefix {
        let lengths = stem.len().saturating_sub(1)..=stem.len() + 1;
        lengths
            .filter_map(|n| word.get(..n))
            .any(|start| edits(start, stem) <= allowed)
    } else {
        // A word that only adds letters to the piece is another form of it ("transitions"),
        // which the lists spell out where they mean it.
        !word.starts_with(stem)
            && word.len().abs_diff(stem.len()) <= allowed
            && edits(word, stem) <= allowed
    }
}

/// The edits from `a` to `b`: letters inserted, deleted, changed, or two neighbours swapped.
fn edits(a: &[char], b: &[char]) -> usize {
    // Three rows of the optimal-string-alignment table are enough.
    let mut before: Vec<usize> = Vec::new();
    let mut last: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            row[j] = best;
        }
        before = std::mem::replace(&mut last, row);
    }
    last[b.len()]
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::read;

    #[test]
    fn english_chinese_numbers_and_symbols_match() {
        let message = read("Don't get rid of the transitions, 去掉背景音乐 9:16");
        let t = &message.tokens;
        assert_eq!(match_at(t, 0, "don't get rid of"), Some(4));
        assert_eq!(match_at(t, 5, "transition*"), Some(6));
        assert_eq!(match_at(t, 5, "transition"), None);
        assert_eq!(find(t, &["背景音乐", "音乐"]), Some((9, 13)));
        assert_eq!(find(t, &["9 : 16"]), Some((13, 16)));
        assert_eq!(find(t, &["<num> : <num>"]), Some((13, 16)));
        assert_eq!(match_at(t, 0, ""), None);
        assert_eq!(match_at(&read("dont").tokens, 0, "don't"), Some(1));
        assert_eq!(
            match_at(&read("don’t stop").tokens, 0, "dont stop"),
            Some(2)
        );
        assert_eq!(match_at(&read("don't").tokens, 0, "do*"), Some(1));
    }

    #[test]
    fn long_words_forgive_a_typo_and_short_ones_do_not() {
        let one = |text: &str, phrase: &str| match_at(&read(text).tokens, 0, phrase).is_some();
        assert!(one("remvoe", "remove"));
        assert!(one("trasnitions", "transition*"));
        assert!(one("transitons", "transition*"));
        assert!(one("backgroud", "background"));
        assert!(one("vertcal", "vertical"));
        assert!(one("cinemtaic", "cinematic"));
        assert!(!one("there", "three"));
        assert!(!one("face", "fade"));
        assert!(!one("remote", "rem"));
        assert!(!one("removal", "remove"), "two edits in a six-letter word");
        assert!(
            !one("lower", "slower"),
            "a short word, and not the same first letter"
        );
        assert!(one("secnods", "seconds"));
        assert!(!one("secnd", "second"), "five letters: too short to guess");
        assert!(
            !one("transitions", "transition"),
            "another form of the word, not a typo"
        );
        assert_eq!(edits(&['a', 'b'], &['b', 'a']), 1);
        assert_eq!(edits(&[], &['a', 'b']), 2);
    }

    #[test]
    fn accents_and_japanese_particles_are_matched_as_typed() {
        let message = read("crea un vídeo con música");
        assert_eq!(find(&message.tokens, &["video"]), Some((2, 3)));
        assert_eq!(find(&message.tokens, &["musica"]), Some((4, 5)));
        let message = read("20秒の動画を作って");
        assert_eq!(find(&message.tokens, &["動画"]), Some((3, 5)));
        assert_eq!(find(&message.tokens, &["作って"]), Some((6, 9)));
    }

    #[test]
    fn matches_do_not_overlap_and_the_longest_wins() {
        let message = read("音乐 背景音乐 music");
        let found = find_all(&message.tokens, &["音乐", "背景音乐", "music"]);
        assert_eq!(found, [(0, 2), (2, 6), (6, 7)]);
        assert_eq!(find(&message.tokens, &["music"]), Some((6, 7)));
        assert_eq!(find(&message.tokens, &["song"]), None);
    }

    #[test]
    fn the_quick_test_turns_away_no_phrase_that_matches() {
        let texts = [
            "Don't get rid of the transitions, 去掉背景音乐 9:16 'Hi' # 3rd",
            "crea un vídeo con música, remvoe trasnitions 20秒の動画を作って",
            "'til dont ,& 2.5s 第3张 最后一张",
        ];
        let phrases = [
            "don't get rid of",
            "dont",
            "til",
            "'til",
            "transition*",
            "transitions",
            "remove",
            "背景音乐",
            "動画",
            "作って",
            "9 : 16",
            "<num> : <num>",
            "<num>",
            "3",
            "#",
            ",",
            "&",
            "video",
            "musica",
            "vídeo",
            "*",
            "rd",
            "第",
            "最后一张",
            "s",
            "hi",
            " get rid",
        ];
        for text in texts {
            let tokens = read(text).tokens;
            for (at, token) in tokens.iter().enumerate() {
                for phrase in phrases {
                    if !could_start(token, phrase) {
                        // Read piece by piece, it does not match either.
                        let mut i = Some(at);
                        for piece in phrase.split(' ').filter(|piece| !piece.is_empty()) {
                            i = i.and_then(|i| match_piece(&tokens, i, piece));
                        }
                        assert_eq!(i, None, "{phrase:?} at {at} of {text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn folding_a_chinese_character_or_kana_only_simplifies_it() {
        let ranges = [
            0x3007..=0x3007,
            0x3041..=0x30FF,
            0x3400..=0x4DBF,
            0x4E00..=0x9FFF,
        ];
        let more = [0xF900..=0xFAFF, 0x20000..=0x2FA1F];
        for c in ranges
            .into_iter()
            .chain(more)
            .flatten()
            .filter_map(char::from_u32)
        {
            assert!(is_cjk(c));
            let folded = crate::han::simplified(c).unwrap_or(c);
            assert_eq!(fold_char(c), folded, "{c}");
            assert!(folds_to(c, folded));
        }
    }

    #[test]
    fn the_reach_of_a_list_is_its_longest_phrase_in_tokens() {
        assert_eq!(reach(&["get rid of", "背景音乐", "9 : 16", "x"]), 4);
        assert_eq!(reach(&["作って", "a"]), 3);
        assert_eq!(reach(&[]), 0);
        let message = read("get rid of 背景音乐");
        for phrase in ["get rid of", "背景音乐"] {
            let at = usize::from(phrase == "背景音乐") * 3;
            assert_eq!(
                match_at(&message.tokens, at, phrase),
                Some(at + reach(&[phrase]))
            );
        }
    }
}
