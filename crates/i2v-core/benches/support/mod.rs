//! A small timing harness shared by the benchmarks: warm up, then report the median of runs.
//!
//! Criterion would add a minute of compile time to every clean build for what these need: a
//! steady median over repeated runs, and throughput derived from it.
#![allow(dead_code, unreachable_pub, clippy::print_stdout)]

use std::hint::black_box;
use std::time::{Duration, Instant};

/// How much work one run does, for the throughput figures.
#[derive(Debug, Clone, Copy, Default)]
pub struct Work {
    /// Bytes processed in one run.
    pub bytes: u64,
    /// Items (events, segments…) processed in one run.
    pub items: u64,
}

/// The measured figures of one benchmark.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    /// Median wall time of one run.
    pub median: Duration,
    /// Fastest run.
    pub min: Duration,
}

/// Runs `f` until about `budget` has passed (at least 5 runs, after 2 warm-up runs) and prints
/// one line: the median and fastest time, and MB/s and items/s from the median.
pub fn bench<R>(name: &str, work: Work, budget: Duration, mut f: impl FnMut() -> R) -> Figures {
    for _ in 0..2 {
        black_box(f());
    }
    let mut runs = Vec::new();
    let started = Instant::now();
    while runs.len() < 5 || started.elapsed() < budget {
        let t = Instant::now();
        black_box(f());
        runs.push(t.elapsed());
    }
    runs.sort();
    let figures = Figures {
        median: runs[runs.len() / 2],
        min: runs[0],
    };
    let secs = figures.median.as_secs_f64();
    let mut line = format!(
        "{name:<44} median {:>10.3} ms  min {:>10.3} ms  ({} runs)",
        secs * 1e3,
        figures.min.as_secs_f64() * 1e3,
        runs.len()
    );
    if work.bytes > 0 {
        line += &format!("  {:>9.1} MB/s", work.bytes as f64 / secs / 1e6);
    }
    if work.items > 0 {
        line += &format!("  {:>12.0} items/s", work.items as f64 / secs);
    }
    println!("{line}");
    figures
}
