//! How the pictures fill the frame: "fill the frame", "no blurry borders", "crop to fill" make
//! them cover it; "show the whole photo", "no cropping" fit them whole with bars; "blurred
//! background" puts them over a blurred copy (the default). For one picture where one is
//! pointed at, else for all.

use i2v_core::draft::Fit;

use super::{Clause, Command};
use crate::agent::text::phrase::find;

/// Asking the pictures to cover the frame.
const COVER: &[&str] = &[
    "fill the frame",
    "fill the screen",
    "fills the frame",
    "fill the whole frame",
    "full frame",
    "full screen",
    "fullscreen",
    "crop to fill",
    "no blurry borders",
    "no blurred borders",
    "no blur borders",
    "no blurry edges",
    "no blurry background",
    "no blurred background",
    "no borders",
    "no black bars",
    "without borders",
    "edge to edge",
    "铺满",
    "填满画面",
    "填满",
    "满屏",
    "全屏",
    "不要模糊边",
    "不要模糊背景",
    "不要黑边",
    "去掉黑边",
    "去掉模糊边",
];
/// Asking the whole picture to show, bars around it where the shapes differ.
const CONTAIN: &[&str] = &[
    "show the whole photo",
    "show the whole picture",
    "show the whole image",
    "whole photo",
    "whole picture",
    "no cropping",
    "don't crop",
    "do not crop",
    "letterbox",
    "black bars",
    "显示完整",
    "完整显示",
    "不要裁剪",
    "不要裁切",
    "加黑边",
];
/// Asking for the blurred background again.
const BLUR: &[&str] = &[
    "blurred background",
    "blurry background",
    "blur the background",
    "blurred borders",
    "模糊背景",
    "背景模糊",
];

/// Runs the rule over a clause.
pub(super) fn rules(clause: &Clause<'_>, out: &mut Vec<Command>) {
    // Longer phrases first in meaning: "no blurry background" is cover, not blur.
    let fit = if find(clause.tokens, COVER).is_some() {
        Fit::Cover
    } else if find(clause.tokens, CONTAIN).is_some() {
        Fit::Contain
    } else if find(clause.tokens, BLUR).is_some() {
        Fit::Blur
    } else {
        return;
    };
    let asked: Vec<Command> = match clause.refs.as_slice() {
        [] => vec![Command::Fit(fit, None)],
        refs => refs
            .iter()
            .map(|found| Command::Fit(fit, Some(found.ordinal)))
            .collect(),
    };
    // "fill the frame, no blurry borders" says it twice: once is the instruction.
    for command in asked {
        if !out.contains(&command) {
            out.push(command);
        }
    }
}

#[cfg(test)]
mod tests {
    use i2v_core::draft::Fit;

    use crate::agent::understand::tests::commands;
    use crate::agent::understand::{Command, Ordinal};

    #[test]
    fn filling_the_frame_and_showing_the_whole_photo() {
        assert_eq!(
            commands("fill the frame, no blurry borders"),
            [Command::Fit(Fit::Cover, None)]
        );
        assert_eq!(commands("图片铺满画面"), [Command::Fit(Fit::Cover, None)]);
        assert_eq!(
            commands("show the whole photo on the second one"),
            [Command::Fit(Fit::Contain, Some(Ordinal::Nth(2)))]
        );
        assert_eq!(
            commands("blurred background again"),
            [Command::Fit(Fit::Blur, None)]
        );
    }
}
