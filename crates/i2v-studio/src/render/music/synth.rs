//! A small synthesiser: a stereo loop buffer and the instruments the beds are played on.
//!
//! Everything is deterministic (the noise comes from a seeded xorshift), and notes that ring
//! past the end of the loop wrap around to its start, so a bed loops without a seam.

use std::f32::consts::TAU;

/// The sample rate of the beds.
pub const RATE: u32 = 44_100;

/// Samples in one cycle of a wavetable.
const TABLE: usize = 2048;

/// A stereo loop being written.
#[derive(Debug, Clone)]
pub struct Mix {
    /// Left channel.
    pub left: Vec<f32>,
    /// Right channel.
    pub right: Vec<f32>,
    noise: u32,
    tables: Tables,
}

/// How a note sounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Voice {
    /// Electric piano: warm, struck, slowly decaying, with a little tremolo.
    Keys,
    /// Three detuned saws, slow to rise and fall, softened.
    Pad,
    /// Bowed strings: like the pad, quicker, with vibrato.
    Strings,
    /// A short, bright pluck.
    Pluck,
    /// A round bass.
    Bass,
    /// A bell: a sine with an inharmonic partial, long decay.
    Bell,
}

/// A drum or noise hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hit {
    /// A kick drum: a falling sine.
    Kick,
    /// A snare: a noise burst over a short tone.
    Snare,
    /// A clap: three quick noise bursts.
    Clap,
    /// A closed hi-hat: a very short bright noise.
    Hat,
    /// A big low drum, as in film scores.
    Taiko,
    /// A record's crackle: one faint click.
    Crackle,
}

/// Single-cycle waveforms, built once from their harmonics (band-limited: no aliasing hiss).
#[derive(Debug, Clone)]
struct Tables {
    sine: Vec<f32>,
    warm: Vec<f32>,
    saw: Vec<f32>,
    square: Vec<f32>,
}

impl Tables {
    fn new() -> Tables {
        let build = |harmonics: &[(f32, f32)]| -> Vec<f32> {
            (0..TABLE)
                .map(|i| {
                    let phase = i as f32 / TABLE as f32;
                    harmonics
                        .iter()
                        .map(|(n, a)| a * (TAU * n * phase).sin())
                        .sum()
                })
                .collect()
        };
        let saw: Vec<(f32, f32)> = (1..=14).map(|n| (n as f32, 0.6 / n as f32)).collect();
        let square: Vec<(f32, f32)> = (0..8)
            .map(|k| (2 * k + 1) as f32)
            .map(|n| (n, 0.7 / n))
            .collect();
        Tables {
            sine: build(&[(1.0, 1.0)]),
            warm: build(&[
                (1.0, 0.8),
                (2.0, 0.35),
                (3.0, 0.12),
                (4.0, 0.06),
                (5.0, 0.03),
            ]),
            saw: build(&saw),
            square: build(&square),
        }
    }
}

/// Reads a wavetable at a phase in cycles (any real number).
fn read(table: &[f32], phase: f32) -> f32 {
    let position = phase.rem_euclid(1.0) * TABLE as f32;
    let index = position as usize % TABLE;
    let next = (index + 1) % TABLE;
    let fraction = position - position.floor();
    let a = table.get(index).copied().unwrap_or(0.0);
    let b = table.get(next).copied().unwrap_or(0.0);
    a + (b - a) * fraction
}

/// The frequency of a MIDI note (69 = A4 = 440 Hz).
pub(crate) fn hz(note: i32) -> f32 {
    440.0 * 2f32.powf((note - 69) as f32 / 12.0)
}

impl Mix {
    /// A silent loop of `seconds`, with noise from `seed`.
    pub(crate) fn new(seconds: f32, seed: u32) -> Mix {
        let length = ((seconds * RATE as f32).round() as usize).max(1);
        Mix {
            left: vec![0.0; length],
            right: vec![0.0; length],
            noise: seed.max(1),
            tables: Tables::new(),
        }
    }

    /// Adds a sample at `index` (wrapped into the loop), panned from -1 (left) to 1 (right).
    fn put(&mut self, index: usize, value: f32, pan: f32) {
        let length = self.left.len();
        let at = index % length.max(1);
        // Constant-power panning.
        let angle = (pan.clamp(-1.0, 1.0) + 1.0) * std::f32::consts::FRAC_PI_4;
        if let Some(left) = self.left.get_mut(at) {
            *left += value * angle.cos();
        }
        if let Some(right) = self.right.get_mut(at) {
            *right += value * angle.sin();
        }
    }

    fn white(&mut self) -> f32 {
        // xorshift32: deterministic noise.
        let mut x = self.noise;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.noise = x;
        (x as f32 / u32::MAX as f32) * 2.0 - 1.0
    }

    /// Plays a note of `voice`: MIDI `note`, from `at` seconds, held for `hold` seconds.
    pub(crate) fn note(
        &mut self,
        voice: Voice,
        note: i32,
        at: f32,
        hold: f32,
        gain: f32,
        pan: f32,
    ) {
        let freq = hz(note);
        let (attack, decay, sustain, release) = match voice {
            Voice::Keys => (0.004, 0.9, 0.25, 0.25),
            Voice::Pad => (0.7, 1.5, 0.8, 1.2),
            Voice::Strings => (0.25, 1.0, 0.85, 0.6),
            Voice::Pluck => (0.002, 0.18, 0.0, 0.08),
            Voice::Bass => (0.006, 0.5, 0.55, 0.09),
            Voice::Bell => (0.002, 1.4, 0.0, 0.5),
        };
        let start = (at.max(0.0) * RATE as f32) as usize;
        let total = ((hold + release) * RATE as f32) as usize;
        // A one-pole low-pass softens the brighter voices.
        let cutoff: f32 = match voice {
            Voice::Pad => 1400.0,
            Voice::Strings => 2600.0,
            Voice::Bass => 500.0,
            Voice::Keys => 3000.0,
            Voice::Pluck => 4200.0,
            Voice::Bell => 8000.0,
        };
        let smooth = 1.0 - (-TAU * cutoff / RATE as f32).exp();
        let mut filtered = 0.0f32;
        let step = freq / RATE as f32;
        for i in 0..total {
            let t = i as f32 / RATE as f32;
            let level = if t < attack {
                t / attack
            } else if t < hold {
                sustain + (1.0 - sustain) * (-(t - attack) / decay * 3.0).exp()
            } else {
                let at_release =
                    sustain + (1.0 - sustain) * (-(hold - attack).max(0.0) / decay * 3.0).exp();
                at_release * (1.0 - (t - hold) / release).max(0.0)
            };
            let phase = step * i as f32;
            let raw = match voice {
                Voice::Keys => {
                    let tremolo = 1.0 + 0.08 * (TAU * 4.5 * t).sin();
                    read(&self.tables.warm, phase) * tremolo
                }
                Voice::Pad | Voice::Strings => {
                    let vibrato = if voice == Voice::Strings {
                        0.004 * (TAU * 5.2 * t).sin()
                    } else {
                        0.0
                    };
                    let p = phase * (1.0 + vibrato);
                    (read(&self.tables.saw, p)
                        + read(&self.tables.saw, p * 1.004)
                        + read(&self.tables.saw, p * 0.996))
                        / 2.2
                }
                Voice::Pluck => read(&self.tables.square, phase),
                Voice::Bass => {
                    read(&self.tables.sine, phase) + 0.25 * read(&self.tables.saw, phase)
                }
                Voice::Bell => {
                    let partial = read(&self.tables.sine, phase * 2.76) * (-t * 3.0).exp();
                    read(&self.tables.sine, phase) + 0.4 * partial
                }
            };
            filtered += smooth * (raw - filtered);
            self.put(start + i, filtered * level * gain, pan);
        }
    }

    /// Plays a chord: the notes strummed `spread` seconds apart, spread across the stereo field.
    pub(crate) fn chord(
        &mut self,
        voice: Voice,
        notes: &[i32],
        at: f32,
        hold: f32,
        gain: f32,
        spread: f32,
    ) {
        let count = notes.len().max(1) as f32;
        for (i, note) in notes.iter().enumerate() {
            let pan = (i as f32 / (count - 1.0).max(1.0)) * 0.8 - 0.4;
            self.note(
                voice,
                *note,
                at + spread * i as f32,
                hold,
                gain / count.sqrt(),
                pan,
            );
        }
    }

    /// Plays a drum or noise hit at `at` seconds.
    pub(crate) fn hit(&mut self, hit: Hit, at: f32, gain: f32, pan: f32) {
        let start = (at.max(0.0) * RATE as f32) as usize;
        let rate = RATE as f32;
        let length = match hit {
            Hit::Kick => 0.45,
            Hit::Snare => 0.25,
            Hit::Clap => 0.22,
            Hit::Hat => 0.06,
            Hit::Taiko => 1.3,
            Hit::Crackle => 0.004,
        };
        let mut low = 0.0f32;
        let mut phase = 0.0f32;
        for i in 0..(length * rate) as usize {
            let t = i as f32 / rate;
            let noise = self.white();
            let value = match hit {
                Hit::Kick => {
                    let freq = 45.0 + 75.0 * (-t * 30.0).exp();
                    phase += freq / rate;
                    (TAU * phase).sin() * (-t * 7.0).exp() + noise * 0.05 * (-t * 300.0).exp()
                }
                Hit::Snare => {
                    phase += 190.0 / rate;
                    low += 0.35 * (noise - low);
                    (noise - low) * 0.8 * (-t * 18.0).exp()
                        + (TAU * phase).sin() * 0.5 * (-t * 30.0).exp()
                }
                Hit::Clap => {
                    // Three bursts 10 ms apart, the last one ringing.
                    let burst = (t * 100.0).floor();
                    let local = t - burst / 100.0;
                    let envelope = if burst < 2.0 {
                        (-local * 250.0).exp()
                    } else {
                        (-local * 22.0).exp()
                    };
                    low += 0.5 * (noise - low);
                    (noise - low) * envelope
                }
                Hit::Hat => {
                    low += 0.6 * (noise - low);
                    (noise - low) * (-t * 70.0).exp()
                }
                Hit::Taiko => {
                    let freq = 55.0 + 30.0 * (-t * 12.0).exp();
                    phase += freq / rate;
                    low += 0.02 * (noise - low);
                    (TAU * phase).sin() * (-t * 3.2).exp() + low * 4.0 * (-t * 14.0).exp()
                }
                Hit::Crackle => noise * (1.0 - t / 0.004),
            };
            self.put(start + i, value * gain, pan);
        }
    }

    /// Adds an echo of everything so far: `delay` seconds later, at `gain`, left and right swapped.
    pub(crate) fn echo(&mut self, delay: f32, gain: f32) {
        let length = self.left.len();
        let shift = (delay * RATE as f32) as usize % length.max(1);
        let (left, right) = (self.left.clone(), self.right.clone());
        let channels = self.left.iter_mut().zip(self.right.iter_mut());
        for (i, (l, r)) in channels.enumerate() {
            let from = (i + length - shift) % length;
            *l += right.get(from).copied().unwrap_or(0.0) * gain;
            *r += left.get(from).copied().unwrap_or(0.0) * gain;
        }
    }

    /// A random number in `0..1`, from the mix's noise.
    pub(crate) fn chance(&mut self) -> f32 {
        (self.white() + 1.0) / 2.0
    }

    /// Brings the loudest sample to `peak`, rounding off rare overshoots with a soft knee.
    pub(crate) fn master(&mut self, peak: f32) {
        let loudest = self
            .left
            .iter()
            .chain(&self.right)
            .fold(0.0f32, |m, s| m.max(s.abs()));
        if loudest <= 0.0 {
            return;
        }
        // Normalise so the 99.9th-percentile level sits at the peak; the rare louder
        // transients are then rounded by tanh instead of lowering the whole bed for them.
        let mut levels: Vec<f32> = self.left.iter().map(|s| s.abs()).collect();
        let rank = (levels.len() * 999 / 1000).min(levels.len().saturating_sub(1));
        levels.select_nth_unstable_by(rank, f32::total_cmp);
        let reference = levels
            .get(rank)
            .copied()
            .unwrap_or(loudest)
            .max(loudest / 3.0);
        let gain = peak / reference;
        for sample in self.left.iter_mut().chain(self.right.iter_mut()) {
            *sample = (*sample * gain / peak).tanh() * peak;
        }
    }
}
