//! Uploads: files judged by their content, probed for size, orientation and duration, and stored atomically.
//!
//! The pieces, one idea each: [`sniff`] names the format from the first bytes; [`probe_image`] reads an image's
//! size and EXIF orientation from its headers (JPEG, PNG, GIF, WebP, HEIC) without an image library;
//! [`probe_av`] asks ffprobe about sound and video; [`save_stream`] streams an upload to disk under the size
//! limit, decodes it once whole (`decode`: a cut or corrupt picture is refused) and moves it into place
//! only when complete; [`fetch_url`] does the same for an http(s) URL, refusing
//! private addresses. Every refusal is a [`MediaError`] with its envelope code.
//!
//! What a render needs of a file ([`Facts`]: real format, [`Orientation`], stored pixel size) is learnt here once,
//! at upload ([`Saved::facts`]), and kept by the store; [`inspect`] learns it again only for a file whose facts were
//! never kept. Every rule about reading a file's bytes lives in this module; the renderer only decides what to do
//! with the facts.
//!
//! The upload endpoint (`POST /api/upload-video/nemo_agent/me/<sid>`, `docs/PROTOCOL.md` §3.5) calls
//! [`save_stream`] once per multipart `files` part, or [`fetch_url`] once per URL, and answers
//! `{"files": [Saved::to_json(), …]}`. At startup the studio calls [`cleanup_temp`] on the media directory.

mod address;
mod decode;
mod error;
mod exif;
mod facts;
mod fetch;
mod format;
mod heic;
mod image;
mod inspect;
mod jpeg;
mod probe;
mod read;
mod save;
mod sniff;

#[cfg(test)]
mod multipart_tests;
#[cfg(test)]
mod save_tests;
#[cfg(test)]
mod test_support;

pub use address::is_public_address;
pub use error::{MAX_PIXELS, MediaError};
pub use facts::{Facts, Orientation};
pub use fetch::{MAX_REDIRECTS, fetch_url};
pub use format::{Format, MediaKind};
pub use image::{ImageInfo, display_size, probe_image};
pub use inspect::{InspectError, check_present, inspect};
pub use probe::{AvInfo, ProbeError, ProbeOptions, probe_av};
pub use read::ReadAt;
pub use save::{Saved, TEMP_DIR, cleanup_temp, save_stream, sweep_orphans};
pub use sniff::{SNIFF_LEN, sniff};

// For other modules' tests: counting header reads, writing an EXIF orientation into a JPEG.
#[cfg(test)]
pub(crate) use {inspect::reads::header_reads, jpeg::tests::with_orientation};
