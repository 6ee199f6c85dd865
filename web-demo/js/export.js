// The export panel: start a render in the format and size asked (or a quick 480p preview), show
// its progress, then the video (seekable: the studio serves byte ranges) with its poster, or the
// GIF as a picture, and a download link. The render id is saved as soon as it is known, so a
// reload during a render resumes polling the same render instead of starting another.

import { byId, formatBytes, formatSeconds, replace, safeUrl } from './dom.js';
import { errorView } from './alerts.js';
import { isCancel } from './errors.js';
import * as store from './store.js';

const STATUS_TEXT = {
  pending: 'Waiting for a free renderer…',
  processing: 'Rendering',
  completed: 'Finishing…',
  failed: 'The render failed; trying once more…',
};

/** How each format is named on the page, and what its file ends with. */
const FORMAT_NAMES = { mp4: 'MP4', webm: 'WebM', mov: 'MOV', gif: 'GIF' };

/** The export panel. */
export class ExportPanel {
  constructor({ client }) {
    this.client = client;
    this.root = byId('export');
    this.button = byId('export-button');
    this.quality = byId('quality');
    this.format = byId('format');
    this.resolution = byId('resolution');
    this.previewButton = byId('preview-button');
    this.gif = byId('gif');
    this.status = byId('export-status');
    this.progress = byId('export-progress');
    this.errorBox = byId('export-error');
    this.result = byId('export-result');
    this.video = byId('video');
    this.download = byId('download-link');
    this.meta = byId('export-meta');
    this.ready = false;
    this.busy = false;
    this.draftJson = null; // the timeline shown, as JSON
    this.canvasKey = null; // the frame shown: `WxH@fps`
    this.exportedKey = null; // the timeline and frame of the video shown (null: not known)
    this.button.addEventListener('click', () => this.start());
    this.previewButton.addEventListener('click', () => this.start({ preview: true }));
    this.format.addEventListener('change', () => this.nameButton());
    this.nameButton();
  }

  /** The export button says what it makes. */
  nameButton() {
    this.button.textContent = `Export ${FORMAT_NAMES[this.format.value] ?? 'video'}`;
  }

  /** What to ask of the render: the panel's choices, or a quick preview (an MP4 at 480p). */
  outputOptions({ preview = false } = {}) {
    if (preview) return { format: 'mp4', quality: 'preview' };
    const options = { format: this.format.value, quality: this.quality.value };
    if (this.resolution.value) options.resolution = this.resolution.value;
    return options;
  }

  /** Enables export when `draft` has something to render; says when a video is out of date. */
  setDraft(draft) {
    this.ready = Boolean(draft?.isExportReady());
    this.draftJson = draft ? JSON.stringify(draft.toJSON()) : null;
    this.updateButton();
    if (this.markStale()) return;
    if (!this.ready && !this.busy && this.root.dataset.state === 'idle') {
      this.status.textContent = 'Make a video first, then export it here.';
    } else if (this.ready && this.root.dataset.state === 'idle') {
      this.status.textContent = 'Ready to export.';
    }
  }

  /** Notes the frame shown (size and rate); a video made in another one is out of date. */
  setCanvas(canvas) {
    this.canvasKey = canvas?.width ? `${canvas.width}x${canvas.height}@${canvas.fps}` : null;
    this.markStale();
  }

  /** What the video would be made of now, the timeline and the frame, as a short fingerprint
   * (saved with the render, so it must stay small: FNV-1a over the text). */
  currentKey() {
    const text = `${this.draftJson}|${this.canvasKey}`;
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i += 1) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return `${text.length}:${hash.toString(16)}`;
  }

  /** Says the video shown no longer matches the timeline or the frame; whether it does not. */
  markStale() {
    const shown = this.root.dataset.state === 'done' && this.exportedKey;
    if (!shown || this.exportedKey === this.currentKey()) return false;
    this.status.textContent = 'This video no longer matches the timeline or the frame shape: export again to include the changes.';
    this.root.dataset.stale = 'true';
    return true;
  }

  updateButton() {
    this.button.disabled = !this.ready || this.busy;
    this.previewButton.disabled = this.button.disabled;
  }

  /** Starts a new render of the current draft (`preview`: a quick one to look at). */
  async start({ preview = false } = {}) {
    if (this.busy) return;
    this.begin(preview ? 'Making a quick preview…' : 'Sending the timeline to the renderer…');
    try {
      const result = await this.client.export({
        ...this.outputOptions({ preview }),
        onProgress: (p) => this.onProgress(p),
      });
      this.onExported(result);
    } catch (error) {
      this.onFailed(error, () => this.start({ preview }));
    }
  }

  /** Picks up a render saved before a reload: `{ id, finished }`. */
  async resume(render) {
    if (this.busy) return;
    // What it was made of, as saved with it; unknown for a render saved by an older page.
    this.begin(render.finished ? 'Loading your last export…' : 'Picking your render back up…', render.key ?? null);
    this.root.dataset.resumed = 'true';
    this.root.dataset.renderId = render.id;
    try {
      const result = await this.client.resumeExport(render.id, { onProgress: (p) => this.onProgress(p) });
      this.onExported(result);
    } catch (error) {
      if (render.finished) {
        // An old render the studio no longer has is nothing to report.
        store.clearRender();
        this.end('idle', this.ready ? 'Ready to export.' : 'Make a video first, then export it here.');
        return;
      }
      this.onFailed(error, () => this.resume(render));
    }
  }

  begin(text, key = this.currentKey()) {
    // What is being rendered, to tell later whether the video still matches the timeline.
    this.exportedKey = key;
    delete this.root.dataset.stale;
    this.busy = true;
    this.updateButton();
    this.root.dataset.state = 'running';
    this.errorBox.hidden = true;
    replace(this.errorBox);
    this.status.textContent = text;
    this.progress.removeAttribute('value');
    this.progress.hidden = false;
  }

  end(state, text) {
    this.busy = false;
    this.root.dataset.state = state;
    this.status.textContent = text;
    this.progress.hidden = true;
    this.updateButton();
  }

  /** A status report of a render (from this panel's calls or from a chat "export"). */
  onProgress(p) {
    if (this.root.dataset.state !== 'running') this.begin('Sending the timeline to the renderer…');
    if (this.root.dataset.renderId !== p.renderId) {
      this.root.dataset.renderId = p.renderId;
      store.saveRender(p.renderId, false, this.exportedKey);
    }
    const pct = Number.isFinite(p.progress) ? Math.max(0, Math.min(100, p.progress)) : null;
    if (pct === null) this.progress.removeAttribute('value');
    else this.progress.value = pct;
    const label = STATUS_TEXT[p.status] ?? 'Rendering';
    this.status.textContent = p.status === 'processing' && pct !== null ? `${label}… ${Math.round(pct)}%` : label + (p.status === 'processing' ? '…' : '');
  }

  /** A finished render: the video (or the GIF), its download link and what it is. */
  onExported(result) {
    store.saveRender(result.renderId, true, this.exportedKey);
    this.root.dataset.renderId = result.renderId;
    this.root.dataset.format = result.format ?? 'mp4';
    // `url` carries its own access key; `downloadUrl` (the protocol's fallback) wants the API
    // token in a header, which neither a <video> nor a link can send.
    const src = safeUrl(result.url) ?? safeUrl(result.downloadUrl);
    this.show(result, src);
    const name = FORMAT_NAMES[result.format] ?? 'video';
    if (src) this.download.href = src;
    this.download.textContent = `Download ${name}`;
    this.download.setAttribute('download', `i2v-${result.renderId}.${result.format ?? 'mp4'}`);
    const parts = [name];
    if (result.width && result.height) parts.push(`${result.width}×${result.height}`);
    if (result.durationMs) parts.push(formatSeconds(result.durationMs));
    if (result.fps) parts.push(`${Math.round(result.fps * 100) / 100} fps`);
    if (result.size) parts.push(formatBytes(result.size));
    this.meta.textContent = parts.join(' · ');
    this.result.hidden = false;
    this.end('done', 'Your video is ready.');
    this.markStale(); // a video picked up after a reload may already be out of date
  }

  /** Shows what was made: a GIF as a picture, any other format in the player, its poster
   * standing in until it plays. */
  show(result, src) {
    const isGif = result.format === 'gif';
    this.gif.hidden = !isGif;
    this.video.hidden = isGif;
    if (isGif) {
      this.video.removeAttribute('src');
      if (src) this.gif.src = src;
      return;
    }
    this.gif.removeAttribute('src');
    const poster = safeUrl(result.posterUrl);
    if (poster) this.video.poster = poster;
    else this.video.removeAttribute('poster');
    if (src && this.video.getAttribute('src') !== src) {
      this.video.src = src;
      this.video.load();
    }
  }

  /** A render that could not be made (or polled); `retry` starts it again. */
  onFailed(error, retry = () => this.start()) {
    if (isCancel(error)) {
      this.end('idle', 'Export stopped.');
      return;
    }
    this.end('failed', 'The export did not finish.');
    replace(this.errorBox, errorView(error, { retry }));
    this.errorBox.hidden = false;
  }
}

/** The project (claim) link, fetched once per page and session. */
export class ProjectLink {
  constructor({ client }) {
    this.client = client;
    this.root = byId('project-link');
    this.anchor = byId('project-link-anchor');
    this.copy = byId('copy-link');
    this.sessionId = null;
    this.copy.addEventListener('click', () => this.copyLink());
  }

  /** Fetches and shows the link for the client's current session, once. */
  async show() {
    const session = this.client.session;
    if (!session || this.sessionId === session.sessionId) return;
    this.sessionId = session.sessionId;
    try {
      const url = safeUrl(await this.client.claimUrl());
      if (!url) return;
      this.anchor.href = url;
      this.anchor.textContent = url;
      this.root.hidden = false;
    } catch {
      // The link is a convenience: without it the page works the same. Try again next time.
      this.sessionId = null;
    }
  }

  async copyLink() {
    const url = this.anchor.href;
    try {
      await navigator.clipboard.writeText(url);
      this.copy.textContent = 'Copied';
    } catch {
      // No clipboard permission: select the link text so Ctrl+C copies it.
      const range = document.createRange();
      range.selectNodeContents(this.anchor);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      this.copy.textContent = 'Press Ctrl+C';
    }
    setTimeout(() => { this.copy.textContent = 'Copy'; }, 2000);
  }
}
