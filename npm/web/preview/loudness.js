// The integrated loudness of a mix, as ITU-R BS.1770-4 / EBU R128 measure it (what ffmpeg's
// `loudnorm` and `ebur128` filters measure in the studio), so that a mix made in the page can be
// levelled to the timeline's `loudness` like the studio's.
//
// The K-weighting is the standard's own two filters at 48 kHz, run by the platform
// (`IIRFilterNode` in an `OfflineAudioContext`); then mean squares over 400 ms blocks every
// 100 ms, an absolute gate at -70 LUFS and a relative one 10 LU below the gated mean. Written
// here because no maintained browser package does it: the one on npm (ebur128-wasm) ships a
// .wasm only a bundler can load.

/** K-weighting at 48 kHz (BS.1770-4, table 1 and 2): the high shelf, then the high pass. */
const SHELF = { feedforward: [1.53512485958697, -2.69169618940638, 1.19839281085285], feedback: [1, -1.69065929318241, 0.73248077421585] };
const HIGH_PASS = { feedforward: [1, -2, 1], feedback: [1, -1.99004745483398, 0.99007225036621] };
const RATE = 48_000;
const BLOCK = 0.4 * RATE;
const STEP = 0.1 * RATE;
const ABSOLUTE_GATE = -70;
const RELATIVE_GATE = 10;
/** Sample peaks miss what lies between samples (the true peak) by up to about half a decibel. */
const PEAK_MARGIN_DB = 0.5;

const loudnessOf = (meanSquare) => -0.691 + 10 * Math.log10(meanSquare);

/** The K-weighted channels of `buffer` (48 kHz). */
async function kWeighted(buffer) {
  const context = new OfflineAudioContext(buffer.numberOfChannels, buffer.length, RATE);
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.createIIRFilter(SHELF.feedforward, SHELF.feedback))
    .connect(context.createIIRFilter(HIGH_PASS.feedforward, HIGH_PASS.feedback))
    .connect(context.destination);
  source.start();
  return context.startRendering();
}

/** The integrated loudness of a 48 kHz `buffer` in LUFS; `-Infinity` for silence. */
export async function integratedLoudness(buffer) {
  if (buffer.sampleRate !== RATE) throw new RangeError('the loudness is measured at 48 kHz');
  const weighted = await kWeighted(buffer);
  const channels = Array.from({ length: weighted.numberOfChannels }, (_, c) => weighted.getChannelData(c));
  // Running sums of squares, so that each block's mean square costs two subtractions.
  const blocks = [];
  const sums = channels.map((samples) => {
    const running = new Float64Array(samples.length + 1);
    for (let i = 0; i < samples.length; i += 1) running[i + 1] = running[i] + samples[i] * samples[i];
    return running;
  });
  for (let start = 0; start + BLOCK <= weighted.length; start += STEP) {
    let power = 0;
    for (const running of sums) power += (running[start + BLOCK] - running[start]) / BLOCK;
    blocks.push(power);
  }
  const gated = blocks.filter((power) => loudnessOf(power) > ABSOLUTE_GATE);
  if (gated.length === 0) return -Infinity;
  const mean = (powers) => powers.reduce((a, b) => a + b, 0) / powers.length;
  const threshold = loudnessOf(mean(gated)) - RELATIVE_GATE;
  const loud = gated.filter((power) => loudnessOf(power) > threshold);
  return loudnessOf(mean(loud.length ? loud : gated));
}

/** The largest sample of `buffer`, in dBFS. */
function peakDb(buffer) {
  let peak = 0;
  for (let c = 0; c < buffer.numberOfChannels; c += 1) {
    const samples = buffer.getChannelData(c);
    for (let i = 0; i < samples.length; i += 1) peak = Math.max(peak, Math.abs(samples[i]));
  }
  return 20 * Math.log10(peak);
}

/**
 * The gain that brings `buffer` to `loudness` (`{ integratedLufs, truePeakDbtp }`, the
 * timeline's) without its peaks passing the ceiling; 1 for silence or where no level is given.
 * A steady gain, where the studio's normaliser steers as it goes: on music beds and songs the
 * two land within about a decibel.
 */
export async function levellingGain(buffer, loudness) {
  if (!loudness) return 1;
  const measured = await integratedLoudness(buffer);
  if (!Number.isFinite(measured)) return 1;
  const toTarget = loudness.integratedLufs - measured;
  const headroom = loudness.truePeakDbtp - PEAK_MARGIN_DB - peakDb(buffer);
  return 10 ** (Math.min(toTarget, headroom) / 20);
}
