//! JSON text to a `serde_json::Value`, by the rules of RFC 8259 as serde_json applies them.
//!
//! The same values come out as from `serde_json::from_str` (a proptest checks it): integers that
//! fit stay integers (`u64`, or `i64` when negative), other numbers are floats, a repeated key
//! keeps its last value, nesting deeper than 128 levels is refused rather than exhausting the
//! stack, and strings must be valid (no raw control characters, no lone surrogate escapes).
//! Floats are read exactly outside wasm; the browser build reads them with less code, exactly
//! up to 15 significant digits and powers of ten to ±22, else to within a few units in the last
//! place (see `decimal_to_f64`).

use std::fmt;

use serde_json::{Map, Number, Value};

/// How deep arrays and objects may nest, as in serde_json.
const MAX_DEPTH: u32 = 128;

/// Why a text is not JSON, and where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// What was wrong, in words ("expected `,` or `]`").
    pub reason: &'static str,
    /// The 1-based line where reading stopped.
    pub line: usize,
    /// The 1-based column (in bytes) where reading stopped.
    pub column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.reason, self.line, self.column
        )
    }
}

impl std::error::Error for JsonError {}

/// Reads one JSON value: `text` holds it, with white space around it and nothing else.
pub fn from_str(text: &str) -> Result<Value, JsonError> {
    let mut reader = Reader {
        text,
        at: 0,
        depth: 0,
    };
    let value = reader.value()?;
    reader.skip_space();
    if reader.at < text.len() {
        return Err(reader.error("trailing characters"));
    }
    Ok(value)
}

/// A position in the text being read.
struct Reader<'a> {
    text: &'a str,
    at: usize,
    depth: u32,
}

impl Reader<'_> {
    fn value(&mut self) -> Result<Value, JsonError> {
        self.skip_space();
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'n') => self.word("null", Value::Null),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'"') => {
                self.at += 1;
                self.string().map(Value::String)
            }
            Some(b'[') => self.nested(Reader::array),
            Some(b'{') => self.nested(Reader::object),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected value")),
        }
    }

    /// Reads an array or object (`read`), one level deeper.
    fn nested(
        &mut self,
        read: fn(&mut Self) -> Result<Value, JsonError>,
    ) -> Result<Value, JsonError> {
        if self.depth == MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.depth += 1;
        self.at += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn array(&mut self) -> Result<Value, JsonError> {
        let mut items = Vec::new();
        self.skip_space();
        if self.eat(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            if self.after_item(b']', "EOF while parsing a list", "expected `,` or `]`")? {
                return Ok(Value::Array(items));
            }
        }
    }

    fn object(&mut self) -> Result<Value, JsonError> {
        let mut fields = Map::new();
        self.skip_space();
        if self.eat(b'}') {
            return Ok(Value::Object(fields));
        }
        const AT_END: &str = "EOF while parsing an object";
        loop {
            self.expect(b'"', AT_END, "key must be a string")?;
            let key = self.string()?;
            self.expect(b':', AT_END, "expected `:`")?;
            let value = self.value()?;
            fields.insert(key, value);
            if self.after_item(b'}', AT_END, "expected `,` or `}`")? {
                return Ok(Value::Object(fields));
            }
        }
    }

    /// Reads `byte` after any white space; `at_end` or `otherwise` says what came instead.
    fn expect(
        &mut self,
        byte: u8,
        at_end: &'static str,
        otherwise: &'static str,
    ) -> Result<(), JsonError> {
        self.skip_space();
        match self.next() {
            Some(found) if found == byte => Ok(()),
            None => Err(self.error(at_end)),
            Some(_) => Err(self.error(otherwise)),
        }
    }

    /// Reads what follows an item of a list or object: `,` (false) or `close` (true).
    fn after_item(
        &mut self,
        close: u8,
        at_end: &'static str,
        otherwise: &'static str,
    ) -> Result<bool, JsonError> {
        self.skip_space();
        match self.next() {
            Some(b',') => Ok(false),
            Some(found) if found == close => Ok(true),
            None => Err(self.error(at_end)),
            Some(_) => Err(self.error(otherwise)),
        }
    }

    /// The rest of a string whose opening quote has been read.
    fn string(&mut self) -> Result<String, JsonError> {
        let mut out = String::new();
        loop {
            let start = self.at;
            while self
                .peek()
                .is_some_and(|b| b != b'"' && b != b'\\' && b >= 0x20)
            {
                self.at += 1;
            }
            // The stops are ASCII, so the run between them is whole characters.
            out.push_str(self.text.get(start..self.at).unwrap_or_default());
            match self.next() {
                Some(b'"') => return Ok(out),
                Some(b'\\') => self.escape(&mut out)?,
                None => return Err(self.error("EOF while parsing a string")),
                Some(_) => {
                    return Err(self.error(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
            }
        }
    }

    /// One escape after its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let c = match self.next() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => self.unicode_escape()?,
            None => return Err(self.error("EOF while parsing a string")),
            Some(_) => return Err(self.error("invalid escape")),
        };
        out.push(c);
        Ok(())
    }

    /// The character of a `\uXXXX` escape (two of them for a surrogate pair).
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !(self.eat(b'\\') && self.eat(b'u')) {
                    return Err(self.error("unexpected end of hex escape"));
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone leading surrogate in hex escape")),
            _ => first,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = match self.next() {
                Some(b) => char::from(b).to_digit(16),
                None => return Err(self.error("EOF while parsing a string")),
            };
            code = code * 16 + digit.ok_or_else(|| self.error("invalid escape"))?;
        }
        Ok(code)
    }

    /// A number: an integer when it has no fraction or exponent and fits, else a float.
    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.at;
        let negative = self.eat(b'-');
        let int_start = self.at;
        match self.next() {
            Some(b'0') => {}
            Some(b'1'..=b'9') => self.skip_digits(),
            _ => return Err(self.error("invalid number")),
        }
        let int_end = self.at;
        let mut integer = true;
        if self.eat(b'.') {
            integer = false;
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.error("invalid number"));
            }
            self.skip_digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            integer = false;
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.error("invalid number"));
            }
            self.skip_digits();
        }
        let digits = self.text.get(int_start..int_end).unwrap_or_default();
        if integer {
            if let Ok(n) = digits.parse::<u64>() {
                if !negative {
                    return Ok(Value::from(n));
                }
                // `-0` is the float -0.0, as serde_json reads it.
                if let Some(n) = 0i64.checked_sub_unsigned(n).filter(|_| n != 0) {
                    return Ok(Value::from(n));
                }
            }
        }
        let text = self.text.get(start..self.at).unwrap_or_default();
        decimal_to_f64(text)
            .and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| self.error("number out of range"))
    }

    fn skip_digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
    }

    /// Reads `word` (whose first letter is next), standing for `value`.
    fn word(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        for expected in word.bytes() {
            match self.next() {
                Some(b) if b == expected => {}
                None => return Err(self.error("EOF while parsing a value")),
                Some(_) => return Err(self.error("expected ident")),
            }
        }
        Ok(value)
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    /// An error at the last byte read (the end of the text when nothing is left).
    fn error(&self, reason: &'static str) -> JsonError {
        let upto = self.text.get(..self.at).unwrap_or(self.text);
        let line = upto.bytes().filter(|&b| b == b'\n').count() + 1;
        let column = upto.len() - upto.rfind('\n').map_or(0, |newline| newline + 1);
        JsonError {
            reason,
            line,
            column,
        }
    }
}

/// The `f64` nearest a JSON number's text (`-`, digits, fraction, exponent: already checked);
/// `None` when it is too large for an `f64`.
///
/// Outside wasm this is the standard library's exact reading. In the browser build that reading
/// costs 14 KB gzipped, so a shorter one is used: the first 19 significant digits as an integer,
/// scaled by the power of ten. Exact when the digits fit in 53 bits and the power is at most
/// 22 (every number a draft holds); otherwise each scaling step rounds once, a few units in the
/// last place at worst.
#[cfg(not(target_arch = "wasm32"))]
fn decimal_to_f64(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// See the other `decimal_to_f64`.
#[cfg(target_arch = "wasm32")]
fn decimal_to_f64(text: &str) -> Option<f64> {
    short_decimal_to_f64(text)
}

/// The browser build's reading of a number's text (see `decimal_to_f64`).
#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
fn short_decimal_to_f64(text: &str) -> Option<f64> {
    const EXACT: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => {
            // Too many digits for an i64 is too large either way.
            let huge = if exponent.starts_with('-') {
                i64::MIN
            } else {
                i64::MAX
            };
            (mantissa, exponent.parse::<i64>().unwrap_or(huge))
        }
        None => (text, 0),
    };
    // Up to 19 significant digits as an integer, and the power of ten that scales it; digits
    // past those are dropped (counted in the scale when they are before the point).
    let mut digits: u64 = 0;
    let mut kept = 0;
    let mut scale = exponent.clamp(-100_000, 100_000);
    let mut seen_point = false;
    for byte in mantissa.bytes() {
        if byte == b'.' {
            seen_point = true;
            continue;
        }
        if kept == 19 {
            scale += i64::from(!seen_point);
            continue;
        }
        if seen_point {
            scale -= 1;
        }
        if digits > 0 || byte != b'0' {
            digits = digits * 10 + u64::from(byte - b'0');
            kept += 1;
        }
    }
    let mut value = digits as f64;
    if value != 0.0 {
        while scale > 0 {
            let step = scale.min(22);
            value *= EXACT[step as usize];
            scale -= step;
        }
        while scale < 0 {
            let step = (-scale).min(22);
            value /= EXACT[step as usize];
            scale += step;
        }
    }
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;

    #[test]
    fn reads_what_serde_json_reads() {
        let texts = [
            "null",
            " true ",
            "[false, 0, -0, 7, -7, 18446744073709551615, 18446744073709551616, -9223372036854775808]",
            "[-9223372036854775809, 2.5, 3000.0, 1e3, 1E-7, -0.0, 12.5e+2]",
            r#"{"b": {"a": []}, "a": {}, "a": 1, "é": "ü\u00e9\ud83d\ude00\/\b\f\n\r\t\"\\"}"#,
            "\t\r\n[ ]\n",
        ];
        for text in texts {
            let expected: Value = serde_json::from_str(text).unwrap();
            assert_eq!(from_str(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn refuses_what_serde_json_refuses_and_says_where() {
        let bad = [
            "",
            "   ",
            "nul",
            "nulx",
            "[1,]",
            "[1 2]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{1:2}",
            "01",
            "1.",
            ".5",
            "1e",
            "-",
            "+1",
            "\"abc",
            "\"a\u{1}b\"",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "[1] 2",
            "1e400",
            "{\"a\":1",
            "[",
            "{",
        ];
        for text in bad {
            assert!(
                serde_json::from_str::<Value>(text).is_err(),
                "serde_json reads {text:?}"
            );
            assert!(from_str(text).is_err(), "read {text:?}");
        }
        let err = from_str("{\n  \"a\": [1,\n  2 x]\n}").unwrap_err();
        assert_eq!((err.line, err.column), (3, 5));
        assert_eq!(err.to_string(), "expected `,` or `]` at line 3 column 5");
    }

    #[test]
    fn nesting_is_limited() {
        let deep = |n: usize| "[".repeat(n) + &"]".repeat(n);
        assert!(from_str(&deep(128)).is_ok());
        assert_eq!(
            from_str(&deep(129)).map_err(|e| e.reason),
            Err("recursion limit exceeded")
        );
        assert!(from_str(&deep(100_000)).is_err());
    }

    #[test]
    fn short_float_reading_is_exact_where_drafts_live_and_close_elsewhere() {
        let exact = [
            "0.35",
            "3000.0",
            "2000.4",
            "-1.5",
            "1e22",
            "123456789012345e-22",
            "0.001",
        ];
        for text in exact {
            assert_eq!(short_decimal_to_f64(text), text.parse().ok(), "{text}");
        }
        let close = [
            "0.30000000000000004",
            "1.7976931348623157e308",
            "5e-324",
            "1e-300",
            "123456789012345678901234567890",
        ];
        for text in close {
            let (ours, exact) = (
                short_decimal_to_f64(text).unwrap(),
                text.parse::<f64>().unwrap(),
            );
            let ulps = (ours.to_bits() as i64 - exact.to_bits() as i64).unsigned_abs();
            assert!(
                ulps <= 8 || (exact < 1e-300 && (ours - exact).abs() <= 1e-320),
                "{text}: {ours} vs {exact}"
            );
        }
        assert_eq!(short_decimal_to_f64("1e400"), None);
        assert_eq!(short_decimal_to_f64("0e400"), Some(0.0));
        assert_eq!(json!(short_decimal_to_f64("-0.0")), json!(-0.0));
    }
}
