//! The facts a render needs of each medium (`media::Facts`), kept beside its record: written
//! with the upload, and completed once for rows stored before schema 3 kept them.

use rusqlite::params;

use super::media::MediaRecord;
use super::{Store, StoreError};
use crate::media::{Facts, Format, Orientation};

impl Store {
    /// Records the facts learnt by inspecting a medium stored without them; `false` when there
    /// is no such medium. The format stays the record's `mime`.
    pub fn set_media_facts(&self, media_id: &str, facts: &Facts) -> Result<bool, StoreError> {
        let columns = FactColumns::of(Some(facts));
        let changed = self.lock().execute(
            "UPDATE media SET pixel_orientation = ?2, pixel_width = ?3, pixel_height = ?4
             WHERE media_id = ?1",
            params![media_id, columns.orientation, columns.width, columns.height],
        )?;
        Ok(changed > 0)
    }

    /// Completes, in place, the facts of media stored before they were kept (schema 3): sound
    /// and video take them from their format, a picture from `learn`, which inspects its file.
    /// What is learnt is recorded, so each older file is inspected once; a picture `learn`
    /// cannot inspect (its file gone) stays without, and is tried again next time.
    pub fn complete_media_facts(
        &self,
        records: &mut [MediaRecord],
        mut learn: impl FnMut(&MediaRecord) -> Option<Facts>,
    ) -> Result<(), StoreError> {
        for record in records.iter_mut().filter(|record| record.facts.is_none()) {
            let known = Format::from_mime(&record.mime).and_then(Facts::without_header);
            let Some(facts) = known.or_else(|| learn(record)) else {
                continue;
            };
            self.set_media_facts(&record.media_id, &facts)?;
            record.facts = Some(facts);
        }
        Ok(())
    }
}

/// The columns that hold a record's [`Facts`] besides its `mime`.
pub(super) struct FactColumns {
    /// `pixel_orientation`: 1–8, NULL before the file was inspected.
    pub(super) orientation: Option<u8>,
    /// `pixel_width`: a picture's stored width.
    pub(super) width: Option<u32>,
    /// `pixel_height`: a picture's stored height.
    pub(super) height: Option<u32>,
}

impl FactColumns {
    /// The columns of a record's facts, all NULL for none.
    pub(super) fn of(facts: Option<&Facts>) -> FactColumns {
        let (width, height) = facts.and_then(|f| f.stored_size).unzip();
        FactColumns {
            orientation: facts.map(|f| f.orientation.value()),
            width,
            height,
        }
    }

    /// The facts of a row: none before it was inspected, or when its `mime` names no format.
    pub(super) fn facts(&self, mime: &str) -> Option<Facts> {
        Some(Facts {
            format: Format::from_mime(mime)?,
            orientation: Orientation::from_exif(self.orientation?.into()),
            stored_size: self.width.zip(self.height),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{TempStore, image_record};
    use super::*;
    use crate::store::MediaKind;

    #[test]
    fn facts_come_back_as_stored_and_older_records_gain_them_later() {
        let temp = TempStore::new();
        let id = temp.session();
        let rotated = MediaRecord {
            mime: "image/jpeg".into(),
            ext: "jpg".into(),
            facts: Some(Facts {
                format: Format::JPEG,
                orientation: Orientation::from_exif(6),
                stored_size: Some((4032, 3024)),
            }),
            ..image_record(&id, "IMG_0001.JPG")
        };
        let older = MediaRecord {
            facts: None,
            ..image_record(&id, "old.png")
        };
        temp.store.add_media(&rotated).unwrap();
        temp.store.add_media(&older).unwrap();
        assert_eq!(
            temp.store.session_media(&id).unwrap(),
            [rotated.clone(), older.clone()]
        );
        let learnt = Facts {
            format: Format::PNG,
            orientation: Orientation::UPRIGHT,
            stored_size: None,
        };
        assert_eq!(
            temp.store.set_media_facts(&older.media_id, &learnt),
            Ok(true)
        );
        assert_eq!(
            temp.store
                .media_by_id(&older.media_id)
                .unwrap()
                .unwrap()
                .facts,
            Some(learnt)
        );
        assert_eq!(
            temp.store.set_media_facts("med_nothing", &learnt),
            Ok(false)
        );
    }

    #[test]
    fn older_records_are_inspected_once_and_sound_and_video_not_at_all() {
        let temp = TempStore::new();
        let id = temp.session();
        let picture = MediaRecord {
            facts: None,
            ..image_record(&id, "old.png")
        };
        let song = MediaRecord {
            kind: MediaKind::Audio,
            mime: "audio/mpeg".into(),
            ext: "mp3".into(),
            facts: None,
            ..image_record(&id, "old.mp3")
        };
        let gone = MediaRecord {
            facts: None,
            ..image_record(&id, "gone.png")
        };
        for record in [&picture, &song, &gone] {
            temp.store.add_media(record).unwrap();
        }
        let learnt = Facts {
            format: Format::PNG,
            orientation: Orientation::UPRIGHT,
            stored_size: Some((640, 480)),
        };
        let mut asked = Vec::new();
        let mut learn = |record: &MediaRecord| {
            asked.push(record.name.clone());
            (record.name != "gone.png").then_some(learnt)
        };
        let mut records = temp.store.session_media(&id).unwrap();
        temp.store
            .complete_media_facts(&mut records, &mut learn)
            .unwrap();
        let facts: Vec<_> = records.iter().map(|record| record.facts).collect();
        let song_facts = Facts::without_header(Format::MP3);
        assert_eq!(facts, [Some(learnt), song_facts, None]);
        assert_eq!(temp.store.session_media(&id).unwrap(), records);
        // Next time only the picture that could not be inspected is asked for again.
        temp.store
            .complete_media_facts(&mut records, &mut learn)
            .unwrap();
        assert_eq!(asked, ["old.png", "gone.png", "gone.png"]);
    }
}
