//! The push parser: bytes in any chunking, out come events and comments.
//!
//! This part finds lines (the standard's line endings, the leading BOM, the cap on buffered
//! bytes); [`super::fields`] decides what each line does.

use std::fmt;

use memchr::memchr2;

use super::SseError;
use super::event::{SseItem, SseSink};
use super::fields::EventBuffers;

/// The UTF-8 byte order mark, which UTF-8 decoding drops once at the start of a stream.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A push parser for one `text/event-stream` at a time, exactly as the WHATWG HTML standard
/// interprets an event stream.
///
/// Call order: [`feed`](Self::feed) (or [`feed_into`](Self::feed_into)) with each chunk of the
/// body as it arrives, in any sizes; then [`finish`](Self::finish) when the body ends. After
/// `finish` the parser reads a new stream of the same source (a reconnection): it keeps
/// [`last_event_id`](Self::last_event_id) and [`retry`](Self::retry). [`reset`](Self::reset)
/// forgets those too.
///
/// How the bytes are split into chunks never changes what comes out. Time is linear in the input
/// whatever the chunking: an unfinished line is kept, and only new bytes are searched for its end.
///
/// What the parser holds is capped (see [`with_max_buffered`](Self::with_max_buffered)): an event
/// that would grow past the cap is dropped with [`SseError::EventTooLarge`] and the parser picks up
/// again at the blank line that ends it.
#[derive(Clone)]
pub struct SseParser {
    /// The cap on the current line plus the data buffer, in bytes.
    max_buffered: usize,
    /// The start of the current line, seen in earlier chunks: never CR or LF. At stream start it
    /// may hold the first bytes of a BOM, until the stream shows whether they are one.
    line: Vec<u8>,
    /// The previous chunk ended with CR, so an LF first in the next one completes a CRLF.
    after_cr: bool,
    /// No byte of the stream has been judged yet, so a BOM may still come.
    at_stream_start: bool,
    /// Set while an event that overflowed the cap is skipped up to its closing blank line.
    skipping: Option<Skip>,
    /// The standard's buffers and what outlives an event.
    buffers: EventBuffers,
}

/// Where the skipping of an oversized event stands.
#[derive(Clone, Copy)]
struct Skip {
    /// Bytes of the current line have been skipped, so its line ending does not make a blank line.
    mid_line: bool,
}

impl SseParser {
    /// The default cap on buffered bytes: 16 MiB.
    pub const DEFAULT_MAX_BUFFERED: usize = 16 * 1024 * 1024;

    /// A parser at the start of a stream, with the default cap of 16 MiB.
    pub fn new() -> Self {
        Self::with_max_buffered(Self::DEFAULT_MAX_BUFFERED)
    }

    /// A parser at the start of a stream that holds at most `max_buffered` bytes of one event.
    ///
    /// What counts is the line being read plus the data the event has gathered so far; finished
    /// events handed to the caller don't. An event or a single line (a comment too) that would go
    /// past the cap is dropped with [`SseError::EventTooLarge`]. A cap of 0 allows blank lines only.
    pub fn with_max_buffered(max_buffered: usize) -> Self {
        Self {
            max_buffered,
            line: Vec::new(),
            after_cr: false,
            at_stream_start: true,
            skipping: None,
            buffers: EventBuffers::default(),
        }
    }

    /// The cap on buffered bytes this parser was made with.
    pub fn max_buffered(&self) -> usize {
        self.max_buffered
    }

    /// The last event ID string: what the latest `id` field said, as of the last blank line.
    ///
    /// This is the value to send as `Last-Event-ID` when reconnecting. An `id` line takes effect at
    /// the blank line after it, even one that dispatches nothing; one whose value holds NUL is
    /// ignored; `id` with an empty value sets it back to "".
    pub fn last_event_id(&self) -> &str {
        self.buffers.last_event_id()
    }

    /// The reconnection time in milliseconds from the last valid `retry` field, if any.
    pub fn retry(&self) -> Option<u64> {
        self.buffers.retry()
    }

    /// Parses the next chunk of the stream and returns the items it completes.
    ///
    /// On [`SseError::EventTooLarge`] the rest of the chunk is still parsed, but the items it
    /// completed are not returned: use [`feed_into`](Self::feed_into) to keep them.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<Vec<SseItem>, SseError> {
        let mut items = Vec::new();
        self.feed_into(chunk, &mut items).map(|()| items)
    }

    /// Parses the next chunk of the stream, appending the items it completes to `out`.
    ///
    /// The whole chunk is always parsed. If an event in it outgrew the cap, that event is dropped
    /// (with any `id` it set), the items before and after it still go to `out`, and the result is
    /// [`SseError::EventTooLarge`]. The parser is then in a good state: it skips to the blank line
    /// that ends the dropped event and reads on from there.
    pub fn feed_into(&mut self, chunk: &[u8], out: &mut Vec<SseItem>) -> Result<(), SseError> {
        self.feed_with(chunk, out)
    }

    /// Parses the next chunk of the stream, handing what it completes to `sink` as it goes.
    ///
    /// The same as [`feed_into`](Self::feed_into), without the owned items: the sink borrows
    /// each event from the parser's buffers, so a steady stream allocates nothing per event.
    pub fn feed_with(&mut self, chunk: &[u8], sink: &mut impl SseSink) -> Result<(), SseError> {
        let mut rest = self.strip_bom(chunk);
        let mut result = Ok(());
        while !rest.is_empty() {
            // A CR that ended the previous chunk and an LF that starts this one are one line ending.
            if std::mem::take(&mut self.after_cr) {
                if let Some(after_lf) = rest.strip_prefix(b"\n") {
                    rest = after_lf;
                    continue;
                }
            }
            let Some((content, ending_and_rest)) =
                memchr2(b'\n', b'\r', rest).and_then(|end| rest.split_at_checked(end))
            else {
                if let Err(err) = self.hold_unfinished(rest) {
                    result = Err(err);
                }
                break;
            };
            rest = self.skip_line_ending(ending_and_rest);
            if let Err(err) = self.end_line(content, sink) {
                result = Err(err);
            }
        }
        result
    }

    /// Ends the stream: an unfinished event is thrown away, as the standard says (data that no
    /// blank line follows is never dispatched). Returns whether anything was thrown away: an
    /// unterminated line, or `data`, `event` or `id` fields still waiting for a blank line (the
    /// rest of an event already dropped for its size was reported then and does not count).
    ///
    /// The parser is then ready for a new stream from the same source: a BOM may come again, and
    /// [`last_event_id`](Self::last_event_id) and [`retry`](Self::retry) are kept. The new stream's
    /// last event ID buffer starts from the kept ID, as browsers do on reconnection.
    pub fn finish(&mut self) -> bool {
        let discarded = !self.line.is_empty() || self.buffers.is_mid_event();
        self.line.clear();
        self.after_cr = false;
        self.at_stream_start = true;
        self.skipping = None;
        self.buffers.discard_event();
        discarded
    }

    /// Makes this a brand-new parser with the same cap: everything else goes, including the last
    /// event ID and the reconnection time, and a BOM is expected again. Memory is released.
    pub fn reset(&mut self) {
        *self = Self::with_max_buffered(self.max_buffered);
    }

    /// Drops one leading BOM, also when its bytes come in several chunks; returns what is left.
    fn strip_bom<'a>(&mut self, chunk: &'a [u8]) -> &'a [u8] {
        if !self.at_stream_start {
            return chunk;
        }
        // The bytes seen so far matched the start of the BOM and wait in `line`.
        let wanted = BOM.get(self.line.len()..).unwrap_or_default();
        let (head, tail) = chunk.split_at(wanted.len().min(chunk.len()));
        if !wanted.starts_with(head) {
            // Not a BOM: whatever waited in `line` is the start of the first line.
            self.at_stream_start = false;
            return chunk;
        }
        if head.len() == wanted.len() {
            self.line.clear();
            self.at_stream_start = false;
            return tail;
        }
        // The chunk ended inside what may still be a BOM (`tail` is empty).
        self.line.extend_from_slice(head);
        tail
    }

    /// Steps over the line ending at the start of `ending_and_rest` (CRLF, LF, or CR), returning
    /// what follows it. A CR last in the chunk may be half of a CRLF: the next chunk decides.
    fn skip_line_ending<'a>(&mut self, ending_and_rest: &'a [u8]) -> &'a [u8] {
        match ending_and_rest {
            [b'\r'] => {
                self.after_cr = true;
                &[]
            }
            [b'\r', b'\n', rest @ ..] | [_, rest @ ..] => rest,
            [] => &[],
        }
    }

    /// Keeps the start of a line whose ending has not come yet.
    fn hold_unfinished(&mut self, bytes: &[u8]) -> Result<(), SseError> {
        if let Some(skip) = &mut self.skipping {
            skip.mid_line = true;
            return Ok(());
        }
        if !self.fits(self.line.len().saturating_add(bytes.len())) {
            return Err(self.drop_event(true));
        }
        self.line.extend_from_slice(bytes);
        Ok(())
    }

    /// Handles a line whose ending was just found; `content` is its part in the current chunk.
    fn end_line(&mut self, content: &[u8], out: &mut impl SseSink) -> Result<(), SseError> {
        if let Some(skip) = &mut self.skipping {
            // The blank line that ends the oversized event ends the skipping; it dispatches nothing.
            if content.is_empty() && !skip.mid_line {
                self.skipping = None;
            } else {
                skip.mid_line = false;
            }
            return Ok(());
        }
        if !self.fits(self.line.len().saturating_add(content.len())) {
            return Err(self.drop_event(false));
        }
        if self.line.is_empty() {
            // The whole line is in this chunk: read it where it lies, without a copy.
            self.buffers.interpret_line(content, out);
        } else {
            let mut line = std::mem::take(&mut self.line);
            line.extend_from_slice(content);
            self.buffers.interpret_assembled_line(&mut line, out);
            line.clear();
            // Keep the allocation for the next long line.
            self.line = line;
        }
        Ok(())
    }

    /// Whether a line of `line_len` bytes fits beside the data already buffered.
    ///
    /// Checking the line and not only what it appends is what bounds memory, and a check on a
    /// line's first bytes can only fail if one on the whole line would: chunking never matters.
    fn fits(&self, line_len: usize) -> bool {
        self.buffers.data_len().saturating_add(line_len) <= self.max_buffered
    }

    /// Drops the event that outgrew the cap and starts skipping to its closing blank line.
    fn drop_event(&mut self, mid_line: bool) -> SseError {
        self.line.clear();
        self.buffers.discard_event();
        self.skipping = Some(Skip { mid_line });
        SseError::EventTooLarge {
            limit: self.max_buffered,
        }
    }
}

/// A summary, not the buffers: they may hold megabytes.
impl fmt::Debug for SseParser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SseParser")
            .field("max_buffered", &self.max_buffered)
            .field("line_len", &self.line.len())
            .field("data_len", &self.buffers.data_len())
            .field("skipping", &self.skipping.is_some())
            .field("last_event_id", &self.last_event_id())
            .field("retry", &self.retry())
            .finish_non_exhaustive()
    }
}

impl Default for SseParser {
    fn default() -> Self {
        Self::new()
    }
}
