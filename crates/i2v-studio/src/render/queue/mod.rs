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
mod record;
mod status;

use std::collections::{HashMap, HashSet, VecDeque};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use futures_util::FutureExt;
use tokio::sync::{Semaphore, watch};
use tokio_util::sync::CancellationToken;

use super::error::{QueueError, RenderError};
use super::fonts::Fonts;
use super::graph::EncoderSettings;
use super::request::{RenderRequest, check_render_id};
use super::run::Tools;
use super::segments::{DEFAULT_CACHE_BYTES, SegmentCache};
use super::timeline::{self, Timeline};
pub use fair::MAX_WAITING_PER_OWNER;
use fair::Owners;
use record::{Layout, Record, Stage, now_ms};
pub use status::{JobState, JobStatus, RenderOutput};

/// The memory one ffmpeg may hold by default: several times what a 1080p render of 20 photos
/// holds in one graph (about 1 GiB), far below what a decode bomb would take.
pub const DEFAULT_MEMORY_LIMIT: u64 = 4 << 30;

/// How the queue works; [`RenderOptions::new`] gives the defaults.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The studio's data directory: renders go to `renders/`, library music to `music/`.
    pub data_dir: PathBuf,
    /// Renders at a time; 0: one per two cores, at least one.
    pub workers: usize,
    /// The longest one render may take.
    pub timeout: Duration,
    /// How long finished outputs are kept.
    pub keep_for: Duration,
    /// The programs to run.
    pub tools: Tools,
    /// How to encode.
    pub encoder: EncoderSettings,
    /// The fonts; `None`: found on this machine when the queue opens.
    pub fonts: Option<Fonts>,
    /// Whether H.264 exports are rendered in segments (false: one filter graph each).
    pub segmented: bool,
    /// How many segment ffmpegs run at once across every render; 0: one per core, fewer
    /// where the memory available would not hold them.
    pub segment_slots: usize,
    /// The most bytes of finished segments kept for reuse (`renders/segments/`).
    pub segment_cache_bytes: u64,
    /// The most memory one ffmpeg may hold, in bytes (`None`: no limit); a render that needs
    /// more fails with [`RenderError::OverMemory`].
    pub memory_limit: Option<u64>,
}

impl RenderOptions {
    /// The defaults for a data directory: workers by cores, 10 minutes a render (a segmented
    /// render: 10 minutes for each of its ffmpegs), 4 GiB for each ffmpeg, outputs kept for 7
    /// days, H.264 exports in segments, segment slots by cores and memory, 2 GiB of finished
    /// segments kept.
    pub fn new(data_dir: impl Into<PathBuf>) -> RenderOptions {
        RenderOptions {
            data_dir: data_dir.into(),
            workers: 0,
            timeout: Duration::from_secs(600),
            keep_for: Duration::from_secs(7 * 24 * 3600),
            tools: Tools::default(),
            encoder: EncoderSettings::default(),
            fonts: None,
            memory_limit: Some(DEFAULT_MEMORY_LIMIT),
            segmented: true,
            segment_slots: 0,
            segment_cache_bytes: DEFAULT_CACHE_BYTES,
        }
    }
}

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

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state half-changed in a way that
        // matters more than stopping every export, so a poisoned lock is used as it is.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn changed(&self) {
        self.changes.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// Completes `request` at once with the output of a completed job of its session that
    /// rendered the same video, when there is one whose file is still there.
    fn reuse(&self, state: &mut State, request: &RenderRequest, key: &str) -> Option<JobStatus> {
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

    fn persist(&self, record: &Record) {
        if let Err(err) = self.layout.save(record) {
            tracing::error!(id = %record.id, %err, "cannot save a render record");
        }
    }

    /// Removes outputs older than `keep_for` (their jobs then answer "expired"), and forgets
    /// expired jobs after twice as long.
    fn expire(&self, state: &mut State) {
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
    fn pump(self: &Arc<Self>, state: &mut State) {
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
    async fn work(self: Arc<Self>, accepted: Accepted, cancel: CancellationToken) {
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

/// What one segment ffmpeg is budgeted in memory when sizing the slots: a few 1080p clips'
/// composed frames, their buffers and x264's lookahead, with room to spare.
const SEGMENT_MEMORY_BYTES: u64 = 512 * 1024 * 1024;

/// One segment slot per core, fewer where the memory available now would not hold them all.
fn default_slots() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let available = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            let line = info
                .lines()
                .find(|line| line.starts_with("MemAvailable:"))?;
            let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kib * 1024)
        });
    let by_memory = available.map_or(cores, |bytes| {
        usize::try_from(bytes / SEGMENT_MEMORY_BYTES).unwrap_or(usize::MAX)
    });
    cores.min(by_memory).max(1)
}

/// Whether a job finished more than `age` ago.
fn is_older(record: &Record, age: Duration) -> bool {
    let finished = record.finished_ms.unwrap_or(record.created_ms);
    let age_ms = u64::try_from(age.as_millis()).unwrap_or(u64::MAX);
    now_ms().saturating_sub(finished) > age_ms
}

/// Reports a job from the queue's state.
fn status_of(state: &State, layout: &Layout, id: &str) -> Result<JobStatus, QueueError> {
    let record = state.jobs.get(id).map(|job| &job.record);
    status::report(record, &state.waiting, layout, id)
}

/// What a caught panic said, when it said it in words.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}
