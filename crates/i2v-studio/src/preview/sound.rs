//! Sound for a preview: an uploaded song as it is stored, a video's sound as AAC in M4A, a
//! library bed as the WAV the render loops.

use std::path::Path;

use super::{Maker, Preview, PreviewError, quiet, utf8};
use crate::library::Bed;
use crate::media::MediaKind;
use crate::render::{MediaFile, RenderError, music};

/// The sound of `file` (uploaded as `media_id`, with MIME type `mime`): a song as stored,
/// since every accepted sound format (mp3, wav, m4a, aac) plays in every browser; a video's
/// sound taken out once as AAC in M4A.
pub async fn sound(
    maker: &Maker<'_>,
    media_id: &str,
    file: &MediaFile,
    mime: &str,
) -> Result<Preview, PreviewError> {
    match file.kind {
        MediaKind::Audio => Ok(Preview {
            path: file.path.clone(),
            content_type: mime.to_owned(),
        }),
        MediaKind::Video => {
            let target = maker.cached(media_id, "m4a");
            if !target.is_file() {
                let input = format!("file:{}", utf8(&file.path, &file.name)?);
                let made = maker
                    .ffmpeg(arguments(&input), (input, file.name.clone()), &target)
                    .await;
                return made
                    .map_err(|err| no_sound(err, &file.name))
                    .map(|()| Preview {
                        path: target,
                        content_type: "audio/mp4".into(),
                    });
            }
            Ok(Preview {
                path: target,
                content_type: "audio/mp4".into(),
            })
        }
        MediaKind::Image => Err(PreviewError::Unreadable {
            name: file.name.clone(),
            reason: "it is a picture, not a sound".into(),
        }),
    }
}

/// ffmpeg's arguments, but the output file, for a video's first sound stream as AAC in M4A.
fn arguments(input: &str) -> Vec<String> {
    let mut args = quiet();
    args.extend(["-i".to_owned(), input.to_owned()]);
    // `0:a:0`, not ffmpeg's own pick: a video without sound fails here rather than making an
    // empty file. `+faststart` puts the index first, so a browser can start before the end.
    args.extend(
        [
            "-map",
            "0:a:0",
            "-vn",
            "-c:a",
            "aac",
            "-b:a",
            "192k",
            "-movflags",
            "+faststart",
            "-f",
            "ipod",
        ]
        .map(String::from),
    );
    args
}

/// A video without sound told in words rather than in ffmpeg's ("Stream map … matches no
/// streams").
fn no_sound(err: PreviewError, name: &str) -> PreviewError {
    match err {
        PreviewError::Unreadable { reason, .. } if reason.contains("matches no streams") => {
            PreviewError::Unreadable {
                name: name.to_owned(),
                reason: "it has no sound".into(),
            }
        }
        other => other,
    }
}

/// The library bed `key` (as `library:<key>` names it): its WAV in `library_dir`, synthesised
/// first if no render has needed it yet; `None` for a key the library does not have.
pub async fn library(library_dir: &Path, key: &str) -> Option<Result<Preview, PreviewError>> {
    let bed = Bed::from_key(key)?;
    let path = music::bed_path(library_dir, bed);
    let target = path.clone();
    // Synthesis is seconds of arithmetic: off the async threads.
    let ensured = tokio::task::spawn_blocking(move || music::ensure_bed(bed, &target)).await;
    let ensured = match ensured {
        Ok(result) => result,
        Err(err) => Err(RenderError::Io {
            context: "synthesising library music".into(),
            message: err.to_string(),
        }),
    };
    Some(
        ensured
            .map(|()| Preview {
                path,
                content_type: "audio/wav".into(),
            })
            .map_err(PreviewError::Failed),
    )
}
