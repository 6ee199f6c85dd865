//! Edits of the background music: which track plays, and how loud.
//!
//! The music track is made by the conventions of the agent's module doc; an existing track is
//! edited in place (only the keys an edit names change), so keys this model does not know stay.

use i2v_core::draft::{Draft, Meta, Segment, Track, TrackKind, TrackRole};
use serde_json::json;

use super::pictures::Edit;
use super::{Applied, Context, bgm_index, video_ms};
use crate::agent::library::{self, DEFAULT_VOLUME};
use crate::agent::outcome::{Outcome, Problem};
use crate::agent::types::MediaKind;
use crate::agent::understand::{MusicChoice, VolumeChange};

/// Lowering multiplies the volume by this, down to [`QUIETEST`].
const LOWER_FACTOR: f64 = 0.6;
/// Raising multiplies the volume by this, up to 1.
const RAISE_FACTOR: f64 = 1.5;
/// The quietest "lower" goes (muting goes to 0).
const QUIETEST: f64 = 0.05;

fn applied(tool: &'static str, args: serde_json::Value) -> Applied {
    Applied { tool, args }
}

/// A volume rounded to whole percent, as the draft keeps it (halves up: 0.525 is 53%, though
/// binary floating point holds it a hair below).
pub(crate) fn round_volume(volume: f64) -> f64 {
    (volume.clamp(0.0, 1.0) * 100.0 + 1e-9).round() / 100.0
}

/// The music a choice stands for: (`src`, `name`).
///
/// Rules: the default is the person's latest uploaded sound, else Lo-fi; "another" walks the
/// library from the current track; an upload not named is the latest one.
pub(crate) fn resolve_music(
    choice: MusicChoice,
    ctx: &Context<'_>,
    current: Option<&str>,
) -> Result<(String, String), Problem> {
    let latest_upload = ctx.media.iter().rev().find(|m| m.kind == MediaKind::Audio);
    let upload = |index: Option<usize>| {
        let media = match index {
            Some(index) => ctx.media.get(index).filter(|m| m.kind == MediaKind::Audio),
            None => latest_upload,
        };
        media
            .map(|m| (m.media_id.clone(), m.name.clone()))
            .ok_or(Problem::NoUploadedMusic)
    };
    let from_library = |track: &library::LibraryTrack| (track.src(), track.name().to_owned());
    match choice {
        MusicChoice::Default => match latest_upload {
            Some(_) => upload(None),
            None => Ok(from_library(library::after(None))),
        },
        MusicChoice::Another => {
            let key = current
                .and_then(library::by_src)
                .map(library::LibraryTrack::key);
            Ok(from_library(library::after(key)))
        }
        MusicChoice::Library(key) => library::by_key(key)
            .map(from_library)
            .ok_or(Problem::NoMusic),
        MusicChoice::Uploaded(index) => upload(index),
    }
}

/// Adds or replaces the background music: a `bgm` audio track with one segment as long as the
/// pictures.
pub(crate) fn put_music(draft: &mut Draft, src: &str, name: &str, volume: f64) {
    let total = video_ms(draft);
    let track = match bgm_index(draft) {
        Some(index) => draft.track_mut(index),
        None => {
            let mut track = Track::new(TrackKind::Audio);
            track.meta_mut().set_role(&TrackRole::Music);
            Some(draft.add_track(track))
        }
    };
    let Some(track) = track else {
        return;
    };
    if track.segments().is_empty() {
        let mut segment = Segment::new(total);
        segment
            .meta_mut()
            .set_volume(volume)
            .set_fade_in_ms(1000)
            .set_fade_out_ms(2000);
        track.add_segment(segment);
    }
    for segment in track.segments_mut() {
        segment
            .set_duration_ms(total)
            .meta_mut()
            .set_src(src)
            .set_name(name);
    }
}

/// "add music", "use calm music", "use my song", "换一首".
pub(crate) fn set_music(draft: &mut Draft, choice: MusicChoice, ctx: &Context<'_>) -> Edit {
    let current = music_meta(draft).map(|meta| (meta.src().map(str::to_owned), meta.volume()));
    if current.is_some() && choice == MusicChoice::Default {
        return Err(Problem::Already);
    }
    let current_src = current.as_ref().and_then(|(src, _)| src.clone());
    let (src, name) = resolve_music(choice, ctx, current_src.as_deref())?;
    if current_src.as_deref() == Some(src.as_str()) {
        return Err(Problem::Already);
    }
    let volume = current
        .and_then(|(_, volume)| volume)
        .unwrap_or(DEFAULT_VOLUME);
    put_music(draft, &src, &name, volume);
    let args = json!({ "src": src, "name": name, "volume": volume });
    Ok((applied("set_music", args), Outcome::Music(name, volume)))
}

/// The metadata of the music's first segment.
fn music_meta(draft: &Draft) -> Option<&Meta> {
    let track = draft.track(bgm_index(draft)?)?;
    track.segment(0)?.meta()
}

/// "remove the music", "去掉音乐".
pub(crate) fn remove_music(draft: &mut Draft) -> Edit {
    let index = bgm_index(draft).ok_or(Problem::NoMusic)?;
    draft.remove_track(index);
    Ok((applied("remove_music", json!({})), Outcome::MusicRemoved))
}

/// "lower the music", "louder", "mute", "set the music volume to 20%".
pub(crate) fn set_volume(draft: &mut Draft, change: VolumeChange) -> Edit {
    let index = bgm_index(draft).ok_or(Problem::NoMusic)?;
    let Some(track) = draft.track_mut(index) else {
        return Err(Problem::NoMusic);
    };
    let current = track
        .segment(0)
        .and_then(Segment::meta)
        .and_then(Meta::volume)
        .unwrap_or(DEFAULT_VOLUME);
    let volume = round_volume(match change {
        VolumeChange::Lower if current > 0.0 => (current * LOWER_FACTOR).max(QUIETEST),
        VolumeChange::Lower => current,
        VolumeChange::Raise if current > 0.0 => current * RAISE_FACTOR,
        VolumeChange::Raise | VolumeChange::Unmute if current == 0.0 => DEFAULT_VOLUME,
        VolumeChange::Raise | VolumeChange::Unmute => current,
        VolumeChange::Set(level) => level,
        VolumeChange::Mute => 0.0,
    });
    if (volume - current).abs() < 0.005 {
        return Err(Problem::Already);
    }
    for segment in track.segments_mut() {
        segment.meta_mut().set_volume(volume);
    }
    Ok((
        applied("set_music_volume", json!({ "volume": volume })),
        Outcome::Volume(volume),
    ))
}
