//! A segment job as a plain value: its inputs named by content (SHA-256), the files it writes,
//! the conversions it runs, ffmpeg's arguments with every path relative to the job's own
//! directory, and the one file it makes. Nothing in it names this machine's disk, so its key
//! ([`SegmentJob::key`]) is the same wherever and whenever the same pixels are asked for, and
//! the job could be carried to another machine as it is (`docs/RENDER_SEGMENTS.md`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::super::error::RenderError;
use super::super::graph::FfmpegPlan;

/// Bumped when what a job's bytes mean changes without its arguments changing (a new way of
/// running it), so that older cached outputs are not taken for new ones.
const JOB_VERSION: &str = "i2v segment job 1";

/// One file a job reads: fetched by its content hash, placed under `file` in its directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct JobInput {
    /// The SHA-256 of its bytes, in hex.
    pub(crate) sha256: String,
    /// Its name in the job's directory: the hash and the original extension (ffmpeg's picture
    /// reader goes by the extension).
    pub(crate) file: String,
    /// What the user called it, for error messages.
    pub(crate) name: String,
}

/// One run of ffmpeg that makes one file from inputs named by content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SegmentJob {
    /// The files it reads.
    pub(crate) inputs: Vec<JobInput>,
    /// Files to write into its directory first (name, contents): the filter graph, the texts.
    pub(crate) files: Vec<(String, String)>,
    /// HEIF pictures to convert first: (name for messages, from, to), names in its directory.
    pub(crate) conversions: Vec<(String, String, String)>,
    /// ffmpeg's arguments, run in its directory.
    pub(crate) args: Vec<String>,
    /// The file it makes, in its directory.
    pub(crate) output: String,
    /// How long that file lasts, in ms.
    pub(crate) duration_ms: u64,
}

impl SegmentJob {
    /// The job for a plan made with a relative work directory and output (so that its own
    /// files are named within the job's directory): every input the plan reads from `content`
    /// (a file's path to its SHA-256) is renamed to its content name.
    pub(crate) fn from_plan(
        plan: &FfmpegPlan,
        content: &HashMap<PathBuf, String>,
    ) -> Result<SegmentJob, RenderError> {
        let mut inputs: Vec<JobInput> = Vec::new();
        let mut renamed: HashMap<String, String> = HashMap::new();
        let mut by_content = |path: &Path, name: &str| -> Option<String> {
            let sha256 = content.get(path)?;
            let extension = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_else(|| "bin".into());
            let file = format!("{sha256}.{extension}");
            if !inputs.iter().any(|input| input.file == file) {
                inputs.push(JobInput {
                    sha256: sha256.clone(),
                    file: file.clone(),
                    name: name.to_owned(),
                });
            }
            Some(file)
        };
        for (arg, name) in &plan.inputs {
            let path = Path::new(arg.strip_prefix("file:").unwrap_or(arg));
            if let Some(file) = by_content(path, name) {
                renamed.insert(arg.clone(), format!("file:{file}"));
            } else if path.is_absolute() {
                // Every file outside the job's directory must be named by content.
                return Err(RenderError::UnknownMedia { id: name.clone() });
            }
        }
        let mut conversions = Vec::new();
        for (name, from, to) in &plan.conversions {
            let from = by_content(from, name)
                .ok_or_else(|| RenderError::UnknownMedia { id: name.clone() })?;
            conversions.push((name.clone(), from, relative(to)?));
        }
        let args = plan
            .args
            .iter()
            .map(|arg| renamed.get(arg).cloned().unwrap_or_else(|| arg.clone()))
            .collect();
        let files = plan
            .files
            .iter()
            .map(|(path, contents)| Ok((relative(path)?, contents.clone())))
            .collect::<Result<_, RenderError>>()?;
        Ok(SegmentJob {
            inputs,
            files,
            conversions,
            args,
            output: relative(&plan.output)?,
            duration_ms: plan.duration_ms,
        })
    }

    /// What names its output: the SHA-256 of the whole job, which holds everything that
    /// decides its bytes (its inputs' contents, its texts, its filter graph, its encoder).
    pub(crate) fn key(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        let digest = Sha256::digest(format!("{JOB_VERSION}\n{json}").as_bytes());
        hex(&digest)
    }

    /// Its inputs as ffmpeg names them, with their names, for error messages.
    pub(crate) fn named_inputs(&self) -> Vec<(String, String)> {
        self.inputs
            .iter()
            .map(|input| (format!("file:{}", input.file), input.name.clone()))
            .collect()
    }
}

/// A plan's own file, which must lie inside its directory.
fn relative(path: &Path) -> Result<String, RenderError> {
    let text = path
        .to_str()
        .ok_or_else(|| RenderError::PathNotUtf8(path.to_string_lossy().into_owned()))?;
    if path.is_absolute() || text.contains("..") {
        return Err(RenderError::Io {
            context: "planning a segment".into(),
            message: format!("{text} lies outside the segment's directory"),
        });
    }
    Ok(text.to_owned())
}

/// Bytes in lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The SHA-256 of a file's bytes, in hex, read in pieces.
pub(crate) fn sha256_of(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(buffer.get(..read).unwrap_or_default());
    }
    Ok(hex(&hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use super::super::super::output::Format;
    use super::super::super::request::Canvas;
    use super::*;

    fn plan(picture: &str, text: &str) -> FfmpegPlan {
        FfmpegPlan {
            args: vec![
                "-i".into(),
                format!("file:{picture}"),
                "-filter_complex_script".into(),
                "graph.txt".into(),
                "file:segment.mp4".into(),
            ],
            palette_pass: None,
            files: vec![
                ("graph.txt".into(), "[0:v]null[vout]".into()),
                ("text-0.txt".into(), text.into()),
            ],
            conversions: Vec::new(),
            music: Vec::new(),
            inputs: vec![(format!("file:{picture}"), "beach.jpg".into())],
            output: "segment.mp4".into(),
            format: Format::Mp4,
            poster: PathBuf::new(),
            poster_seconds: 0.0,
            canvas: Canvas::new(320, 180, 30),
            frames: 30,
            duration_ms: 1000,
        }
    }

    #[test]
    fn inputs_are_named_by_content_and_the_key_ignores_where_they_are() {
        let content = |path: &str| HashMap::from([(PathBuf::from(path), "ab12".to_string())]);
        let here = SegmentJob::from_plan(&plan("/a/beach.JPG", "Hi"), &content("/a/beach.JPG"));
        let there = SegmentJob::from_plan(&plan("/b/other.jpg", "Hi"), &content("/b/other.jpg"));
        let (here, there) = (here.expect("job"), there.expect("job"));
        assert_eq!(here.args.get(1).map(String::as_str), Some("file:ab12.jpg"));
        assert_eq!(
            here.inputs.first().map(|i| i.file.as_str()),
            Some("ab12.jpg")
        );
        assert_eq!(here.key(), there.key());
        let worded = SegmentJob::from_plan(&plan("/a/beach.JPG", "Ho"), &content("/a/beach.JPG"));
        assert_ne!(
            worded.expect("job").key(),
            here.key(),
            "a text is part of the key"
        );
        let unknown = SegmentJob::from_plan(&plan("/a/beach.JPG", "Hi"), &HashMap::new());
        assert!(unknown.is_err(), "a file not named by content is refused");
    }
}
