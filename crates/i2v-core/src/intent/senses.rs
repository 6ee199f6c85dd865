//! Sense guards: a keyword table entry names the guard that tells its command sense from the
//! other senses of the same words.
//!
//! Rules, by guard:
//! - [`Guard::Command`] (export, render, download, 导出 …): not a noun ("the export failed",
//!   "导出的视频"), not followed by what only a noun takes ("export settings", "导出按钮"), and
//!   its object is the video, not an element of it ("download music", "render the text in bold").
//! - [`Guard::Deliver`] (send me …, 发给我): nothing but the video is being sent ("把音乐发给我").
//! - [`Guard::Credit`]: not film credits ("end credits", "roll the credits", "credits listing
//!   the team"), not the verb ("credit the photographer"), not a credit card.
//! - [`Guard::Balance`]: not colour, white or audio balance, not the verb ("balance the audio").
//! - [`Guard::Status`] (status, progress, preview, 状态 …): not an on-screen thing ("status text",
//!   "progress bar", "preview image", "状态栏") and not a social-media status.
//! - [`Guard::Alone`] (bare nouns: "timeline", "summary"): the clause says nothing else.
//! - [`Guard::Upload`]: not a noun ("the upload is slow", "上传的照片"), not about the transfer
//!   ("upload speed"), not to another platform ("upload it to YouTube").
//! - [`Guard::UploadAdd`] (add more photos …): the photos are new, not ones already there
//!   ("add the photos I uploaded earlier"), and "photo" is not an adjective ("photo filters").

use std::ops::Range;

use super::pattern::Table;
use super::tokens::Tokens;

/// Which sense check a keyword table entry needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Guard {
    /// Always the sense the table means.
    None,
    /// A verb that exports or fetches the video.
    Command,
    /// A request to be sent the video.
    Deliver,
    /// The word "credit(s)".
    Credit,
    /// The word "balance".
    Balance,
    /// A word for the project's state that is also an on-screen thing.
    Status,
    /// A bare noun that only counts when the clause is about nothing else.
    Alone,
    /// The verb "upload" and its kin.
    Upload,
    /// Adding new media ("add more photos").
    UploadAdd,
}

/// Words that make the next word a noun.
static DETERMINERS: Table = Table::new(&[
    "the|an|a|this|that|my|your|our|its|his|her|their|first|last|previous|next|another|each",
]);
/// Verbs that take "the export" as their object and mean: do it.
static START_VERBS: Table =
    Table::new(&["start|run|do|begin|trigger|kick|off|launch|redo|retry|restart"]);
/// What follows a command word only when it is a noun.
static COMMAND_FOLLOWERS: Table = Table::new(&[
    "is|was|failed|fails|failing|button|menu|settings|setting|dialog|panel|tab|history|queue",
    "feature|function|limit|process|speed|bar|page|window|icon|folder|path|error|errors",
    "的|按钮|设置|选项|功能|速度|历史|记录|菜单|面板|页面|窗口|路径|进度",
]);
/// Elements of a video: the object that makes a command word mean something else.
static ELEMENTS: Table = Table::new(&[
    "title|titles|text|texts|subtitle|subtitles|caption|captions|font|fonts|logo|sticker|stickers",
    "music|song|songs|audio|soundtrack|sound|sounds|voiceover|narration|bgm|track|transition",
    "transitions|filter|filters|effect|effects|background|color|colour|overlay|watermark",
    "credits|intro|outro|template|templates|stock|app|lut|luts|preset|presets|thumbnail",
    "thumbnails|frame|frames|still|stills|photo|photos|image|images|picture|pictures|pics|srt",
    "transcript|library|emoji|gifs|plugin|plugins|software|codec|codecs|driver|drivers",
    "标题|字幕|文字|字体|贴纸|音乐|歌|配乐|音频|音效|背景|滤镜|特效|转场|模板|素材|图片|照片",
    "封面|水印|软件|插件|片头|片尾|歌曲|声音",
]);
/// Words that stand for the video itself: an object scan stops at them.
static VIDEO_NOUNS: Table = Table::new(&[
    "video|videos|movie|film|clip|clips|it|this|file|result|project|everything|final|whole|mp4|mov",
    "视频|成片|影片|它|这个|文件|项目|作品|最终",
]);
/// Words that end the search for a command's object: what follows is not its object.
static OBJECT_STOPS: Table = Table::new(&[
    "with|without|in|as|for|at|to|from|on|into|onto|using|via|and|or|but|so|please|now",
    "用|到|成|为|给|在|和|吧",
]);
/// Words skipped while looking for a command's object.
static OBJECT_SKIP: Table = Table::new(&[
    "the|a|an|my|our|this|that|these|those|some|all|your|me|us|out|one|一下|我的|个|的|一个|所有",
]);
/// Words before "credits" that make them film credits.
static CREDIT_ROLLS: Table = Table::new(&[
    "end|opening|closing|final|movie|film|roll|rolling|scroll|scrolling|intro|outro|ending|video",
]);
/// Words after "credit(s)" that make them film credits or the verb.
static CREDIT_FOLLOWERS: Table = Table::new(&[
    "at|listing|list|lists|with|roll|rolls|rolling|sequence|scene|screen|text|music|song|section",
    "page|card|cards|that|which|showing|including|naming|thanking|crawl|font|style|the|him",
    "her|them|for",
]);
/// Words before "balance" that name a picture or sound balance.
static BALANCE_KINDS: Table = Table::new(&[
    "color|colour|white|audio|sound|volume|stereo|tonal|tone|level|levels|mix|left|right|channel|exposure|light|lighting",
]);
/// Objects that make "balance" the verb.
static BALANCE_OBJECTS: Table = Table::new(&[
    "the|between|out|audio|sound|music|voice|colors|colours|volume|volumes|levels|level|it|them|this|these|loudness|tracks",
]);
/// Networks whose "status" is a post.
static STATUS_NETWORKS: Table =
    Table::new(&["whatsapp|instagram|facebook|wechat|ig|fb|微信|朋友圈"]);
/// What follows a state word only when it is an on-screen thing.
static STATUS_FOLLOWERS: Table = Table::new(&[
    "text|bar|message|update|updates|line|label|caption|icon|field|indicator|post|video|overlay",
    "image|thumbnail|frame|animation|circle|ring|栏|文字|条|图|图片|动画",
]);
/// Words a bare-noun clause may hold besides the noun.
static FILLERS: Table = Table::new(&[
    "please|pls|plz|now|thanks|thank|you|ok|okay|hey|hi|so|the|my|me|current|again|quick",
    "吧|呢|啊|吗|了|请|一下|下|的|现在|当前|目前|我|给|看",
]);
/// What follows "upload" when it is about the transfer, not a request to send files.
static UPLOAD_FOLLOWERS: Table = Table::new(&[
    "speed|limit|limits|size|failed|fails|failing|error|errors|is|was|button|progress|time",
    "took|takes|bar|page|quota",
    "的|失败|不了|速度|太慢|限制|按钮|中|进度|好了|完了|完成",
]);
/// Platforms a person uploads to themselves.
static PLATFORMS: Table = Table::new(&[
    "youtube|tiktok|instagram|ig|facebook|fb|twitter|x|vimeo|linkedin|bilibili|drive|dropbox|icloud",
    "抖音|快手|b站|微博|小红书|视频号|朋友圈",
]);
/// Signs that the media being added is already in the project.
static EXISTING_MEDIA: Table = Table::new(&[
    "uploaded|existing|already|earlier|previous|previously|same|library",
    "上传的|已经|之前|刚才|刚刚|素材库|原来",
]);

/// Whether the keyword at `span` has the sense its table entry means.
pub(crate) fn passes(guard: Guard, tokens: &Tokens, span: &Range<usize>) -> bool {
    let before = |n: usize| span.start.checked_sub(n);
    let at = |list: &Table, i: Option<usize>| i.is_some_and(|i| list.at(tokens, i).is_some());
    let after = Some(span.end);
    match guard {
        Guard::None => true,
        Guard::Command => {
            let noun = at(&DETERMINERS, before(1)) && !at(&START_VERBS, before(2));
            !noun && !at(&COMMAND_FOLLOWERS, after) && !object_is_element(tokens, span.end)
        }
        Guard::Deliver => {
            let clause = tokens.clause_range(span.start);
            !(clause.start..span.start).any(|i| at(&ELEMENTS, Some(i)))
        }
        Guard::Credit => {
            !at(&CREDIT_ROLLS, before(1))
                && !at(&CREDIT_ROLLS, before(2))
                && !at(&CREDIT_FOLLOWERS, after)
        }
        Guard::Balance => !at(&BALANCE_KINDS, before(1)) && !at(&BALANCE_OBJECTS, after),
        Guard::Status => {
            !at(&STATUS_NETWORKS, before(1))
                && !at(&STATUS_NETWORKS, before(2))
                && !at(&STATUS_FOLLOWERS, after)
                && !at(&ELEMENTS, after)
        }
        Guard::Alone => {
            let clause = tokens.clause_range(span.start);
            clause
                .filter(|i| !span.contains(i))
                .all(|i| !tokens.is_text(i) || at(&FILLERS, Some(i)))
        }
        Guard::Upload => {
            let to_platform = tokens.text(span.end) == "to"
                || tokens.text(span.end + 1) == "to"
                || tokens.text(span.end) == "到";
            let platform = (span.end..span.end + 4).any(|i| at(&PLATFORMS, Some(i)));
            let leaves = to_platform && platform;
            !(at(&DETERMINERS, before(1)) || at(&UPLOAD_FOLLOWERS, after) || leaves)
        }
        Guard::UploadAdd => {
            let clause = tokens.clause_range(span.start);
            !clause.clone().any(|i| at(&EXISTING_MEDIA, Some(i))) && !at(&ELEMENTS, after)
        }
    }
}

/// Whether the first thing a command acts on is an element of the video: the words after it,
/// up to a preposition or the video itself, name one ("download music", "Export Sale should be
/// the title").
fn object_is_element(tokens: &Tokens, from: usize) -> bool {
    const LOOK_AHEAD: usize = 6;
    let mut i = from;
    for _ in 0..LOOK_AHEAD {
        if !tokens.is_text(i) || OBJECT_STOPS.at(tokens, i).is_some() {
            return false;
        }
        if VIDEO_NOUNS.at(tokens, i).is_some() {
            return false;
        }
        if ELEMENTS.at(tokens, i).is_some() {
            return true;
        }
        i = OBJECT_SKIP.at(tokens, i).unwrap_or(i + 1);
    }
    false
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::intent::pattern::match_at;

    /// Runs `guard` on the first match of `keyword` in `text`.
    fn sense(guard: Guard, keyword: &str, text: &str) -> bool {
        let t = Tokens::new(text);
        let span = (0..t.len())
            .find_map(|i| match_at(keyword, &t, i).map(|end| i..end))
            .expect("the keyword is in the text");
        passes(guard, &t, &span)
    }

    #[test]
    fn every_pattern_is_well_formed() {
        for table in [
            &DETERMINERS,
            &START_VERBS,
            &COMMAND_FOLLOWERS,
            &ELEMENTS,
            &VIDEO_NOUNS,
            &OBJECT_STOPS,
            &OBJECT_SKIP,
            &CREDIT_ROLLS,
            &CREDIT_FOLLOWERS,
            &BALANCE_KINDS,
            &BALANCE_OBJECTS,
            &STATUS_NETWORKS,
            &STATUS_FOLLOWERS,
            &FILLERS,
            &UPLOAD_FOLLOWERS,
            &PLATFORMS,
            &EXISTING_MEDIA,
        ] {
            for pattern in table.patterns() {
                assert!(crate::intent::pattern::well_formed(pattern), "{pattern}");
            }
        }
    }

    #[test]
    fn commands_are_verbs_on_the_video() {
        assert!(sense(Guard::Command, "export", "export the final video"));
        assert!(sense(Guard::Command, "download", "download it"));
        assert!(sense(Guard::Command, "export", "start the export"));
        assert!(!sense(Guard::Command, "export", "the export failed"));
        assert!(!sense(Guard::Command, "export", "open export settings"));
        assert!(!sense(
            Guard::Command,
            "download",
            "download music from my library"
        ));
        assert!(!sense(Guard::Command, "render", "render the title in red"));
        assert!(!sense(Guard::Command, "导出", "导出的视频太暗了"));
        assert!(!sense(Guard::Command, "下载", "下载一下背景音乐"));
        assert!(sense(Guard::Command, "下载", "下载视频"));
    }

    #[test]
    fn credits_are_the_balance_not_the_film_credits() {
        assert!(sense(
            Guard::Credit,
            "credits",
            "how many credits do I have left"
        ));
        assert!(sense(Guard::Credit, "credits", "credits?"));
        assert!(!sense(
            Guard::Credit,
            "credits",
            "add end credits listing the team"
        ));
        assert!(!sense(
            Guard::Credit,
            "credits",
            "roll the credits at the end"
        ));
        assert!(!sense(Guard::Credit, "credit", "credit the photographer"));
    }

    #[test]
    fn balance_is_the_account_not_the_mix() {
        assert!(sense(Guard::Balance, "balance", "what's my balance"));
        assert!(!sense(Guard::Balance, "balance", "fix the colour balance"));
        assert!(!sense(Guard::Balance, "balance", "balance the audio"));
    }

    #[test]
    fn status_is_the_project_not_a_label() {
        assert!(sense(Guard::Status, "status", "what's the status"));
        assert!(!sense(Guard::Status, "status", "change the status text"));
        assert!(!sense(Guard::Status, "status", "make a whatsapp status"));
        assert!(!sense(Guard::Status, "状态", "把状态栏去掉"));
    }

    #[test]
    fn bare_nouns_need_a_clause_of_their_own() {
        assert!(sense(Guard::Alone, "timeline", "timeline please"));
        assert!(sense(Guard::Alone, "时间线", "时间线"));
        assert!(!sense(
            Guard::Alone,
            "timeline",
            "put the logo on the timeline"
        ));
    }

    #[test]
    fn upload_is_a_request_to_send_files() {
        assert!(sense(Guard::Upload, "upload", "I want to upload photos"));
        assert!(!sense(Guard::Upload, "upload", "upload speed is slow"));
        assert!(!sense(Guard::Upload, "upload", "the upload is slow"));
        assert!(!sense(Guard::Upload, "upload", "upload it to YouTube"));
        assert!(!sense(Guard::Upload, "上传", "上传的照片太暗"));
        assert!(sense(
            Guard::UploadAdd,
            "add more photos",
            "add more photos"
        ));
        assert!(!sense(
            Guard::UploadAdd,
            "add more photos",
            "add more photos from the ones I uploaded"
        ));
        assert!(!sense(Guard::UploadAdd, "add photo", "add photo filters"));
    }

    #[test]
    fn deliveries_are_of_the_video() {
        assert!(sense(Guard::Deliver, "发给我", "把视频发给我"));
        assert!(!sense(Guard::Deliver, "发给我", "把背景音乐发给我"));
    }
}
