//! `multipart/form-data` upload bodies, streamed part by part and never assembled in memory.
//!
//! The client builds a [`MultipartForm`] of `files` parts. A native transport turns it into a
//! byte stream with [`MultipartForm::into_stream`], which holds one chunk at a time; a browser
//! transport instead gives the parts' own `File`/`Blob` handles ([`UploadSource::External`]) to
//! `FormData`, so their bytes never enter wasm memory.

use std::fmt;

use super::platform::{AnyBox, BoxFuture};
use super::transport::{BodyStream, TransportError};

/// Where the bytes of one uploaded file come from.
pub enum UploadSource {
    /// Bytes already in memory.
    Bytes(Vec<u8>),
    /// Bytes read chunk by chunk (a file, a Node stream); it must yield exactly the declared size.
    Stream(Box<dyn BodyStream>),
    /// A handle only the transport understands (a browser `File`); the core never reads it.
    External(AnyBox),
}

impl fmt::Debug for UploadSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UploadSource::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            UploadSource::Stream(_) => f.write_str("Stream"),
            UploadSource::External(_) => f.write_str("External"),
        }
    }
}

/// One file of an upload form.
#[derive(Debug)]
pub struct FilePart {
    /// The form field: always `files` for the protocol's upload.
    pub field: String,
    /// The file's name as sent in `Content-Disposition`.
    pub file_name: String,
    /// The part's `Content-Type`.
    pub content_type: String,
    /// The file's size in bytes, checked against the limit before anything is sent.
    pub size: u64,
    /// Where its bytes come from.
    pub source: UploadSource,
}

/// A `multipart/form-data` body.
#[derive(Debug)]
pub struct MultipartForm {
    boundary: String,
    parts: Vec<FilePart>,
}

impl MultipartForm {
    /// A form with the given boundary (which must not occur in any part's bytes).
    pub fn new(boundary: impl Into<String>, parts: Vec<FilePart>) -> MultipartForm {
        MultipartForm {
            boundary: boundary.into(),
            parts,
        }
    }

    /// The header value announcing this form: `multipart/form-data; boundary=…`.
    pub fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    /// The parts, for a transport that builds its own form (`FormData`).
    pub fn parts(&self) -> &[FilePart] {
        &self.parts
    }

    /// Takes the parts out, for a transport that builds its own form (`FormData`).
    pub fn into_parts(self) -> Vec<FilePart> {
        self.parts
    }

    /// The exact length of the encoded body, so the transport can send `Content-Length`.
    pub fn content_length(&self) -> u64 {
        let parts: u64 = self
            .parts
            .iter()
            .map(|p| part_head(&self.boundary, p).len() as u64 + p.size + 2)
            .sum();
        parts + closing(&self.boundary).len() as u64
    }

    /// The encoded body as a stream that holds at most one chunk at a time.
    ///
    /// Fails when a part is [`UploadSource::External`], which only its own transport can read.
    pub fn into_stream(self) -> Result<MultipartStream, TransportError> {
        if self
            .parts
            .iter()
            .any(|p| matches!(p.source, UploadSource::External(_)))
        {
            return Err(TransportError::not_sent(
                "this transport cannot read an external upload source",
            ));
        }
        Ok(MultipartStream {
            boundary: self.boundary,
            parts: self.parts.into_iter().collect(),
            closed: false,
            current: None,
        })
    }
}

/// The lines that open a part: boundary, disposition, type, blank line.
fn part_head(boundary: &str, part: &FilePart) -> Vec<u8> {
    format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
        escape_quoted(&part.field),
        escape_quoted(&part.file_name),
        part.content_type.replace(['\r', '\n'], ""),
    )
    .into_bytes()
}

/// The line that ends the form.
fn closing(boundary: &str) -> Vec<u8> {
    format!("--{boundary}--\r\n").into_bytes()
}

/// Escapes a quoted `Content-Disposition` parameter the way browsers do (HTML's form encoding).
fn escape_quoted(value: &str) -> String {
    value
        .replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The streaming encoding of a [`MultipartForm`].
pub struct MultipartStream {
    boundary: String,
    parts: std::collections::VecDeque<FilePart>,
    closed: bool,
    current: Option<CurrentPart>,
}

/// The part whose bytes are being sent.
struct CurrentPart {
    source: UploadSource,
    declared: u64,
    sent: u64,
    file_name: String,
}

impl MultipartStream {
    async fn next(&mut self) -> Option<Result<Vec<u8>, TransportError>> {
        loop {
            if let Some(current) = &mut self.current {
                match current.source.next_chunk().await {
                    Some(Ok(chunk)) => {
                        current.sent += chunk.len() as u64;
                        if current.sent > current.declared {
                            return Some(Err(size_mismatch(current)));
                        }
                        if chunk.is_empty() {
                            continue;
                        }
                        return Some(Ok(chunk));
                    }
                    Some(Err(err)) => return Some(Err(err)),
                    None if current.sent != current.declared => {
                        return Some(Err(size_mismatch(current)));
                    }
                    None => {
                        self.current = None;
                        return Some(Ok(b"\r\n".to_vec()));
                    }
                }
            }
            if let Some(part) = self.parts.pop_front() {
                let head = part_head(&self.boundary, &part);
                self.current = Some(CurrentPart {
                    source: part.source,
                    declared: part.size,
                    sent: 0,
                    file_name: part.file_name,
                });
                return Some(Ok(head));
            }
            if self.closed {
                return None;
            }
            self.closed = true;
            return Some(Ok(closing(&self.boundary)));
        }
    }
}

impl BodyStream for MultipartStream {
    fn next_chunk(&mut self) -> BoxFuture<'_, Option<Result<Vec<u8>, TransportError>>> {
        Box::pin(self.next())
    }
}

impl UploadSource {
    /// The next chunk of the source's bytes (in-memory bytes come as one chunk); `None` at the
    /// end, and always for an external handle, which the core cannot read.
    pub(crate) async fn next_chunk(&mut self) -> Option<Result<Vec<u8>, TransportError>> {
        match self {
            UploadSource::Bytes(bytes) if bytes.is_empty() => None,
            UploadSource::Bytes(bytes) => Some(Ok(std::mem::take(bytes))),
            UploadSource::Stream(stream) => stream.next_chunk().await,
            UploadSource::External(_) => None,
        }
    }
}

fn size_mismatch(part: &CurrentPart) -> TransportError {
    TransportError::maybe_sent(format!(
        "{} was {} bytes long, not the {} it was declared as",
        part.file_name, part.sent, part.declared
    ))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::client::testing::{ChunkedSource, block_on};

    fn drain(form: MultipartForm) -> Result<Vec<u8>, TransportError> {
        let mut stream = form.into_stream()?;
        let mut out = Vec::new();
        block_on(async {
            while let Some(chunk) = stream.next_chunk().await {
                out.extend(chunk?);
            }
            Ok(out)
        })
    }

    fn part(name: &str, source: UploadSource, size: u64) -> FilePart {
        FilePart {
            field: "files".into(),
            file_name: name.into(),
            content_type: "image/png".into(),
            size,
            source,
        }
    }

    #[test]
    fn encodes_parts_with_exact_length() {
        let form = MultipartForm::new(
            "XyZ",
            vec![
                part("a.png", UploadSource::Bytes(b"abc".to_vec()), 3),
                part(
                    "b\".png",
                    UploadSource::Stream(Box::new(ChunkedSource::new(5, 2))),
                    5,
                ),
            ],
        );
        let expected_len = form.content_length();
        let body = drain(form).unwrap();
        let text = String::from_utf8_lossy(&body);
        assert_eq!(body.len() as u64, expected_len);
        assert!(text.starts_with("--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\nabc\r\n--XyZ\r\n"));
        assert!(text.contains("filename=\"b%22.png\""));
        assert!(text.ends_with("\r\n--XyZ--\r\n"));
    }

    #[test]
    fn a_source_shorter_or_longer_than_declared_is_an_error() {
        for declared in [4, 6] {
            let form = MultipartForm::new(
                "b",
                vec![part(
                    "x.png",
                    UploadSource::Stream(Box::new(ChunkedSource::new(5, 2))),
                    declared,
                )],
            );
            let err = drain(form).unwrap_err();
            assert!(err.message.contains("not the"), "{err}");
        }
    }

    #[test]
    fn external_sources_cannot_be_streamed_here() {
        let form = MultipartForm::new(
            "b",
            vec![part("x.png", UploadSource::External(Box::new(7u8)), 1)],
        );
        assert!(form.into_stream().is_err());
    }
}
