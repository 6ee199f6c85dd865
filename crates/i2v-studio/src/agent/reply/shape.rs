//! The sentences about the video's shape in frame and time: shapes the agent does not make,
//! the pace, and the fades from and to black; English and Chinese side by side.

use super::phrases::secs;
use crate::agent::compose::{MAX_CLIP_MS, MAX_TOTAL_MS, MIN_CLIP_MS};
use crate::agent::outcome::{Outcome, Problem};
use crate::agent::types::{Aspect, Language};
use crate::agent::understand::FadeEnd;
use i2v_core::draft::Fit;

/// The sentence telling a change of pace or fade; empty for any other outcome (which
/// [`super::phrases`] tells).
pub(super) fn outcome(language: Language, outcome: &Outcome) -> String {
    let en = language == Language::English;
    match outcome {
        Outcome::Pace {
            faster,
            each_ms,
            total_ms,
            music,
        } => {
            let (each, total) = (secs(*each_ms), secs(*total_ms));
            if en {
                let done = if *faster {
                    "Picked up the pace"
                } else {
                    "Slowed the pace down"
                };
                let music = if *music {
                    ", and the music still ends with the video"
                } else {
                    ""
                };
                format!(
                    "{done}: each photo now shows for about {each} s ({total} seconds in all)\
                     {music}."
                )
            } else {
                let done = if *faster { "加快" } else { "放慢" };
                let music = if *music {
                    "，音乐仍和视频一起结束"
                } else {
                    ""
                };
                format!("节奏{done}了：每张图片现在约显示{each}秒（共{total}秒）{music}。")
            }
        }
        Outcome::Fade(end, Some(ms)) => match (en, end) {
            (true, FadeEnd::Start) => {
                format!(
                    "The video now fades in from black at the start ({} s).",
                    secs(*ms)
                )
            }
            (true, FadeEnd::End) => {
                format!(
                    "The video now fades out to black at the end ({} s).",
                    secs(*ms)
                )
            }
            (false, FadeEnd::Start) => format!("视频开头现在从黑场淡入（{}秒）。", secs(*ms)),
            (false, FadeEnd::End) => format!("视频结尾现在淡出到黑场（{}秒）。", secs(*ms)),
        },
        Outcome::Fade(end, None) => match (en, end) {
            (true, FadeEnd::Start) => "Removed the fade-in at the start.".to_owned(),
            (true, FadeEnd::End) => "Removed the fade-out at the end.".to_owned(),
            (false, FadeEnd::Start) => "已去掉开头的淡入。".to_owned(),
            (false, FadeEnd::End) => "已去掉结尾的淡出。".to_owned(),
        },
        Outcome::Fit(fit, photo) => {
            let how = fit_words(language, *fit);
            match (en, photo) {
                (true, Some(n)) => format!("Photo {n} now {how}."),
                (true, None) => format!("The photos now {how}."),
                (false, Some(n)) => format!("第{n}张图片现在{how}。"),
                (false, None) => format!("图片现在{how}。"),
            }
        }
        _ => String::new(),
    }
}

/// How a picture fills the frame, as a reply says it after "the photos now".
pub(super) fn fit_words(language: Language, fit: Fit) -> &'static str {
    match (language, fit) {
        (Language::English, Fit::Cover) => "fill the frame (the edges that stick out are cut off)",
        (Language::English, Fit::Contain) => "show whole, with bars where the shapes differ",
        (Language::English, Fit::Blur) => "show whole over a blurred copy of themselves",
        (Language::Chinese, Fit::Cover) => "铺满画面（超出的部分会被裁掉）",
        (Language::Chinese, Fit::Contain) => "完整显示，比例不同处留黑边",
        (Language::Chinese, Fit::Blur) => "完整显示，背景为模糊的同一张图",
    }
}

/// The sentence telling why a shape, pace or fade changed nothing; empty for any other problem
/// (which [`super::phrases`] tells).
pub(super) fn problem(language: Language, problem: &Problem) -> String {
    let en = language == Language::English;
    match problem {
        Problem::OtherAspect(ratio) if en => {
            format!(
                "I can't make {ratio} videos: I can make {}.",
                shapes(language)
            )
        }
        Problem::OtherAspect(ratio) => {
            format!("暂时做不了{ratio}的画面：可以做{}。", shapes(language))
        }
        Problem::PaceLimit { faster: true } if en => format!(
            "I can't make it any faster: each photo has to show for at least {} seconds.",
            secs(MIN_CLIP_MS)
        ),
        Problem::PaceLimit { faster: true } => {
            format!("没法再快了：每张图片至少要显示{}秒。", secs(MIN_CLIP_MS))
        }
        Problem::PaceLimit { faster: false } if en => format!(
            "I can't make it any slower: a photo shows for at most {} seconds, and a video \
             lasts at most {} minutes.",
            secs(MAX_CLIP_MS),
            MAX_TOTAL_MS / 60_000
        ),
        Problem::PaceLimit { faster: false } => format!(
            "没法再慢了：每张图片最多显示{}秒，视频最长{}分钟。",
            secs(MAX_CLIP_MS),
            MAX_TOTAL_MS / 60_000
        ),
        Problem::NoFade(FadeEnd::Start) if en => {
            "There's no fade-in at the start to remove.".to_owned()
        }
        Problem::NoFade(FadeEnd::Start) => "开头没有淡入，不用去掉。".to_owned(),
        Problem::NoFade(FadeEnd::End) if en => {
            "There's no fade-out at the end to remove.".to_owned()
        }
        Problem::NoFade(FadeEnd::End) => "结尾没有淡出，不用去掉。".to_owned(),
        _ => String::new(),
    }
}

/// The shapes the agent makes, as a list: "16:9, 9:16, 1:1, 4:5 or 4:3".
fn shapes(language: Language) -> String {
    let ratios: Vec<&str> = Aspect::ALL.iter().map(|aspect| aspect.as_str()).collect();
    let (comma, or) = match language {
        Language::English => (", ", " or "),
        Language::Chinese => ("、", "或"),
    };
    match ratios.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}{or}{last}", rest.join(comma)),
        _ => ratios.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shapes_are_listed_in_both_languages() {
        assert_eq!(shapes(Language::English), "16:9, 9:16, 1:1, 4:5 or 4:3");
        assert_eq!(shapes(Language::Chinese), "16:9、9:16、1:1、4:5或4:3");
    }
}
