//! Records of the media uploaded to a session. The media module writes the files; this keeps
//! what it learnt about them, in upload order, with the facts a render needs
//! ([`Facts`]), so that no export reads a file's header again.

use std::path::{Component, Path};

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::drafts::session_exists;
use super::ids::MEDIA_PREFIX;
use super::media_facts::FactColumns;
use super::users::UserId;
use super::{Store, StoreError};

pub use crate::media::{Facts, MediaKind};

/// One uploaded medium.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRecord {
    /// The id drafts refer to (`med_…`, see [`super::new_media_id`]).
    pub media_id: String,
    /// The session it was uploaded to.
    pub session_id: String,
    /// The file name the client gave.
    pub name: String,
    /// Image, video or audio.
    pub kind: MediaKind,
    /// The MIME type judged from the content.
    pub mime: String,
    /// The extension the file is stored with (`jpg`, `mp4`, …).
    pub ext: String,
    /// Size in bytes.
    pub size: u64,
    /// Width in pixels (images and videos).
    pub width: Option<u32>,
    /// Height in pixels (images and videos).
    pub height: Option<u32>,
    /// The EXIF orientation of the stored pixels (`1`–`8`), when known; width and height are
    /// already the upright (displayed) size.
    pub orientation: Option<String>,
    /// Length in milliseconds (videos and audio).
    pub duration_ms: Option<u64>,
    /// The SHA-256 of the file's bytes, lowercase hex (`None` for uploads from before it was
    /// recorded).
    pub sha256: Option<String>,
    /// What a render needs to know about the file, learnt from its bytes at upload; `None` for
    /// uploads stored before these were kept (schema 3), until an export inspects them and
    /// records them with [`Store::set_media_facts`].
    pub facts: Option<Facts>,
    /// Where the file is, relative to the data dir.
    pub path: String,
    /// When it was stored (Unix ms).
    pub created_ms: i64,
}

impl Store {
    /// Records a medium of an existing session.
    pub fn add_media(&self, record: &MediaRecord) -> Result<(), StoreError> {
        let conn = self.lock();
        insert(&conn, record)
    }

    /// Records the media of one upload, all or none, if `user`'s media stay within
    /// `max_bytes` with them: the sum and the inserts are one transaction, so two uploads at
    /// once cannot both pass a quota that only one fits.
    pub fn add_upload(
        &self,
        records: &[MediaRecord],
        user: UserId,
        max_bytes: u64,
    ) -> Result<(), StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let used_bytes = media_bytes(&tx, user)?;
        let upload_bytes: u64 = records.iter().map(|record| record.size).sum();
        if used_bytes.saturating_add(upload_bytes) > max_bytes {
            return Err(StoreError::StorageFull {
                used_bytes,
                upload_bytes,
                max_bytes,
            });
        }
        for record in records {
            insert(&tx, record)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// How many bytes all the media of `user`'s sessions take.
    pub fn user_media_bytes(&self, user: UserId) -> Result<u64, StoreError> {
        media_bytes(&self.lock(), user)
    }

    /// The file names (`med_….jpg`) of every recorded medium, whatever its session.
    pub fn media_file_names(&self) -> Result<std::collections::HashSet<String>, StoreError> {
        let conn = self.lock();
        let mut statement = conn.prepare_cached("SELECT path FROM media")?;
        let paths = statement.query_map([], |row| row.get::<_, String>(0))?;
        let mut names = std::collections::HashSet::new();
        for path in paths {
            let path = path?;
            let name = path.rsplit('/').next().unwrap_or(&path).to_owned();
            names.insert(name);
        }
        Ok(names)
    }

    /// The session's media, in the order they were recorded.
    pub fn session_media(&self, session_id: &str) -> Result<Vec<MediaRecord>, StoreError> {
        let conn = self.lock();
        let mut statement =
            conn.prepare_cached(&format!("{SELECT_MEDIA} WHERE session_id = ?1 ORDER BY id"))?;
        let rows = statement.query_map([session_id], read_record)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One medium of the session; `None` when the session has no such medium.
    pub fn media(
        &self,
        session_id: &str,
        media_id: &str,
    ) -> Result<Option<MediaRecord>, StoreError> {
        let conn = self.lock();
        let record = conn
            .query_row(
                &format!("{SELECT_MEDIA} WHERE session_id = ?1 AND media_id = ?2"),
                params![session_id, media_id],
                read_record,
            )
            .optional()?;
        Ok(record)
    }

    /// A medium by its id alone, whatever its session; `None` when there is none.
    pub fn media_by_id(&self, media_id: &str) -> Result<Option<MediaRecord>, StoreError> {
        let conn = self.lock();
        let record = conn
            .query_row(
                &format!("{SELECT_MEDIA} WHERE media_id = ?1"),
                [media_id],
                read_record,
            )
            .optional()?;
        Ok(record)
    }
}

const SELECT_MEDIA: &str = "SELECT media_id, session_id, name, kind, mime, ext, size, width,
    height, orientation, duration_ms, path, created_ms, sha256, pixel_orientation, pixel_width,
    pixel_height FROM media";

/// Reads a row of [`SELECT_MEDIA`]; rusqlite checks every integer fits its Rust type.
fn read_record(row: &rusqlite::Row<'_>) -> rusqlite::Result<MediaRecord> {
    let mime: String = row.get(4)?;
    let facts = FactColumns {
        orientation: row.get(14)?,
        width: row.get(15)?,
        height: row.get(16)?,
    }
    .facts(&mime);
    Ok(MediaRecord {
        media_id: row.get(0)?,
        session_id: row.get(1)?,
        name: row.get(2)?,
        kind: row.get(3)?,
        mime,
        ext: row.get(5)?,
        size: unsigned(row, 6)?,
        width: row.get(7)?,
        height: row.get(8)?,
        orientation: row.get(9)?,
        duration_ms: match row.get::<_, Option<i64>>(10)? {
            Some(_) => Some(unsigned(row, 10)?),
            None => None,
        },
        path: row.get(11)?,
        created_ms: row.get(12)?,
        sha256: row.get(13)?,
        facts,
    })
}

/// A non-negative integer column (rusqlite reads `u64` only with a feature this crate skips).
fn unsigned(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<u64> {
    let value: i64 = row.get(index)?;
    u64::try_from(value).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(index, value))
}

impl FromSql for MediaKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<MediaKind> {
        MediaKind::from_name(value.as_str()?).ok_or(FromSqlError::InvalidType)
    }
}

/// Inserts one medium's row, in the caller's connection or transaction.
fn insert(conn: &Connection, record: &MediaRecord) -> Result<(), StoreError> {
    check(record)?;
    let size = i64::try_from(record.size).map_err(|_| StoreError::Invalid {
        field: "media size",
        reason: "too large",
    })?;
    let duration = record
        .duration_ms
        .map(i64::try_from)
        .transpose()
        .map_err(|_| StoreError::Invalid {
            field: "media duration",
            reason: "too large",
        })?;
    if !session_exists(conn, &record.session_id)? {
        return Err(StoreError::NoSuchSession);
    }
    let facts = FactColumns::of(record.facts.as_ref());
    conn.execute(
        "INSERT INTO media (media_id, session_id, name, kind, mime, ext, size, width, height,
                            orientation, duration_ms, path, created_ms, sha256,
                            pixel_orientation, pixel_width, pixel_height)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            record.media_id,
            record.session_id,
            record.name,
            record.kind.as_str(),
            record.mime,
            record.ext,
            size,
            record.width,
            record.height,
            record.orientation,
            duration,
            record.path,
            record.created_ms,
            record.sha256,
            facts.orientation,
            facts.width,
            facts.height
        ],
    )?;
    Ok(())
}

/// How many bytes all the media of `user`'s sessions take.
fn media_bytes(conn: &Connection, user: UserId) -> Result<u64, StoreError> {
    let total: i64 = conn.query_row(
        "SELECT COALESCE(SUM(m.size), 0) FROM media m \
         JOIN sessions s ON s.session_id = m.session_id WHERE s.user_id = ?1",
        [user.0],
        |row| row.get(0),
    )?;
    Ok(u64::try_from(total).unwrap_or(0))
}
/// The id has the media shape and the path stays inside the data dir: renders read it later.
fn check(record: &MediaRecord) -> Result<(), StoreError> {
    if !record.media_id.starts_with(MEDIA_PREFIX) {
        return Err(StoreError::Invalid {
            field: "media id",
            reason: "must start with med_",
        });
    }
    let path = Path::new(&record.path);
    let inside = !record.path.is_empty()
        && path
            .components()
            .all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
    if !inside {
        return Err(StoreError::Invalid {
            field: "media path",
            reason: "must be relative to the data dir",
        });
    }
    if record
        .facts
        .is_some_and(|facts| facts.format.mime != record.mime)
    {
        return Err(StoreError::Invalid {
            field: "media facts",
            reason: "the format must be the record's mime type",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::testing::{TempStore, image_record};
    use super::*;
    use crate::media::Format;

    #[test]
    fn records_come_back_in_upload_order_with_every_field() {
        let temp = TempStore::new();
        let id = temp.session();
        let image = image_record(&id, "b.png");
        let song = MediaRecord {
            media_id: crate::store::new_media_id().unwrap(),
            name: "a.mp3".into(),
            kind: MediaKind::Audio,
            mime: "audio/mpeg".into(),
            ext: "mp3".into(),
            size: 3_000_000_000,
            width: None,
            height: None,
            orientation: None,
            duration_ms: Some(61_500),
            path: "uploads/a.mp3".into(),
            facts: Some(Facts::new(Format::MP3, Default::default())),
            ..image.clone()
        };
        temp.store.add_media(&image).unwrap();
        temp.store.add_media(&song).unwrap();
        assert_eq!(
            temp.store.session_media(&id).unwrap(),
            [image.clone(), song.clone()]
        );
        assert_eq!(
            temp.store.media_by_id(&song.media_id).unwrap(),
            Some(song.clone())
        );
        assert_eq!(temp.store.media(&id, &song.media_id).unwrap(), Some(song));
        assert_eq!(temp.store.media_by_id("med_nothing").unwrap(), None);
        assert_eq!(
            temp.store.media("ses_other", &image.media_id).unwrap(),
            None
        );
        assert_eq!(temp.store.session_media("ses_other").unwrap(), []);
    }

    /// Uploads racing for the last of a quota: the sum and the inserts are one transaction, so
    /// exactly as many pass as fit, and a refused one records nothing.
    #[test]
    fn uploads_at_once_never_pass_the_quota_together() {
        let temp = TempStore::new();
        let user = temp
            .store
            .issue_anonymous_token("c", "a", &super::super::testing::rules(), 0)
            .unwrap()
            .user
            .id;
        let id = temp
            .store
            .create_session(user, "p", "en", 0)
            .unwrap()
            .session_id;
        let record = image_record(&id, "a.png");
        let max_bytes = record.size * 3;
        let results: Vec<Result<(), StoreError>> = std::thread::scope(|scope| {
            let uploads: Vec<_> = (0..8)
                .map(|i| {
                    let store = temp.store.clone();
                    let upload = [MediaRecord {
                        media_id: crate::store::new_media_id().unwrap(),
                        path: format!("uploads/{i}.png"),
                        ..record.clone()
                    }];
                    scope.spawn(move || store.add_upload(&upload, user, max_bytes))
                })
                .collect();
            uploads.into_iter().map(|u| u.join().unwrap()).collect()
        });
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 3);
        for refused in results.iter().filter_map(|r| r.as_ref().err()) {
            assert!(
                matches!(refused, StoreError::StorageFull { max_bytes: m, .. } if *m == max_bytes)
            );
        }
        assert_eq!(temp.store.session_media(&id).unwrap().len(), 3);
        assert_eq!(temp.store.user_media_bytes(user).unwrap(), max_bytes);
        // All or none: two files of which only the first would fit record neither.
        let two: Vec<MediaRecord> = (0..2)
            .map(|i| MediaRecord {
                media_id: crate::store::new_media_id().unwrap(),
                path: format!("uploads/two-{i}.png"),
                ..record.clone()
            })
            .collect();
        let refused = temp.store.add_upload(&two, user, max_bytes + record.size);
        assert!(
            matches!(refused, Err(StoreError::StorageFull { .. })),
            "{refused:?}"
        );
        assert_eq!(temp.store.session_media(&id).unwrap().len(), 3);
    }

    #[test]
    fn bad_records_are_refused() {
        let temp = TempStore::new();
        let id = temp.session();
        let good = image_record(&id, "a.png");
        let cases = [
            MediaRecord {
                media_id: "x_1".into(),
                ..good.clone()
            },
            MediaRecord {
                path: "/etc/passwd".into(),
                ..good.clone()
            },
            MediaRecord {
                path: "uploads/../../x".into(),
                ..good.clone()
            },
            MediaRecord {
                path: String::new(),
                ..good.clone()
            },
            MediaRecord {
                size: u64::MAX,
                ..good.clone()
            },
            MediaRecord {
                duration_ms: Some(u64::MAX),
                ..good.clone()
            },
            MediaRecord {
                facts: Some(Facts::new(Format::JPEG, Default::default())),
                ..good.clone()
            },
        ];
        for bad in cases {
            assert!(
                matches!(temp.store.add_media(&bad), Err(StoreError::Invalid { .. })),
                "{bad:?}"
            );
        }
        assert_eq!(
            temp.store.add_media(&MediaRecord {
                session_id: "ses_unknown".into(),
                ..good.clone()
            }),
            Err(StoreError::NoSuchSession)
        );
        temp.store.add_media(&good).unwrap();
        // Ids are unique.
        assert!(matches!(
            temp.store.add_media(&good),
            Err(StoreError::Database(_))
        ));
    }

    #[test]
    fn kinds_have_protocol_names() {
        for kind in [MediaKind::Image, MediaKind::Video, MediaKind::Audio] {
            assert_eq!(MediaKind::from_name(kind.as_str()), Some(kind));
        }
        assert_eq!(MediaKind::from_name("text"), None);
    }
}
