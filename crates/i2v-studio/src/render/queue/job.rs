//! One render, from request to checked file: resolve the media the draft uses, plan, run, and
//! move the output and its poster into place; the scratch files go whatever happens.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::super::error::RenderError;
use super::super::fonts::Fonts;
use super::super::graph::{self, EncoderSettings, PlanEnv, settings_for};
use super::super::output::Format;
use super::super::request::RenderRequest;
use super::super::run::{self, Control, RunReport, Tools};
use super::super::segments::{self, Pool, SegmentCache};
use super::super::source::{self, Source};
use super::super::timeline::{MusicSource, Timeline};
use super::record::{Layout, OutputRecord};

/// What a job needs besides its request.
pub(crate) struct Setting<'a> {
    pub layout: &'a Layout,
    pub library_dir: &'a Path,
    pub fonts: &'a Fonts,
    pub tools: &'a Tools,
    pub encoder: &'a EncoderSettings,
    pub timeout: Duration,
    pub memory_limit: Option<u64>,
    /// Where H.264 renders go in segments: the cache of finished segments and the slots.
    pub segments: Option<(&'a SegmentCache, &'a Semaphore)>,
}

/// Renders a request, whose draft was read into `timeline` (on the frame its output asks for)
/// when it was accepted, into `<id>.<format>` and its poster into `<id>.poster.jpg`.
pub(crate) async fn render(
    request: &RenderRequest,
    timeline: &Timeline,
    setting: &Setting<'_>,
    cancel: &CancellationToken,
    progress: &mut (dyn FnMut(u8) + Send),
) -> Result<(OutputRecord, RunReport), RenderError> {
    let id = request.render_id.as_str();
    let format = request.output.format;
    let work = setting.layout.work(id);
    let files = Files {
        output: setting.layout.partial(id, format),
        poster: setting.layout.partial_poster(id),
    };
    let result = render_into(request, timeline, setting, &work, &files, cancel, progress).await;
    let _ = tokio::fs::remove_dir_all(&work).await;
    let kept = match result {
        Ok(report) => keep(setting.layout, id, format, &files, report).await,
        Err(err) => Err(err),
    };
    if kept.is_err() {
        let _ = tokio::fs::remove_file(&files.output).await;
        let _ = tokio::fs::remove_file(&files.poster).await;
    }
    kept
}

/// Where a render writes until it is kept.
struct Files {
    output: PathBuf,
    poster: PathBuf,
}

/// Moves a checked render's files into place and records what the file is, from its probe.
async fn keep(
    layout: &Layout,
    id: &str,
    format: Format,
    files: &Files,
    report: RunReport,
) -> Result<(OutputRecord, RunReport), RenderError> {
    let output = Layout::output_name(id, format);
    let poster = Layout::poster_name(id);
    // The poster first: an output in place is what makes a job's files complete.
    tokio::fs::rename(&files.poster, layout.file(&poster))
        .await
        .map_err(|err| RenderError::io("keeping the poster", &err))?;
    tokio::fs::rename(&files.output, layout.file(&output))
        .await
        .map_err(|err| RenderError::io("keeping the render", &err))?;
    let video = report.probe.video.as_ref();
    let record = OutputRecord {
        file: output,
        size: report.probe.size,
        width: video.map_or(0, |v| v.width),
        height: video.map_or(0, |v| v.height),
        // The video's own length, which the check held to the draft's: the container's may
        // run a few ms longer, to the end of the last audio frame.
        duration_ms: video
            .and_then(|v| v.duration_ms)
            .unwrap_or(report.probe.duration_ms),
        format: format.as_str().into(),
        fps: video.map_or(0, |v| v.fps.round() as u32),
        poster: Some(poster),
    };
    Ok((record, report))
}

async fn render_into(
    request: &RenderRequest,
    timeline: &Timeline,
    setting: &Setting<'_>,
    work: &Path,
    files: &Files,
    cancel: &CancellationToken,
    progress: &mut (dyn FnMut(u8) + Send),
) -> Result<RunReport, RenderError> {
    let deadline = Instant::now() + setting.timeout;
    let sources = resolve(request, timeline).await?;
    let encoder = settings_for(request.output.quality, setting.encoder);
    let env = PlanEnv {
        fonts: setting.fonts,
        library_dir: setting.library_dir,
        work_dir: work,
        output: &files.output,
        poster: &files.poster,
        format: request.output.format,
        quality: request.output.quality,
        encoder: &encoder,
    };
    if let Some((cache, slots)) = setting.segments {
        let format = request.output.format;
        if let Some(windows) = segments::windows_for(timeline, format, &encoder) {
            let content = content_of(request, &sources).await?;
            let pool = Pool {
                tools: setting.tools,
                cache,
                slots,
                timeout: setting.timeout,
                memory_limit: setting.memory_limit,
                cancel,
            };
            let rendering =
                segments::render(timeline, &sources, content, &env, &windows, &pool, progress);
            return rendering.await;
        }
    }
    let plan = graph::plan(timeline, &sources, &env)?;
    let control = Control {
        progress,
        cancel,
        deadline,
        limit: setting.timeout,
        memory_limit: setting.memory_limit,
    };
    run::execute(&plan, setting.tools, control).await
}

/// The SHA-256 of each resolved media file, by its path: as its upload recorded it, else read
/// from the file now.
async fn content_of(
    request: &RenderRequest,
    sources: &HashMap<String, Source>,
) -> Result<HashMap<PathBuf, String>, RenderError> {
    let files: Vec<(PathBuf, Option<String>)> = sources
        .iter()
        .map(|(id, source)| {
            let known = request.media.get(id).and_then(|file| file.sha256.clone());
            (source.path.clone(), known)
        })
        .collect();
    tokio::task::spawn_blocking(move || {
        files
            .into_iter()
            .map(|(path, known)| {
                let sha = match known {
                    Some(sha) => sha,
                    None => segments::sha256_of(&path)
                        .map_err(|err| RenderError::io("reading a media file", &err))?,
                };
                Ok((path, sha))
            })
            .collect()
    })
    .await
    .map_err(|err| RenderError::Io {
        context: "reading the media".into(),
        message: err.to_string(),
    })?
}

/// Resolves the media the draft uses (not every upload of the session) from their facts.
async fn resolve(
    request: &RenderRequest,
    timeline: &Timeline,
) -> Result<HashMap<String, Source>, RenderError> {
    let used =
        timeline
            .clips
            .iter()
            .map(|clip| clip.src.clone())
            .chain(
                timeline
                    .music
                    .iter()
                    .filter_map(|music| match MusicSource::read(&music.src) {
                        Ok(MusicSource::Media(id)) => Some(id),
                        Ok(MusicSource::Library(_)) | Err(_) => None,
                    }),
            );
    let mut files = Vec::new();
    for id in used {
        let file = request
            .media
            .get(&id)
            .cloned()
            .ok_or_else(|| RenderError::UnknownMedia { id: id.clone() })?;
        files.push((id, file));
    }
    tokio::task::spawn_blocking(move || {
        files
            .into_iter()
            .map(|(id, file)| source::resolve(&file).map(|source| (id, source)))
            .collect()
    })
    .await
    .map_err(|err| RenderError::Io {
        context: "reading the media".into(),
        message: err.to_string(),
    })?
}
