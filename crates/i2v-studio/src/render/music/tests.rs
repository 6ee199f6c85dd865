//! The beds must sound like music, not a test tone: several notes at once that change from bar
//! to bar, a bass, and a level that rises and falls with a rhythm.

use std::f32::consts::TAU;

use super::synth::hz;
use super::*;

/// Two bars: enough to hear two chords, quick to synthesise in a debug build.
fn two_bars(bed: Bed) -> Mix {
    synthesize(bed, 2)
}

fn mono(mix: &Mix) -> Vec<f32> {
    mix.left
        .iter()
        .zip(&mix.right)
        .map(|(l, r)| (l + r) / 2.0)
        .collect()
}

/// The power of one frequency in a stretch of samples (Goertzel's algorithm).
fn power(samples: &[f32], freq: f32) -> f32 {
    let coefficient = 2.0 * (TAU * freq / RATE as f32).cos();
    let (mut s1, mut s2) = (0.0f32, 0.0f32);
    for &x in samples {
        let s0 = x + coefficient * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / samples.len() as f32
}

/// The share of each of the 12 pitch classes (C = 0) in a stretch, over octaves 3 to 5.
fn chroma(samples: &[f32]) -> [f32; 12] {
    let mut classes = [0.0f32; 12];
    for note in 48..84 {
        classes[(note % 12) as usize] += power(samples, hz(note));
    }
    let total: f32 = classes.iter().sum();
    classes.map(|c| c / total.max(f32::MIN_POSITIVE))
}

/// Samples of one bar (of four beats), from its start, one second long at most.
fn bar(samples: &[f32], index: usize, bars: usize) -> &[f32] {
    let length = samples.len() / bars;
    let start = index * length;
    &samples[start..start + length.min(RATE as usize)]
}

#[test]
fn every_bed_plays_and_is_cached_under_its_key() {
    for bed in Bed::ALL {
        assert!(!synthesize(bed, 1).left.is_empty(), "{bed:?}");
    }
    assert_eq!(
        bed_path(Path::new("/lib"), Bed::Calm),
        PathBuf::from("/lib/calm-v1.wav")
    );
}

#[test]
fn beds_are_loud_enough_and_never_clip() {
    for key in Bed::ALL {
        let mix = two_bars(key);
        let samples = mono(&mix);
        let peak = mix
            .left
            .iter()
            .chain(&mix.right)
            .fold(0.0f32, |m, s| m.max(s.abs()));
        let rms = (samples.iter().map(|s| s * s).sum::<f32>() / samples.len() as f32).sqrt();
        assert!(peak <= 0.86, "{key:?}: peak {peak}");
        assert!(rms > 0.06, "{key:?}: rms {rms}");
    }
}

#[test]
fn beds_are_chords_that_move_not_a_tone() {
    for key in Bed::ALL {
        let samples = mono(&two_bars(key));
        let first = chroma(bar(&samples, 0, 2));
        let second = chroma(bar(&samples, 1, 2));
        // Several notes sound together in each bar (a test tone puts nearly all its energy in
        // one pitch class): at least three classes hold a real share, none nearly all of it.
        for bar in [first, second] {
            let strongest = bar.iter().fold(0.0f32, |m, c| m.max(*c));
            let present = bar.iter().filter(|c| **c > 0.03).count();
            assert!(strongest < 0.85, "{key:?}: one pitch dominates {bar:?}");
            assert!(present >= 3, "{key:?}: only {present} notes in {bar:?}");
        }
        // The harmony changes from the first bar to the second.
        let dot: f32 = first.iter().zip(&second).map(|(a, b)| a * b).sum();
        let norm = |v: &[f32; 12]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
        let similarity = dot / (norm(&first) * norm(&second));
        assert!(
            similarity < 0.93,
            "{key:?}: bars sound alike ({similarity})"
        );
    }
}

#[test]
fn beds_have_a_bass_and_a_pulse() {
    for key in Bed::ALL {
        let samples = mono(&two_bars(key));
        // Bass: a real share of the energy lies below 130 Hz.
        let mut low = 0.0f32;
        let smooth = 1.0 - (-TAU * 130.0 / RATE as f32).exp();
        let (mut low_energy, mut energy) = (0.0f32, 0.0f32);
        for &x in &samples {
            low += smooth * (x - low);
            low_energy += low * low;
            energy += x * x;
        }
        assert!(
            low_energy / energy > 0.1,
            "{key:?}: bass share {}",
            low_energy / energy
        );
        // Pulse: the level in 25 ms windows rises and falls (notes and hits start and decay).
        let window = RATE as usize / 40;
        let levels: Vec<f32> = samples
            .chunks(window)
            .map(|w| (w.iter().map(|s| s * s).sum::<f32>() / w.len() as f32).sqrt())
            .collect();
        let mean = levels.iter().sum::<f32>() / levels.len() as f32;
        let spread =
            (levels.iter().map(|l| (l - mean).powi(2)).sum::<f32>() / levels.len() as f32).sqrt();
        assert!(
            spread / mean > 0.15,
            "{key:?}: level varies by only {}",
            spread / mean
        );
    }
}

#[test]
fn the_four_beds_differ() {
    let beds: Vec<Vec<f32>> = Bed::ALL.iter().map(|bed| mono(&two_bars(*bed))).collect();
    let lengths: Vec<usize> = beds.iter().map(Vec::len).collect();
    for (i, a) in beds.iter().enumerate() {
        for b in beds.iter().skip(i + 1) {
            let n = a.len().min(b.len());
            let dot: f32 = a[..n].iter().zip(&b[..n]).map(|(x, y)| x * y).sum();
            let energy = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
            let correlation = dot / (energy(&a[..n]) * energy(&b[..n]));
            assert!(
                correlation.abs() < 0.3,
                "beds correlate: {correlation} ({lengths:?})"
            );
        }
    }
    // Different tempos: two bars of each last a different time.
    let mut distinct = lengths.clone();
    distinct.dedup();
    assert_eq!(distinct.len(), 4, "{lengths:?}");
}

#[test]
fn a_bed_is_written_once_and_reused() {
    let dir = std::env::temp_dir().join(format!("i2v-music-{}", std::process::id()));
    let path = bed_path(&dir, Bed::Upbeat);
    ensure_bed(Bed::Upbeat, &path).expect("synthesised");
    let bytes = std::fs::read(&path).expect("written");
    // 8 bars at 120 bpm = 16 s of 16-bit stereo at 44.1 kHz, plus the 44-byte header.
    assert_eq!(bytes.len(), 44 + 16 * 44_100 * 4);
    let modified = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("metadata");
    ensure_bed(Bed::Upbeat, &path).expect("reused");
    let again = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("metadata");
    assert_eq!(modified, again);
    std::fs::remove_dir_all(&dir).expect("clean up");
}
