// The draft's tracks laid out in time (docs/PROTOCOL.md §5), with no DOM: what the timeline view draws.
//
// A track is `{tt, m?, sg: [segment]}`; a segment is `{d, s?, m?}`. `s` is the start in ms on the
// timeline; absent, the segment follows the previous one of its track. Values that break the
// format are skipped rather than trusted: the view must draw whatever the backend sends.

const KINDS = { 0: 'video', 1: 'audio', 7: 'text' };

/**
 * `{ tracks, totalMs }` for a draft's JSON value. Each track: `{ index, kind, role, label,
 * segments }`; each segment: `{ index, startMs, durationMs, name, text, volume, transition,
 * fadeInMs, fadeOutMs, src }`. `minTotalMs` (the draft's own length) widens the scale.
 */
export function layoutDraft(json, minTotalMs = 0) {
  const rawTracks = Array.isArray(json?.t) ? json.t : [];
  let totalMs = Number.isFinite(minTotalMs) && minTotalMs > 0 ? minTotalMs : 0;
  const tracks = rawTracks.map((track, index) => {
    const kind = KINDS[track?.tt] ?? 'other';
    const meta = isObject(track?.m) ? track.m : {};
    const role = typeof meta.role === 'string' ? meta.role : null;
    const segments = layoutSegments(Array.isArray(track?.sg) ? track.sg : [], meta);
    for (const s of segments) totalMs = Math.max(totalMs, s.startMs + s.durationMs);
    return { index, kind, role, label: trackLabel(kind, role, index), segments };
  });
  return { tracks, totalMs };
}

function layoutSegments(rawSegments, trackMeta) {
  const out = [];
  let cursor = 0;
  rawSegments.forEach((segment, index) => {
    const durationMs = finite(segment?.d);
    if (durationMs === null || durationMs < 0) return;
    const start = finite(segment?.s);
    const startMs = start !== null && start >= 0 ? start : cursor;
    cursor = startMs + durationMs;
    const m = isObject(segment?.m) ? segment.m : {};
    out.push({
      index,
      startMs,
      durationMs,
      name: text(m.name) ?? text(trackMeta.name),
      text: text(m.text),
      volume: fraction(m.volume) ?? fraction(trackMeta.volume),
      transition: transitionOf(m.transition),
      fadeInMs: finite(m.fade_in),
      fadeOutMs: finite(m.fade_out),
      src: text(m.src),
    });
  });
  return out;
}

/** The row label a person reads: by role first, then by track type. */
export function trackLabel(kind, role, index) {
  if (role === 'bgm') return 'Music';
  if (role === 'title') return 'Title';
  if (role === 'subtitle' || role === 'caption' || role === 'captions') return 'Captions';
  if (role) return role.charAt(0).toUpperCase() + role.slice(1).replace(/_/g, ' ');
  if (kind === 'video') return 'Video';
  if (kind === 'audio') return 'Music';
  if (kind === 'text') return 'Text';
  return `Track ${index + 1}`;
}

/** Ruler ticks for a timeline `totalMs` long: at most about ten, at a round step. */
export function rulerTicks(totalMs) {
  if (!(totalMs > 0)) return [];
  const steps = [250, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000];
  const step = steps.find((s) => totalMs / s <= 10) ?? Math.ceil(totalMs / 10 / 60000) * 60000;
  const ticks = [];
  for (let t = 0; t <= totalMs + 0.5; t += step) ticks.push(t);
  return ticks;
}

function transitionOf(value) {
  if (!isObject(value)) return null;
  const type = text(value.type);
  if (!type || type === 'none') return null;
  return { type, durationMs: finite(value.d) };
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function finite(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function fraction(value) {
  const n = finite(value);
  return n === null ? null : Math.min(1, Math.max(0, n));
}

function text(value) {
  return typeof value === 'string' && value !== '' ? value : null;
}
