//! Edit requests: the sign that a message is for the chat even when it names an action.
//!
//! Rule: an edit verb outside every live keyword makes the whole message chat ("add music, then
//! export", "make the title bigger before the download", "加个标题再导出"). The chat can do the
//! edit; the action can be asked for again, whereas running it now would act on a draft the
//! person is still changing. An edit verb does not count when:
//! - it is a noun after a determiner ("the cut", "the fade", "this edit");
//! - it is the person describing what happened ("you cut it nicely", "I set it up");
//! - a negation governs it ("don't add anything, just export");
//! - its object is an export option ("make it vertical and export", "use 1080p", "改成竖屏导出"),
//!   which is how people phrase export settings;
//! - it is part of a fixed phrase that edits nothing ("make sure", "加油", "做好了", "不变").

use std::ops::Range;

use super::cues::{WINDOW, negated_before};
use super::extract::option_at;
use super::pattern::Table;
use super::tokens::{Kind, Tokens};

/// Verbs and comparatives that ask for a change to the video.
static EDIT_WORDS: Table = Table::new(&[
    "add|insert|put|place|remove|delete|cut|trim|shorten|lengthen|extend|make|change|replace",
    "swap|move|increase|decrease|raise|lower|boost|reduce|speed|slow|mute|unmute|fade|crop",
    "rotate|flip|zoom|reorder|rearrange|split|merge|combine|apply|use|turn|fix|adjust|tweak",
    "edit|update|brighten|darken|blur|sharpen|loop|reverse|center|centre|align|enlarge|resize",
    "shrink|roll|animate|recolor|recolour|translate|transcribe|generate|create|bump|sync",
    "duplicate|copy|paste|stretch|set|switch|write|overlay|highlight|emphasize|emphasise",
    "soften|drop|include|shuffle|sort|pick|choose|select|color|colour|retime|insert|tone",
    "get rid of",
    "bigger|smaller|larger|louder|quieter|softer|shorter|longer|faster|slower|brighter",
    "darker|warmer|cooler|thicker|thinner|bolder|narrower|punchier|smoother",
]);

/// Chinese edit verbs and comparatives.
static EDIT_HAN: Table = Table::new(&[
    "加|添加|添|删|删除|删掉|去掉|去除|移除|剪掉|剪短|剪成|剪切|剪一下|裁剪|裁|缩短|延长|拉长",
    "改|换|替换|调整|调大|调小|调高|调低|调亮|调暗|调快|调慢|调成|调到|调一下|放大|缩小|移|挪",
    "放到|放在|放进|插入|设置|设为|变成|变为|变|加快|放慢|减慢|静音|淡入|淡出|配上|配乐|配音",
    "旋转|翻转|修改|修剪|修复|弄成|弄|做成|做一个|做个|制作|写上|写|突出|让|拖",
    "大一点|小一点|快一点|慢一点|亮一点|暗一点|短一点|长一点|高一点|低一点|响一点|轻一点",
    "大些|小些|更大|更小|更快|更慢|更亮|更暗|更短|更长",
]);

/// Fixed phrases that hold an edit word but edit nothing; matched from the word or one token
/// before it.
static NOT_EDITS: Table = Table::new(&[
    "make sure",
    "turn out",
    "加油|更加|参加|加载|不变|改天|改日|让我|让你|弄好|做好|色调|语调|强调|格调|基调|协调|单调|变化",
]);

/// Words that make the next word a noun.
static DETERMINERS: Table =
    Table::new(&["the|a|an|this|that|my|your|our|its|his|her|their|any|each|every|some|no"]);

/// Subjects that make a verb a description of what happened.
static SUBJECTS: Table = Table::new(&["i|you|we|they|he|she|it"]);

/// Words before a subject that turn the description back into a request ("can you cut …").
static REQUESTERS: Table =
    Table::new(&["can|could|would|will|please|should|to|let|must|need|want|wanna|i'd|you'd"]);

/// Words between an edit verb and its object that an export option may hide behind.
static OPTION_SKIP: Table = Table::new(&[
    "it|the|video|movie|this|to|in|as|into|a|an|be|is|for|at|with|format|resolution|aspect|ratio|quality|file",
    "成|为|成为|到|视频|它|用|个|一个|一下|的|格式|分辨率|比例|画质",
]);

/// Whether the text asks for an edit anywhere outside `live` (the spans of live keywords).
pub(crate) fn requested(tokens: &Tokens, live: &[Range<usize>]) -> bool {
    (0..tokens.len()).any(|i| !live.iter().any(|s| s.contains(&i)) && edit_at(tokens, i))
}

/// The end of the edit verb or comparative starting at token `i`, if one does.
fn edit_word_at(tokens: &Tokens, i: usize) -> Option<usize> {
    if tokens.kind(i) == Some(Kind::Han) {
        EDIT_HAN.at(tokens, i)
    } else {
        EDIT_WORDS.at(tokens, i)
    }
}

/// Whether an edit verb that counts starts at token `i`.
fn edit_at(tokens: &Tokens, i: usize) -> bool {
    let han = tokens.kind(i) == Some(Kind::Han);
    let Some(end) = edit_word_at(tokens, i) else {
        return false;
    };
    let prev = |n: usize| i.checked_sub(n);
    let at = |list: &Table, j: Option<usize>| j.is_some_and(|j| list.at(tokens, j).is_some());
    let fixed_phrase = [prev(1), Some(i)]
        .into_iter()
        .flatten()
        .any(|j| NOT_EDITS.at(tokens, j).is_some_and(|e| e > i));
    let noun = !han && at(&DETERMINERS, prev(1));
    let description = !han && at(&SUBJECTS, prev(1)) && !at(&REQUESTERS, prev(2));
    // The word may itself open an export option ("lower quality", "smaller file").
    let option_word = option_at(tokens, i).is_some();
    !(fixed_phrase
        || option_word
        || noun
        || description
        || negated_before(tokens, i, WINDOW)
        || sets_an_option(tokens, end))
}

/// Whether an export option follows the verb ending at `end`, past filler words.
fn sets_an_option(tokens: &Tokens, end: usize) -> bool {
    const LOOK_AHEAD: usize = 4;
    let mut j = end;
    for _ in 0..LOOK_AHEAD {
        if option_at(tokens, j).is_some() {
            return true;
        }
        match OPTION_SKIP.at(tokens, j) {
            Some(next) => j = next,
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn edits(text: &str) -> bool {
        requested(&Tokens::new(text), &[])
    }

    #[test]
    fn every_pattern_is_well_formed() {
        for table in [
            &EDIT_WORDS,
            &EDIT_HAN,
            &NOT_EDITS,
            &DETERMINERS,
            &SUBJECTS,
            &REQUESTERS,
            &OPTION_SKIP,
        ] {
            for pattern in table.patterns() {
                assert!(crate::intent::pattern::well_formed(pattern), "{pattern}");
            }
        }
    }

    #[test]
    fn edit_verbs_and_comparatives_count() {
        assert!(edits("first add music"));
        assert!(edits("make the title bigger"));
        assert!(edits("the title should be bigger"));
        assert!(edits("加个标题"));
        assert!(edits("标题大一点"));
        assert!(edits("can you cut the intro"));
    }

    #[test]
    fn nouns_descriptions_and_negations_do_not() {
        assert!(!edits("love the fade"));
        assert!(!edits("you cut it nicely"));
        assert!(!edits("don't add anything"));
        assert!(!edits("make sure it looks good"));
        assert!(!edits("加油"));
        assert!(!edits("做好了"));
        assert!(!edits("其他不变"));
    }

    #[test]
    fn setting_an_export_option_is_not_an_edit() {
        assert!(!edits("make it vertical"));
        assert!(!edits("use 1080p"));
        assert!(!edits("change the format to mov"));
        assert!(!edits("改成竖屏"));
        assert!(!edits("in lower quality"));
        assert!(edits("make the title vertical"));
    }

    #[test]
    fn live_keyword_spans_are_not_edits() {
        let t = Tokens::new("add more photos");
        let keyword = 0..3;
        assert!(!requested(&t, std::slice::from_ref(&keyword)));
        assert!(requested(&t, &[]));
    }
}
