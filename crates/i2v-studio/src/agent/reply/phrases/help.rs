//! What is said when nothing changed: why (English and Chinese here, Spanish and Japanese in
//! their own files), the answer to "export", and what the agent can do.

use super::{es, ja, ordinal_text, plural, secs};
use crate::agent::outcome::Problem;
use crate::agent::reply::{history, honesty, shape, texts};
use crate::agent::types::Language;

/// The sentence telling why an instruction changed nothing.
pub(in crate::agent::reply) fn problem(language: Language, problem: &Problem) -> String {
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
        Problem::AlreadySet(setting) => honesty::already(language, setting),
        // A compose step's "no change" reaches a reply only through the plan, which names it.
        Problem::Already | Problem::Unchanged => honesty::unchanged(language),
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
            shape::problem(language, problem)
        }
        Problem::TitleWanted => texts::title_wanted(language),
        Problem::TextWanted => texts::text_wanted(language),
        Problem::NoTextsThere(span) => texts::no_texts_there(language, *span),
        Problem::NothingToUndo | Problem::NothingToRedo => history::problem(language, problem),
    }
}

/// The answer to "export": the editor's Export button renders the video.
pub(in crate::agent::reply) fn export(language: Language, has_video: bool) -> String {
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
pub(in crate::agent::reply) fn help(
    language: Language,
    has_images: bool,
    has_video: bool,
) -> String {
    let (intro, next) = match language {
        Language::English => (
            "I make videos from your photos and edit them. You can say, for example: 'make a \
             30-second video with smooth transitions and calm music', 'make each photo 4 \
             seconds', 'remove the second photo', 'move the last photo to the start', 'no \
             transitions', 'lower the music' or 'mute', 'use cinematic music' (the library has \
             Lo-fi, Upbeat, Calm and Cinematic), 'add a title \"Summer\"', 'add captions', \
             'make it vertical', 'fill the frame', 'make it faster', 'fade out at the end', \
             'undo'.",
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
             “加标题「夏天」”、“加字幕”、“做成竖屏”、“铺满画面”、“节奏快一点”、“结尾淡出”、\
             “撤销”。",
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
