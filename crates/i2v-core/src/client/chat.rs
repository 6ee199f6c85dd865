//! A chat turn (`docs/PROTOCOL.md` §3.4 and §4): POST `/run_sse`, then the stream's rules.
//!
//! The body goes through the SSE parser and the turn assembler; what they yield reaches the
//! caller as [`TurnEvent`]s, final texts translated for a person who has no editor on screen.
//! The timing rules run on the client's clock: "still working" after `still_working_after` of
//! heartbeats only and every `still_working_every` after; a timeout after `heartbeat_timeout` of
//! heartbeats only. A turn that ends without text is reported by what it changed in the draft,
//! and a dropped connection is never re-sent: the client polls the state until the draft changes
//! or it has seen `disconnect_max_polls` unchanged answers.

use std::time::Duration;

use super::account::{Credits, State};
use super::export::ExportProgress;
use super::http::{Answer, Outgoing, Spec, object};
use super::output::ExportResult;
use super::platform::{Callback, MaybeSend};
use super::present::{Presented, Presenter};
use super::race::{First, race};
use super::transport::Response;
use super::upload::UploadedMedia;
use super::{Client, Clock, Notice, Transport};
use crate::Error;
use crate::adk::{TurnAssembler, TurnUpdate};
use crate::draft::{Change, Draft, diff};
use crate::gui::GuiAction;
use crate::sse::SseParser;

/// What a person sees while a message is handled, in order: the chat stream, and the
/// workflows [`Client::send`] runs around it.
#[derive(Debug, Clone, PartialEq)]
pub enum TurnEvent {
    /// A new piece of a message's text, to append to what is shown of that message; written
    /// for a person (no GUI step), and the pieces of a message add up to its [`TurnEvent::Text`].
    TextDelta {
        /// The turn-local number of the message (0, 1, … in order of appearance).
        message: usize,
        /// The new piece.
        text: String,
    },
    /// A message's whole text, written for a person; it replaces the pieces shown of it.
    Text {
        /// The turn-local number of the message.
        message: usize,
        /// The whole text.
        text: String,
    },
    /// The agent started a tool (internal work: a progress indicator, never chat text).
    ToolStarted {
        /// What the tool does, in words for a person ("Editing your video…"), in the session's
        /// language; never the tool's id.
        label: String,
    },
    /// A tool finished.
    ToolFinished {
        /// What the tool did, in words for a person ("Edited your video").
        label: String,
    },
    /// The agent produced a new draft.
    Draft(Draft),
    /// Only heartbeats for this long: the agent is still working.
    StillWorking {
        /// Time since the last sign of progress.
        waited: Duration,
    },
    /// The connection dropped; the client is checking the project instead of re-sending.
    ConnectionLost,
    /// What changed in the draft, reported when the turn showed no text or lost its connection.
    Changes(Vec<Change>),
    /// Something the reply asked a person to do in an editor: a suggestion for the caller to
    /// offer (an Export button, a hint), not a command. [`Client::chat`] runs none;
    /// [`Client::send`] runs only those that read the project (see its documentation).
    Action(GuiAction),
    /// Files attached to a message were uploaded.
    Uploaded(Vec<UploadedMedia>),
    /// The credit balance, fetched.
    Credits(Credits),
    /// The project's state, fetched.
    State(State),
    /// An export is under way.
    ExportProgress(ExportProgress),
    /// An export finished.
    Exported(ExportResult),
    /// The client recovered on its own in a way the person should know (a new session…).
    Notice(Notice),
}

/// How a chat turn ended.
#[derive(Debug, Clone, PartialEq)]
pub struct TurnOutcome {
    /// Every message's final text, as shown (translated for a person).
    pub texts: Vec<String>,
    /// The draft after the turn, when there is one.
    pub draft: Option<Draft>,
    /// What changed, for a silent or disconnected turn (empty otherwise).
    pub changes: Vec<Change>,
    /// Whether the stream ended without any text.
    pub silent: bool,
    /// Whether the connection dropped and the result came from polling the state.
    pub recovered: bool,
}

/// Where the stream of a turn left off.
enum StreamEnd {
    /// The stream ended; the assembler's summary follows.
    Ended(Box<TurnAssembler>),
    /// The connection dropped mid-turn.
    Dropped,
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Runs one chat turn, handing each [`TurnEvent`] to `on_event` as it happens.
    ///
    /// Dropping the future cancels the turn and aborts its request.
    pub async fn chat<F>(&self, text: &str, mut on_event: F) -> Result<TurnOutcome, Error>
    where
        F: FnMut(TurnEvent) + MaybeSend,
    {
        self.run_chat(text, &mut on_event).await
    }

    /// [`Client::chat`] with the listener type-erased, compiled once for every caller.
    pub(crate) async fn run_chat(
        &self,
        text: &str,
        on_event: &mut Callback<'_, TurnEvent>,
    ) -> Result<TurnOutcome, Error> {
        let before = self.draft_before_turn().await?;
        let body = |session_id: &str| {
            let part = object(vec![("text", text.into())]);
            object(vec![
                ("app_name", "nemo_agent".into()),
                ("user_id", "me".into()),
                ("session_id", session_id.into()),
                ("new_message", object(vec![("parts", vec![part].into())])),
                ("streaming", true.into()),
            ])
        };
        let spec = Spec {
            streaming: true,
            ..Spec::post(true)
        };
        let sent = self
            .call(spec, &mut |client| {
                let session = client.session().map(|s| s.session_id).unwrap_or_default();
                Ok(Outgoing::json("/run_sse", &body(&session)))
            })
            .await;
        self.report_notices(on_event);
        let mut shown = Presenter::new(&self.config.language);
        let end = match sent {
            Ok(Answer::Stream(response)) => self.read_turn(response, &mut shown, on_event).await?,
            Ok(Answer::Json(_) | Answer::Bytes(..)) => {
                return Err(Error::Protocol {
                    message: "the chat answered with JSON, not an event stream".into(),
                });
            }
            // The request may have reached the agent: never re-send, look at the state instead.
            Err(Error::Network { .. }) => StreamEnd::Dropped,
            Err(err) => return Err(err),
        };
        match end {
            StreamEnd::Ended(assembler) => {
                self.close_turn(*assembler, shown, before, on_event).await
            }
            StreamEnd::Dropped => {
                on_event(TurnEvent::ConnectionLost);
                self.recover_by_polling(before, on_event).await
            }
        }
    }

    /// Hands the notices gathered so far to the caller as events.
    pub(crate) fn report_notices(&self, on_event: &mut Callback<'_, TurnEvent>) {
        for notice in self.take_notices() {
            on_event(TurnEvent::Notice(notice));
        }
    }

    /// The draft the turn starts from, fetched once if the client has never seen the state.
    async fn draft_before_turn(&self) -> Result<Option<Draft>, Error> {
        if self.memory().draft_known {
            return Ok(self.last_draft());
        }
        Ok(self.state().await?.draft)
    }

    /// Reads the stream, applying the heartbeat rules, until it ends, drops or fails.
    async fn read_turn(
        &self,
        mut response: Response,
        shown: &mut Presenter,
        on_event: &mut Callback<'_, TurnEvent>,
    ) -> Result<StreamEnd, Error> {
        let timing = &self.config.timing;
        let mut parser = SseParser::new();
        let mut assembler = TurnAssembler::new();
        let mut last_progress = self.clock.now_ms();
        let mut next_notice = last_progress + millis(timing.still_working_after);
        loop {
            let timeout_at = last_progress + millis(timing.heartbeat_timeout);
            let wake_at = next_notice.min(timeout_at);
            let wait = Duration::from_millis(wake_at.saturating_sub(self.clock.now_ms()));
            match race(response.body.next_chunk(), self.clock.sleep(wait)).await {
                First::Left(Some(Ok(bytes))) => {
                    let items = parser.feed(&bytes)?;
                    for item in &items {
                        for update in assembler.push(item) {
                            if update.is_progress() {
                                last_progress = self.clock.now_ms();
                                next_notice = last_progress + millis(timing.still_working_after);
                            }
                            self.deliver(update, shown, on_event)?;
                        }
                    }
                }
                First::Left(None) => {
                    parser.finish();
                    return Ok(StreamEnd::Ended(Box::new(assembler)));
                }
                First::Left(Some(Err(_))) => return Ok(StreamEnd::Dropped),
                First::Right(()) => {
                    let now = self.clock.now_ms();
                    if now >= timeout_at {
                        return Err(Error::Timeout {
                            what: format!(
                                "the agent sent only heartbeats for {} s",
                                timing.heartbeat_timeout.as_secs()
                            ),
                        });
                    }
                    if now >= next_notice {
                        on_event(TurnEvent::StillWorking {
                            waited: Duration::from_millis(now - last_progress),
                        });
                        next_notice += millis(timing.still_working_every).max(1);
                    }
                }
            }
        }
    }

    /// Hands one assembler update to the caller as what a person sees of it; a failure ends
    /// the turn.
    fn deliver(
        &self,
        update: TurnUpdate,
        shown: &mut Presenter,
        on_event: &mut Callback<'_, TurnEvent>,
    ) -> Result<(), Error> {
        match shown.present(update) {
            Presented::Events(events) => events.into_iter().for_each(on_event),
            Presented::Draft(draft) => {
                self.remember_draft(Some(draft.clone()));
                on_event(TurnEvent::Draft(draft));
            }
            Presented::Failed(err) => return Err(err),
        }
        Ok(())
    }

    /// Ends a turn whose stream ended: closing texts, then the diff when it said nothing.
    async fn close_turn(
        &self,
        assembler: TurnAssembler,
        mut shown: Presenter,
        before: Option<Draft>,
        on_event: &mut Callback<'_, TurnEvent>,
    ) -> Result<TurnOutcome, Error> {
        let summary = assembler.finish();
        for update in summary.closing.clone() {
            self.deliver(update, &mut shown, on_event)?;
        }
        if let Some(err) = summary.failure.clone() {
            return Err(err);
        }
        let silent = summary.is_silent();
        let (draft, changes) = if silent {
            // A person never gets silence after an edit: report what the turn changed.
            let after = self.state().await?.draft;
            let changes = changes_between(before.as_ref(), after.as_ref());
            on_event(TurnEvent::Changes(changes.clone()));
            (after, changes)
        } else if summary.ran_tools && summary.draft.is_none() {
            // The agent worked but the stream did not carry the draft it left (the
            // api-reference's frames never do, §8): the state says, so that the caller and
            // the next turn's comparison start from the project as it is.
            let after = self.state().await?.draft;
            if let Some(draft) = after.as_ref().filter(|_| after != before) {
                on_event(TurnEvent::Draft(draft.clone()));
            }
            (after, Vec::new())
        } else {
            (summary.draft.or(before), Vec::new())
        };
        Ok(TurnOutcome {
            texts: shown.texts(),
            draft,
            changes,
            silent,
            recovered: false,
        })
    }

    /// After a dropped connection: poll the state until the draft moves, or give up.
    async fn recover_by_polling(
        &self,
        before: Option<Draft>,
        on_event: &mut Callback<'_, TurnEvent>,
    ) -> Result<TurnOutcome, Error> {
        let timing = &self.config.timing;
        for poll in 0..timing.disconnect_max_polls {
            let wait = if poll == 0 {
                timing.disconnect_first_wait
            } else {
                timing.disconnect_next_wait
            };
            self.clock.sleep(wait).await;
            let after = self.state().await?.draft;
            if after != before {
                let changes = changes_between(before.as_ref(), after.as_ref());
                on_event(TurnEvent::Changes(changes.clone()));
                return Ok(TurnOutcome {
                    texts: Vec::new(),
                    draft: after,
                    changes,
                    silent: true,
                    recovered: true,
                });
            }
        }
        Err(Error::Disconnected)
    }
}

/// What changed from one draft to another; no draft counts as an empty one.
fn changes_between(before: Option<&Draft>, after: Option<&Draft>) -> Vec<Change> {
    match (before, after) {
        (Some(before), Some(after)) => diff(before, after),
        (None, Some(after)) => diff(&Draft::default(), after),
        (Some(before), None) => diff(before, &Draft::default()),
        (None, None) => Vec::new(),
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
