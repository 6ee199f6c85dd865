//! The pace: every picture shows for a fifth less time ("faster") or a quarter more
//! ("slower"), so that one of each gives the video back its length.
//!
//! The lengths change as one ([`pictures::scale`]), so the transitions stay fitted and the
//! other tracks in step: the music ends with the video, captions follow their pictures.

use serde_json::json;

use super::pictures::{self, Edit, applied, lengths};
use super::{bgm_index, total_of};
use crate::agent::outcome::{Outcome, Problem};
use i2v_core::draft::Draft;

/// Quicker: each picture keeps four fifths of its time.
const FASTER: (u64, u64) = (4, 5);
/// Slower: each picture gets five quarters of its time, undoing [`FASTER`].
const SLOWER: (u64, u64) = (5, 4);

/// "make it faster", "slow it down".
pub(crate) fn set_pace(draft: &mut Draft, faster: bool) -> Edit {
    let total = total_of(&lengths(draft));
    let (times, per) = if faster { FASTER } else { SLOWER };
    let target = u128::from(total) * u128::from(times) / u128::from(per);
    let target = u64::try_from(target).unwrap_or(u64::MAX);
    let by = total.abs_diff(target);
    let (_, outcome) =
        pictures::scale(draft, !faster, Some(by)).map_err(|problem| match problem {
            Problem::TooShort { .. } | Problem::TooLong { .. } => Problem::PaceLimit { faster },
            other => other,
        })?;
    let Outcome::Total { total_ms, clips } = outcome else {
        return Err(Problem::Already);
    };
    let args = json!({ "pace": if faster { "faster" } else { "slower" }, "total_ms": total_ms });
    let outcome = Outcome::Pace {
        faster,
        each_ms: total_ms / u64::try_from(clips).unwrap_or(1).max(1),
        total_ms,
        music: bgm_index(draft).is_some(),
    };
    Ok((applied("set_pace", args), outcome))
}
