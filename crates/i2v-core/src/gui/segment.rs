//! Sentences of a backend message, covering it byte for byte, so that untouched sentences are
//! copied back exactly.
//!
//! Rules:
//! - a line break always ends a sentence;
//! - `.`, `!`, `?`, `…` end one when whitespace or the end of the text follows (so `file.mp4`,
//!   `3.5 s` and `e.g.,` do not), except the `.` of a list marker at the start of a line (`2. `);
//! - `。`, `！`, `？`, `；` end one wherever they stand, since Chinese puts no space after them;
//! - closing quotes and brackets right after the mark belong to the sentence (`"Done."`);
//! - the whitespace after a sentence is its gap, kept apart from its text.
//!
//! A scan can resume after any sentence it found ([`Sentence::resume`]) and finds what a scan of
//! the whole message would, so a message that grows (a streamed reply) is scanned once.

use std::ops::Range;

/// One sentence: its text and the whitespace that follows it, as byte ranges of the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// The sentence, terminal punctuation included, trailing whitespace excluded.
    pub(crate) text: Range<usize>,
    /// The whitespace after it (may hold line breaks).
    pub(crate) gap: Range<usize>,
    /// Where a scan picks up after this sentence.
    pub(crate) resume: Resume,
}

/// Where a scan starts: a sentence's first byte, and the first byte of the line it is on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Resume {
    start: usize,
    line_start: usize,
}

/// Splits `message` into sentences whose texts and gaps cover it exactly, in order.
#[cfg(test)]
pub(crate) fn sentences(message: &str) -> Vec<Sentence> {
    sentences_from(message, Resume::default())
}

/// The sentences of `message` from `resume` on (the start, or a sentence's [`Sentence::resume`]
/// in a message that has only grown since), exactly as [`sentences`] finds them there.
pub(crate) fn sentences_from(message: &str, resume: Resume) -> Vec<Sentence> {
    let from = resume.start.min(message.len());
    let chars: Vec<(usize, char)> = message
        .get(from..)
        .unwrap_or_default()
        .char_indices()
        .map(|(i, c)| (i + from, c))
        .collect();
    let byte_at = |k: usize| chars.get(k).map_or(message.len(), |&(i, _)| i);
    let char_at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let mut list = Vec::new();
    let (mut start, mut line_start, mut k) = (0, resume.line_start, 0);
    while let Some(c) = char_at(k) {
        let end = match c {
            '\n' => Some(k),
            '。' | '！' | '？' | '；' => Some(skip_closers(&chars, k + 1)),
            '.' | '!' | '?' | '…' => {
                let after = skip_closers(&chars, k + 1);
                let spaced = char_at(after).is_none_or(char::is_whitespace);
                let marker = c == '.' && is_list_marker(message.get(line_start..byte_at(k)));
                (spaced && !marker).then_some(after)
            }
            _ => None,
        };
        let Some(end) = end else {
            k += 1;
            continue;
        };
        let mut gap_end = end;
        while char_at(gap_end).is_some_and(char::is_whitespace) {
            if char_at(gap_end) == Some('\n') {
                line_start = byte_at(gap_end + 1);
            }
            gap_end += 1;
        }
        let text_end = trimmed_end(message, byte_at(start), byte_at(end));
        list.push(Sentence {
            text: byte_at(start)..text_end,
            gap: text_end..byte_at(gap_end),
            resume: Resume {
                start: byte_at(gap_end),
                line_start,
            },
        });
        start = gap_end;
        k = gap_end.max(k + 1);
    }
    if byte_at(start) < message.len() {
        let text_end = trimmed_end(message, byte_at(start), message.len());
        list.push(Sentence {
            text: byte_at(start)..text_end,
            gap: text_end..message.len(),
            resume: Resume {
                start: message.len(),
                line_start,
            },
        });
    }
    list
}

/// The index after a run of terminal marks and closing quotes or brackets starting at `k`.
fn skip_closers(chars: &[(usize, char)], mut k: usize) -> usize {
    while chars.get(k).is_some_and(|&(_, c)| {
        matches!(
            c,
            '.' | '!'
                | '?'
                | '…'
                | '。'
                | '！'
                | '？'
                | '"'
                | '\''
                | ')'
                | ']'
                | '”'
                | '’'
                | '」'
                | '』'
                | '》'
                | '）'
                | '*'
                | '_'
        )
    }) {
        k += 1;
    }
    k
}

/// Whether the line so far is a list number (`2` of `2. Click Export`).
fn is_list_marker(line: Option<&str>) -> bool {
    let line = line.unwrap_or_default().trim_start();
    (1..=3).contains(&line.len()) && line.bytes().all(|b| b.is_ascii_digit())
}

/// The end of `message[start..end]` with trailing whitespace removed.
fn trimmed_end(message: &str, start: usize, end: usize) -> usize {
    message
        .get(start..end)
        .map_or(start, |s| start + s.trim_end().len())
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn split(message: &str) -> Vec<(&str, &str)> {
        sentences(message)
            .into_iter()
            .map(|s| {
                (
                    message.get(s.text).unwrap_or("?"),
                    message.get(s.gap).unwrap_or("?"),
                )
            })
            .collect()
    }

    #[test]
    fn english_sentences_end_at_marks_before_whitespace() {
        assert_eq!(
            split("Done! I added \"Paradise.\" Click Export. Saved as file.mp4 (3.5 s)"),
            [
                ("Done!", " "),
                ("I added \"Paradise.\"", " "),
                ("Click Export.", " "),
                ("Saved as file.mp4 (3.5 s)", ""),
            ]
        );
    }

    #[test]
    fn chinese_sentences_end_at_their_marks() {
        assert_eq!(
            split("已添加标题。点击导出按钮！好"),
            [("已添加标题。", ""), ("点击导出按钮！", ""), ("好", "")]
        );
    }

    #[test]
    fn lines_and_list_markers() {
        assert_eq!(
            split("Steps:\n1. Click Export.\n2. Wait.\n\nDone"),
            [
                ("Steps:", "\n"),
                ("1. Click Export.", "\n"),
                ("2. Wait.", "\n\n"),
                ("Done", ""),
            ]
        );
    }

    #[test]
    fn a_scan_resumed_after_any_sentence_finds_the_rest_as_the_whole_scan() {
        for message in [
            "Steps:\n1. Click Export.\n2. Wait.\n\nDone",
            "Hi. 2. Click Export. 3. ok",
            "已添加标题。点击导出按钮！好 Done. x",
        ] {
            let whole = sentences(message);
            for (k, sentence) in whole.iter().enumerate() {
                let rest = sentences_from(message, sentence.resume);
                assert_eq!(
                    rest.as_slice(),
                    whole.get(k + 1..).unwrap_or_default(),
                    "{message:?} after {k}"
                );
            }
        }
    }

    #[test]
    fn sentences_cover_the_message_exactly() {
        for message in [
            "",
            "  ",
            "\n\nHi.  ",
            "a. b! c? d… e。f",
            "x\r\ny",
            "🎬. ok",
        ] {
            let mut covered = String::new();
            for s in sentences(message) {
                covered.push_str(message.get(s.text).unwrap_or("?"));
                covered.push_str(message.get(s.gap).unwrap_or("?"));
            }
            assert_eq!(covered, message);
        }
    }
}
