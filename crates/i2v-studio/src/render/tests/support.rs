//! What the rendering tests share: scratch directories, pictures made with ffmpeg, requests,
//! and ways to look at a finished MP4 (frames as pixels, loudness).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use i2v_core::draft::Draft;
use serde_json::Value;

use super::super::{
    Canvas, MediaFile, MediaKind, OutputSpec, RenderOptions, RenderQueue, RenderRequest,
};

/// A directory under the system's temp dir, removed when dropped.
pub(crate) struct Scratch {
    pub path: PathBuf,
}

impl Scratch {
    pub(crate) fn new(name: &str) -> Scratch {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("i2v-render-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("scratch directory");
        Scratch { path }
    }

    pub(crate) fn join(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Runs ffmpeg quietly and insists that it worked.
pub(crate) fn ffmpeg(args: &[&str]) {
    let output = Command::new("ffmpeg")
        .args(["-v", "error", "-y"])
        .args(args)
        .output()
        .expect("ffmpeg runs (apt-get install ffmpeg)");
    assert!(
        output.status.success(),
        "ffmpeg {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A picture of a lavfi source (`color=red:s=320x240`, …) written to `path`, whatever its name
/// (written under a plain name first: ffmpeg's image writer reads `%d` in a name as a pattern).
pub(crate) fn picture(source: &str, path: &Path) {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("png");
    let plain = std::env::temp_dir().join(format!(
        "i2v-picture-{}-{n}.{extension}",
        std::process::id()
    ));
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        source,
        "-frames:v",
        "1",
        "-q:v",
        "2",
        plain.to_str().expect("utf-8 path"),
    ]);
    std::fs::copy(&plain, path).expect("picture copied");
    let _ = std::fs::remove_file(&plain);
}

/// The picture at `png` encoded as HEIC at `heic`, by libheif-examples' `heif-enc` (which the
/// studio needs anyway, for `heif-convert`).
pub(crate) fn heic_from(png: &Path, heic: &Path) {
    let encoded = Command::new("heif-enc")
        .args(["-q", "90", "-o"])
        .arg(heic)
        .arg(png)
        .output()
        .expect("heif-enc runs (apt-get install libheif-examples)");
    assert!(
        encoded.status.success(),
        "{}",
        String::from_utf8_lossy(&encoded.stderr)
    );
}

/// A media file of a kind, named after its file.
pub(crate) fn media(path: &Path, kind: MediaKind) -> MediaFile {
    MediaFile::new(path, kind)
}

/// A request for a draft.
pub(crate) fn request(
    id: &str,
    session: &str,
    draft: Value,
    media: Vec<(&str, MediaFile)>,
    canvas: Canvas,
) -> RenderRequest {
    RenderRequest {
        render_id: id.into(),
        session_id: session.into(),
        // Each session its own owner: the tests of fairness name theirs.
        owner: session.into(),
        draft: Draft::from_value(draft).expect("a valid draft"),
        media: media
            .into_iter()
            .map(|(id, file)| (id.to_string(), file))
            .collect::<HashMap<_, _>>(),
        canvas,
        output: OutputSpec::default(),
    }
}

/// A queue on a scratch data directory, with a short time limit.
pub(crate) fn queue(data: &Scratch, workers: usize) -> RenderQueue {
    let mut options = RenderOptions::new(&data.path);
    options.workers = workers;
    options.timeout = Duration::from_secs(60);
    RenderQueue::open(options).expect("queue opens")
}

/// One frame of a video at `seconds`, as RGB bytes, `width`x`height`.
pub(crate) fn frame(video: &Path, seconds: f64, width: u32, height: u32) -> Frame {
    let output = Command::new("ffmpeg")
        .args(["-v", "error", "-ss", &format!("{seconds:.3}"), "-i"])
        .arg(video)
        .args(["-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        .output()
        .expect("ffmpeg runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        output.stdout.len(),
        (width * height * 3) as usize,
        "frame at {seconds}"
    );
    Frame {
        rgb: output.stdout,
        width,
    }
}

/// A decoded frame.
pub(crate) struct Frame {
    rgb: Vec<u8>,
    width: u32,
}

impl Frame {
    /// The mean red, green and blue over a rectangle (`x0..x1`, `y0..y1`).
    pub(crate) fn mean(&self, x0: u32, y0: u32, x1: u32, y1: u32) -> [f64; 3] {
        let mut sum = [0.0; 3];
        let mut count = 0.0;
        for y in y0..y1 {
            for x in x0..x1 {
                let at = ((y * self.width + x) * 3) as usize;
                for (channel, total) in sum.iter_mut().enumerate() {
                    *total += f64::from(self.rgb[at + channel]);
                }
                count += 1.0;
            }
        }
        sum.map(|total| total / count)
    }

    /// The share of pixels in a rectangle whose every channel is above `level`: near white.
    pub(crate) fn white_share(&self, x0: u32, y0: u32, x1: u32, y1: u32, level: u8) -> f64 {
        let mut white = 0.0;
        let mut count = 0.0;
        for y in y0..y1 {
            for x in x0..x1 {
                let at = ((y * self.width + x) * 3) as usize;
                if self.rgb[at..at + 3].iter().all(|c| *c > level) {
                    white += 1.0;
                }
                count += 1.0;
            }
        }
        white / count
    }

    /// The share of pixels in a rectangle that are clearly red: a strong red channel, weak
    /// green and blue.
    pub(crate) fn red_share(&self, x0: u32, y0: u32, x1: u32, y1: u32) -> f64 {
        let mut red = 0.0;
        let mut count = 0.0;
        for y in y0..y1 {
            for x in x0..x1 {
                let at = ((y * self.width + x) * 3) as usize;
                if let [r, g, b] = self.rgb[at..at + 3] {
                    if r > 180 && g < 120 && b < 120 {
                        red += 1.0;
                    }
                }
                count += 1.0;
            }
        }
        red / count
    }

    /// The mean brightness over a rectangle.
    pub(crate) fn brightness(&self, x0: u32, y0: u32, x1: u32, y1: u32) -> f64 {
        self.mean(x0, y0, x1, y1).iter().sum::<f64>() / 3.0
    }
}

/// The mean loudness of a file's audio in dB (ffmpeg's `volumedetect`; -91 dB is silence).
pub(crate) fn mean_volume(video: &Path) -> f64 {
    mean_volume_of(video, 0.0, f64::MAX)
}

/// The mean loudness in dB of `length` seconds of a file's audio from `from`.
pub(crate) fn mean_volume_of(video: &Path, from: f64, length: f64) -> f64 {
    let mut command = Command::new("ffmpeg");
    command.args(["-v", "info", "-ss", &format!("{from:.3}")]);
    if length.is_finite() && length < 1e9 {
        command.args(["-t", &format!("{length:.3}")]);
    }
    let output = command
        .arg("-i")
        .arg(video)
        .args(["-af", "volumedetect", "-vn", "-f", "null", "-"])
        .output()
        .expect("ffmpeg runs");
    let log = String::from_utf8_lossy(&output.stderr);
    log.lines()
        .find_map(|line| line.split("mean_volume:").nth(1))
        .and_then(|rest| rest.trim().trim_end_matches("dB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no mean_volume in {log}"))
}

/// The top-level boxes of an MP4, in order (`ftyp`, `moov`, `mdat`…).
pub(crate) fn mp4_boxes(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).expect("mp4 readable");
    let mut boxes = Vec::new();
    let mut at = 0usize;
    while at + 8 <= bytes.len() {
        let size = u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes")) as usize;
        boxes.push(String::from_utf8_lossy(&bytes[at + 4..at + 8]).into_owned());
        let size = match size {
            1 => u64::from_be_bytes(bytes[at + 8..at + 16].try_into().expect("8 bytes")) as usize,
            0 => bytes.len() - at,
            size => size,
        };
        at += size.max(8);
    }
    boxes
}

/// Whether a colour is close to another, channel by channel.
pub(crate) fn near(color: [f64; 3], expected: [f64; 3], tolerance: f64) -> bool {
    color
        .iter()
        .zip(expected)
        .all(|(c, e)| (c - e).abs() <= tolerance)
}
