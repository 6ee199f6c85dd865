//! Starting a chat turn: everything that may refuse it, decided before the stream opens.
//!
//! The order is the protocol's (`docs/PROTOCOL.md` §3.4): the session must be the caller's
//! before anything else is looked at, so a stranger learns nothing about it; the message must
//! have text; then the agent plans the turn on the stored draft, the uploads, the canvas and the
//! draft's history (for undo and redo), and the turn's price is frozen. Only a turn that passes all of it gets a stream.

use std::time::Duration;

use i2v_core::draft::{Draft, DraftError};

use super::charge::{Charge, Prices};
use crate::agent::{self, History, MediaRef, Snapshot, StreamOptions, TurnInput, TurnPlan};
use crate::store::{SessionRecord, Store, StoreError, User};

/// The studio's settings every turn follows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TurnRules {
    /// What turns cost.
    pub prices: Prices,
    /// The studio's seed: with the turn's number, what makes a turn replayable.
    pub seed: u64,
    /// The share of edit turns streamed without text, between 0 and 1.
    pub silent_share: f64,
    /// How long a session may sit idle before it expires.
    pub session_idle: Duration,
}

/// One person's message to one session, as the turn needs it.
#[derive(Debug, Clone, Copy)]
pub struct TurnAsk<'a> {
    /// Who is asking.
    pub user: &'a User,
    /// The session the turn edits.
    pub session_id: &'a str,
    /// The message's text, its parts joined by newlines.
    pub message: &'a str,
}

/// A turn that may go ahead: its plan, how to stream it, and the credits it holds.
#[derive(Debug)]
pub struct StartedTurn {
    /// The session the turn edits, marked as used.
    pub session: SessionRecord,
    /// What the agent decided to do.
    pub plan: TurnPlan,
    /// How the plan is streamed (silent or not, the time, the seed of its ids).
    pub stream: StreamOptions,
    /// The credits frozen for the turn, to settle when it ends.
    pub charge: Charge,
}

/// The longest message a turn takes, in characters: far beyond any instruction a person types,
/// and short enough that understanding it stays quick.
pub const MAX_MESSAGE_CHARS: usize = 4000;

/// Why a turn was refused before its stream opened.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StartError {
    /// The session is unknown, someone else's, or expired (one answer for all three).
    #[error("session not found")]
    SessionNotFound,
    /// The message has no text to act on.
    #[error("the message has no text")]
    EmptyMessage,
    /// The message is longer than a person's instruction ever is ([`MAX_MESSAGE_CHARS`]).
    #[error("the message is {chars} characters long; the most is {MAX_MESSAGE_CHARS}")]
    MessageTooLong {
        /// How long it is, in characters.
        chars: usize,
    },
    /// A stored draft of the session (the latest, or a state of its history) does not parse:
    /// the studio saved something it cannot read.
    #[error("a stored draft does not parse: {0}")]
    CorruptDraft(DraftError),
    /// The user's available credits do not cover the turn's price.
    #[error("insufficient credits")]
    OutOfCredits {
        /// The session's bind id, for the registration link.
        bind_id: String,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Checks, plans and prices the turn `ask`, freezing its price at `now_ms`.
///
/// `next_turn` gives the turn its number; it is drawn only once everything the plan reads has
/// been loaded, so a request refused for its session, message or draft does not shift the
/// seeds of the turns that follow (a turn refused for credits has drawn one, as it always has).
pub fn start(
    store: &Store,
    rules: &TurnRules,
    ask: TurnAsk<'_>,
    next_turn: impl FnOnce() -> u64,
    now_ms: i64,
) -> Result<StartedTurn, StartError> {
    let session = store
        .use_session(ask.user.id, ask.session_id, rules.session_idle, now_ms)?
        .ok_or(StartError::SessionNotFound)?;
    if ask.message.trim().is_empty() {
        return Err(StartError::EmptyMessage);
    }
    // Checked before any understanding runs: its work grows with the text.
    let chars = ask.message.chars().count();
    if chars > MAX_MESSAGE_CHARS {
        return Err(StartError::MessageTooLong { chars });
    }
    let draft = match store.latest_draft(&session.session_id)? {
        Some(stored) => Some(Draft::parse(&stored.json).map_err(StartError::CorruptDraft)?),
        None => None,
    };
    let media = media_refs(store, &session.session_id)?;
    let canvas = store.canvas(&session.session_id)?;
    let (states, at) = history(store, &session.session_id)?;
    let turn_seed = agent::turn_seed(rules.seed, next_turn());
    let plan = agent::plan_turn(&TurnInput {
        message: ask.message,
        draft: draft.as_ref(),
        media: &media,
        canvas,
        variant: turn_seed,
        history: History {
            states: &states,
            at,
        },
    });
    let price = rules.prices.of(plan.cost());
    let charge = match Charge::freeze(store, ask.user.id, price, now_ms) {
        Ok(charge) => charge,
        Err(StoreError::InsufficientCredits { .. }) => {
            return Err(StartError::OutOfCredits {
                bind_id: session.bind_id,
            });
        }
        Err(err) => return Err(err.into()),
    };
    let stream = StreamOptions {
        silent: agent::silent_draw(turn_seed, rules.silent_share),
        now: now_ms as f64 / 1000.0,
        seed: turn_seed,
    };
    Ok(StartedTurn {
        session,
        plan,
        stream,
        charge,
    })
}

/// The session's saved states as the agent sees them, and the index of the current one.
///
/// Every state is read, not only those an undo would reach: which those are depends on the
/// message, which only the agent reads, and the store keeps at most `HISTORY_LIMIT` of them.
fn history(store: &Store, session_id: &str) -> Result<(Vec<Snapshot>, usize), StartError> {
    let history = store.history(session_id)?;
    let states = history
        .entries
        .into_iter()
        .map(|entry| {
            Ok(Snapshot {
                draft: Draft::parse(&entry.json).map_err(StartError::CorruptDraft)?,
                canvas: entry.canvas,
                tool: entry.tool,
            })
        })
        .collect::<Result<_, StartError>>()?;
    Ok((states, history.at))
}

/// The session's uploads as the agent sees them, in upload order.
fn media_refs(store: &Store, session_id: &str) -> Result<Vec<MediaRef>, StoreError> {
    let records = store.session_media(session_id)?;
    Ok(records
        .into_iter()
        .map(|record| MediaRef {
            media_id: record.media_id,
            name: record.name,
            kind: record.kind,
            width: record.width,
            height: record.height,
            duration_ms: record.duration_ms,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::agent::TurnKind;
    use crate::store::Balance;
    use crate::store::testing::{TempStore, image_record, rules};

    const GENERATE: &str =
        "turn these images into a 30-second video with smooth transitions and background music";

    const RULES: TurnRules = TurnRules {
        prices: Prices {
            generate: 10,
            edit: 2,
        },
        seed: 7,
        silent_share: 0.0,
        session_idle: Duration::from_secs(3600),
    };

    /// A user with 100 credits and a session of theirs holding `images` uploads.
    fn owner(temp: &TempStore, client: &str, images: usize) -> (User, SessionRecord) {
        let issued = temp.store.issue_anonymous_token(client, "a", &rules(), 0);
        let user = issued.expect("issue a token").user;
        let session = temp.store.create_session(user.id, "p", "en", 0).unwrap();
        for n in 0..images {
            let record = image_record(&session.session_id, &format!("photo{n}.jpg"));
            temp.store.add_media(&record).unwrap();
        }
        (user, session)
    }

    fn ask<'a>(user: &'a User, session: &'a SessionRecord, message: &'a str) -> TurnAsk<'a> {
        TurnAsk {
            user,
            session_id: &session.session_id,
            message,
        }
    }

    fn balance(temp: &TempStore, user: &User) -> Balance {
        temp.store.balance(user.id).unwrap()
    }

    #[test]
    fn a_request_for_a_video_is_planned_and_its_price_frozen() {
        let temp = TempStore::new();
        let (user, session) = owner(&temp, "c", 3);
        let started = start(
            &temp.store,
            &RULES,
            ask(&user, &session, GENERATE),
            || 4,
            9_000,
        )
        .expect("the turn starts");
        assert_eq!(started.session.session_id, session.session_id);
        assert_eq!(started.session.last_used_ms, 9_000);
        assert_eq!(started.plan.kind, TurnKind::Generate);
        assert_eq!(started.stream.seed, agent::turn_seed(7, 4));
        assert_eq!(started.stream.now, 9.0);
        assert!(!started.stream.silent);
        assert_eq!(balance(&temp, &user).frozen, 10);
        started.charge.settle(&temp.store, true).unwrap();
        assert_eq!(balance(&temp, &user).total, 90);
    }

    #[test]
    fn a_turn_that_only_answers_is_free() {
        let temp = TempStore::new();
        let (user, session) = owner(&temp, "c", 0);
        // Without pictures a request for a video can only be answered with a question.
        let started = start(&temp.store, &RULES, ask(&user, &session, GENERATE), || 0, 1).unwrap();
        assert_eq!(started.plan.kind, TurnKind::Reply);
        assert!(started.charge.is_free());
        assert_eq!(balance(&temp, &user).frozen, 0);
    }

    #[test]
    fn an_edit_plans_on_the_stored_draft_and_costs_the_edit_price() {
        let temp = TempStore::new();
        let (user, session) = owner(&temp, "c", 3);
        let first = start(&temp.store, &RULES, ask(&user, &session, GENERATE), || 0, 1).unwrap();
        for step in &first.plan.steps {
            super::super::save_step(&temp.store, &session.session_id, step, 2).unwrap();
        }
        first.charge.settle(&temp.store, true).unwrap();
        let edit = start(
            &temp.store,
            &RULES,
            ask(&user, &session, "remove the music"),
            || 1,
            3,
        )
        .unwrap();
        assert_eq!(edit.plan.kind, TurnKind::Edit);
        assert_eq!(balance(&temp, &user).frozen, 2);
        edit.charge.settle(&temp.store, false).unwrap();
    }

    #[test]
    fn an_undo_plans_on_the_stored_history_and_costs_an_edit_only_when_it_moves() {
        let temp = TempStore::new();
        let (user, session) = owner(&temp, "c", 3);
        let run = |message: &str, n: u64| {
            let turn = start(&temp.store, &RULES, ask(&user, &session, message), || n, 1);
            let turn = turn.expect("the turn starts");
            for step in &turn.plan.steps {
                super::super::save_step(&temp.store, &session.session_id, step, 2).unwrap();
            }
            turn.charge.settle(&temp.store, true).unwrap();
            turn.plan
        };
        let made = run(GENERATE, 0).draft;
        let edited = run("make it vertical", 1);
        assert_eq!(edited.canvas.map(|c| c.height), Some(1920));
        let undo = run("undo", 2);
        assert_eq!((undo.kind, &undo.draft), (TurnKind::Edit, &made));
        assert_eq!(temp.store.canvas(&session.session_id).unwrap().height, 1080);
        let stored = temp.store.latest_draft(&session.session_id).unwrap();
        assert_eq!(stored.map(|s| Draft::parse(&s.json).unwrap()), undo.draft);
        // Generation 10, the shape 2, the undo 2; nothing to redo after a redo is free.
        assert_eq!(run("redo", 3).kind, TurnKind::Edit);
        assert_eq!(run("redo", 4).kind, TurnKind::Reply);
        assert_eq!(balance(&temp, &user).total, 100 - 10 - 2 - 2 - 2);
    }

    #[test]
    fn a_session_that_is_not_the_callers_is_not_found_and_draws_no_turn() {
        let temp = TempStore::new();
        let (_, session) = owner(&temp, "owner", 3);
        let (stranger, _) = owner(&temp, "stranger", 0);
        let drawn = Cell::new(false);
        let refused = start(
            &temp.store,
            &RULES,
            ask(&stranger, &session, GENERATE),
            || {
                drawn.set(true);
                0
            },
            1,
        );
        assert_eq!(refused.unwrap_err(), StartError::SessionNotFound);
        assert!(!drawn.get());
        let expired = TurnRules {
            session_idle: Duration::from_millis(10),
            ..RULES
        };
        let (user, session) = owner(&temp, "late", 3);
        let late = start(
            &temp.store,
            &expired,
            ask(&user, &session, GENERATE),
            || 0,
            11,
        );
        assert_eq!(late.unwrap_err(), StartError::SessionNotFound);
    }

    #[test]
    fn a_message_without_text_is_refused_only_after_the_session_check() {
        let temp = TempStore::new();
        let (user, session) = owner(&temp, "c", 3);
        let empty = start(&temp.store, &RULES, ask(&user, &session, " \n "), || 0, 1);
        assert_eq!(empty.unwrap_err(), StartError::EmptyMessage);
        let long = "make it vertical ".repeat(300);
        let too_long = start(&temp.store, &RULES, ask(&user, &session, &long), || 0, 1);
        assert_eq!(
            too_long.unwrap_err(),
            StartError::MessageTooLong { chars: 5100 }
        );
        let unknown = TurnAsk {
            session_id: "ses_unknown",
            ..ask(&user, &session, "")
        };
        let refused = start(&temp.store, &RULES, unknown, || 0, 1);
        assert_eq!(refused.unwrap_err(), StartError::SessionNotFound);
    }

    #[test]
    fn a_stored_draft_that_does_not_parse_stops_the_turn() {
        let temp = TempStore::new();
        let (user, session) = owner(&temp, "c", 3);
        temp.store
            .save_draft(&session.session_id, r#"{"t": 5}"#, 1)
            .unwrap();
        let refused = start(&temp.store, &RULES, ask(&user, &session, GENERATE), || 0, 2);
        assert!(matches!(
            refused.unwrap_err(),
            StartError::CorruptDraft(DraftError::WrongType { .. })
        ));
        assert_eq!(balance(&temp, &user).frozen, 0);
    }

    #[test]
    fn a_turn_beyond_the_balance_is_refused_with_the_bind_id() {
        let temp = TempStore::new();
        let (user, session) = owner(&temp, "c", 3);
        let dear = TurnRules {
            prices: Prices {
                generate: 101,
                edit: 2,
            },
            ..RULES
        };
        let refused = start(&temp.store, &dear, ask(&user, &session, GENERATE), || 0, 1);
        assert_eq!(
            refused.unwrap_err(),
            StartError::OutOfCredits {
                bind_id: session.bind_id.clone()
            }
        );
        assert_eq!(balance(&temp, &user).available, 100);
    }

    #[test]
    fn a_silent_share_of_one_draws_every_turn_silent() {
        let temp = TempStore::new();
        let (user, session) = owner(&temp, "c", 3);
        let always = TurnRules {
            silent_share: 1.0,
            ..RULES
        };
        let started = start(
            &temp.store,
            &always,
            ask(&user, &session, GENERATE),
            || 0,
            1,
        );
        assert!(started.unwrap().stream.silent);
    }
}
