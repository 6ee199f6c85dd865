//! Comparing one track or segment with its partner: what changed in words a person reads.
//!
//! Only differences in meaning count: `null` and an absent key are the same, and so are `3000` and
//! `3000.0`. Known keys become specific changes (`duration 3s → 5s`); whatever is left (keys the
//! model does not know, `fit`, `motion`, a duration change smaller than a ms) is listed by name,
//! so that no real difference goes unreported.

use serde_json::{Map, Value};

use super::change::ChangeKind;
use crate::draft::keys;
use crate::draft::meta::Meta;
use crate::draft::model::{Segment, Track};
use crate::draft::summary::percent;
use crate::draft::timing::{Span, whole_ms};

type Object = Map<String, Value>;

/// Whether the compared things are tracks or segments (their own keys mean different things).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    Track,
    Segment,
}

/// One side of a comparison: a track's or segment's own keys, its metadata, and for a segment
/// where it sits.
#[derive(Debug, Clone, Copy)]
pub(super) struct Side<'a> {
    pub(super) fields: &'a Object,
    pub(super) meta: Option<&'a Meta>,
    pub(super) span: Option<Span>,
}

impl<'a> Side<'a> {
    pub(super) fn track(track: &'a Track) -> Side<'a> {
        Side {
            fields: &track.fields,
            meta: track.meta(),
            span: None,
        }
    }

    pub(super) fn segment(segment: &'a Segment, span: Option<Span>) -> Side<'a> {
        Side {
            fields: &segment.fields,
            meta: segment.meta(),
            span,
        }
    }
}

/// The changes from `before` to `after`, in a fixed order: identity, text, timing, volume,
/// transition, then the rest.
pub(super) fn compare(level: Level, before: Side<'_>, after: Side<'_>) -> Vec<ChangeKind> {
    let (old, new) = (before.meta, after.meta);
    let mut own = differing(Some(before.fields), Some(after.fields));
    let mut meta = differing(old.map(|m| &m.fields), new.map(|m| &m.fields));
    let mut changes = Vec::new();

    let text =
        |m: Option<&Meta>, key: fn(&Meta) -> Option<&str>| m.and_then(key).map(str::to_owned);
    if meta.remove(keys::SRC) {
        // New media: its name comes with it, so a rename is part of the replacement.
        meta.remove(keys::NAME);
        changes.push(ChangeKind::Replaced {
            from: title(old),
            to: title(new),
        });
    } else if meta.remove(keys::NAME) {
        changes.push(ChangeKind::Renamed {
            from: text(old, Meta::name),
            to: text(new, Meta::name),
        });
    }
    if meta.remove(keys::TEXT) {
        changes.push(ChangeKind::Text {
            from: text(old, Meta::text),
            to: text(new, Meta::text),
        });
    }

    if level == Level::Segment {
        let duration = |side: Side<'_>| ms(side.fields, keys::DURATION).unwrap_or(0);
        let (from_ms, to_ms) = (duration(before), duration(after));
        if own.contains(keys::DURATION) && from_ms != to_ms {
            own.remove(keys::DURATION);
            changes.push(ChangeKind::Duration { from_ms, to_ms });
        }
        // Only an explicit `s` moves a segment: a start that follows from the segments before it
        // changing is their change, not this one's.
        if let (Some(from), Some(to)) = (before.span, after.span) {
            if own.contains(keys::START) && from.start_ms != to.start_ms {
                own.remove(keys::START);
                changes.push(ChangeKind::Start {
                    from_ms: from.start_ms,
                    to_ms: to.start_ms,
                });
            }
        }
    }

    let volume = |m: Option<&Meta>| percent(m.and_then(Meta::volume).unwrap_or(1.0));
    let (from_percent, to_percent) = (volume(old), volume(new));
    if meta.contains(keys::VOLUME) && from_percent != to_percent {
        meta.remove(keys::VOLUME);
        changes.push(ChangeKind::Volume {
            from_percent,
            to_percent,
        });
    }

    let (from, to) = (
        old.and_then(Meta::transition),
        new.and_then(Meta::transition),
    );
    let transition = differing(from.map(|t| &t.fields), to.map(|t| &t.fields));
    if transition.contains(keys::TRANSITION_TYPE) || transition.contains(keys::DURATION) {
        changes.push(ChangeKind::Transition {
            from: from.cloned(),
            to: to.cloned(),
        });
    } else if !transition.is_empty() {
        meta.insert(keys::TRANSITION);
    }

    let rest: Keys<'_> = own
        .into_iter()
        .map(|key| own_key_in_words(level, key))
        .chain(meta)
        .collect();
    if !rest.is_empty() {
        changes.push(ChangeKind::Edited {
            keys: rest.into_iter().map(str::to_owned).collect(),
        });
    }
    changes
}

/// The keys whose values differ in meaning between two objects (either may be absent).
pub(super) fn differing<'a>(before: Option<&'a Object>, after: Option<&'a Object>) -> Keys<'a> {
    let keys = before.into_iter().chain(after).flat_map(Map::keys);
    let value = |object: Option<&'a Object>, key: &str| object.and_then(|o| o.get(key));
    keys.filter(|key| !same_meaning(value(before, key), value(after, key)))
        .map(String::as_str)
        .collect()
}

/// Keys of a draft object, in order and each once: a sorted list, since an object has a few
/// keys at most (and a tree per key type costs kilobytes of the browser build).
#[derive(Debug, Default)]
pub(super) struct Keys<'a>(Vec<&'a str>);

impl<'a> Keys<'a> {
    /// Adds `key` unless it is there.
    pub(super) fn insert(&mut self, key: &'a str) {
        if let Err(at) = self.0.binary_search(&key) {
            self.0.insert(at, key);
        }
    }

    /// Removes `key`; whether it was there.
    pub(super) fn remove(&mut self, key: &str) -> bool {
        let found = self.0.binary_search(&key);
        if let Ok(at) = found {
            self.0.remove(at);
        }
        found.is_ok()
    }

    /// Whether `key` is there.
    pub(super) fn contains(&self, key: &str) -> bool {
        self.0.binary_search(&key).is_ok()
    }

    /// Whether there is no key.
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> FromIterator<&'a str> for Keys<'a> {
    fn from_iter<I: IntoIterator<Item = &'a str>>(keys: I) -> Keys<'a> {
        let mut set = Keys::default();
        keys.into_iter().for_each(|key| set.insert(key));
        set
    }
}

impl<'a> IntoIterator for Keys<'a> {
    type Item = &'a str;
    type IntoIter = std::vec::IntoIter<&'a str>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// `null` is absent, and numbers are equal when their values are (`3000` and `3000.0`).
fn same_meaning(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (None | Some(Value::Null), None | Some(Value::Null)) => true,
        (Some(Value::Number(x)), Some(Value::Number(y))) => x == y || x.as_f64() == y.as_f64(),
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// What a segment is, for a replacement: its name, else its media.
fn title(meta: Option<&Meta>) -> Option<String> {
    let meta = meta?;
    meta.name()
        .filter(|name| !name.trim().is_empty())
        .or_else(|| meta.src())
        .map(str::to_owned)
}

fn ms(fields: &Object, key: &str) -> Option<u64> {
    match fields.get(key) {
        Some(Value::Number(n)) => Some(whole_ms(n)),
        _ => None,
    }
}

/// The compact keys of tracks and segments, as a person reads them.
fn own_key_in_words(level: Level, key: &str) -> &str {
    match (level, key) {
        (Level::Track, keys::TRACK_TYPE) => "type",
        (Level::Segment, keys::DURATION) => "duration",
        (Level::Segment, keys::START) => "start",
        _ => key,
    }
}
