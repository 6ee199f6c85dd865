//! The keyword tables: the phrases that ask for each non-chat action, with the guard that
//! checks their sense (see [`super::senses`]). `docs/PROTOCOL.md` §6 gives the floor (export, 导出,
//! download, send me the video; credits, 积分, balance, 余额; status, 状态, show tracks; upload,
//! 上传); the rest are the ways people actually say these things.
//!
//! Only imperative forms are listed: "exported", "exporting", "uploaded" never match, so
//! "before exporting, …" and "the photos I uploaded" need no further rule.

use std::ops::Range;
use std::sync::OnceLock;

use super::Action;
use super::pattern::{Index, match_at};
use super::senses::Guard;
use super::tokens::Tokens;

/// One keyword table entry.
struct Rule {
    action: Action,
    pattern: &'static str,
    guard: Guard,
}

const fn rule(action: Action, pattern: &'static str, guard: Guard) -> Rule {
    Rule {
        action,
        pattern,
        guard,
    }
}

use Action::{Credits, Export, State, Upload};
use Guard::{Alone, Balance, Command, Credit, Deliver, Status, UploadAdd};

/// Media a person can add by uploading files.
macro_rules! media {
    () => {
        "photos|photo|pictures|picture|pics|pic|images|image|videos|video|clips|clip|footage|files|file|media|shots|selfies|screenshots|recordings|snaps"
    };
}

/// Quantities that introduce new media ("some more", "a few", "these", "my own").
macro_rules! new_media {
    () => {
        concat!(
            "[you] [a|an|some|several|these|my|another|two|three|four|five|few|more|any] ",
            "[few|couple|more|new|extra|additional|other|own] [of] [more|new|extra|own|my] ",
            media!()
        )
    };
}

/// Chinese media words.
macro_rules! media_han {
    () => {
        "照片|图片|相片|视频|素材|文件|截图|图"
    };
}

const RULES: &[Rule] = &[
    // Export: the verbs, the deliveries, "the final file".
    rule(
        Export,
        "export|exports|reexport|output|publish|finalize|finalise|render|download|dl",
        Command,
    ),
    rule(
        Export,
        "get|grab [me|us] [the|my] file|video|movie|mp4|result|final",
        Deliver,
    ),
    rule(
        Export,
        "send|give|email|mail|share|deliver [me|us] [the|my|our|a|this|that] [final|finished|full|whole|complete|completed|rendered|edited|finalized|finalised] video|movie|film|file|mp4|mov|webm|gif|result|results|output|link|download|render|export",
        Deliver,
    ),
    rule(
        Export,
        "send|email|mail|share it|this|that|everything [over|back|across] [to] [me|us]",
        Deliver,
    ),
    rule(
        Export,
        "give|pass|hand it|this|that [over|back] to me|us",
        Deliver,
    ),
    rule(
        Export,
        "get|want|need|like|have|generate|create|produce|deliver|prepare|see|give|send [me|us] [the|my|a|an] final|finished|finalized|finalised|completed|complete|rendered video|movie|film|file|version|cut|result|product|mp4|output|render|export|copy",
        Guard::None,
    ),
    rule(
        Export,
        "get|want|need|like|have|generate|create|produce|deliver|prepare|see|give|send [me|us] [the|my|a|an] final|finished|finalized|finalised|completed|complete|rendered video|movie file|version|cut|mp4|copy",
        Guard::None,
    ),
    rule(
        Export,
        "want|need|get|like [me|us] [the|an|a|my] mp4|mov|webm|gif|mkv|avi",
        Deliver,
    ),
    rule(
        Export,
        "want|need|get|like [me|us] [the|a|my] video|movie file",
        Deliver,
    ),
    rule(
        Export,
        "save [the|my|this] it|video|movie|film|file|result|mp4|final|as",
        Guard::None,
    ),
    rule(
        Export,
        "convert|turn [it|this|that] [the] [video|movie] to|into [a|an] mp4|mov|webm|gif|mkv|avi",
        Guard::None,
    ),
    rule(Export, "ship it", Guard::None),
    rule(Export, "导出|汇出|输出|渲染|下载", Command),
    rule(
        Export,
        "发给我|发我|传给我|给我发|发过来|传过来|寄给我",
        Deliver,
    ),
    rule(
        Export,
        "给我 [一个|个|那个|这个] [最终|最后|完整|完成|成品|做好] [的] 视频|成片|文件|影片|成品",
        Deliver,
    ),
    rule(
        Export,
        "要|生成|做|出|导 [一个|个] 最终|最后|完整|成品 [的] [视频] 视频|文件|成片|版本|版|影片",
        Guard::None,
    ),
    rule(
        Export,
        "保存|储存 视频|成片|文件|到本地|下来|成|为",
        Guard::None,
    ),
    rule(
        Export,
        "保存|储存 [视频|成片|文件] 到|进 相册|本地|手机|电脑|桌面",
        Guard::None,
    ),
    rule(Export, "出片", Guard::None),
    rule(
        Export,
        "转成|转为|转换成|转换为|转 mp4|mov|webm|gif|mkv|avi",
        Guard::None,
    ),
    // Credits: the balance of the account.
    rule(Credits, "credit|credits", Credit),
    rule(Credits, "balance", Balance),
    rule(Credits, "quota|allowance", Guard::None),
    rule(Credits, "how many points|tokens", Guard::None),
    rule(Credits, "points|tokens left|remaining", Guard::None),
    rule(Credits, "how much do|have i have|got left", Guard::None),
    rule(
        Credits,
        "check|show|view|see|open [me] [my|the] account|billing|wallet|subscription",
        Guard::None,
    ),
    rule(Credits, "billing", Alone),
    rule(Credits, "积分|余额|点数|额度|配额", Guard::None),
    rule(
        Credits,
        "查看|看看|看一下|查|查询|打开 [我的|一下] 账户|账号|钱包|账单",
        Guard::None,
    ),
    rule(Credits, "还剩多少|剩多少|还有多少 点|次", Guard::None),
    // State: the project as it stands.
    rule(State, "status|progress|preview", Status),
    rule(
        State,
        "current|project|draft|timeline|edit|video state",
        Guard::None,
    ),
    rule(
        State,
        "state of [the|my|this] project|draft|timeline|video|edit|things",
        Guard::None,
    ),
    rule(
        State,
        "state|timeline|tracks|layers|draft|summary|overview|recap|rundown|breakdown",
        Alone,
    ),
    rule(
        State,
        "show|list|display|view|see|check|print|get|give|open|describe|summarize|summarise|recap [me|us] [all|every] [the|my|our|current|a|an|of] [the|my|our] [current] tracks|track|timeline|draft|project|clips|layers|summary|overview|status|progress|state|edit|edits|changes|structure|breakdown|composition|contents|content|lineup",
        Guard::None,
    ),
    rule(
        State,
        "what's|whats|what [is|s] on|in [the|my|this] timeline|draft|project|video|edit",
        Guard::None,
    ),
    rule(
        State,
        "what tracks|clips|layers|elements|media",
        Guard::None,
    ),
    rule(State, "what do we|i have so far", Guard::None),
    rule(
        State,
        "what do we|i have [right] now|currently",
        Guard::None,
    ),
    rule(
        State,
        "what have we|i|you got|done|added|made so far",
        Guard::None,
    ),
    rule(State, "what have you done|added|made", Guard::None),
    rule(State, "where are we [at]", Guard::None),
    rule(
        State,
        "show|tell [me|us] what you've|you|we've|we|i've|i [have] done|added|made|got [so] [far]",
        Guard::None,
    ),
    rule(State, "track list|listing", Guard::None),
    rule(State, "tracklist", Guard::None),
    rule(State, "状态|进度|进展|预览", Status),
    rule(
        State,
        "查看|看看|看一下|看下|显示|列出|展示|给我看|让我看看|让我看|看 [一下|下] [当前|现在|目前|我的|所有|全部] [的] 时间线|时间轴|轨道|草稿|项目|工程|片段|内容|概况|摘要|情况|结构",
        Guard::None,
    ),
    rule(
        State,
        "时间线|时间轴|轨道|项目|视频 上|里|中 [现在|目前] [都] 有 什么|哪些|啥",
        Guard::None,
    ),
    rule(State, "有 什么|哪些 轨道|片段", Guard::None),
    rule(State, "时间线|时间轴|轨道|概况|摘要|总览|概览", Alone),
    rule(State, "做到哪|到哪一步|到哪了", Guard::None),
    rule(
        State,
        "把 时间线|时间轴|轨道|草稿|项目 给我 看|看看|瞧瞧",
        Guard::None,
    ),
    // Upload: the person wants to send files.
    rule(Upload, "upload|uploading|attach|import", Guard::Upload),
    rule(
        Upload,
        concat!(
            "add|send|attach|include|share|give|import|bring ",
            new_media!()
        ),
        UploadAdd,
    ),
    rule(Upload, concat!("i have|got ", new_media!()), UploadAdd),
    rule(
        Upload,
        concat!("i've|ive|we've [got] ", new_media!()),
        UploadAdd,
    ),
    rule(Upload, concat!("here are|is ", new_media!()), UploadAdd),
    rule(Upload, concat!("here's|heres ", new_media!()), UploadAdd),
    rule(Upload, concat!("more ", media!()), Alone),
    rule(
        Upload,
        "add|use|include|bring|send|upload [in] [a|some] my own music|song|songs|audio|track|soundtrack|voiceover|narration|recording|recordings",
        UploadAdd,
    ),
    rule(
        Upload,
        "add|send|attach [a|an|some|my] music|audio|song|sound|voice file|files|mp3|mp3s|recording",
        UploadAdd,
    ),
    rule(Upload, "上传|导入", Guard::Upload),
    rule(
        Upload,
        concat!(
            "传|发|加|添加|再加|多加|补充|增加|补|放|给你 [几|一些|些|更多|点|新的|新|几个|一张|两张|三张|一段] [张|个|段|的|些] ",
            media_han!()
        ),
        UploadAdd,
    ),
    rule(
        Upload,
        concat!(
            "我|还|这里 [还] 有 [几张|几个|一些|些|更多|别的|其他|新的] [的] ",
            media_han!()
        ),
        UploadAdd,
    ),
    rule(
        Upload,
        concat!(
            "这是|这些是 [我的] [一些|几张|几个|新的] [的] ",
            media_han!()
        ),
        UploadAdd,
    ),
];

/// A keyword found in the text: what it asks for, where, and the guard for its sense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    /// The action the keyword asks for.
    pub(crate) action: Action,
    /// The tokens the keyword covers.
    pub(crate) span: Range<usize>,
    /// The sense check its table entry names.
    pub(crate) guard: Guard,
}

/// Every keyword match in `tokens`: at each start, the longest match of each action, and none
/// that lies inside a longer match of the same action ("more photos" in "add more photos").
pub(crate) fn hits(tokens: &Tokens) -> Vec<Hit> {
    static INDEX: OnceLock<Index> = OnceLock::new();
    let index = INDEX.get_or_init(|| Index::new(RULES.iter().map(|r| &r.pattern)));
    let mut found: Vec<Hit> = Vec::new();
    for start in 0..tokens.len() {
        if !tokens.is_text(start) {
            continue;
        }
        for rule in index
            .candidates(tokens.text(start))
            .filter_map(|n| RULES.get(n))
        {
            let Some(end) = match_at(rule.pattern, tokens, start) else {
                continue;
            };
            let same = found
                .iter_mut()
                .find(|h| h.action == rule.action && h.span.start == start);
            match same {
                Some(hit) if hit.span.end >= end => {}
                Some(hit) => {
                    hit.span.end = end;
                    hit.guard = rule.guard;
                }
                None => found.push(Hit {
                    action: rule.action,
                    span: start..end,
                    guard: rule.guard,
                }),
            }
        }
    }
    let inside_longer = |h: &Hit| {
        found.iter().any(|o| {
            o.action == h.action
                && o.span != h.span
                && o.span.start <= h.span.start
                && h.span.end <= o.span.end
        })
    };
    let keep: Vec<bool> = found.iter().map(|h| !inside_longer(h)).collect();
    found
        .into_iter()
        .zip(keep)
        .filter_map(|(h, keep)| keep.then_some(h))
        .collect()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn actions(text: &str) -> Vec<(Action, usize, usize)> {
        hits(&Tokens::new(text))
            .into_iter()
            .map(|h| (h.action, h.span.start, h.span.end))
            .collect()
    }

    #[test]
    fn the_protocol_floor_is_covered() {
        for (text, action) in [
            ("export", Export),
            ("导出", Export),
            ("download", Export),
            ("send me the video", Export),
            ("credits", Credits),
            ("积分", Credits),
            ("balance", Credits),
            ("余额", Credits),
            ("status", State),
            ("状态", State),
            ("show tracks", State),
            ("upload", Upload),
            ("上传", Upload),
        ] {
            let found = actions(text);
            assert_eq!(
                found.first().map(|h| h.0),
                Some(action),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn each_start_keeps_its_longest_match() {
        assert_eq!(actions("give me the final video file"), [(Export, 0, 6)]);
        assert_eq!(actions("生成最终视频文件"), [(Export, 0, 8)]);
        assert_eq!(actions("I want to add more photos"), [(Upload, 3, 6)]);
    }

    #[test]
    fn every_pattern_is_well_formed() {
        for rule in RULES {
            assert!(
                crate::intent::pattern::well_formed(rule.pattern),
                "{}",
                rule.pattern
            );
        }
    }

    #[test]
    fn past_forms_never_match() {
        assert!(actions("before exporting, the clips I uploaded").is_empty());
    }
}
