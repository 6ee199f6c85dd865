// What `--duration`, `--ratio`, `--resolution` and `--format` ask for. The length and the shape
// are the agent's to make, so they are told to it in words, in the prompt's language (an agent
// that cannot make a shape says so in its reply); the resolution and the container are the
// render's, so they become the export's options, as the SDK takes them.

import { routeIntent } from '../index.js';
import { isChinese } from './messages.js';
import { UsageError } from './studio.js';

/** The shapes a person may ask for; the agent answers for the ones it cannot make. */
const RATIOS = ['16:9', '9:16', '1:1', '4:5', '4:3'];
/** The containers the backends render. */
const FORMATS = ['mp4'];
/** The longest video the backends make, in seconds. */
const MAX_SECONDS = 3600;

/** `--duration` as seconds: a number above 0, at most an hour ("30", "7.5", "30s"). */
export function readDuration(text) {
  const seconds = Number(String(text).trim().replace(/\s*(s|sec|secs|seconds?)$/i, ''));
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_SECONDS) {
    throw new UsageError(`--duration ${text}: give the length in seconds, above 0 and at most ${MAX_SECONDS}`);
  }
  return seconds;
}

/** `--ratio` as `W:H`, one of the shapes above (`16x9` and `16/9` read too). */
export function readRatio(text) {
  const ratio = String(text).trim().replace(/\s*[x/×]\s*|\s*:\s*/i, ':');
  if (!RATIOS.includes(ratio)) throw new UsageError(`--ratio ${text}: choose one of ${RATIOS.join(', ')}`);
  return ratio;
}

/** `--format`: one of the containers above. */
export function readFormat(text) {
  const format = String(text).trim().toLowerCase().replace(/^\./, '');
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format ${text}: the video can be made as ${FORMATS.join(', ')}`);
  }
  return format;
}

/**
 * `--resolution` as `{ resolution, lines, quality }`, read by the SDK's own rule for "export
 * 720p" (`routeIntent`), the quality as the SDK asks for one from a resolution: high from 1080
 * lines, medium from 720, low below.
 */
export function readResolution(text) {
  const said = String(text).trim();
  const resolution = /^[\w.]+$/.test(said) ? routeIntent(`export ${said}`).export?.resolution : undefined;
  if (!resolution) {
    throw new UsageError(`--resolution ${text}: say it as 1080p, 720p, 480p, 1440p, 2160p or 4k`);
  }
  const lines = Number.parseInt(resolution, 10);
  const quality = lines >= 1080 ? 'high' : lines >= 720 ? 'medium' : 'low';
  return { resolution, lines, quality };
}

/** The prompt with the length and shape asked for told after it, in the prompt's language. */
export function promptWith(prompt, { duration, ratio }) {
  const chinese = isChinese(prompt);
  const asks = [];
  if (duration !== undefined) asks.push(chinese ? `时长 ${duration} 秒。` : `Make it ${duration} seconds long.`);
  if (ratio !== undefined) asks.push(chinese ? `画面比例 ${ratio}。` : `Make it ${ratio}.`);
  if (asks.length === 0) return prompt;
  const text = prompt.trim();
  const ended = /[.!?。！？]$/.test(text) ? text : `${text}${chinese ? '。' : '.'}`;
  return `${ended}${chinese ? '' : ' '}${asks.join(chinese ? '' : ' ')}`;
}

/**
 * Everything `i2v make` or `i2v export` was asked for beyond the prompt, read and checked:
 * `{ duration, ratio, format, resolution, exportOptions }`.
 */
export function readAsks(values) {
  const resolution = values.resolution === undefined ? null : readResolution(values.resolution);
  const format = values.format === undefined ? 'mp4' : readFormat(values.format);
  // Only what was asked: the SDK's defaults (mp4, high) stand otherwise.
  const exportOptions = {};
  if (values.format !== undefined) exportOptions.format = format;
  if (resolution) exportOptions.quality = resolution.quality;
  return {
    duration: values.duration === undefined ? undefined : readDuration(values.duration),
    ratio: values.ratio === undefined ? undefined : readRatio(values.ratio),
    format,
    resolution,
    exportOptions,
  };
}

/** A line pointing out that a video was made at another size than `--resolution` asked, or null. */
export function sizeMismatch(resolution, result) {
  if (!resolution || !result.width || !result.height) return null;
  return Math.min(result.width, result.height) === resolution.lines ? null : `${result.width}x${result.height}`;
}
