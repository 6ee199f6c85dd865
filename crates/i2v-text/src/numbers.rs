//! Numbers and lengths of time, written in digits, English or Spanish words, or Chinese (and
//! Japanese) numerals.
//!
//! Numbers: `30`, `2.5`, `thirty`, `twenty-five`, `one hundred and twenty`, `veinte`,
//! `treinta y cinco`, `veinticinco`, `三十`, `二十五`, `两`, `一百零五`.
//!
//! Lengths of time (in ms): a number then a unit, seconds (`s`, `sec`, `second`, `秒`, `秒钟`) or
//! minutes (`min`, `minute`, `分钟`, `分`); "and a half" after the number or the unit adds half a
//! unit, `半` after minutes adds 30 s, and seconds may follow minutes (`1 min 30 s`, `1分30秒`).
//! Without a number: `half a minute`, `a minute`, `半分钟`.

use crate::phrase::{longest_at, match_at};
use crate::tokens::{Tok, Token};

/// English number words below twenty, by value.
const SMALL: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// English tens words, from twenty: `TENS[i]` is `(i + 2) * 10`.
pub const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Spanish number words below thirty, by value (accents are matched either way).
const SPANISH_SMALL: [&str; 30] = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciseis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidos",
    "veintitres",
    "veinticuatro",
    "veinticinco",
    "veintiseis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
];

/// Spanish tens words, from thirty: `SPANISH_TENS[i]` is `(i + 3) * 10`.
const SPANISH_TENS: [&str; 7] = [
    "treinta",
    "cuarenta",
    "cincuenta",
    "sesenta",
    "setenta",
    "ochenta",
    "noventa",
];

const SECOND_UNITS: &[&str] = &[
    "s", "sec", "secs", "second", "seconds", "segundo", "segundos", "seg", "秒钟", "秒", "秒間",
];
const MINUTE_UNITS: &[&str] = &[
    "min", "mins", "minute", "minutes", "minuto", "minutos", "分钟", "分", "分間",
];
const AND_A_HALF: &[&str] = &["and a half", "and half", "y medio", "y media"];

/// The value of an English number word below a hundred that starts at `at`, and its end.
fn english_at(tokens: &[Token], at: usize) -> Option<(f64, usize)> {
    let word = tokens.get(at)?.word()?;
    if let Some(value) = SMALL.iter().position(|w| *w == word) {
        return Some((value as f64, at + 1));
    }
    let tens = TENS.iter().position(|w| *w == word)?;
    let tens = (tens as f64 + 2.0) * 10.0;
    // "twenty five" / "twenty-five" (the hyphen only separates).
    let unit = tokens.get(at + 1).and_then(Token::word);
    match unit.and_then(|w| SMALL.get(1..10)?.iter().position(|s| *s == w)) {
        Some(unit) => Some((tens + unit as f64 + 1.0, at + 2)),
        None => Some((tens, at + 1)),
    }
}

/// A Spanish number word below a hundred that starts at `at` ("veinte", "treinta y cinco";
/// "un"/"una" count as one), and its end.
fn spanish_at(tokens: &[Token], at: usize) -> Option<(f64, usize)> {
    let word: String = tokens
        .get(at)?
        .word()?
        .chars()
        .map(|c| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' => 'u',
            _ => c,
        })
        .collect();
    if word == "un" || word == "una" {
        return Some((1.0, at + 1));
    }
    if let Some(value) = SPANISH_SMALL.iter().position(|w| *w == word) {
        return Some((value as f64, at + 1));
    }
    let tens = SPANISH_TENS.iter().position(|w| *w == word)?;
    let tens = (tens as f64 + 3.0) * 10.0;
    let unit = match_at(tokens, at + 1, "y")
        .and_then(|i| Some((i, tokens.get(i)?.word()?)))
        .and_then(|(i, w)| Some((SPANISH_SMALL.get(1..10)?.iter().position(|s| *s == w)?, i)));
    match unit {
        Some((unit, i)) => Some((tens + unit as f64 + 1.0, i + 1)),
        None => Some((tens, at + 1)),
    }
}

/// An English number with hundreds ("one hundred and twenty"), and its end.
fn english_number_at(tokens: &[Token], at: usize) -> Option<(f64, usize)> {
    let (first, end) = english_at(tokens, at)?;
    let Some(after_hundred) = match_at(tokens, end, "hundred") else {
        return Some((first, end));
    };
    let rest_at = match_at(tokens, after_hundred, "and").unwrap_or(after_hundred);
    match english_at(tokens, rest_at) {
        Some((rest, rest_end)) => Some((first * 100.0 + rest, rest_end)),
        None => Some((first * 100.0, after_hundred)),
    }
}

/// The value of a Chinese numeral digit.
fn han_digit(c: char) -> Option<f64> {
    let value = match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    };
    Some(f64::from(value))
}

/// A Chinese numeral (`三十`, `十五`, `一百零五`) starting at `at`, and its end.
///
/// Rule: digits multiply the place word after them (十 百 千); 十 with no digit before it
/// counts as 10 (`十五` = 15), 百 and 千 with none are no numeral; a last digit adds itself.
fn chinese_at(tokens: &[Token], at: usize) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut digit: Option<f64> = None;
    let mut i = at;
    while let Some(Tok::Han(c)) = tokens.get(i).map(|t| &t.tok) {
        let place = match c {
            '十' => 10.0,
            // 百 and 千 need a digit before them: 百分之二十 is a percentage, not 100 minutes.
            '百' if digit.is_some() => 100.0,
            '千' if digit.is_some() => 1000.0,
            _ => match han_digit(*c) {
                Some(d) => {
                    digit = Some(d);
                    i += 1;
                    continue;
                }
                None => break,
            },
        };
        total += digit.take().unwrap_or(1.0) * place;
        i += 1;
    }
    (i > at).then(|| (total + digit.unwrap_or(0.0), i))
}

/// The most tokens a number is read from: `九千九百九十九` is seven, "one hundred and twenty
/// five" six. Reading stops there, so that a long run of numeral characters costs each place a
/// bounded look rather than the whole run (issue 21); callers may rely on it to look only near
/// a place.
pub const NUMBER_REACH: usize = 16;

/// The most tokens a length of time is read from (see [`NUMBER_REACH`]): two numbers ("1 min 30
/// s") and the words around them ("and a half", units, a decimal comma) fit well within it.
pub const DURATION_REACH: usize = 2 * NUMBER_REACH + 16;

/// `tokens` up to `reach` tokens from `at`: what a reader starting at `at` may look at.
fn within(tokens: &[Token], at: usize, reach: usize) -> &[Token] {
    tokens.get(..at.saturating_add(reach)).unwrap_or(tokens)
}

/// A number in any of the three writings, starting at `at`, and its end; read from at most
/// [`NUMBER_REACH`] tokens.
pub fn number_at(tokens: &[Token], at: usize) -> Option<(f64, usize)> {
    crate::work::step();
    let tokens = within(tokens, at, NUMBER_REACH);
    match tokens.get(at).map(|t| &t.tok)? {
        Tok::Num(n) => Some((*n, at + 1)),
        Tok::Word(_) => english_number_at(tokens, at).or_else(|| spanish_at(tokens, at)),
        Tok::Han(_) => chinese_at(tokens, at),
        Tok::Quote(_) | Tok::Sym(_) => None,
    }
}

/// A length of time starting at `at`, in ms, and its end; read from at most
/// [`DURATION_REACH`] tokens.
pub fn duration_at(tokens: &[Token], at: usize) -> Option<(u64, usize)> {
    let tokens = within(tokens, at, DURATION_REACH);
    if let Some(found) = unitless_duration_at(tokens, at) {
        return Some(found);
    }
    let (mut value, mut i) = number_at(tokens, at)?;
    if let Some((fraction, end)) = decimal_comma(tokens, i) {
        value += fraction;
        i = end;
    }
    if let Some(end) = longest_at(tokens, i, AND_A_HALF) {
        value += 0.5;
        i = end;
    }
    if let Some(end) = longest_at(tokens, i, SECOND_UNITS) {
        let end = longest_at(tokens, end, AND_A_HALF).map_or(end, |e| {
            value += 0.5;
            e
        });
        return Some((to_ms(value), end));
    }
    let end = longest_at(tokens, i, MINUTE_UNITS)?;
    let mut ms = to_ms(value * 60.0);
    let mut end = end;
    if let Some(after) = longest_at(tokens, end, AND_A_HALF).or_else(|| match_at(tokens, end, "半"))
    {
        ms = ms.saturating_add(30_000);
        end = after;
    } else if let Some((seconds, after)) = seconds_after(tokens, end) {
        ms = ms.saturating_add(seconds);
        end = after;
    }
    Some((ms, end))
}

/// "1 min 30 s", "1分30秒": the seconds part after the minutes.
fn seconds_after(tokens: &[Token], at: usize) -> Option<(u64, usize)> {
    let at = longest_at(tokens, at, &["and", "y"]).unwrap_or(at);
    let (value, i) = number_at(tokens, at)?;
    let end = longest_at(tokens, i, SECOND_UNITS)?;
    Some((to_ms(value), end))
}

/// A decimal comma before a unit, as Spanish writes it ("2,5 segundos"): the value of the
/// fraction and its end. Only before a unit: "photos 2,3" is a list.
fn decimal_comma(tokens: &[Token], at: usize) -> Option<(f64, usize)> {
    tokens.get(at).filter(|t| t.is_sym(','))?;
    let digits = tokens.get(at + 1)?;
    let fraction = digits.number().filter(|n| n.fract() == 0.0)?;
    let places = i32::try_from(digits.end.checked_sub(digits.start)?).ok()?;
    longest_at(tokens, at + 2, SECOND_UNITS)
        .or_else(|| longest_at(tokens, at + 2, MINUTE_UNITS))?;
    Some((fraction / 10f64.powi(places), at + 2))
}

/// "half a minute", "a minute (and a half)", "半分钟".
fn unitless_duration_at(tokens: &[Token], at: usize) -> Option<(u64, usize)> {
    let halves = [
        "half a minute",
        "half minute",
        "a half minute",
        "半分钟",
        "半分",
    ];
    if let Some(end) = longest_at(tokens, at, &halves) {
        return Some((30_000, end));
    }
    let end = match_at(tokens, at, "a minute")?;
    match longest_at(tokens, end, AND_A_HALF) {
        Some(after) => Some((90_000, after)),
        None => Some((60_000, end)),
    }
}

/// Seconds as whole ms; negative and non-numbers count as 0, huge ones saturate.
fn to_ms(seconds: f64) -> u64 {
    let ms = (seconds * 1000.0).round();
    // `as` saturates and maps NaN to 0.
    if ms > 0.0 { ms as u64 } else { 0 }
}

/// Every length of time in the tokens, left to right: (ms, start, end).
pub fn durations(tokens: &[Token]) -> Vec<(u64, usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match duration_at(tokens, i) {
            Some((ms, end)) => {
                found.push((ms, i, end));
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::read;

    fn ms(text: &str) -> Vec<u64> {
        durations(&read(text).tokens)
            .into_iter()
            .map(|(ms, _, _)| ms)
            .collect()
    }

    fn num(text: &str) -> Option<f64> {
        number_at(&read(text).tokens, 0).map(|(n, _)| n)
    }

    #[test]
    fn numbers_in_three_writings() {
        assert_eq!(num("30"), Some(30.0));
        assert_eq!(num("twenty-five"), Some(25.0));
        assert_eq!(num("one hundred and twenty"), Some(120.0));
        assert_eq!(num("three hundred"), Some(300.0));
        assert_eq!(num("三十"), Some(30.0));
        assert_eq!(num("十五"), Some(15.0));
        assert_eq!(num("二十五"), Some(25.0));
        assert_eq!(num("一百零五"), Some(105.0));
        assert_eq!(num("两"), Some(2.0));
        assert_eq!(num("好"), None);
        assert_eq!(num("百分之二十"), None);
        assert_eq!(num("hello"), None);
    }

    #[test]
    fn english_lengths_of_time() {
        assert_eq!(ms("make it 30 seconds"), [30_000]);
        assert_eq!(ms("a 30-second video"), [30_000]);
        assert_eq!(ms("thirty seconds"), [30_000]);
        assert_eq!(ms("2.5s and 4 sec"), [2_500, 4_000]);
        assert_eq!(ms("half a minute"), [30_000]);
        assert_eq!(ms("a minute and a half"), [90_000]);
        assert_eq!(ms("one and a half minutes"), [90_000]);
        assert_eq!(ms("1 min 30 s"), [90_000]);
        assert_eq!(ms("2 minutes"), [120_000]);
        assert_eq!(ms("the second photo"), Vec::<u64>::new());
    }

    #[test]
    fn spanish_and_japanese_lengths_of_time() {
        assert_eq!(num("veinte"), Some(20.0));
        assert_eq!(num("treinta y cinco"), Some(35.0));
        assert_eq!(num("dieciséis"), Some(16.0));
        assert_eq!(ms("un vídeo de veinte segundos"), [20_000]);
        assert_eq!(ms("cada foto 3 segundos"), [3_000]);
        assert_eq!(ms("un minuto"), [60_000]);
        assert_eq!(ms("1 minuto y 30 segundos"), [90_000]);
        assert_eq!(ms("un minuto y medio"), [90_000]);
        assert_eq!(ms("cada imagen 2,5 segundos"), [2_500]);
        assert_eq!(ms("fotos 2,3"), Vec::<u64>::new());
        assert_eq!(ms("20秒の動画"), [20_000]);
        assert_eq!(ms("二十秒"), [20_000]);
        assert_eq!(ms("3秒ずつ"), [3_000]);
        assert_eq!(ms("1分間"), [60_000]);
    }

    #[test]
    fn chinese_lengths_of_time() {
        assert_eq!(ms("三十秒"), [30_000]);
        assert_eq!(ms("做成30秒的视频"), [30_000]);
        assert_eq!(ms("半分钟"), [30_000]);
        assert_eq!(ms("一分钟"), [60_000]);
        assert_eq!(ms("一分半"), [90_000]);
        assert_eq!(ms("1分30秒"), [90_000]);
        assert_eq!(ms("两分钟"), [120_000]);
        assert_eq!(ms("每张5秒钟"), [5_000]);
        assert_eq!(ms("第二张"), Vec::<u64>::new());
    }
}
