//! Quoted text: what a person wants written on screen, cut verbatim from the original message.
//!
//! Rules:
//! - Pairs: `"…"`, `“…”`, `‘…’`, `'…'`, `「…」`, `『…』`, `《…》`, `〈…〉`, `«…»` (full-width
//!   forms fold onto the ASCII ones first).
//! - A `'` opens a quote only where it does not follow a letter or digit, and closes one only
//!   where no letter or digit follows, so "don't" and "Tom's" stay words. `’` closes the same way.
//! - A quote without its closing mark is no quote: its mark is left as an ordinary character.
//! - The text inside is taken from the original message, trimmed; an empty quote is dropped.

use super::fold::Folded;

/// A piece of the message after quote extraction: a folded character, or a whole quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// A character outside quotes.
    Char(Folded),
    /// The quote with this index into the list of quotes, from byte `at` to byte `end`.
    Quote {
        /// Which quote.
        index: usize,
        /// Where its opening mark starts.
        at: usize,
        /// Where its closing mark ends.
        end: usize,
    },
}

/// Replaces every quote in `chars` by one [`Unit::Quote`]; returns the units and the quotes.
pub(crate) fn extract(original: &str, chars: &[Folded]) -> (Vec<Unit>, Vec<String>) {
    let mut units = Vec::with_capacity(chars.len());
    let mut quotes = Vec::new();
    let mut i = 0;
    while let Some(open) = chars.get(i) {
        let closing = closing_of(chars, i).and_then(|j| Some((j, *chars.get(j)?)));
        let Some((close, closing)) = closing else {
            units.push(Unit::Char(*open));
            i += 1;
            continue;
        };
        let text = original.get(open.end()..closing.at).unwrap_or("").trim();
        if !text.is_empty() {
            units.push(Unit::Quote {
                index: quotes.len(),
                at: open.at,
                end: closing.end(),
            });
            quotes.push(text.to_owned());
        }
        i = close + 1;
    }
    (units, quotes)
}

/// The index of the mark that closes a quote opened at `open`, if that character opens one.
fn closing_of(chars: &[Folded], open: usize) -> Option<usize> {
    let mark = chars.get(open)?.c;
    let closer = match mark {
        '"' => '"',
        '“' => '”',
        '‘' => '’',
        '\'' => '\'',
        '「' => '」',
        '『' => '』',
        '《' => '》',
        '〈' => '〉',
        '«' => '»',
        _ => return None,
    };
    let apostrophe_like = matches!(mark, '\'' | '‘');
    if mark == '\'' && open > 0 && chars.get(open - 1).is_some_and(|p| p.c.is_alphanumeric()) {
        return None;
    }
    (open + 1..chars.len()).find(|&j| {
        let is_closer = chars.get(j).is_some_and(|c| c.c == closer);
        let word_follows = chars.get(j + 1).is_some_and(|n| n.c.is_alphanumeric());
        is_closer && !(apostrophe_like && word_follows)
    })
}

#[cfg(test)]
mod tests {
    use super::super::fold::fold;
    use super::*;

    fn quotes_of(text: &str) -> Vec<String> {
        extract(text, &fold(text)).1
    }

    #[test]
    fn every_quote_style_keeps_the_original_text() {
        assert_eq!(quotes_of("add a title 'Summer Trip'"), ["Summer Trip"]);
        assert_eq!(quotes_of("title \"Urban Dreams\""), ["Urban Dreams"]);
        assert_eq!(
            quotes_of("标题“海边 Day”和「夏天」《回忆》"),
            ["海边 Day", "夏天", "回忆"]
        );
        assert_eq!(quotes_of("标题＂ＡＢ＂"), ["ＡＢ"]);
    }

    #[test]
    fn apostrophes_in_words_are_not_quotes() {
        assert_eq!(quotes_of("don't add 'Tom's trip' please"), ["Tom's trip"]);
        assert_eq!(quotes_of("it's John's"), Vec::<String>::new());
        assert_eq!(quotes_of("an 'open quote"), Vec::<String>::new());
    }

    #[test]
    fn a_quote_becomes_one_unit_and_empty_quotes_vanish() {
        let text = "a \"\" b 'x'";
        let (units, quotes) = extract(text, &fold(text));
        assert_eq!(quotes, ["x"]);
        let last = units.last().copied();
        assert_eq!(
            last,
            Some(Unit::Quote {
                index: 0,
                at: 7,
                end: 10
            })
        );
        assert_eq!(units.len(), 6);
    }
}
