//! Rendering for real: small drafts (short, low resolution) through ffmpeg, the results checked
//! with ffprobe and by looking at their pixels and their loudness.

mod formats;
mod loudness;
mod output;
mod queue;
mod reads;
mod segments;
mod shapes;
mod support;
mod texts;
