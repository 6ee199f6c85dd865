//! Whose a render job is: each user's render ids are their own, and polling, cancelling and
//! downloading a job are for the owner of its session only.
//!
//! Render ids are chosen by clients (the SDK's are `render_<uuid v4>`, but any client may send
//! `render_1`), so in one shared namespace one user could take the ids another is about to
//! choose, and "already in use" would tell them which exist.
//! The queue knows a job as [`scoped_id`], `u<user id>-<id>`: two users' `render_1` are two
//! jobs. The answers name the client's own id ([`client_id`]); the keyed download URLs carry
//! the queue's, since a browser fetching them sends no token to scope by.

use std::time::Duration;

use super::ExportError;
use crate::render::{JobStatus, QueueError, RenderQueue};
use crate::store::{Store, User};

/// The queue's id of `user`'s render `id`.
pub fn scoped_id(user: &User, id: &str) -> String {
    format!("u{}-{id}", user.id.0)
}

/// The id the client chose, from the queue's id of its job; ids from before they were scoped
/// are as they were.
pub fn client_id(job_id: &str) -> &str {
    let scoped = job_id
        .strip_prefix('u')
        .and_then(|rest| rest.split_once('-'))
        .filter(|(user, _)| !user.is_empty() && user.bytes().all(|b| b.is_ascii_digit()));
    scoped.map_or(job_id, |(_, id)| id)
}

/// A queue error that names a job, naming it by the client's `id` instead.
pub(super) fn named(err: QueueError, id: &str) -> QueueError {
    match err {
        QueueError::Unknown(_) => QueueError::Unknown(id.to_owned()),
        QueueError::Expired(_) => QueueError::Expired(id.to_owned()),
        QueueError::DuplicateId(_) => QueueError::DuplicateId(id.to_owned()),
        other => other,
    }
}

/// `user`'s job `id` (their own id, or the queue's id a URL carries), when its session is one
/// of their live sessions at `now_ms` (sessions expire after `session_idle`); another user's
/// job is refused as [`ExportError::NotYours`], which answers exactly as an unknown one does,
/// so ids leak nothing.
pub fn owned_job(
    store: &Store,
    renders: &RenderQueue,
    user: &User,
    id: &str,
    session_idle: Duration,
    now_ms: i64,
) -> Result<JobStatus, ExportError> {
    let job = match renders.status(&scoped_id(user, id)) {
        // The queue's own id (from a URL), or a render from before ids were scoped.
        Err(QueueError::Unknown(_)) => renders.status(id),
        found => found,
    };
    let job = job.map_err(|err| ExportError::Queue(named(err, id)))?;
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
        assert_eq!(client_id(&job.id), "render_1");
        // The queue's id, as a download URL carries it, finds the same job.
        let by_url = owned_job(&temp.store, &renders, &owner, &job.id, IDLE, 2).unwrap();
        assert_eq!(by_url.id, job.id);
        let stranger = user(&temp, "stranger");
        let theirs = owned_job(&temp.store, &renders, &stranger, "render_1", IDLE, 2);
        let theirs = theirs.unwrap_err();
        // To the stranger, "render_1" is their own id, which names nothing.
        assert_eq!(
            theirs,
            ExportError::Queue(QueueError::Unknown("render_1".into()))
        );
        let unknown = owned_job(&temp.store, &renders, &owner, "render_2", IDLE, 2);
        let unknown = unknown.unwrap_err();
        assert!(matches!(
            unknown,
            ExportError::Queue(QueueError::Unknown(_))
        ));
        // Nor can the stranger reach it by the queue's id.
        let by_url = owned_job(&temp.store, &renders, &stranger, &job.id, IDLE, 2);
        assert!(matches!(by_url, Err(ExportError::NotYours(_))));
        // The two read alike: "no render with id …".
        assert_eq!(
            theirs.to_string().replace("render_1", "X"),
            unknown.to_string().replace("render_2", "X")
        );
    }

    #[tokio::test]
    async fn two_users_render_ids_are_their_own() {
        let temp = TempStore::new();
        let renders = RenderQueue::open(RenderOptions::new(&temp.dir)).unwrap();
        let mut jobs = Vec::new();
        for client in ["ann", "bob"] {
            let owner = user(&temp, client);
            let session = temp.store.create_session(owner.id, "p", "en", 0).unwrap();
            let record = image_record(&session.session_id, "beach.jpg");
            temp.store.add_media(&record).unwrap();
            let ask = ExportAsk {
                render_id: "render_1".into(),
                session_id: session.session_id.clone(),
                draft: json!({"t": [{"sg": [{"d": 1000, "m": {"src": record.media_id}}]}]}),
                output: Default::default(),
                attribution: Default::default(),
            };
            // Bob's "render_1" is not "already in use": it is his.
            let cleared = gate(&temp.store, &owner, ask, IDLE, 1).unwrap();
            let job = submit(&temp.store, &renders, &temp.dir, cleared).unwrap();
            let found = owned_job(&temp.store, &renders, &owner, "render_1", IDLE, 2).unwrap();
            assert_eq!(found.session_id, session.session_id);
            jobs.push(job.id);
        }
        assert_ne!(jobs[0], jobs[1]);
        assert_eq!(client_id(&jobs[0]), "render_1");
        assert_eq!(client_id("render_9"), "render_9");
        assert_eq!(client_id("u-x"), "u-x");
        assert_eq!(client_id("u12-u3-x"), "u3-x");
    }
}
