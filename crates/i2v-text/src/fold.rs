//! Character folding: one pass that lets English and Chinese text meet the word lists.
//!
//! Rules, per character:
//! - full-width ASCII (`ＥＸＰＯＲＴ`, `３０秒`, `，`) becomes ASCII, and the ideographic space
//!   a space;
//! - Chinese sentence punctuation becomes its ASCII twin (`、` → `,`, `。` → `.`, `〜` → `~`),
//!   so one list of symbols serves both languages;
//! - `×` becomes `x`, so `1920×1080` reads like `1920x1080`;
//! - common traditional Chinese characters become simplified (`導出` → `导出`, see [`crate::han`]);
//! - letters are lowercased by Unicode's rules, one character for one: where Unicode lowers a
//!   letter to several (`İ` to `i` and a combining dot), the first stands for it, so every folded
//!   character still points at exactly one source character.
//!
//! Quotation marks are left as written: which mark closes which is the business of
//! [`crate::quotes`], and `「` tells it more than a folded `"` would.
//!
//! Every folded character remembers where its source sits in the text, so that what a person
//! quoted can be cut from the original unchanged, and so can the text around a GUI step.

use crate::han;

/// One folded character and the bytes of the source character it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Folded {
    /// The character after folding.
    pub c: char,
    /// Where the source character starts in the text.
    pub at: usize,
    /// How many bytes the source character takes.
    pub len: usize,
}

impl Folded {
    /// The byte just past the source character.
    pub fn end(&self) -> usize {
        self.at.saturating_add(self.len)
    }
}

/// Folds every character of `text`.
pub fn fold(text: &str) -> Vec<Folded> {
    text.char_indices()
        .map(|(at, source)| Folded {
            c: fold_char(source),
            at,
            len: source.len_utf8(),
        })
        .collect()
}

/// Folds one character by the rules of the module.
pub fn fold_char(c: char) -> char {
    let c = match c {
        // Full-width forms of ASCII sit at a fixed distance from it.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '、' | '､' => ',',
        '。' | '｡' => '.',
        '〜' => '~',
        '×' => 'x',
        _ => han::simplified(c).unwrap_or(c),
    };
    c.to_lowercase().next().unwrap_or(c)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn folded(text: &str) -> String {
        fold(text).iter().map(|f| f.c).collect()
    }

    #[test]
    fn width_case_and_punctuation_fold_to_plain_ascii() {
        assert_eq!(
            folded("ＥＸＰＯＲＴ　１０８０Ｐ，ＭＰ４！"),
            "export 1080p,mp4!"
        );
        assert_eq!(folded("ＭＡＫＥ　３０秒，好。"), "make 30秒,好.");
        assert_eq!(folded("Export MP4, Lo-Fi"), "export mp4, lo-fi");
        assert_eq!(folded("1920×1080"), "1920x1080");
        assert_eq!(folded("ÉCRAN İ"), "écran i");
    }

    #[test]
    fn traditional_chinese_becomes_simplified() {
        assert_eq!(folded("導出視頻"), "导出视频");
        assert_eq!(folded("還剩多少積分"), "还剩多少积分");
        assert_eq!(folded("查看時間線"), "查看时间线");
        assert_eq!(folded("刪除標題、換音樂"), "删除标题,换音乐");
    }

    #[test]
    fn quotation_marks_are_left_as_written() {
        assert_eq!(
            folded("“a” ‘b’ 「c」 《d》 don’t"),
            "“a” ‘b’ 「c」 《d》 don’t"
        );
        assert_eq!(folded("＂ＡＢ＂"), "\"ab\"");
    }

    #[test]
    fn every_character_remembers_its_source_bytes() {
        let text = "Ａb導";
        let chars = fold(text);
        let sources: Vec<&str> = chars
            .iter()
            .filter_map(|f| text.get(f.at..f.end()))
            .collect();
        assert_eq!(sources, ["Ａ", "b", "導"]);
        assert_eq!((chars[2].at, chars[2].end()), (4, 7));
    }
}
