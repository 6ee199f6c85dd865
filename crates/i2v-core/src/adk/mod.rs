//! ADK events and the rules of a chat turn (`docs/PROTOCOL.md` §4).
//!
//! The chat backend is a Google ADK app. Each item of its `/run_sse` stream (an ADK event, or a
//! frame of the api-reference's `type` form, §8) decodes into a
//! [`StreamFrame`]: an [`AdkEvent`], a server error, or a sign of life. A [`TurnAssembler`] turns
//! the items of one turn into [`TurnUpdate`]s a person can watch (text as it streams, tool
//! progress, drafts, the failure, liveness) and a [`TurnSummary`] at its end, applying the turn's
//! rules: partial and final text, the hidden echo, internal tools, the temporary-issue trailer
//! ([`TEMPORARY_ISSUE_PHRASE`]) and heartbeats.

mod event;
mod frame;
mod lenient;
mod message;
mod tool_words;
mod trailer;
mod turn;
mod typed;
mod update;

#[cfg(test)]
mod fixture_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;

pub use event::{Actions, AdkEvent, Content, FunctionCall, FunctionResponse, Part};
pub use frame::{ServerError, StreamFrame};
pub use tool_words::{ToolWords, tool_words};
pub use trailer::TEMPORARY_ISSUE_PHRASE;
pub use turn::{MAX_MESSAGE_BYTES, MAX_TURN_BYTES, TurnAssembler};
pub use update::{TurnSummary, TurnUpdate};
