//! Character folding: one pass that lets English and Chinese text meet the word lists.
//!
//! Rules, per character:
//! - full-width ASCII (`３０秒`, `，`) becomes ASCII, the ideographic space a space, and Chinese
//!   sentence punctuation its ASCII twin (`、` → `,`, `。` → `.`);
//! - letters are lowercased;
//! - common traditional Chinese characters become simplified (`標題` → `标题`), from a table of
//!   the characters the word lists use rather than a full converter.
//!
//! Every folded character remembers where its source sits in the message, so that what a person
//! quoted can be cut from the original text unchanged.

/// One folded character and the bytes of the source character it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Folded {
    /// The character after folding.
    pub(crate) c: char,
    /// Where the source character starts in the message.
    pub(crate) at: usize,
    /// How many bytes the source character takes.
    pub(crate) len: usize,
}

impl Folded {
    /// The byte just past the source character.
    pub(crate) fn end(&self) -> usize {
        self.at.saturating_add(self.len)
    }
}

/// Folds every character of `text`.
pub(crate) fn fold(text: &str) -> Vec<Folded> {
    text.char_indices()
        .map(|(at, source)| Folded {
            c: fold_char(source),
            at,
            len: source.len_utf8(),
        })
        .collect()
}

fn fold_char(c: char) -> char {
    let c = match c {
        // Full-width forms of ASCII sit at a fixed distance from it.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '、' => ',',
        '。' => '.',
        '〜' => '~',
        _ => simplified(c).unwrap_or(c),
    };
    let mut lower = c.to_lowercase();
    // A letter whose lowercase is several characters (rare) is kept as it is: one in, one out.
    match (lower.next(), lower.next()) {
        (Some(single), None) => single,
        _ => c,
    }
}

/// The simplified form of a traditional character the word lists use.
fn simplified(c: char) -> Option<char> {
    let simple = match c {
        '標' => '标',
        '題' => '题',
        '轉' => '转',
        '場' => '场',
        '樂' => '乐',
        '聲' => '声',
        '刪' => '删',
        '換' => '换',
        '調' => '调',
        '靜' => '静',
        '鐘' => '钟',
        '豎' => '竖',
        '橫' => '横',
        '過' => '过',
        '動' => '动',
        '為' => '为',
        '個' => '个',
        '後' => '后',
        '變' => '变',
        '頻' => '频',
        '視' => '视',
        '兩' => '两',
        '說' => '说',
        '寫' => '写',
        '縮' => '缩',
        '這' => '这',
        '讓' => '让',
        '總' => '总',
        '設' => '设',
        '開' => '开',
        '關' => '关',
        '輕' => '轻',
        '鬆' => '松',
        '歡' => '欢',
        '詩' => '诗',
        '電' => '电',
        '氣' => '气',
        '點' => '点',
        '擊' => '击',
        '導' => '导',
        '張' => '张',
        '圖' => '图',
        '製' => '制',
        '順' => '顺',
        '結' => '结',
        '長' => '长',
        '漸' => '渐',
        '畫' => '画',
        '溫' => '温',
        '邊' => '边',
        '給' => '给',
        '對' => '对',
        '與' => '与',
        '來' => '来',
        '無' => '无',
        '減' => '减',
        '寬' => '宽',
        '顛' => '颠',
        '頭' => '头',
        '劇' => '剧',
        '熱' => '热',
        '鬧' => '闹',
        '緩' => '缓',
        '寧' => '宁',
        '樣' => '样',
        '時' => '时',
        '間' => '间',
        '號' => '号',
        '選' => '选',
        '別' => '别',
        '鏡' => '镜',
        '運' => '运',
        '圓' => '圆',
        '閃' => '闪',
        '話' => '话',
        '線' => '线',
        '軌' => '轨',
        '鍵' => '键',
        '鈕' => '钮',
        '傳' => '传',
        '們' => '们',
        '並' => '并',
        '從' => '从',
        '還' => '还',
        '幫' => '帮',
        '請' => '请',
        '麼' => '么',
        '該' => '该',
        '應' => '应',
        '將' => '将',
        '實' => '实',
        '嗎' => '吗',
        '幾' => '几',
        '數' => '数',
        '額' => '额',
        '節' => '节',
        '蕩' => '荡',
        '憶' => '忆',
        '夢' => '梦',
        '愛' => '爱',
        '歲' => '岁',
        '麗' => '丽',
        '風' => '风',
        '單' => '单',
        '讀' => '读',
        '錄' => '录',
        '遠' => '远',
        '舊' => '旧',
        '響' => '响',
        '贊' => '赞',
        '詞' => '词',
        '顯' => '显',
        '處' => '处',
        '隨' => '随',
        '機' => '机',
        '亂' => '乱',
        '優' => '优',
        '慶' => '庆',
        '觀' => '观',
        '陣' => '阵',
        '幀' => '帧',
        '頁' => '页',
        '釋' => '释',
        '註' => '注',
        '稱' => '称',
        '啟' => '启',
        '發' => '发',
        '廣' => '广',
        '闊' => '阔',
        '壯' => '壮',
        '圍' => '围',
        '戲' => '戏',
        '齊' => '齐',
        '臺' => '台',
        _ => return None,
    };
    Some(simple)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> String {
        fold(text).iter().map(|f| f.c).collect()
    }

    #[test]
    fn width_case_punctuation_and_traditional_forms_fold() {
        assert_eq!(folded("ＭＡＫＥ　３０秒，好。"), "make 30秒,好.");
        assert_eq!(folded("刪除標題、換音樂"), "删除标题,换音乐");
        assert_eq!(folded("Lo-Fi"), "lo-fi");
    }

    #[test]
    fn each_folded_character_points_at_its_source() {
        let text = "a標b";
        let chars = fold(text);
        assert_eq!(chars.len(), 3);
        assert_eq!((chars[1].at, chars[1].end()), (1, 4));
        assert_eq!(&text[chars[2].at..chars[2].end()], "b");
    }
}
