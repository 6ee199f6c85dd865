//! The sentences of a reply, English and Chinese side by side.

use super::texts;
use crate::agent::outcome::{Outcome, Problem};
use crate::agent::types::{Aspect, Language};
use crate::agent::understand::{MotionStyle, Ordinal};
use i2v_core::draft::{Motion, TransitionKind};

/// Milliseconds as seconds, with one decimal only where needed: `30`, `4.3`.
pub(super) fn secs(ms: u64) -> String {
    let tenths = ms.saturating_add(50) / 100;
    match tenths % 10 {
        0 => format!("{}", tenths / 10),
        fraction => format!("{}.{fraction}", tenths / 10),
    }
}

/// A volume in whole percent.
pub(super) fn percent(volume: f64) -> u64 {
    let value = (volume.clamp(0.0, 1.0) * 100.0).round();
    // Clamped to 0–100 above, so the cast is exact.
    value as u64
}

/// "photo 2", "photos 2 and 3", "photos 2, 3 and 5"; "第2张", "第2、3张".
fn pictures(language: Language, positions: &[usize]) -> String {
    let numbers: Vec<String> = positions.iter().map(usize::to_string).collect();
    match language {
        Language::Chinese => format!("第{}张", numbers.join("、")),
        Language::English => match numbers.split_last() {
            Some((last, [])) => format!("photo {last}"),
            Some((last, rest)) => format!("photos {} and {last}", rest.join(", ")),
            None => "no photo".to_owned(),
        },
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// A kind of transition in the reply's words (plural: the video has them between pictures).
pub(super) fn transition_name(language: Language, kind: TransitionKind) -> &'static str {
    let (english, chinese) = match kind {
        TransitionKind::Fade => ("crossfades", "淡入淡出"),
        TransitionKind::Dissolve => ("dissolves", "溶解"),
        TransitionKind::FadeBlack => ("fades through black", "黑场过渡"),
        TransitionKind::FadeWhite => ("fades through white", "闪白"),
        TransitionKind::SlideLeft => ("slides to the left", "向左滑动"),
        TransitionKind::SlideRight => ("slides to the right", "向右滑动"),
        TransitionKind::SlideUp => ("slides up", "向上滑动"),
        TransitionKind::SlideDown => ("slides down", "向下滑动"),
        TransitionKind::WipeLeft => ("wipes to the left", "向左擦除"),
        TransitionKind::WipeRight => ("wipes to the right", "向右擦除"),
        TransitionKind::CircleOpen => ("circle openings", "圆形展开"),
        TransitionKind::CircleClose => ("circle closings", "圆形收拢"),
        TransitionKind::Pixelize => ("pixelated transitions", "像素化"),
        TransitionKind::Radial => ("radial wipes", "径向擦除"),
        TransitionKind::ZoomIn => ("zoom transitions", "缩放"),
        // A draft from elsewhere may use any of ffmpeg's: its name is the best word there is.
        TransitionKind::Xfade(name) => (name, name),
    };
    match language {
        Language::English => english,
        Language::Chinese => chinese,
    }
}

/// A camera movement in the reply's words.
pub(super) fn motion_name(language: Language, style: MotionStyle) -> &'static str {
    let (english, chinese) = match style {
        MotionStyle::Zooms => ("a slow zoom in and out", "缓慢推拉"),
        MotionStyle::Pans => ("gentle pans left and right", "左右平移"),
        MotionStyle::Still | MotionStyle::Fixed(Motion::None) => ("no motion", "静止不动"),
        MotionStyle::Fixed(Motion::ZoomIn) => ("a slow zoom in", "缓慢放大"),
        MotionStyle::Fixed(Motion::ZoomOut) => ("a slow zoom out", "缓慢缩小"),
        MotionStyle::Fixed(Motion::PanLeft) => ("a pan to the left", "向左平移"),
        MotionStyle::Fixed(Motion::PanRight) => ("a pan to the right", "向右平移"),
        MotionStyle::Fixed(Motion::PanUp) => ("a pan upwards", "向上平移"),
        MotionStyle::Fixed(Motion::PanDown) => ("a pan downwards", "向下平移"),
    };
    match language {
        Language::English => english,
        Language::Chinese => chinese,
    }
}

pub(super) fn aspect_label(language: Language, aspect: Aspect) -> &'static str {
    match (language, aspect) {
        (Language::English, Aspect::Landscape) => "landscape",
        (Language::English, Aspect::Portrait) => "vertical",
        (Language::English, Aspect::Square) => "square",
        (Language::Chinese, Aspect::Landscape) => "横屏",
        (Language::Chinese, Aspect::Portrait) => "竖屏",
        (Language::Chinese, Aspect::Square) => "方形",
        (Language::English, Aspect::Tall) => "portrait",
        (Language::English, Aspect::Classic) => "classic",
        (Language::Chinese, Aspect::Tall) => "竖版",
        (Language::Chinese, Aspect::Classic) => "经典电视",
    }
}

/// The sentence telling a change made.
pub(super) fn outcome(language: Language, outcome: &Outcome) -> String {
    match language {
        Language::English => english_outcome(outcome),
        Language::Chinese => chinese_outcome(outcome),
    }
}

fn english_outcome(outcome: &Outcome) -> String {
    let en = Language::English;
    match outcome {
        Outcome::Generated {
            images,
            total_ms,
            transition,
            motion,
            skipped_videos,
        } => {
            let transition = transition
                .as_ref()
                .map_or("plain cuts", |kind| transition_name(en, *kind));
            let mut text = format!(
                "I turned your {} into a {}-second video with {transition} and {}.",
                plural(*images, "photo", "photos"),
                secs(*total_ms),
                motion_name(en, *motion)
            );
            if *skipped_videos > 0 {
                let videos = plural(*skipped_videos, "video file", "video files");
                text.push_str(&format!(
                    " (I left out {videos}: slideshows are made from photos.)"
                ));
            }
            text
        }
        Outcome::Dressed { music, title } => match (music, title) {
            (Some((name, volume)), Some(title)) => format!(
                "Then I added {name} background music at {}% and the title '{title}'.",
                percent(*volume)
            ),
            (Some((name, volume)), None) => {
                format!(
                    "Then I added {name} background music at {}%.",
                    percent(*volume)
                )
            }
            (None, Some(title)) => format!("Then I added the title '{title}'."),
            (None, None) => "I left out music and title.".to_owned(),
        },
        Outcome::Total { total_ms, clips } => format!(
            "The video is now {} seconds long ({}, about {} s each).",
            secs(*total_ms),
            plural(*clips, "photo", "photos"),
            secs(total_ms / (*clips).max(1) as u64)
        ),
        Outcome::Each { each_ms, total_ms } => format!(
            "Each photo now shows for {} seconds ({} seconds in all).",
            secs(*each_ms),
            secs(*total_ms)
        ),
        Outcome::Clips { lengths, total_ms } => {
            let positions: Vec<usize> = lengths.iter().map(|(position, _)| *position).collect();
            let each = match same_length(lengths) {
                Some(ms) => format!(
                    "{} now {} for {} seconds",
                    capitalized(&pictures(en, &positions)),
                    if positions.len() == 1 {
                        "shows"
                    } else {
                        "show"
                    },
                    secs(ms)
                ),
                None => lengths
                    .iter()
                    .map(|(position, ms)| format!("photo {position} now shows for {} s", secs(*ms)))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            format!(
                "{}; the video is {} seconds long.",
                capitalized(&each),
                secs(*total_ms)
            )
        }
        Outcome::Removed {
            positions,
            left,
            total_ms,
        } => format!(
            "Removed {}; {} left ({} seconds).",
            pictures(en, positions),
            plural(*left, "photo", "photos"),
            secs(*total_ms)
        ),
        Outcome::Moved { from, to } => format!("Moved photo {from} to position {to}."),
        Outcome::Swapped(a, b) => format!("Swapped photos {a} and {b}."),
        Outcome::Reversed => "Reversed the order of the photos.".to_owned(),
        Outcome::AddedImages { count, total_ms } => format!(
            "Added {} at the end ({} seconds in all).",
            plural(*count, "new photo", "new photos"),
            secs(*total_ms)
        ),
        Outcome::Transitions(Some((kind, ms))) => format!(
            "Transitions are now {} ({} s each).",
            transition_name(en, *kind),
            secs(*ms)
        ),
        Outcome::Transitions(None) => {
            "Removed the transitions: the photos now cut straight from one to the next.".to_owned()
        }
        Outcome::Motion(style, Some(position)) => {
            format!("Photo {position} now has {}.", motion_name(en, *style))
        }
        Outcome::Motion(style, None) => format!("The photos now have {}.", motion_name(en, *style)),
        Outcome::Music(name, volume) => {
            format!("Background music is now {name} at {}%.", percent(*volume))
        }
        Outcome::MusicRemoved => "Removed the background music.".to_owned(),
        Outcome::Volume(volume) if *volume <= 0.0 => "Muted the music.".to_owned(),
        Outcome::Volume(volume) => format!("Music volume is now {}%.", percent(*volume)),
        Outcome::Title(text) => format!("The title is now '{text}'."),
        Outcome::TitleShown(ms) => format!("The title now shows for {} seconds.", secs(*ms)),
        Outcome::TitleSize(size) => format!("The title's font size is now {size}."),
        Outcome::TitleRemoved => "Removed the title.".to_owned(),
        Outcome::Captions(count) => format!(
            "Added {} from the file names.",
            plural(*count, "caption", "captions")
        ),
        Outcome::Caption(text, Some(position)) => {
            format!("Added the caption '{text}' on photo {position}.")
        }
        Outcome::Caption(text, None) => format!("Added the caption '{text}' over the whole video."),
        Outcome::CaptionsRemoved(Some(position)) => {
            format!("Removed the caption on photo {position}.")
        }
        Outcome::CaptionsRemoved(None) => "Removed the captions.".to_owned(),
        Outcome::Undone { .. } | Outcome::Redone { .. } => super::history::outcome(en, outcome),
        Outcome::Aspect(aspect) => {
            let (width, height) = aspect.size();
            format!(
                "The frame is now {} {} ({width}x{height}).",
                aspect_label(en, *aspect),
                aspect.as_str()
            )
        }
        Outcome::Pace { .. } | Outcome::Fade(..) | Outcome::Fit(..) => {
            super::shape::outcome(en, outcome)
        }
        Outcome::TitleAdded { text, end_ms } => texts::title_added(en, text, *end_ms),
        Outcome::TitleLook(look) => texts::title_look(en, look),
        Outcome::TextPlaced(placed) => texts::placed(en, placed, false),
        Outcome::TitleMoved(placed) => texts::placed(en, placed, true),
        Outcome::TextsLook { look, span } => texts::texts_look(en, look, *span),
        Outcome::TextsRemoved { texts, span } => texts::texts_removed(en, texts, *span),
    }
}

fn chinese_outcome(outcome: &Outcome) -> String {
    let zh = Language::Chinese;
    match outcome {
        Outcome::Generated {
            images,
            total_ms,
            transition,
            motion,
            skipped_videos,
        } => {
            let transition = transition
                .as_ref()
                .map_or("直接切换", |kind| transition_name(zh, *kind));
            let mut text = format!(
                "我用你的{images}张图片做了一个{}秒的视频，转场为{transition}，画面{}。",
                secs(*total_ms),
                motion_name(zh, *motion)
            );
            if *skipped_videos > 0 {
                text.push_str(&format!(
                    "（{skipped_videos}个视频文件没有用到：幻灯片只用图片。）"
                ));
            }
            text
        }
        Outcome::Dressed { music, title } => match (music, title) {
            (Some((name, volume)), Some(title)) => format!(
                "然后加上了{name}背景音乐（音量{}%）和标题“{title}”。",
                percent(*volume)
            ),
            (Some((name, volume)), None) => {
                format!("然后加上了{name}背景音乐（音量{}%）。", percent(*volume))
            }
            (None, Some(title)) => format!("然后加上了标题“{title}”。"),
            (None, None) => "没有加音乐和标题。".to_owned(),
        },
        Outcome::Total { total_ms, clips } => format!(
            "视频现在是{}秒（{clips}张图片，每张约{}秒）。",
            secs(*total_ms),
            secs(total_ms / (*clips).max(1) as u64)
        ),
        Outcome::Each { each_ms, total_ms } => format!(
            "每张图片现在显示{}秒（共{}秒）。",
            secs(*each_ms),
            secs(*total_ms)
        ),
        Outcome::Clips { lengths, total_ms } => {
            let positions: Vec<usize> = lengths.iter().map(|(position, _)| *position).collect();
            let each = match same_length(lengths) {
                Some(ms) => format!("{}现在显示{}秒", pictures(zh, &positions), secs(ms)),
                None => lengths
                    .iter()
                    .map(|(position, ms)| format!("第{position}张现在显示{}秒", secs(*ms)))
                    .collect::<Vec<_>>()
                    .join("，"),
            };
            format!("{each}，视频共{}秒。", secs(*total_ms))
        }
        Outcome::Removed {
            positions,
            left,
            total_ms,
        } => format!(
            "已删除{}，还剩{left}张（{}秒）。",
            pictures(zh, positions),
            secs(*total_ms)
        ),
        Outcome::Moved { from, to } => format!("已把第{from}张移到第{to}位。"),
        Outcome::Swapped(a, b) => format!("已交换第{a}张和第{b}张。"),
        Outcome::Reversed => "图片顺序已经倒过来了。".to_owned(),
        Outcome::AddedImages { count, total_ms } => {
            format!("在末尾加入了{count}张新图片（共{}秒）。", secs(*total_ms))
        }
        Outcome::Transitions(Some((kind, ms))) => format!(
            "转场已改为{}（每个{}秒）。",
            transition_name(zh, *kind),
            secs(*ms)
        ),
        Outcome::Transitions(None) => "已去掉转场，图片之间直接切换。".to_owned(),
        Outcome::Motion(style, Some(position)) => {
            format!("第{position}张现在{}。", motion_name(zh, *style))
        }
        Outcome::Motion(style, None) => format!("所有图片现在{}。", motion_name(zh, *style)),
        Outcome::Music(name, volume) => {
            format!("背景音乐换成了{name}（音量{}%）。", percent(*volume))
        }
        Outcome::MusicRemoved => "已去掉背景音乐。".to_owned(),
        Outcome::Volume(volume) if *volume <= 0.0 => "音乐已静音。".to_owned(),
        Outcome::Volume(volume) => format!("音乐音量已调到{}%。", percent(*volume)),
        Outcome::Title(text) => format!("标题已设为“{text}”。"),
        Outcome::TitleShown(ms) => format!("标题现在显示{}秒。", secs(*ms)),
        Outcome::TitleSize(size) => format!("标题字号已调到{size}。"),
        Outcome::TitleRemoved => "已删除标题。".to_owned(),
        Outcome::Captions(count) => format!("根据文件名加了{count}条字幕。"),
        Outcome::Caption(text, Some(position)) => format!("在第{position}张上加了字幕“{text}”。"),
        Outcome::Caption(text, None) => format!("在整个视频上加了字幕“{text}”。"),
        Outcome::CaptionsRemoved(Some(position)) => format!("已删除第{position}张的字幕。"),
        Outcome::CaptionsRemoved(None) => "已删除字幕。".to_owned(),
        Outcome::Undone { .. } | Outcome::Redone { .. } => super::history::outcome(zh, outcome),
        Outcome::Aspect(aspect) => {
            let (width, height) = aspect.size();
            format!(
                "画面比例已改为{}（{}，{width}x{height}）。",
                aspect.as_str(),
                aspect_label(zh, *aspect)
            )
        }
        Outcome::Pace { .. } | Outcome::Fade(..) | Outcome::Fit(..) => {
            super::shape::outcome(zh, outcome)
        }
        Outcome::TitleAdded { text, end_ms } => texts::title_added(zh, text, *end_ms),
        Outcome::TitleLook(look) => texts::title_look(zh, look),
        Outcome::TextPlaced(placed) => texts::placed(zh, placed, false),
        Outcome::TitleMoved(placed) => texts::placed(zh, placed, true),
        Outcome::TextsLook { look, span } => texts::texts_look(zh, look, *span),
        Outcome::TextsRemoved { texts, span } => texts::texts_removed(zh, texts, *span),
    }
}

/// The length all the pictures share, if they share one.
fn same_length(lengths: &[(usize, u64)]) -> Option<u64> {
    let (_, first) = lengths.first()?;
    lengths.iter().all(|(_, ms)| ms == first).then_some(*first)
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn ordinal_text(language: Language, ordinal: Ordinal) -> String {
    match (language, ordinal) {
        (Language::English, Ordinal::Nth(n)) => format!("photo {n}"),
        (Language::English, Ordinal::FromEnd(1)) => "last photo".to_owned(),
        (Language::English, Ordinal::FromEnd(n)) => format!("photo {n} from the end"),
        (Language::Chinese, Ordinal::Nth(n)) => format!("第{n}张"),
        (Language::Chinese, Ordinal::FromEnd(n)) => format!("倒数第{n}张"),
    }
}

/// The sentence telling why an instruction changed nothing.
pub(super) fn problem(language: Language, problem: &Problem) -> String {
    let en = language == Language::English;
    match problem {
        Problem::NoImages if en => {
            "I need some photos first: upload a few images and I'll turn them into a video."
                .to_owned()
        }
        Problem::NoImages => "请先上传几张图片，我再把它们做成视频。".to_owned(),
        Problem::NoVideo if en => "There's no video to edit yet.".to_owned(),
        Problem::NoVideo => "还没有可以编辑的视频。".to_owned(),
        Problem::NoSuchPicture { asked, count } if en => format!(
            "There's no {}: the video has {}.",
            ordinal_text(language, *asked),
            plural(*count, "photo", "photos")
        ),
        Problem::NoSuchPicture { asked, count } => {
            format!(
                "没有{}图片：视频里只有{count}张。",
                ordinal_text(language, *asked)
            )
        }
        Problem::WouldRemoveAll if en => {
            "I can't remove every photo: a video needs at least one.".to_owned()
        }
        Problem::WouldRemoveAll => "不能删掉所有图片，视频至少需要一张。".to_owned(),
        Problem::TooShort { min_ms } if en => {
            format!(
                "That's too short: it needs at least {} seconds.",
                secs(*min_ms)
            )
        }
        Problem::TooShort { min_ms } => format!("太短了：至少需要{}秒。", secs(*min_ms)),
        Problem::TooLong { max_ms } if en => {
            format!(
                "That's too long: the most I can do is {} seconds.",
                secs(*max_ms)
            )
        }
        Problem::TooLong { max_ms } => format!("太长了：最多{}秒。", secs(*max_ms)),
        Problem::AlreadySet(setting) => super::honesty::already(language, setting),
        // A compose step's "no change" reaches a reply only through the plan, which names it.
        Problem::Already | Problem::Unchanged => super::honesty::unchanged(language),
        Problem::NoMusic if en => {
            "There's no background music yet: say 'add music' to add some.".to_owned()
        }
        Problem::NoMusic => "现在还没有背景音乐，可以说“加背景音乐”。".to_owned(),
        Problem::NoUploadedMusic if en => "I couldn't find a song you uploaded: upload an audio \
            file (mp3, wav, m4a, aac), or pick from the library: Lo-fi, Upbeat, Calm, Cinematic."
            .to_owned(),
        Problem::NoUploadedMusic => {
            "没有找到你上传的音乐：可以上传音频文件（mp3、wav、m4a、aac），\
            或从曲库中选择：Lo-fi、Upbeat、Calm、Cinematic。"
                .to_owned()
        }
        Problem::NoTitle if en => {
            "There's no title yet: say 'add a title \"…\"' to add one.".to_owned()
        }
        Problem::NoTitle => "还没有标题，可以说“加标题「…」”。".to_owned(),
        Problem::NoCaptions if en => "There are no captions to remove.".to_owned(),
        Problem::NoCaptions => "没有可以删除的字幕。".to_owned(),
        Problem::NoNewImages if en => {
            "All your uploaded photos are already in the video.".to_owned()
        }
        Problem::NoNewImages => "上传的图片都已经在视频里了。".to_owned(),
        Problem::WhichPicture if en => {
            "Which photo do you mean? For example: 'remove the second photo'.".to_owned()
        }
        Problem::WhichPicture => "是哪一张图片？例如可以说“删除第二张”。".to_owned(),
        Problem::WhatText if en => {
            "What should the caption say? Put it in quotes, for example: add the caption 'Sunset' \
             to the last photo."
                .to_owned()
        }
        Problem::WhatText => {
            "字幕要写什么？请用引号写出来，例如：给最后一张加字幕「日落」。".to_owned()
        }
        Problem::WhereTo if en => {
            "Where should it go? For example: 'move the last photo to the start'.".to_owned()
        }
        Problem::WhereTo => "要移到哪里？例如可以说“把最后一张移到开头”。".to_owned(),
        Problem::OtherAspect(_) | Problem::PaceLimit { .. } | Problem::NoFade(_) => {
            super::shape::problem(language, problem)
        }
        Problem::TitleWanted => texts::title_wanted(language),
        Problem::TextWanted => texts::text_wanted(language),
        Problem::NoTextsThere(span) => texts::no_texts_there(language, *span),
        Problem::NothingToUndo | Problem::NothingToRedo => {
            super::history::problem(language, problem)
        }
    }
}

/// The answer to "export": the editor's Export button renders the video.
pub(super) fn export(language: Language, has_video: bool) -> String {
    match (language, has_video) {
        (Language::English, true) => {
            "Your video is ready: click the Export button to render and download the MP4."
                .to_owned()
        }
        (Language::English, false) => {
            "There's nothing to export yet: upload some photos and say 'make a video' first."
                .to_owned()
        }
        (Language::Chinese, true) => {
            "视频已经准备好了：点击导出按钮即可生成并下载 MP4。".to_owned()
        }
        (Language::Chinese, false) => {
            "还没有可以导出的视频：请先上传图片，然后说“做成视频”。".to_owned()
        }
    }
}

/// What the agent can do, and what to do first.
pub(super) fn help(language: Language, has_images: bool, has_video: bool) -> String {
    let (intro, next) = match language {
        Language::English => (
            "I make videos from your photos and edit them. You can say, for example: 'make a \
             30-second video with smooth transitions and calm music', 'make each photo 4 \
             seconds', 'remove the second photo', 'move the last photo to the start', 'no \
             transitions', 'lower the music' or 'mute', 'use cinematic music' (the library has \
             Lo-fi, Upbeat, Calm and Cinematic), 'add a title \"Summer\"', 'add captions', \
             'make it vertical'.",
            if !has_images {
                " To start, upload a few photos."
            } else if !has_video {
                " Your photos are ready: say 'make a video' to start."
            } else {
                ""
            },
        ),
        Language::Chinese => (
            "我可以把你的图片做成视频，并继续修改。例如可以说：“做一个30秒的视频，加平滑转场和\
             轻松的音乐”、“每张图片4秒”、“删除第二张”、“把最后一张移到开头”、“不要转场”、\
             “音乐调低一点”或“静音”、“换成史诗音乐”（曲库有 Lo-fi、Upbeat、Calm、Cinematic）、\
             “加标题「夏天」”、“加字幕”、“做成竖屏”。",
            if !has_images {
                "请先上传几张图片。"
            } else if !has_video {
                "图片已经上传好了，说“做成视频”就可以开始。"
            } else {
                ""
            },
        ),
    };
    format!("{intro}{next}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_read_with_a_decimal_only_where_needed() {
        assert_eq!(secs(30_000), "30");
        assert_eq!(secs(4_285), "4.3");
        assert_eq!(secs(800), "0.8");
        assert_eq!(secs(0), "0");
    }

    #[test]
    fn lists_of_pictures_read_naturally() {
        assert_eq!(pictures(Language::English, &[2]), "photo 2");
        assert_eq!(pictures(Language::English, &[2, 3, 5]), "photos 2, 3 and 5");
        assert_eq!(pictures(Language::Chinese, &[2, 3]), "第2、3张");
    }
}
