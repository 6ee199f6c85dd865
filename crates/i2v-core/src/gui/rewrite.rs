//! Wording: the chat messages the SDK sends instead of a GUI step, and the short sentence a
//! person reads when every sentence of a reply was a GUI step.
//!
//! Rules:
//! - a drag becomes a move, in the person's words: "Drag the 'Sunset' clip to the start" →
//!   "Move the 'Sunset' clip to the start"; "您可以把日落片段拖到开头" → "把日落片段移到开头";
//! - a purpose ("to add the fade", "如果要加音乐，…") is a better edit than the mechanics, so it
//!   wins when there is one: "Add the fade";
//! - an offer's step becomes "just tell me" ("If you'd like to adjust it, just tell me.");
//! - messages lose their trailing punctuation and start with a capital letter;
//! - the fallback sentence says what the SDK is doing, in Chinese when the reply was Chinese.

use std::ops::Range;

use i2v_text::han::is_han;

use super::GuiAction;
use crate::intent::pattern::Table;
use crate::intent::tokens::{Kind, Tokens};

/// Chinese words that may open a clause before a drag's object.
static HAN_PREFACE: Table =
    Table::new(&["您可以|你可以|可以|请|只需|只要|直接|然后|接着|现在|就|再|您|你|能|先"]);

/// The text of `tokens` in `sentence`, from the first token's start to the last one's end.
pub(crate) fn source<'s>(
    sentence: &'s str,
    tokens: &Tokens,
    range: Range<usize>,
) -> Option<&'s str> {
    let first = (range.start..range.end).find(|&i| tokens.kind(i) != Some(Kind::Break))?;
    let last = (range.start..range.end)
        .rev()
        .find(|&i| tokens.kind(i) != Some(Kind::Break))?;
    let (start, end) = (tokens.orig(first)?.start, tokens.orig(last)?.end);
    sentence.get(start..end)
}

/// A chat message from a span of text: trimmed, without closing punctuation or surrounding
/// quotes, first letter capitalised.
pub(crate) fn as_message(text: &str) -> Option<String> {
    let trimmed = text
        .trim()
        .trim_matches(['"', '\'', '“', '”', '‘', '’', '「', '」'])
        .trim_end_matches(['.', '!', '?', '。', '！', '？', ',', '，'])
        .trim();
    (!trimmed.is_empty()).then(|| i2v_text::capitalize(trimmed))
}

/// A purpose ("to add the fade", "加音乐") as a chat message, without its opener.
pub(crate) fn purpose_message(
    sentence: &str,
    tokens: &Tokens,
    range: Range<usize>,
) -> Option<String> {
    let start = super::leads::after_opener(tokens, range.clone());
    as_message(source(sentence, tokens, start..range.end)?)
}

/// What an offer's GUI step becomes: the person just asks.
pub(crate) fn tell_me(chinese: bool) -> &'static str {
    if chinese {
        "告诉我即可"
    } else {
        "just tell me"
    }
}

/// What a capability offer's GUI step becomes ("you can drag clips …").
pub(crate) fn tell_me_what(chinese: bool) -> &'static str {
    if chinese {
        "告诉我想怎么改即可"
    } else {
        "just tell me what to change"
    }
}

/// The chat message for a drag of the clause `clause` whose verb is `verb`.
pub(crate) fn drag_message(
    sentence: &str,
    tokens: &Tokens,
    clause: Range<usize>,
    verb: Range<usize>,
) -> Option<String> {
    let after = source(sentence, tokens, verb.end..clause.end).unwrap_or_default();
    if tokens.kind(verb.start) != Some(Kind::Han) {
        return (!after.is_empty()).then(|| format!("Move {after}"));
    }
    let mut start = clause.start;
    while let Some(end) = HAN_PREFACE
        .at(tokens, start)
        .filter(|&end| end <= verb.start)
    {
        start = end;
    }
    let before = source(sentence, tokens, start..verb.start).unwrap_or_default();
    if before.is_empty() && after.is_empty() {
        return None;
    }
    let verb_text = source(sentence, tokens, verb).unwrap_or_default();
    let moved = if verb_text.ends_with(['到', '入', '进']) {
        "移到"
    } else {
        "移动"
    };
    Some(format!("{before}{moved}{after}"))
}

/// The sentence a person reads when the whole reply was GUI steps.
pub(crate) fn fallback(first: Option<&GuiAction>, chinese: bool) -> &'static str {
    match (first, chinese) {
        (Some(GuiAction::Export), false) => "The video is ready to export.",
        (Some(GuiAction::Export), true) => "视频可以导出了。",
        (Some(GuiAction::ShowState), false) => "Here is where your project stands.",
        (Some(GuiAction::ShowState), true) => "这是项目目前的状态。",
        (Some(GuiAction::ShowSummary), false) => "Here is what is in your video.",
        (Some(GuiAction::ShowSummary), true) => "这是视频目前的内容。",
        (Some(GuiAction::ShowCredits), false) => "Checking your credits.",
        (Some(GuiAction::ShowCredits), true) => "正在查询积分。",
        (Some(GuiAction::Upload), false) => "Send the files you want to add.",
        (Some(GuiAction::Upload), true) => "请发送要添加的文件。",
        (Some(GuiAction::SendEdit(_)), false) => "Making that change now.",
        (Some(GuiAction::SendEdit(_)), true) => "正在进行这项修改。",
        (None, false) => "Done.",
        (None, true) => "好的。",
    }
}

/// Whether `text` is mostly meant for a Chinese reader (it holds Chinese characters).
pub(crate) fn is_chinese(text: &str) -> bool {
    text.chars().any(is_han)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn drag(sentence: &str, verb_token: usize, verb_len: usize) -> Option<String> {
        let t = Tokens::new(sentence);
        drag_message(sentence, &t, 0..t.len(), verb_token..verb_token + verb_len)
    }

    #[test]
    fn drags_become_moves_in_the_persons_words() {
        assert_eq!(
            drag("Drag the 'Sunset' clip to the start.", 0, 1).as_deref(),
            Some("Move the 'Sunset' clip to the start")
        );
        assert_eq!(
            drag("您可以把日落片段拖到开头", 8, 2).as_deref(),
            Some("把日落片段移到开头")
        );
        assert_eq!(drag("请拖动标题", 1, 2).as_deref(), Some("移动标题"));
        assert_eq!(drag("Drag", 0, 1), None);
    }

    #[test]
    fn messages_are_trimmed_and_capitalised() {
        assert_eq!(
            as_message(" add the fade. ").as_deref(),
            Some("Add the fade")
        );
        assert_eq!(
            as_message("\"Generate Video\"").as_deref(),
            Some("Generate Video")
        );
        assert_eq!(as_message("生成视频。").as_deref(), Some("生成视频"));
        assert_eq!(as_message(" . "), None);
    }

    #[test]
    fn purposes_drop_their_opener() {
        let sentence = "to add the fade";
        let t = Tokens::new(sentence);
        assert_eq!(
            purpose_message(sentence, &t, 0..t.len()).as_deref(),
            Some("Add the fade")
        );
        let zh = "如果要加音乐";
        let t = Tokens::new(zh);
        assert_eq!(
            purpose_message(zh, &t, 0..t.len()).as_deref(),
            Some("加音乐")
        );
    }

    #[test]
    fn fallbacks_speak_the_replys_language() {
        assert_eq!(
            fallback(Some(&GuiAction::Export), false),
            "The video is ready to export."
        );
        assert_eq!(fallback(Some(&GuiAction::Export), true), "视频可以导出了。");
        assert!(is_chinese("点击导出"));
        assert!(!is_chinese("Click Export"));
    }

    #[test]
    fn every_pattern_is_well_formed() {
        for pattern in HAN_PREFACE.patterns() {
            assert!(crate::intent::pattern::well_formed(pattern), "{pattern}");
        }
    }
}
