//! Edits of what plays and shows over the pictures: background music, the title, captions.
//!
//! Tracks are made by the conventions of the agent's module doc; an existing track is edited in
//! place (only the keys an edit names change), so keys this model does not know stay.

use i2v_core::draft::{Draft, Meta, Position, Segment, Span, Track, TrackKind, TrackRole};
use serde_json::json;

use super::pictures::Edit;
use super::{
    Applied, Context, MIN_CLIP_MS, TITLE_MS, bgm_index, clip_spans, text_indexes, video_ms,
};
use crate::agent::library::{self, DEFAULT_VOLUME};
use crate::agent::outcome::{Outcome, Problem};
use crate::agent::types::{Language, MediaKind};
use crate::agent::understand::{MusicChoice, Ordinal, TextChange, VolumeChange};

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

/// The default title, in the person's language.
pub(crate) fn default_title(language: Language) -> &'static str {
    match language {
        Language::English => "My Video",
        Language::Chinese => "我的视频",
    }
}

/// Adds a title track showing `text` from the start, for [`TITLE_MS`] or the whole video if
/// shorter.
pub(crate) fn put_title(draft: &mut Draft, text: &str) {
    let shown = TITLE_MS.min(video_ms(draft));
    let mut track = Track::new(TrackKind::Text);
    track.meta_mut().set_role(&TrackRole::Title);
    let mut segment = Segment::new(shown);
    segment.set_start_ms(Some(0));
    segment
        .meta_mut()
        .set_text(text)
        .set_position(Position::Center)
        .set_color("#FFFFFF")
        .set_font_size(72)
        .set_fade_in_ms(400)
        .set_fade_out_ms(400);
    track.add_segment(segment);
    draft.add_track(track);
}

/// "add a title 'Summer'", "change the title to …", "show the title for 5 s", "remove the title".
pub(crate) fn set_title(draft: &mut Draft, change: &TextChange, ctx: &Context<'_>) -> Edit {
    let tracks = text_indexes(draft, &TrackRole::Title);
    let existing = tracks.first().copied();
    match (change, existing) {
        (TextChange::Remove | TextChange::Duration(_) | TextChange::Resize(_), None) => {
            Err(Problem::NoTitle)
        }
        (TextChange::Resize(bigger), Some(index)) => {
            let segment = draft
                .track_mut(index)
                .and_then(|t| t.segment_mut(0))
                .ok_or(Problem::NoTitle)?;
            let current = segment.meta().and_then(Meta::font_size).unwrap_or(72.0);
            let size = if *bigger {
                current * 1.25
            } else {
                current / 1.25
            };
            // Whole pixels, within what stays readable and on screen.
            let size = size.round().clamp(24.0, 200.0) as u32;
            if f64::from(size) == current {
                return Err(Problem::Already);
            }
            segment.meta_mut().set_font_size(size);
            Ok((
                applied("set_title", json!({ "font_size": size })),
                Outcome::TitleSize(size),
            ))
        }
        (TextChange::Remove, Some(_)) => {
            for index in tracks.into_iter().rev() {
                draft.remove_track(index);
            }
            Ok((applied("remove_title", json!({})), Outcome::TitleRemoved))
        }
        (TextChange::Default, Some(_)) => Err(Problem::Already),
        (TextChange::Default, None) => {
            let text = default_title(ctx.language);
            put_title(draft, text);
            Ok((
                applied("set_title", json!({ "text": text })),
                Outcome::Title(text.to_owned()),
            ))
        }
        (TextChange::Set(text), None) => {
            put_title(draft, text);
            Ok((
                applied("set_title", json!({ "text": text })),
                Outcome::Title(text.clone()),
            ))
        }
        (TextChange::Set(text), Some(index)) => {
            let segment = draft
                .track_mut(index)
                .and_then(|t| t.segment_mut(0))
                .ok_or(Problem::NoTitle)?;
            if segment.meta().and_then(Meta::text) == Some(text.as_str()) {
                return Err(Problem::Already);
            }
            segment.meta_mut().set_text(text.clone());
            Ok((
                applied("set_title", json!({ "text": text })),
                Outcome::Title(text.clone()),
            ))
        }
        (TextChange::Duration(ms), Some(index)) => {
            let total = video_ms(draft);
            if *ms < MIN_CLIP_MS {
                return Err(Problem::TooShort {
                    min_ms: MIN_CLIP_MS,
                });
            }
            if *ms > total {
                return Err(Problem::TooLong { max_ms: total });
            }
            let segment = draft
                .track_mut(index)
                .and_then(|t| t.segment_mut(0))
                .ok_or(Problem::NoTitle)?;
            if segment.duration_ms() == Some(*ms) {
                return Err(Problem::Already);
            }
            segment.set_duration_ms(*ms);
            Ok((
                applied("set_title", json!({ "duration_ms": ms })),
                Outcome::TitleShown(*ms),
            ))
        }
    }
}

/// A caption over `span`: `{"s","d","m":{"text","position":"bottom",…}}`.
fn caption_segment(text: &str, span: Span) -> Segment {
    let mut segment = Segment::new(span.duration_ms());
    segment.set_start_ms(Some(span.start_ms));
    segment
        .meta_mut()
        .set_text(text)
        .set_position(Position::Bottom)
        .set_color("#FFFFFF")
        .set_font_size(48)
        .set_fade_in_ms(200)
        .set_fade_out_ms(200);
    segment
}

/// A file name as a caption: the name without its extension, `_` and `-` as spaces.
fn caption_from_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let words: Vec<&str> = stem
        .split(['_', '-', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let text = words.join(" ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The subtitle track for editing, made if there is none.
fn subtitles_mut(draft: &mut Draft) -> Option<&mut Track> {
    match text_indexes(draft, &TrackRole::Subtitle).first() {
        Some(&index) => draft.track_mut(index),
        None => {
            let mut track = Track::new(TrackKind::Text);
            track.meta_mut().set_role(&TrackRole::Subtitle);
            Some(draft.add_track(track))
        }
    }
}

/// "add captions" (from the file names), "add the caption 'Sunset' to the last photo",
/// "remove the captions".
pub(crate) fn set_caption(draft: &mut Draft, change: &TextChange, clip: Option<Ordinal>) -> Edit {
    let spans = clip_spans(draft);
    let count = spans.len();
    let index = clip
        .map(|ordinal| {
            ordinal.resolve(count).ok_or(Problem::NoSuchPicture {
                asked: ordinal,
                count,
            })
        })
        .transpose()?;
    let span = match index {
        Some(i) => spans.get(i).copied(),
        None => Some(Span {
            start_ms: 0,
            end_ms: video_ms(draft),
        }),
    };
    let position = index.map(|i| i + 1);
    match change {
        TextChange::Remove => remove_captions(draft, index.and(span)),
        TextChange::Default | TextChange::Duration(_) | TextChange::Resize(_)
            if index.is_none() =>
        {
            let names: Vec<String> = draft
                .track(super::video_index(draft).ok_or(Problem::NoVideo)?)
                .map(|track| {
                    track
                        .segments()
                        .iter()
                        .map(|s| caption_from_name(s.meta().and_then(Meta::name).unwrap_or("")))
                        .collect()
                })
                .unwrap_or_default();
            let track = subtitles_mut(draft).ok_or(Problem::NoVideo)?;
            let segments = track.segments_mut();
            segments.clear();
            for (text, span) in names.iter().zip(&spans) {
                if !text.is_empty() {
                    segments.push(caption_segment(text, *span));
                }
            }
            let added = segments.len();
            if added == 0 {
                return Err(Problem::Already);
            }
            Ok((
                applied("add_captions", json!({ "from": "file_names" })),
                Outcome::Captions(added),
            ))
        }
        TextChange::Default | TextChange::Duration(_) | TextChange::Resize(_) => {
            Err(Problem::WhatText)
        }
        TextChange::Set(text) => {
            let span = span.ok_or(Problem::NoVideo)?;
            let track = subtitles_mut(draft).ok_or(Problem::NoVideo)?;
            let segments = track.segments_mut();
            // A caption replaces those it would overlap.
            segments.retain(|s| {
                let start = s.start_ms().unwrap_or(0);
                let end = start.saturating_add(s.duration_ms().unwrap_or(0));
                end <= span.start_ms || start >= span.end_ms
            });
            let at = segments
                .iter()
                .position(|s| s.start_ms().unwrap_or(0) > span.start_ms)
                .unwrap_or(segments.len());
            segments.insert(at, caption_segment(text, span));
            let args = json!({ "text": text, "clip": position });
            Ok((
                applied("set_caption", args),
                Outcome::Caption(text.clone(), position),
            ))
        }
    }
}

/// Removes the captions over `span`, or all of them.
fn remove_captions(draft: &mut Draft, span: Option<Span>) -> Edit {
    let tracks = text_indexes(draft, &TrackRole::Subtitle);
    if tracks.is_empty() {
        return Err(Problem::NoCaptions);
    }
    let Some(span) = span else {
        for index in tracks.into_iter().rev() {
            draft.remove_track(index);
        }
        return Ok((
            applied("remove_captions", json!({})),
            Outcome::CaptionsRemoved(None),
        ));
    };
    let mut removed = false;
    for &index in &tracks {
        if let Some(track) = draft.track_mut(index) {
            let spans: Vec<Span> = track.spans().collect();
            let mut keep = spans
                .iter()
                .map(|s| s.end_ms <= span.start_ms || s.start_ms >= span.end_ms);
            let before = track.segments().len();
            track.segments_mut().retain(|_| keep.next().unwrap_or(true));
            removed |= track.segments().len() < before;
        }
    }
    if !removed {
        return Err(Problem::NoCaptions);
    }
    let position = clip_spans(draft)
        .iter()
        .position(|s| *s == span)
        .map(|i| i + 1);
    let args = json!({ "clip": position });
    Ok((
        applied("remove_captions", args),
        Outcome::CaptionsRemoved(position),
    ))
}
