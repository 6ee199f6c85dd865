//! Uploads, drafts and turns for the tests.

use i2v_core::draft::{Draft, Meta, Track, TrackKind};

use crate::agent::{Canvas, History, MediaKind, MediaRef, TurnInput, TurnPlan, plan_turn};

/// The landscape canvas sessions start with.
pub(super) const HD: Canvas = Canvas {
    width: 1920,
    height: 1080,
    fps: 30,
};

/// `count` uploaded photos, `photo1.jpg` … as `med_1` ….
pub(super) fn photos(count: usize) -> Vec<MediaRef> {
    (1..=count)
        .map(|i| MediaRef {
            media_id: format!("med_{i}"),
            name: format!("photo{i}.jpg"),
            kind: MediaKind::Image,
            width: Some(4032),
            height: Some(3024),
            duration_ms: None,
        })
        .collect()
}

/// An uploaded file of another kind.
pub(super) fn upload(id: &str, name: &str, kind: MediaKind) -> MediaRef {
    MediaRef {
        media_id: id.to_owned(),
        name: name.to_owned(),
        kind,
        width: None,
        height: None,
        duration_ms: Some(90_000),
    }
}

/// The plan for a message, with phrasing variant 2 (no editor hint on edits).
pub(super) fn turn(message: &str, draft: Option<&Draft>, media: &[MediaRef]) -> TurnPlan {
    turn_with(message, draft, media, HD, 2)
}

/// The plan for a message, canvas and variant given.
pub(super) fn turn_with(
    message: &str,
    draft: Option<&Draft>,
    media: &[MediaRef],
    canvas: Canvas,
    variant: u64,
) -> TurnPlan {
    turn_in(message, draft, media, (canvas, variant), History::default())
}

/// The plan for a message in a session with this history, on `canvas`, phrased by `variant`.
pub(super) fn turn_in(
    message: &str,
    draft: Option<&Draft>,
    media: &[MediaRef],
    (canvas, variant): (Canvas, u64),
    history: History<'_>,
) -> TurnPlan {
    plan_turn(&TurnInput {
        message,
        draft,
        media,
        canvas,
        variant,
        history,
    })
}

/// A draft made from `count` photos by "make a video" (3 s each, music, no title).
pub(super) fn made(count: usize) -> (Draft, Vec<MediaRef>) {
    let media = photos(count);
    let draft = turn("make a video", None, &media).draft;
    (draft.unwrap_or_default(), media)
}

/// A draft made from `count` photos with the title "My Video" (3 s each, music, the title 0–3 s).
pub(super) fn titled(count: usize) -> (Draft, Vec<MediaRef>) {
    let media = photos(count);
    let draft = turn("make a video with the title 'My Video'", None, &media).draft;
    (draft.unwrap_or_default(), media)
}

/// The final draft of a plan (empty if it has none).
pub(super) fn final_draft(plan: &TurnPlan) -> Draft {
    plan.draft.clone().unwrap_or_default()
}

/// The video track.
pub(super) fn video(draft: &Draft) -> &Track {
    let index = draft
        .tracks()
        .iter()
        .position(|t| t.kind() == TrackKind::Video);
    index
        .and_then(|i| draft.track(i))
        .unwrap_or_else(|| panic!("no video track in {draft:?}"))
}

/// The pictures' lengths.
pub(super) fn lengths(draft: &Draft) -> Vec<u64> {
    video(draft)
        .spans()
        .map(|span| span.duration_ms())
        .collect()
}

/// The pictures' media ids, in order.
pub(super) fn order(draft: &Draft) -> Vec<String> {
    video(draft)
        .segments()
        .iter()
        .map(|s| s.meta().and_then(Meta::src).unwrap_or("").to_owned())
        .collect()
}

/// The pictures' transitions, in order: kind and length, or `None`.
pub(super) fn transitions(draft: &Draft) -> Vec<Option<(String, u64)>> {
    video(draft)
        .segments()
        .iter()
        .map(|s| {
            let t = s.meta().and_then(Meta::transition)?;
            Some((
                t.kind_word().unwrap_or("").to_owned(),
                t.duration_ms().unwrap_or(0),
            ))
        })
        .collect()
}

/// The first track with this role.
pub(super) fn role<'a>(draft: &'a Draft, role: &str) -> Option<&'a Track> {
    draft
        .tracks()
        .iter()
        .find(|t| t.meta().and_then(Meta::role) == Some(role))
}

/// The metadata of the first segment of the track with this role.
pub(super) fn first_meta<'a>(draft: &'a Draft, track_role: &str) -> Option<&'a Meta> {
    role(draft, track_role)?.segment(0)?.meta()
}

/// The names of a plan's steps.
pub(super) fn step_names(plan: &TurnPlan) -> Vec<&'static str> {
    plan.steps.iter().map(|step| step.name).collect()
}
