//! The sentences telling a change made, in Chinese.

use super::{aspect_label, motion_name, percent, pictures, same_length, secs, transition_name};
use crate::agent::outcome::Outcome;
use crate::agent::reply::texts;
use crate::agent::types::Language;

/// The sentence telling a change made.
pub(super) fn chinese_outcome(outcome: &Outcome) -> String {
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
        Outcome::Undone { .. } | Outcome::Redone { .. } => {
            crate::agent::reply::history::outcome(zh, outcome)
        }
        Outcome::Aspect(aspect) => {
            let (width, height) = aspect.size();
            format!(
                "画面比例已改为{}（{}，{width}x{height}）。",
                aspect.as_str(),
                aspect_label(zh, *aspect)
            )
        }
        Outcome::Pace { .. } | Outcome::Fade(..) | Outcome::Fit(..) => {
            crate::agent::reply::shape::outcome(zh, outcome)
        }
        Outcome::TitleAdded { text, end_ms } => texts::title_added(zh, text, *end_ms),
        Outcome::TitleLook(look) => texts::title_look(zh, look),
        Outcome::TextPlaced(placed) => texts::placed(zh, placed, false),
        Outcome::TitleMoved(placed) => texts::placed(zh, placed, true),
        Outcome::TextsLook { look, span } => texts::texts_look(zh, look, *span),
        Outcome::TextsRemoved { texts, span } => texts::texts_removed(zh, texts, *span),
    }
}
