//! One render, from request to checked MP4: resolve the media the draft uses, plan, run, and
//! move the output into place; the scratch files go whatever happens.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::super::error::RenderError;
use super::super::fonts::Fonts;
use super::super::graph::{self, EncoderSettings, PlanEnv};
use super::super::request::RenderRequest;
use super::super::run::{self, Control, RunReport, Tools};
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
}

/// Renders a request, whose draft was read into `timeline` when it was accepted, into `<id>.mp4`.
pub(crate) async fn render(
    request: &RenderRequest,
    timeline: &Timeline,
    setting: &Setting<'_>,
    cancel: &CancellationToken,
    progress: &mut (dyn FnMut(u8) + Send),
) -> Result<(OutputRecord, RunReport), RenderError> {
    let id = request.render_id.as_str();
    let work = setting.layout.work(id);
    let partial = setting.layout.partial(id);
    let result = render_into(
        request, timeline, setting, &work, &partial, cancel, progress,
    )
    .await;
    let _ = tokio::fs::remove_dir_all(&work).await;
    match result {
        Ok(report) => {
            let output = setting.layout.output(id);
            tokio::fs::rename(&partial, &output)
                .await
                .map_err(|err| RenderError::io("keeping the render", &err))?;
            let video = report.probe.video.as_ref();
            let record = OutputRecord {
                file: format!("{id}.mp4"),
                size: report.probe.size,
                width: video.map_or(0, |v| v.width),
                height: video.map_or(0, |v| v.height),
                duration_ms: report.probe.duration_ms,
            };
            Ok((record, report))
        }
        Err(err) => {
            let _ = tokio::fs::remove_file(&partial).await;
            Err(err)
        }
    }
}

async fn render_into(
    request: &RenderRequest,
    timeline: &Timeline,
    setting: &Setting<'_>,
    work: &Path,
    partial: &Path,
    cancel: &CancellationToken,
    progress: &mut (dyn FnMut(u8) + Send),
) -> Result<RunReport, RenderError> {
    let deadline = Instant::now() + setting.timeout;
    let sources = resolve(request, timeline).await?;
    let env = PlanEnv {
        fonts: setting.fonts,
        library_dir: setting.library_dir,
        work_dir: work,
        output: partial,
        encoder: setting.encoder,
    };
    let plan = graph::plan(timeline, &sources, &env)?;
    let control = Control {
        progress,
        cancel,
        deadline,
        limit: setting.timeout,
    };
    run::execute(&plan, setting.tools, control).await
}

/// Resolves the media the draft uses (not every upload of the session) from their facts.
async fn resolve(
    request: &RenderRequest,
    timeline: &Timeline,
) -> Result<HashMap<String, Source>, RenderError> {
    let used = timeline
        .clips
        .iter()
        .map(|clip| clip.media_id.clone())
        .chain(
            timeline
                .music
                .iter()
                .filter_map(|music| match &music.source {
                    MusicSource::Media(id) => Some(id.clone()),
                    MusicSource::Library(_) => None,
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
