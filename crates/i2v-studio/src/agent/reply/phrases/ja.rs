//! The sentences telling a change made, or why nothing changed, in Japanese.

use super::{
    aspect_label, motion_name, ordinal_text, percent, pictures, same_length, secs, transition_name,
};
use crate::agent::outcome::{Outcome, Problem};
use crate::agent::reply::{history, honesty, shape, texts};
use crate::agent::types::Language;
use crate::agent::understand::MotionStyle;
use i2v_core::draft::Motion;

const JA: Language = Language::Japanese;

/// The sentence telling a change made.
pub(super) fn outcome(outcome: &Outcome) -> String {
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
                .map_or("カット", |kind| transition_name(JA, *kind));
            let mut text = format!(
                "{images}枚の写真から{}秒の動画を作りました。トランジションは{transition}、動きは{}です。",
                secs(*total_ms),
                motion_name(JA, *motion)
            );
            if *skipped_videos > 0 {
                text.push_str(&format!(
                    "（動画ファイル{skipped_videos}本は使っていません。スライドショーは写真から作ります。）"
                ));
            }
            text
        }
        Outcome::Dressed { music, title } => match (music, title) {
            (Some((name, volume)), Some(title)) => format!(
                "さらにBGM「{name}」（音量{}%）とタイトル「{title}」を付けました。",
                percent(*volume)
            ),
            (Some((name, volume)), None) => {
                format!(
                    "さらにBGM「{name}」（音量{}%）を付けました。",
                    percent(*volume)
                )
            }
            (None, Some(title)) => format!("さらにタイトル「{title}」を付けました。"),
            (None, None) => "音楽とタイトルは付けていません。".to_owned(),
        },
        Outcome::Total { total_ms, clips } => format!(
            "動画の長さを{}秒にしました（写真{clips}枚、1枚あたり約{}秒）。",
            secs(*total_ms),
            secs(total_ms / (*clips).max(1) as u64)
        ),
        Outcome::Each { each_ms, total_ms } => format!(
            "各写真を{}秒ずつ表示します（合計{}秒）。",
            secs(*each_ms),
            secs(*total_ms)
        ),
        Outcome::Clips { lengths, total_ms } => {
            let positions: Vec<usize> = lengths.iter().map(|(position, _)| *position).collect();
            let each = match same_length(lengths) {
                Some(ms) => format!("{}を{}秒にしました", pictures(JA, &positions), secs(ms)),
                None => lengths
                    .iter()
                    .map(|(position, ms)| format!("{position}枚目を{}秒", secs(*ms)))
                    .collect::<Vec<_>>()
                    .join("、"),
            };
            format!("{each}。動画は合計{}秒です。", secs(*total_ms))
        }
        Outcome::Removed {
            positions,
            left,
            total_ms,
        } => format!(
            "{}を削除しました。残りは{left}枚（{}秒）です。",
            pictures(JA, positions),
            secs(*total_ms)
        ),
        Outcome::Moved { from, to } => format!("{from}枚目を{to}番目に移動しました。"),
        Outcome::Swapped(a, b) => format!("{a}枚目と{b}枚目を入れ替えました。"),
        Outcome::Reversed => "写真の順番を逆にしました。".to_owned(),
        Outcome::AddedImages { count, total_ms } => format!(
            "新しい写真{count}枚を最後に追加しました（合計{}秒）。",
            secs(*total_ms)
        ),
        Outcome::Transitions(Some((kind, ms))) => format!(
            "トランジションを{}にしました（各{}秒）。",
            transition_name(JA, *kind),
            secs(*ms)
        ),
        Outcome::Transitions(None) => {
            "トランジションを外しました。写真はカットで切り替わります。".to_owned()
        }
        Outcome::Motion(MotionStyle::Still | MotionStyle::Fixed(Motion::None), None) => {
            "写真の動きをなくしました。".to_owned()
        }
        Outcome::Motion(style, Some(position)) => {
            format!(
                "{position}枚目の動きを{}にしました。",
                motion_name(JA, *style)
            )
        }
        Outcome::Motion(style, None) => {
            format!("写真の動きを{}にしました。", motion_name(JA, *style))
        }
        Outcome::Music(name, volume) => {
            format!("BGMを「{name}」（音量{}%）にしました。", percent(*volume))
        }
        Outcome::MusicRemoved => "BGMを削除しました。".to_owned(),
        Outcome::Volume(volume) if *volume <= 0.0 => "音楽をミュートしました。".to_owned(),
        Outcome::Volume(volume) => format!("音楽の音量を{}%にしました。", percent(*volume)),
        Outcome::Title(text) => format!("タイトルを「{text}」にしました。"),
        Outcome::TitleShown(ms) => format!("タイトルを{}秒表示します。", secs(*ms)),
        Outcome::TitleSize(size) => format!("タイトルの文字サイズを{size}にしました。"),
        Outcome::TitleRemoved => "タイトルを削除しました。".to_owned(),
        Outcome::Captions(count) => format!("ファイル名から字幕を{count}件追加しました。"),
        Outcome::Caption(text, Some(position)) => {
            format!("{position}枚目に字幕「{text}」を追加しました。")
        }
        Outcome::Caption(text, None) => format!("動画全体に字幕「{text}」を追加しました。"),
        Outcome::CaptionsRemoved(Some(position)) => {
            format!("{position}枚目の字幕を削除しました。")
        }
        Outcome::CaptionsRemoved(None) => "字幕を削除しました。".to_owned(),
        Outcome::Undone { .. } | Outcome::Redone { .. } => history::outcome(JA, outcome),
        Outcome::Aspect(aspect) => {
            let (width, height) = aspect.size();
            format!(
                "画面比率を{}（{}、{width}x{height}）にしました。",
                aspect.as_str(),
                aspect_label(JA, *aspect)
            )
        }
        Outcome::Pace { .. } | Outcome::Fade(..) | Outcome::Fit(..) => shape::outcome(JA, outcome),
        Outcome::TitleAdded { text, end_ms } => texts::title_added(JA, text, *end_ms),
        Outcome::TitleLook(look) => texts::title_look(JA, look),
        Outcome::TextPlaced(placed) => texts::placed(JA, placed, false),
        Outcome::TitleMoved(placed) => texts::placed(JA, placed, true),
        Outcome::TextsLook { look, span } => texts::texts_look(JA, look, *span),
        Outcome::TextsRemoved { texts, span } => texts::texts_removed(JA, texts, *span),
    }
}

/// The sentence telling why an instruction changed nothing.
pub(super) fn problem(problem: &Problem) -> String {
    match problem {
        Problem::NoImages => {
            "まず写真が必要です。画像を何枚かアップロードしてください。動画にします。".to_owned()
        }
        Problem::NoVideo => "まだ編集できる動画がありません。".to_owned(),
        Problem::NoSuchPicture { asked, count } => format!(
            "{}の写真はありません。動画の写真は{count}枚です。",
            ordinal_text(JA, *asked)
        ),
        Problem::WouldRemoveAll => {
            "すべての写真は削除できません。動画には少なくとも1枚必要です。".to_owned()
        }
        Problem::TooShort { min_ms } => {
            format!("短すぎます。少なくとも{}秒必要です。", secs(*min_ms))
        }
        Problem::TooLong { max_ms } => format!("長すぎます。最長{}秒です。", secs(*max_ms)),
        Problem::AlreadySet(setting) => honesty::already(JA, setting),
        Problem::Already | Problem::Unchanged => honesty::unchanged(JA),
        Problem::NoMusic => {
            "まだBGMがありません。「音楽を追加して」と言えば追加できます。".to_owned()
        }
        Problem::NoUploadedMusic => "アップロードされた曲が見つかりません。音声ファイル（mp3、\
            wav、m4a、aac）をアップロードするか、ライブラリから選んでください：Lo-fi、Upbeat、\
            Calm、Cinematic。"
            .to_owned(),
        Problem::NoTitle => {
            "まだタイトルがありません。「タイトルを「…」に」と言えば付けられます。".to_owned()
        }
        Problem::NoCaptions => "削除できる字幕がありません。".to_owned(),
        Problem::NoNewImages => "アップロードした写真はすべて動画に入っています。".to_owned(),
        Problem::WhichPicture => {
            "どの写真ですか？例えば「2枚目を削除」のように言ってください。".to_owned()
        }
        Problem::WhatText => "字幕に何と書きますか？かぎ括弧で書いてください。例：最後の写真に\
            字幕「夕日」を追加。"
            .to_owned(),
        Problem::WhereTo => {
            "どこに移動しますか？例えば「最後の写真を最初に移動」のように言ってください。"
                .to_owned()
        }
        Problem::OtherAspect(_) | Problem::PaceLimit { .. } | Problem::NoFade(_) => {
            shape::problem(JA, problem)
        }
        Problem::TitleWanted => texts::title_wanted(JA),
        Problem::TextWanted => texts::text_wanted(JA),
        Problem::NoTextsThere(span) => texts::no_texts_there(JA, *span),
        Problem::NothingToUndo | Problem::NothingToRedo => history::problem(JA, problem),
    }
}
