//! Recognising the agent's "I encountered a temporary issue" trailer as its text streams in.
//!
//! The cloud's agent often ends a turn whose work succeeded with this apology (`docs/PROTOCOL.md` §4).
//! A message is the trailer when it starts with [`TEMPORARY_ISSUE_PHRASE`], compared without
//! regard to ASCII case and after any leading whitespace. Text arrives in pieces, so the matcher
//! is fed piece by piece and looks at every character once: until the text either diverges from
//! the phrase or completes it, the answer is "undecided" and the caller holds the text back.

/// The opening that marks the agent's temporary-issue trailer.
pub const TEMPORARY_ISSUE_PHRASE: &str = "I encountered a temporary issue";

/// What the text seen so far says about the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Trailer {
    /// Only whitespace, or a beginning of the phrase: it may still become the trailer.
    Undecided,
    /// The text starts with the whole phrase.
    Matched,
    /// The text has left the phrase: an ordinary message.
    Diverged,
}

/// An incremental, case-insensitive match of [`TEMPORARY_ISSUE_PHRASE`] at the start of a text.
#[derive(Debug, Clone, Default)]
pub(super) struct TrailerMatcher {
    /// How many bytes of the phrase (ASCII, so also characters) have matched so far.
    matched: usize,
    /// Set once the answer can no longer change.
    decided: Option<Trailer>,
}

impl TrailerMatcher {
    /// Feeds the next piece of the message and says what the text so far is.
    pub(super) fn feed(&mut self, piece: &str) -> Trailer {
        if let Some(decided) = self.decided {
            return decided;
        }
        let phrase = TEMPORARY_ISSUE_PHRASE.as_bytes();
        for c in piece.chars() {
            // Whitespace before the first letter of the phrase does not count.
            if self.matched == 0 && c.is_whitespace() {
                continue;
            }
            let fits = phrase
                .get(self.matched)
                .is_some_and(|&expected| c.is_ascii() && (c as u8).eq_ignore_ascii_case(&expected));
            if !fits {
                return self.decide(Trailer::Diverged);
            }
            self.matched += 1;
            if self.matched == phrase.len() {
                return self.decide(Trailer::Matched);
            }
        }
        Trailer::Undecided
    }

    fn decide(&mut self, answer: Trailer) -> Trailer {
        self.decided = Some(answer);
        answer
    }
}

/// What a whole text says, when it is all there is.
pub(super) fn classify(text: &str) -> Trailer {
    TrailerMatcher::default().feed(text)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn whole_texts() {
        let trailer = "I encountered a temporary issue. Please try again.";
        assert_eq!(classify(trailer), Trailer::Matched);
        assert_eq!(
            classify("  i ENCOUNTERED a Temporary Issue"),
            Trailer::Matched
        );
        assert_eq!(classify("I encountered a problem"), Trailer::Diverged);
        assert_eq!(
            classify("Done! I encountered a temporary issue"),
            Trailer::Diverged
        );
        assert_eq!(classify("I encountered"), Trailer::Undecided);
        assert_eq!(classify(" \n"), Trailer::Undecided);
        assert_eq!(classify(""), Trailer::Undecided);
        assert_eq!(classify("Ĩ encountered"), Trailer::Diverged);
    }

    #[test]
    fn pieces_decide_at_the_first_telling_character() {
        let mut m = TrailerMatcher::default();
        assert_eq!(m.feed(" I"), Trailer::Undecided);
        assert_eq!(m.feed(" encount"), Trailer::Undecided);
        assert_eq!(m.feed("ered a temporary iss"), Trailer::Undecided);
        assert_eq!(m.feed("ue"), Trailer::Matched);
        assert_eq!(m.feed(" whatever follows"), Trailer::Matched);

        let mut m = TrailerMatcher::default();
        assert_eq!(m.feed("I enc"), Trailer::Undecided);
        assert_eq!(m.feed("ourage you"), Trailer::Diverged);
        assert_eq!(m.feed("d a temporary issue"), Trailer::Diverged);
    }

    #[test]
    fn whitespace_inside_the_phrase_must_match() {
        assert_eq!(
            classify("I  encountered a temporary issue"),
            Trailer::Diverged
        );
        let mut m = TrailerMatcher::default();
        assert_eq!(m.feed("I"), Trailer::Undecided);
        assert_eq!(m.feed("\n"), Trailer::Diverged);
    }
}
