// The export panel: start a render in the format and size asked (or a quick 480p preview), show
// its progress, then the video (seekable: the studio serves byte ranges) with its poster, or the
// GIF as a picture, and a download link, in the player panel (player.js), which it tells of each
// new video. Everything it shows is drawn from one state machine
// (export-state.js), fed by this panel's own calls and by the export events of chat turns alike.
// The render id is saved as soon as it is known, so a reload during a render resumes polling the
// same render instead of starting another.

import { byId, formatBytes, formatSeconds, replace, safeUrl } from './dom.js';
import { errorView } from './alerts.js';
import { isCancel } from './errors.js';
import { canStart, fingerprint, initialState, next } from './export-state.js';
import { onLanguage, t } from './strings.js';
import * as store from './store.js';

/** What each render phase says while it runs. */
const PHASE_TEXT = {
  sending: 'exportSending',
  preview: 'exportPreviewing',
  resuming: 'exportResuming',
  loading: 'exportLoading',
  pending: 'exportPending',
  processing: 'exportRendering',
  completed: 'exportFinishing',
  failed: 'exportRetrying',
  browser: 'exportBrowserMaking',
};

/** How each format is named on the page, and what its file ends with. */
const FORMAT_NAMES = { mp4: 'MP4', webm: 'WebM', mov: 'MOV', gif: 'GIF' };

/**
 * The export panel. `cancelChat()` stops the chat turn that started a render (the turn owns it:
 * aborting the turn is what cancels that render).
 */
export class ExportPanel {
  constructor({ client, cancelChat = () => {}, onResult = () => {} }) {
    this.client = client;
    this.cancelChat = cancelChat;
    this.onResult = onResult; // a new video shown (or null when none is): the player shows it
    this.onDraw = null; // called after each redraw (browser-export.js draws its buttons)
    this.draft = null; // the timeline shown (a `Draft`), and its frame: what a browser export makes
    this.canvas = null;
    this.root = byId('export');
    this.button = byId('export-button');
    this.previewButton = byId('preview-button');
    this.cancelButton = byId('cancel-export');
    this.againButton = byId('reexport-button');
    this.quality = byId('quality');
    this.format = byId('format');
    this.resolution = byId('resolution');
    this.gif = byId('gif');
    this.status = byId('export-status');
    this.progress = byId('export-progress');
    this.errorBox = byId('export-error');
    this.result = byId('export-result');
    this.video = byId('video');
    this.download = byId('download-link');
    this.meta = byId('export-meta');
    this.state = initialState();
    this.draftJson = null; // the timeline shown, as JSON
    this.canvasKey = null; // the frame shown: `WxH@fps`
    this.controller = null; // the render this panel started or resumed, to stop it
    this.lastPreview = false; // whether the last render asked here was a preview
    this.retry = () => this.start();
    this.shownResult = null;
    this.shownError = null;
    this.button.addEventListener('click', () => this.start());
    this.previewButton.addEventListener('click', () => this.start({ preview: true }));
    // One click makes the video of the timeline as it is now, as the last one was asked.
    this.againButton.addEventListener('click', () => this.start({ preview: this.lastPreview }));
    this.cancelButton.addEventListener('click', () => this.cancel());
    this.format.addEventListener('change', () => this.draw());
    onLanguage(() => {
      this.shownResult = null; // the link and the size line are in words too
      this.draw();
    });
    this.draw();
  }

  /** Feeds `event` to the state machine, saves what a reload needs, and redraws. */
  dispatch(event) {
    const before = this.state;
    this.state = next(before, event);
    this.persist(before, this.state);
    this.draw();
  }

  /** Keeps the saved render in step with the machine: running, finished, or forgotten. */
  persist(before, now) {
    if (now.name === 'rendering' && now.renderId && now.renderId !== before.renderId) {
      store.saveRender(now.renderId, false, now.madeKey);
    } else if (before.name === 'rendering' && now.result && now.result !== before.result) {
      // A video made in this browser is a blob: URL of this page: nothing a reload can pick up.
      if (now.result.madeInBrowser) store.clearRender();
      else store.saveRender(now.result.renderId, true, now.madeKey);
    } else if (before.name === 'rendering' && now.name === 'idle') {
      store.clearRender(); // stopped, or gone from the studio: nothing to pick back up
    }
  }

  /** What to ask of the render: the panel's choices, or a quick preview (an MP4 at 480p). */
  outputOptions({ preview = false } = {}) {
    if (preview) return { format: 'mp4', quality: 'preview' };
    const options = { format: this.format.value, quality: this.quality.value };
    if (this.resolution.value) options.resolution = this.resolution.value;
    return options;
  }

  /** The timeline shown now (a `Draft`, or null): whether it can be exported, and what it is. */
  setDraft(draft) {
    this.draft = draft ?? null;
    this.draftJson = draft ? JSON.stringify(draft.toJSON()) : null;
    this.dispatch({ type: 'draft', exportable: Boolean(draft?.isExportReady()), key: this.currentKey() });
  }

  /** The frame shown now (size and rate); a video made in another one is out of date. */
  setCanvas(canvas) {
    this.canvas = canvas?.width ? canvas : null;
    this.canvasKey = canvas?.width ? `${canvas.width}x${canvas.height}@${canvas.fps}` : null;
    this.dispatch({ type: 'canvas', key: this.currentKey() });
  }

  currentKey() {
    return fingerprint(this.draftJson, this.canvasKey);
  }

  /** Starts a new render of the current draft (`preview`: a quick one to look at). */
  async start({ preview = false } = {}) {
    if (!canStart(this.state)) return;
    this.lastPreview = preview;
    this.retry = () => this.start({ preview });
    const controller = new AbortController();
    this.controller = controller;
    this.dispatch({ type: 'start', phase: preview ? 'preview' : 'sending' });
    try {
      const result = await this.client.export({
        ...this.outputOptions({ preview }),
        signal: controller.signal,
        onProgress: (p) => this.onProgress(p),
      });
      this.onExported(result);
    } catch (error) {
      this.onFailed(error);
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  /** Picks up a render saved before a reload: `{ id, finished, key }`. */
  async resume(render) {
    if (this.state.name === 'rendering') return;
    this.retry = () => this.resume(render);
    const controller = new AbortController();
    this.controller = controller;
    // What it was made of, as saved with it; unknown (null) for a render saved by an older page.
    this.dispatch({ type: 'start', phase: render.finished ? 'loading' : 'resuming', key: render.key ?? null, renderId: render.id, resumed: true });
    try {
      const result = await this.client.resumeExport(render.id, { signal: controller.signal, onProgress: (p) => this.onProgress(p) });
      this.onExported(result);
    } catch (error) {
      // An old render the studio no longer has is nothing to report.
      if (render.finished && !isCancel(error)) this.dispatch({ type: 'gone' });
      else this.onFailed(error);
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  /** Stops the render running: this panel's own, or the chat turn's. */
  cancel() {
    if (this.controller) this.controller.abort();
    else this.cancelChat();
  }

  /** A status report of a render (from this panel's calls or from a chat "export"). */
  onProgress(p) {
    this.dispatch({ type: 'progress', renderId: p.renderId, status: p.status, progress: p.progress });
  }

  /** A finished render: the video (or the GIF), its download link and what it is. */
  onExported(result) {
    this.dispatch({ type: 'exported', result });
  }

  /** A render that could not be made (or polled), or that was stopped. */
  onFailed(error) {
    this.dispatch({ type: 'failed', error, cancelled: isCancel(error) });
  }

  /** Draws the panel from the state: nothing here decides what the state is. */
  draw() {
    const s = this.state;
    this.root.dataset.state = s.name;
    setData(this.root, 'renderId', s.renderId);
    setData(this.root, 'resumed', s.resumed ? 'true' : null);
    setData(this.root, 'format', s.result ? (s.result.format ?? 'mp4') : null);
    this.button.textContent = t('exportButton', { format: FORMAT_NAMES[this.format.value] ?? 'video' });
    this.button.disabled = !canStart(s);
    this.previewButton.disabled = this.button.disabled;
    this.cancelButton.hidden = s.name !== 'rendering';
    this.againButton.hidden = s.name !== 'outdated';
    this.againButton.disabled = !canStart(s);
    this.status.textContent = this.statusText(s);
    this.progress.hidden = s.name !== 'rendering';
    if (s.progress === null) this.progress.removeAttribute('value');
    else this.progress.value = s.progress;
    this.drawError(s);
    this.drawResult(s);
    this.onDraw?.();
  }

  statusText(s) {
    switch (s.name) {
      case 'rendering': {
        if (s.phase === 'processing' && s.progress !== null) return t('exportRenderingPct', { pct: Math.round(s.progress) });
        if (s.phase === 'browser' && s.progress !== null) return t('exportBrowserPct', { pct: Math.round(s.progress) });
        return t(PHASE_TEXT[s.phase] ?? 'exportRendering');
      }
      case 'ready':
        return t(s.result?.madeInBrowser ? 'exportDoneBrowser' : 'exportDone');
      case 'outdated':
        return t('exportOutdated');
      case 'failed':
        return t('exportFailed');
      default:
        if (s.stopped) return t('exportStopped');
        return s.exportable ? t('exportReady') : t('exportNeedsVideo');
    }
  }

  drawError(s) {
    const error = s.name === 'failed' ? s.error : null;
    if (error === this.shownError) return;
    this.shownError = error;
    replace(this.errorBox, error ? errorView(error, { retry: () => this.retry() }) : null);
    this.errorBox.hidden = !error;
  }

  /** The last video, while it is current, out of date, or being replaced (dimmed). */
  drawResult(s) {
    const result = ['ready', 'outdated', 'rendering'].includes(s.name) ? s.result : null;
    this.result.hidden = !result;
    if (!result) {
      if (this.shownResult) this.onResult(null);
      this.shownResult = null;
      return;
    }
    if (result === this.shownResult) return;
    const isNew = result.renderId !== this.shownResult?.renderId;
    this.shownResult = result;
    // `url` carries its own access key; `downloadUrl` (the protocol's fallback) wants the API
    // token in a header, which neither a <video> nor a link can send.
    const src = safeUrl(result.url) ?? safeUrl(result.downloadUrl);
    this.show(result, src);
    const name = FORMAT_NAMES[result.format] ?? 'video';
    if (src) this.download.href = src;
    this.download.textContent = t('download', { format: name });
    this.download.setAttribute('download', `i2v-${result.renderId}.${result.format ?? 'mp4'}`);
    const parts = [name];
    if (result.width && result.height) parts.push(`${result.width}×${result.height}`);
    if (result.durationMs) parts.push(formatSeconds(result.durationMs));
    if (result.fps) parts.push(`${Math.round(result.fps * 100) / 100} fps`);
    if (result.size) parts.push(formatBytes(result.size));
    if (result.madeInBrowser) parts.push(t('madeInBrowser'));
    this.meta.textContent = parts.join(' · ');
    if (isNew) this.onResult(result);
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
}

/** Sets `data-<key>` to `value`, or removes it for null. */
function setData(el, key, value) {
  if (value === null || value === undefined) delete el.dataset[key];
  else el.dataset[key] = value;
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
      this.copy.textContent = t('copied');
    } catch {
      // No clipboard permission: select the link text so Ctrl+C copies it.
      const range = document.createRange();
      range.selectNodeContents(this.anchor);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      this.copy.textContent = t('pressCtrlC');
    }
    setTimeout(() => { this.copy.textContent = t('copy'); }, 2000);
  }
}
