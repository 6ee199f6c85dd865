//! The sentences that keep a reply honest: what the video already has (named, with its value),
//! an instruction that changed nothing, and the parts of a message the agent did not understand.

use super::phrases::{aspect_label, motion_name, percent, secs, transition_name};
use crate::agent::already::Setting;
use crate::agent::types::Language;
use crate::agent::understand::FadeEnd;
use i2v_core::draft::Position;

/// "The video is already 30 seconds long." — the setting the draft holds, named.
pub(super) fn already(language: Language, setting: &Setting) -> String {
    let en = language == Language::English;
    match language {
        Language::Spanish => return already_es(setting),
        Language::Japanese => return already_ja(setting),
        Language::English | Language::Chinese => {}
    }
    match setting {
        Setting::Length(ms) if en => format!("The video is already {} seconds long.", secs(*ms)),
        Setting::Length(ms) => format!("视频已经是{}秒了。", secs(*ms)),
        Setting::EachLength(ms) if en => {
            format!("Each photo already lasts {} seconds.", secs(*ms))
        }
        Setting::EachLength(ms) => format!("每张图片已经是{}秒了。", secs(*ms)),
        Setting::ClipLength(n, ms) if en => {
            format!("Photo {n} already lasts {} seconds.", secs(*ms))
        }
        Setting::ClipLength(n, ms) => format!("第{n}张已经是{}秒了。", secs(*ms)),
        Setting::Order if en => "The photos are already in that order.".to_owned(),
        Setting::Order => "图片已经是这个顺序了。".to_owned(),
        Setting::Transitions(None) if en => {
            "There are no transitions already: the photos cut straight from one to the next."
                .to_owned()
        }
        Setting::Transitions(None) => "现在已经没有转场，图片之间直接切换。".to_owned(),
        Setting::Transitions(Some((kind, ms))) if en => format!(
            "The transitions are already {} ({} s each).",
            transition_name(language, *kind),
            secs(*ms)
        ),
        Setting::Transitions(Some((kind, ms))) => format!(
            "转场已经是{}（每个{}秒）。",
            transition_name(language, *kind),
            secs(*ms)
        ),
        Setting::Motion(style) if en => {
            format!("The photos already have {}.", motion_name(language, *style))
        }
        Setting::Motion(style) => format!("图片已经是{}。", motion_name(language, *style)),
        Setting::Music(name) if en => format!("The music is already {name}."),
        Setting::Music(name) => format!("背景音乐已经是{name}。"),
        Setting::Volume(v) if en && *v == 0.0 => "The music is already muted.".to_owned(),
        Setting::Volume(v) if *v == 0.0 => "背景音乐已经是静音。".to_owned(),
        Setting::Volume(v) if en => format!("The music is already at {}%.", percent(*v)),
        Setting::Volume(v) => format!("背景音乐音量已经是{}%。", percent(*v)),
        Setting::Title(text) if en => format!("The title already reads '{text}'."),
        Setting::Title(text) => format!("标题已经是“{text}”。"),
        Setting::TitleShown(ms) if en => {
            format!("The title already shows for {} seconds.", secs(*ms))
        }
        Setting::TitleShown(ms) => format!("标题已经显示{}秒。", secs(*ms)),
        Setting::Caption(text) if en => format!("There is already a caption '{text}'."),
        Setting::Caption(text) => format!("已经有字幕“{text}”。"),
        Setting::Aspect(aspect) if en => {
            format!("The video is already {}.", aspect_label(language, *aspect))
        }
        Setting::Aspect(aspect) => format!("视频已经是{}。", aspect_label(language, *aspect)),
        Setting::Fade(FadeEnd::Start, ms) if en => {
            format!("The video already fades in from black ({} s).", secs(*ms))
        }
        Setting::Fade(FadeEnd::Start, ms) => format!("视频开头已经从黑场淡入（{}秒）。", secs(*ms)),
        Setting::Fade(FadeEnd::End, ms) if en => {
            format!("The video already fades out to black ({} s).", secs(*ms))
        }
        Setting::Fade(FadeEnd::End, ms) => format!("视频结尾已经淡出到黑场（{}秒）。", secs(*ms)),
        Setting::Fit(fit) if en => format!(
            "The photos already {}.",
            super::shape::fit_words(language, *fit)
        ),
        Setting::Fit(fit) => format!("图片已经{}。", super::shape::fit_words(language, *fit)),
        Setting::TitlePosition(position) if en => {
            format!(
                "The title is already at the {}.",
                position_word(en, *position)
            )
        }
        Setting::TitlePosition(position) => {
            format!("标题已经在{}。", position_word(en, *position))
        }
        Setting::TitleColor(hex) if en => format!("The title is already #{hex}."),
        Setting::TitleColor(hex) => format!("标题颜色已经是#{hex}。"),
        Setting::TitleSize(size) if en => format!("The title's font size is already {size}."),
        Setting::TitleSize(size) => format!("标题字号已经是{size}。"),
    }
}

/// [`already`] in Spanish.
fn already_es(setting: &Setting) -> String {
    let es = Language::Spanish;
    let secs = super::phrases::segundos;
    match setting {
        Setting::Length(ms) => format!("El vídeo ya dura {} segundos.", secs(*ms)),
        Setting::EachLength(ms) => format!("Cada foto ya dura {} segundos.", secs(*ms)),
        Setting::ClipLength(n, ms) => format!("La foto {n} ya dura {} segundos.", secs(*ms)),
        Setting::Order => "Las fotos ya están en ese orden.".to_owned(),
        Setting::Transitions(None) => {
            "Ya no hay transiciones: las fotos pasan de una a otra con un corte directo.".to_owned()
        }
        Setting::Transitions(Some((kind, ms))) => format!(
            "Las transiciones ya son {} ({} s cada una).",
            transition_name(es, *kind),
            secs(*ms)
        ),
        Setting::Motion(style) => format!("Las fotos ya tienen {}.", motion_name(es, *style)),
        Setting::Music(name) => format!("La música ya es {name}."),
        Setting::Volume(v) if *v == 0.0 => "La música ya está silenciada.".to_owned(),
        Setting::Volume(v) => format!("La música ya está al {}%.", percent(*v)),
        Setting::Title(text) => format!("El título ya dice '{text}'."),
        Setting::TitleShown(ms) => format!("El título ya se muestra {} segundos.", secs(*ms)),
        Setting::Caption(text) => format!("Ya hay un subtítulo '{text}'."),
        Setting::Aspect(aspect) => format!("El vídeo ya es {}.", aspect_label(es, *aspect)),
        Setting::Fade(FadeEnd::Start, ms) => {
            format!(
                "El vídeo ya empieza con un fundido desde negro ({} s).",
                secs(*ms)
            )
        }
        Setting::Fade(FadeEnd::End, ms) => {
            format!(
                "El vídeo ya termina con un fundido a negro ({} s).",
                secs(*ms)
            )
        }
        Setting::Fit(fit) => format!(
            "Las fotos ya {}.",
            super::shape::fit_words(Language::Spanish, *fit)
        ),
        Setting::TitlePosition(position) => {
            let place = match position {
                Position::Top => "arriba",
                Position::Center => "en el centro",
                Position::Bottom => "abajo",
            };
            format!("El título ya está {place}.")
        }
        Setting::TitleColor(hex) => format!("El título ya es #{hex}."),
        Setting::TitleSize(size) => format!("El tamaño de letra del título ya es {size}."),
    }
}

/// [`already`] in Japanese.
fn already_ja(setting: &Setting) -> String {
    let ja = Language::Japanese;
    match setting {
        Setting::Length(ms) => format!("動画はすでに{}秒です。", secs(*ms)),
        Setting::EachLength(ms) => format!("各写真はすでに{}秒です。", secs(*ms)),
        Setting::ClipLength(n, ms) => format!("{n}枚目はすでに{}秒です。", secs(*ms)),
        Setting::Order => "写真はすでにその順番です。".to_owned(),
        Setting::Transitions(None) => {
            "すでにトランジションはなく、写真はカットで切り替わります。".to_owned()
        }
        Setting::Transitions(Some((kind, ms))) => format!(
            "トランジションはすでに{}（各{}秒）です。",
            transition_name(ja, *kind),
            secs(*ms)
        ),
        Setting::Motion(style) => format!("写真の動きはすでに{}です。", motion_name(ja, *style)),
        Setting::Music(name) => format!("BGMはすでに「{name}」です。"),
        Setting::Volume(v) if *v == 0.0 => "音楽はすでにミュートされています。".to_owned(),
        Setting::Volume(v) => format!("音楽の音量はすでに{}%です。", percent(*v)),
        Setting::Title(text) => format!("タイトルはすでに「{text}」です。"),
        Setting::TitleShown(ms) => format!("タイトルはすでに{}秒表示されます。", secs(*ms)),
        Setting::Caption(text) => format!("字幕「{text}」はすでにあります。"),
        Setting::Aspect(aspect) => format!("動画はすでに{}です。", aspect_label(ja, *aspect)),
        Setting::Fade(FadeEnd::Start, ms) => {
            format!(
                "動画の最初はすでに黒からフェードインします（{}秒）。",
                secs(*ms)
            )
        }
        Setting::Fade(FadeEnd::End, ms) => {
            format!(
                "動画の最後はすでに黒へフェードアウトします（{}秒）。",
                secs(*ms)
            )
        }
        Setting::Fit(fit) => format!(
            "写真はすでに{}ようになっています。",
            super::shape::fit_words(Language::Japanese, *fit)
        ),
        Setting::TitlePosition(position) => {
            let place = match position {
                Position::Top => "上",
                Position::Center => "中央",
                Position::Bottom => "下",
            };
            format!("タイトルはすでに画面の{place}にあります。")
        }
        Setting::TitleColor(hex) => format!("タイトルの色はすでに#{hex}です。"),
        Setting::TitleSize(size) => format!("タイトルの文字サイズはすでに{size}です。"),
    }
}

/// Where a text sits, in words.
fn position_word(en: bool, position: Position) -> &'static str {
    match (en, position) {
        (true, Position::Top) => "top",
        (true, Position::Center) => "middle",
        (true, Position::Bottom) => "bottom",
        (false, Position::Top) => "顶部",
        (false, Position::Center) => "中间",
        (false, Position::Bottom) => "底部",
    }
}

/// An instruction that changed nothing, where nothing can be named as already there.
pub(super) fn unchanged(language: Language) -> String {
    match language {
        Language::English => "That didn't change anything, so the video stays as it was.".into(),
        Language::Chinese => "这一步没有改动任何内容，视频保持原样。".into(),
        Language::Spanish => "Eso no cambió nada, así que el vídeo sigue como estaba.".into(),
        Language::Japanese => "何も変わらなかったので、動画はそのままです。".into(),
    }
}

/// The parts of the message the agent did not understand, quoted, and that they changed nothing.
pub(super) fn not_understood(language: Language, parts: &[String]) -> String {
    let quoted: Vec<String> = parts
        .iter()
        .map(|part| match language {
            Language::English | Language::Spanish => format!("'{part}'"),
            Language::Chinese => format!("“{part}”"),
            Language::Japanese => format!("「{part}」"),
        })
        .collect();
    match language {
        Language::English => format!(
            "I didn't understand {}, so I left that alone.",
            join_english(&quoted)
        ),
        Language::Chinese => format!("我没看懂{}，这部分没有改动。", quoted.join("、")),
        Language::Spanish => {
            let list = match quoted.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} y {last}", rest.join(", ")),
                None => String::new(),
            };
            format!("No entendí {list}, así que no lo toqué.")
        }
        Language::Japanese => format!(
            "{}は理解できなかったので、その部分は変更していません。",
            quoted.join("、")
        ),
    }
}

/// A message in a language the agent does not read: which it reads, in English.
pub(super) fn foreign(language: &str) -> String {
    format!(
        "Sorry, I can't read {language} yet, so I haven't changed anything. I understand \
         English, Chinese (中文), Spanish (español) and Japanese (日本語): please write your \
         request in one of them."
    )
}

/// `a`, `a and b`, `a, b and c`.
fn join_english(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use i2v_core::draft::TransitionKind;

    #[test]
    fn already_names_the_value() {
        let en = Language::English;
        assert_eq!(
            already(en, &Setting::Length(30_000)),
            "The video is already 30 seconds long."
        );
        assert_eq!(
            already(en, &Setting::Transitions(Some((TransitionKind::Fade, 800)))),
            "The transitions are already crossfades (0.8 s each)."
        );
        assert_eq!(
            already(Language::Chinese, &Setting::Volume(0.35)),
            "背景音乐音量已经是35%。"
        );
    }

    #[test]
    fn what_was_not_understood_is_quoted_and_left_alone() {
        let parts = ["sync the cuts to the beat".to_owned(), "glitter".to_owned()];
        assert_eq!(
            not_understood(Language::English, &parts),
            "I didn't understand 'sync the cuts to the beat' and 'glitter', so I left that alone."
        );
        assert_eq!(
            not_understood(Language::Chinese, &parts[..1]),
            "我没看懂“sync the cuts to the beat”，这部分没有改动。"
        );
    }
}
