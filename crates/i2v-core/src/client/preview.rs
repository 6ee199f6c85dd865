//! The media a browser preview of the draft draws and plays (`docs/PROTOCOL.md` §3.9, ours):
//! the bytes of one `src`, fetched with the bearer token in its header like every other call.

use super::auth::percent_encode;
use super::http::{Answer, Outgoing, Spec};
use super::{Client, Clock, Transport};
use crate::Error;

/// The prefix of a `src` that names a bed of the built-in music library.
const LIBRARY: &str = "library:";

/// One `src`'s preview: a picture any browser decodes (JPEG, upright, at most 1920 px on its
/// long side) or a sound it plays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewMedia {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its MIME type, as the server named it (`image/jpeg`, `audio/wav`, …).
    pub content_type: String,
}

/// The path of `src`'s preview: `library:<key>` is the library's, anything else an upload's
/// media id; either goes into the path encoded, so no `src` can reach another route.
fn preview_path(src: &str) -> String {
    match src.strip_prefix(LIBRARY) {
        Some(key) => format!("/api/preview/library/{}", percent_encode(key)),
        None => format!("/api/preview/media/{}", percent_encode(src)),
    }
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// The preview of the draft's `src` (`GET /api/preview/media/<id>` or
    /// `/api/preview/library/<key>`), read whole within the call's timeout. A server that
    /// serves none (the cloud; the studio, for media that are not the caller's) is
    /// [`Error::NoPreview`].
    pub async fn preview_media(&self, src: &str) -> Result<PreviewMedia, Error> {
        let spec = Spec {
            binary: true,
            ..Spec::get(false)
        };
        let answer = self
            .call(spec, &mut |_| Ok(Outgoing::empty(preview_path(src))))
            .await;
        match answer {
            Ok(Answer::Bytes(bytes, content_type)) => Ok(PreviewMedia {
                bytes,
                content_type,
            }),
            // An event stream where a file was asked for is no preview either. (An empty `src`
            // needs no check of its own: it names no route, and is answered 404 too.)
            Ok(_)
            | Err(Error::Api {
                http_status: 404, ..
            }) => Err(Error::NoPreview { src: src.into() }),
            Err(err) => Err(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_src_is_a_library_key_or_a_media_id_kept_inside_its_segment() {
        assert_eq!(preview_path("library:lofi"), "/api/preview/library/lofi");
        assert_eq!(preview_path("med_0a1b"), "/api/preview/media/med_0a1b");
        assert_eq!(preview_path("../x?y"), "/api/preview/media/..%2Fx%3Fy");
    }
}
