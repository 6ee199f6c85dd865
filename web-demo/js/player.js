// The player panel: the live preview of the timeline as it is now (`Preview` from @i2v/web,
// drawn in the page from the draft, no render), or the exported video once the person exports.
// Every change of the draft shows at once in the live preview, and switches back to it; a new
// export switches to the video; the two tabs go back and forth.

import { byId } from './dom.js';
import { onLanguage, t } from './strings.js';

/**
 * The player. `Preview` is the package's class; `loadMedia(src, kind, { signal })` gives a
 * Blob of a picture or a song (the studio's proxy, or the file the person picked).
 */
export class PlayerPanel {
  constructor({ Preview, loadMedia }) {
    this.root = byId('player');
    this.canvas = byId('live-canvas');
    this.empty = byId('live-empty');
    this.note = byId('live-note');
    this.playButton = byId('live-play');
    this.scrub = byId('live-scrub');
    this.time = byId('live-time');
    this.tabs = byId('player-tabs');
    this.liveTab = byId('show-live');
    this.exportTab = byId('show-export');
    this.video = byId('video');
    this.draft = null;
    this.canvasSize = null; // the frame of the video: { width, height, fps }
    this.shownKey = null; // what the live preview shows: the draft's JSON and the frame
    this.hasVideo = false;
    this.missing = new Set(); // srcs the preview could not load
    this.noteKey = null;
    this.scrubbing = false;
    this.loads = 0;
    this.preview = new Preview(this.canvas, { loadMedia, resolution: 'display' });
    this.preview.addEventListener('timeupdate', () => this.drawTime());
    this.preview.addEventListener('play', () => this.drawPlaying());
    this.preview.addEventListener('pause', () => this.drawPlaying());
    this.preview.addEventListener('error', (event) => {
      if (event.detail.src) {
        this.missing.add(event.detail.src);
        this.setNote('liveMissing', { count: this.missing.size });
      }
    });
    this.playButton.addEventListener('click', () => {
      if (this.preview.playing) this.preview.pause();
      else this.preview.play();
    });
    this.scrub.addEventListener('input', () => {
      this.scrubbing = true;
      this.preview.seek(Number(this.scrub.value)).finally(() => {
        this.scrubbing = false;
      });
    });
    this.liveTab.addEventListener('click', () => this.show('live'));
    this.exportTab.addEventListener('click', () => this.show('video'));
    onLanguage(() => {
      this.drawPlaying();
      if (this.noteKey) this.setNote(this.noteKey, this.noteParams);
    });
    this.drawPlaying();
  }

  /** The timeline shown now (a `Draft`, or null). A change shows in the live preview. */
  setDraft(draft) {
    this.draft = draft ?? null;
    this.refresh();
  }

  /** The frame the video is made in (`{ width, height, fps }`), from the state. */
  setCanvas(canvas) {
    this.canvasSize = canvas?.width && canvas?.height && canvas?.fps
      ? { width: canvas.width, height: canvas.height, fps: canvas.fps } : null;
    this.refresh();
  }

  /** A finished export to show (or null when there is none): the player switches to it. */
  setVideo(result) {
    this.hasVideo = Boolean(result);
    this.tabs.hidden = !this.hasVideo;
    this.show(this.hasVideo ? 'video' : 'live');
  }

  /** Shows the live preview (`live`) or the exported video (`video`). */
  show(mode) {
    const next = mode === 'video' && this.hasVideo ? 'video' : 'live';
    this.root.dataset.mode = next;
    this.liveTab.setAttribute('aria-pressed', String(next === 'live'));
    this.exportTab.setAttribute('aria-pressed', String(next === 'video'));
    if (next === 'video') this.preview.pause();
    else if (!this.video.paused) this.video.pause();
  }

  /** Loads the draft into the live preview when it or the frame changed. */
  async refresh() {
    const draft = this.draft;
    const key = draft ? `${JSON.stringify(draft.toJSON())}|${JSON.stringify(this.canvasSize)}` : null;
    if (key === this.shownKey) return;
    const changed = this.shownKey !== null;
    this.shownKey = key;
    if (changed) this.show('live'); // an edit: see it at once
    const load = ++this.loads;
    if (!draft || typeof draft.timeline !== 'function') {
      this.setLive('empty');
      return;
    }
    try {
      await this.preview.load(draft, { canvas: this.canvasSize ?? undefined });
      if (load !== this.loads) return;
      this.setLive('ready');
    } catch (error) {
      if (load !== this.loads) return;
      // A draft with nothing to show yet (music only, no pictures…): say so, keep the page going.
      this.setLive('empty');
      if (error?.kind !== 'draft' && error?.name !== 'DraftError') console.warn('live preview:', error);
    }
  }

  /** `ready`: the preview shows the draft; `empty`: there is nothing to play. */
  setLive(state) {
    this.root.dataset.live = state;
    const ready = state === 'ready';
    this.empty.hidden = ready;
    this.playButton.disabled = !ready;
    this.scrub.disabled = !ready;
    if (!ready) this.setNote(null);
    else if (this.missing.size === 0) this.setNote(null);
    this.drawTime();
    this.drawPlaying();
  }

  setNote(key, params = {}) {
    this.noteKey = key;
    this.noteParams = params;
    this.note.hidden = !key;
    this.note.textContent = key ? t(key, params) : '';
  }

  drawPlaying() {
    const playing = this.preview.playing;
    this.playButton.dataset.state = playing ? 'playing' : 'paused';
    this.playButton.setAttribute('aria-label', t(playing ? 'livePause' : 'livePlay'));
  }

  drawTime() {
    const duration = Math.round(this.preview.duration);
    const now = Math.round(this.preview.currentTime);
    this.scrub.max = String(duration);
    if (!this.scrubbing) this.scrub.value = String(now);
    this.time.textContent = `${clock(now)} / ${clock(duration)}`;
    this.root.dataset.timeMs = String(now);
  }
}

/** `m:ss` for a time in ms. */
function clock(ms) {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
