//! A picture's proxy: one JPEG, upright, at most [`MAX_SIDE`] px on its long side, no
//! orientation tag, read exactly as a render reads the picture.

use std::path::{Path, PathBuf};

use super::{Maker, Preview, PreviewError, TIME_LIMIT, quiet, utf8};
use crate::render::source::{self, SourceKind};
use crate::render::{MediaFile, Orientation, RenderError, convert_heif, temporary_beside};

/// The longest side of a proxy, in pixels: a 1080p canvas's width, so a picture shown whole on
/// it loses nothing; a picture already smaller is never enlarged.
pub const MAX_SIDE: u32 = 1920;

/// The proxy of the picture `file` (uploaded as `media_id`): made on first use, then served
/// from the cache; a file that is no picture, or does not decode, is [`PreviewError::Unreadable`].
pub async fn picture(
    maker: &Maker<'_>,
    media_id: &str,
    file: &MediaFile,
) -> Result<Preview, PreviewError> {
    let target = maker.cached(media_id, "jpg");
    let preview = Preview {
        path: target.clone(),
        content_type: "image/jpeg".into(),
    };
    if target.is_file() {
        return Ok(preview);
    }
    // The render's own reading: the facts the upload learnt, else the file's headers.
    let source = source::resolve(file).map_err(|err| PreviewError::of(&file.name, err))?;
    let SourceKind::Still {
        orientation,
        heif,
        jpeg_size,
    } = source.kind
    else {
        return Err(PreviewError::Unreadable {
            name: file.name.clone(),
            reason: "it is not a picture".into(),
        });
    };
    if !heif {
        let halvings = jpeg_size.map_or(0, |(w, h)| halvings(w.max(h)));
        let args = arguments(&file.path, orientation, halvings, &file.name)?;
        let input = (
            format!("file:{}", utf8(&file.path, &file.name)?),
            file.name.clone(),
        );
        maker.ffmpeg(args, input, &target).await?;
        return Ok(preview);
    }
    // ffmpeg 5.1 reads no HEIF: libheif decodes it to a JPEG first, turned by its own
    // rotation, as the render does; that JPEG is then made smaller like any other.
    let converted = PathBuf::from(format!("{}.jpg", temporary_beside(&target).display()));
    let converting = convert_heif(
        &maker.tools.heif_convert,
        &file.name,
        &file.path,
        &converted,
    );
    let made = match tokio::time::timeout(TIME_LIMIT, converting).await {
        Ok(Ok(())) => {
            let args = arguments(&converted, Orientation::UPRIGHT, 0, &file.name)?;
            let input = (
                format!("file:{}", utf8(&converted, &file.name)?),
                file.name.clone(),
            );
            maker.ffmpeg(args, input, &target).await
        }
        Ok(Err(err)) => Err(PreviewError::of(&file.name, err)),
        Err(_) => Err(PreviewError::Failed(RenderError::timed_out(TIME_LIMIT))),
    };
    let _ = tokio::fs::remove_file(&converted).await;
    made.map(|()| preview)
}

/// How many times a JPEG whose long side is `long` px may be halved as it decodes (`-lowres`,
/// 0 to 3) and still be at least [`MAX_SIDE`]: a quarter of the work for a 12 MP photo, and
/// nothing lost, since it is scaled down to that size anyway.
fn halvings(long: u32) -> u32 {
    (0..=3u32)
        .rev()
        .find(|n| long >> n >= MAX_SIDE)
        .unwrap_or(0)
}

/// ffmpeg's arguments, but the output file, for the proxy of the picture at `path`.
fn arguments(
    path: &Path,
    orientation: Orientation,
    halvings: u32,
    name: &str,
) -> Result<Vec<String>, PreviewError> {
    let mut args = quiet();
    // As the render reads a still: never turned by ffmpeg itself (its turning differs between
    // builds of 5.1), the orientation applied below as filters instead.
    args.extend(["-noautorotate", "-f", "image2", "-pattern_type", "none"].map(String::from));
    if halvings > 0 {
        args.extend(["-lowres".to_owned(), halvings.to_string()]);
    }
    args.extend(["-i".to_owned(), format!("file:{}", utf8(path, name)?)]);
    args.extend(["-vf".to_owned(), filters(orientation)]);
    // One frame (a GIF's first), no metadata copied over (no EXIF orientation for a browser to
    // apply again), full-range 4:2:0 JPEG at the quality of the render's posters.
    args.extend(
        [
            "-frames:v",
            "1",
            "-map_metadata",
            "-1",
            "-pix_fmt",
            "yuvj420p",
            "-q:v",
            "3",
            "-f",
            "image2",
            "-update",
            "1",
        ]
        .map(String::from),
    );
    Ok(args)
}

/// The filter chain: stand the picture upright, then fit it within [`MAX_SIDE`] on both sides
/// keeping its shape, never enlarging it (`min(…, iw)`).
fn filters(orientation: Orientation) -> String {
    let scale = format!(
        "scale=w='min({MAX_SIDE},iw)':h='min({MAX_SIDE},ih)':force_original_aspect_ratio=decrease:flags=lanczos"
    );
    match orientation.filters() {
        Some(turn) => format!("{turn},{scale}"),
        None => scale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jpeg_is_halved_while_it_stays_as_large_as_the_proxy() {
        assert_eq!(halvings(1000), 0);
        assert_eq!(halvings(1920), 0);
        assert_eq!(halvings(4000), 1);
        assert_eq!(halvings(4032), 1);
        assert_eq!(halvings(8000), 2);
        assert_eq!(halvings(100_000), 3);
    }

    #[test]
    fn the_picture_is_turned_before_it_is_scaled() {
        assert!(filters(Orientation::UPRIGHT).starts_with("scale="));
        let turned = filters(Orientation::from_exif(6));
        assert!(turned.starts_with("transpose=clock,scale="), "{turned}");
    }
}
