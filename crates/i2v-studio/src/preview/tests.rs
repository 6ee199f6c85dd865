//! The previews made for real, with ffmpeg and libheif: sizes, orientation, the cache, and the
//! words a broken file is refused with.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::*;
use crate::media::{self, Format, ImageInfo, MediaKind, with_orientation};
use crate::render::MediaFile;

/// A scratch directory of this test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(label: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("i2v-preview-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch directory");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A picture made by ffmpeg's test pattern at `size`, in the format of `path`'s extension.
fn picture(path: &Path, size: &str) {
    let made = Command::new("ffmpeg")
        .args(["-loglevel", "error", "-y", "-f", "lavfi", "-i"])
        .arg(format!("testsrc2=s={size}"))
        .args(["-frames:v", "1"])
        .arg(path)
        .status()
        .expect("ffmpeg runs");
    assert!(made.success());
}

/// An upload of the file at `path`, its facts read as the upload reads them.
fn upload(path: &Path, kind: MediaKind) -> MediaFile {
    let mut file = MediaFile::new(path, kind);
    file.facts = media::inspect(path).ok();
    file
}

/// The size and orientation tag a JPEG's headers record.
fn jpeg_info(path: &Path) -> ImageInfo {
    let mut file = std::fs::File::open(path).expect("the preview exists");
    media::probe_image(&mut file, Format::JPEG).expect("a readable JPEG")
}

fn maker<'a>(tools: &'a Tools, cache: &'a Path) -> Maker<'a> {
    Maker {
        tools,
        memory_limit: Some(1 << 30),
        cache_dir: cache,
    }
}

#[tokio::test]
async fn a_large_picture_is_scaled_to_the_long_side_and_cached() {
    let dir = Scratch::new("large");
    let path = dir.0.join("wide.jpg");
    picture(&path, "4000x3000");
    let tools = Tools::default();
    let cache = dir.0.join("previews");
    let maker = maker(&tools, &cache);
    let file = upload(&path, MediaKind::Image);
    let preview = picture::picture(&maker, "med_wide", &file)
        .await
        .expect("made");
    assert_eq!(preview.content_type, "image/jpeg");
    let info = jpeg_info(&preview.path);
    assert_eq!((info.width, info.height), (Some(1920), Some(1440)));
    assert_eq!(info.orientation, None, "no orientation tag");
    // Made once: the second ask is the same file, not made again.
    let made_at = std::fs::metadata(&preview.path)
        .and_then(|m| m.modified())
        .ok();
    let again = picture::picture(&maker, "med_wide", &file)
        .await
        .expect("cached");
    assert_eq!(again, preview);
    let served_at = std::fs::metadata(&again.path)
        .and_then(|m| m.modified())
        .ok();
    assert_eq!(made_at, served_at);
    // Nothing but the preview is left in the cache.
    let names: Vec<String> = std::fs::read_dir(&cache)
        .expect("the cache")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["med_wide-v1.jpg"]);
}

#[tokio::test]
async fn a_portrait_photo_stands_upright_and_a_small_one_is_not_enlarged() {
    let dir = Scratch::new("portrait");
    let plain = dir.0.join("plain.jpg");
    picture(&plain, "640x480");
    // Stored landscape, tagged "turn a quarter clockwise": a portrait photo from a phone.
    let path = dir.0.join("phone.jpg");
    let tagged = with_orientation(&std::fs::read(&plain).expect("the picture"), 6);
    std::fs::write(&path, tagged).expect("written");
    let tools = Tools::default();
    let cache = dir.0.join("previews");
    let preview = picture::picture(
        &maker(&tools, &cache),
        "med_phone",
        &upload(&path, MediaKind::Image),
    )
    .await
    .expect("made");
    let info = jpeg_info(&preview.path);
    assert_eq!((info.width, info.height), (Some(480), Some(640)));
    assert_eq!(info.orientation, None, "turned once, by the proxy itself");
}

#[tokio::test]
async fn a_heic_photo_becomes_a_jpeg() {
    let dir = Scratch::new("heic");
    let png = dir.0.join("source.png");
    picture(&png, "2560x1440");
    let path = dir.0.join("photo.heic");
    let encoded = Command::new("heif-enc")
        .args(["-q", "80", "-o"])
        .arg(&path)
        .arg(&png)
        .output()
        .expect("heif-enc runs (apt-get install libheif-examples)");
    assert!(encoded.status.success());
    let tools = Tools::default();
    let cache = dir.0.join("previews");
    let preview = picture::picture(
        &maker(&tools, &cache),
        "med_heic",
        &upload(&path, MediaKind::Image),
    )
    .await
    .expect("made");
    let info = jpeg_info(&preview.path);
    assert_eq!((info.width, info.height), (Some(1920), Some(1080)));
    // The intermediate JPEG is gone.
    assert_eq!(std::fs::read_dir(&cache).expect("cache").count(), 1);
}

#[tokio::test]
async fn a_corrupt_picture_is_refused_naming_it() {
    let dir = Scratch::new("corrupt");
    let path = dir.0.join("broken.jpg");
    picture(&path, "640x480");
    let mut file = upload(&path, MediaKind::Image);
    file.name = "beach.jpg".into();
    // Its headers are kept (the facts say JPEG), its picture data is not.
    let mut bytes = std::fs::read(&path).expect("the picture");
    bytes.truncate(700);
    std::fs::write(&path, bytes).expect("cut");
    let tools = Tools::default();
    let cache = dir.0.join("previews");
    let err = picture::picture(&maker(&tools, &cache), "med_broken", &file)
        .await
        .expect_err("refused");
    let PreviewError::Unreadable { name, reason } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(name, "beach.jpg");
    assert!(!reason.is_empty());
    assert!(
        err.to_string()
            .starts_with("'beach.jpg' cannot be previewed: "),
        "{err}"
    );
    // Nothing half-made is left to be served later.
    let left = std::fs::read_dir(&cache).map_or(0, Iterator::count);
    assert_eq!(left, 0);
}

#[tokio::test]
async fn a_videos_sound_is_taken_out_and_a_song_is_served_as_stored() {
    let dir = Scratch::new("sound");
    let video = dir.0.join("clip.mp4");
    let made = Command::new("ffmpeg")
        .args([
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=320x240:d=1",
        ])
        .args([
            "-f",
            "lavfi",
            "-i",
            "sine=d=1",
            "-shortest",
            "-c:v",
            "libx264",
            "-c:a",
            "aac",
        ])
        .arg(&video)
        .status()
        .expect("ffmpeg runs");
    assert!(made.success());
    let tools = Tools::default();
    let cache = dir.0.join("previews");
    let maker = maker(&tools, &cache);
    let file = upload(&video, MediaKind::Video);
    let preview = sound(&maker, "med_clip", &file, "video/mp4")
        .await
        .expect("made");
    assert_eq!(preview.content_type, "audio/mp4");
    assert_eq!(preview.path, cache.join("med_clip-v1.m4a"));
    let song = MediaFile::new(dir.0.join("song.mp3"), MediaKind::Audio);
    let served = sound(&maker, "med_song", &song, "audio/mpeg")
        .await
        .expect("as stored");
    assert_eq!(
        (served.path, served.content_type.as_str()),
        (song.path.clone(), "audio/mpeg")
    );
    // A video without sound says so.
    let silent = dir.0.join("silent.mp4");
    picture(&silent, "320x240");
    let err = sound(
        &maker,
        "med_silent",
        &upload(&silent, MediaKind::Video),
        "video/mp4",
    )
    .await
    .expect_err("no sound");
    assert_eq!(
        err.to_string(),
        "'silent.mp4' cannot be previewed: it has no sound"
    );
}

#[tokio::test]
async fn a_library_bed_is_its_wav() {
    let dir = Scratch::new("library");
    let preview = library(&dir.0, "calm")
        .await
        .expect("a bed")
        .expect("synthesised");
    assert_eq!(preview.content_type, "audio/wav");
    let bytes = std::fs::read(&preview.path).expect("the bed");
    assert_eq!(bytes.get(..4), Some(&b"RIFF"[..]));
    assert!(library(&dir.0, "polka").await.is_none());
}
