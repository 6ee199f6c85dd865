// The timeline panel: the draft's tracks drawn to scale (one row per track, one block per
// segment, positioned in percent of the whole length), and the draft's own text summary.

import { byId, formatRange, formatSeconds, h, replace } from './dom.js';
import { rulerTicks } from './ruler.js';
import { onLanguage, t } from './strings.js';

/** Draws drafts into the timeline panel. `thumbnailFor(src)` gives a local preview URL or null. */
export class TimelineView {
  constructor({ thumbnailFor }) {
    this.root = byId('timeline');
    this.summary = byId('summary');
    this.canvasInfo = byId('canvas-info');
    this.thumbnailFor = thumbnailFor;
    this.canvas = null;
    this.durationMs = null;
    this.draft = null;
    onLanguage(() => this.render(this.draft));
  }

  /** Draws `draft` (a `Draft`), or the empty state for null. */
  render(draft) {
    this.draft = draft ?? null;
    if (!draft) {
      this.durationMs = null;
      delete this.root.dataset.durationMs;
      replace(this.root, h('p', { class: 'empty' }, t('timelineEmpty')));
      this.summary.hidden = true;
      this.updateInfo();
      return;
    }
    // The core lays the draft out (roles, labels, spans): the page only draws it.
    const { tracks, durationMs: totalMs } = draft.layout();
    this.durationMs = draft.durationMs ?? totalMs;
    this.root.dataset.durationMs = String(this.durationMs);
    this.root.dataset.tracks = String(tracks.length);
    if (tracks.length === 0 || totalMs <= 0) {
      replace(this.root, h('p', { class: 'empty' }, t('timelineBlank')));
    } else {
      replace(this.root, this.ruler(totalMs), tracks.map((track) => this.track(track, totalMs)));
    }
    this.summary.textContent = draft.summary();
    this.summary.hidden = false;
    this.updateInfo();
  }

  /** Shows the canvas (size and rate) beside the title. */
  setCanvas(canvas) {
    this.canvas = canvas ?? null;
    this.updateInfo();
  }

  updateInfo() {
    const parts = [];
    if (this.durationMs) parts.push(formatSeconds(this.durationMs));
    const c = this.canvas;
    if (c && c.width && c.height) {
      parts.push(`${c.width}×${c.height}${c.height > c.width ? ` (${t('vertical')})` : ''}`);
      if (c.fps) parts.push(`${c.fps} fps`);
    }
    this.canvasInfo.textContent = parts.join(' · ');
  }

  ruler(totalMs) {
    const lane = h('div', { class: 'ruler-lane' });
    for (const t of rulerTicks(totalMs)) {
      // The mark at the very end is drawn leftwards, so its label stays inside the lane.
      const tick = h('span', { class: t >= totalMs ? 'tick tick-end' : 'tick' }, formatSeconds(t));
      tick.style.left = percent(t, totalMs);
      lane.append(tick);
    }
    return h('div', { class: 'ruler', 'aria-hidden': 'true' }, h('span', { class: 'track-label' }), lane);
  }

  track(track, totalMs) {
    const lane = h('ol', { class: 'lane' });
    track.segments.forEach((segment, position) => lane.append(this.segment(track, segment, position, totalMs)));
    const count = track.segments.length;
    return h('div', {
      class: `track track-${track.kind}`,
      role: 'group',
      'aria-label': `${track.label}: ${count} ${count === 1 ? 'item' : 'items'}`,
      dataset: { kind: track.kind, role: track.role ?? '' },
    }, h('span', { class: 'track-label', title: track.label }, track.label), lane);
  }

  segment(track, segment, position, totalMs) {
    const time = formatRange(segment.startMs, segment.startMs + segment.durationMs);
    const name = this.segmentName(track, segment, position);
    const el = h('li', {
      class: `segment segment-${track.kind}`,
      title: `${name}, ${time}`,
      dataset: { startMs: String(segment.startMs), durationMs: String(segment.durationMs) },
    });
    el.style.left = percent(segment.startMs, totalMs);
    el.style.width = percent(segment.durationMs, totalMs);
    // A text block too narrow for its words shows them beside it, on the side with more room.
    if (track.kind === 'text') {
      const middle = segment.startMs + segment.durationMs / 2;
      el.classList.add(middle < totalMs / 2 ? 'label-after' : 'label-before');
    }

    if (track.kind === 'video') {
      const thumb = segment.src ? this.thumbnailFor(segment.src) : null;
      // Only URLs the page made itself (blob: object URLs) go into the style.
      if (thumb && thumb.startsWith('blob:')) el.style.backgroundImage = `url("${thumb}")`;
    }
    el.append(h('span', { class: 'segment-name' }, name));
    if (segment.volume !== null && track.kind !== 'text') {
      const meter = h('span', { class: 'volume', 'aria-hidden': 'true' }, h('span', { class: 'volume-fill' }));
      meter.firstChild.style.width = `${Math.min(100, Math.round(segment.volume * 100))}%`;
      el.append(h('span', { class: 'segment-volume' }, `${Math.round(segment.volume * 100)}%`), meter);
    }
    el.append(h('span', { class: 'segment-time' }, time));
    for (const [ms, side] of [[segment.fadeInMs, 'in'], [segment.fadeOutMs, 'out']]) {
      if (ms && segment.durationMs > 0) {
        const fade = h('span', { class: `fade fade-${side}`, 'aria-hidden': 'true' });
        fade.style.width = percent(Math.min(ms, segment.durationMs), segment.durationMs);
        el.append(fade);
      }
    }
    if (segment.transition) {
      const t = segment.transition;
      const label = `${t.type} transition${t.durationMs ? ` (${formatSeconds(t.durationMs)})` : ''}`;
      el.append(h('span', { class: 'transition', title: label }, h('span', { class: 'visually-hidden' }, label)));
    }
    return el;
  }

  segmentName(track, segment, position) {
    if (track.kind === 'text') return segment.text ? `“${segment.text}”` : (segment.name ?? 'Text');
    if (segment.name) return segment.name;
    return track.kind === 'video' ? `Clip ${position + 1}` : track.label;
  }
}

function percent(part, whole) {
  return `${Math.max(0, Math.min(100, (part / whole) * 100)).toFixed(3)}%`;
}
