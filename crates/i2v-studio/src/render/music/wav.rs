//! 16-bit stereo PCM WAV, the simplest file ffmpeg reads without a second thought.

use super::synth::{Mix, RATE};

/// The bytes of a 16-bit stereo WAV file holding the mix.
pub(crate) fn encode(mix: &Mix) -> Vec<u8> {
    let frames = mix.left.len().min(mix.right.len());
    let data_bytes = u32::try_from(frames.saturating_mul(4)).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(44 + frames * 4);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&data_bytes.saturating_add(36).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes()); // format chunk size
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&2u16.to_le_bytes()); // channels
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&(RATE * 4).to_le_bytes()); // bytes per second
    out.extend_from_slice(&4u16.to_le_bytes()); // bytes per frame
    out.extend_from_slice(&16u16.to_le_bytes()); // bits per sample
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_bytes.to_le_bytes());
    for (left, right) in mix.left.iter().zip(&mix.right) {
        out.extend_from_slice(&pcm(*left).to_le_bytes());
        out.extend_from_slice(&pcm(*right).to_le_bytes());
    }
    out
}

fn pcm(sample: f32) -> i16 {
    // `as` saturates; NaN becomes 0.
    (sample.clamp(-1.0, 1.0) * f32::from(i16::MAX)).round() as i16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_describes_the_samples() {
        let mut mix = Mix::new(0.001, 1);
        mix.left[0] = 1.0;
        mix.right[0] = -2.0;
        let bytes = encode(&mix);
        let frames = mix.left.len();
        assert_eq!(bytes.len(), 44 + frames * 4);
        assert_eq!(&bytes[0..4], b"RIFF");
        assert_eq!(&bytes[8..16], b"WAVEfmt ");
        assert_eq!(
            u32::from_le_bytes([bytes[24], bytes[25], bytes[26], bytes[27]]),
            44_100
        );
        assert_eq!(i16::from_le_bytes([bytes[44], bytes[45]]), i16::MAX);
        assert_eq!(i16::from_le_bytes([bytes[46], bytes[47]]), -i16::MAX);
    }
}
