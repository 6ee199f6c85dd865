//! The reply's stated changes equal the draft's diff: for every edit random messages ask of a
//! made video (or of a draft from elsewhere), the part the reply's sentence names is the part
//! the diff shows changed, nothing outside what that change may touch changed, and an edit
//! that changed nothing is never told as a change.

use std::collections::HashSet;

use i2v_core::draft::{Draft, diff};
use proptest::prelude::*;

use super::already;
use super::compose::Context;
use super::outcome::{Outcome, Problem};
use super::plan::apply;
use super::proptests::{foreign_draft, media, message};
use super::types::Canvas;
use super::understand::understand;
use super::{TurnInput, plan_turn};

/// A part of the video a change can touch, as the draft's diff shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Part {
    /// The pictures (the video track).
    Pictures,
    /// The background music.
    Music,
    /// The title.
    Title,
    /// The captions.
    Captions,
    /// The frame shape (the canvas, not the draft).
    Frame,
}

/// What the reply's sentence for this change claims changed, and what else the change may
/// touch to keep the video consistent (music and captions follow the pictures; the title is
/// cut at the end).
fn claims(outcome: &Outcome) -> (Part, &'static [Part]) {
    const FOLLOWING: &[Part] = &[Part::Pictures, Part::Music, Part::Title, Part::Captions];
    match outcome {
        Outcome::Generated { .. }
        | Outcome::Total { .. }
        | Outcome::Each { .. }
        | Outcome::Clips { .. }
        | Outcome::Removed { .. }
        | Outcome::Moved { .. }
        | Outcome::Swapped(..)
        | Outcome::Reversed
        | Outcome::AddedImages { .. } => (Part::Pictures, FOLLOWING),
        Outcome::Pace { .. } => (Part::Pictures, FOLLOWING),
        Outcome::Transitions(_) | Outcome::Motion(..) | Outcome::Fade(..) | Outcome::Fit(..) => {
            (Part::Pictures, &[Part::Pictures])
        }
        Outcome::Dressed { .. } => (Part::Music, &[Part::Music, Part::Title]),
        Outcome::Music(..) | Outcome::MusicRemoved | Outcome::Volume(_) => {
            (Part::Music, &[Part::Music])
        }
        Outcome::Title(_)
        | Outcome::TitleShown(_)
        | Outcome::TitleSize(_)
        | Outcome::TitleRemoved => (Part::Title, &[Part::Title]),
        Outcome::Captions(_) | Outcome::Caption(..) | Outcome::CaptionsRemoved(_) => {
            (Part::Captions, &[Part::Captions])
        }
        Outcome::Aspect(_) => (Part::Frame, &[Part::Frame]),
        // An undo or a redo restores a whole earlier state; `apply` never makes one.
        Outcome::Undone { .. } | Outcome::Redone { .. } => (Part::Pictures, FOLLOWING),
        Outcome::TitleAdded { .. } | Outcome::TitleLook(_) => (Part::Title, &[Part::Title]),
        // Texts placed on the timeline are on text tracks without the title's role (read as
        // captions here); placing one beside the title may move the title.
        Outcome::TitleMoved(_) => (Part::Title, &[Part::Title, Part::Captions]),
        Outcome::TextPlaced(_) | Outcome::TextsLook { .. } | Outcome::TextsRemoved { .. } => {
            (Part::Captions, &[Part::Captions, Part::Title])
        }
    }
}

/// The parts of the video the diff between two drafts shows changed.
fn touched(before: &Draft, after: &Draft) -> HashSet<Part> {
    // By label, as the diff matches tracks: two tracks that read alike may trade places in it.
    let part_of = |draft: &Draft, track: usize| {
        let label = draft.track(track).map(|t| t.role().label());
        match label.as_deref() {
            Some("Video") => Part::Pictures,
            Some("BGM") => Part::Music,
            Some("Title") => Part::Title,
            Some("Subtitle" | "Text") => Part::Captions,
            // Other tracks are none of the agent's; a change there would be a wrong edit.
            _ => Part::Frame,
        }
    };
    diff(before, after)
        .iter()
        .flat_map(|change| {
            let was = change.before.map(|place| part_of(before, place.track));
            let is = change.after.map(|place| part_of(after, place.track));
            was.into_iter().chain(is)
        })
        .collect()
}

/// Checks every command of `text` applied in turn to `draft`.
fn check_edits(text: &str, mut draft: Draft) -> Result<(), TestCaseError> {
    let media = media();
    let request = understand(text, &media, true);
    let ctx = Context { media: &media };
    let canvas = Canvas::LANDSCAPE;
    for command in &request.commands {
        let mut next = draft.clone();
        match apply(&mut next, command, &ctx) {
            Ok((_, outcome)) if !diff(&draft, &next).is_empty() => {
                let touched = touched(&draft, &next);
                let (claimed, may_touch) = claims(&outcome);
                prop_assert!(
                    touched.contains(&claimed),
                    "{command:?} told {outcome:?} but the diff shows {touched:?}"
                );
                prop_assert!(
                    touched.iter().all(|part| may_touch.contains(part)),
                    "{command:?} told {outcome:?} but also changed {touched:?}"
                );
                draft = next;
            }
            Ok(_) | Err(Problem::Already) => {
                // Nothing a person would see changed; "already" is said only with the value
                // read back from this very draft, which must then be what was asked.
                if let Some(already::Setting::Length(ms)) =
                    already::setting(command, &draft, canvas)
                {
                    prop_assert_eq!(super::compose::video_ms(&draft), ms);
                }
            }
            Err(_) => {}
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn a_stated_change_is_the_change_the_diff_shows(text in message()) {
        let media = media();
        let made = plan_turn(&TurnInput {
            message: "make a 12 second video with music and a title 'Trip' and captions",
            draft: None,
            media: &media,
            canvas: Canvas::LANDSCAPE,
            variant: 0,
            history: Default::default(),
        });
        let draft = made.draft.expect("a made video");
        check_edits(&text, draft)?;
    }

    #[test]
    fn a_stated_change_on_a_foreign_draft_is_the_change_the_diff_shows(
        text in message(),
        draft in foreign_draft(),
    ) {
        check_edits(&text, draft)?;
    }

    #[test]
    fn every_step_of_a_plan_changes_the_draft_or_the_frame(text in message(), variant in any::<u64>()) {
        let media = media();
        let canvas = Canvas::LANDSCAPE;
        let made = plan_turn(&TurnInput { message: "make a video", draft: None, media: &media, canvas, variant, history: Default::default() });
        let mut before = made.draft.clone().expect("a made video");
        let plan = plan_turn(&TurnInput { message: &text, draft: Some(&before), media: &media, canvas, variant, history: Default::default() });
        for step in &plan.steps {
            match &step.draft {
                Some(after) => {
                    prop_assert!(step.canvas.is_some() || *after != before, "{} changed nothing", step.name);
                    before = after.clone();
                }
                None => prop_assert!(step.canvas.is_some(), "{} changed nothing", step.name),
            }
        }
        if plan.steps.is_empty() {
            prop_assert!(!plan.reply.starts_with("Done") && !plan.reply.starts_with("All set"));
        }
    }
}
