//! Tests of [`save_stream`] and [`cleanup_temp`]: real files made by ffmpeg, refusals, crash safety, memory.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use futures_util::{Stream, StreamExt, stream};
use serde_json::json;

use super::save::clean_name;
use super::test_support::{TestDir, chunked, ffmpeg, padded_jpeg, picture};
use super::{Format, MediaError, MediaKind, Saved, cleanup_temp, save_stream};

const MB: u64 = 1024 * 1024;
const LIMIT: u64 = 200 * MB;

/// An error a test stream reports, as a multipart body would.
#[derive(Debug)]
struct Broken(&'static str);

impl fmt::Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

async fn save(dir: &TestDir, name: &str, bytes: &[u8]) -> Result<Saved, MediaError> {
    save_stream(&dir.path, name, chunked(bytes, 1000), LIMIT).await
}

/// Checks the stored file is in place under its id with exactly the uploaded bytes, and nothing is left over.
fn assert_stored(dir: &TestDir, saved: &Saved, bytes: &[u8]) {
    assert!(
        saved.media_id.starts_with("med_") && saved.media_id.len() == 28,
        "{}",
        saved.media_id
    );
    assert!(
        saved.media_id[4..]
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    assert_eq!(
        saved.file_name,
        format!("{}.{}", saved.media_id, saved.format.ext)
    );
    assert_eq!(
        std::fs::read(dir.path.join(&saved.file_name)).unwrap(),
        bytes
    );
    assert_eq!(saved.size, bytes.len() as u64);
    assert!(dir.temp_files().is_empty(), "{:?}", dir.temp_files());
}

const TEST_PICTURE: [&str; 4] = ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=1"];
const TEST_VIDEO: [&str; 4] = [
    "-f",
    "lavfi",
    "-i",
    "testsrc=size=160x120:rate=10:duration=1",
];
const TEST_TONE: [&str; 4] = ["-f", "lavfi", "-i", "sine=frequency=440:duration=1"];

#[tokio::test]
async fn real_images_are_judged_by_content_and_sized() {
    let dir = TestDir::new("images");
    let one = ["-frames:v", "1"];
    let cases: [(&str, &[&str], Format); 6] = [
        ("a.jpg", &one, Format::JPEG),
        ("a.png", &one, Format::PNG),
        ("a.gif", &one, Format::GIF),
        (
            "lossy.webp",
            &["-frames:v", "1", "-c:v", "libwebp"],
            Format::WEBP,
        ),
        (
            "lossless.webp",
            &["-frames:v", "1", "-c:v", "libwebp", "-lossless", "1"],
            Format::WEBP,
        ),
        (
            "alpha.webp",
            &["-frames:v", "1", "-c:v", "libwebp", "-pix_fmt", "yuva420p"],
            Format::WEBP,
        ),
    ];
    for (name, output, format) in cases {
        let bytes = ffmpeg(&dir, name, &TEST_PICTURE, output);
        // Uploaded under a misleading name: the content decides.
        let saved = save(&dir, "photo.bin", &bytes).await.unwrap();
        assert_eq!(saved.format, format, "{name}");
        assert_eq!(
            (saved.width, saved.height, saved.orientation),
            (Some(320), Some(240), None),
            "{name}"
        );
        assert_eq!(saved.duration_ms, None);
        assert_stored(&dir, &saved, &bytes);
    }
}

#[tokio::test]
async fn real_sound_and_video_are_probed_with_ffprobe() {
    let dir = TestDir::new("av");
    let video = |codec: &'static str| ["-c:v", codec, "-pix_fmt", "yuv420p"];
    let cases: [(&str, &[&str], &[&str], Format); 9] = [
        ("a.mp4", &TEST_VIDEO, &video("mpeg4"), Format::MP4),
        ("a.mov", &TEST_VIDEO, &video("mpeg4"), Format::MOV),
        ("a.avi", &TEST_VIDEO, &video("mpeg4"), Format::AVI),
        (
            "a.webm",
            &TEST_VIDEO,
            &["-c:v", "libvpx", "-deadline", "realtime"],
            Format::WEBM,
        ),
        ("a.mkv", &TEST_VIDEO, &video("mpeg4"), Format::MKV),
        ("a.mp3", &TEST_TONE, &[], Format::MP3),
        ("a.wav", &TEST_TONE, &[], Format::WAV),
        ("a.m4a", &TEST_TONE, &["-c:a", "aac"], Format::M4A),
        ("a.aac", &TEST_TONE, &["-c:a", "aac"], Format::AAC),
    ];
    for (name, input, output, format) in cases {
        let bytes = ffmpeg(&dir, name, input, output);
        let saved = save(&dir, name, &bytes).await.unwrap();
        assert_eq!(saved.format, format, "{name}");
        let duration = saved
            .duration_ms
            .unwrap_or_else(|| panic!("{name}: no duration"));
        assert!((900..=1200).contains(&duration), "{name}: {duration} ms");
        let size = (saved.width, saved.height);
        match format.kind {
            MediaKind::Video => assert_eq!(size, (Some(160), Some(120)), "{name}"),
            _ => assert_eq!(size, (None, None), "{name}"),
        }
        assert_stored(&dir, &saved, &bytes);
    }
}

#[tokio::test]
async fn a_rotated_video_reports_its_rotation() {
    let dir = TestDir::new("rotated");
    let plain = ffmpeg(&dir, "plain.mp4", &TEST_VIDEO, &["-c:v", "mpeg4"]);
    let source = dir.path.join("source.mp4");
    std::fs::write(&source, plain).unwrap();
    let input = ["-i", source.to_str().unwrap()];
    let bytes = ffmpeg(
        &dir,
        "r.mp4",
        &input,
        &["-c", "copy", "-metadata:s:v:0", "rotate=90"],
    );
    std::fs::remove_file(&source).unwrap();
    let saved = save(&dir, "r.mp4", &bytes).await.unwrap();
    // ffmpeg releases disagree on the direction of the legacy `rotate` option (5.1 turns it anticlockwise);
    // the exact mapping is tested on ffprobe reports in `probe`. A quarter turn either way swaps the sides.
    assert_eq!((saved.width, saved.height), (Some(160), Some(120)));
    assert!(
        matches!(saved.orientation, Some(6 | 8)),
        "{:?}",
        saved.orientation
    );
    assert_eq!(saved.to_json()["width"], 120);
    assert_eq!(saved.to_json()["height"], 160);
}

#[tokio::test]
async fn jpeg_orientation_and_heic_are_understood_end_to_end() {
    let dir = TestDir::new("oriented");
    let jpeg = super::jpeg::tests::with_orientation(&picture("jpg", 64, 48), 6);
    let saved = save(&dir, "IMG_0001.JPG", &jpeg).await.unwrap();
    assert_eq!(
        (saved.width, saved.height, saved.orientation),
        (Some(64), Some(48), Some(6))
    );
    assert_eq!(saved.display_size(), Some((48, 64)));
    let png = dir.path.join("source.png");
    std::fs::write(&png, picture("png", 64, 48)).unwrap();
    let heic_path = dir.path.join("source.heic");
    let encoded = std::process::Command::new("heif-enc")
        .args(["-q", "50", "-o"])
        .arg(&heic_path)
        .arg(&png)
        .output()
        .expect("heif-enc runs (apt-get install libheif-examples)");
    assert!(encoded.status.success());
    let heic = std::fs::read(&heic_path).unwrap();
    std::fs::remove_file(&heic_path).unwrap();
    std::fs::remove_file(&png).unwrap();
    let saved = save(&dir, "IMG_0002.HEIC", &heic).await.unwrap();
    assert_eq!(saved.format, Format::HEIC);
    assert_eq!((saved.width, saved.height), (Some(64), Some(48)));
    assert_stored(&dir, &saved, &heic);
    // A HEIC whose header sizes and turns it but whose picture data is zeros does not decode.
    let hollow = super::heic::tests::heic_file(4032, 3024, &[super::heic::tests::irot(1)]);
    let refused = save(&dir, "IMG_0003.HEIC", &hollow).await.unwrap_err();
    assert!(
        matches!(&refused, MediaError::Damaged { name, .. } if name == "IMG_0003.HEIC"),
        "{refused:?}"
    );
    assert_eq!(dir.files().len(), 2, "{:?}", dir.files());
    assert!(dir.temp_files().is_empty(), "{:?}", dir.temp_files());
}

#[tokio::test]
async fn the_answer_has_the_protocol_shape() {
    let mut saved = Saved {
        media_id: "med_0123456789abcdef01234567".into(),
        file_name: "med_0123456789abcdef01234567.jpg".into(),
        original_name: "a.jpg".into(),
        format: Format::JPEG,
        size: 123,
        width: Some(4032),
        height: Some(3024),
        orientation: Some(1),
        duration_ms: None,
        sha256: String::new(),
    };
    let expected = json!({"media_id": "med_0123456789abcdef01234567", "name": "a.jpg", "type": "image",
        "mime": "image/jpeg", "size": 123, "width": 4032, "height": 3024});
    assert_eq!(saved.to_json(), expected);
    saved.format = Format::MP3;
    saved.width = None;
    saved.height = None;
    saved.duration_ms = Some(61_500);
    let expected = json!({"media_id": "med_0123456789abcdef01234567", "name": "a.jpg", "type": "audio",
        "mime": "audio/mpeg", "size": 123, "width": null, "height": null, "duration_ms": 61_500});
    assert_eq!(saved.to_json(), expected);
}

/// A stream that yields `head`, then zero-filled chunks forever, counting the bytes it handed out.
fn endless(
    head: &'static [u8],
    pulled: Arc<AtomicU64>,
) -> impl Stream<Item = Result<Bytes, Broken>> {
    let first = stream::once(async move { Ok(Bytes::from_static(head)) });
    let rest = stream::repeat_with(|| Ok(Bytes::from(vec![0u8; 4096])));
    first.chain(rest).inspect(move |chunk| {
        let len = chunk.as_ref().map_or(0, |c| c.len() as u64);
        pulled.fetch_add(len, Ordering::Relaxed);
    })
}

#[tokio::test]
async fn a_renamed_program_is_refused_as_soon_as_its_head_arrives() {
    let dir = TestDir::new("exe");
    let pulled = Arc::new(AtomicU64::new(0));
    let program = endless(
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00",
        pulled.clone(),
    );
    let error = save_stream(&dir.path, "cat.jpg", program, LIMIT)
        .await
        .unwrap_err();
    assert_eq!(
        error,
        MediaError::Unsupported {
            name: "cat.jpg".into()
        }
    );
    assert!(
        error.to_string().contains(
            "mp4, mov, avi, webm, mkv, jpg, jpeg, png, gif, webp, heic, mp3, wav, m4a, aac"
        )
    );
    assert!(pulled.load(Ordering::Relaxed) <= 16 + 4096, "{pulled:?}");
    assert!(dir.files().is_empty() && dir.temp_files().is_empty());
}

#[tokio::test]
async fn short_files_are_judged_whole() {
    let dir = TestDir::new("short");
    let text = save(&dir, "notes.mp3", b"hi!\n").await.unwrap_err();
    assert_eq!(
        text,
        MediaError::Unsupported {
            name: "notes.mp3".into()
        }
    );
    let empty = save(&dir, "empty.png", b"").await.unwrap_err();
    assert_eq!(empty.code(), 4001);
    // A 1x1 GIF is shorter than the sniffing window and still an image.
    let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
    assert!(gif.len() < super::SNIFF_LEN);
    let saved = save_stream(&dir.path, "dot.gif", chunked(gif, 1), LIMIT)
        .await
        .unwrap();
    assert_eq!(
        (saved.format, saved.width, saved.height),
        (Format::GIF, Some(1), Some(1))
    );
    // Hashed a byte at a time, as the bytes came: the SHA-256 of the whole file.
    assert_eq!(
        saved.sha256,
        "b1442e85b03bdcaf66dc58c7abb98745dd2687d86350be9a298a1d9382ac849b"
    );
    assert!(dir.temp_files().is_empty());
}

#[tokio::test]
async fn the_limit_is_enforced_chunk_by_chunk() {
    let dir = TestDir::new("limit");
    let pulled = Arc::new(AtomicU64::new(0));
    let png = super::image::tests::png_header(1, 1).leak();
    let error = save_stream(&dir.path, "big.png", endless(png, pulled.clone()), 10_000)
        .await
        .unwrap_err();
    assert_eq!(error, MediaError::TooLarge { limit: 10_000 });
    assert_eq!(error.code(), 4002);
    // Refused on the chunk that crossed the limit: no more was read.
    assert!(
        pulled.load(Ordering::Relaxed) <= 10_000 + 4096,
        "{pulled:?}"
    );
    assert!(dir.files().is_empty() && dir.temp_files().is_empty());
    // Exactly at the limit is allowed.
    let exact = padded_jpeg(&picture("jpg", 16, 16), 10_000);
    assert_eq!(exact.len(), 10_000);
    let saved = save_stream(&dir.path, "exact.jpg", chunked(&exact, 999), 10_000)
        .await
        .unwrap();
    assert_eq!(saved.size, 10_000);
}

#[tokio::test]
async fn a_failing_stream_removes_its_partial_file() {
    let dir = TestDir::new("broken");
    let png = super::image::tests::png_header(8, 8);
    let parts = vec![
        Ok(Bytes::from(png.clone())),
        Ok(Bytes::from(vec![0; 500])),
        Err(Broken("connection reset")),
    ];
    let error = save_stream(&dir.path, "a.png", stream::iter(parts), LIMIT)
        .await
        .unwrap_err();
    assert_eq!(
        error,
        MediaError::Interrupted {
            reason: "connection reset".into()
        }
    );
    assert_eq!(error.code(), 400);
    assert!(dir.files().is_empty() && dir.temp_files().is_empty());
}

/// A stream that yields a PNG header, then waits forever: an upload caught mid-way.
fn stalled() -> impl Stream<Item = Result<Bytes, Broken>> {
    let png = super::image::tests::png_header(8, 8);
    stream::iter([Ok(Bytes::from(png)), Ok(Bytes::from(vec![0; 5000]))]).chain(stream::pending())
}

#[tokio::test]
async fn a_dropped_upload_removes_its_partial_file() {
    let dir = TestDir::new("dropped");
    let upload = save_stream(&dir.path, "a.png", stalled(), LIMIT);
    assert!(
        tokio::time::timeout(Duration::from_millis(200), upload)
            .await
            .is_err()
    );
    assert!(dir.files().is_empty() && dir.temp_files().is_empty());
}

#[tokio::test]
async fn a_killed_upload_leaves_only_a_temporary_file_that_cleanup_removes() {
    let dir = TestDir::new("killed");
    let mut upload = Box::pin(save_stream(&dir.path, "a.png", stalled(), LIMIT));
    tokio::select! {
        _ = &mut upload => panic!("a stalled upload cannot finish"),
        () = tokio::time::sleep(Duration::from_millis(200)) => {}
    }
    // Forgetting the future runs no destructor: as after `kill -9`, the partial file stays where it was.
    std::mem::forget(upload);
    assert!(dir.files().is_empty(), "{:?}", dir.files());
    let temp = dir.temp_files();
    assert_eq!(temp.len(), 1);
    assert!(temp[0].ends_with(".part"));
    std::fs::write(dir.path.join("tmp").join("keep.txt"), b"not ours").unwrap();
    assert_eq!(cleanup_temp(&dir.path).await.unwrap(), 1);
    assert_eq!(dir.temp_files(), ["keep.txt"]);
    let fresh = TestDir::new("fresh");
    assert_eq!(cleanup_temp(&fresh.path).await.unwrap(), 0);
}

#[tokio::test]
async fn damaged_files_are_refused_naming_the_file_and_nothing_is_kept() {
    let dir = TestDir::new("damaged");
    let png = picture("png", 320, 240);
    let jpeg = picture("jpg", 320, 240);
    // Flipping bytes inside the compressed pixels leaves every header and length intact.
    let mut scrambled = png.clone();
    let idat = png.windows(4).position(|w| w == b"IDAT").unwrap();
    for byte in &mut scrambled[idat + 100..idat + 160] {
        *byte ^= 0x5A;
    }
    let mut jpeg_no_scan = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00];
    jpeg_no_scan.extend((0..200u8).map(|i| i.wrapping_mul(37)));
    let mp4 = b"\0\0\0\x18ftypisom\0\0\0\0isomavc1 but the rest of this movie is missing";
    let cases: [(&str, &[u8], &str); 6] = [
        (
            "beach.png",
            &png[..png.len() / 2],
            "the image data ends early",
        ),
        (
            "city.jpg",
            &jpeg[..jpeg.len() / 2],
            "the image data ends early",
        ),
        ("sea.png", &scrambled, "the image data is corrupt"),
        ("noise.jpg", &jpeg_no_scan, "the image data ends early"),
        (
            "dot.gif",
            b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
            "it holds no picture",
        ),
        (
            "broken.mp4",
            mp4,
            "no sound or picture in it can be decoded",
        ),
    ];
    for (name, bytes, reason) in cases {
        let refused = save(&dir, name, bytes).await.unwrap_err();
        assert_eq!(
            refused,
            MediaError::Damaged {
                name: name.into(),
                reason: reason.into()
            },
            "{name}"
        );
        assert_eq!(refused.code(), 4001);
    }
    assert!(dir.files().is_empty(), "{:?}", dir.files());
    assert!(dir.temp_files().is_empty(), "{:?}", dir.temp_files());
    // The whole pictures they were cut from pass.
    save(&dir, "beach.png", &png).await.unwrap();
    save(&dir, "city.jpg", &jpeg).await.unwrap();
}

#[tokio::test]
async fn every_upload_gets_its_own_id() {
    let dir = TestDir::new("ids");
    let png = picture("png", 3, 2);
    let first = save(&dir, "a.png", &png).await.unwrap();
    let second = save(&dir, "a.png", &png).await.unwrap();
    assert_ne!(first.media_id, second.media_id);
    assert_eq!(dir.files().len(), 2);
}

#[test]
fn uploaded_names_keep_their_last_component_only() {
    assert_eq!(clean_name("C:\\fakepath\\holiday.jpg"), "holiday.jpg");
    assert_eq!(clean_name("../../etc/passwd"), "passwd");
    assert_eq!(clean_name("  beach\u{0}\n.png "), "beach.png");
    assert_eq!(clean_name(""), "upload");
    assert_eq!(clean_name("dir/"), "upload");
    assert_eq!(clean_name(&"x".repeat(1000)).len(), 255);
    assert_eq!(clean_name("夏天.heic"), "夏天.heic");
}

/// Counts the bytes of the chunks a stream handed out that are still alive anywhere, and their peak.
#[derive(Default)]
struct LiveBytes {
    now: AtomicU64,
    peak: AtomicU64,
}

/// A chunk's storage that reports its own lifetime to a [`LiveBytes`].
struct Tracked {
    data: Vec<u8>,
    live: Arc<LiveBytes>,
}

impl AsRef<[u8]> for Tracked {
    fn as_ref(&self) -> &[u8] {
        &self.data
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.live
            .now
            .fetch_sub(self.data.len() as u64, Ordering::SeqCst);
    }
}

/// A 201 MB PNG-looking stream in 64 KiB chunks, each tracked from creation to drop.
fn tracked_201_mb(live: Arc<LiveBytes>) -> impl Stream<Item = Result<Bytes, Broken>> {
    const CHUNK: usize = 64 * 1024;
    let total = 201 * MB;
    stream::unfold(0u64, move |sent| {
        let live = live.clone();
        async move {
            if sent >= total {
                return None;
            }
            let len = CHUNK.min((total - sent) as usize);
            let mut data = vec![0u8; len];
            if sent == 0 {
                let png = super::image::tests::png_header(7680, 4320);
                data[..png.len()].copy_from_slice(&png);
            }
            let now = live.now.fetch_add(len as u64, Ordering::SeqCst) + len as u64;
            live.peak.fetch_max(now, Ordering::SeqCst);
            Some((
                Ok(Bytes::from_owner(Tracked { data, live })),
                sent + len as u64,
            ))
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(
    clippy::print_stderr,
    reason = "the measured peak is a figure worth seeing with --nocapture"
)]
async fn memory_stays_flat_for_a_201_mb_stream() {
    let dir = TestDir::new("flat");
    // Over the 200 MB limit: refused at the limit, holding one chunk at a time.
    let live = Arc::new(LiveBytes::default());
    let error = save_stream(&dir.path, "huge.png", tracked_201_mb(live.clone()), LIMIT)
        .await
        .unwrap_err();
    assert_eq!(error, MediaError::TooLarge { limit: LIMIT });
    let refused_peak = live.peak.load(Ordering::SeqCst);
    assert!(dir.files().is_empty() && dir.temp_files().is_empty());
    // Under a larger limit: received whole, still one chunk at a time, then refused by decoding
    // (its pixels are zeros) and not kept.
    let live = Arc::new(LiveBytes::default());
    let refused = save_stream(
        &dir.path,
        "huge.png",
        tracked_201_mb(live.clone()),
        300 * MB,
    )
    .await
    .unwrap_err();
    let stored_peak = live.peak.load(Ordering::SeqCst);
    assert!(
        matches!(&refused, MediaError::Damaged { name, .. } if name == "huge.png"),
        "{refused:?}"
    );
    assert!(dir.files().is_empty() && dir.temp_files().is_empty());
    assert_eq!(live.now.load(Ordering::SeqCst), 0);
    eprintln!(
        "201 MB stream: peak live chunk bytes {refused_peak} (refused at 200 MB), {stored_peak} (received whole)"
    );
    assert!(refused_peak <= 2 * 64 * 1024 && stored_peak <= 2 * 64 * 1024);
}

#[tokio::test]
async fn a_picture_past_the_pixel_budget_is_refused_by_its_header_and_not_kept() {
    let dir = TestDir::new("bomb");
    // A PNG whose header says 16000x16000: 256 MP, a decode bomb in under 100 bytes.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(16_000u32.to_be_bytes());
    png.extend(16_000u32.to_be_bytes());
    png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    png.extend(b"\0\0\0\0IEND\xaeB`\x82");
    let refused = save(&dir, "huge.png", &png).await.unwrap_err();
    assert_eq!(
        refused,
        MediaError::TooManyPixels {
            name: "huge.png".into(),
            width: 16_000,
            height: 16_000
        }
    );
    assert_eq!(
        refused.to_string(),
        "huge.png is 16000x16000 pixels (256 MP); the studio takes pictures of up to 100 MP"
    );
    assert!(dir.files().is_empty(), "nothing kept: {:?}", dir.files());
    assert!(
        dir.temp_files().is_empty(),
        "no temp left: {:?}",
        dir.temp_files()
    );
}

#[tokio::test]
async fn uploads_no_row_records_are_swept_and_recorded_ones_kept() {
    let dir = TestDir::new("orphans");
    std::fs::create_dir_all(&dir.path).unwrap();
    for name in ["med_kept.png", "med_orphan.jpg", "notes.txt"] {
        std::fs::write(dir.path.join(name), b"x").unwrap();
    }
    let recorded: std::collections::HashSet<String> = ["med_kept.png".to_owned()].into();
    assert_eq!(super::sweep_orphans(&dir.path, &recorded).await.unwrap(), 1);
    let mut left = dir.files();
    left.sort();
    assert_eq!(
        left,
        ["med_kept.png", "notes.txt"],
        "only unrecorded uploads go"
    );
    let missing = dir.path.join("none");
    assert_eq!(super::sweep_orphans(&missing, &recorded).await.unwrap(), 0);
}
