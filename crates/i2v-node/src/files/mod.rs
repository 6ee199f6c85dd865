//! Files to upload as the JS shell hands them over (`NativeFile`), made into the core's
//! [`UploadFile`]s without reading any of them whole.
//!
//! `platform.js`'s `toNativeFiles` produces one of three shapes:
//! - `{ name, path }`: a file on disk, opened here and streamed in chunks (size from metadata);
//! - `{ name, data }`: bytes already in memory;
//! - `{ name, size, next, cancel? }`: a pull function over a Node stream, streamed as JS yields
//!   chunks; `cancel` is called when the stream will not be read to its end.

mod path;
mod pull;

use i2v_core::Error;
use i2v_core::client::UploadFile;
use i2v_core::client::multipart::UploadSource;
use napi::bindgen_prelude::Uint8Array;
use napi_derive::napi;

use pull::PullStream;
pub use pull::{CancelFn, PullFn};

/// One file as the JS shell passes it: `name` and exactly one of `path`, `data`, or
/// `size` + `next`.
#[napi(object, object_to_js = false)]
pub struct NativeFile {
    /// The file's name; its extension decides whether the type is accepted.
    pub name: String,
    /// A path on disk.
    pub path: Option<String>,
    /// The bytes, in memory.
    pub data: Option<Uint8Array>,
    /// The byte count `next` will yield in all.
    pub size: Option<f64>,
    /// `() => Promise<Uint8Array | null>`: the next chunk, `null` at the end.
    pub next: Option<PullFn>,
    /// `() => void`: called when the stream will not be read to its end.
    pub cancel: Option<CancelFn>,
}

/// A file whose bytes are not open yet: what is left of a [`NativeFile`] once it has left the
/// JS thread (bytes copied, the pull function made callable from any thread).
pub(crate) enum PendingFile {
    Path {
        name: String,
        path: String,
    },
    Bytes {
        name: String,
        data: Vec<u8>,
    },
    Pull {
        name: String,
        size: u64,
        stream: PullStream,
    },
}

/// The largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

impl NativeFile {
    /// Checks the shape and copies in-memory bytes (on the JS thread, where they are safe to
    /// read).
    pub(crate) fn into_pending(self) -> Result<PendingFile, Error> {
        let invalid = |message: String| Error::InvalidInput { message };
        match (self.path, self.data, self.next) {
            (Some(path), None, None) => Ok(PendingFile::Path {
                name: self.name,
                path,
            }),
            (None, Some(data), None) => Ok(PendingFile::Bytes {
                name: self.name,
                data: data.to_vec(),
            }),
            (None, None, Some(next)) => match self.size {
                Some(size) if (0.0..=MAX_SAFE_INTEGER).contains(&size) && size.fract() == 0.0 => {
                    Ok(PendingFile::Pull {
                        // Made here, so that a file never opened is cancelled too.
                        stream: PullStream::new(self.name.clone(), next, self.cancel),
                        name: self.name,
                        // Exact: a whole number within 2^53.
                        size: size as u64,
                    })
                }
                _ => Err(invalid(format!(
                    "{}: a streamed file needs its size in bytes",
                    self.name
                ))),
            },
            _ => Err(invalid(format!(
                "{}: a file needs exactly one of a path, bytes or a stream",
                self.name
            ))),
        }
    }
}

impl PendingFile {
    /// Opens the file: a path is opened and measured now, so an unreadable one fails before
    /// anything is sent.
    pub(crate) async fn open(self) -> Result<UploadFile, Error> {
        match self {
            PendingFile::Path { name, path } => path::open(name, &path).await,
            PendingFile::Bytes { name, data } => Ok(UploadFile {
                name,
                size: data.len() as u64,
                source: UploadSource::Bytes(data),
            }),
            PendingFile::Pull { name, size, stream } => Ok(UploadFile {
                name,
                size,
                source: UploadSource::Stream(Box::new(stream)),
            }),
        }
    }
}

/// Checks every file's shape, on the JS thread; the first bad one is the error.
pub(crate) fn pending(files: Vec<NativeFile>) -> Result<Vec<PendingFile>, Error> {
    files.into_iter().map(NativeFile::into_pending).collect()
}

/// Opens every file, in order; the first that cannot be read is the error.
pub(crate) async fn open_all(files: Vec<PendingFile>) -> Result<Vec<UploadFile>, Error> {
    let mut opened = Vec::with_capacity(files.len());
    for file in files {
        opened.push(file.open().await?);
    }
    Ok(opened)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: Option<&str>, data: Option<&[u8]>, size: Option<f64>) -> NativeFile {
        NativeFile {
            name: "a.png".into(),
            path: path.map(str::to_owned),
            data: data.map(|bytes| Uint8Array::from(bytes.to_vec())),
            size,
            next: None,
            cancel: None,
        }
    }

    fn message(result: Result<PendingFile, Error>) -> String {
        match result {
            Err(Error::InvalidInput { message }) => message,
            Err(other) => panic!("{other:?}"),
            Ok(_) => panic!("accepted"),
        }
    }

    #[test]
    fn a_file_is_a_path_or_bytes() {
        assert!(matches!(
            file(Some("/x/a.png"), None, None).into_pending(),
            Ok(PendingFile::Path { path, .. }) if path == "/x/a.png"
        ));
        assert!(matches!(
            file(None, Some(b"abc"), None).into_pending(),
            Ok(PendingFile::Bytes { data, .. }) if data == b"abc"
        ));
    }

    #[test]
    fn a_file_with_none_or_two_sources_is_invalid_input() {
        for shape in [
            file(None, None, None),
            file(None, None, Some(3.0)),
            file(Some("/x/a.png"), Some(b"abc"), None),
        ] {
            let message = message(shape.into_pending());
            assert!(
                message.contains("exactly one of a path, bytes or a stream"),
                "{message}"
            );
        }
    }

    #[test]
    fn bytes_open_as_themselves() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a test runtime");
        let opened = runtime
            .block_on(open_all(vec![PendingFile::Bytes {
                name: "a.png".into(),
                data: b"abcd".to_vec(),
            }]))
            .expect("opens");
        assert_eq!(opened.len(), 1);
        assert_eq!((opened[0].name.as_str(), opened[0].size), ("a.png", 4));
    }
}
