//! Character normalisation: one pass that makes English and Chinese text comparable to the
//! keyword tables, while remembering where each character came from.
//!
//! Rules, applied to every character:
//! - full-width ASCII (`ＥＸＰＯＲＴ`, `１０８０ｐ`, `，`) becomes half-width, the ideographic
//!   space becomes a space;
//! - letters are lowercased (one character for one: see `crate::case` for which alphabets);
//! - common traditional Chinese characters become simplified (`導出` → `导出`), from a small
//!   table that covers the words the tables use rather than a full converter;
//! - the many quotation marks collapse onto two: `"` for double-style quotes (including `「」`
//!   and `《》`, which Chinese uses for titles) and `'` for single quotes and apostrophes;
//! - `×` becomes `x`, so `1920×1080` reads like `1920x1080`.
//!
//! The output keeps, for every normalised character, the byte range of the input character it
//! came from, so callers can cut the original text (the GUI translator keeps content byte for
//! byte).

use std::ops::Range;

use i2v_text::case;

/// One normalised character and the bytes of the input character it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NormChar {
    /// The character after normalisation.
    pub(crate) c: char,
    /// Where the source character sits in the input.
    pub(crate) orig: Range<usize>,
}

/// Normalises `input` character by character.
pub(crate) fn normalize(input: &str) -> Vec<NormChar> {
    let mut out = Vec::with_capacity(input.len());
    for (start, c) in input.char_indices() {
        let orig = start..start + c.len_utf8();
        out.push(NormChar {
            c: case::lower(fold(c)),
            orig,
        });
    }
    out
}

/// Folds one character: width, quotes, traditional Chinese (lowercasing is left to the caller).
fn fold(c: char) -> char {
    match c {
        // Full-width forms of ASCII sit at a fixed distance from it.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '“' | '”' | '„' | '«' | '»' | '「' | '」' | '『' | '』' | '《' | '》' | '〈' | '〉' => {
            '"'
        }
        '‘' | '’' | '‚' | '`' | '´' => '\'',
        '×' => 'x',
        _ => simplified(c).unwrap_or(c),
    }
}

/// The simplified form of a traditional character, if the table knows it.
fn simplified(c: char) -> Option<char> {
    TRADITIONAL
        .binary_search_by_key(&c, |&(t, _)| t)
        .ok()
        .and_then(|i| TRADITIONAL.get(i))
        .map(|&(_, s)| s)
}

/// Traditional → simplified, sorted by the traditional character (a test checks the order).
/// It covers the characters of the keyword tables and the words around them, not the language.
const TRADITIONAL: &[(char, char)] = &[
    ('並', '并'),
    ('來', '来'),
    ('倉', '仓'),
    ('個', '个'),
    ('們', '们'),
    ('側', '侧'),
    ('傑', '杰'),
    ('備', '备'),
    ('傳', '传'),
    ('僅', '仅'),
    ('價', '价'),
    ('優', '优'),
    ('儲', '储'),
    ('內', '内'),
    ('兩', '两'),
    ('別', '别'),
    ('刪', '删'),
    ('剛', '刚'),
    ('創', '创'),
    ('劃', '划'),
    ('動', '动'),
    ('務', '务'),
    ('勢', '势'),
    ('匯', '汇'),
    ('區', '区'),
    ('協', '协'),
    ('參', '参'),
    ('員', '员'),
    ('問', '问'),
    ('啟', '启'),
    ('單', '单'),
    ('嗎', '吗'),
    ('嗶', '哔'),
    ('圍', '围'),
    ('圖', '图'),
    ('團', '团'),
    ('場', '场'),
    ('塊', '块'),
    ('壓', '压'),
    ('夠', '够'),
    ('奮', '奋'),
    ('實', '实'),
    ('寫', '写'),
    ('寬', '宽'),
    ('將', '将'),
    ('專', '专'),
    ('對', '对'),
    ('導', '导'),
    ('層', '层'),
    ('屬', '属'),
    ('帳', '账'),
    ('帶', '带'),
    ('幀', '帧'),
    ('幣', '币'),
    ('幫', '帮'),
    ('幾', '几'),
    ('庫', '库'),
    ('廣', '广'),
    ('張', '张'),
    ('強', '强'),
    ('彈', '弹'),
    ('後', '后'),
    ('從', '从'),
    ('復', '复'),
    ('愛', '爱'),
    ('態', '态'),
    ('慣', '惯'),
    ('慮', '虑'),
    ('憑', '凭'),
    ('憶', '忆'),
    ('應', '应'),
    ('戲', '戏'),
    ('戶', '户'),
    ('掛', '挂'),
    ('換', '换'),
    ('撥', '拨'),
    ('擇', '择'),
    ('擊', '击'),
    ('據', '据'),
    ('擴', '扩'),
    ('擺', '摆'),
    ('數', '数'),
    ('時', '时'),
    ('暫', '暂'),
    ('條', '条'),
    ('構', '构'),
    ('樂', '乐'),
    ('標', '标'),
    ('樣', '样'),
    ('樹', '树'),
    ('機', '机'),
    ('橫', '横'),
    ('檔', '档'),
    ('檢', '检'),
    ('欄', '栏'),
    ('歡', '欢'),
    ('歷', '历'),
    ('歸', '归'),
    ('殺', '杀'),
    ('氣', '气'),
    ('減', '减'),
    ('準', '准'),
    ('溫', '温'),
    ('滾', '滚'),
    ('滿', '满'),
    ('漸', '渐'),
    ('濾', '滤'),
    ('為', '为'),
    ('無', '无'),
    ('燈', '灯'),
    ('爭', '争'),
    ('狀', '状'),
    ('現', '现'),
    ('產', '产'),
    ('畫', '画'),
    ('當', '当'),
    ('發', '发'),
    ('確', '确'),
    ('碼', '码'),
    ('種', '种'),
    ('稱', '称'),
    ('積', '积'),
    ('節', '节'),
    ('範', '范'),
    ('籤', '签'),
    ('紀', '纪'),
    ('紅', '红'),
    ('紋', '纹'),
    ('紐', '纽'),
    ('紙', '纸'),
    ('級', '级'),
    ('結', '结'),
    ('絕', '绝'),
    ('給', '给'),
    ('綁', '绑'),
    ('網', '网'),
    ('緊', '紧'),
    ('線', '线'),
    ('緩', '缓'),
    ('縮', '缩'),
    ('總', '总'),
    ('義', '义'),
    ('聲', '声'),
    ('聽', '听'),
    ('腦', '脑'),
    ('與', '与'),
    ('舊', '旧'),
    ('葉', '叶'),
    ('著', '着'),
    ('藍', '蓝'),
    ('藝', '艺'),
    ('處', '处'),
    ('號', '号'),
    ('術', '术'),
    ('裝', '装'),
    ('裡', '里'),
    ('製', '制'),
    ('複', '复'),
    ('見', '见'),
    ('視', '视'),
    ('覽', '览'),
    ('訂', '订'),
    ('記', '记'),
    ('設', '设'),
    ('詞', '词'),
    ('詢', '询'),
    ('試', '试'),
    ('話', '话'),
    ('該', '该'),
    ('認', '认'),
    ('語', '语'),
    ('說', '说'),
    ('調', '调'),
    ('請', '请'),
    ('謝', '谢'),
    ('讀', '读'),
    ('變', '变'),
    ('讓', '让'),
    ('讚', '赞'),
    ('豎', '竖'),
    ('貨', '货'),
    ('買', '买'),
    ('費', '费'),
    ('貼', '贴'),
    ('資', '资'),
    ('賣', '卖'),
    ('質', '质'),
    ('賬', '账'),
    ('購', '购'),
    ('賽', '赛'),
    ('贊', '赞'),
    ('趕', '赶'),
    ('車', '车'),
    ('軌', '轨'),
    ('軸', '轴'),
    ('較', '较'),
    ('載', '载'),
    ('輕', '轻'),
    ('輪', '轮'),
    ('輯', '辑'),
    ('輸', '输'),
    ('轉', '转'),
    ('這', '这'),
    ('進', '进'),
    ('遊', '游'),
    ('過', '过'),
    ('達', '达'),
    ('遠', '远'),
    ('選', '选'),
    ('還', '还'),
    ('邊', '边'),
    ('鈕', '钮'),
    ('錄', '录'),
    ('錢', '钱'),
    ('錯', '错'),
    ('鍋', '锅'),
    ('鍵', '键'),
    ('鏈', '链'),
    ('鏡', '镜'),
    ('鐘', '钟'),
    ('長', '长'),
    ('門', '门'),
    ('閉', '闭'),
    ('開', '开'),
    ('間', '间'),
    ('閱', '阅'),
    ('關', '关'),
    ('陽', '阳'),
    ('隊', '队'),
    ('際', '际'),
    ('雖', '虽'),
    ('雙', '双'),
    ('離', '离'),
    ('雲', '云'),
    ('電', '电'),
    ('靜', '静'),
    ('響', '响'),
    ('頁', '页'),
    ('頂', '顶'),
    ('項', '项'),
    ('順', '顺'),
    ('須', '须'),
    ('預', '预'),
    ('頓', '顿'),
    ('頭', '头'),
    ('頻', '频'),
    ('題', '题'),
    ('額', '额'),
    ('顏', '颜'),
    ('顧', '顾'),
    ('顯', '显'),
    ('風', '风'),
    ('飛', '飞'),
    ('飾', '饰'),
    ('餘', '余'),
    ('馬', '马'),
    ('體', '体'),
    ('鬆', '松'),
    ('鬧', '闹'),
    ('魚', '鱼'),
    ('鳥', '鸟'),
    ('麗', '丽'),
    ('麥', '麦'),
    ('麼', '么'),
    ('黃', '黄'),
    ('點', '点'),
    ('齊', '齐'),
    ('龍', '龙'),
];

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn text(input: &str) -> String {
        normalize(input).into_iter().map(|n| n.c).collect()
    }

    #[test]
    fn the_traditional_table_is_sorted_for_binary_search() {
        for pair in TRADITIONAL.windows(2) {
            if let [a, b] = pair {
                assert!(a.0 < b.0, "{} must sort before {}", a.0, b.0);
            }
        }
    }

    #[test]
    fn full_width_and_case_fold_to_plain_ascii() {
        assert_eq!(
            text("ＥＸＰＯＲＴ　１０８０Ｐ，ＭＰ４！"),
            "export 1080p,mp4!"
        );
        assert_eq!(text("Export MP4"), "export mp4");
    }

    #[test]
    fn traditional_chinese_becomes_simplified() {
        assert_eq!(text("導出視頻"), "导出视频");
        assert_eq!(text("還剩多少積分"), "还剩多少积分");
        assert_eq!(text("查看時間線"), "查看时间线");
    }

    #[test]
    fn quotes_collapse_onto_two_marks() {
        assert_eq!(
            text("“a” ‘b’ 「c」 《d》 don’t"),
            "\"a\" 'b' \"c\" \"d\" don't"
        );
        assert_eq!(text("1920×1080"), "1920x1080");
    }

    #[test]
    fn every_character_remembers_its_source_bytes() {
        let input = "Ａb導";
        let norm = normalize(input);
        let sources: Vec<&str> = norm
            .iter()
            .filter_map(|n| input.get(n.orig.clone()))
            .collect();
        assert_eq!(sources, ["Ａ", "b", "導"]);
        assert_eq!(norm.len(), 3);
    }
}
