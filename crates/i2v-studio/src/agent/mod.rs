//! The rule-based agent behind `/run_sse`: English, Chinese, Spanish and Japanese instructions
//! in, a plan and the ADK events a stock api_server would stream out. The reply is in the
//! language of the message (`Message::language`); other languages get an honest English answer.
//!
//! Pure: no I/O, no clock, no randomness of its own. The caller passes the time and a seed;
//! [`turn_seed`] and [`silent_draw`] make the per-turn choices reproducible.
//!
//! ```
//! use i2v_studio::agent::{
//!     Canvas, History, MediaKind, MediaRef, StreamOptions, TurnInput, TurnKind, events, plan_turn,
//! };
//!
//! let media: Vec<MediaRef> = (1..=7)
//!     .map(|i| MediaRef {
//!         media_id: format!("med_{i}"),
//!         name: format!("photo{i}.jpg"),
//!         kind: MediaKind::Image,
//!         width: Some(4032),
//!         height: Some(3024),
//!         duration_ms: None,
//!     })
//!     .collect();
//! let input = TurnInput {
//!     message: "turn these images into a 30-second video with smooth transitions and background music",
//!     draft: None,
//!     media: &media,
//!     canvas: Canvas { width: 1920, height: 1080, fps: 30 },
//!     variant: 0,
//!     history: History::default(),
//! };
//! let plan = plan_turn(&input);
//! assert_eq!(plan.kind, TurnKind::Generate);
//! let names: Vec<&str> = plan.steps.iter().map(|step| step.name).collect();
//! assert_eq!(names, ["create_slideshow", "add_music"]);
//! assert_eq!(plan.draft.as_ref().map(|draft| draft.duration_ms()), Some(30_000));
//! let stream = events(&plan, &StreamOptions { silent: false, now: 1_795_489_600.0, seed: 1 });
//! assert!(stream.iter().all(|event| event.sse().starts_with("data: {")));
//! ```
//!
//! # Turns
//! [`plan_turn`] decides: generate (the person asked for a video, or gave instructions before
//! there was one; two stages, `create_slideshow` then `add_music`, `add_title` or
//! `add_music_and_title` by what the second adds), edit (one tool
//! step per change), or only answer (help, a question back, or nothing changed: free). An undo
//! or a redo is an edit whose one step moves through the session's [`History`] (see
//! `history.rs`): "nothing to undo" is only an answer. The plan's [`TurnPlan::cost`] is the
//! price class. [`events()`] turns the plan into the stream
//! (`docs/PROTOCOL.md` §4), [`error_event`] makes a failure event; [`frames()`] and
//! [`error_frame`] do the same in the api-reference's `type` form (§8).
//!
//! # Draft conventions
//! The drafts made here follow these rules, which the renderer relies on:
//! - **Video** — track `tt: 0`, one segment per image in upload order, laid end to end (no
//!   `s`): `{"d": ms, "m": {"src": media_id, "name": file name, "fit": "blur", "motion":
//!   "zoom_in"|"zoom_out"|"pan_left"|"pan_right"|"none", "transition": {"type": "fade", "d":
//!   800}}}`. The transition is into the next segment, one of
//!   `i2v_core::draft::TransitionKind::NAMED` by its xfade name; the last segment has none, and
//!   none lasts longer than half the shorter segment it joins. Motion alternates
//!   `zoom_in`/`zoom_out` by default; `fit` is `blur` unless asked to fill the frame (`cover`)
//!   or to show the whole photo (`contain`). A new video may be of some of the images only
//!   ("from the first two photos"), in the order named. Roles, styling words and `library:` sources are the core's
//!   vocabulary (`TrackRole`, `Motion`, `Fit`, `Position`, `MediaSource`).
//! - **Lengths** — 3 s per image unless asked; a total T is split evenly in whole ms with the
//!   remainder on the last image, so the last ends exactly at T. The draft lasts the sum of the
//!   video segments' `d`. Each image lasts 0.5–60 s, the video at most 10 minutes. The **pace**
//!   ("faster", "slow it down", 节奏快一点) scales every image alike: ×4/5 quicker, ×5/4 slower.
//! - **Video fades** — the video track's own `m` (not a segment's): `{"fade_in": ms,
//!   "fade_out": ms}`, the whole video from black at the start and to black at the end, the
//!   sound fading out with it (`docs/PROTOCOL.md` §5, whole-video fades). 1000 ms unless asked,
//!   0.1–5 s and at most half the video; absent where there is none. They are not transitions,
//!   which join images; they stay through every edit of the images.
//! - **Music** — track `tt: 1` with `"m": {"role": "bgm"}`, one segment as long as the video:
//!   `{"d": total, "m": {"src": "library:lofi", "name": "Lo-fi", "volume": 0.35, "fade_in":
//!   1000, "fade_out": 2000}}`. Library keys and names: `lofi` "Lo-fi", `upbeat` "Upbeat",
//!   `calm` "Calm", `cinematic` "Cinematic" ([`LIBRARY`]); uploaded music has `src` = its media
//!   id and `name` = its file name. New videos get the latest uploaded sound, else Lo-fi.
//!   Lowering multiplies the volume by 0.6 (not below 0.05), raising by 1.5 (not above 1);
//!   volumes are kept to whole percent. **Mute** sets the volume to 0 and keeps the track
//!   ("unmute" restores 0.35); **remove** deletes the track.
//! - **Title** — track `tt: 7` with `"m": {"role": "title"}`: `{"s": 0, "d": 3000, "m":
//!   {"text": …, "position": "center", "color": "#FFFFFF", "font_size": 72, "fade_in": 400,
//!   "fade_out": 400}}` (cut to the video's length if shorter). There is no default title: a
//!   video gets one only when the person names it ("a video called …", "titled …", 标题是…,
//!   名为…); asked for a title without its words, the agent asks what it should say.
//!   "Move the title to the top", "make it red / #ff0000 / bigger" set its `position`,
//!   `color` (`#RRGGBB`, from the core's `color_hex`) and `font_size` (steps of ×1.25, 24–200).
//! - **Texts at a time** — words asked for somewhere other than the opening ("add 'The End' at
//!   the end", "show 'Hi' from 2 to 5 seconds", "put 'Beach' over photo 3") leave the title as
//!   it is and look like it: `{"s", "d", "m": {"text", "position": "center", "color":
//!   "#FFFFFF", "font_size": 72, "fade_in": 400, "fade_out": 400}}`, `"position": "bottom"`
//!   where it shows at the same time as the title. Texts at the end (the last 3 s unless a
//!   length is said) are on their own `tt: 7` track with `"m": {"role": "outro"}`, the others
//!   on a `tt: 7` track with no role; the core reads both as `TrackRole::Text` (`Text` in the
//!   summary). A new text replaces those it overlaps; "move the title to the end" makes the
//!   title such a text.
//! - **Captions** — another `tt: 7` track with `"m": {"role": "subtitle"}`, segments with an
//!   explicit `s`: `{"s", "d", "m": {"text", "position": "bottom", "color": "#FFFFFF",
//!   "font_size": 48, "fade_in": 200, "fade_out": 200}}`. "Add captions" writes one per image
//!   from its file name, over that image; a caption with a picture pointed at covers that
//!   picture, one without covers the whole video.
//! - **Consistency** — after every edit of the images the music lasts exactly as long as the
//!   video, a caption or text over an image follows it (and goes with it), one over the whole
//!   video stretches with it, a text at the end stays at the end, and the title is cut at the
//!   end.
//! - **Frame shape** — not in the draft: a new canvas ([`TurnPlan::canvas`], and
//!   `stateDelta.canvas_config` of the `set_aspect_ratio` or `create_slideshow` step): 16:9 →
//!   1920x1080, 9:16 → 1080x1920, 1:1 → 1080x1080, 4:5 → 1080x1350, 4:3 → 1440x1080
//!   ([`Aspect`]). Any other ratio asked ("21:9") is answered with the list, and changes nothing.
//! - Drafts are built and edited only through `i2v_core::draft`, which keeps every key it does
//!   not know; an edit touches only the keys it names.

mod already;
mod compose;
mod events;
mod frames;
mod history;
mod ids;
mod library;
mod outcome;
mod plan;
mod reply;
mod text;
mod types;
mod understand;

#[cfg(test)]
mod honesty_props;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use events::{AUTHOR, EventKind, StreamEvent, StreamOptions, error_event, events};
pub use frames::{HEARTBEAT as FRAME_HEARTBEAT, error_frame, frames};
pub use history::Snapshot;
pub use ids::{silent_draw, turn_seed};
pub use library::{DEFAULT_VOLUME, LIBRARY, LibraryTrack, by_key, by_src};
pub use plan::plan_turn;
pub use types::{
    Aspect, Canvas, Cost, History, Language, MediaKind, MediaRef, Revisit, ToolStep, TurnInput,
    TurnKind, TurnPlan,
};
#[doc(hidden)]
pub use understand::understand_for_bench;
