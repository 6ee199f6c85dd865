//! The render bench: drafts of 5, 20 and 60 photos of mixed shapes at 1920x1080 and 30 fps,
//! each photo 3 s with a slow zoom and a 1 s cross-fade, library music at 35% with fades, a 3 s
//! title, each rendered by the single filter graph and in segments, side by side in one run.
//! For each: the wall time and its share of the video's length, the CPU time of every ffmpeg
//! the render ran and the cores that makes, the peak memory, and for the segmented render the
//! time of the same export asked again from another session (served by the cache).
//!
//! Peak memory is measured two ways. "peak RSS sum" is the largest sum of the resident memory
//! (`VmRSS`) of all of the render's ffmpegs alive at one time, sampled every 50 ms: what the
//! machine must hold while segments run side by side. "largest ffmpeg" is the largest peak of
//! one ffmpeg (`getrusage` of each child as the queue reaps it), which alone would miss that
//! several run at once.
//!
//! Run with `cargo bench -p i2v-studio --bench render`. Knobs, for experiments:
//! `I2V_BENCH_PHOTOS` (`5,20,60`), `I2V_BENCH_CLIP_MS` (3000), `I2V_BENCH_MODES`
//! (`single,segmented`), `I2V_BENCH_PRESET`, `I2V_BENCH_CRF`, `I2V_BENCH_X264` (x264 params),
//! `I2V_BENCH_FILTER_THREADS`, `I2V_BENCH_THREADS`; `I2V_BENCH_OUTPUT`, the export's `output`
//! as JSON (`{"quality": "preview"}`); `I2V_BENCH_KEEP` keeps the photos and videos.
//!
//! The photos are synthesised (no photos ship with the project): fractal noise with the
//! 1/f spectrum of natural images, coloured like landscapes, at phone-camera sizes, saved as
//! high-quality JPEGs. Flat test patterns would flatter the encoder. Five are made and used in
//! turn: a render reads each clip's photo as its own input, so repeats cost as new photos do.
//! Each is given its SHA-256 as an upload records it, so a render names it by content without
//! reading it again.
#![allow(clippy::print_stdout)] // A benchmark reports on stdout.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use i2v_core::draft::Draft;
use i2v_studio::library::Bed;
use i2v_studio::render::{
    Canvas, EncoderSettings, JobState, MediaFile, MediaKind, OutputAsk, OutputSpec, RenderOptions,
    RenderQueue, RenderRequest, music,
};
use serde_json::json;

/// The photos: (file, width, height, seed).
const PHOTOS: [(&str, u32, u32, u32); 5] = [
    ("landscape-4x3.jpg", 4032, 3024, 1),
    ("portrait-3x4.jpg", 3024, 4032, 2),
    ("wide-16x9.jpg", 1920, 1080, 3),
    ("square.jpg", 2048, 2048, 4),
    ("tall-9x16.jpg", 1080, 1920, 5),
];

fn main() {
    let counts: Vec<usize> = env("I2V_BENCH_PHOTOS")
        .unwrap_or_else(|| "5,20,60".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let clip_ms: u64 = env("I2V_BENCH_CLIP_MS")
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let dir = std::env::temp_dir().join(format!("i2v-bench-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    println!("render bench: preparing 5 photos in {}", dir.display());
    let photos: Vec<PathBuf> = PHOTOS
        .iter()
        .map(|(name, w, h, seed)| {
            let path = dir.join(name);
            photo(&path, *w, *h, *seed);
            path
        })
        .collect();
    let library = dir.join("data/music");
    let started = Instant::now();
    let bed = music::bed_path(&library, Bed::Lofi);
    music::ensure_bed(Bed::Lofi, &bed).expect("music synthesised");
    println!(
        "library music 'lofi' synthesised once in {:.2} s (cached after); cores: {}",
        started.elapsed().as_secs_f64(),
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let modes: Vec<bool> = env("I2V_BENCH_MODES")
        .unwrap_or_else(|| "single,segmented".into())
        .split(',')
        .filter_map(|mode| match mode.trim() {
            "single" => Some(false),
            "segmented" => Some(true),
            _ => None,
        })
        .collect();
    // Each photo's SHA-256, as its upload records it.
    let hashes: Vec<String> = photos.iter().map(|path| sha256_hex(path)).collect();
    println!(
        "photos | mode      | video s | wall s | x real time | ffmpeg CPU s | cores used \
         | peak RSS sum MiB | largest ffmpeg MiB |   MB | repeat s | repeat/first"
    );
    let mut rows: Vec<(usize, bool, Measured, Option<Measured>)> = Vec::new();
    for count in counts {
        let media: HashMap<String, MediaFile> = (0..count)
            .map(|i| {
                let path = photos.get(i % photos.len()).expect("a photo");
                let mut file = MediaFile::new(path, MediaKind::Image);
                file.sha256 = hashes.get(i % photos.len()).cloned();
                (format!("med_{i}"), file)
            })
            .collect();
        let seconds = (count as u64 * clip_ms) as f64 / 1000.0;
        for &segmented in &modes {
            // A data directory per draft and mode, so that nothing is found cached from
            // another; the music made once is shared.
            let mode = if segmented { "segmented" } else { "single" };
            let data = dir.join(format!("data-{count}-{mode}"));
            let shared = music::bed_path(&data.join("music"), Bed::Lofi);
            if let Some(parent) = shared.parent() {
                std::fs::create_dir_all(parent).expect("music directory");
            }
            if std::fs::hard_link(&bed, &shared).is_err() {
                std::fs::copy(&bed, &shared).expect("music copied");
            }
            let run = |name: &'static str| Run {
                data: &data,
                media: &media,
                count,
                clip_ms,
                name,
                segmented,
            };
            let first = runtime.block_on(render_once(run("first")));
            // Only the segmented path keeps what it made for another session's export.
            let again = segmented.then(|| runtime.block_on(render_once(run("again"))));
            let wall = first.wall.as_secs_f64();
            let (repeat, share) = again.as_ref().map_or(("-".into(), "-".into()), |again| {
                let repeat = again.wall.as_secs_f64();
                (
                    format!("{repeat:.2}"),
                    format!("{:.1}%", 100.0 * repeat / wall),
                )
            });
            println!(
                "{count:>6} | {mode:<9} | {seconds:>7.0} | {wall:>6.1} | {:>11.3} | {:>12.1} \
                 | {:>10.2} | {:>16} | {:>18} | {:>4.1} | {repeat:>8} | {share:>12}",
                wall / seconds,
                first.cpu_seconds,
                first.cpu_seconds / wall,
                first.peak_sum_bytes / (1024 * 1024),
                first.peak_single_bytes / (1024 * 1024),
                first.size as f64 / 1e6,
            );
            rows.push((count, segmented, first, again));
        }
    }
    ratios(&rows);
    println!(
        "load average after: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    if env("I2V_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Segmented against single graph for each draft, and how memory grows from the fewest photos
/// to the most in each mode.
fn ratios(rows: &[(usize, bool, Measured, Option<Measured>)]) {
    let find = |count: usize, segmented: bool| {
        rows.iter()
            .find(|row| row.0 == count && row.1 == segmented)
            .map(|row| &row.2)
    };
    println!("photos | segmented/single: wall | cores | peak RSS sum");
    let mut counts: Vec<usize> = rows.iter().map(|row| row.0).collect();
    counts.dedup();
    for &count in &counts {
        if let (Some(single), Some(segmented)) = (find(count, false), find(count, true)) {
            let cores = |m: &Measured| m.cpu_seconds / m.wall.as_secs_f64();
            println!(
                "{count:>6} | {:>22.2} | {:>5.2} | {:>12.2}",
                segmented.wall.as_secs_f64() / single.wall.as_secs_f64(),
                cores(segmented) / cores(single),
                segmented.peak_sum_bytes as f64 / single.peak_sum_bytes.max(1) as f64,
            );
        }
    }
    if let (Some(&fewest), Some(&most)) = (counts.first(), counts.last()) {
        for (segmented, mode) in [(false, "single"), (true, "segmented")] {
            if let (Some(low), Some(high)) = (find(fewest, segmented), find(most, segmented)) {
                println!(
                    "{mode}: peak RSS sum at {most} photos / at {fewest}: {:.2}",
                    high.peak_sum_bytes as f64 / low.peak_sum_bytes.max(1) as f64
                );
            }
        }
    }
}

/// One export to measure.
#[derive(Clone, Copy)]
struct Run<'a> {
    data: &'a Path,
    media: &'a HashMap<String, MediaFile>,
    count: usize,
    clip_ms: u64,
    name: &'static str,
    segmented: bool,
}

struct Measured {
    wall: Duration,
    cpu_seconds: f64,
    peak_sum_bytes: u64,
    peak_single_bytes: u64,
    size: u64,
}

async fn render_once(run: Run<'_>) -> Measured {
    let Run {
        data,
        media,
        count,
        clip_ms,
        name,
        segmented,
    } = run;
    let mut options = RenderOptions::new(data);
    options.workers = 1;
    options.encoder = encoder();
    options.segmented = segmented;
    // Long drafts take the single graph past the default 10 minutes on 2 cores.
    options.timeout = Duration::from_secs(3600);
    let queue = RenderQueue::open(options).expect("queue");
    let id = format!("bench_{count}_{name}");
    let request = RenderRequest {
        render_id: id.clone(),
        // A session of its own per run: the queue would otherwise hand back the earlier run's
        // output of the same draft instead of exporting it again.
        session_id: id.clone(),
        owner: "bench".into(),
        draft: draft(count, clip_ms),
        media: media.clone(),
        canvas: Canvas::LANDSCAPE,
        output: output_spec(),
    };
    let frame = request.render_canvas();
    let sampler = Sampler::start();
    let cpu_before = children_cpu_seconds();
    let started = Instant::now();
    queue.submit(request).expect("submitted");
    let done = queue.wait(&id).await.expect("the job exists");
    let wall = started.elapsed();
    let peak_sum_bytes = sampler.stop();
    assert_eq!(done.status, JobState::Completed, "{:?}", done.error);
    let output = done.output.expect("output");
    assert_eq!((output.width, output.height), (frame.width, frame.height));
    let expected = count as u64 * clip_ms;
    assert!(
        output.duration_ms.abs_diff(expected) <= 34,
        "{} ms for {expected} ms",
        output.duration_ms
    );
    let size = output.size;
    if env("I2V_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_file(&output.path);
    }
    Measured {
        wall,
        cpu_seconds: children_cpu_seconds() - cpu_before,
        peak_sum_bytes,
        peak_single_bytes: done.peak_memory_bytes.unwrap_or(0),
        size,
    }
}

/// Samples the summed resident memory (`VmRSS`) of this process's children every 50 ms.
struct Sampler {
    stop: Arc<AtomicBool>,
    peak: Arc<AtomicU64>,
    thread: std::thread::JoinHandle<()>,
}

impl Sampler {
    fn start() -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let peak = Arc::new(AtomicU64::new(0));
        let (stopping, peaking) = (Arc::clone(&stop), Arc::clone(&peak));
        let thread = std::thread::spawn(move || {
            while !stopping.load(Ordering::Relaxed) {
                peaking.fetch_max(children_rss(), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        Sampler { stop, peak, thread }
    }

    /// Stops sampling; the peak seen, in bytes.
    fn stop(self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.thread.join();
        self.peak.load(Ordering::Relaxed)
    }
}

/// The summed `VmRSS` of the processes whose parent is this one (ffmpeg is exec'd by `setpriv`,
/// so it is a child itself).
fn children_rss() -> u64 {
    let me = std::process::id().to_string();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| std::fs::read_to_string(entry.path().join("status")).ok())
        .filter(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("PPid:"))
                .is_some_and(|ppid| ppid.trim() == me)
        })
        .filter_map(|status| {
            let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
            let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kib * 1024)
        })
        .sum()
}

/// The bench's draft: `count` photos of `clip_ms` each, music and a title.
fn draft(count: usize, clip_ms: u64) -> Draft {
    let total = count as u64 * clip_ms;
    let clips: Vec<_> = (0..count)
        .map(|i| {
            json!({"d": clip_ms, "m": {
                "src": format!("med_{i}"), "name": format!("photo {i}"), "fit": "blur",
                "motion": if i % 2 == 0 { "zoom_in" } else { "zoom_out" },
                "transition": {"type": "fade", "d": 1000}}})
        })
        .collect();
    Draft::from_value(json!({"t": [
        {"tt": 0, "sg": clips},
        {"tt": 1, "m": {"role": "bgm"}, "sg": [{"d": total, "m": {"src": "library:lofi", "name": "Lo-fi", "volume": 0.35, "fade_in": 1000, "fade_out": 2000}}]},
        {"tt": 7, "m": {"role": "title"}, "sg": [{"s": 0, "d": 3000, "m": {"text": "Urban Dreams", "position": "center", "color": "#FFFFFF", "font_size": 96, "fade_in": 500, "fade_out": 500}}]},
    ]}))
    .expect("the reference draft")
}

fn encoder() -> EncoderSettings {
    let mut settings = EncoderSettings::default();
    if let Some(preset) = env("I2V_BENCH_PRESET") {
        settings.preset = preset;
    }
    if let Some(crf) = env("I2V_BENCH_CRF").and_then(|v| v.parse().ok()) {
        settings.crf = crf;
    }
    if let Some(params) = env("I2V_BENCH_X264") {
        settings.x264_params = Some(params);
    }
    settings.filter_threads = env("I2V_BENCH_FILTER_THREADS")
        .and_then(|v| v.parse().ok())
        .or(settings.filter_threads);
    settings.threads = env("I2V_BENCH_THREADS")
        .and_then(|v| v.parse().ok())
        .or(settings.threads);
    settings
}

/// The output `I2V_BENCH_OUTPUT` asks for (an MP4 of the canvas at high quality by default).
fn output_spec() -> OutputSpec {
    let asked: serde_json::Value = env("I2V_BENCH_OUTPUT")
        .map(|json| serde_json::from_str(&json).expect("I2V_BENCH_OUTPUT is JSON"))
        .unwrap_or_default();
    let field = |name: &str| asked.get(name).cloned();
    let ask = OutputAsk {
        format: field("format"),
        resolution: field("resolution"),
        fps: field("fps"),
        quality: field("quality"),
    };
    OutputSpec::parse(&ask).expect("an output the studio makes")
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// CPU seconds (user + system) of this process's finished children, from `/proc/self/stat`.
fn children_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at the state, field 3;
    // cutime and cstime are fields 16 and 17, in clock ticks (100 a second on Linux).
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(13) + ticks(14)) / 100.0
}

/// The SHA-256 of a file, in hex.
fn sha256_hex(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(path).expect("photo read");
    Sha256::digest(&bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Writes a photo-like JPEG: fractal noise (1/f, like natural scenes) coloured as a landscape.
fn photo(path: &Path, width: u32, height: u32, seed: u32) {
    // Synthesised at a third of the size (detail down to the pixel at 1080p), then scaled up.
    let (w, h) = (width / 3, height / 3);
    let mut ppm = format!("P6\n{w} {h}\n255\n").into_bytes();
    let noise = |x: f32, y: f32, salt: u32| fbm(x, y, seed.wrapping_mul(7919).wrapping_add(salt));
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f32, y as f32);
            let horizon = h as f32 * (0.45 + 0.1 * noise(fx * 0.3, 0.0, 9));
            let pixel = if fy < horizon {
                // Sky: a gradient with clouds.
                let cloud = noise(fx, fy * 2.0, 1).clamp(0.0, 1.0);
                let t = fy / horizon;
                let sky = [90.0 + 80.0 * t, 140.0 + 60.0 * t, 220.0 - 20.0 * t];
                sky.map(|c| c + (255.0 - c) * cloud * 0.8)
            } else {
                // Land: greens and browns with texture at every scale, down to grass and gravel.
                let a = noise(fx, fy, 2);
                let b = noise(fx * 2.0, fy * 2.0, 3);
                let grain = (hash(x as i32, y as i32, seed) - 0.5) * 50.0;
                [
                    60.0 + 120.0 * a + 30.0 * b + grain,
                    80.0 + 110.0 * b + grain,
                    30.0 + 60.0 * a + grain * 0.6,
                ]
            };
            ppm.extend(pixel.map(|c| c.clamp(0.0, 255.0) as u8));
        }
    }
    let raw = path.with_extension("ppm");
    std::fs::write(&raw, ppm).expect("photo written");
    let status = Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-i"])
        .arg(&raw)
        .args([
            "-vf",
            &format!("scale={width}:{height}:flags=bicubic,noise=alls=3:allf=u"),
            "-q:v",
            "2",
        ])
        .arg(path)
        .status()
        .expect("ffmpeg runs");
    assert!(
        status.success(),
        "ffmpeg could not write {}",
        path.display()
    );
    let _ = std::fs::remove_file(PathBuf::from(&raw));
}

/// Fractal value noise: octaves from 256 pixels down to 1, each a little weaker (1/f-like,
/// with the fine texture of foliage and gravel), about 0 to 1.
fn fbm(x: f32, y: f32, seed: u32) -> f32 {
    let mut total = 0.0;
    let mut amplitude = 0.45;
    let mut cell = 256.0;
    for octave in 0..9u32 {
        total += amplitude * value_noise(x / cell, y / cell, seed.wrapping_add(octave * 131));
        amplitude *= 0.75;
        cell /= 2.0;
    }
    total
}

fn value_noise(x: f32, y: f32, seed: u32) -> f32 {
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let (sx, sy) = (fx * fx * (3.0 - 2.0 * fx), fy * fy * (3.0 - 2.0 * fy));
    let corner = |dx: f32, dy: f32| hash((x0 + dx) as i32, (y0 + dy) as i32, seed);
    let top = corner(0.0, 0.0) + (corner(1.0, 0.0) - corner(0.0, 0.0)) * sx;
    let bottom = corner(0.0, 1.0) + (corner(1.0, 1.0) - corner(0.0, 1.0)) * sx;
    top + (bottom - top) * sy
}

fn hash(x: i32, y: i32, seed: u32) -> f32 {
    let mut h = (x as u32).wrapping_mul(0x27d4_eb2d)
        ^ (y as u32).wrapping_mul(0x1656_67b1)
        ^ seed.wrapping_mul(0x9e37_79b9);
    h ^= h >> 15;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h as f32 / u32::MAX as f32
}
