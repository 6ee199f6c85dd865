//! Submitting a cleared export: the render request built from the session's canvas and
//! uploads, and queued.
//!
//! The request names every upload of the session, not only those the draft uses: the queue's
//! own check ([`crate::render::Timeline::build`]) is what refuses a draft naming media the
//! session does not have, with a message that names the media. Each upload carries the facts
//! its upload learnt ([`crate::media::Facts`]); uploads stored before those were kept (schema
//! 3) are inspected here and their facts recorded, so each older file is read once, by its
//! first export. Call this off the async threads.

use std::collections::HashMap;
use std::path::Path;

use super::jobs::{client_id, named};
use super::{Cleared, ExportError};
use crate::media::{self, Facts};
use crate::render::{JobStatus, MediaFile, RenderQueue, RenderRequest};
use crate::store::{MediaRecord, Store, StoreError};

/// Queues the render of a cleared export; `data_dir` is where the uploads' paths start.
pub fn submit(
    store: &Store,
    renders: &RenderQueue,
    data_dir: &Path,
    cleared: Cleared,
) -> Result<JobStatus, ExportError> {
    let request = render_request(store, data_dir, cleared)?;
    let id = client_id(&request.render_id).to_owned();
    renders
        .submit(request)
        .map_err(|err| ExportError::Queue(named(err, &id)))
}

/// The render request of a cleared export: its draft on the session's canvas and uploads.
fn render_request(
    store: &Store,
    data_dir: &Path,
    cleared: Cleared,
) -> Result<RenderRequest, StoreError> {
    let session_id = cleared.session.session_id;
    let owner = cleared.session.user_id.to_string();
    let canvas = store.canvas(&session_id)?;
    let media = session_files(store, data_dir, &session_id)?;
    Ok(RenderRequest {
        render_id: cleared.render_id,
        session_id,
        owner,
        draft: cleared.draft,
        media,
        canvas,
        output: cleared.output,
    })
}

/// The session's uploads as the renderer reads them, by media id, with their facts.
fn session_files(
    store: &Store,
    data_dir: &Path,
    session_id: &str,
) -> Result<HashMap<String, MediaFile>, StoreError> {
    let mut records = store.session_media(session_id)?;
    store.complete_media_facts(&mut records, |record| inspect_upload(data_dir, record))?;
    Ok(records
        .into_iter()
        .map(|record| {
            let mut file = MediaFile::new(data_dir.join(&record.path), record.kind);
            file.name = record.name;
            file.facts = record.facts;
            file.duration_ms = record.duration_ms;
            file.sha256 = record.sha256;
            (record.media_id, file)
        })
        .collect())
}

/// The facts of an older upload, from its file; `None` (logged) when it cannot be inspected:
/// the render then says why, if the draft uses it.
fn inspect_upload(data_dir: &Path, record: &MediaRecord) -> Option<Facts> {
    media::inspect(&data_dir.join(&record.path))
        .inspect_err(|error| {
            tracing::warn!(media_id = %record.media_id, %error, "an older upload cannot be inspected");
        })
        .ok()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use serde_json::{Value, json};

    use super::*;
    use crate::exports::{ExportAsk, gate, scoped_id};
    use crate::media::{Format, Orientation, header_reads, with_orientation};
    use crate::render::{
        Format as OutputFormat, JobState, OutputSpec, Quality, QueueError, RenderError,
        RenderOptions,
    };
    use crate::store::testing::{TempStore, image_record, rules};
    use crate::store::{Canvas, MediaKind, User};

    const IDLE: Duration = Duration::from_secs(3600);

    /// A user's session with one uploaded picture, and the picture's media id.
    fn owner_with_picture(temp: &TempStore) -> (User, String, String) {
        let issued = temp.store.issue_anonymous_token("c", "a", &rules(), 0);
        let user = issued.expect("issue a token").user;
        let session = temp.store.create_session(user.id, "p", "en", 0).unwrap();
        let record = image_record(&session.session_id, "beach.jpg");
        temp.store.add_media(&record).unwrap();
        (user, session.session_id, record.media_id)
    }

    fn cleared(temp: &TempStore, user: &User, session_id: &str, draft: Value) -> Cleared {
        let ask = ExportAsk {
            render_id: "render_1".into(),
            session_id: session_id.into(),
            draft,
            output: Default::default(),
            attribution: Default::default(),
        };
        gate(&temp.store, user, ask, IDLE, 1).expect("cleared")
    }

    fn one_picture(media_id: &str) -> Value {
        json!({"t": [{"tt": 0, "sg": [{"d": 1000, "m": {"src": media_id}}]}]})
    }

    #[test]
    fn the_request_renders_the_draft_on_the_sessions_canvas_and_uploads() {
        let temp = TempStore::new();
        let (user, session_id, media_id) = owner_with_picture(&temp);
        let portrait = Canvas {
            width: 1080,
            height: 1920,
            fps: 25,
        };
        temp.store.set_canvas(&session_id, portrait).unwrap();
        let export = cleared(&temp, &user, &session_id, one_picture(&media_id));
        let draft = export.draft.clone();
        let request = render_request(&temp.store, &temp.dir, export).unwrap();
        assert_eq!(request.render_id, scoped_id(&user, "render_1"));
        assert_eq!(request.session_id, session_id);
        assert_eq!(request.draft, draft);
        assert_eq!(request.canvas, Canvas::new(1080, 1920, 25));
        assert_eq!(request.output, OutputSpec::default());
        let file = &request.media[&media_id];
        let stored = &temp.store.session_media(&session_id).unwrap()[0];
        assert_eq!(file.path, temp.dir.join(&stored.path));
        assert_eq!(file.kind, MediaKind::Image);
        assert_eq!(file.name, "beach.jpg");
        assert_eq!(file.facts, stored.facts);
    }

    /// A JPEG's markers up to its frame header: 320x240 stored, three components.
    const JPEG: [u8; 23] = [
        0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0xF0, 0x01, 0x40, 0x03, 0x01, 0x22, 0x00,
        0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9,
    ];

    /// A record as a studio before schema 3 stored it: no facts.
    fn older(session_id: &str, kind: MediaKind, mime: &str, ext: &str) -> MediaRecord {
        let mut record = image_record(session_id, &format!("old.{ext}"));
        record.path = format!("media/{}.{ext}", record.media_id);
        (record.kind, record.mime, record.ext) = (kind, mime.into(), ext.into());
        (record.width, record.height, record.orientation) = (None, None, None);
        record.facts = None;
        record
    }

    #[test]
    fn an_older_upload_is_inspected_by_its_first_export_only() {
        let temp = TempStore::new();
        let (_, session_id, _) = owner_with_picture(&temp);
        let photo = older(&session_id, MediaKind::Image, "image/jpeg", "jpg");
        let song = older(&session_id, MediaKind::Audio, "audio/mpeg", "mp3");
        std::fs::create_dir_all(temp.dir.join("media")).expect("media dir");
        let photo_path = temp.dir.join(&photo.path);
        std::fs::write(&photo_path, with_orientation(&JPEG, 6)).expect("written");
        temp.store.add_media(&photo).expect("recorded");
        temp.store.add_media(&song).expect("recorded");
        let learnt = Facts {
            format: Format::JPEG,
            orientation: Orientation::from_exif(6),
            stored_size: Some((320, 240)),
        };
        for _ in 0..2 {
            let files = session_files(&temp.store, &temp.dir, &session_id).expect("files");
            assert_eq!(files[&photo.media_id].facts, Some(learnt));
            // Sound needs no inspection: its file is not even there.
            assert_eq!(
                files[&song.media_id].facts,
                Facts::without_header(Format::MP3)
            );
        }
        assert_eq!(header_reads(&photo_path), 1, "inspected once, then trusted");
        let kept = temp.store.media_by_id(&photo.media_id).expect("query");
        assert_eq!(kept.and_then(|record| record.facts), Some(learnt));
    }

    #[test]
    fn the_output_asked_for_is_kept() {
        let temp = TempStore::new();
        let (user, session_id, media_id) = owner_with_picture(&temp);
        let mut export = cleared(&temp, &user, &session_id, one_picture(&media_id));
        let asked = OutputSpec {
            format: OutputFormat::Gif,
            short_side: Some(720),
            fps: Some(25),
            quality: Quality::Medium,
        };
        export.output = asked;
        let request = render_request(&temp.store, &temp.dir, export).unwrap();
        assert_eq!(request.output, asked);
    }

    #[tokio::test]
    async fn a_cleared_export_is_queued_and_a_draft_the_queue_cannot_render_is_refused() {
        let temp = TempStore::new();
        let (user, session_id, media_id) = owner_with_picture(&temp);
        let mut options = RenderOptions::new(&temp.dir);
        options.workers = 1;
        let renders = RenderQueue::open(options).unwrap();
        let unknown = cleared(&temp, &user, &session_id, one_picture("med_elsewhere"));
        assert_eq!(
            submit(&temp.store, &renders, &temp.dir, unknown),
            Err(ExportError::Queue(QueueError::Rejected(
                RenderError::UnknownMedia {
                    id: "med_elsewhere".into()
                }
            )))
        );
        let export = cleared(&temp, &user, &session_id, one_picture(&media_id));
        let job = submit(&temp.store, &renders, &temp.dir, export).unwrap();
        assert_eq!(job.id, scoped_id(&user, "render_1"));
        assert_eq!(job.session_id, session_id);
        // The picture's file was never written: the render fails on its own, and the test has
        // no ffmpeg run to wait for.
        let ended = renders.wait(&job.id).await.unwrap();
        assert_eq!(ended.status, JobState::Failed);
        let again = cleared(&temp, &user, &session_id, one_picture(&media_id));
        assert_eq!(
            submit(&temp.store, &renders, &temp.dir, again),
            Err(ExportError::Queue(QueueError::DuplicateId(
                "render_1".into()
            )))
        );
    }
}
