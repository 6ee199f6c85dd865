//! The soundtrack: each piece of music looped to its length, set to its volume, faded in and
//! out, placed at its start; all of them mixed, brought to the delivery loudness
//! ([`delivery::loudness_filters`]) and cut to the video's exact length (silence where there is
//! no music, so every output has an audio track).

use super::super::timeline::Music;
use super::{delivery, escape};

/// The sample rate of the output's audio.
pub(crate) const SAMPLE_RATE: u32 = 48_000;

/// The filters for one piece of music read from its input (which loops forever: `-stream_loop -1`).
pub(crate) fn piece(music: &Music) -> String {
    let length = music.duration_ms as f64 / 1000.0;
    let mut filters = vec![
        format!("atrim=end={}", escape::seconds(length)),
        "asetpts=PTS-STARTPTS".to_string(),
        format!("aformat=sample_fmts=fltp:sample_rates={SAMPLE_RATE}:channel_layouts=stereo"),
        format!("volume={}", escape::seconds(music.volume)),
    ];
    if music.fade_in_ms > 0 {
        let fade = music.fade_in_ms as f64 / 1000.0;
        filters.push(format!("afade=t=in:st=0:d={}", escape::seconds(fade)));
    }
    if music.fade_out_ms > 0 {
        let fade = music.fade_out_ms as f64 / 1000.0;
        filters.push(format!(
            "afade=t=out:st={}:d={}",
            escape::seconds(length - fade),
            escape::seconds(fade)
        ));
    }
    if music.start_ms > 0 {
        filters.push(format!("adelay=delays={}:all=1", music.start_ms));
    }
    filters.join(",")
}

/// What turns the pieces (as many inputs) into the soundtrack of exactly `duration_ms`.
///
/// The volumes a draft sets are relative: they balance the pieces against each other, and the
/// normaliser then sets the level of the whole. It runs before the cut to length (its
/// resampling may move the end by a sample) and before the video's fade-out, which it would
/// otherwise try to undo.
pub(crate) fn mix(pieces: usize, duration_ms: u64) -> String {
    let length = escape::seconds(duration_ms as f64 / 1000.0);
    let mut filters = Vec::new();
    if pieces >= 2 {
        // Pieces are summed as they are: their volumes were chosen together.
        filters.push(format!("amix=inputs={pieces}:duration=longest:normalize=0"));
    }
    filters.extend(delivery::loudness_filters(SAMPLE_RATE));
    filters.push(format!("apad=whole_dur={length},atrim=end={length}"));
    filters.join(",")
}

/// Silence of exactly `duration_ms`, for a video without music.
pub(crate) fn silence(duration_ms: u64) -> String {
    let length = escape::seconds(duration_ms as f64 / 1000.0);
    format!("anullsrc=r={SAMPLE_RATE}:cl=stereo,atrim=end={length}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn music() -> Music {
        Music {
            src: "library:lofi".into(),
            start_ms: 0,
            duration_ms: 30_000,
            volume: 0.35,
            fade_in_ms: 1000,
            fade_out_ms: 2000,
        }
    }

    #[test]
    fn a_piece_is_trimmed_set_faded_and_placed() {
        assert_eq!(
            piece(&music()),
            "atrim=end=30,asetpts=PTS-STARTPTS,\
             aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,volume=0.35,\
             afade=t=in:st=0:d=1,afade=t=out:st=28:d=2"
        );
        let late = Music {
            start_ms: 2500,
            fade_in_ms: 0,
            fade_out_ms: 0,
            ..music()
        };
        assert!(piece(&late).ends_with("volume=0.35,adelay=delays=2500:all=1"));
    }

    #[test]
    fn the_mix_is_normalised_and_lasts_exactly_the_video() {
        assert_eq!(
            mix(1, 12_500),
            "loudnorm=I=-14:TP=-1:LRA=11,aresample=48000,\
             aformat=sample_fmts=fltp:channel_layouts=stereo,apad=whole_dur=12.5,atrim=end=12.5"
        );
        assert_eq!(
            mix(3, 2000),
            "amix=inputs=3:duration=longest:normalize=0,loudnorm=I=-14:TP=-1:LRA=11,\
             aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,\
             apad=whole_dur=2,atrim=end=2"
        );
        assert_eq!(silence(1000), "anullsrc=r=48000:cl=stereo,atrim=end=1");
    }
}
