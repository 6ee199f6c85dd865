//! The turn assembler: the items of one `/run_sse` stream in, what a person should see out.
//!
//! A plain state machine, with no clock and no I/O. Call order:
//! 1. [`TurnAssembler::new`] when the chat request is sent;
//! 2. [`TurnAssembler::push`] for every [`SseItem`] of the stream (or
//!    [`TurnAssembler::push_frame`] with frames already decoded), delivering the updates each
//!    returns in order;
//! 3. [`TurnAssembler::finish`] when the stream ends, for the last updates and the summary.
//!
//! Every push before a failure returns at least one update, so that a client can time liveness
//! and progress from them alone. Once the turn has failed (a [`TurnUpdate::Failed`] was
//! returned) later pushes return nothing: the client may stop reading.
//!
//! Within one event, updates come in this order: its text, its tool calls and results, its
//! draft, its failure.

use std::collections::{HashMap, HashSet};

use super::event::{AdkEvent, Part};
use super::frame::StreamFrame;
use super::message::Message;
use super::update::{TurnSummary, TurnUpdate};
use crate::Error;
use crate::draft::Draft;
use crate::sse::SseItem;

/// The most text one message of a turn may hold: about 250 pages (`docs/PROTOCOL.md` §4, ours).
pub const MAX_MESSAGE_BYTES: usize = 1 << 20;

/// The most text all the messages of a turn may hold together.
pub const MAX_TURN_BYTES: usize = 8 << 20;

/// Turns the stream of one chat turn into [`TurnUpdate`]s and, at its end, a [`TurnSummary`].
#[derive(Debug, Clone, Default)]
pub struct TurnAssembler {
    /// Every message of the turn, numbered by position.
    messages: Vec<Message>,
    /// Message numbers by ADK event id.
    by_id: HashMap<String, usize>,
    /// The message that events without an id add to, until its final arrives.
    open_anonymous: Option<usize>,
    /// Ids of tool calls and of tool results already reported.
    calls_seen: HashSet<String>,
    results_seen: HashSet<String>,
    /// Whether the turn has had a normal response: text shown, a tool, or a draft.
    normal: bool,
    /// Whether the agent ran a tool in this turn.
    ran_tools: bool,
    draft: Option<Draft>,
    failure: Option<Error>,
    /// The bytes of text the turn's messages have been given, pieces and finals alike.
    text_bytes: usize,
}

impl TurnAssembler {
    /// An assembler for a turn that has not started streaming.
    pub fn new() -> TurnAssembler {
        TurnAssembler::default()
    }

    /// Takes the next item of the stream and returns what it changes for the person.
    pub fn push(&mut self, item: &SseItem) -> Vec<TurnUpdate> {
        self.push_frame(StreamFrame::from_item(item))
    }

    /// Takes the next decoded frame of the stream and returns what it changes for the person.
    pub fn push_frame(&mut self, frame: StreamFrame) -> Vec<TurnUpdate> {
        // After a failure, later items are ignored.
        if self.failure.is_some() {
            return Vec::new();
        }
        let mut updates = Vec::new();
        match frame {
            StreamFrame::Event(event) => self.apply_event(*event, &mut updates),
            StreamFrame::ServerError(error) => self.fail(error.to_error(), &mut updates),
            StreamFrame::Heartbeat | StreamFrame::Unrecognized(_) => {}
        }
        if updates.is_empty() {
            updates.push(TurnUpdate::Alive);
        }
        updates
    }

    /// Ends the turn: closes messages whose final never came and sums the turn up.
    pub fn finish(mut self) -> TurnSummary {
        let mut closing = Vec::new();
        if self.failure.is_none() {
            for (number, message) in self.messages.iter_mut().enumerate() {
                if let Some(text) = message.close(self.normal) {
                    closing.push(TurnUpdate::TextFinal {
                        message: number,
                        id: message.id().map(str::to_owned),
                        text,
                    });
                }
                self.normal |= message.is_normal();
            }
        }
        let texts = self
            .messages
            .iter()
            .filter_map(|message| message.shown_text().map(str::to_owned))
            .collect();
        TurnSummary {
            closing,
            texts,
            ran_tools: self.ran_tools,
            draft: self.draft,
            failure: self.failure,
        }
    }

    /// The last draft received so far.
    pub fn draft(&self) -> Option<&Draft> {
        self.draft.as_ref()
    }

    /// Why the turn failed, once it has.
    pub fn failure(&self) -> Option<&Error> {
        self.failure.as_ref()
    }

    fn apply_event(&mut self, mut event: AdkEvent, updates: &mut Vec<TurnUpdate>) {
        // The echo of the person's own message is never shown.
        if !event.is_from_user() {
            if let Some(text) = event.text() {
                self.apply_text(event.id.take(), event.partial, text, updates);
            }
        }
        // ADK runs tools only from complete events; a call seen in a chunk comes again whole.
        if !event.partial {
            self.apply_tools(event.parts(), updates);
        }
        let draft = event.actions.state_delta.remove("draft");
        if let Some(draft) = draft.filter(|draft| !draft.is_null()) {
            if let Err(error) = self.apply_draft(draft, updates) {
                self.fail(error, updates);
                return;
            }
        }
        if let Some(error) = event.failure() {
            self.fail(error, updates);
        }
    }

    /// Partial text carries only the new piece; the final event of the same id carries the
    /// whole text, which replaces the pieces and is given once.
    fn apply_text(
        &mut self,
        id: Option<String>,
        partial: bool,
        text: String,
        updates: &mut Vec<TurnUpdate>,
    ) {
        let number = self.message_number(id);
        let normal = self.normal;
        let Some(message) = self.messages.get_mut(number) else {
            return;
        };
        // A reply without end (a broken or hostile server) stops the turn before it fills memory;
        // the text held so far is let go.
        let message_bytes = if partial { message.len() } else { 0 } + text.len();
        self.text_bytes = self.text_bytes.saturating_add(text.len());
        if message_bytes > MAX_MESSAGE_BYTES || self.text_bytes > MAX_TURN_BYTES {
            let whole_turn = message_bytes <= MAX_MESSAGE_BYTES;
            let limit = if whole_turn {
                MAX_TURN_BYTES
            } else {
                MAX_MESSAGE_BYTES
            };
            self.messages.clear();
            self.fail(Error::ReplyTooLong { limit, whole_turn }, updates);
            return;
        }
        let id = message.id().map(str::to_owned);
        let update = if partial {
            message
                .partial(&text, normal)
                .map(|text| TurnUpdate::TextDelta {
                    message: number,
                    id,
                    text,
                })
        } else {
            message
                .finish(text, normal)
                .map(|text| TurnUpdate::TextFinal {
                    message: number,
                    id,
                    text,
                })
        };
        self.normal |= message.is_normal();
        if !partial && message.id().is_none() {
            self.open_anonymous = None;
        }
        updates.extend(update);
    }

    /// The number of the message an event belongs to, starting a new one when needed.
    fn message_number(&mut self, id: Option<String>) -> usize {
        let known = match &id {
            Some(id) => self.by_id.get(id).copied(),
            None => self.open_anonymous,
        };
        if let Some(number) = known {
            return number;
        }
        let number = self.messages.len();
        match &id {
            Some(id) => {
                self.by_id.insert(id.clone(), number);
            }
            None => self.open_anonymous = Some(number),
        }
        self.messages.push(Message::new(id));
        number
    }

    /// Tool calls and results are progress, never text: only their names and ids go out.
    fn apply_tools(&mut self, parts: &[Part], updates: &mut Vec<TurnUpdate>) {
        for part in parts {
            let update = match part {
                Part::FunctionCall(call)
                    if first_time(&mut self.calls_seen, call.id.as_deref()) =>
                {
                    TurnUpdate::ToolCall {
                        name: call.name.clone(),
                        call_id: call.id.clone(),
                    }
                }
                Part::FunctionResponse(answer)
                    if first_time(&mut self.results_seen, answer.id.as_deref()) =>
                {
                    TurnUpdate::ToolResult {
                        name: answer.name.clone(),
                        call_id: answer.id.clone(),
                    }
                }
                _ => continue,
            };
            self.normal = true;
            self.ran_tools = true;
            updates.push(update);
        }
    }

    /// A draft in `stateDelta` is the turn's product: one that does not parse fails the turn,
    /// rather than leave the person believing an edit landed. A draft equal to the last one is
    /// not news and is not given again.
    fn apply_draft(
        &mut self,
        value: serde_json::Value,
        updates: &mut Vec<TurnUpdate>,
    ) -> Result<(), Error> {
        let draft = Draft::from_value(value)?;
        self.normal = true;
        if self.draft.as_ref() != Some(&draft) {
            updates.push(TurnUpdate::Draft(draft.clone()));
            self.draft = Some(draft);
        }
        Ok(())
    }

    fn fail(&mut self, error: Error, updates: &mut Vec<TurnUpdate>) {
        updates.push(TurnUpdate::Failed(error.clone()));
        self.failure = Some(error);
    }
}

/// Whether a tool part with this id has not been reported yet; parts without an id always count.
fn first_time(seen: &mut HashSet<String>, id: Option<&str>) -> bool {
    match id {
        Some(id) => !seen.contains(id) && seen.insert(id.to_owned()),
        None => true,
    }
}

#[cfg(test)]
#[path = "turn_tests.rs"]
mod tests;
