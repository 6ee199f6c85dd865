//! Translating backend text that assumes an on-screen editor (`docs/PROTOCOL.md` §7).
//!
//! The chat backend talks to its user as if an editor were on screen ("click Export", "drag the
//! clip onto the timeline", "打开文字面板"). [`translate`] turns such text into what a person
//! without that editor should read, plus the [`GuiAction`]s the SDK runs instead:
//!
//! | backend says | action |
//! | --- | --- |
//! | "click [button]" / "点击 [按钮]" | the button's operation ([`labels`]): Export → export, Generate → a chat message, … ; unknown buttons show the state |
//! | "open [panel]" / "打开 [面板]" | [`GuiAction::ShowState`] (or the panel's own operation: export, credits, timeline) |
//! | "drag/drop" / "拖拽" | [`GuiAction::SendEdit`] with the move or its purpose; files into a drop area upload |
//! | "preview in timeline" / "在时间线上预览" | [`GuiAction::ShowSummary`] |
//! | "Export button" / "导出按钮", "you can export now" / "可以导出" | [`GuiAction::Export`] |
//! | "check account/billing" / "查看账户", "充值" | [`GuiAction::ShowCredits`] |
//!
//! The text is worked sentence by sentence ([`segment`]) and, inside a sentence, clause by
//! clause ([`sentence`]): clauses that only instruct GUI steps go, together with the clauses
//! that only lead into them ("to add music, …", "when you're happy, …", "满意后，…"); everything
//! else stays in the backend's own words. An offer ("if you'd like to adjust it, drag the
//! slider") asks for nothing: it becomes "If you'd like to adjust it, just tell me." Text with
//! no GUI language comes back byte for byte; text that was nothing but GUI steps becomes one
//! short sentence ("The video is ready to export."), never an empty string. A [`Translator`]
//! does the same to a message as it streams, so that no piece shown ever carries a GUI step.
//!
//! The actions say what the reply asked for; whether anything runs is the caller's decision
//! (`Client::send` runs only what reads the project: a render is never started by a reply).

mod detect;
mod labels;
mod leads;
mod rewrite;
mod segment;
mod sentence;
mod stream;

use serde::{Deserialize, Serialize};

pub use stream::Translator;

/// What the SDK does in place of a GUI step the backend described.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "message", rename_all = "snake_case")]
pub enum GuiAction {
    /// Run the export workflow (§3.8).
    Export,
    /// Fetch the state and show it (§3.7).
    ShowState,
    /// Fetch the state and show the track summary (§5).
    ShowSummary,
    /// Fetch the credit balance and show it (§3.6).
    ShowCredits,
    /// Ask the person for the files to upload (§3.5).
    Upload,
    /// Send this message through the chat on the person's behalf (§3.4).
    SendEdit(String),
}

impl GuiAction {
    /// The action's kind as the JS API spells it.
    pub fn as_str(&self) -> &'static str {
        match self {
            GuiAction::Export => "export",
            GuiAction::ShowState => "show_state",
            GuiAction::ShowSummary => "show_summary",
            GuiAction::ShowCredits => "show_credits",
            GuiAction::Upload => "upload",
            GuiAction::SendEdit(_) => "send_edit",
        }
    }
}

/// Backend text made fit for a person without the editor, and what to run instead of the GUI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuiTranslation {
    /// The text to show: content kept, GUI instructions removed.
    pub text: String,
    /// The actions to run, in the order the text gave them, without repeats.
    pub actions: Vec<GuiAction>,
}

/// Translates backend text that may assume an on-screen editor (`docs/PROTOCOL.md` §7): the
/// whole message at once, exactly as a [`Translator`] fed it in pieces ends.
pub fn translate(text: &str) -> GuiTranslation {
    Translator::new().finish(text).1
}

#[cfg(test)]
mod tests;
