//! What a chat turn hands to the person watching it: updates as they come, a summary at the end.

use crate::Error;
use crate::draft::Draft;

/// One thing that happened in a chat turn, in the order it happened.
///
/// Text is addressed by `message`, the turn-local number of the message (0, 1, … in order of
/// first appearance): a consumer appends [`TurnUpdate::TextDelta`]s to that message and replaces
/// them all with its [`TurnUpdate::TextFinal`]. Nothing here carries a tool's raw arguments or
/// answer, so every update is safe to display.
#[derive(Debug, Clone, PartialEq)]
pub enum TurnUpdate {
    /// A new piece of a message's text, to append to what is shown of it.
    TextDelta {
        /// The turn-local number of the message.
        message: usize,
        /// The ADK event id of the message, when it had one (for logs).
        id: Option<String>,
        /// The new piece.
        text: String,
    },
    /// A message's whole text, which replaces every piece shown of it; given once per message.
    TextFinal {
        /// The turn-local number of the message.
        message: usize,
        /// The ADK event id of the message, when it had one (for logs).
        id: Option<String>,
        /// The whole text.
        text: String,
    },
    /// The agent started a tool.
    ToolCall {
        /// The tool's name (empty when the agent did not give one).
        name: String,
        /// The call's id, which its result repeats.
        call_id: Option<String>,
    },
    /// A tool finished.
    ToolResult {
        /// The tool's name (empty when the agent did not give one).
        name: String,
        /// The id of the call this answers.
        call_id: Option<String>,
    },
    /// The agent produced a new draft.
    Draft(Draft),
    /// The turn failed; nothing more comes from it.
    Failed(Error),
    /// The stream is alive but nothing new is visible: a heartbeat, held-back text, an event with
    /// nothing to show.
    Alive,
}

impl TurnUpdate {
    /// Whether this update is progress, as opposed to a mere sign of life.
    ///
    /// A client measures "still working" and the heartbeat-only timeout (`docs/PROTOCOL.md` §4) from
    /// the last update for which this is true.
    pub fn is_progress(&self) -> bool {
        !matches!(self, TurnUpdate::Alive)
    }
}

/// How a chat turn ended.
#[derive(Debug, Clone, PartialEq)]
pub struct TurnSummary {
    /// Updates the end of the stream released: the whole text of each message whose final
    /// never came. Deliver them before acting on the rest of the summary. Empty after a failure.
    pub closing: Vec<TurnUpdate>,
    /// The whole text of every message shown, in message order.
    pub texts: Vec<String>,
    /// Whether the agent ran a tool: the project may have changed even when no draft came.
    pub ran_tools: bool,
    /// The last draft the turn produced, if any.
    pub draft: Option<Draft>,
    /// Why the turn failed, if it did.
    pub failure: Option<Error>,
}

impl TurnSummary {
    /// Whether the turn ended well without showing any text: the client then reports what
    /// changed in the draft, so that a person never gets silence after an edit.
    pub fn is_silent(&self) -> bool {
        self.failure.is_none() && self.texts.iter().all(|text| text.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn summary(texts: &[&str], failure: Option<Error>) -> TurnSummary {
        TurnSummary {
            closing: Vec::new(),
            texts: texts.iter().map(|t| (*t).to_owned()).collect(),
            ran_tools: false,
            draft: None,
            failure,
        }
    }

    #[test]
    fn only_alive_is_not_progress() {
        assert!(!TurnUpdate::Alive.is_progress());
        let progress = [
            TurnUpdate::TextDelta {
                message: 0,
                id: None,
                text: "a".into(),
            },
            TurnUpdate::TextFinal {
                message: 0,
                id: None,
                text: "a".into(),
            },
            TurnUpdate::ToolCall {
                name: "t".into(),
                call_id: None,
            },
            TurnUpdate::ToolResult {
                name: "t".into(),
                call_id: None,
            },
            TurnUpdate::Failed(Error::Disconnected),
        ];
        assert!(progress.iter().all(TurnUpdate::is_progress));
    }

    #[test]
    fn silence_means_no_visible_text_and_no_failure() {
        assert!(summary(&[], None).is_silent());
        assert!(summary(&[" \n"], None).is_silent());
        assert!(!summary(&["Done."], None).is_silent());
        assert!(!summary(&[], Some(Error::Disconnected)).is_silent());
    }
}
