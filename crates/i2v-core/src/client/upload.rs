//! Uploading media (`docs/PROTOCOL.md` §3.5): files streamed as multipart, or URLs.
//!
//! Every file's type (by its name's extension) and size are checked before a byte is sent, so a
//! wrong file costs nothing and the others are not sent half-way. The body is streamed: a file
//! given as a stream is read chunk by chunk while the transport sends it.

use serde_json::Value;

use super::http::{Outgoing, Spec, object};
use super::multipart::{FilePart, MultipartForm, UploadSource};
use super::platform::BoxFuture;
use super::transport::{Body, BodyStream, TransportError};
use super::{Client, Clock, Transport};
use crate::Error;
use crate::media::{ACCEPTED_FORMATS, MAX_UPLOAD_BYTES};

/// One file to upload.
#[derive(Debug)]
pub struct UploadFile {
    /// The file's name; its extension decides whether the type is accepted.
    pub name: String,
    /// The file's size in bytes.
    pub size: u64,
    /// Where its bytes come from.
    pub source: UploadSource,
}

/// A medium the backend stored, as either dialect describes it (`docs/PROTOCOL.md` §3.5, §8).
#[derive(Debug, Clone, PartialEq)]
pub struct UploadedMedia {
    /// The id to refer to it by: `media_id` (`med_…`), else the content `hash`, else its URL.
    pub media_id: String,
    /// The file's name (`name` or `filename`).
    pub name: String,
    /// `image`, `video` or `audio` (`type` or `file_type`).
    pub kind: String,
    /// The MIME type the backend judged from the content, else the one the name implies.
    pub mime: String,
    /// Size in bytes (0 when the backend does not say).
    pub size: u64,
    /// Width in pixels, for images and videos.
    pub width: Option<u32>,
    /// Height in pixels, for images and videos.
    pub height: Option<u32>,
    /// Duration in milliseconds, for audio and video (`duration_ms`, or `duration` in seconds).
    pub duration_ms: Option<u64>,
    /// Frames per second, for videos, when the backend says.
    pub fps: Option<f64>,
    /// Where the backend serves the file (`url` or `cdn_url`), when it says.
    pub url: Option<String>,
    /// The backend's hash of the content, when it gives one.
    pub hash: Option<String>,
    /// Whether the backend says the upload is in the session's state already
    /// (`session_state_applied` of the answer), when it says.
    pub in_state: Option<bool>,
}

/// How far an upload has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadProgress {
    /// File bytes handed to the transport so far.
    pub sent: u64,
    /// File bytes in all.
    pub total: u64,
}

/// Receives upload progress from inside the transport's read of the body.
#[cfg(not(target_arch = "wasm32"))]
pub type ProgressSink = Box<dyn FnMut(UploadProgress) + Send>;
/// Receives upload progress from inside the transport's read of the body.
#[cfg(target_arch = "wasm32")]
pub type ProgressSink = Box<dyn FnMut(UploadProgress)>;

/// The MIME type the protocol's formats travel as, by extension.
pub fn mime_for_extension(extension: &str) -> Option<&'static str> {
    Some(match extension {
        "mp4" => "video/mp4",
        "mov" => "video/quicktime",
        "avi" => "video/x-msvideo",
        "webm" => "video/webm",
        "mkv" => "video/x-matroska",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "m4a" => "audio/mp4",
        "aac" => "audio/aac",
        _ => return None,
    })
}

/// Checks a file before upload: an accepted extension and a size within the limit.
pub fn check_file(name: &str, size: u64) -> Result<&'static str, Error> {
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    let mime = ACCEPTED_FORMATS
        .contains(&extension.as_str())
        .then(|| mime_for_extension(&extension))
        .flatten()
        .ok_or_else(|| Error::UnsupportedFileType {
            name: Some(name.to_owned()),
        })?;
    if size > MAX_UPLOAD_BYTES {
        return Err(Error::FileTooLarge {
            name: Some(name.to_owned()),
            size: Some(size),
            max_bytes: MAX_UPLOAD_BYTES,
        });
    }
    Ok(mime)
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Uploads files in one multipart request and returns what the backend stored.
    ///
    /// A stream cannot be read twice, so an upload is never re-sent: when the backend answers
    /// 1001 or 1002 the client renews the token or the session (so that trying again works)
    /// and returns the error.
    pub async fn upload(
        &self,
        files: Vec<UploadFile>,
        progress: Option<ProgressSink>,
    ) -> Result<Vec<UploadedMedia>, Error> {
        if files.is_empty() {
            return Err(Error::InvalidInput {
                message: "no files to upload".into(),
            });
        }
        let content_types = files
            .iter()
            .map(|f| check_file(&f.name, f.size))
            .collect::<Result<Vec<_>, _>>()?;
        let total = files.iter().map(|f| f.size).sum();
        let counter = progress.map(|sink| Counter::new(sink, total));
        // Bytes of handles only the transport reads (a browser `File` in a `FormData`) cannot be
        // counted as they go: they are reported as none sent before the request, and as sent
        // once the backend has stored them.
        let uncounted: u64 = files
            .iter()
            .filter(|f| matches!(f.source, UploadSource::External(_)))
            .map(|f| f.size)
            .sum();
        if let (Some(counter), true) = (&counter, uncounted > 0) {
            counter.add(0);
        }
        let parts = files
            .into_iter()
            .zip(content_types)
            .map(|(file, content_type)| FilePart {
                field: "files".into(),
                file_name: file.name,
                content_type: content_type.into(),
                size: file.size,
                source: match (file.source, &counter) {
                    (UploadSource::External(handle), _) => UploadSource::External(handle),
                    (source, None) => source,
                    (source, Some(counter)) => {
                        UploadSource::Stream(Box::new(Counted::new(source, counter.clone())))
                    }
                },
            })
            .collect();
        let boundary = format!("i2v-{:016x}{:016x}", self.random(), self.random());
        let mut form = Some(MultipartForm::new(boundary, parts));
        let spec = Spec {
            replayable: false,
            ..Spec::post(true)
        };
        let payload = self
            .call(spec, &mut |client| {
                let form = form.take().ok_or_else(|| Error::Protocol {
                    message: "the upload cannot be sent twice".into(),
                })?;
                Ok(Outgoing {
                    path: upload_path(client),
                    body: Body::Multipart(form),
                })
            })
            .await?
            .into_json()?;
        let stored = parse_media_list(&payload.data)?;
        if let (Some(counter), true) = (&counter, uncounted > 0) {
            counter.add(uncounted);
        }
        Ok(stored)
    }

    /// Asks the backend to fetch media from http(s) URLs.
    pub async fn upload_urls(&self, urls: &[String]) -> Result<Vec<UploadedMedia>, Error> {
        if urls.is_empty() {
            return Err(Error::InvalidInput {
                message: "no URLs to upload".into(),
            });
        }
        if let Some(bad) = urls
            .iter()
            .find(|u| !(u.starts_with("https://") || u.starts_with("http://")))
        {
            return Err(Error::InvalidInput {
                message: format!("not an http(s) URL: {bad}"),
            });
        }
        let body = object(vec![("urls", urls.into()), ("source_type", "url".into())]);
        let payload = self
            .call(Spec::post(true), &mut |client| {
                Ok(Outgoing::json(upload_path(client), &body))
            })
            .await?
            .into_json()?;
        parse_media_list(&payload.data)
    }
}

fn upload_path<T: Transport, C: Clock>(client: &Client<T, C>) -> String {
    let session = client.session().map(|s| s.session_id).unwrap_or_default();
    format!("/api/upload-video/nemo_agent/me/{session}")
}

/// Reads `data.files` of an upload answer, in either dialect.
fn parse_media_list(data: &Value) -> Result<Vec<UploadedMedia>, Error> {
    let files = data
        .get("files")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::Protocol {
            message: "the upload answer has no `files`".into(),
        })?;
    let in_state = data.get("session_state_applied").and_then(Value::as_bool);
    files
        .iter()
        .map(|file| parse_media(file, in_state))
        .collect()
}

/// One file of an upload answer: the seed form (`media_id`, `name`, `type`, `mime`, `size`,
/// `duration_ms`) or the api-reference form (`filename`, `file_type`, `cdn_url`, `hash`,
/// `duration` in seconds, `fps`), or a mix of the two.
fn parse_media(file: &Value, in_state: Option<bool>) -> Result<UploadedMedia, Error> {
    let text = |fields: &[&str]| {
        fields.iter().find_map(|field| {
            file.get(*field)
                .and_then(Value::as_str)
                .filter(|text| !text.is_empty())
                .map(str::to_owned)
        })
    };
    let number = |field: &str| {
        file.get(field)
            .and_then(Value::as_f64)
            .filter(|n| *n >= 0.0)
    };
    let dimension = |field: &str| number(field).and_then(|n| u32::try_from(n.round() as u64).ok());
    let url = text(&["url", "cdn_url"]);
    let hash = text(&["hash"]);
    let media_id = text(&["media_id"])
        .or_else(|| hash.clone())
        .or_else(|| url.clone())
        .ok_or_else(|| Error::Protocol {
            message: "an uploaded file has no `media_id`, `hash` or URL to refer to it by".into(),
        })?;
    let name = text(&["name", "filename"]).unwrap_or_default();
    let mime = text(&["mime"]).unwrap_or_else(|| {
        let extension = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase());
        extension
            .as_deref()
            .and_then(mime_for_extension)
            .unwrap_or_default()
            .to_owned()
    });
    let duration_ms = number("duration_ms")
        .or_else(|| number("duration").map(|seconds| seconds * 1000.0))
        .map(|ms| ms.round() as u64);
    Ok(UploadedMedia {
        media_id,
        name,
        kind: text(&["type", "file_type"]).unwrap_or_default(),
        mime,
        size: number("size").map_or(0, |size| size as u64),
        width: dimension("width"),
        height: dimension("height"),
        duration_ms,
        fps: number("fps").filter(|fps| *fps > 0.0),
        url,
        hash,
        in_state,
    })
}

/// Progress shared by the parts of one upload.
#[derive(Clone)]
struct Counter(std::sync::Arc<std::sync::Mutex<(ProgressSink, UploadProgress)>>);

impl Counter {
    // On wasm the sink holds JS values and is not `Send`; there is one thread there, and an
    // `Arc` keeps one code path for both targets.
    #[allow(clippy::arc_with_non_send_sync)]
    fn new(sink: ProgressSink, total: u64) -> Counter {
        Counter(std::sync::Arc::new(std::sync::Mutex::new((
            sink,
            UploadProgress { sent: 0, total },
        ))))
    }

    fn add(&self, bytes: u64) {
        let mut guard = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (sink, progress) = &mut *guard;
        progress.sent += bytes;
        sink(*progress);
    }
}

/// A part's source that reports every chunk the transport reads.
struct Counted {
    source: UploadSource,
    counter: Counter,
}

impl Counted {
    fn new(source: UploadSource, counter: Counter) -> Counted {
        Counted { source, counter }
    }

    async fn next(&mut self) -> Option<Result<Vec<u8>, TransportError>> {
        let chunk = self.source.next_chunk().await;
        if let Some(Ok(bytes)) = &chunk {
            self.counter.add(bytes.len() as u64);
        }
        chunk
    }
}

impl BodyStream for Counted {
    fn next_chunk(&mut self) -> BoxFuture<'_, Option<Result<Vec<u8>, TransportError>>> {
        Box::pin(self.next())
    }
}
