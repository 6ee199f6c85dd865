//! The sentences of a reply, in the person's language: what is shared here (numbers, names of
//! transitions, motions and shapes, problems, help), the changes made one file a language.

mod en;
mod es;
mod ja;
mod zh;

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

/// [`secs`] as Spanish writes it, with a decimal comma: `4,3`.
pub(super) fn segundos(ms: u64) -> String {
    secs(ms).replace('.', ",")
}

/// A volume in whole percent.
pub(super) fn percent(volume: f64) -> u64 {
    let value = (volume.clamp(0.0, 1.0) * 100.0).round();
    // Clamped to 0–100 above, so the cast is exact.
    value as u64
}

/// "photo 2", "photos 2 and 3", "photos 2, 3 and 5"; "第2张", "第2、3张".
pub(super) fn pictures(language: Language, positions: &[usize]) -> String {
    let numbers: Vec<String> = positions.iter().map(usize::to_string).collect();
    match language {
        Language::Chinese => format!("第{}张", numbers.join("、")),
        Language::Japanese => format!("{}枚目", numbers.join("、")),
        Language::Spanish => match numbers.split_last() {
            Some((last, [])) => format!("la foto {last}"),
            Some((last, rest)) => format!("las fotos {} y {last}", rest.join(", ")),
            None => "ninguna foto".to_owned(),
        },
        Language::English => match numbers.split_last() {
            Some((last, [])) => format!("photo {last}"),
            Some((last, rest)) => format!("photos {} and {last}", rest.join(", ")),
            None => "no photo".to_owned(),
        },
    }
}

pub(super) fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// A kind of transition in the reply's words (plural: the video has them between pictures).
pub(super) fn transition_name(language: Language, kind: TransitionKind) -> &'static str {
    let (english, chinese, spanish, japanese) = match kind {
        TransitionKind::Fade => (
            "crossfades",
            "淡入淡出",
            "fundidos encadenados",
            "クロスフェード",
        ),
        TransitionKind::Dissolve => ("dissolves", "溶解", "disoluciones", "ディゾルブ"),
        TransitionKind::FadeBlack => (
            "fades through black",
            "黑场过渡",
            "fundidos a negro",
            "黒へのフェード",
        ),
        TransitionKind::FadeWhite => (
            "fades through white",
            "闪白",
            "fundidos a blanco",
            "白へのフェード",
        ),
        TransitionKind::SlideLeft => (
            "slides to the left",
            "向左滑动",
            "deslizamientos a la izquierda",
            "左へのスライド",
        ),
        TransitionKind::SlideRight => (
            "slides to the right",
            "向右滑动",
            "deslizamientos a la derecha",
            "右へのスライド",
        ),
        TransitionKind::SlideUp => (
            "slides up",
            "向上滑动",
            "deslizamientos hacia arriba",
            "上へのスライド",
        ),
        TransitionKind::SlideDown => (
            "slides down",
            "向下滑动",
            "deslizamientos hacia abajo",
            "下へのスライド",
        ),
        TransitionKind::WipeLeft => (
            "wipes to the left",
            "向左擦除",
            "barridos a la izquierda",
            "左へのワイプ",
        ),
        TransitionKind::WipeRight => (
            "wipes to the right",
            "向右擦除",
            "barridos a la derecha",
            "右へのワイプ",
        ),
        TransitionKind::CircleOpen => (
            "circle openings",
            "圆形展开",
            "aperturas en círculo",
            "円形に開くトランジション",
        ),
        TransitionKind::CircleClose => (
            "circle closings",
            "圆形收拢",
            "cierres en círculo",
            "円形に閉じるトランジション",
        ),
        TransitionKind::Pixelize => (
            "pixelated transitions",
            "像素化",
            "transiciones pixeladas",
            "ピクセル化",
        ),
        TransitionKind::Radial => (
            "radial wipes",
            "径向擦除",
            "barridos radiales",
            "放射状ワイプ",
        ),
        TransitionKind::ZoomIn => (
            "zoom transitions",
            "缩放",
            "transiciones de zoom",
            "ズームトランジション",
        ),
        // A draft from elsewhere may use any of ffmpeg's: its name is the best word there is.
        TransitionKind::Xfade(name) => (name, name, name, name),
    };
    match language {
        Language::English => english,
        Language::Chinese => chinese,
        Language::Spanish => spanish,
        Language::Japanese => japanese,
    }
}

/// A camera movement in the reply's words.
pub(super) fn motion_name(language: Language, style: MotionStyle) -> &'static str {
    let (english, chinese, spanish, japanese) = match style {
        MotionStyle::Zooms => (
            "a slow zoom in and out",
            "缓慢推拉",
            "un zoom lento de acercamiento y alejamiento",
            "ゆっくりズームイン・アウト",
        ),
        MotionStyle::Pans => (
            "gentle pans left and right",
            "左右平移",
            "paneos suaves a izquierda y derecha",
            "左右へのゆるやかなパン",
        ),
        MotionStyle::Still | MotionStyle::Fixed(Motion::None) => {
            ("no motion", "静止不动", "ningún movimiento", "動きなし")
        }
        MotionStyle::Fixed(Motion::ZoomIn) => (
            "a slow zoom in",
            "缓慢放大",
            "un zoom lento de acercamiento",
            "ゆっくりズームイン",
        ),
        MotionStyle::Fixed(Motion::ZoomOut) => (
            "a slow zoom out",
            "缓慢缩小",
            "un zoom lento de alejamiento",
            "ゆっくりズームアウト",
        ),
        MotionStyle::Fixed(Motion::PanLeft) => (
            "a pan to the left",
            "向左平移",
            "un paneo a la izquierda",
            "左へのパン",
        ),
        MotionStyle::Fixed(Motion::PanRight) => (
            "a pan to the right",
            "向右平移",
            "un paneo a la derecha",
            "右へのパン",
        ),
        MotionStyle::Fixed(Motion::PanUp) => (
            "a pan upwards",
            "向上平移",
            "un paneo hacia arriba",
            "上へのパン",
        ),
        MotionStyle::Fixed(Motion::PanDown) => (
            "a pan downwards",
            "向下平移",
            "un paneo hacia abajo",
            "下へのパン",
        ),
    };
    match language {
        Language::English => english,
        Language::Chinese => chinese,
        Language::Spanish => spanish,
        Language::Japanese => japanese,
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
        (Language::Spanish, Aspect::Landscape) => "horizontal",
        (Language::Spanish, Aspect::Portrait) => "vertical",
        (Language::Spanish, Aspect::Square) => "cuadrado",
        (Language::Spanish, Aspect::Tall) => "retrato",
        (Language::Spanish, Aspect::Classic) => "clásico",
        (Language::Japanese, Aspect::Landscape) => "横長",
        (Language::Japanese, Aspect::Portrait) => "縦長",
        (Language::Japanese, Aspect::Square) => "正方形",
        (Language::Japanese, Aspect::Tall) => "縦長（4:5）",
        (Language::Japanese, Aspect::Classic) => "クラシック",
    }
}

/// The sentence telling a change made.
pub(super) fn outcome(language: Language, outcome: &Outcome) -> String {
    match language {
        Language::English => en::english_outcome(outcome),
        Language::Chinese => zh::chinese_outcome(outcome),
        Language::Spanish => es::outcome(outcome),
        Language::Japanese => ja::outcome(outcome),
    }
}

/// The length all the pictures share, if they share one.
pub(super) fn same_length(lengths: &[(usize, u64)]) -> Option<u64> {
    let (_, first) = lengths.first()?;
    lengths.iter().all(|(_, ms)| ms == first).then_some(*first)
}

pub(super) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn ordinal_text(language: Language, ordinal: Ordinal) -> String {
    match (language, ordinal) {
        (Language::English, Ordinal::Nth(n)) => format!("photo {n}"),
        (Language::English, Ordinal::FromEnd(1)) => "last photo".to_owned(),
        (Language::English, Ordinal::FromEnd(n)) => format!("photo {n} from the end"),
        (Language::Chinese, Ordinal::Nth(n)) => format!("第{n}张"),
        (Language::Chinese, Ordinal::FromEnd(n)) => format!("倒数第{n}张"),
        (Language::Spanish, Ordinal::Nth(n)) => format!("foto {n}"),
        (Language::Spanish, Ordinal::FromEnd(1)) => "última foto".to_owned(),
        (Language::Spanish, Ordinal::FromEnd(n)) => format!("foto {n} desde el final"),
        (Language::Japanese, Ordinal::Nth(n)) => format!("{n}枚目"),
        (Language::Japanese, Ordinal::FromEnd(n)) => format!("後ろから{n}枚目"),
    }
}

/// The sentence telling why an instruction changed nothing.
pub(super) fn problem(language: Language, problem: &Problem) -> String {
    let en = language == Language::English;
    match language {
        Language::Spanish => return es::problem(problem),
        Language::Japanese => return ja::problem(problem),
        Language::English | Language::Chinese => {}
    }
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
        (Language::Spanish, true) => {
            "Tu vídeo está listo: haz clic en el botón Exportar para generar y descargar el MP4."
                .to_owned()
        }
        (Language::Spanish, false) => {
            "Todavía no hay nada que exportar: sube algunas fotos y di 'haz un vídeo' primero."
                .to_owned()
        }
        (Language::Japanese, true) => {
            "動画の準備ができました。エクスポートボタンをクリックするとMP4を書き出してダウンロードできます。"
                .to_owned()
        }
        (Language::Japanese, false) => {
            "まだエクスポートできる動画がありません。写真をアップロードして「動画を作って」と言ってください。"
                .to_owned()
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
        Language::Spanish => (
            "Hago vídeos con tus fotos y los edito. Puedes decir, por ejemplo: 'haz un vídeo de \
             30 segundos con música tranquila', 'cada foto 4 segundos', 'quita la segunda foto', \
             'mueve la última foto al principio', 'sin transiciones', 'baja la música' o 'quita \
             la música', 'música épica' (la biblioteca tiene Lo-fi, Upbeat, Calm y Cinematic), \
             'con el título \"Verano\"', 'hazlo vertical', 'deshacer'.",
            if !has_images {
                " Para empezar, sube algunas fotos."
            } else if !has_video {
                " Tus fotos están listas: di 'haz un vídeo' para empezar."
            } else {
                ""
            },
        ),
        Language::Japanese => (
            "写真から動画を作って編集できます。例えば「30秒の動画を作って、穏やかな音楽で」、\
             「各写真4秒」「2枚目を削除」「最後の写真を最初に移動」「トランジションなし」、\
             「音楽を小さく」「BGMを消して」（ライブラリには Lo-fi、Upbeat、Calm、Cinematic \
             があります）、「タイトルを「夏」に」「縦長にして」「元に戻して」のように言ってください。",
            if !has_images {
                "まず写真を何枚かアップロードしてください。"
            } else if !has_video {
                "写真の準備ができています。「動画を作って」と言えば始められます。"
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
        assert_eq!(
            pictures(Language::Spanish, &[2, 3, 5]),
            "las fotos 2, 3 y 5"
        );
        assert_eq!(pictures(Language::Japanese, &[2, 3]), "2、3枚目");
    }

    #[test]
    fn spanish_writes_a_decimal_comma() {
        assert_eq!(segundos(4_285), "4,3");
        assert_eq!(segundos(30_000), "30");
    }
}
