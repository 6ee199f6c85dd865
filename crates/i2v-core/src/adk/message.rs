//! The text of one agent message as it streams: pieces, the whole text, and the trailer rule.
//!
//! Call order per message: any number of [`Message::partial`], then at most one
//! [`Message::finish`] that counts (later ones are repeats and yield nothing), or instead
//! [`Message::close`] when the stream ended before the whole text came.
//!
//! Whether a message is shown is decided once, as soon as its text tells (`docs/PROTOCOL.md` §4):
//! - text that leaves the temporary-issue phrase is shown;
//! - the trailer is hidden when the turn already had normal responses, and shown otherwise;
//! - text that is only whitespace is never shown.
//!
//! Until the text tells, its pieces are held back, so nothing appears that would have to vanish.

use super::trailer::{Trailer, TrailerMatcher, classify};

/// Whether a message is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// The text so far is blank or a beginning of the trailer phrase.
    Pending,
    /// Shown; `trailer` when it is the trailer, shown because nothing normal came before it.
    Shown { trailer: bool },
    /// Never shown.
    Hidden,
}

/// The streaming text of one message.
#[derive(Debug, Clone)]
pub(super) struct Message {
    /// The ADK event id shared by the message's events, when they had one.
    id: Option<String>,
    /// Every partial piece so far, in order.
    streamed: String,
    /// How many bytes of `streamed` have been handed out as deltas.
    released: usize,
    matcher: TrailerMatcher,
    verdict: Verdict,
    /// The whole text, once the message is complete and shown.
    whole: Option<String>,
    /// Set by the first final (or close); everything after it is a repeat.
    complete: bool,
}

impl Message {
    /// A message no piece of which has arrived yet.
    pub(super) fn new(id: Option<String>) -> Message {
        Message {
            id,
            streamed: String::new(),
            released: 0,
            matcher: TrailerMatcher::default(),
            verdict: Verdict::Pending,
            whole: None,
            complete: false,
        }
    }

    /// The ADK id of the message.
    pub(super) fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// Takes a partial piece; returns the text to show now (held-back text first), if any.
    pub(super) fn partial(&mut self, piece: &str, turn_is_normal: bool) -> Option<String> {
        if self.complete {
            return None;
        }
        self.streamed.push_str(piece);
        if self.verdict == Verdict::Pending {
            self.verdict = match self.matcher.feed(piece) {
                Trailer::Undecided => return None,
                Trailer::Matched => trailer_verdict(turn_is_normal),
                Trailer::Diverged => Verdict::Shown { trailer: false },
            };
        }
        match self.verdict {
            Verdict::Shown { .. } => self.release(),
            Verdict::Pending | Verdict::Hidden => None,
        }
    }

    /// Takes the message's whole text; returns it when it is to be shown, replacing the pieces.
    pub(super) fn finish(&mut self, text: String, turn_is_normal: bool) -> Option<String> {
        if self.complete {
            return None;
        }
        self.complete = true;
        if self.verdict == Verdict::Pending {
            self.verdict = match classify(&text) {
                Trailer::Matched => trailer_verdict(turn_is_normal),
                Trailer::Diverged => Verdict::Shown { trailer: false },
                // A complete text that is only a beginning of the phrase is not the trailer.
                Trailer::Undecided if text.trim().is_empty() => Verdict::Hidden,
                Trailer::Undecided => Verdict::Shown { trailer: false },
            };
        }
        self.show_whole(text)
    }

    /// Ends a message whose final never came; returns the text shown so far as its whole text.
    ///
    /// Text still held back here is a cut-off beginning of the trailer phrase (or blank), and
    /// is judged as the trailer.
    pub(super) fn close(&mut self, turn_is_normal: bool) -> Option<String> {
        if self.complete {
            return None;
        }
        self.complete = true;
        if self.verdict == Verdict::Pending {
            self.verdict = if self.streamed.trim().is_empty() {
                Verdict::Hidden
            } else {
                trailer_verdict(turn_is_normal)
            };
        }
        let streamed = std::mem::take(&mut self.streamed);
        self.show_whole(streamed)
    }

    /// How many bytes of text it holds so far.
    pub(super) fn len(&self) -> usize {
        self.streamed.len() + self.whole.as_ref().map_or(0, String::len)
    }

    /// Whether this message is a normal response shown to the person (not the trailer).
    pub(super) fn is_normal(&self) -> bool {
        self.verdict == Verdict::Shown { trailer: false }
    }

    /// What the person has been shown of this message: its whole text once complete, else the
    /// pieces released so far; `None` when nothing of it was shown.
    pub(super) fn shown_text(&self) -> Option<&str> {
        match (&self.whole, self.verdict) {
            (Some(whole), _) => Some(whole),
            (None, Verdict::Shown { .. }) if !self.complete => self.streamed.get(..self.released),
            _ => None,
        }
    }

    fn release(&mut self) -> Option<String> {
        let fresh = self.streamed.get(self.released..).unwrap_or_default();
        if fresh.is_empty() {
            return None;
        }
        let fresh = fresh.to_owned();
        self.released = self.streamed.len();
        Some(fresh)
    }

    fn show_whole(&mut self, text: String) -> Option<String> {
        match self.verdict {
            Verdict::Shown { .. } => {
                self.whole = Some(text.clone());
                Some(text)
            }
            Verdict::Pending | Verdict::Hidden => None,
        }
    }
}

/// The trailer is ignored after normal responses and shown when it is all the turn has.
fn trailer_verdict(turn_is_normal: bool) -> Verdict {
    if turn_is_normal {
        Verdict::Hidden
    } else {
        Verdict::Shown { trailer: true }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    const TRAILER: &str = "I encountered a temporary issue. Please try again.";

    #[test]
    fn pieces_are_released_then_the_whole_text_replaces_them() {
        let mut m = Message::new(Some("a".into()));
        assert_eq!(m.partial("Adding ", false).as_deref(), Some("Adding "));
        assert_eq!(m.partial("music", false).as_deref(), Some("music"));
        assert_eq!(m.shown_text(), Some("Adding music"));
        assert!(m.is_normal());
        assert_eq!(
            m.finish("Adding music.".into(), true).as_deref(),
            Some("Adding music.")
        );
        assert_eq!(m.finish("Adding music.".into(), true), None);
        assert_eq!(m.partial("late", true), None);
        assert_eq!(m.close(true), None);
        assert_eq!(m.shown_text(), Some("Adding music."));
    }

    #[test]
    fn a_beginning_of_the_phrase_is_held_until_it_diverges() {
        let mut m = Message::new(None);
        assert_eq!(m.partial("I ", false), None);
        assert_eq!(m.partial("encou", false), None);
        assert_eq!(m.shown_text(), None);
        assert_eq!(
            m.partial("raged it", false).as_deref(),
            Some("I encouraged it")
        );
        assert_eq!(m.partial("!", false).as_deref(), Some("!"));
    }

    #[test]
    fn the_trailer_after_normal_responses_never_shows() {
        let mut m = Message::new(None);
        for piece in [
            "I enc",
            "ountered a temporary",
            " issue. Please",
            " try again.",
        ] {
            assert_eq!(m.partial(piece, true), None);
        }
        assert_eq!(m.finish(TRAILER.into(), true), None);
        assert_eq!(m.shown_text(), None);
        assert!(!m.is_normal());
    }

    #[test]
    fn the_trailer_alone_is_shown_but_is_not_normal() {
        let mut m = Message::new(None);
        assert_eq!(m.partial("I encountered a temporary", false), None);
        assert_eq!(
            m.partial(" issue.", false).as_deref(),
            Some("I encountered a temporary issue.")
        );
        assert!(!m.is_normal());
        assert_eq!(m.finish(TRAILER.into(), true).as_deref(), Some(TRAILER));
    }

    #[test]
    fn a_final_alone_is_judged_on_its_own_text() {
        let mut trailer = Message::new(None);
        assert_eq!(trailer.finish(TRAILER.into(), true), None);
        let mut alone = Message::new(None);
        assert_eq!(
            alone.finish(TRAILER.into(), false).as_deref(),
            Some(TRAILER)
        );
        let mut short = Message::new(None);
        assert_eq!(short.finish("I".into(), true).as_deref(), Some("I"));
        assert!(short.is_normal());
        let mut blank = Message::new(None);
        assert_eq!(blank.finish("  \n".into(), false), None);
        assert_eq!(blank.shown_text(), None);
    }

    #[test]
    fn closing_turns_released_pieces_into_the_whole_text() {
        let mut m = Message::new(None);
        assert_eq!(
            m.partial("Half a sent", false).as_deref(),
            Some("Half a sent")
        );
        assert_eq!(m.close(false).as_deref(), Some("Half a sent"));
        assert_eq!(m.shown_text(), Some("Half a sent"));
    }

    #[test]
    fn closing_judges_held_text_as_the_trailer() {
        let mut after_work = Message::new(None);
        assert_eq!(after_work.partial("I encountered a tem", true), None);
        assert_eq!(after_work.close(true), None);
        let mut alone = Message::new(None);
        assert_eq!(alone.partial("I encountered a tem", false), None);
        assert_eq!(alone.close(false).as_deref(), Some("I encountered a tem"));
        let mut blank = Message::new(None);
        assert_eq!(blank.partial(" ", false), None);
        assert_eq!(blank.close(false), None);
    }
}
