//! An export trusts what the upload learnt: from the render request through planning it opens no
//! source file to read its header again (ffmpeg and heif-convert still read the pictures, which
//! is the rendering itself). Header reads are counted by the media module, per path.

use std::convert::Infallible;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use serde_json::json;

use super::super::{Canvas, JobState, MediaFile, MediaKind};
use super::support::{Scratch, frame, heic_from, media, near, picture, queue, request};
use crate::media::{self, Saved, header_reads, with_orientation};

const SMALL: Canvas = Canvas::new(320, 180, 30);

/// Stores `bytes` as the upload endpoint does, under `dir`.
async fn upload(dir: &Path, name: &str, bytes: Vec<u8>) -> Saved {
    let body = futures_util::stream::iter([Ok::<_, Infallible>(Bytes::from(bytes))]);
    media::save_stream(dir, name, body, u64::MAX)
        .await
        .expect("stored")
}

/// Three pictures as uploads store them: a sideways JPEG (EXIF 6), a PNG and a HEIC.
async fn uploads(data: &Scratch) -> Vec<(&'static str, PathBuf, Saved)> {
    let stored = data.join("stored.jpg");
    picture(
        "color=c=red:s=160x160[a];color=c=blue:s=160x160[b];[a][b]hstack[out0]",
        &stored,
    );
    let png = data.join("green.png");
    picture("color=c=green:s=320x240", &png);
    let heic = data.join("green.heic");
    heic_from(&png, &heic);
    let dir = data.join("media");
    let read = |path: &Path| std::fs::read(path).expect("readable");
    let files = [
        ("sideways", with_orientation(&read(&stored), 6)),
        ("flat", read(&png)),
        ("phone", read(&heic)),
    ];
    let mut saved = Vec::new();
    for (id, bytes) in files {
        let file = upload(&dir, id, bytes).await;
        saved.push((id, dir.join(&file.file_name), file));
    }
    saved
}

/// A draft showing each picture in turn, `ms` long each.
fn draft(ms: u64) -> serde_json::Value {
    json!({"t": [{"sg": [
        {"d": ms, "m": {"src": "sideways", "fit": "contain"}},
        {"d": ms, "m": {"src": "flat"}},
        {"d": ms, "m": {"src": "phone"}},
    ]}]})
}

#[tokio::test]
async fn an_export_reads_no_source_header_the_upload_already_read() {
    let data = Scratch::new("reads");
    let saved = uploads(&data).await;
    let with_facts: Vec<(&str, MediaFile)> = saved
        .iter()
        .map(|(id, path, file)| {
            let mut stored = media(path, MediaKind::Image);
            stored.facts = Some(file.facts());
            (*id, stored)
        })
        .collect();
    let queue = queue(&data, 1);
    let trusted = request("render_trusted", "s1", draft(500), with_facts, SMALL);
    queue.submit(trusted).expect("submitted");
    let status = queue.wait("render_trusted").await.expect("the job exists");
    assert_eq!(status.status, JobState::Completed, "{:?}", status.error);
    for (id, path, _) in &saved {
        assert_eq!(header_reads(path), 0, "{id} was read again by the export");
    }
    // The stored orientation was applied: the sideways photo stands upright, red above blue.
    let video = &status.output.as_ref().expect("output").path;
    let upright = frame(video, 0.25, 320, 180);
    assert!(near(
        upright.mean(130, 10, 190, 70),
        [255.0, 0.0, 0.0],
        50.0
    ));
    assert!(near(
        upright.mean(130, 110, 190, 170),
        [0.0, 0.0, 255.0],
        50.0
    ));

    // Files whose facts were never kept (an older version's uploads) are inspected once each.
    let without: Vec<(&str, MediaFile)> = saved
        .iter()
        .map(|(id, path, _)| (*id, media(path, MediaKind::Image)))
        .collect();
    let older = request("render_older", "s2", draft(400), without, SMALL);
    queue.submit(older).expect("submitted");
    let status = queue.wait("render_older").await.expect("the job exists");
    assert_eq!(status.status, JobState::Completed, "{:?}", status.error);
    for (id, path, _) in &saved {
        assert_eq!(header_reads(path), 1, "{id} was inspected once");
    }
}
