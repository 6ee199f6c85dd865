//! The sentences telling a change made, in English.

use super::{
    aspect_label, capitalized, motion_name, percent, pictures, plural, same_length, secs,
    transition_name,
};
use crate::agent::outcome::Outcome;
use crate::agent::reply::texts;
use crate::agent::types::Language;

/// The sentence telling a change made.
pub(super) fn english_outcome(outcome: &Outcome) -> String {
    let en = Language::English;
    match outcome {
        Outcome::Generated {
            images,
            total_ms,
            transition,
            motion,
            skipped_videos,
        } => {
            let transition = transition
                .as_ref()
                .map_or("plain cuts", |kind| transition_name(en, *kind));
            let mut text = format!(
                "I turned your {} into a {}-second video with {transition} and {}.",
                plural(*images, "photo", "photos"),
                secs(*total_ms),
                motion_name(en, *motion)
            );
            if *skipped_videos > 0 {
                let videos = plural(*skipped_videos, "video file", "video files");
                text.push_str(&format!(
                    " (I left out {videos}: slideshows are made from photos.)"
                ));
            }
            text
        }
        Outcome::Dressed { music, title } => match (music, title) {
            (Some((name, volume)), Some(title)) => format!(
                "Then I added {name} background music at {}% and the title '{title}'.",
                percent(*volume)
            ),
            (Some((name, volume)), None) => {
                format!(
                    "Then I added {name} background music at {}%.",
                    percent(*volume)
                )
            }
            (None, Some(title)) => format!("Then I added the title '{title}'."),
            (None, None) => "I left out music and title.".to_owned(),
        },
        Outcome::Total { total_ms, clips } => format!(
            "The video is now {} seconds long ({}, about {} s each).",
            secs(*total_ms),
            plural(*clips, "photo", "photos"),
            secs(total_ms / (*clips).max(1) as u64)
        ),
        Outcome::Each { each_ms, total_ms } => format!(
            "Each photo now shows for {} seconds ({} seconds in all).",
            secs(*each_ms),
            secs(*total_ms)
        ),
        Outcome::Clips { lengths, total_ms } => {
            let positions: Vec<usize> = lengths.iter().map(|(position, _)| *position).collect();
            let each = match same_length(lengths) {
                Some(ms) => format!(
                    "{} now {} for {} seconds",
                    capitalized(&pictures(en, &positions)),
                    if positions.len() == 1 {
                        "shows"
                    } else {
                        "show"
                    },
                    secs(ms)
                ),
                None => lengths
                    .iter()
                    .map(|(position, ms)| format!("photo {position} now shows for {} s", secs(*ms)))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            format!(
                "{}; the video is {} seconds long.",
                capitalized(&each),
                secs(*total_ms)
            )
        }
        Outcome::Removed {
            positions,
            left,
            total_ms,
        } => format!(
            "Removed {}; {} left ({} seconds).",
            pictures(en, positions),
            plural(*left, "photo", "photos"),
            secs(*total_ms)
        ),
        Outcome::Moved { from, to } => format!("Moved photo {from} to position {to}."),
        Outcome::Swapped(a, b) => format!("Swapped photos {a} and {b}."),
        Outcome::Reversed => "Reversed the order of the photos.".to_owned(),
        Outcome::AddedImages { count, total_ms } => format!(
            "Added {} at the end ({} seconds in all).",
            plural(*count, "new photo", "new photos"),
            secs(*total_ms)
        ),
        Outcome::Transitions(Some((kind, ms))) => format!(
            "Transitions are now {} ({} s each).",
            transition_name(en, *kind),
            secs(*ms)
        ),
        Outcome::Transitions(None) => {
            "Removed the transitions: the photos now cut straight from one to the next.".to_owned()
        }
        Outcome::Motion(style, Some(position)) => {
            format!("Photo {position} now has {}.", motion_name(en, *style))
        }
        Outcome::Motion(style, None) => format!("The photos now have {}.", motion_name(en, *style)),
        Outcome::Music(name, volume) => {
            format!("Background music is now {name} at {}%.", percent(*volume))
        }
        Outcome::MusicRemoved => "Removed the background music.".to_owned(),
        Outcome::Volume(volume) if *volume <= 0.0 => "Muted the music.".to_owned(),
        Outcome::Volume(volume) => format!("Music volume is now {}%.", percent(*volume)),
        Outcome::Title(text) => format!("The title is now '{text}'."),
        Outcome::TitleShown(ms) => format!("The title now shows for {} seconds.", secs(*ms)),
        Outcome::TitleSize(size) => format!("The title's font size is now {size}."),
        Outcome::TitleRemoved => "Removed the title.".to_owned(),
        Outcome::Captions(count) => format!(
            "Added {} from the file names.",
            plural(*count, "caption", "captions")
        ),
        Outcome::Caption(text, Some(position)) => {
            format!("Added the caption '{text}' on photo {position}.")
        }
        Outcome::Caption(text, None) => format!("Added the caption '{text}' over the whole video."),
        Outcome::CaptionsRemoved(Some(position)) => {
            format!("Removed the caption on photo {position}.")
        }
        Outcome::CaptionsRemoved(None) => "Removed the captions.".to_owned(),
        Outcome::Undone { .. } | Outcome::Redone { .. } => {
            crate::agent::reply::history::outcome(en, outcome)
        }
        Outcome::Aspect(aspect) => {
            let (width, height) = aspect.size();
            format!(
                "The frame is now {} {} ({width}x{height}).",
                aspect_label(en, *aspect),
                aspect.as_str()
            )
        }
        Outcome::Pace { .. } | Outcome::Fade(..) | Outcome::Fit(..) => {
            crate::agent::reply::shape::outcome(en, outcome)
        }
        Outcome::TitleAdded { text, end_ms } => texts::title_added(en, text, *end_ms),
        Outcome::TitleLook(look) => texts::title_look(en, look),
        Outcome::TextPlaced(placed) => texts::placed(en, placed, false),
        Outcome::TitleMoved(placed) => texts::placed(en, placed, true),
        Outcome::TextsLook { look, span } => texts::texts_look(en, look, *span),
        Outcome::TextsRemoved { texts, span } => texts::texts_removed(en, texts, *span),
    }
}
