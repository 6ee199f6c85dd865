//! The four beds of the music library, each a short loop of real music: a chord progression,
//! a bass line, a rhythm and, in its second half, a melody.
//!
//! | key | tempo | feel |
//! | --- | --- | --- |
//! | `lofi` | 80 bpm, swung | jazzy ninth chords on electric piano, boom-bap drums, vinyl crackle |
//! | `upbeat` | 120 bpm | I–V–vi–IV pop: off-beat plucks, octave bass, four-on-the-floor |
//! | `calm` | 70 bpm | major-seventh pads, bell arpeggios with echo, soft bass, no drums |
//! | `cinematic` | 75 bpm | minor strings, pulsing ostinato, low drone, taiko hits |

use super::synth::{Hit, Mix, Voice};
use crate::library::Bed;

/// One bar of a progression: the bass root and the chord's notes (MIDI numbers).
struct Bar {
    root: i32,
    chord: &'static [i32],
}

/// Renders `bed` for `bars` bars (8 make the full loop).
pub(crate) fn play(bed: Bed, bars: u32) -> Mix {
    let bars = bars.max(1);
    match bed {
        Bed::Lofi => lofi(bars),
        Bed::Upbeat => upbeat(bars),
        Bed::Calm => calm(bars),
        Bed::Cinematic => cinematic(bars),
    }
}

/// ii–V–I–vi in C with ninths and thirteenths, on a swung electric piano.
fn lofi(bars: u32) -> Mix {
    const PROGRESSION: [Bar; 4] = [
        Bar {
            root: 38,
            chord: &[53, 57, 60, 64],
        }, // Dm9
        Bar {
            root: 43,
            chord: &[53, 59, 64, 69],
        }, // G13
        Bar {
            root: 36,
            chord: &[52, 55, 59, 62],
        }, // Cmaj9
        Bar {
            root: 45,
            chord: &[55, 60, 64, 71],
        }, // Am9
    ];
    const MELODY: [(f32, i32, f32); 6] = [
        (0.0, 76, 0.75),
        (1.0, 74, 0.5),
        (1.5, 72, 1.0),
        (2.5, 69, 0.5),
        (3.0, 72, 0.5),
        (3.5, 74, 0.4),
    ];
    let beat = 60.0 / 80.0;
    let swing =
        |eighth: u32| (eighth / 2) as f32 * beat + if eighth % 2 == 1 { beat * 0.62 } else { 0.0 };
    let mut mix = Mix::new(bars as f32 * 4.0 * beat, 0x10f1);
    for bar in 0..bars {
        let at = bar as f32 * 4.0 * beat;
        let Bar { root, chord } = &PROGRESSION[bar as usize % PROGRESSION.len()];
        mix.chord(Voice::Keys, chord, at, beat * 1.4, 0.34, 0.018);
        mix.chord(Voice::Keys, chord, at + swing(3), beat * 0.5, 0.2, 0.012);
        mix.note(Voice::Bass, root - 12, at, beat * 1.4, 0.42, 0.0);
        mix.note(Voice::Bass, root - 12, at + swing(5), beat * 0.4, 0.3, 0.0);
        mix.note(
            Voice::Bass,
            root - 5,
            at + 3.0 * beat,
            beat * 0.8,
            0.32,
            0.0,
        );
        for (beat_at, gain) in [(0.0, 0.85), (1.5 + 0.12, 0.55), (2.5, 0.7)] {
            mix.hit(Hit::Kick, at + beat_at * beat, gain, 0.0);
        }
        for snare in [1.0, 3.0] {
            mix.hit(Hit::Snare, at + snare * beat, 0.4, 0.05);
        }
        for eighth in 0..8 {
            let gain = if eighth % 2 == 0 { 0.16 } else { 0.09 };
            mix.hit(Hit::Hat, at + swing(eighth), gain, 0.3);
        }
        if bar >= 4 {
            for (offset, note, length) in MELODY {
                let note = if bar % 2 == 1 { note - 2 } else { note };
                mix.note(
                    Voice::Bell,
                    note,
                    at + offset * beat,
                    length * beat,
                    0.12,
                    -0.25,
                );
            }
        }
    }
    // Vinyl: sparse faint clicks all along.
    let length = mix.left.len() as f32 / super::synth::RATE as f32;
    let mut at = 0.0;
    while at < length {
        let gain = 0.02 + 0.04 * mix.chance();
        let pan = mix.chance() - 0.5;
        mix.hit(Hit::Crackle, at, gain, pan);
        at += 0.05 + 0.3 * mix.chance();
    }
    mix.master(0.85);
    mix
}

/// I–V–vi–IV in C at 120 bpm: off-beat plucked stabs, octave eighth-note bass, four on the floor.
fn upbeat(bars: u32) -> Mix {
    const PROGRESSION: [Bar; 4] = [
        Bar {
            root: 36,
            chord: &[60, 64, 67],
        }, // C
        Bar {
            root: 43,
            chord: &[59, 62, 67],
        }, // G
        Bar {
            root: 45,
            chord: &[60, 64, 69],
        }, // Am
        Bar {
            root: 41,
            chord: &[60, 65, 69],
        }, // F
    ];
    let beat = 0.5;
    let mut mix = Mix::new(bars as f32 * 4.0 * beat, 0x0b0b);
    for bar in 0..bars {
        let at = bar as f32 * 4.0 * beat;
        let Bar { root, chord } = &PROGRESSION[bar as usize % PROGRESSION.len()];
        mix.chord(Voice::Pad, chord, at, 4.0 * beat, 0.16, 0.0);
        for eighth in 0..8 {
            let t = at + eighth as f32 * beat / 2.0;
            let octave = if eighth % 2 == 0 { 0 } else { 12 };
            mix.note(Voice::Bass, root + octave, t, beat * 0.4, 0.24, 0.0);
            if eighth % 2 == 1 {
                mix.chord(Voice::Keys, chord, t, beat * 0.4, 0.55, 0.004);
            }
            mix.hit(Hit::Hat, t + beat / 4.0, 0.07, 0.35);
        }
        for quarter in 0..4 {
            let t = at + quarter as f32 * beat;
            mix.hit(Hit::Kick, t, 0.9, 0.0);
            if quarter % 2 == 1 {
                mix.hit(Hit::Clap, t, 0.35, -0.1);
            }
            mix.hit(Hit::Hat, t + beat / 2.0, 0.14, 0.3);
        }
        if bar >= 4 {
            // An arpeggio up and down the chord, two octaves up.
            let tones: Vec<i32> = chord
                .iter()
                .map(|n| n + 12)
                .chain(chord.iter().rev().map(|n| n + 24))
                .collect();
            for (i, tone) in tones.iter().cycle().take(8).enumerate() {
                mix.note(
                    Voice::Pluck,
                    *tone,
                    at + i as f32 * beat / 2.0,
                    beat * 0.35,
                    0.1,
                    0.4,
                );
            }
        }
    }
    mix.master(0.85);
    mix
}

/// Fmaj7 – C/E – Dm7 – B♭maj7 on slow pads, a bell arpeggio with an echo, no drums.
fn calm(bars: u32) -> Mix {
    const PROGRESSION: [Bar; 4] = [
        Bar {
            root: 41,
            chord: &[53, 57, 60, 64],
        }, // Fmaj7
        Bar {
            root: 40,
            chord: &[55, 60, 64, 67],
        }, // C/E
        Bar {
            root: 38,
            chord: &[53, 57, 60, 62],
        }, // Dm7
        Bar {
            root: 46,
            chord: &[53, 57, 58, 62],
        }, // B♭maj7
    ];
    const ARPEGGIO: [usize; 8] = [0, 1, 2, 3, 2, 3, 1, 2];
    let beat = 60.0 / 70.0;
    let mut mix = Mix::new(bars as f32 * 4.0 * beat, 0xca1e);
    for bar in 0..bars {
        let at = bar as f32 * 4.0 * beat;
        let Bar { root, chord } = &PROGRESSION[bar as usize % PROGRESSION.len()];
        mix.chord(Voice::Pad, chord, at, 4.0 * beat, 0.36, 0.0);
        mix.note(Voice::Bass, root - 12, at, 3.6 * beat, 0.4, 0.0);
        let lift = if bar >= 4 { 24 } else { 12 };
        for (eighth, &tone) in ARPEGGIO.iter().enumerate() {
            let note = chord.get(tone).copied().unwrap_or(*root) + lift;
            let pan = if eighth % 2 == 0 { -0.3 } else { 0.3 };
            mix.note(
                Voice::Bell,
                note,
                at + eighth as f32 * beat / 2.0,
                beat * 0.5,
                0.14,
                pan,
            );
        }
    }
    mix.echo(beat * 0.75, 0.3);
    mix.master(0.8);
    mix
}

/// Am – F – C – G on strings over a low drone, a pulsing ostinato and taiko hits.
fn cinematic(bars: u32) -> Mix {
    const PROGRESSION: [Bar; 4] = [
        Bar {
            root: 45,
            chord: &[57, 60, 64, 69],
        }, // Am
        Bar {
            root: 41,
            chord: &[57, 60, 65, 69],
        }, // F
        Bar {
            root: 36,
            chord: &[55, 60, 64, 67],
        }, // C
        Bar {
            root: 43,
            chord: &[55, 59, 62, 67],
        }, // G
    ];
    const THEME: [i32; 4] = [81, 77, 79, 74];
    let beat = 60.0 / 75.0;
    let mut mix = Mix::new(bars as f32 * 4.0 * beat, 0xc1e0);
    for bar in 0..bars {
        let at = bar as f32 * 4.0 * beat;
        let index = bar as usize % PROGRESSION.len();
        let Bar { root, chord } = &PROGRESSION[index];
        mix.chord(Voice::Strings, chord, at, 4.0 * beat, 0.42, 0.0);
        mix.note(Voice::Bass, root - 24, at, 4.0 * beat, 0.45, 0.0);
        for eighth in 0..8 {
            let accent = if eighth % 4 == 0 { 0.22 } else { 0.14 };
            mix.note(
                Voice::Pluck,
                *root,
                at + eighth as f32 * beat / 2.0,
                beat * 0.2,
                accent,
                -0.2,
            );
        }
        mix.hit(Hit::Taiko, at, 0.9, 0.0);
        mix.hit(Hit::Taiko, at + 2.5 * beat, 0.6, 0.15);
        if bar % 4 == 3 {
            for sixteenth in 0..4 {
                mix.hit(
                    Hit::Taiko,
                    at + 3.0 * beat + sixteenth as f32 * beat / 4.0,
                    0.35 + 0.1 * sixteenth as f32,
                    -0.15,
                );
            }
        }
        if bar >= 4 {
            let note = THEME.get(index).copied().unwrap_or(81);
            mix.note(Voice::Strings, note, at, 3.5 * beat, 0.22, 0.2);
        }
    }
    mix.master(0.85);
    mix
}
