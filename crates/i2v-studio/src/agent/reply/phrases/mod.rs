//! The sentences of a reply, in the person's language: what is shared here (numbers, names of
//! transitions, motions and shapes), the changes made one file a language, and what is said
//! when nothing changed ([`help`](mod@help): problems, export, help).

mod en;
mod es;
mod help;
mod ja;
mod zh;

pub(super) use help::{export, help, problem};

use crate::agent::outcome::Outcome;
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
