//! What can go wrong when a draft becomes an MP4, and when a render job is looked up.

use thiserror::Error;

/// Why a draft could not be rendered: a problem with the draft or its media, a missing tool, or
/// ffmpeg itself failing. Every message is meant for the person who asked for the export.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RenderError {
    /// The draft has no video track with a clip in it.
    #[error("the draft has no video clips to render")]
    NoVideoClips,
    /// A video or audio segment names no media at all.
    #[error("{track} segment {index} names no media")]
    MissingSource {
        /// `video` or `audio`.
        track: &'static str,
        /// The segment's place in its track, from 1.
        index: usize,
    },
    /// A segment names media the session does not have.
    #[error("unknown media id '{id}'")]
    UnknownMedia {
        /// The `src` the segment gave.
        id: String,
    },
    /// A segment names media of the wrong kind (music as a picture, a photo as music).
    #[error("media '{name}' is {found}, not {expected}")]
    WrongMediaKind {
        /// The media's name (or id).
        name: String,
        /// What the segment needs.
        expected: &'static str,
        /// What the media is.
        found: &'static str,
    },
    /// A `library:<key>` music source with a key the library does not have.
    #[error("unknown library music '{key}' (known: lofi, upbeat, calm, cinematic)")]
    UnknownMusic {
        /// The key after `library:`.
        key: String,
    },
    /// The canvas cannot be rendered (odd, tiny or huge sizes, a strange frame rate).
    #[error("invalid canvas: {0}")]
    InvalidCanvas(String),
    /// The video lasts longer than a render may.
    #[error("the video lasts {seconds} s, longer than the {limit} s a render may last")]
    TooLong {
        /// How long the draft's video lasts, in whole seconds.
        seconds: u64,
        /// The longest render, in seconds.
        limit: u64,
    },
    /// The draft asks for more pieces of one kind than a render takes: each is a stream the
    /// filter graph holds at once, so their number bounds the render's memory.
    #[error("the draft has {count} {what}; a render takes at most {limit}")]
    TooManyPieces {
        /// What there are too many of: `clips`, `pieces of music`, `texts`.
        what: &'static str,
        /// How many the draft has.
        count: usize,
        /// The most a render takes.
        limit: usize,
    },
    /// A font the text needs is not installed.
    #[error("font '{family}' is not installed (apt-get install {package})")]
    FontMissing {
        /// The font family.
        family: &'static str,
        /// The Debian package that provides it.
        package: &'static str,
    },
    /// A media file cannot be read as what it claims to be.
    #[error("'{name}' cannot be rendered: {reason}")]
    UnreadableMedia {
        /// The media's name.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A path the render needs is not valid UTF-8, so it cannot go into a filter graph.
    #[error("path is not valid UTF-8: {0}")]
    PathNotUtf8(String),
    /// A program the render needs is not installed.
    #[error("{tool} is not installed (apt-get install {package})")]
    ToolMissing {
        /// The program.
        tool: String,
        /// The Debian package that provides it.
        package: &'static str,
    },
    /// ffmpeg exited with an error.
    #[error("ffmpeg failed: {reason}")]
    Ffmpeg {
        /// The gist of ffmpeg's error output.
        reason: String,
    },
    /// The render ran past its time limit and was stopped.
    #[error("the render took longer than {seconds} s and was stopped")]
    TimedOut {
        /// The limit, in seconds.
        seconds: u64,
    },
    /// ffmpeg needed more memory than a render may hold, and stopped.
    #[error("the render needed more than its memory limit of {limit_mib} MiB and was stopped")]
    OverMemory {
        /// The limit, in MiB.
        limit_mib: u64,
    },
    /// The render was cancelled.
    #[error("the render was cancelled")]
    Cancelled,
    /// The finished file is not what was asked for.
    #[error("the rendered file is not valid: {0}")]
    BadOutput(String),
    /// The finished file's video ends early (or is missing): never reported as a video.
    #[error("the rendered video lasts {video_ms} ms, shorter than the draft's {draft_ms} ms")]
    TooShort {
        /// How long the file's video stream lasts (0: it has none).
        video_ms: u64,
        /// How long the draft's video lasts.
        draft_ms: u64,
    },
    /// Reading or writing a file failed.
    #[error("{context}: {message}")]
    Io {
        /// What was being done.
        context: String,
        /// The operating system's message.
        message: String,
    },
}

impl RenderError {
    /// The render ran past `limit` (in whole seconds, rounded up).
    pub(crate) fn timed_out(limit: std::time::Duration) -> RenderError {
        let seconds = limit.as_secs() + u64::from(limit.subsec_nanos() > 0);
        RenderError::TimedOut { seconds }
    }

    /// An I/O failure, with what was being done when it happened.
    pub(crate) fn io(context: impl Into<String>, err: &std::io::Error) -> RenderError {
        RenderError::Io {
            context: context.into(),
            message: err.to_string(),
        }
    }
}

/// Why a render job could not be submitted, found or cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum QueueError {
    /// The render id cannot name a job (it becomes a file name).
    #[error("render id must be 1 to 100 letters, digits, '-' or '_'")]
    InvalidId,
    /// A job with this id exists already.
    #[error("render id '{0}' is already in use")]
    DuplicateId(String),
    /// No job has this id.
    #[error("no render with id '{0}'")]
    Unknown(String),
    /// The job existed, but its output has been removed since.
    #[error("render '{0}' has expired; export again")]
    Expired(String),
    /// The job was refused before it started: the draft or its media cannot be rendered.
    #[error(transparent)]
    Rejected(#[from] RenderError),
    /// The owner already has as many renders waiting as one may.
    #[error("you already have {limit} renders waiting; export again when one has finished")]
    TooManyWaiting {
        /// The most renders one owner may have waiting.
        limit: usize,
    },
    /// The queue was used outside a tokio runtime, so it cannot start work.
    #[error("the render queue needs a tokio runtime")]
    NoRuntime,
    /// The job record could not be stored.
    #[error("render storage failed: {0}")]
    Storage(String),
}
