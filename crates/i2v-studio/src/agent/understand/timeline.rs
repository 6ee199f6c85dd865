//! Rules about the pictures and their timing: frame shape ([`super::aspect`]), transitions,
//! camera motion, which pictures and in what order, and how long.

use super::lexicon::{
    ALL, CAPTION, CUTS, EACH, IMAGE_NOUNS, KEEP_ONLY, MOTION, MOTION_KINDS, MOVE, MUSIC,
    NEW_IMAGES, REVERSE, SMOOTH, STILL, SWAP, TITLE, TRANSITION, TRANSITION_KINDS, VIDEO_NOUNS,
    VOLUME,
};
use super::places::place_after;
use super::refs::{Ordinal, Place, RefAt};
use super::{Clause, Command, MotionStyle, Op, TransitionChange, Unclear};
use crate::agent::text::phrase::{find_all, longest_at};
use crate::agent::types::Language;
use i2v_core::draft::TransitionKind;

/// What a length of time in a clause is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DurationUse {
    /// The transitions ("1-second transitions", "转场1秒").
    Transition,
    /// The title ("show the title for 5 seconds").
    Title,
    /// The pictures pointed at ("make the second photo 5 seconds").
    Clip,
    /// Each picture ("4 seconds per photo", "每张4秒").
    Each,
    /// The whole video.
    Total,
}

/// Runs the rules of this module over a clause.
pub(super) fn rules(clause: &Clause<'_>, out: &mut Vec<Command>) {
    super::aspect::rules(clause, out);
    transitions(clause, out);
    motion(clause, out);
    let pictures_claimed = pictures(clause, out);
    durations(clause, pictures_claimed, out);
}

/// Where transitions are talked about: transition words, and "smooth"/"fade" where no music
/// or text is.
fn transition_mentions(clause: &Clause<'_>) -> Vec<(usize, usize)> {
    let mut mentions = find_all(clause.tokens, TRANSITION);
    let other_topics = [MUSIC, VOLUME, TITLE, CAPTION];
    if !other_topics.iter().any(|topic| clause.has(topic)) {
        mentions.extend(find_all(clause.tokens, SMOOTH));
    }
    mentions.sort_unstable();
    mentions
}

/// "smooth transitions" → crossfades; "dissolve", "slide left", "wipe" … → that kind;
/// "no transitions", "hard cuts", "去掉转场" → plain cuts; a length nearby sets their length.
fn transitions(clause: &Clause<'_>, out: &mut Vec<Command>) {
    if clause.has(CUTS) {
        out.push(Command::Transitions(TransitionChange::Remove));
        return;
    }
    let mentions = transition_mentions(clause);
    let Some(&(first, _)) = mentions.first() else {
        return;
    };
    if clause.governs(first) == Some(Op::Remove) {
        out.push(Command::Transitions(TransitionChange::Remove));
        return;
    }
    let kind = TRANSITION_KINDS
        .iter()
        .find(|(kind, phrases)| {
            find_all(clause.tokens, phrases).iter().any(|&(at, end)| {
                // A zoom is camera motion unless it stands right by a transition word.
                *kind != TransitionKind::ZoomIn
                    || mentions.iter().any(|&(m, m_end)| {
                        (end <= m && m - end <= 1) || (at >= m_end && at - m_end <= 1)
                    })
            })
        })
        .map(|(kind, _)| *kind);
    let ms = uses(clause, false)
        .into_iter()
        .find(|(use_, _, _)| *use_ == DurationUse::Transition)
        .map(|(_, ms, _)| ms);
    let pace = [(Op::Shorter, false), (Op::Longer, true)]
        .into_iter()
        .find(|(op, _)| clause.says(*op))
        .map(|(_, slower)| slower);
    out.push(Command::Transitions(match (kind, ms, pace) {
        (None, None, Some(slower)) => TransitionChange::Pace(slower),
        (kind, ms, _) => TransitionChange::Set { kind, ms },
    }));
}

/// "slow zoom", "ken burns" → zooms; "pan" → pans; "zoom in", "pan left" … → that motion;
/// "no motion", "static", "不要动效" → none. With a picture pointed at, only that picture.
fn motion(clause: &Clause<'_>, out: &mut Vec<Command>) {
    // 放大/缩小 also mean louder/quieter and bigger/smaller: with music or text about, no motion.
    if [MUSIC, VOLUME, TITLE, CAPTION]
        .iter()
        .any(|topic| clause.has(topic))
    {
        return;
    }
    let transition_words = find_all(clause.tokens, TRANSITION);
    let near_transition = |at: usize, end: usize| {
        transition_words
            .iter()
            .any(|&(t, t_end)| (end <= t && t - end <= 1) || (at >= t_end && at - t_end <= 1))
    };
    let still = clause.has(STILL);
    // 動画 is Japanese for a video, where 动画 is Chinese for animation.
    let japanese = clause.language == Language::Japanese;
    let video_word = |at: usize| japanese && longest_at(clause.tokens, at, &["動画"]).is_some();
    let mention = find_all(clause.tokens, MOTION)
        .into_iter()
        .find(|&(at, end)| !near_transition(at, end) && !video_word(at));
    let style = match mention {
        _ if still => MotionStyle::Still,
        None => return,
        Some((at, _)) if clause.governs(at) == Some(Op::Remove) => MotionStyle::Still,
        Some(_) => MOTION_KINDS
            .iter()
            .find(|(_, phrases)| {
                find_all(clause.tokens, phrases)
                    .iter()
                    .any(|&(at, end)| !near_transition(at, end))
            })
            .map_or(MotionStyle::Zooms, |(style, _)| *style),
    };
    if clause.refs.is_empty() {
        out.push(Command::Motion(style, None));
    }
    for found in &clause.refs {
        out.push(Command::Motion(style, Some(found.ordinal)));
    }
}

/// Remove, move, swap, reverse or add pictures. Returns whether the clause's references were
/// used for pictures (and not for captions or motion, which point at pictures too).
fn pictures(clause: &Clause<'_>, out: &mut Vec<Command>) -> bool {
    let other_topics = [MUSIC, TITLE, CAPTION, TRANSITION, MOTION];
    let about_other = other_topics.iter().any(|topic| clause.has(topic));
    let refs: Vec<Ordinal> = clause.refs.iter().map(|found| found.ordinal).collect();
    let Some(first) = clause.refs.first() else {
        pictures_unnamed(clause, about_other, out);
        return false;
    };
    // A picture pointed at with a text or a quote is where the text goes ("add the text 'Beach'
    // over photo 3", "put 'Beach' on the second photo").
    if clause.has(CAPTION) || clause.has(MOTION) || clause.has(TITLE) || !clause.quotes().is_empty()
    {
        return false;
    }
    if clause.has(SWAP) {
        if let (Some(a), Some(b)) = (refs.first(), refs.get(1)) {
            out.push(Command::SwapClips(*a, *b));
            return true;
        }
    }
    // "keep photos 2 and 3 only" says it around the pictures.
    let keep_only = clause.has(KEEP_ONLY) || (clause.has(&["keep"]) && clause.has(&["only"]));
    // "quiero solo las dos primeras": a verb of wanting with two pictures keeps, not moves.
    let moving = clause.has(MOVE)
        || (clause.says(Op::Change)
            && refs.len() == 2
            && clause.durations.is_empty()
            && !keep_only);
    if moving {
        let place = place_after(clause.tokens, first.end)
            .or_else(|| refs.get(1).map(|second| Place::At(*second)));
        out.push(match place {
            Some(place) => Command::MoveClip(first.ordinal, place),
            None => Command::Unclear(Unclear::WhereTo),
        });
        return true;
    }
    if keep_only {
        out.push(Command::KeepClips(refs));
    } else if clause.governs(first.start) == Some(Op::Remove) {
        out.push(Command::RemoveClips(refs));
    }
    true
}

/// Picture operations without a picture pointed at: reverse, add the new ones, or ask which.
fn pictures_unnamed(clause: &Clause<'_>, about_other: bool, out: &mut Vec<Command>) {
    if clause.has(REVERSE) && !about_other {
        out.push(Command::Reverse);
        return;
    }
    // "swap 2 and 3": bare numbers are pictures when swapping.
    if clause.has(SWAP) && !about_other {
        let numbers: Vec<u64> = clause
            .tokens
            .iter()
            .filter_map(|token| token.number())
            .filter(|n| *n >= 1.0 && n.fract() == 0.0 && *n <= 1e9)
            .map(|n| n as u64)
            .collect();
        if let (Some(&a), Some(&b), true) =
            (numbers.first(), numbers.get(1), clause.durations.is_empty())
        {
            out.push(Command::SwapClips(Ordinal::Nth(a), Ordinal::Nth(b)));
            return;
        }
    }
    let Some((noun, _)) = clause.find(IMAGE_NOUNS) else {
        return;
    };
    if about_other || !clause.durations.is_empty() {
        return;
    }
    match clause.governs(noun) {
        Some(Op::Add) => out.push(Command::AddImages),
        Some(Op::Remove) if !clause.has(NEW_IMAGES) => {
            out.push(Command::Unclear(Unclear::WhichPicture));
        }
        _ => {}
    }
}

/// Lengths of time: for pictures pointed at, each picture, or the whole video; "longer" and
/// "shorter" scale the whole video (by the length said, or by a fifth).
fn durations(clause: &Clause<'_>, pictures_claimed: bool, out: &mut Vec<Command>) {
    let longer = clause.says(Op::Longer);
    let scaling = longer || clause.says(Op::Shorter);
    let found = uses(clause, pictures_claimed);
    let mut previous_end = 0;
    for (k, &(use_, ms, (start, end))) in found.iter().enumerate() {
        match use_ {
            DurationUse::Transition | DurationUse::Title => {}
            DurationUse::Clip => {
                let next_start = found.get(k + 1).map_or(usize::MAX, |(_, _, (s, _))| *s);
                let mut pointed = refs_within(&clause.refs, previous_end, start);
                if pointed.is_empty() {
                    pointed = refs_within(&clause.refs, end, next_start);
                }
                out.push(if scaling {
                    Command::ClipScale {
                        clips: pointed,
                        longer,
                        by: Some(ms),
                    }
                } else {
                    Command::Clip(pointed, ms)
                });
            }
            DurationUse::Each => out.push(Command::Each(ms)),
            DurationUse::Total if scaling => out.push(Command::Scale {
                longer,
                by: Some(ms),
            }),
            DurationUse::Total => out.push(Command::Total(ms)),
        }
        previous_end = end;
    }
    let other_topics = [MUSIC, VOLUME, TITLE, CAPTION, TRANSITION];
    // "make it faster" is the pace's (`super::pace`), which says so in its own words.
    let pace = super::pace::video_pace(clause).is_some();
    if found.is_empty() && scaling && !pace && !other_topics.iter().any(|topic| clause.has(topic)) {
        out.push(if pictures_claimed && !clause.refs.is_empty() {
            let clips = clause.refs.iter().map(|found| found.ordinal).collect();
            Command::ClipScale {
                clips,
                longer,
                by: None,
            }
        } else {
            Command::Scale { longer, by: None }
        });
    }
}

/// The pictures pointed at from token `from` to `to`; `refs` are in order of their starts, so
/// only those starting in between are looked at.
fn refs_within(refs: &[RefAt], from: usize, to: usize) -> Vec<Ordinal> {
    let first = refs.partition_point(|found| found.start < from);
    refs.get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|found| found.start < to)
        .filter(|found| found.end <= to)
        .map(|found| found.ordinal)
        .collect()
}

/// Each length of time in the clause with what it is about: (use, ms, (start, end)).
pub(super) fn uses(
    clause: &Clause<'_>,
    pictures_claimed: bool,
) -> Vec<(DurationUse, u64, (usize, usize))> {
    if clause.durations.is_empty() {
        return Vec::new();
    }
    // Read once for the clause, not once for each of its lengths of time.
    let per_picture = clause.has(EACH) || (clause.has(ALL) && clause.has(IMAGE_NOUNS));
    clause
        .durations
        .iter()
        .map(|&(ms, start, end)| {
            (
                use_of(clause, start, end, pictures_claimed, per_picture),
                ms,
                (start, end),
            )
        })
        .collect()
}

/// What the length of time from `start` to `end` is about.
///
/// Rule: the word right after it ("1-second transitions", "30秒的视频"), else the nearest topic
/// word in the four tokens before it ("transitions of 1 second", "title for 5 s"); then a
/// picture pointed at in the clause; then "each"/"per"/每 (`per_picture`: the clause says it);
/// else the whole video.
fn use_of(
    clause: &Clause<'_>,
    start: usize,
    end: usize,
    pictures_claimed: bool,
    per_picture: bool,
) -> DurationUse {
    let tokens = clause.tokens;
    let after = longest_at(tokens, end, &["的", "long", "of"]).unwrap_or(end);
    let topics = [
        (TRANSITION, DurationUse::Transition),
        (TITLE, DurationUse::Title),
        (VIDEO_NOUNS, DurationUse::Total),
    ];
    for (phrases, use_) in topics {
        if longest_at(tokens, after, phrases).is_some() {
            return use_;
        }
    }
    // A topic word of many tokens (トランジション is seven) counts by where it ends, right
    // before the length or one particle before it, but not で ("with": タイトルで30秒の動画).
    let particle = |e: usize| e + 1 == start && tokens.get(e).is_some_and(|t| !t.is_han('で'));
    for at in (start.saturating_sub(12)..start).rev() {
        for (phrases, use_) in topics {
            let near = |e: usize| e <= start && (at + 4 >= start || e == start || particle(e));
            if longest_at(tokens, at, phrases).is_some_and(near) {
                return use_;
            }
        }
    }
    if pictures_claimed && !clause.refs.is_empty() {
        return DurationUse::Clip;
    }
    if per_picture {
        DurationUse::Each
    } else {
        DurationUse::Total
    }
}
