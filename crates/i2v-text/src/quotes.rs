//! Quoted text: what a person wants written on screen, cut verbatim from the original text.
//!
//! Rules:
//! - A quote opens with a mark and closes at the first partner of that mark after it: `"…"`,
//!   `“…”`, `„…“`, `'…'`, `‘…’`, `「…」`, `『…』`, `《…》`, `〈…〉`, `«…»`, `»…«` (full-width
//!   forms fold onto the ASCII ones first). Straight and curly marks of one style close each
//!   other (`"…”`, `‘…'`), because phones curl one side and pasted text mixes them; marks of
//!   different styles never do, so one quote can hold another (`「他说“你好”」`). Whatever lies
//!   between the marks is the quote's content, quotes included.
//! - Single marks double as apostrophes ("don't", "Tom's", "the photos' colours"), so a single
//!   quote must hug its content: `'` or `‘` opens only where no letter or digit stands right before
//!   it and no space right after, and `'` or `’` closes only where no letter or digit stands right
//!   after it and no space right before. Chinese characters are neither letters nor digits here:
//!   Chinese has no apostrophes, so `标题'夏天'吧` holds a quote.
//! - A mark without its partner is no quote: it is left as an ordinary character.
//! - The text inside is taken from the original, trimmed; an empty quote says nothing and goes,
//!   marks and all.

use crate::fold::Folded;
use crate::han::is_han;

/// A piece of a text after quote extraction: a folded character, or a whole quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
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

/// Replaces every quote in `chars` (the folded `original`) by one [`Unit::Quote`]; returns the
/// units and the quotes' texts.
pub fn extract(original: &str, chars: &[Folded]) -> (Vec<Unit>, Vec<String>) {
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

/// The marks that close a quote opened by `mark`; none when `mark` opens no quote.
fn closers(mark: char) -> &'static [char] {
    match mark {
        '"' | '“' => &['"', '”'],
        '„' => &['“', '”'],
        '\'' | '‘' => &['\'', '’'],
        '「' => &['」'],
        '『' => &['』'],
        '《' => &['》'],
        '〈' => &['〉'],
        '«' => &['»'],
        '»' => &['«'],
        _ => &[],
    }
}

/// The index of the mark that closes a quote opened at `open`, if that character opens one.
fn closing_of(chars: &[Folded], open: usize) -> Option<usize> {
    let mark = chars.get(open)?.c;
    let closers = closers(mark);
    let single = matches!(mark, '\'' | '‘');
    let before = open.checked_sub(1).and_then(|b| chars.get(b));
    if closers.is_empty() || (single && (is_word(before) || is_space(chars.get(open + 1)))) {
        return None;
    }
    (open + 1..chars.len()).find(|&j| {
        let closes = chars.get(j).is_some_and(|c| closers.contains(&c.c));
        let hugs = !is_word(chars.get(j + 1)) && !is_space(chars.get(j - 1));
        closes && (!single || hugs)
    })
}

/// Whether `c` is a letter or digit of a script that writes apostrophes (not Chinese).
fn is_word(c: Option<&Folded>) -> bool {
    c.is_some_and(|c| c.c.is_alphanumeric() && !is_han(c.c))
}

/// Whether `c` is a space, or the edge of the text.
fn is_space(c: Option<&Folded>) -> bool {
    c.is_none_or(|c| c.c.is_whitespace())
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::fold::fold;

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
        assert_eq!(
            quotes_of("„Sommer“ »Reise« «Été»"),
            ["Sommer", "Reise", "Été"]
        );
    }

    #[test]
    fn straight_and_curly_marks_of_one_style_close_each_other() {
        assert_eq!(quotes_of("say \"Hello” and ‘World'"), ["Hello", "World"]);
    }

    #[test]
    fn quotes_inside_quotes_are_content_whichever_kind_is_outside() {
        assert_eq!(
            quotes_of("say 'a \"b\" c' and \"d 'e' f\" then 'g'"),
            ["a \"b\" c", "d 'e' f", "g"]
        );
        assert_eq!(quotes_of("标题「他说“你好”」"), ["他说“你好”"]);
    }

    #[test]
    fn apostrophes_in_words_are_not_quotes() {
        assert_eq!(quotes_of("don't add 'Tom's trip' please"), ["Tom's trip"]);
        assert_eq!(quotes_of("‘don’t’"), ["don’t"]);
        assert_eq!(quotes_of("it's John's"), Vec::<String>::new());
        assert_eq!(quotes_of("the photos' colours, don't 'export'"), ["export"]);
        assert_eq!(quotes_of("an 'open quote"), Vec::<String>::new());
        assert_eq!(quotes_of("an \"unpaired quote"), Vec::<String>::new());
    }

    #[test]
    fn single_quotes_hug_their_content() {
        assert_eq!(quotes_of("rock ' n ' roll"), Vec::<String>::new());
        assert_eq!(quotes_of("'¡Hola!' she said"), ["¡Hola!"]);
        assert_eq!(quotes_of("加标题'夏天'吧"), ["夏天"]);
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
