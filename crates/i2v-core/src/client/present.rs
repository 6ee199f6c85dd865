//! What a person sees of a chat turn: the assembler's updates as [`TurnEvent`]s, with every
//! message translated for someone who has no editor on screen while it streams, and tools told
//! in words (`docs/PROTOCOL.md` §4 and §7).
//!
//! Each message has its own [`Translator`]: a streamed piece goes out as the translated piece it
//! releases (nothing while a sentence is open), and the message's whole text as the translation,
//! so that the deltas of a message add up to its final text. The GUI actions the message asked
//! for follow its text as [`TurnEvent::Action`]s: suggestions, never run here.

use super::chat::TurnEvent;
use crate::adk::{TurnUpdate, tool_words};
use crate::gui::Translator;

/// The presentation of one turn's updates.
#[derive(Debug, Default)]
pub(crate) struct Presenter {
    /// The translator of each message still streaming, by message number.
    open: Vec<Option<Translator>>,
    /// The translated text of each message given, by message number.
    texts: Vec<Option<String>>,
    /// Whether to tell tools in Chinese.
    chinese: bool,
}

impl Presenter {
    /// A presenter telling tools in Chinese when the session's language is Chinese.
    pub(crate) fn new(language: &str) -> Presenter {
        Presenter {
            chinese: language.to_ascii_lowercase().starts_with("zh"),
            ..Presenter::default()
        }
    }

    /// The events an update makes for a person, in order; the draft and the failure are for
    /// the caller to act on and come back as they are.
    pub(crate) fn present(&mut self, update: TurnUpdate) -> Presented {
        let mut events = Vec::new();
        match update {
            TurnUpdate::TextDelta { message, text, .. } => {
                let piece = self.translator(message).push(&text);
                if !piece.is_empty() {
                    events.push(TurnEvent::TextDelta {
                        message,
                        text: piece,
                    });
                }
            }
            TurnUpdate::TextFinal { message, text, .. } => {
                // The message ends here: its translator (a fresh one for a message that came
                // whole) finishes it and is gone.
                let translator = self.open.get_mut(message).and_then(Option::take);
                let (piece, translation) = translator.unwrap_or_default().finish(&text);
                if !piece.is_empty() {
                    events.push(TurnEvent::TextDelta {
                        message,
                        text: piece,
                    });
                }
                self.keep_text(message, translation.text.clone());
                events.push(TurnEvent::Text {
                    message,
                    text: translation.text,
                });
                events.extend(translation.actions.into_iter().map(TurnEvent::Action));
            }
            TurnUpdate::ToolCall { name, .. } => events.push(TurnEvent::ToolStarted {
                label: tool_words(&name, self.chinese).running.to_owned(),
            }),
            TurnUpdate::ToolResult { name, .. } => events.push(TurnEvent::ToolFinished {
                label: tool_words(&name, self.chinese).done.to_owned(),
            }),
            TurnUpdate::Draft(draft) => return Presented::Draft(draft),
            TurnUpdate::Failed(err) => return Presented::Failed(err),
            TurnUpdate::Alive => {}
        }
        Presented::Events(events)
    }

    /// The translated text of every message given, in message order.
    pub(crate) fn texts(&self) -> Vec<String> {
        self.texts.iter().flatten().cloned().collect()
    }

    fn translator(&mut self, message: usize) -> &mut Translator {
        if self.open.len() <= message {
            self.open.resize_with(message + 1, || None);
        }
        let slot = &mut self.open[message];
        slot.get_or_insert_with(Translator::new)
    }

    fn keep_text(&mut self, message: usize, text: String) {
        if self.texts.len() <= message {
            self.texts.resize_with(message + 1, || None);
        }
        self.texts[message] = Some(text);
    }
}

/// What an update comes to.
#[derive(Debug)]
pub(crate) enum Presented {
    /// Events for the person (possibly none).
    Events(Vec<TurnEvent>),
    /// A new draft.
    Draft(crate::draft::Draft),
    /// The turn failed.
    Failed(crate::Error),
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::gui::GuiAction;

    fn events(presenter: &mut Presenter, update: TurnUpdate) -> Vec<TurnEvent> {
        match presenter.present(update) {
            Presented::Events(events) => events,
            other => panic!("not events: {other:?}"),
        }
    }

    fn delta(message: usize, text: &str) -> TurnUpdate {
        TurnUpdate::TextDelta {
            message,
            id: None,
            text: text.into(),
        }
    }

    #[test]
    fn a_streamed_reply_shows_no_gui_step_and_its_pieces_add_up() {
        let mut presenter = Presenter::new("en");
        let mut shown = Vec::new();
        for piece in [
            "I turned your photos into a video. ",
            "Preview it in the timeline, and click ",
            "the Export button when you're ready.",
        ] {
            shown.extend(events(&mut presenter, delta(0, piece)));
        }
        let whole = "I turned your photos into a video. Preview it in the timeline, and click \
                     the Export button when you're ready.";
        shown.extend(events(
            &mut presenter,
            TurnUpdate::TextFinal {
                message: 0,
                id: None,
                text: whole.into(),
            },
        ));
        let deltas: String = shown
            .iter()
            .filter_map(|e| match e {
                TurnEvent::TextDelta { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(deltas, "I turned your photos into a video.");
        assert!(shown.contains(&TurnEvent::Text {
            message: 0,
            text: deltas.clone()
        }));
        assert!(shown.contains(&TurnEvent::Action(GuiAction::Export)));
        assert_eq!(presenter.texts(), [deltas]);
    }

    #[test]
    fn tools_are_told_in_words_in_the_sessions_language() {
        let call = || TurnUpdate::ToolCall {
            name: "create_slideshow".into(),
            call_id: None,
        };
        assert_eq!(
            events(&mut Presenter::new("en"), call()),
            [TurnEvent::ToolStarted {
                label: "Putting your video together…".into()
            }]
        );
        assert_eq!(
            events(&mut Presenter::new("zh-CN"), call()),
            [TurnEvent::ToolStarted {
                label: "正在制作视频…".into()
            }]
        );
    }
}
