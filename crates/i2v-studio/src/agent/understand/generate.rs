//! Asking for a (new) video: whether a clause does, and what its other words then mean.

use super::lexicon;
use super::refs::{Ordinal, RefAt};
use super::{Clause, Command};
use crate::agent::text::phrase::{find, longest_at};
use crate::agent::types::Language;

/// The commands of a clause that asks for a new video, from index `from`: "a video with the
/// photos" (con las fotos) adds none, the video has them all already; pictures pointed at are
/// the ones it shows ([`pick_for_new_video`]).
pub(super) fn for_new_video(
    commands: &mut Vec<Command>,
    from: usize,
    refs: &[RefAt],
    count: usize,
) {
    let mut at = from;
    while at < commands.len() {
        if commands.get(at) == Some(&Command::AddImages) {
            commands.remove(at);
        } else {
            at += 1;
        }
    }
    if !refs.is_empty() {
        pick_for_new_video(commands, from, refs, count);
    }
}

/// A new video of some pictures: "a video from the first two photos", "用前两张做一个视频"
/// keep those; "a video without the second photo" keeps the others. The picture commands the
/// clause's rules made of those references (a move read into "from the first two") give way.
fn pick_for_new_video(commands: &mut Vec<Command>, from: usize, refs: &[RefAt], count: usize) {
    let pointed: Vec<Ordinal> = refs.iter().map(|found| found.ordinal).collect();
    let removing = commands
        .get(from..)
        .unwrap_or_default()
        .iter()
        .any(|c| matches!(c, Command::RemoveClips(_)));
    let clause_commands = commands.split_off(from.min(commands.len()));
    commands.extend(clause_commands.into_iter().filter(|c| {
        !matches!(
            c,
            Command::KeepClips(_)
                | Command::RemoveClips(_)
                | Command::MoveClip(..)
                | Command::SwapClips(..)
        )
    }));
    let keep = if removing {
        let left_out: Vec<usize> = pointed.iter().filter_map(|o| o.resolve(count)).collect();
        (0..count)
            .filter(|index| !left_out.contains(index))
            .map(|index| Ordinal::Nth(index as u64 + 1))
            .collect()
    } else {
        pointed
    };
    commands.push(Command::KeepClips(keep));
}

/// Whether a clause asks for a video to be made.
///
/// Rule: "start over", 重新生成 … always; otherwise a making verb followed by a video noun
/// ("make a video", "turn these photos into a slideshow", 做成视频). Where a video already
/// exists, the wording must also say it is a new one ("a", "new", "into", "these", 一个, 成 …)
/// and the verb must not be about the current one ("make it a vertical video", "make the video
/// shorter"). Japanese puts the video noun before the verb (動画を作って), which counts too.
pub(super) fn wants_generation(clause: &Clause<'_>, has_draft: bool) -> bool {
    use lexicon::{GENERATE, NEW_VIDEO, REGENERATE, VIDEO_NOUNS};
    if clause.has(REGENERATE) {
        return true;
    }
    let Some((_, verb_end)) = clause.find(GENERATE) else {
        return false;
    };
    let rest = clause.tokens.get(verb_end..).unwrap_or_default();
    // Japanese puts the verb last: 写真で動画を作成して.
    let japanese = clause.language == Language::Japanese;
    let before_verb = clause.tokens.get(..verb_end).unwrap_or_default();
    let noun_end = match find(rest, VIDEO_NOUNS) {
        Some((noun, _)) => verb_end + noun,
        None if japanese => match find(before_verb, VIDEO_NOUNS) {
            Some((noun, _)) => noun,
            None => return false,
        },
        None => return false,
    };
    if !has_draft {
        return true;
    }
    let about_current =
        longest_at(clause.tokens, verb_end, &["it", "this", "the", "that"]).is_some();
    let before_noun = clause.tokens.get(..noun_end).unwrap_or_default();
    find(before_noun, NEW_VIDEO).is_some() && !about_current
}
