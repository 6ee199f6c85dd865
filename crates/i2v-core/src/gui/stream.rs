//! Translating a message while it streams: what is shown never carries a GUI instruction, and
//! the pieces shown add up to the whole translation.
//!
//! Call order: [`Translator::push`] with each streamed piece, handing on the translated piece it
//! returns (often empty); then [`Translator::finish`] with the message's whole text, for the last
//! piece and the whole [`GuiTranslation`]. [`super::translate`] is the same machine fed at once.
//!
//! A sentence is translated once it is settled: when the text after it has begun, so nothing
//! appended can join it (`segment` decides every boundary from what precedes it and the one
//! character after). The last sentence waits for the next one or for the end. What comes out
//! follows the translator's rules for a whole message:
//! - a sentence with no GUI language is copied byte for byte, its gap too;
//! - whitespace at the end is held back: given at the end when nothing changed, dropped when
//!   something did (a dropped sentence's line break may still replace it);
//! - whitespace at the start is kept when the first sentence shown was unchanged, dropped when
//!   it was rewritten;
//! - a message whose every sentence went says in one sentence what the SDK offers instead.

use super::segment::{self, Resume};
use super::{GuiAction, GuiTranslation, rewrite, sentence};

/// The translation of one message, as its pieces arrive.
#[derive(Debug, Clone, Default)]
pub struct Translator {
    /// The message so far, as the backend wrote it.
    raw: String,
    /// Where the next unsettled sentence starts.
    resume: Resume,
    /// The translation of the settled sentences, held-back whitespace included.
    out: String,
    /// Bytes of `out` skipped at the start (leading whitespace of a rewritten start).
    lead: Option<usize>,
    /// Bytes of `out` given out so far.
    given: usize,
    /// Whether any sentence was rewritten or dropped.
    changed: bool,
    /// What the message asks the SDK to do, in order, without repeats.
    actions: Vec<GuiAction>,
}

impl Translator {
    /// A translator for a message that has not started.
    pub fn new() -> Translator {
        Translator::default()
    }

    /// Takes the next streamed piece of the message and returns what can be shown of the
    /// translation now, beyond what was returned before (empty while a sentence is open).
    pub fn push(&mut self, piece: &str) -> String {
        self.raw.push_str(piece);
        let mut sentences = segment::sentences_from(&self.raw, self.resume);
        // The last sentence may still grow.
        sentences.pop();
        for sentence in sentences {
            self.settle(&sentence);
        }
        self.release()
    }

    /// Ends the message: `whole` is its complete text as the backend gave it at the end. Returns
    /// the last piece to show (so that the pieces add up to the translation's text) and the
    /// translation. A `whole` that does not continue the pieces pushed (a backend that changed
    /// its mind) is translated afresh; its pieces then cannot add up, and the whole replaces them.
    pub fn finish(mut self, whole: &str) -> (String, GuiTranslation) {
        let Some(rest) = whole.strip_prefix(self.raw.as_str()) else {
            return Translator::new().finish(whole);
        };
        self.raw.push_str(rest);
        for sentence in segment::sentences_from(&self.raw, self.resume) {
            self.settle(&sentence);
        }
        let mut piece = self.release();
        let text = match self.lead {
            Some(lead) => {
                let end = if self.changed {
                    self.visible_end()
                } else {
                    // Nothing changed: the held-back whitespace at the end comes too.
                    piece.push_str(self.out.get(self.given..).unwrap_or_default());
                    self.out.len()
                };
                self.out.get(lead..end).unwrap_or_default().to_owned()
            }
            None if self.changed => {
                let chinese = rewrite::is_chinese(&self.raw);
                let fallback = rewrite::fallback(self.actions.first(), chinese).to_owned();
                piece.push_str(&fallback);
                fallback
            }
            // Only whitespace, unchanged: it comes back as it was.
            None => {
                piece.push_str(&self.raw);
                self.raw.clone()
            }
        };
        let translation = GuiTranslation {
            text,
            actions: self.actions,
        };
        (piece, translation)
    }

    /// Translates one settled sentence onto `out`.
    fn settle(&mut self, found: &segment::Sentence) {
        self.resume = found.resume;
        let body = self.raw.get(found.text.clone()).unwrap_or_default();
        let gap = self.raw.get(found.gap.clone()).unwrap_or_default();
        match sentence::translate(body, &mut self.actions) {
            None => {
                self.out.push_str(body);
                self.out.push_str(gap);
            }
            Some(kept) if kept.is_empty() => {
                self.changed = true;
                // A dropped sentence keeps the line break it ended, so lines do not run together.
                if gap.contains('\n') && !self.out.is_empty() && !self.out.ends_with('\n') {
                    let visible = self.visible_end();
                    self.out.truncate(visible);
                    self.out.push_str(gap.trim_start_matches([' ', '\t']));
                }
            }
            Some(kept) => {
                self.changed = true;
                self.out.push_str(&kept);
                self.out.push_str(gap);
            }
        }
        if self.lead.is_none() && self.visible_end() > 0 {
            // The start is decided by the first sentence that shows anything: kept as it came
            // when nothing up to it was rewritten.
            let skipped = self.out.len() - self.out.trim_start().len();
            self.lead = Some(if self.changed { skipped } else { 0 });
        }
    }

    /// What can be given out now: the settled translation up to its last visible character.
    fn release(&mut self) -> String {
        let Some(lead) = self.lead else {
            return String::new();
        };
        let visible = self.visible_end();
        let piece = self
            .out
            .get(self.given.max(lead)..visible)
            .unwrap_or_default()
            .to_owned();
        self.given = self.given.max(visible);
        piece
    }

    /// The end of `out` without its trailing whitespace.
    fn visible_end(&self) -> usize {
        self.out.trim_end().len()
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// Streams `pieces` and returns the pieces shown and the whole translation.
    fn stream(pieces: &[&str]) -> (Vec<String>, GuiTranslation) {
        let mut translator = Translator::new();
        let mut shown: Vec<String> = pieces.iter().map(|p| translator.push(p)).collect();
        let (last, whole) = translator.finish(&pieces.concat());
        shown.push(last);
        shown.retain(|piece| !piece.is_empty());
        (shown, whole)
    }

    #[test]
    fn a_gui_sentence_never_shows_and_the_rest_shows_as_it_settles() {
        let (shown, whole) = stream(&[
            "I turned your 3 photos into a video. ",
            "Preview it in the time",
            "line, and click the Export button when you're ready.",
        ]);
        assert_eq!(shown, ["I turned your 3 photos into a video."]);
        assert_eq!(whole.text, "I turned your 3 photos into a video.");
        assert_eq!(whole.actions, [GuiAction::ShowSummary, GuiAction::Export]);
    }

    #[test]
    fn chinese_streams_the_same_way() {
        let (shown, whole) =
            stream(&["已添加背景音乐。满意后点击", "导出按钮。", "还需要什么吗？"]);
        assert_eq!(shown.concat(), whole.text);
        assert!(!whole.text.contains("点击") && !whole.text.contains("按钮"));
        assert!(whole.text.starts_with("已添加背景音乐。"));
        assert_eq!(whole.actions, [GuiAction::Export]);
    }

    #[test]
    fn a_message_of_gui_steps_only_says_what_is_offered() {
        let (shown, whole) = stream(&["Click ", "Export."]);
        assert_eq!(shown.concat(), whole.text);
        assert_eq!(whole.actions, [GuiAction::Export]);
        assert!(!whole.text.is_empty());
    }

    #[test]
    fn untouched_text_comes_back_byte_for_byte_in_pieces() {
        let text = "  odd   spacing \n\n kept  \r\n exactly ";
        let pieces: Vec<&str> = text.split_inclusive(' ').collect();
        let (shown, whole) = stream(&pieces);
        assert_eq!(whole.text, text);
        assert_eq!(shown.concat(), text);
    }

    #[test]
    fn a_whole_that_does_not_continue_the_pieces_is_translated_afresh() {
        let mut translator = Translator::new();
        assert_eq!(translator.push("Adding music. "), "");
        let (_, whole) = translator.finish("Something else. Click Export.");
        assert_eq!(whole.text, "Something else.");
    }
}
