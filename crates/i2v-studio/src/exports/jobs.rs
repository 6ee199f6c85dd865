//! Whose a render job is: polling, cancelling and downloading a job are for the owner of its
//! session only.

use std::time::Duration;

use super::ExportError;
use crate::render::{JobStatus, RenderQueue};
use crate::store::{Store, User};

/// The job `id`, when its session is one of `user`'s live sessions at `now_ms` (sessions expire
/// after `session_idle`); another user's job is refused as [`ExportError::NotYours`], which
/// answers exactly as an unknown one does, so ids leak nothing.
pub fn owned_job(
    store: &Store,
    renders: &RenderQueue,
    user: &User,
    id: &str,
    session_idle: Duration,
    now_ms: i64,
) -> Result<JobStatus, ExportError> {
    let job = renders.status(id).map_err(ExportError::Queue)?;
    store
        .use_session(user.id, &job.session_id, session_idle, now_ms)?
        .ok_or_else(|| ExportError::NotYours(id.to_owned()))?;
    Ok(job)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::exports::{ExportAsk, gate, submit};
    use crate::render::{QueueError, RenderOptions};
    use crate::store::testing::{TempStore, image_record, rules};

    const IDLE: Duration = Duration::from_secs(3600);

    fn user(temp: &TempStore, client: &str) -> User {
        let issued = temp.store.issue_anonymous_token(client, "a", &rules(), 0);
        issued.expect("a token").user
    }

    #[tokio::test]
    async fn a_job_is_its_owners_and_nobody_elses() {
        let temp = TempStore::new();
        let owner = user(&temp, "owner");
        let session = temp.store.create_session(owner.id, "p", "en", 0).unwrap();
        let record = image_record(&session.session_id, "beach.jpg");
        temp.store.add_media(&record).unwrap();
        let renders = RenderQueue::open(RenderOptions::new(&temp.dir)).unwrap();
        let ask = ExportAsk {
            render_id: "render_1".into(),
            session_id: session.session_id.clone(),
            draft: json!({"t": [{"sg": [{"d": 1000, "m": {"src": record.media_id}}]}]}),
            output: Default::default(),
            attribution: Default::default(),
        };
        let cleared = gate(&temp.store, &owner, ask, IDLE, 1).unwrap();
        submit(&temp.store, &renders, &temp.dir, cleared).unwrap();

        let job = owned_job(&temp.store, &renders, &owner, "render_1", IDLE, 2).unwrap();
        assert_eq!(job.session_id, session.session_id);
        let stranger = user(&temp, "stranger");
        let theirs = owned_job(&temp.store, &renders, &stranger, "render_1", IDLE, 2);
        let theirs = theirs.unwrap_err();
        assert_eq!(theirs, ExportError::NotYours("render_1".into()));
        let unknown = owned_job(&temp.store, &renders, &owner, "render_2", IDLE, 2);
        let unknown = unknown.unwrap_err();
        assert!(matches!(
            unknown,
            ExportError::Queue(QueueError::Unknown(_))
        ));
        // The two read alike: "no render with id …".
        assert_eq!(
            theirs.to_string().replace("render_1", "X"),
            unknown.to_string().replace("render_2", "X")
        );
    }
}
