//! The reply text: what changed, what could not, help, and hints that assume the editor on
//! screen, in the person's language.
//!
//! A [`Reply`] collects sentences as the turn goes ([`Reply::outcome`], [`Reply::problem`],
//! [`Reply::help`]) and [`Reply::finish`] writes them out: an opener when something changed,
//! the changes, the problems (each once), then a hint. Generation always ends with "preview it
//! in the timeline and click the Export button"; an edit does one time in two, as the turn's
//! `variant` decides. The cloud's agent writes such hints for its web editor, and the SDK
//! translates them (`docs/PROTOCOL.md` §7).

mod history;
mod honesty;
mod phrases;
mod shape;
mod texts;

use super::outcome::{Outcome, Problem};
use super::types::Language;

/// The reply being written.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    language: Language,
    variant: u64,
    changes: Vec<String>,
    problems: Vec<String>,
    help: Option<String>,
}

impl Reply {
    /// A reply in `language`, phrased by `variant`.
    pub(crate) fn new(language: Language, variant: u64) -> Reply {
        Reply {
            language,
            variant,
            changes: Vec::new(),
            problems: Vec::new(),
            help: None,
        }
    }

    /// The language it is written in.
    pub(crate) fn language(&self) -> Language {
        self.language
    }

    /// Tells a change made.
    pub(crate) fn outcome(&mut self, outcome: &Outcome) {
        self.changes.push(phrases::outcome(self.language, outcome));
    }

    /// Tells why an instruction changed nothing (each reason once).
    pub(crate) fn problem(&mut self, problem: &Problem) {
        let sentence = phrases::problem(self.language, problem);
        if !self.problems.contains(&sentence) {
            self.problems.push(sentence);
        }
    }

    /// Tells which parts of the message were not understood (and so changed nothing).
    pub(crate) fn not_understood(&mut self, parts: &[String]) {
        if !parts.is_empty() {
            self.problems
                .push(honesty::not_understood(self.language, parts));
        }
    }

    /// Says, in English, that the message's language is not one the agent reads, and which are.
    pub(crate) fn foreign(&mut self, language: &str) {
        self.help = Some(honesty::foreign(language));
    }

    /// Says what the agent can do, and what to do first.
    pub(crate) fn help(&mut self, has_images: bool, has_video: bool) {
        self.help = Some(phrases::help(self.language, has_images, has_video));
    }

    /// Answers a request for the finished file the way the editor is used: its Export button.
    pub(crate) fn export(&mut self, has_video: bool) {
        self.help = Some(phrases::export(self.language, has_video));
    }

    /// The whole text; `generated` says the turn made a new video.
    pub(crate) fn finish(self, generated: bool) -> String {
        let mut sentences = Vec::new();
        let changed = !self.changes.is_empty();
        if changed && !generated {
            sentences.push(opener(self.language, self.variant).to_owned());
        }
        sentences.extend(self.changes);
        sentences.extend(self.problems);
        sentences.extend(self.help);
        let hint = match (changed, generated) {
            (true, true) => Some(preview_and_export(self.language)),
            (true, false) => edit_hint(self.language, self.variant),
            (false, _) => None,
        };
        sentences.extend(hint.map(str::to_owned));
        let separator = match self.language {
            Language::English | Language::Spanish => " ",
            Language::Chinese | Language::Japanese => "",
        };
        sentences.join(separator)
    }
}

/// The first words of an edit's reply.
fn opener(language: Language, variant: u64) -> &'static str {
    let english = ["Done!", "All set.", "Okay!"];
    let chinese = ["好的！", "完成！", "没问题！"];
    let spanish = ["¡Hecho!", "Listo.", "¡Vale!"];
    let japanese = ["できました！", "完了しました。", "了解です！"];
    // The high bits pick the opener, the low ones the hint, so the two vary independently.
    let pick = usize::try_from((variant >> 8) % 3).unwrap_or(0);
    let choices = match language {
        Language::English => english,
        Language::Chinese => chinese,
        Language::Spanish => spanish,
        Language::Japanese => japanese,
    };
    choices.get(pick).copied().unwrap_or(choices[0])
}

/// How a generation's reply ends.
fn preview_and_export(language: Language) -> &'static str {
    match language {
        Language::English => {
            "Preview it in the timeline, and click the Export button when you're ready."
        }
        Language::Chinese => "可以在时间线里预览，满意后点击导出按钮。",
        Language::Spanish => {
            "Revísalo en la línea de tiempo y haz clic en el botón Exportar cuando estés listo."
        }
        Language::Japanese => {
            "タイムラインでプレビューして、よければエクスポートボタンをクリックしてください。"
        }
    }
}

/// How an edit's reply ends, one time in two.
fn edit_hint(language: Language, variant: u64) -> Option<&'static str> {
    match (variant % 4, language) {
        (0, Language::English) => Some("Click the Export button when you're ready."),
        (0, Language::Chinese) => Some("准备好了就点击导出按钮。"),
        (1, Language::English) => Some("You can preview the change in the timeline."),
        (1, Language::Chinese) => Some("可以在时间线里预览修改。"),
        (0, Language::Spanish) => Some("Haz clic en el botón Exportar cuando estés listo."),
        (1, Language::Spanish) => Some("Puedes revisar el cambio en la línea de tiempo."),
        (0, Language::Japanese) => Some("準備ができたらエクスポートボタンをクリックしてください。"),
        (1, Language::Japanese) => Some("タイムラインで変更をプレビューできます。"),
        _ => None,
    }
}
