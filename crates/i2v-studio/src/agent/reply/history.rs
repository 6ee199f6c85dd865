//! The sentences about undo and redo: what was taken back or brought back, named by the tools
//! that had made each change, in each language the agent answers in.

use crate::agent::outcome::{Outcome, Problem};
use crate::agent::types::Language;

/// The sentence telling an undo or a redo done; empty for any other outcome.
pub(super) fn outcome(language: Language, outcome: &Outcome) -> String {
    let (redo, tools, none_left) = match outcome {
        Outcome::Undone { tools, none_left } => (false, tools, *none_left),
        Outcome::Redone { tools, none_left } => (true, tools, *none_left),
        _ => return String::new(),
    };
    let names: Vec<&str> = tools
        .iter()
        .map(|tool| change_name(language, tool.as_deref()))
        .collect();
    let count = names.len();
    match language {
        Language::English => {
            let what = match (redo, count) {
                (false, 1) => "Undid the last change".to_owned(),
                (false, n) => format!("Undid the last {n} changes"),
                (true, 1) => "Redid the change".to_owned(),
                (true, n) => format!("Redid {n} changes"),
            };
            let rest = match (none_left, redo) {
                (false, _) => "",
                (true, false) => " That's as far back as your history goes.",
                (true, true) => " There's nothing more to redo.",
            };
            format!("{what}: {}.{rest}", english_list(&names))
        }
        Language::Chinese => {
            let what = match (redo, count) {
                (false, 1) => "已撤销上一步修改".to_owned(),
                (false, n) => format!("已撤销最近{n}步修改"),
                (true, 1) => "已重做一步修改".to_owned(),
                (true, n) => format!("已重做{n}步修改"),
            };
            let rest = match (none_left, redo) {
                (false, _) => "",
                (true, false) => "已经回到最早的版本了。",
                (true, true) => "没有更多可以重做的了。",
            };
            format!("{what}：{}。{rest}", names.join("、"))
        }
        Language::Spanish => {
            let what = match (redo, count) {
                (false, 1) => "Deshice el último cambio".to_owned(),
                (false, n) => format!("Deshice los últimos {n} cambios"),
                (true, 1) => "Rehice el cambio".to_owned(),
                (true, n) => format!("Rehice {n} cambios"),
            };
            let rest = match (none_left, redo) {
                (false, _) => "",
                (true, false) => " No se puede retroceder más en tu historial.",
                (true, true) => " No hay nada más que rehacer.",
            };
            let list = match names.split_last() {
                Some((last, [])) => (*last).to_owned(),
                Some((last, rest)) => format!("{} y {last}", rest.join(", ")),
                None => String::new(),
            };
            format!("{what}: {list}.{rest}")
        }
        Language::Japanese => {
            let what = match (redo, count) {
                (false, 1) => "直前の変更を元に戻しました".to_owned(),
                (false, n) => format!("直近{n}件の変更を元に戻しました"),
                (true, 1) => "変更をやり直しました".to_owned(),
                (true, n) => format!("{n}件の変更をやり直しました"),
            };
            let rest = match (none_left, redo) {
                (false, _) => "",
                (true, false) => "これ以上は戻れません。",
                (true, true) => "これ以上やり直せる変更はありません。",
            };
            format!("{what}：{}。{rest}", names.join("、"))
        }
    }
}

/// The sentence telling that there was nothing to undo or redo; empty for any other problem.
pub(super) fn problem(language: Language, problem: &Problem) -> String {
    let text = match (problem, language) {
        (Problem::NothingToUndo, Language::English) => "There's nothing to undo.",
        (Problem::NothingToUndo, Language::Chinese) => "没有可以撤销的修改。",
        (Problem::NothingToRedo, Language::English) => {
            "There's nothing to redo: redo brings back what an undo just took back."
        }
        (Problem::NothingToRedo, Language::Chinese) => {
            "没有可以重做的修改：重做只能恢复刚刚撤销的内容。"
        }
        (Problem::NothingToUndo, Language::Spanish) => "No hay nada que deshacer.",
        (Problem::NothingToRedo, Language::Spanish) => {
            "No hay nada que rehacer: rehacer recupera lo que acabas de deshacer."
        }
        (Problem::NothingToUndo, Language::Japanese) => "元に戻せる変更はありません。",
        (Problem::NothingToRedo, Language::Japanese) => {
            "やり直せる変更はありません。やり直しは元に戻した変更を復活させます。"
        }
        _ => "",
    };
    text.to_owned()
}

/// A change as a person names it, by the tool that made it: "the music volume", "音乐音量".
fn change_name(language: Language, tool: Option<&str>) -> &'static str {
    let (english, chinese, spanish, japanese) = match tool {
        Some("create_slideshow") => (
            "making the slideshow",
            "生成幻灯片",
            "la creación de la presentación",
            "スライドショーの作成",
        ),
        Some("add_music_and_title") => (
            "adding the music and title",
            "添加音乐和标题",
            "la música y el título añadidos",
            "音楽とタイトルの追加",
        ),
        Some("add_music") => (
            "adding the music",
            "添加音乐",
            "la música añadida",
            "音楽の追加",
        ),
        Some("add_title") => (
            "adding the title",
            "添加标题",
            "el título añadido",
            "タイトルの追加",
        ),
        Some("set_duration") => (
            "the video's length",
            "视频时长",
            "la duración del vídeo",
            "動画の長さ",
        ),
        Some("set_clip_durations") => (
            "the photos' lengths",
            "图片时长",
            "la duración de las fotos",
            "写真の長さ",
        ),
        Some("remove_clips") => (
            "removing photos",
            "删除图片",
            "las fotos quitadas",
            "写真の削除",
        ),
        Some("add_clips") => (
            "adding photos",
            "添加图片",
            "las fotos añadidas",
            "写真の追加",
        ),
        Some("move_clip") => (
            "moving a photo",
            "移动图片",
            "el movimiento de una foto",
            "写真の移動",
        ),
        Some("swap_clips") => (
            "swapping photos",
            "交换图片",
            "el intercambio de fotos",
            "写真の入れ替え",
        ),
        Some("reverse_clips") => (
            "reversing the order",
            "倒序",
            "la inversión del orden",
            "順番の反転",
        ),
        Some("set_transitions") => (
            "the transitions",
            "转场",
            "las transiciones",
            "トランジション",
        ),
        Some("set_motion") => (
            "the camera motion",
            "画面运动",
            "el movimiento de cámara",
            "カメラの動き",
        ),
        Some("set_music") => ("the music", "背景音乐", "la música", "BGM"),
        Some("remove_music") => (
            "removing the music",
            "删除背景音乐",
            "la música quitada",
            "BGMの削除",
        ),
        Some("set_music_volume") => (
            "the music volume",
            "音乐音量",
            "el volumen de la música",
            "音楽の音量",
        ),
        Some("set_title") => ("the title", "标题", "el título", "タイトル"),
        Some("remove_title") => (
            "removing the title",
            "删除标题",
            "el título quitado",
            "タイトルの削除",
        ),
        Some("add_captions") => (
            "adding captions",
            "添加字幕",
            "los subtítulos añadidos",
            "字幕の追加",
        ),
        Some("set_caption") => ("a caption", "字幕", "un subtítulo", "字幕"),
        Some("remove_captions") => (
            "removing captions",
            "删除字幕",
            "los subtítulos quitados",
            "字幕の削除",
        ),
        Some("set_aspect_ratio") => ("the frame shape", "画面比例", "el formato", "画面比率"),
        // A tool added later, or a draft saved without one: still a change, told as one.
        Some(_) => ("an edit", "一处修改", "una edición", "編集"),
        None => (
            "an earlier edit",
            "之前的一处修改",
            "una edición anterior",
            "以前の編集",
        ),
    };
    match language {
        Language::English => english,
        Language::Chinese => chinese,
        Language::Spanish => spanish,
        Language::Japanese => japanese,
    }
}

/// "a", "a and b", "a, b and c".
fn english_list(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tools(names: &[&str]) -> Vec<Option<String>> {
        names.iter().map(|name| Some((*name).to_owned())).collect()
    }

    #[test]
    fn an_undo_names_each_change_it_took_back() {
        let undone = Outcome::Undone {
            tools: tools(&["set_title", "set_music_volume"]),
            none_left: false,
        };
        assert_eq!(
            outcome(Language::English, &undone),
            "Undid the last 2 changes: the title and the music volume."
        );
        assert_eq!(
            outcome(Language::Chinese, &undone),
            "已撤销最近2步修改：标题、音乐音量。"
        );
    }

    #[test]
    fn asking_for_more_than_there_is_is_said() {
        let undone = Outcome::Undone {
            tools: vec![None],
            none_left: true,
        };
        assert_eq!(
            outcome(Language::English, &undone),
            "Undid the last change: an earlier edit. That's as far back as your history goes."
        );
        let redone = Outcome::Redone {
            tools: tools(&["set_aspect_ratio"]),
            none_left: true,
        };
        assert_eq!(
            outcome(Language::Chinese, &redone),
            "已重做一步修改：画面比例。没有更多可以重做的了。"
        );
    }

    #[test]
    fn a_tool_without_words_is_still_a_change() {
        let redone = Outcome::Redone {
            tools: tools(&["set_fades", "set_title"]),
            none_left: false,
        };
        assert_eq!(
            outcome(Language::English, &redone),
            "Redid 2 changes: an edit and the title."
        );
    }
}
