//! The reference render: 5 photos of mixed shapes, 30 s at 1920x1080 and 30 fps, 1 s
//! cross-fades, a slow zoom on every photo, library music at 35% with fades, a 3 s title.
//! Reports the wall time as a share of the video's length (target: at most 0.5), ffmpeg's CPU
//! time and its peak memory.
//!
//! Run with `cargo bench -p i2v-studio --bench render`. Knobs, for experiments:
//! `I2V_BENCH_RUNS` (3), `I2V_BENCH_PRESET`, `I2V_BENCH_CRF`, `I2V_BENCH_X264` (x264 params),
//! `I2V_BENCH_FILTER_THREADS`, `I2V_BENCH_THREADS`; `I2V_BENCH_OUTPUT`, the export's `output`
//! as JSON (`{"quality": "preview"}`); `I2V_BENCH_KEEP` keeps the photos and videos.
//!
//! The photos are synthesised (no photos ship with the project): fractal noise with the
//! 1/f spectrum of natural images, coloured like landscapes, at phone-camera sizes, saved as
//! high-quality JPEGs. Flat test patterns would flatter the encoder.
#![allow(clippy::print_stdout)] // A benchmark reports on stdout.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
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
    let runs: usize = env("I2V_BENCH_RUNS")
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let dir = std::env::temp_dir().join(format!("i2v-bench-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    println!("render bench: preparing 5 photos in {}", dir.display());
    let media: HashMap<String, MediaFile> = PHOTOS
        .iter()
        .enumerate()
        .map(|(i, (name, w, h, seed))| {
            let path = dir.join(name);
            photo(&path, *w, *h, *seed);
            (format!("med_{i}"), MediaFile::new(path, MediaKind::Image))
        })
        .collect();
    let library = dir.join("data/music");
    let started = Instant::now();
    let bed = music::bed_path(&library, Bed::Lofi);
    music::ensure_bed(Bed::Lofi, &bed).expect("music synthesised");
    println!(
        "library music 'lofi' synthesised once in {:.2} s (cached after)",
        started.elapsed().as_secs_f64()
    );

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut results = Vec::new();
    for run in 0..runs {
        let result = runtime.block_on(render_once(&dir.join("data"), &media, run));
        println!(
            "run {}: wall {:.2} s = {:.3}x real time, ffmpeg CPU {:.1} s, peak memory {} MiB, {:.1} MB",
            run + 1,
            result.wall.as_secs_f64(),
            result.wall.as_secs_f64() / 30.0,
            result.cpu_seconds,
            result.peak_bytes / (1024 * 1024),
            result.size as f64 / 1e6,
        );
        results.push(result);
    }
    results.sort_by_key(|result| result.wall);
    if let Some(median) = results.get(results.len() / 2) {
        let ratio = median.wall.as_secs_f64() / 30.0;
        println!(
            "median of {runs}: {:.2} s for 30 s of video = {ratio:.3}x real time (target <= 0.5x: {}), \
             peak memory {} MiB, load average {}",
            median.wall.as_secs_f64(),
            if ratio <= 0.5 { "met" } else { "NOT met" },
            median.peak_bytes / (1024 * 1024),
            std::fs::read_to_string("/proc/loadavg")
                .unwrap_or_default()
                .trim(),
        );
    }
    if env("I2V_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

struct Measured {
    wall: Duration,
    cpu_seconds: f64,
    peak_bytes: u64,
    size: u64,
}

async fn render_once(data: &Path, media: &HashMap<String, MediaFile>, run: usize) -> Measured {
    let mut options = RenderOptions::new(data);
    options.workers = 1;
    options.encoder = encoder();
    let queue = RenderQueue::open(options).expect("queue");
    let id = format!("bench_{run}");
    let request = RenderRequest {
        render_id: id.clone(),
        // A session of its own per run: the queue would otherwise hand back the earlier run's
        // output of the same draft instead of rendering it again.
        session_id: id.clone(),
        owner: "bench".into(),
        draft: reference_draft(),
        media: media.clone(),
        canvas: Canvas::LANDSCAPE,
        output: output_spec(),
    };
    let frame = request.render_canvas();
    let cpu_before = children_cpu_seconds();
    let started = Instant::now();
    queue.submit(request).expect("submitted");
    let done = queue.wait(&id).await.expect("the job exists");
    let wall = started.elapsed();
    assert_eq!(done.status, JobState::Completed, "{:?}", done.error);
    let output = done.output.expect("output");
    assert_eq!((output.width, output.height), (frame.width, frame.height));
    assert!(
        output.duration_ms.abs_diff(30_000) <= 34,
        "{} ms",
        output.duration_ms
    );
    let size = output.size;
    if env("I2V_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_file(&output.path);
    }
    Measured {
        wall,
        cpu_seconds: children_cpu_seconds() - cpu_before,
        peak_bytes: done.peak_memory_bytes.unwrap_or(0),
        size,
    }
}

/// The reference job of the issue.
fn reference_draft() -> Draft {
    let clips: Vec<_> = (0..5)
        .map(|i| {
            json!({"d": 6000, "m": {
                "src": format!("med_{i}"), "name": format!("photo {i}"), "fit": "blur",
                "motion": if i % 2 == 0 { "zoom_in" } else { "zoom_out" },
                "transition": {"type": "fade", "d": 1000}}})
        })
        .collect();
    Draft::from_value(json!({"t": [
        {"tt": 0, "sg": clips},
        {"tt": 1, "m": {"role": "bgm"}, "sg": [{"d": 30000, "m": {"src": "library:lofi", "name": "Lo-fi", "volume": 0.35, "fade_in": 1000, "fade_out": 2000}}]},
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
