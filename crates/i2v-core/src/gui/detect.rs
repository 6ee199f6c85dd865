//! Finding the GUI step a clause asks the person to take (`docs/PROTOCOL.md` §7).
//!
//! Rules:
//! - An English GUI verb counts only in imperative position: everything before it in the clause
//!   is preface ("now", "simply", "you can", "when you're ready"), so content that merely holds
//!   the word ("the clip opens with a drag race") is left alone. Chinese verbs count anywhere,
//!   except `导出`/`下载` after "already/not" (a report, not an invitation) and `预览` without an
//!   inviting word (`可以`, `请`, `在时间线`, `一下`), since "预览效果很好" describes.
//! - The steps, by the verb that introduces them:
//!   - "click / tap", "点击 / 单击": press the control named after the verb (in quotes, or a
//!     known name from [`super::labels`]); a trailing "to …" (or, in Chinese, whatever follows
//!     the name) is what pressing it is for. "press / hit / push", "按下" mean other things too
//!     ("hit me up"), so they need a named control;
//!   - "open / go to / navigate to / visit", "打开 / 进入 / 前往": open the named panel (a name
//!     is needed: "open your heart", "打开看看" are not GUI);
//!   - "drag / drop / drag and drop", "拖拽 / 拖动 / 拖到": move something; with files and a drop
//!     area ("drag your photos here") it is an upload instead;
//!   - "preview", or "play / view / check … in the timeline", "预览", "在时间线上查看": preview;
//!   - "export / download / render", "导出 / 下载": an invitation to export;
//!   - "check / view … account / billing / credits", "top up", "查看账户", "充值": the account;
//!   - "select / choose / set / adjust / use / type …" with a control in the clause ("from the
//!     dropdown", "the volume slider", "下拉菜单", "滑块"): operating a control.
//! - Without a verb, a known control name followed by "button" or "icon" ("the Export button",
//!   "导出按钮") is still a GUI step: pressing it.

use std::ops::Range;

use super::labels::{Target, control_noun_at, label_at, quoted_label};
use crate::intent::pattern::{Table, any_at};
use crate::intent::tokens::{Kind, Tokens};

/// A GUI step a clause asks for, with the token ranges the translator needs to rephrase it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// Press a control; `label` is the control's name, `purpose` what pressing it is for.
    Press {
        /// What the control stands for.
        target: Target,
        /// Tokens naming the control, if it was named.
        label: Option<Range<usize>>,
        /// Tokens saying what the press is for ("to create your video").
        purpose: Option<Range<usize>>,
    },
    /// Open a panel standing for `target`.
    Open(Target),
    /// Move something on the timeline: the tokens of the verb, and a purpose when the clause is
    /// "drag to …".
    Drag {
        /// The drag verb's tokens.
        verb: Range<usize>,
        /// Tokens of "to …" right after the verb, when there is no object.
        purpose: Option<Range<usize>>,
    },
    /// Drag files into a drop area: an upload.
    DropFiles,
    /// Preview the result in the timeline.
    Preview,
    /// Export or download the video.
    Export,
    /// Look at the account, billing or credits.
    Account,
    /// Operate a control ("select a font from the dropdown", "用滑块调整音量"); `purpose` is a
    /// "to …" inside the clause.
    Control {
        /// Tokens saying what operating the control is for.
        purpose: Option<Range<usize>>,
    },
}

/// Words that may stand before an English GUI verb in imperative position.
static PREFACE: Table = Table::new(&[
    "please|now|then|next|first|just|simply|finally|and|or|so|also|you|can|could|may|might",
    "should|need|to|will|you'll|you'd|want|go|ahead|try|once|ok|okay|lastly|afterwards|all|do",
    "is|only|feel|free|kindly|here|easily|quickly|directly|always|recommend|suggest|would|like",
    "let's|lets|let|double|right|left|single|when|ready|you're|if|happy|satisfied|again|quick",
    "您|你|可以|请|只需|只要|直接|然后|接着|现在|就|能|再|先|去|来|最后",
]);

static CLICK: Table = Table::new(&["click|tap|点击|单击|双击|点一下|点按|轻触"]);
/// Press verbs that also mean other things ("hit me up"): they need a named control.
static PRESS: Table = Table::new(&["press|hit|push|按下|按一下|轻点|按"]);
static OPEN: Table = Table::new(&[
    "open|visit",
    "go|head|navigate|switch|jump|return [over|back] to",
    "打开|进入|前往|切换到|转到|跳转到|回到",
]);
static DRAG: Table = Table::new(&[
    "drag and drop",
    "drag|drop",
    "拖拽到|拖动到|拖放到|拖曳到|拖到|拖入|拖进|拖拽|拖动|拖放|拖曳|拖",
]);
static PREVIEW: Table = Table::new(&["preview", "预览"]);
static LOOK: Table = Table::new(&["play|watch|view|see|check|review|look|playback"]);
static PREVIEW_PLACES: Table =
    Table::new(&["timeline|player|editor|preview|时间线|时间轴|播放器|预览窗口"]);
static EXPORT: Table = Table::new(&["export|download|render", "导出|下载|渲染"]);
static ACCOUNT_VERBS: Table = Table::new(&[
    "check|view|visit|see|open|review|manage",
    "go|head|navigate [over] to",
    "查看|检查|前往|打开|进入|去|到",
]);
static ACCOUNT_NOUNS: Table = Table::new(&[
    "[your|the|my] account|billing|credits|credit|balance|subscription|plan|wallet|usage",
    "[您的|你的|我的] 账户|账号|积分|余额|账单|订阅|个人中心",
]);
static TOP_UP: Table = Table::new(&["top up", "recharge|upgrade", "充值|续费"]);
static OPERATE: Table = Table::new(&[
    "select|choose|pick|set|adjust|use|toggle|enable|disable|tick|untick|uncheck|type|enter|slide",
    "选择|选|设置|调整|调节|使用|用|勾选|取消勾选|输入|滑动|拖动",
]);
static FILE_WORDS: Table =
    Table::new(&["files|file|photos|images|pictures|videos|media|clips|照片|图片|文件|素材|视频"]);
static DROP_AREAS: Table =
    Table::new(&["here|upload|area|box|zone|window|uploader|这里|此处|上传区|上传区域|区域|窗口"]);
/// Words that stop the search for a control's name.
static NAME_STOPS: Table = Table::new(&["to|so|and|then|for|in|with|which|that|once|when"]);
/// Chinese words around a verb that say it already happened or did not.
static NOT_AN_INVITATION_BEFORE: Table = Table::new(&["已|已经|没|未|不|正在"]);
static NOT_AN_INVITATION_AFTER: Table = Table::new(&["的|过|完成|好了|成功"]);
/// Chinese words that invite a preview.
static PREVIEW_INVITES: Table = Table::new(&["可以|请|去|先|来|点击|在"]);

/// The GUI step the clause `clause` (token indices) asks for, if any.
pub(crate) fn detect(tokens: &Tokens, clause: Range<usize>) -> Option<Step> {
    (clause.start..clause.end)
        .find_map(|v| step_at(tokens, v, &clause))
        .or_else(|| button_mention(tokens, &clause))
}

/// The step introduced by a GUI verb at token `v`, if there is one in imperative position.
fn step_at(tokens: &Tokens, v: usize, clause: &Range<usize>) -> Option<Step> {
    let han = tokens.kind(v) == Some(Kind::Han);
    if !han && !imperative(tokens, v, clause) {
        return None;
    }
    let rest = |end: usize| end..clause.end;
    if is_account_at(tokens, v) {
        return Some(Step::Account);
    }
    if let Some(end) = CLICK.at(tokens, v) {
        return Some(press(tokens, rest(end)));
    }
    if let Some(end) = PRESS.at(tokens, v) {
        return name_after(tokens, rest(end)).map(|_| press(tokens, rest(end)));
    }
    if let Some(end) = OPEN.at(tokens, v) {
        // Only a named panel is GUI: "open your heart" and "打开看看" are not.
        return name_after(tokens, rest(end)).map(|(target, _)| Step::Open(target));
    }
    if let Some(end) = DRAG.at(tokens, v) {
        return Some(drag(tokens, v..end, clause));
    }
    if let Some(end) = PREVIEW.at(tokens, v) {
        return (!han || invited_preview(tokens, v, end, clause)).then_some(Step::Preview);
    }
    if LOOK.at(tokens, v).is_some() && mentions(tokens, rest(v), &PREVIEW_PLACES) {
        return Some(Step::Preview);
    }
    if let Some(end) = EXPORT.at(tokens, v) {
        return (!han || invited_export(tokens, v, end)).then_some(Step::Export);
    }
    if let Some(end) = OPERATE.at(tokens, v) {
        // "use the Export button" presses a known button; any other control is operated.
        if let Some(press) = button_mention(tokens, &rest(end)) {
            return Some(press);
        }
        let control = rest(end).any(|i| control_noun_at(tokens, i).is_some());
        let purpose = (end..clause.end)
            .find(|&i| tokens.text(i) == "to")
            .and_then(|to| purpose(tokens, to..clause.end));
        return control.then_some(Step::Control { purpose });
    }
    None
}

/// Whether every token before `v` in the clause is preface.
fn imperative(tokens: &Tokens, v: usize, clause: &Range<usize>) -> bool {
    let mut i = clause.start;
    while i < v {
        if !tokens.is_text(i) {
            i += 1;
            continue;
        }
        match PREFACE.at(tokens, i) {
            Some(end) if end <= v => i = end,
            _ => return false,
        }
    }
    true
}

/// Whether "check your account", "top up", "查看账户", "充值" … starts at `v`.
fn is_account_at(tokens: &Tokens, v: usize) -> bool {
    TOP_UP.at(tokens, v).is_some()
        || ACCOUNT_VERBS
            .at(tokens, v)
            .is_some_and(|verb_end| ACCOUNT_NOUNS.at(tokens, verb_end).is_some())
}

/// A press: the control named in `after` (quoted or known), and what the press is for.
fn press(tokens: &Tokens, after: Range<usize>) -> Step {
    let Some((target, label)) = name_after(tokens, after.clone()) else {
        return Step::Press {
            target: Target::Unknown,
            label: None,
            purpose: None,
        };
    };
    let mut purpose_start = label.end;
    if let Some(end) = control_noun_at(tokens, purpose_start) {
        purpose_start = end;
    }
    Step::Press {
        target,
        label: Some(label),
        purpose: purpose(tokens, purpose_start..after.end),
    }
}

/// The control named within `range`: a quoted name, or a known one, before any [`NAME_STOPS`].
fn name_after(tokens: &Tokens, range: Range<usize>) -> Option<(Target, Range<usize>)> {
    const LOOK_AHEAD: usize = 8;
    for j in range.clone().take(LOOK_AHEAD) {
        if tokens.kind(j) == Some(Kind::Quoted) {
            return Some((quoted_label(tokens, j), j..j + 1));
        }
        if let Some((target, end)) = label_at(tokens, j) {
            return Some((target, j..end));
        }
        if NAME_STOPS.at(tokens, j).is_some() {
            break;
        }
        if let Some(end) = control_noun_at(tokens, j) {
            // An unknown name before "button": the words between the verb and the noun.
            let name = range.start..j;
            return Some((Target::Unknown, if name.is_empty() { j..end } else { name }));
        }
    }
    None
}

/// What a press or a drag is for: "to …" in English, the rest of the clause in Chinese.
fn purpose(tokens: &Tokens, rest: Range<usize>) -> Option<Range<usize>> {
    let first = (rest.start..rest.end).find(|&i| tokens.is_text(i))?;
    if tokens.kind(first) == Some(Kind::Han) {
        let trivial = ["即可|就可以|就行|就好|吧|了|一下"];
        let content = (first..rest.end)
            .filter(|&i| tokens.kind(i) == Some(Kind::Han))
            .count();
        return (content >= 2 && any_at(&trivial, tokens, first).is_none())
            .then_some(first..rest.end);
    }
    let to = any_at(&["to", "in order to", "so that"], tokens, first)?;
    (to < rest.end).then_some(to..rest.end)
}

/// A drag: files into a drop area upload; otherwise a move, with "drag to …" as its purpose.
fn drag(tokens: &Tokens, verb: Range<usize>, clause: &Range<usize>) -> Step {
    if mentions(tokens, clause.clone(), &FILE_WORDS)
        && mentions(tokens, clause.clone(), &DROP_AREAS)
    {
        return Step::DropFiles;
    }
    let purpose = (tokens.text(verb.end) == "to")
        .then(|| purpose(tokens, verb.end..clause.end))
        .flatten();
    Step::Drag { verb, purpose }
}

/// Whether a Chinese `预览` at `v..end` is an invitation rather than a description.
fn invited_preview(tokens: &Tokens, v: usize, end: usize, clause: &Range<usize>) -> bool {
    let invited_before = (clause.start..v).any(|i| PREVIEW_INVITES.at(tokens, i).is_some());
    invited_before || any_at(&["一下"], tokens, end).is_some()
}

/// Whether a Chinese `导出`/`下载` at `v..end` invites an export rather than reports one.
fn invited_export(tokens: &Tokens, v: usize, end: usize) -> bool {
    let before = |n: usize| {
        v.checked_sub(n)
            .and_then(|i| NOT_AN_INVITATION_BEFORE.at(tokens, i))
    };
    let reported_before = before(1).is_some_and(|e| e <= v) || before(2).is_some_and(|e| e <= v);
    !reported_before && NOT_AN_INVITATION_AFTER.at(tokens, end).is_none()
}

/// Nouns that name a control pressed without a verb ("the Export button"); panels and pages are
/// talked about ("the Export panel isn't available") more than pressed.
static PRESSABLE: Table = Table::new(&["button|buttons|icon|按钮|图标"]);

/// "the Export button", "导出按钮": a known control named without a verb.
fn button_mention(tokens: &Tokens, clause: &Range<usize>) -> Option<Step> {
    (clause.start..clause.end).find_map(|j| {
        let (target, end) = if tokens.kind(j) == Some(Kind::Quoted) {
            (quoted_label(tokens, j), j + 1)
        } else {
            label_at(tokens, j)?
        };
        let noun_end = PRESSABLE.at(tokens, end)?;
        (target != Target::Unknown).then(|| Step::Press {
            target,
            label: Some(j..end),
            purpose: purpose(tokens, noun_end..clause.end),
        })
    })
}

fn mentions(tokens: &Tokens, range: Range<usize>, words: &Table) -> bool {
    range
        .clone()
        .any(|i| words.at(tokens, i).is_some_and(|end| end <= range.end))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn step(clause: &str) -> Option<Step> {
        let t = Tokens::new(clause);
        detect(&t, 0..t.len())
    }

    fn press_target(clause: &str) -> Option<Target> {
        match step(clause) {
            Some(Step::Press { target, .. }) => Some(target),
            _ => None,
        }
    }

    #[test]
    fn presses_name_their_control() {
        assert_eq!(press_target("click Export"), Some(Target::Export));
        assert_eq!(
            press_target("simply click the \"Generate Video\" button"),
            Some(Target::Generate)
        );
        assert_eq!(press_target("点击右上角的导出按钮"), Some(Target::Export));
        assert_eq!(press_target("tap the Sparkle icon"), Some(Target::Unknown));
        assert_eq!(press_target("click here"), Some(Target::Unknown));
        assert_eq!(press_target("the Export button"), Some(Target::Export));
        assert_eq!(press_target("上传按钮"), Some(Target::Upload));
        // A bare 导出 already invites the export, before the button rule looks.
        assert_eq!(step("导出按钮"), Some(Step::Export));
    }

    #[test]
    fn purposes_follow_the_control() {
        let t = Tokens::new("click Apply to add the fade");
        let Some(Step::Press {
            purpose: Some(p), ..
        }) = detect(&t, 0..t.len())
        else {
            panic!("a press with a purpose");
        };
        assert_eq!(t.text(p.start), "add");
        let zh = Tokens::new("点击生成按钮生成视频");
        let Some(Step::Press {
            purpose: Some(p), ..
        }) = detect(&zh, 0..zh.len())
        else {
            panic!("a press with a purpose");
        };
        assert_eq!(p.len(), 4);
    }

    #[test]
    fn panels_drags_previews_exports_and_accounts() {
        assert_eq!(
            step("open the Text panel"),
            Some(Step::Open(Target::Unknown))
        );
        assert_eq!(
            step("go to the Export tab"),
            Some(Step::Open(Target::Export))
        );
        assert_eq!(step("打开时间线面板"), Some(Step::Open(Target::Timeline)));
        assert!(matches!(
            step("drag the clip to the start"),
            Some(Step::Drag { .. })
        ));
        assert!(matches!(step("把片段拖到开头"), Some(Step::Drag { .. })));
        assert_eq!(
            step("drag and drop your photos here"),
            Some(Step::DropFiles)
        );
        assert_eq!(step("preview it in the timeline"), Some(Step::Preview));
        assert_eq!(
            step("you can play it back in the player"),
            Some(Step::Preview)
        );
        assert_eq!(step("可以在时间线上预览"), Some(Step::Preview));
        assert_eq!(step("now export it"), Some(Step::Export));
        assert_eq!(step("您现在可以导出视频"), Some(Step::Export));
        assert_eq!(step("check your account"), Some(Step::Account));
        assert_eq!(step("go to billing"), Some(Step::Account));
        assert_eq!(step("请充值"), Some(Step::Account));
        assert_eq!(
            step("select a new font from the dropdown"),
            Some(Step::Control { purpose: None })
        );
        assert_eq!(
            step("用滑块调整音量"),
            Some(Step::Control { purpose: None })
        );
        assert_eq!(step("select a warmer filter"), None);
    }

    #[test]
    fn content_that_holds_gui_words_is_left_alone() {
        for clause in [
            "the clip opens with a drag race",
            "I added a click sound",
            "the video was exported",
            "预览效果很好",
            "视频已导出",
            "I've added a \"Subscribe\" button animation",
            "the intro shows an open road",
            "hit me up if you need changes",
            "open your heart to the music",
            "打开看看效果吧",
            "I can export it in 4K",
            "the Export panel isn't available on the free plan",
        ] {
            assert_eq!(step(clause), None, "{clause}");
        }
    }

    #[test]
    fn every_pattern_is_well_formed() {
        for table in [
            &PREFACE,
            &CLICK,
            &PRESS,
            &PRESSABLE,
            &OPEN,
            &DRAG,
            &PREVIEW,
            &LOOK,
            &PREVIEW_PLACES,
            &EXPORT,
            &ACCOUNT_VERBS,
            &ACCOUNT_NOUNS,
            &TOP_UP,
            &FILE_WORDS,
            &DROP_AREAS,
            &NAME_STOPS,
            &NOT_AN_INVITATION_BEFORE,
            &NOT_AN_INVITATION_AFTER,
            &PREVIEW_INVITES,
            &OPERATE,
        ] {
            for pattern in table.patterns() {
                assert!(crate::intent::pattern::well_formed(pattern), "{pattern}");
            }
        }
    }
}
