//! Render jobs: submitted, queued, run by a pool of workers, looked up and cancelled.
//!
//! Rules (`docs/PROTOCOL.md` §3.8, and ours):
//! - A job goes `pending → processing → completed | failed`, or to `cancelled` on request from
//!   either of the first two (its scratch files removed); progress runs 0–100.
//! - One export per session runs at a time; the session's others wait their turn, in order,
//!   while other sessions' jobs go ahead.
//! - The pool has one worker per two cores unless told otherwise: each ffmpeg uses two cores.
//! - A render is never made twice: a submitted job whose [`RenderRequest::cache_key`] matches a
//!   completed job of the same session whose output is still there completes at once, its
//!   output a hard link to the earlier one (each job's file then lives and expires on its own).
//! - Jobs live in `<data>/renders/` as `<id>.json` beside `<id>.<format>` and
//!   `<id>.poster.jpg`. On opening, a job that was pending or processing when the studio
//!   stopped is failed as "interrupted"; outputs older than `keep_for` are removed with their
//!   posters and their job answers "expired" (until its record is swept too, after twice as
//!   long, when the id becomes unknown).

mod fair;
mod job;
mod options;
mod record;
mod status;
mod worker;

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::{Semaphore, watch};
use tokio_util::sync::CancellationToken;

use super::error::QueueError;
use super::fonts::Fonts;
use super::request::{RenderRequest, check_render_id};
use super::run::Tools;
use super::segments::SegmentCache;
use super::timeline::{self, Timeline};
pub use fair::MAX_WAITING_PER_OWNER;
use fair::Owners;
use options::default_slots;
pub use options::{DEFAULT_MEMORY_LIMIT, RenderOptions};
use record::{Layout, Record, Stage};
pub use status::{JobState, JobStatus, RenderOutput};

/// The render queue: cheap to clone, shared by every request handler.
#[derive(Clone)]
pub struct RenderQueue {
    inner: Arc<Inner>,
}

struct Inner {
    layout: Layout,
    library_dir: PathBuf,
    fonts: Fonts,
    options: RenderOptions,
    workers: usize,
    runtime: tokio::runtime::Handle,
    /// Finished segments, by their job's key.
    segment_cache: SegmentCache,
    /// Segment ffmpegs that may run now, across every render.
    segment_slots: Semaphore,
    state: Mutex<State>,
    /// Bumped at every change, so waiters wake up.
    changes: watch::Sender<u64>,
}

#[derive(Default)]
struct State {
    jobs: HashMap<String, Job>,
    waiting: VecDeque<String>,
    busy_sessions: HashSet<String>,
    /// Renders waiting and running, by owner: who a free worker serves next.
    owners: Owners,
    running: usize,
    /// Completed jobs by their cache key.
    finished_by_key: HashMap<String, String>,
}

struct Job {
    record: Record,
    /// Who asked for it (empty for jobs recovered from an earlier run, which never wait).
    owner: String,
    /// The work, until a worker takes it.
    work: Option<Accepted>,
    cancel: CancellationToken,
}

/// A request the queue accepted, with the timeline read from its draft at submit: the one
/// reading of the draft the render uses.
struct Accepted {
    request: RenderRequest,
    timeline: Timeline,
}

impl RenderQueue {
    /// Opens the queue on a data directory: recovers the jobs a previous run left, then is
    /// ready for work. Must be called within a tokio runtime, where the renders will run.
    pub fn open(options: RenderOptions) -> Result<RenderQueue, QueueError> {
        let runtime = tokio::runtime::Handle::try_current().map_err(|_| QueueError::NoRuntime)?;
        let storage = |err: std::io::Error| QueueError::Storage(err.to_string());
        let layout = Layout {
            renders: options.data_dir.join("renders"),
        };
        std::fs::create_dir_all(&layout.renders).map_err(storage)?;
        layout.sweep_leftovers().map_err(storage)?;
        let mut jobs = HashMap::new();
        for mut record in layout.load_all().map_err(storage)? {
            if recover(&mut record, &layout) {
                layout.save(&record).map_err(storage)?;
            }
            let job = Job {
                record,
                owner: String::new(),
                work: None,
                cancel: CancellationToken::new(),
            };
            jobs.insert(job.record.id.clone(), job);
        }
        let workers = match options.workers {
            0 => std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1)),
            n => n,
        };
        let fonts = options.fonts.clone().unwrap_or_else(Fonts::discover);
        let segment_cache =
            SegmentCache::open(layout.renders.join("segments"), options.segment_cache_bytes)
                .map_err(storage)?;
        let slots = match options.segment_slots {
            0 => default_slots(),
            n => n,
        };
        let inner = Arc::new(Inner {
            layout,
            library_dir: options.data_dir.join("music"),
            fonts,
            options,
            workers,
            runtime,
            segment_cache,
            segment_slots: Semaphore::new(slots),
            state: Mutex::new(State {
                jobs,
                ..State::default()
            }),
            changes: watch::Sender::new(0),
        });
        let mut state = inner.lock();
        inner.expire(&mut state);
        let finished: Vec<(String, String)> = state
            .jobs
            .values()
            .filter(|job| job.record.status == Stage::Completed)
            .filter_map(|job| Some((job.record.cache_key.clone()?, job.record.id.clone())))
            .collect();
        state.finished_by_key.extend(finished);
        drop(state);
        Ok(RenderQueue { inner })
    }

    /// How many renders run at once.
    pub fn workers(&self) -> usize {
        self.inner.workers
    }

    /// The programs renders run, for other work that runs them the same way (previews).
    pub fn tools(&self) -> &Tools {
        &self.inner.options.tools
    }

    /// The most memory one ffmpeg may hold (`None`: no limit), for other work that runs it.
    pub fn memory_limit(&self) -> Option<u64> {
        self.inner.options.memory_limit
    }

    /// Where the library's music is synthesised to (`music/` in the data dir).
    pub fn library_dir(&self) -> &std::path::Path {
        &self.inner.library_dir
    }

    /// Queues a render. The draft is checked first: no video clips, unknown media or unknown
    /// library music refuse the job at once.
    pub fn submit(&self, request: RenderRequest) -> Result<JobStatus, QueueError> {
        check_render_id(&request.render_id)?;
        let kind_of = |id: &str| request.media.get(id).map(|file| file.kind);
        let timeline = timeline::build(&request.draft, request.render_canvas(), &kind_of)?;
        let id = request.render_id.clone();
        let mut state = self.inner.lock();
        self.inner.expire(&mut state);
        if state.jobs.contains_key(&id) || self.inner.layout.record(&id).exists() {
            return Err(QueueError::DuplicateId(id));
        }
        let key = request.cache_key();
        if let Some(done) = self.inner.reuse(&mut state, &request, &key) {
            self.inner.changed();
            return Ok(done);
        }
        state.owners.queue(&request.owner)?;
        let owner = request.owner.clone();
        let mut record = Record::pending(&id, &request.session_id);
        record.cache_key = Some(key);
        self.inner
            .layout
            .save(&record)
            .map_err(|err| QueueError::Storage(err.to_string()))?;
        let job = Job {
            record,
            owner,
            work: Some(Accepted { request, timeline }),
            cancel: CancellationToken::new(),
        };
        state.jobs.insert(id.clone(), job);
        state.waiting.push_back(id.clone());
        self.inner.pump(&mut state);
        self.inner.changed();
        status_of(&state, &self.inner.layout, &id)
    }

    /// Where a job is.
    pub fn status(&self, id: &str) -> Result<JobStatus, QueueError> {
        check_render_id(id)?;
        let mut state = self.inner.lock();
        self.inner.expire(&mut state);
        status_of(&state, &self.inner.layout, id)
    }

    /// Cancels a job: a pending one at once, a running one as soon as ffmpeg is stopped (its
    /// partial output removed); a finished one is left as it is.
    pub fn cancel(&self, id: &str) -> Result<JobStatus, QueueError> {
        check_render_id(id)?;
        let mut state = self.inner.lock();
        let job = state
            .jobs
            .get_mut(id)
            .ok_or_else(|| QueueError::Unknown(id.into()))?;
        job.cancel.cancel();
        if job.record.status == Stage::Pending {
            job.record.cancel();
            job.work = None;
            self.inner.persist(&job.record);
            let owner = job.owner.clone();
            state.owners.drop_waiting(&owner);
            state.waiting.retain(|waiting| waiting != id);
            self.inner.changed();
        }
        status_of(&state, &self.inner.layout, id)
    }

    /// Waits until a job has completed or failed, and reports it.
    pub async fn wait(&self, id: &str) -> Result<JobStatus, QueueError> {
        let mut changes = self.inner.changes.subscribe();
        loop {
            let status = self.status(id)?;
            if status.status.is_final() {
                return Ok(status);
            }
            if changes.changed().await.is_err() {
                return Ok(status);
            }
        }
    }
}

/// Brings a record read at start-up up to date; says whether it changed: a job that was
/// pending or processing was interrupted by the stop, and a completed job whose output is gone
/// has expired.
fn recover(record: &mut Record, layout: &Layout) -> bool {
    match record.status {
        Stage::Pending | Stage::Processing => {
            record.fail("interrupted: the studio stopped before the render finished");
            true
        }
        Stage::Completed
            if !record
                .output
                .as_ref()
                .is_some_and(|output| layout.file(&output.file).is_file()) =>
        {
            record.status = Stage::Expired;
            true
        }
        _ => false,
    }
}

/// Reports a job from the queue's state.
fn status_of(state: &State, layout: &Layout, id: &str) -> Result<JobStatus, QueueError> {
    let record = state.jobs.get(id).map(|job| &job.record);
    status::report(record, &state.waiting, layout, id)
}
