//! The export gate: may this user export this session now, and is what they sent renderable.
//!
//! The rules, in the order they are checked (`docs/PROTOCOL.md` §3.8):
//! 1. the session must be the caller's and alive, before anything else is looked at, so a
//!    stranger learns nothing about it;
//! 2. as the cloud does, export is free, but an anonymous user with no credits left who sends
//!    no attribution is on the free plan, which cannot export;
//! 3. the render id must be one a client may choose (it becomes the user's own: see `jobs`);
//! 4. the output must be one the studio can honour ([`OutputSpec::parse`]): each field read
//!    once, a value it cannot make refused naming the field, the value and what is accepted;
//! 5. the draft must parse and have at least one segment.

use std::time::Duration;

use i2v_core::draft::Draft;
use serde_json::Value;

use super::ExportError;
use super::jobs::scoped_id;
use crate::render::{MAX_RENDER_ID_LEN, OutputAsk, OutputSpec, QueueError, check_render_id};
use crate::store::{SessionRecord, Store, User};

/// Which attribution facts came with the request (the skill it was sent from).
///
/// Only their presence counts, not their values: the cloud lets any attributed client export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attribution {
    /// The skill's source was named (`X-Skill-Source`).
    pub source: bool,
    /// The skill's version was named (`X-Skill-Version`).
    pub version: bool,
    /// The skill's platform was named (`X-Skill-Platform`).
    pub platform: bool,
}

impl Attribution {
    /// Whether all three facts were given; any fewer counts as none.
    pub fn is_complete(self) -> bool {
        self.source && self.version && self.platform
    }
}

/// An export as the client asked for it, before any check.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportAsk {
    /// The render id the client chose (the SDK's: `render_<uuid v4 hex>`).
    pub render_id: String,
    /// The session to export.
    pub session_id: String,
    /// The draft to render, as sent.
    pub draft: Value,
    /// The `output` object as sent.
    pub output: OutputAsk,
    /// Where the request says it comes from.
    pub attribution: Attribution,
}

/// An export the gate let through: the only way to [`super::submit()`] a render.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleared {
    /// The caller's session, marked as used.
    pub(super) session: SessionRecord,
    /// The queue's id of the render: the client's, scoped to its user ([`super::scoped_id`]).
    pub(super) render_id: String,
    /// The parsed draft, with something to render.
    pub(super) draft: Draft,
    /// What the output is to be, checked.
    pub(super) output: OutputSpec,
}

/// Checks whether `user` may export as `ask` says at `now_ms`, sessions expiring after
/// `session_idle`.
pub fn gate(
    store: &Store,
    user: &User,
    ask: ExportAsk,
    session_idle: Duration,
    now_ms: i64,
) -> Result<Cleared, ExportError> {
    let session = store
        .use_session(user.id, &ask.session_id, session_idle, now_ms)?
        .ok_or(ExportError::SessionNotFound)?;
    // The balance is read only for the users the rule can concern.
    if user.anonymous && !ask.attribution.is_complete() && store.balance(user.id)?.available <= 0 {
        return Err(ExportError::FreePlan);
    }
    if ask.render_id.len() > MAX_RENDER_ID_LEN {
        return Err(ExportError::Queue(QueueError::InvalidId));
    }
    check_render_id(&ask.render_id).map_err(ExportError::Queue)?;
    let output = OutputSpec::parse(&ask.output).map_err(ExportError::Output)?;
    let draft = Draft::from_value(ask.draft).map_err(ExportError::MalformedDraft)?;
    if !draft.is_export_ready() {
        return Err(ExportError::NothingToRender);
    }
    Ok(Cleared {
        session,
        render_id: scoped_id(user, &ask.render_id),
        draft,
        output,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::render::{Format, Quality};
    use crate::store::testing::{TempStore, rules};

    const IDLE: Duration = Duration::from_secs(3600);
    const ATTRIBUTED: Attribution = Attribution {
        source: true,
        version: true,
        platform: true,
    };

    /// An anonymous user with 100 credits and a session of theirs.
    fn owner(temp: &TempStore, client: &str) -> (User, SessionRecord) {
        let issued = temp.store.issue_anonymous_token(client, "a", &rules(), 0);
        let user = issued.expect("issue a token").user;
        let session = temp.store.create_session(user.id, "p", "en", 0).unwrap();
        (user, session)
    }

    fn ask(session: &SessionRecord) -> ExportAsk {
        ExportAsk {
            render_id: "render_1".into(),
            session_id: session.session_id.clone(),
            draft: json!({"t": [{"tt": 0, "sg": [{"d": 3000, "m": {"src": "med_1"}}]}]}),
            output: OutputAsk::default(),
            attribution: Attribution::default(),
        }
    }

    /// Freezes every credit the user has, as a spent balance would be.
    fn spend_everything(temp: &TempStore, user: &User) {
        temp.store.freeze(user.id, 100, 1).unwrap();
    }

    #[test]
    fn the_owner_with_credits_is_cleared_with_the_parsed_draft() {
        let temp = TempStore::new();
        let (user, session) = owner(&temp, "c");
        let cleared = gate(&temp.store, &user, ask(&session), IDLE, 7).unwrap();
        assert_eq!(cleared.session.session_id, session.session_id);
        assert_eq!(cleared.session.last_used_ms, 7);
        assert_eq!(cleared.render_id, format!("u{}-render_1", user.id.0));
        assert!(cleared.draft.is_export_ready());
        assert_eq!(cleared.output, OutputSpec::default());
    }

    #[test]
    fn a_session_that_is_not_the_callers_is_not_found_before_any_other_rule() {
        let temp = TempStore::new();
        let (_, session) = owner(&temp, "owner");
        let (stranger, _) = owner(&temp, "stranger");
        spend_everything(&temp, &stranger);
        let bad = ExportAsk {
            output: OutputAsk {
                format: Some(json!("avi")),
                ..OutputAsk::default()
            },
            draft: json!([]),
            ..ask(&session)
        };
        let refused = gate(&temp.store, &stranger, bad, IDLE, 2);
        assert_eq!(refused.unwrap_err(), ExportError::SessionNotFound);
        let (user, session) = owner(&temp, "late");
        let late = gate(&temp.store, &user, ask(&session), Duration::ZERO, 2);
        assert_eq!(late.unwrap_err(), ExportError::SessionNotFound);
    }

    #[test]
    fn the_free_plan_cannot_export_without_attribution() {
        let temp = TempStore::new();
        let (user, session) = owner(&temp, "c");
        spend_everything(&temp, &user);
        let refused = gate(&temp.store, &user, ask(&session), IDLE, 2);
        assert_eq!(refused.unwrap_err(), ExportError::FreePlan);
        let partly = ExportAsk {
            attribution: Attribution {
                platform: false,
                ..ATTRIBUTED
            },
            ..ask(&session)
        };
        let refused = gate(&temp.store, &user, partly, IDLE, 2);
        assert_eq!(refused.unwrap_err(), ExportError::FreePlan);
        let attributed = ExportAsk {
            attribution: ATTRIBUTED,
            ..ask(&session)
        };
        assert!(gate(&temp.store, &user, attributed, IDLE, 2).is_ok());
    }

    #[test]
    fn a_registered_user_exports_on_a_spent_balance() {
        let temp = TempStore::new();
        let (mut user, session) = owner(&temp, "c");
        spend_everything(&temp, &user);
        user.anonymous = false;
        assert!(gate(&temp.store, &user, ask(&session), IDLE, 2).is_ok());
    }

    #[test]
    fn the_output_is_read_once_and_what_cannot_be_made_is_refused() {
        let temp = TempStore::new();
        let (user, session) = owner(&temp, "c");
        let asking = |output: OutputAsk| ExportAsk {
            output,
            ..ask(&session)
        };
        let avi = asking(OutputAsk {
            format: Some(json!("avi")),
            ..OutputAsk::default()
        });
        let refused = gate(&temp.store, &user, avi, IDLE, 2).unwrap_err();
        assert!(matches!(&refused, ExportError::Output(why) if why.field == "format"));
        assert_eq!(
            refused.to_string(),
            "output.format 'avi' is not accepted: one of mp4, mov, webm, gif"
        );
        let webm = asking(OutputAsk {
            format: Some(json!("webm")),
            resolution: Some(json!("720p")),
            fps: Some(json!(24)),
            quality: Some(json!("medium")),
        });
        let cleared = gate(&temp.store, &user, webm, IDLE, 2).unwrap();
        let spec = cleared.output;
        assert_eq!(
            (spec.format, spec.short_side, spec.fps, spec.quality),
            (Format::Webm, Some(720), Some(24), Quality::Medium)
        );
    }

    #[test]
    fn a_draft_must_parse_and_have_something_to_render() {
        let temp = TempStore::new();
        let (user, session) = owner(&temp, "c");
        let malformed = ExportAsk {
            draft: json!({"t": 5}),
            ..ask(&session)
        };
        let refused = gate(&temp.store, &user, malformed, IDLE, 2).unwrap_err();
        assert!(matches!(refused, ExportError::MalformedDraft(_)));
        assert!(refused.to_string().starts_with("the draft is malformed: "));
        let empty = ExportAsk {
            draft: json!({"t": [{"tt": 0, "sg": []}]}),
            ..ask(&session)
        };
        let refused = gate(&temp.store, &user, empty, IDLE, 2).unwrap_err();
        assert_eq!(refused, ExportError::NothingToRender);
    }
}
