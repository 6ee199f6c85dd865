//! What the video already has, when an instruction would change nothing: read from the draft
//! (and canvas) before the edit, and only where it is what was asked, so that a reply saying
//! "already" names a value the draft truly holds.
//!
//! An instruction the edit left unchanged but whose asked-for value cannot be shown here gets
//! no "already" at all: the reply then says plainly that nothing changed.

use i2v_core::draft::{Draft, Fit, Meta, Position, TrackRole, TransitionKind, color_hex};

use super::compose::look::{current_style, motion_name, uniform_transition};
use super::compose::{clip_spans, video_index, video_ms};
use super::types::{Aspect, Canvas};
use super::understand::{
    Command, FadeChange, FadeEnd, MotionStyle, MusicChoice, TextChange, TransitionChange,
    VolumeChange,
};

/// A setting the video already has, with its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Setting {
    /// The whole video lasts this long.
    Length(u64),
    /// Every picture lasts this long.
    EachLength(u64),
    /// The picture at this 1-based position lasts this long.
    ClipLength(usize, u64),
    /// The pictures are already the ones asked, in the order asked.
    Order,
    /// The transitions are these (`None`: plain cuts).
    Transitions(Option<(TransitionKind, u64)>),
    /// The pictures move this way.
    Motion(MotionStyle),
    /// This music plays.
    Music(String),
    /// The music plays at this volume (0: muted).
    Volume(f64),
    /// The title reads this.
    Title(String),
    /// The title shows for this long.
    TitleShown(u64),
    /// A caption reads this.
    Caption(String),
    /// The frame has this shape.
    Aspect(Aspect),
    /// The whole video fades at this end for this long.
    Fade(FadeEnd, u64),
    /// The pictures fill the frame this way.
    Fit(Fit),
    /// The title sits here.
    TitlePosition(Position),
    /// The title is this colour (`RRGGBB`).
    TitleColor(String),
    /// The title's font size is this.
    TitleSize(u32),
}

/// The setting `command` asked for, where `draft` and `canvas` already have it.
pub(crate) fn setting(command: &Command, draft: &Draft, canvas: Canvas) -> Option<Setting> {
    let lengths: Vec<u64> = clip_spans(draft).iter().map(|s| s.duration_ms()).collect();
    match command {
        Command::Total(ms) => (video_ms(draft) == *ms).then_some(Setting::Length(*ms)),
        Command::Each(ms) => (!lengths.is_empty() && lengths.iter().all(|l| l == ms))
            .then_some(Setting::EachLength(*ms)),
        Command::Clip(ordinals, ms) => {
            let positions: Vec<usize> = ordinals
                .iter()
                .filter_map(|o| o.resolve(lengths.len()))
                .collect();
            let all_so =
                !positions.is_empty() && positions.iter().all(|&i| lengths.get(i) == Some(ms));
            match positions.as_slice() {
                [one] if all_so => Some(Setting::ClipLength(one + 1, *ms)),
                _ if all_so => Some(Setting::EachLength(*ms)),
                _ => None,
            }
        }
        Command::KeepClips(_)
        | Command::MoveClip(..)
        | Command::SwapClips(..)
        | Command::Reverse => Some(Setting::Order),
        Command::Transitions(change) => transitions(change, draft),
        Command::Motion(style, clip) => motion(*style, clip.as_ref(), draft),
        Command::Music(choice) => music(*choice, draft),
        Command::Volume(change) => volume(*change, draft),
        Command::Title(change) => title(change, draft),
        Command::Caption(TextChange::Set(text), _) => text_of(draft, &TrackRole::Subtitle)
            .iter()
            .any(|caption| caption == text)
            .then(|| Setting::Caption(text.clone())),
        Command::Aspect(aspect) => {
            (Aspect::of(canvas) == Some(*aspect)).then_some(Setting::Aspect(*aspect))
        }
        Command::Fit(fit, clip) => {
            let track = draft.track(video_index(draft)?)?;
            let count = track.segments().len();
            let fitted = |index: usize| {
                let meta = track.segment(index).and_then(|s| s.meta());
                meta.and_then(Meta::fit).unwrap_or_default() == *fit
            };
            let so = match clip {
                Some(ordinal) => fitted(ordinal.resolve(count)?),
                None => count > 0 && (0..count).all(fitted),
            };
            so.then_some(Setting::Fit(*fit))
        }
        Command::Fade(end, FadeChange::Set(asked)) => {
            let track = draft.track(video_index(draft)?)?;
            let current = match end {
                FadeEnd::Start => track.fade_in_ms(),
                FadeEnd::End => track.fade_out_ms(),
            }?;
            asked
                .is_none_or(|ms| ms == current)
                .then_some(Setting::Fade(*end, current))
        }
        Command::ClipScale { .. }
        | Command::Scale { .. }
        | Command::Pace { .. }
        | Command::Text(..)
        | Command::MoveTitle(_)
        | Command::Undo(_)
        | Command::Redo(_)
        | Command::OtherAspect(_)
        | Command::Fade(_, FadeChange::Remove)
        | Command::RemoveClips(_)
        | Command::AddImages
        | Command::RemoveMusic
        | Command::Caption(..)
        | Command::Unclear(_) => None,
    }
}

fn transitions(change: &TransitionChange, draft: &Draft) -> Option<Setting> {
    let track = draft.track(video_index(draft)?)?;
    let has_any = track
        .segments()
        .iter()
        .any(|s| s.meta().and_then(Meta::transition).is_some());
    match change {
        TransitionChange::Remove => (!has_any).then_some(Setting::Transitions(None)),
        TransitionChange::Set { kind, ms } => {
            let current = uniform_transition(track)?;
            let current_kind = current.kind()?;
            let current_ms = current.duration_ms()?;
            let kind_so = kind.is_none_or(|kind| kind == current_kind);
            let ms_so = ms.is_none_or(|ms| ms == current_ms);
            (kind_so && ms_so).then_some(Setting::Transitions(Some((current_kind, current_ms))))
        }
        TransitionChange::Pace(_) => None,
    }
}

fn motion(
    style: MotionStyle,
    clip: Option<&super::understand::Ordinal>,
    draft: &Draft,
) -> Option<Setting> {
    let track = draft.track(video_index(draft)?)?;
    let count = track.segments().len();
    let so = match clip {
        None => count > 0 && current_style(track) == style,
        Some(ordinal) => {
            let index = ordinal.resolve(count)?;
            let motion = track.segment(index)?.meta()?.motion()?;
            motion == motion_name(style, index)
        }
    };
    so.then_some(Setting::Motion(style))
}

fn music(choice: MusicChoice, draft: &Draft) -> Option<Setting> {
    let name = music_name(draft)?;
    match choice {
        MusicChoice::Default => Some(Setting::Music(name)),
        MusicChoice::Library(key) => {
            let track = super::library::by_key(key)?;
            (track.name() == name).then_some(Setting::Music(name))
        }
        MusicChoice::Another | MusicChoice::Uploaded(_) => None,
    }
}

fn volume(change: VolumeChange, draft: &Draft) -> Option<Setting> {
    let volume = music_volume(draft)?;
    let so = match change {
        VolumeChange::Set(level) => (volume - level).abs() < 0.005,
        VolumeChange::Mute => volume == 0.0,
        VolumeChange::Unmute => volume > 0.0,
        // At the bounds the compose step keeps: 5% and 100%.
        VolumeChange::Lower => volume <= 0.05,
        VolumeChange::Raise => volume >= 1.0,
    };
    so.then_some(Setting::Volume(volume))
}

fn title(change: &TextChange, draft: &Draft) -> Option<Setting> {
    let current = text_of(draft, &TrackRole::Title).into_iter().next()?;
    match change {
        TextChange::Set(text) => (*text == current).then_some(Setting::Title(current)),
        TextChange::Default => Some(Setting::Title(current)),
        TextChange::Duration(ms) => {
            let layout = draft.layout();
            let shown = layout
                .tracks
                .iter()
                .find(|t| t.role == TrackRole::Title)?
                .segments
                .first()?
                .span
                .duration_ms();
            (shown == *ms).then_some(Setting::TitleShown(shown))
        }
        TextChange::Position(asked) => {
            let meta = title_meta(draft)?;
            (meta.position() == Some(*asked)).then_some(Setting::TitlePosition(*asked))
        }
        TextChange::Color(asked) => {
            let hex = title_meta(draft)?.color().and_then(color_hex)?;
            (hex == asked.hex).then_some(Setting::TitleColor(hex))
        }
        TextChange::FontSize(asked) => {
            let size = title_meta(draft)?.font_size()?;
            (size == f64::from(*asked)).then_some(Setting::TitleSize(*asked))
        }
        TextChange::Resize(_) | TextChange::Remove => None,
    }
}

/// The title's metadata: its first segment's.
fn title_meta(draft: &Draft) -> Option<&Meta> {
    let track = draft
        .tracks()
        .iter()
        .find(|t| t.role() == TrackRole::Title)?;
    track.segment(0)?.meta()
}

/// The texts of the tracks with `role`, in order.
fn text_of(draft: &Draft, role: &TrackRole) -> Vec<String> {
    draft
        .layout()
        .tracks
        .into_iter()
        .filter(|track| track.role == *role)
        .flat_map(|track| track.segments)
        .filter_map(|segment| segment.text)
        .collect()
}

/// The name of the background music, as the draft names it.
fn music_name(draft: &Draft) -> Option<String> {
    let layout = draft.layout();
    let music = layout.tracks.iter().find(|t| t.role == TrackRole::Music)?;
    music.segments.first()?.name.clone()
}

/// The background music's volume (1 where the draft gives none: as recorded).
fn music_volume(draft: &Draft) -> Option<f64> {
    let layout = draft.layout();
    let music = layout.tracks.iter().find(|t| t.role == TrackRole::Music)?;
    Some(music.segments.first()?.volume.unwrap_or(1.0))
}
