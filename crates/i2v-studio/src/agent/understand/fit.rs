//! How the pictures fill the frame: "fill the frame", "no blurry borders", "crop to fill" make
//! them cover it; "show the whole photo", "no cropping" fit them whole with bars; "blurred
//! background" puts them over a blurred copy (the default). For one picture where one is
//! pointed at, else for all.

use i2v_core::draft::Fit;

use super::lexicon::{FIT_BLUR, FIT_CONTAIN, FIT_COVER};
use super::{Clause, Command};
use crate::agent::text::phrase::find;

/// Runs the rule over a clause.
pub(super) fn rules(clause: &Clause<'_>, out: &mut Vec<Command>) {
    // Longer phrases first in meaning: "no blurry background" is cover, not blur.
    let fit = if find(clause.tokens, FIT_COVER).is_some() {
        Fit::Cover
    } else if find(clause.tokens, FIT_CONTAIN).is_some() {
        Fit::Contain
    } else if find(clause.tokens, FIT_BLUR).is_some() {
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
