// What `--duration`, `--ratio`, `--resolution`, `--format`, `--fps` and `--preview` ask for. The
// length and the shape are the agent's to make, so they are told to it in words, in the prompt's
// language (an agent that cannot make a shape says so in its reply); the rest are the render's,
// so they become the export's options, checked here by the SDK's own rule (`checkExportOptions`)
// before anything is sent.

import { checkExportOptions, routeIntent } from '../index.js';
import { isChinese } from './messages.js';
import { UsageError } from './studio.js';

/** The shapes a person may ask for; the agent answers for the ones it cannot make. */
const RATIOS = ['16:9', '9:16', '1:1', '4:5', '4:3'];
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

/**
 * `{ [option]: value }` checked as the SDK checks an export's options, or the `UsageError` of
 * `flag`, naming what it takes instead.
 */
function checked(flag, text, option, value) {
  return checkedAll({ [option]: value }, { [option]: `${flag} ${text}` });
}

/** `options` checked together (a GIF keeps 25 fps only), a refusal told as of `said[option]`. */
function checkedAll(options, said) {
  try {
    return checkExportOptions(options);
  } catch (error) {
    if (error?.option) {
      const { name, accepted, with: narrowed } = error.option;
      const choices = `${accepted.join(', ')}${narrowed ? ` (for ${narrowed})` : ''}`;
      throw new UsageError(`${said[name] ?? name}: choose one of ${choices}`);
    }
    throw error;
  }
}

/** `--format`: a container the backends make (`webm`, `.gif` read too). */
export function readFormat(text) {
  return checked('--format', text, 'format', String(text).trim().replace(/^\./, '')).format;
}

/**
 * `--resolution` as `{ resolution, lines }`: the frame's short side, read by the SDK's own rule
 * for "export 720p" (`routeIntent`: `720`, `hd`, `4k` too), then checked against what the
 * backends make.
 */
export function readResolution(text) {
  const said = String(text).trim();
  const resolution = /^[\w.]+$/.test(said) ? routeIntent(`export ${said}`).export?.resolution : undefined;
  if (!resolution) {
    throw new UsageError(`--resolution ${text}: say it as 480p, 720p, 1080p, 1440p, 2160p or 4k`);
  }
  checked('--resolution', text, 'resolution', resolution);
  return { resolution, lines: Number.parseInt(resolution, 10) };
}

/** `--fps`: frames per second the backends make (`30`, `30fps`). */
export function readFps(text) {
  return checked('--fps', text, 'fps', String(text).trim()).fps;
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
 * `{ duration, ratio, format, resolution, exportOptions }`, `format` being the file's extension.
 */
export function readAsks(values) {
  const resolution = values.resolution === undefined ? null : readResolution(values.resolution);
  const format = values.format === undefined ? 'mp4' : readFormat(values.format);
  // Only what was asked: the backend's defaults (mp4, the canvas's size and rate, high) stand
  // otherwise.
  const exportOptions = {};
  if (values.format !== undefined) exportOptions.format = format;
  if (resolution) exportOptions.resolution = resolution.resolution;
  if (values.fps !== undefined) exportOptions.fps = readFps(values.fps);
  if (values.preview) exportOptions.quality = 'preview';
  // Each is in the contract; together too?
  checkedAll(exportOptions, {
    format: `--format ${values.format}`,
    resolution: `--resolution ${values.resolution}`,
    fps: `--fps ${values.fps}`,
    quality: '--preview',
  });
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
