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
    }
}

/// The parts of the message the agent did not understand, quoted, and that they changed nothing.
pub(super) fn not_understood(language: Language, parts: &[String]) -> String {
    let quoted: Vec<String> = parts
        .iter()
        .map(|part| match language {
            Language::English => format!("'{part}'"),
            Language::Chinese => format!("“{part}”"),
        })
        .collect();
    match language {
        Language::English => format!(
            "I didn't understand {}, so I left that alone.",
            join_english(&quoted)
        ),
        Language::Chinese => format!("我没看懂{}，这部分没有改动。", quoted.join("、")),
    }
}

/// A message in a language the agent does not read: which it reads, in English.
pub(super) fn foreign(language: &str) -> String {
    format!(
        "Sorry, I can't read {language} yet, so I haven't changed anything. I understand \
         English and Chinese (中文): please write your request in one of them."
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
