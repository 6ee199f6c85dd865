//! Comparing two drafts into changes a person can read (`docs/PROTOCOL.md` §5): what a silent turn did
//! (§4), told as `Title added: "Paradise Found" (0-3s)` rather than as JSON.
//!
//! Tracks pair by label (`Video`, `BGM`, `Title`…), the n-th of a label before with the n-th after;
//! segments pair by `src`, else by content and position (see [`align`]), and a track with one
//! segment on both sides pairs that segment whatever it became. So removing clip 3 of 5 is one
//! change, `Clip 3 removed`, and a reorder is told as moves.
//!
//! Reading order: the timeline's own keys; removed tracks; moved tracks; then each track of the
//! draft after, in order — added, or its own changes, its removed segments, its moved segments,
//! and each of its segments added or changed.

mod align;
mod change;
mod compare;

use std::collections::HashMap;

pub use change::{Change, ChangeKind, Place, Subject};

use self::align::{Alignment, align};
use self::compare::{Level, Side, compare, differing};
use super::meta::Meta;
use super::model::{Draft, Segment, Track};
use super::summary::{Described, describe_segment, describe_track, track_label};
use super::timing::Span;

/// The changes from `before` to `after`, in reading order; empty when the drafts are the same.
pub fn diff(before: &Draft, after: &Draft) -> Vec<Change> {
    let mut changes = Vec::new();
    if before == after {
        return changes;
    }
    let timeline = differing(Some(&before.fields), Some(&after.fields));
    if !timeline.is_empty() {
        changes.push(Change {
            subject: Subject::Timeline,
            kind: ChangeKind::Edited {
                keys: timeline.into_iter().map(str::to_owned).collect(),
            },
            before: None,
            after: None,
        });
    }

    let (old, new) = (before.tracks(), after.tracks());
    let (old_names, new_names) = (TrackName::all(old), TrackName::all(new));
    let old_keys: Vec<_> = old_names.iter().map(TrackName::key).collect();
    let new_keys: Vec<_> = new_names.iter().map(TrackName::key).collect();
    let tracks = align(&old_keys, &new_keys, &|_, _| false);

    removed_and_moved(&tracks, &mut changes, |i, j| {
        let name = old_names.get(i)?;
        Some((name.whole(), whole(i), j.and_then(whole)))
    });
    for (j, (track, name)) in new.iter().zip(&new_names).enumerate() {
        let partner = tracks.partner_before.get(j).copied().flatten();
        match partner.and_then(|i| Some((i, old.get(i)?, old_names.get(i)?))) {
            None => changes.push(Change {
                subject: name.whole(),
                kind: added(describe_track(track)),
                before: None,
                after: whole(j),
            }),
            Some((i, old_track, old_name)) => {
                let pair = TrackPair {
                    before: (i, old_track, old_name),
                    after: (j, track, name),
                };
                pair.diff(&mut changes);
            }
        }
    }
    changes
}

/// Reports the items before that are gone or sit elsewhere among the others; `describe` gives
/// the subject and places of item `i` before, paired with item `j` after where it has a partner.
fn removed_and_moved(
    alignment: &Alignment,
    changes: &mut Vec<Change>,
    describe: impl Fn(usize, Option<usize>) -> Option<(Subject, Option<Place>, Option<Place>)>,
) {
    for (i, partner) in alignment.partner_after.iter().enumerate() {
        let kind = match partner {
            None => ChangeKind::Removed,
            Some(j) if alignment.moved.get(i) == Some(&true) => ChangeKind::Moved { to: j + 1 },
            Some(_) => continue,
        };
        let Some((subject, before, after)) = describe(i, *partner) else {
            continue;
        };
        changes.push(Change {
            subject,
            kind,
            before,
            after,
        });
    }
}

/// How the diff names a track: its label, numbered where the draft has several with it.
#[derive(Debug, Clone)]
struct TrackName {
    label: String,
    name: String,
    /// The first video track, whose segments are plainly `Clip n`.
    main: bool,
}

impl TrackName {
    fn all(tracks: &[Track]) -> Vec<TrackName> {
        let labels: Vec<String> = tracks.iter().map(track_label).collect();
        let mut totals: HashMap<&str, usize> = HashMap::new();
        for label in &labels {
            *totals.entry(label).or_default() += 1;
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut names = Vec::with_capacity(labels.len());
        for label in &labels {
            let nth = seen.entry(label).or_default();
            *nth += 1;
            let name = match totals.get(label.as_str()) {
                Some(&total) if total > 1 => format!("{label} {nth}"),
                _ => label.clone(),
            };
            names.push(TrackName {
                main: label == "Video" && *nth == 1,
                label: label.clone(),
                name,
            });
        }
        names
    }

    /// The track's identity for pairing: its label.
    fn key(&self) -> Option<&str> {
        Some(&self.label)
    }

    fn whole(&self) -> Subject {
        Subject::Track {
            name: self.name.clone(),
        }
    }

    fn clip(&self, index: usize) -> Subject {
        Subject::Clip {
            track: (!self.main).then(|| self.name.clone()),
            number: index + 1,
        }
    }
}

/// A track before and its partner after, each with its index and name.
struct TrackPair<'a> {
    before: (usize, &'a Track, &'a TrackName),
    after: (usize, &'a Track, &'a TrackName),
}

impl<'a> TrackPair<'a> {
    fn diff(&self, changes: &mut Vec<Change>) {
        let (i, old, _) = self.before;
        let (j, new, new_name) = self.after;
        let own = compare(Level::Track, Side::track(old), Side::track(new));
        changes.extend(own.into_iter().map(|kind| Change {
            subject: new_name.whole(),
            kind,
            before: whole(i),
            after: whole(j),
        }));
        let segments = self.align_segments();
        let old_name = self.before.2;
        removed_and_moved(&segments, changes, |a, b| {
            Some((old_name.clip(a), at(i, a), b.and_then(|b| at(j, b))))
        });
        self.added_and_changed(&segments, changes);
    }

    /// One segment on each side is the same segment, whatever it became.
    fn single(&self) -> bool {
        self.before.1.segments().len() == 1 && self.after.1.segments().len() == 1
    }

    fn align_segments(&self) -> Alignment {
        let (old, new) = (self.before.1.segments(), self.after.1.segments());
        let single = self.single();
        let keys = |segments: &'a [Segment]| -> Vec<Option<&'a str>> {
            let src = |segment: &'a Segment| segment.meta().and_then(Meta::src);
            segments
                .iter()
                .map(|s| src(s).filter(|_| !single))
                .collect()
        };
        align(&keys(old), &keys(new), &|a, b| {
            single || old.get(a) == new.get(b)
        })
    }

    /// Segments of the track after that are new, or differ from their partner before.
    fn added_and_changed(&self, segments: &Alignment, changes: &mut Vec<Change>) {
        let (i, old, _) = self.before;
        let (j, new, name) = self.after;
        let old_spans: Vec<Span> = old.spans().collect();
        for (b, (segment, span)) in new.segments().iter().zip(new.spans()).enumerate() {
            let partner = segments.partner_before.get(b).copied().flatten();
            let Some((a, old_segment)) = partner.and_then(|a| Some((a, old.segment(a)?))) else {
                changes.push(Change {
                    subject: name.clip(b),
                    kind: added(describe_segment(&new.kind(), segment, span)),
                    before: None,
                    after: at(j, b),
                });
                continue;
            };
            if old_segment == segment {
                continue;
            }
            let before = Side::segment(old_segment, old_spans.get(a).copied());
            let own = compare(Level::Segment, before, Side::segment(segment, Some(span)));
            changes.extend(own.into_iter().map(|kind| Change {
                // The only segment of a track is the track, except for what comes after it.
                subject: match kind {
                    ChangeKind::Transition { .. } => name.clip(b),
                    _ if self.single() => name.whole(),
                    _ => name.clip(b),
                },
                kind,
                before: at(i, a),
                after: at(j, b),
            }));
        }
    }
}

/// A whole track's place.
fn whole(track: usize) -> Option<Place> {
    Some(Place {
        track,
        segment: None,
    })
}

/// A segment's place.
fn at(track: usize, segment: usize) -> Option<Place> {
    Some(Place {
        track,
        segment: Some(segment),
    })
}

/// Something new, described as the summary would.
fn added(described: Described) -> ChangeKind {
    ChangeKind::Added {
        name: described.name,
        span: described.span,
        volume_percent: described.volume_percent,
    }
}

#[cfg(test)]
mod tests;
