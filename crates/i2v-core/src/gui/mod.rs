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
//! slider") runs nothing: it becomes "If you'd like to adjust it, just tell me." Text with no GUI
//! language comes back byte for byte; text that was nothing but GUI steps becomes one short
//! sentence saying what the SDK does ("Exporting your video now."), never an empty string.

mod detect;
mod labels;
mod leads;
mod rewrite;
mod segment;
mod sentence;

use serde::{Deserialize, Serialize};

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

/// Translates backend text that may assume an on-screen editor (`docs/PROTOCOL.md` §7).
pub fn translate(text: &str) -> GuiTranslation {
    let mut actions = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for sentence in segment::sentences(text) {
        let body = text.get(sentence.text.clone()).unwrap_or_default();
        let gap = text.get(sentence.gap.clone()).unwrap_or_default();
        match sentence::translate(body, &mut actions) {
            None => {
                out.push_str(body);
                out.push_str(gap);
            }
            Some(kept) if kept.is_empty() => {
                changed = true;
                // A dropped sentence keeps the line break it ended, so lines do not run together.
                if gap.contains('\n') && !out.is_empty() && !out.ends_with('\n') {
                    out.truncate(out.trim_end().len());
                    out.push_str(gap.trim_start_matches([' ', '\t']));
                }
            }
            Some(kept) => {
                changed = true;
                out.push_str(&kept);
                out.push_str(gap);
            }
        }
    }
    if !changed {
        return GuiTranslation {
            text: text.to_owned(),
            actions,
        };
    }
    let mut text_out = out.trim().to_owned();
    if text_out.is_empty() {
        text_out = rewrite::fallback(actions.first(), rewrite::is_chinese(text)).to_owned();
    }
    GuiTranslation {
        text: text_out,
        actions,
    }
}

#[cfg(test)]
mod tests;
