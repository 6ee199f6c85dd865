//! The sentences about the video's shape in frame and time: shapes the agent does not make,
//! the pace, and the fades from and to black; in each language the agent answers in.

use super::phrases::{secs, segundos};
use crate::agent::compose::{MAX_CLIP_MS, MAX_TOTAL_MS, MIN_CLIP_MS};
use crate::agent::outcome::{Outcome, Problem};
use crate::agent::types::{Aspect, Language};
use crate::agent::understand::FadeEnd;
use i2v_core::draft::Fit;

/// The sentence telling a change of pace or fade; empty for any other outcome (which
/// [`super::phrases`] tells).
pub(super) fn outcome(language: Language, outcome: &Outcome) -> String {
    use Language::{Chinese, English, Japanese, Spanish};
    match outcome {
        Outcome::Pace {
            faster,
            each_ms,
            total_ms,
            music,
        } => {
            let (each, total) = (secs(*each_ms), secs(*total_ms));
            match language {
                English => {
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
                        "{done}: each photo now shows for about {each} s ({total} seconds in \
                         all){music}."
                    )
                }
                Chinese => {
                    let done = if *faster { "加快" } else { "放慢" };
                    let music = if *music {
                        "，音乐仍和视频一起结束"
                    } else {
                        ""
                    };
                    format!("节奏{done}了：每张图片现在约显示{each}秒（共{total}秒）{music}。")
                }
                Spanish => {
                    let (each, total) = (segundos(*each_ms), segundos(*total_ms));
                    let done = if *faster {
                        "Aceleré el ritmo"
                    } else {
                        "Hice el ritmo más lento"
                    };
                    let music = if *music {
                        ", y la música sigue terminando con el vídeo"
                    } else {
                        ""
                    };
                    format!(
                        "{done}: cada foto se muestra ahora unos {each} s ({total} segundos en \
                         total){music}."
                    )
                }
                Japanese => {
                    let done = if *faster { "速く" } else { "ゆっくりに" };
                    let music = if *music {
                        "音楽も動画と一緒に終わります。"
                    } else {
                        ""
                    };
                    format!(
                        "テンポを{done}しました。各写真は約{each}秒表示されます（合計{total}秒）。{music}"
                    )
                }
            }
        }
        Outcome::Fade(end, Some(ms)) => {
            let ms = match language {
                Spanish => segundos(*ms),
                _ => secs(*ms),
            };
            match (language, end) {
                (English, FadeEnd::Start) => {
                    format!("The video now fades in from black at the start ({ms} s).")
                }
                (English, FadeEnd::End) => {
                    format!("The video now fades out to black at the end ({ms} s).")
                }
                (Chinese, FadeEnd::Start) => format!("视频开头现在从黑场淡入（{ms}秒）。"),
                (Chinese, FadeEnd::End) => format!("视频结尾现在淡出到黑场（{ms}秒）。"),
                (Spanish, FadeEnd::Start) => {
                    format!("El vídeo ahora empieza con un fundido desde negro ({ms} s).")
                }
                (Spanish, FadeEnd::End) => {
                    format!("El vídeo ahora termina con un fundido a negro ({ms} s).")
                }
                (Japanese, FadeEnd::Start) => {
                    format!("動画の最初を黒からフェードインにしました（{ms}秒）。")
                }
                (Japanese, FadeEnd::End) => {
                    format!("動画の最後を黒へフェードアウトにしました（{ms}秒）。")
                }
            }
        }
        Outcome::Fade(end, None) => match (language, end) {
            (English, FadeEnd::Start) => "Removed the fade-in at the start.".to_owned(),
            (English, FadeEnd::End) => "Removed the fade-out at the end.".to_owned(),
            (Chinese, FadeEnd::Start) => "已去掉开头的淡入。".to_owned(),
            (Chinese, FadeEnd::End) => "已去掉结尾的淡出。".to_owned(),
            (Spanish, FadeEnd::Start) => "Quité el fundido de entrada del principio.".to_owned(),
            (Spanish, FadeEnd::End) => "Quité el fundido de salida del final.".to_owned(),
            (Japanese, FadeEnd::Start) => "最初のフェードインを外しました。".to_owned(),
            (Japanese, FadeEnd::End) => "最後のフェードアウトを外しました。".to_owned(),
        },
        Outcome::Fit(fit, photo) => {
            let how = fit_words(language, *fit);
            match (language, photo) {
                (English, Some(n)) => format!("Photo {n} now {how}."),
                (English, None) => format!("The photos now {how}."),
                (Chinese, Some(n)) => format!("第{n}张图片现在{how}。"),
                (Chinese, None) => format!("图片现在{how}。"),
                (Spanish, Some(n)) => format!("La foto {n} ahora {how}."),
                (Spanish, None) => format!("Las fotos ahora {how}."),
                (Japanese, Some(n)) => format!("{n}枚目の写真は{how}ようにしました。"),
                (Japanese, None) => format!("写真は{how}ようにしました。"),
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
        (Language::Spanish, Fit::Cover) => "llenan el encuadre (lo que sobresale se recorta)",
        (Language::Spanish, Fit::Contain) => "se ven enteras, con barras donde las formas difieren",
        (Language::Spanish, Fit::Blur) => "se ven enteras sobre una copia desenfocada de sí mismas",
        (Language::Japanese, Fit::Cover) => "画面いっぱいに表示する（はみ出た部分は切り取る）",
        (Language::Japanese, Fit::Contain) => "全体を表示し、形の違う部分に帯を入れる",
        (Language::Japanese, Fit::Blur) => "ぼかした同じ写真の上に全体を表示する",
    }
}

/// The sentence telling why a shape, pace or fade changed nothing; empty for any other problem
/// (which [`super::phrases`] tells).
pub(super) fn problem(language: Language, problem: &Problem) -> String {
    let en = language == Language::English;
    match (language, problem) {
        (Language::Spanish, _) => return spanish_problem(problem),
        (Language::Japanese, _) => return japanese_problem(problem),
        _ => {}
    }
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

fn spanish_problem(problem: &Problem) -> String {
    let secs = segundos;
    match problem {
        Problem::OtherAspect(ratio) => format!(
            "No puedo hacer vídeos {ratio}: puedo hacer {}.",
            shapes(Language::Spanish)
        ),
        Problem::PaceLimit { faster: true } => format!(
            "No puedo hacerlo más rápido: cada foto debe mostrarse al menos {} segundos.",
            secs(MIN_CLIP_MS)
        ),
        Problem::PaceLimit { faster: false } => format!(
            "No puedo hacerlo más lento: una foto se muestra como mucho {} segundos, y un vídeo \
             dura como mucho {} minutos.",
            secs(MAX_CLIP_MS),
            MAX_TOTAL_MS / 60_000
        ),
        Problem::NoFade(FadeEnd::Start) => {
            "No hay ningún fundido de entrada al principio que quitar.".to_owned()
        }
        Problem::NoFade(FadeEnd::End) => {
            "No hay ningún fundido de salida al final que quitar.".to_owned()
        }
        _ => String::new(),
    }
}

fn japanese_problem(problem: &Problem) -> String {
    match problem {
        Problem::OtherAspect(ratio) => format!(
            "{ratio}の動画は作れません。作れるのは{}です。",
            shapes(Language::Japanese)
        ),
        Problem::PaceLimit { faster: true } => format!(
            "これ以上速くできません。各写真は少なくとも{}秒表示する必要があります。",
            secs(MIN_CLIP_MS)
        ),
        Problem::PaceLimit { faster: false } => format!(
            "これ以上ゆっくりにできません。写真1枚は最長{}秒、動画は最長{}分です。",
            secs(MAX_CLIP_MS),
            MAX_TOTAL_MS / 60_000
        ),
        Problem::NoFade(FadeEnd::Start) => "最初にフェードインはありません。".to_owned(),
        Problem::NoFade(FadeEnd::End) => "最後にフェードアウトはありません。".to_owned(),
        _ => String::new(),
    }
}

/// The shapes the agent makes, as a list: "16:9, 9:16, 1:1, 4:5 or 4:3".
fn shapes(language: Language) -> String {
    let ratios: Vec<&str> = Aspect::ALL.iter().map(|aspect| aspect.as_str()).collect();
    let (comma, or) = match language {
        Language::English => (", ", " or "),
        Language::Chinese => ("、", "或"),
        Language::Spanish => (", ", " o "),
        Language::Japanese => ("、", "、"),
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
