//! Making a new draft from the pictures, in two stages: the raw slideshow
//! (`create_slideshow`), then music and title (`add_music_and_title`).

use i2v_core::draft::{Draft, Fit, Motion, Segment, Track, TrackKind, Transition, TransitionKind};
use serde_json::json;

use super::look::{motion_name, style_name};
use super::music::{put_music, resolve_music};
use super::pictures::{Edit, resolve};
use super::titles::put_title;
use super::{Applied, Context, DEFAULT_CLIP_MS, check_clip, check_total, split_evenly, video_ms};
use crate::agent::outcome::{Outcome, Problem};
use crate::agent::types::{MediaKind, MediaRef};
use crate::agent::understand::{MotionStyle, MusicChoice, Ordinal};

/// How a new draft is made: the choices the person's message made, or the defaults.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Recipe {
    /// The whole video's length, split evenly.
    pub(crate) total_ms: Option<u64>,
    /// Each picture's length (used when no total is asked).
    pub(crate) each_ms: Option<u64>,
    /// The transition kind and length; `None` for plain cuts.
    pub(crate) transition: Option<(TransitionKind, u64)>,
    /// The camera motion.
    pub(crate) motion: MotionStyle,
    /// The music; `None` for none.
    pub(crate) music: Option<MusicChoice>,
    /// The music's volume.
    pub(crate) volume: f64,
    /// The title; `None` for none.
    pub(crate) title: Option<String>,
    /// Only these uploaded pictures, in this order (`None`: all, in upload order).
    pub(crate) only: Option<Vec<Ordinal>>,
}

/// The uploads `ordinals` point at, in the order said, each once.
fn picked<'m>(
    uploaded: &[&'m MediaRef],
    ordinals: &[Ordinal],
) -> Result<Vec<&'m MediaRef>, Problem> {
    let mut images: Vec<&MediaRef> = Vec::new();
    for ordinal in ordinals {
        let index = resolve(*ordinal, uploaded.len())?;
        let image = uploaded[index];
        if !images.iter().any(|m| m.media_id == image.media_id) {
            images.push(image);
        }
    }
    Ok(images)
}

/// One picture of the video track: `{"d":ms,"m":{"src","name","fit":"blur","motion"}}`.
pub(crate) fn clip_segment(media: &MediaRef, ms: u64, motion: Motion) -> Segment {
    let mut segment = Segment::new(ms);
    segment
        .meta_mut()
        .set_src(media.media_id.clone())
        .set_name(media.name.clone())
        .set_fit(Fit::Blur)
        .set_motion(motion);
    segment
}

/// Stage one: one picture per uploaded image, in upload order, with the lengths, transitions
/// and motion of the recipe.
pub(crate) fn slideshow(
    media: &[MediaRef],
    recipe: &Recipe,
) -> Result<(Draft, Applied, Outcome), Problem> {
    let uploaded: Vec<&MediaRef> = media
        .iter()
        .filter(|m| m.kind == MediaKind::Image)
        .collect();
    if uploaded.is_empty() {
        return Err(Problem::NoImages);
    }
    let images = match &recipe.only {
        None => uploaded,
        Some(ordinals) => picked(&uploaded, ordinals)?,
    };
    let count = images.len();
    let lengths = match (recipe.total_ms, recipe.each_ms) {
        (Some(total), _) => {
            check_total(total, count)?;
            split_evenly(total, count)
        }
        (None, Some(each)) => {
            check_clip(each)?;
            check_total(each.saturating_mul(count as u64), count)?;
            vec![each; count]
        }
        (None, None) => {
            check_total(DEFAULT_CLIP_MS.saturating_mul(count as u64), count)?;
            vec![DEFAULT_CLIP_MS; count]
        }
    };
    let mut draft = Draft::new();
    let track = draft.add_track(Track::new(TrackKind::Video));
    let last = count.saturating_sub(1);
    for (index, (image, &ms)) in images.iter().zip(&lengths).enumerate() {
        let segment = track.add_segment(clip_segment(image, ms, motion_name(recipe.motion, index)));
        if let (Some((kind, transition_ms)), true) = (&recipe.transition, index < last) {
            // Half the shorter neighbour at most, so that every picture is seen whole a moment.
            let next = lengths.get(index + 1).copied().unwrap_or(ms);
            let fitted = (*transition_ms).min(ms.min(next) / 2);
            segment
                .meta_mut()
                .set_transition(Transition::new(*kind, fitted));
        }
    }
    let total_ms = video_ms(&draft);
    let ids: Vec<&str> = images.iter().map(|m| m.media_id.as_str()).collect();
    let transition = recipe
        .transition
        .as_ref()
        .map(|(kind, ms)| json!({ "type": kind.ffmpeg_name(), "d": ms }));
    let args = json!({
        "media": ids,
        "total_ms": total_ms,
        "transition": transition,
        "motion": style_name(recipe.motion),
        "fit": Fit::Blur.word(),
    });
    let outcome = Outcome::Generated {
        images: count,
        total_ms,
        transition: recipe.transition.map(|(kind, _)| kind),
        motion: recipe.motion,
        skipped_videos: media.iter().filter(|m| m.kind == MediaKind::Video).count(),
    };
    Ok((
        draft,
        Applied {
            tool: "create_slideshow",
            args,
        },
        outcome,
    ))
}

/// Stage two: the music and the title of the recipe. Nothing to add is
/// [`Problem::Already`].
pub(crate) fn dress(draft: &mut Draft, recipe: &Recipe, ctx: &Context<'_>) -> Edit {
    let music = match recipe.music {
        Some(choice) => Some(resolve_music(choice, ctx, None)?),
        None => None,
    };
    if music.is_none() && recipe.title.is_none() {
        return Err(Problem::Already);
    }
    let volume = recipe.volume.clamp(0.0, 1.0);
    if let Some((src, name)) = &music {
        put_music(draft, src, name, volume);
    }
    if let Some(text) = &recipe.title {
        put_title(draft, text);
    }
    let music_args = music
        .as_ref()
        .map(|(src, name)| json!({ "src": src, "name": name, "volume": volume }));
    let args = json!({ "music": music_args, "title": recipe.title });
    let outcome = Outcome::Dressed {
        music: music.map(|(_, name)| (name, volume)),
        title: recipe.title.clone(),
    };
    // The tool is named by what it added: its label is what the person watches while it runs.
    let tool = match (&music_args, &recipe.title) {
        (Some(_), Some(_)) => "add_music_and_title",
        (Some(_), None) => "add_music",
        (None, _) => "add_title",
    };
    Ok((Applied { tool, args }, outcome))
}
