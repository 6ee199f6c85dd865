//! The queue's work: starting waiting jobs as workers free up (one per session at a time, the
//! next owner served fairly), running each with its timeout and cancellation, reusing a
//! finished render of the same request, and forgetting outputs past their time.

use std::panic::AssertUnwindSafe;
use std::sync::{Arc, MutexGuard};
use std::time::Duration;

use futures_util::FutureExt;
use tokio_util::sync::CancellationToken;

use super::super::error::RenderError;
use super::super::request::RenderRequest;
use super::record::{self, Layout, Record, Stage, now_ms};
use super::status::JobStatus;
use super::{Accepted, Inner, Job, State};
use super::{job, status_of};

impl Inner {
    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state half-changed in a way that
        // matters more than stopping every export, so a poisoned lock is used as it is.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(super) fn changed(&self) {
        self.changes.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// Completes `request` at once with the output of a completed job of its session that
    /// rendered the same video, when there is one whose file is still there.
    pub(super) fn reuse(
        &self,
        state: &mut State,
        request: &RenderRequest,
        key: &str,
    ) -> Option<JobStatus> {
        let earlier = state.finished_by_key.get(key)?;
        let earlier = state.jobs.get(earlier)?;
        let output = earlier.record.output.as_ref()?;
        let same = earlier.record.status == Stage::Completed
            && earlier.record.session_id == request.session_id;
        if !same {
            return None;
        }
        let id = &request.render_id;
        // An earlier render from before posters is rendered again, to have one.
        let earlier_poster = output.poster.as_ref()?;
        let file = Layout::output_name(id, output.format());
        let poster = Layout::poster_name(id);
        let link =
            |from: &str, to: &str| std::fs::hard_link(self.layout.file(from), self.layout.file(to));
        let linked = link(&output.file, &file).and_then(|()| link(earlier_poster, &poster));
        let mut record = Record::pending(id, &request.session_id);
        record.status = Stage::Completed;
        record.progress = 100;
        record.finished_ms = Some(record.created_ms);
        record.output = Some(record::OutputRecord {
            file,
            poster: Some(poster),
            ..output.clone()
        });
        record.cache_key = Some(key.to_owned());
        record.reused_from = Some(earlier.record.id.clone());
        if let Err(err) = linked.and_then(|()| self.layout.save(&record)) {
            self.layout.remove_outputs(&record);
            tracing::warn!(%id, %err, "cannot reuse an earlier render; rendering again");
            return None;
        }
        tracing::info!(%id, from = %earlier.record.id, "the same video was rendered already");
        let job = Job {
            record,
            owner: request.owner.clone(),
            work: None,
            cancel: CancellationToken::new(),
        };
        state.jobs.insert(id.clone(), job);
        status_of(state, &self.layout, id).ok()
    }

    pub(super) fn persist(&self, record: &Record) {
        if let Err(err) = self.layout.save(record) {
            tracing::error!(id = %record.id, %err, "cannot save a render record");
        }
    }

    /// Removes outputs older than `keep_for` (their jobs then answer "expired"), and forgets
    /// expired jobs after twice as long.
    pub(super) fn expire(&self, state: &mut State) {
        let keep_for = self.options.keep_for;
        for job in state.jobs.values_mut() {
            if job.record.is_finished() && is_older(&job.record, keep_for) {
                self.layout.remove_outputs(&job.record);
                job.record.status = Stage::Expired;
                self.persist(&job.record);
            }
        }
        state.jobs.retain(|id, job| {
            let forgotten =
                job.record.status == Stage::Expired && is_older(&job.record, keep_for * 2);
            if forgotten {
                let _ = std::fs::remove_file(self.layout.record(id));
            }
            !forgotten
        });
    }

    /// Starts waiting jobs while workers are free, skipping sessions that already render; of the
    /// rest, the job of the owner with the fewest renders running goes first ([`fair`]).
    pub(super) fn pump(self: &Arc<Self>, state: &mut State) {
        while state.running < self.workers {
            let next = state
                .waiting
                .iter()
                .enumerate()
                .filter_map(|(at, id)| {
                    let job = state.jobs.get(id)?;
                    let free = !state.busy_sessions.contains(&job.record.session_id);
                    free.then(|| (state.owners.priority(&job.owner), at))
                })
                .min()
                .map(|(_, at)| at);
            let Some(id) = next.and_then(|at| state.waiting.remove(at)) else {
                break;
            };
            let Some(job) = state.jobs.get_mut(&id) else {
                continue;
            };
            let Some(accepted) = job.work.take() else {
                continue;
            };
            job.record.status = Stage::Processing;
            job.record.started_ms = Some(now_ms());
            self.persist(&job.record);
            state.owners.start(&job.owner);
            let cancel = job.cancel.clone();
            state.busy_sessions.insert(job.record.session_id.clone());
            state.running += 1;
            let inner = Arc::clone(self);
            self.runtime
                .spawn(async move { inner.work(accepted, cancel).await });
        }
    }

    /// Renders one job and records how it ended.
    pub(super) async fn work(self: Arc<Self>, accepted: Accepted, cancel: CancellationToken) {
        let Accepted { request, timeline } = accepted;
        let id = request.render_id.clone();
        let setting = job::Setting {
            layout: &self.layout,
            library_dir: &self.library_dir,
            fonts: &self.fonts,
            tools: &self.options.tools,
            encoder: &self.options.encoder,
            timeout: self.options.timeout,
            memory_limit: self.options.memory_limit,
            segments: self
                .options
                .segmented
                .then_some((&self.segment_cache, &self.segment_slots)),
        };
        let watcher = Arc::clone(&self);
        let progress_id = id.clone();
        let mut progress = move |done: u8| {
            let mut state = watcher.lock();
            if let Some(job) = state.jobs.get_mut(&progress_id) {
                job.record.progress = done;
            }
            drop(state);
            watcher.changed();
        };
        // A panic in a render must still end its job: otherwise it would stay "processing" and
        // hold its worker and its session's slot for good.
        let rendering = job::render(&request, &timeline, &setting, &cancel, &mut progress);
        let result = AssertUnwindSafe(rendering)
            .catch_unwind()
            .await
            .unwrap_or_else(|panic| {
                let what = panic_message(&*panic);
                tracing::error!(render = %id, panic = what, "a render panicked");
                Err(RenderError::Io {
                    context: "rendering".into(),
                    message: "the studio failed inside the render (its log says where)".into(),
                })
            });
        let mut guard = self.lock();
        let state = &mut *guard;
        if let Some(job) = state.jobs.get_mut(&id) {
            match result {
                Ok((output, report)) => {
                    job.record.status = Stage::Completed;
                    job.record.progress = 100;
                    job.record.output = Some(output);
                    job.record.peak_memory_bytes = report.peak_memory_bytes;
                    job.record.finished_ms = Some(now_ms());
                    if let Some(key) = job.record.cache_key.clone() {
                        state.finished_by_key.insert(key, id.clone());
                    }
                }
                Err(RenderError::Cancelled) => job.record.cancel(),
                Err(err) => job.record.fail(err.to_string()),
            }
            self.persist(&job.record);
        }
        state.busy_sessions.remove(&request.session_id);
        state.owners.finish(&request.owner);
        state.running = state.running.saturating_sub(1);
        self.pump(state);
        drop(guard);
        self.changed();
    }
}

/// Whether a job finished more than `age` ago.
fn is_older(record: &Record, age: Duration) -> bool {
    let finished = record.finished_ms.unwrap_or(record.created_ms);
    let age_ms = u64::try_from(age.as_millis()).unwrap_or(u64::MAX);
    now_ms().saturating_sub(finished) > age_ms
}

/// What a caught panic said, when it said it in words.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}
