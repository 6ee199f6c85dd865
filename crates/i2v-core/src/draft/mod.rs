//! The draft: the compact JSON timeline of `docs/PROTOCOL.md` §5, as a typed model that loses nothing.
//!
//! A backend sends a draft in the state (§3.7) and in `actions.stateDelta.draft` of an event (§4);
//! the SDK sends it back to export (§3.8). In between, this model reads it into tracks and
//! segments ([`Draft::from_value`], [`Draft::parse`]), answers questions about it
//! ([`Draft::is_export_ready`], [`Draft::summary`], [`Track::spans`], [`Draft::layout`]), and
//! owns the vocabulary every consumer reads it by ([`TrackRole`], [`TransitionKind`], [`Motion`],
//! [`Fit`], [`Position`], [`MediaSource`], [`Canvas`]); it compares two of them
//! ([`diff`]), lets the local backend build and edit one ([`Draft::new`], [`Track::add_segment`],
//! [`Meta::set_name`]…), and writes it back ([`Draft::to_value`]) equal to what it read, unknown
//! keys and number forms (`3000` vs `3000.0`) included.
//!
//! Decisions the protocol leaves open (ours):
//! - No `t` → no tracks (and not export-ready); no `sg` → no segments; no `tt` → video (the zero
//!   value compact JSON leaves out); a known key holding `null` → absent, and the `null` is kept.
//! - No `d` → the segment lasts 0 ms; no `s` → it starts where the previous one ends.
//! - Numbers are read as written: negative times count as 0, fractional ones round to the nearest
//!   ms, huge ones saturate; volume is shown clamped at 0%.
//! - A known key of the wrong type (`"d": "3s"`, `"t": {}`) is an error naming its path:
//!   `t[2].sg[0].d: expected a number`.

mod canvas;
mod diff;
mod edit;
mod error;
mod keys;
mod layout;
mod look;
mod meta;
mod model;
mod parse;
mod role;
mod source;
mod summary;
mod timing;
mod transition_kind;
mod write;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;

pub use canvas::Canvas;
pub use diff::{Change, ChangeKind, Place, Subject, diff};
pub use error::DraftError;
pub use layout::{Layout, SegmentLayout, TrackLayout};
pub use look::{Fit, Motion, Position, color_hex};
pub use meta::{Meta, Transition};
pub use model::{Draft, Segment, Track, TrackKind};
pub use role::TrackRole;
pub use source::{LIBRARY_PREFIX, MediaSource};
pub use timing::Span;
pub use transition_kind::TransitionKind;
