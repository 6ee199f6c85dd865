// The export made in this browser, with no render on the studio: `exportVideo` of @i2v/web
// (WebCodecs, mediabunny) as an option of the export panel. One button per format the browser
// can make (WebM wherever WebCodecs is, MP4 where it encodes H.264), shown once
// `exportFormats()` says so. It goes through the panel's own state machine (export-state.js):
// the same progress bar, Stop, and the video in the player with its download link, said to be
// made in the browser. The video lives as a blob: URL in this page only (not kept for a reload).

import { canStart } from './export-state.js';
import { t } from './strings.js';

const FORMATS = ['webm', 'mp4'];
const NAMES = { webm: 'WebM', mp4: 'MP4' };

export class BrowserExport {
  /**
   * `api`: the package; `panel`: the ExportPanel; `loadMedia`: what the live preview loads the
   * media with. The muxer is the copy build-web.sh puts next to the package (no bundler here).
   */
  constructor({ api, panel, loadMedia, muxerUrl = '/pkg/vendor/mediabunny.js' }) {
    this.api = api;
    this.panel = panel;
    this.loadMedia = loadMedia;
    this.muxerUrl = muxerUrl;
    this.made = 0;
    this.url = null; // the last video's blob: URL, let go when another replaces it
    this.buttons = new Map();
    const controls = panel.root.querySelector('.export-controls');
    for (const format of FORMATS) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button ghost browser-export';
      button.id = `browser-export-${format}`;
      button.dataset.format = format;
      button.hidden = true;
      button.addEventListener('click', () => this.start(format));
      controls.append(button);
      this.buttons.set(format, button);
    }
    this.available = new Set();
    if (typeof api.exportFormats === 'function') {
      api.exportFormats().then((formats) => {
        for (const f of formats) if (f.available) this.available.add(f.format);
        this.draw();
      }, () => {});
    }
    panel.onDraw = () => this.draw();
    this.draw();
  }

  draw() {
    for (const [format, button] of this.buttons) {
      button.hidden = !this.available.has(format);
      button.disabled = !canStart(this.panel.state) || !this.panel.draft;
      button.textContent = t('exportInBrowser', { format: NAMES[format] });
      button.title = t('exportInBrowserTitle');
    }
  }

  async start(format) {
    const panel = this.panel;
    if (!canStart(panel.state) || !panel.draft) return;
    const controller = new AbortController();
    panel.controller = controller;
    panel.lastPreview = false;
    panel.retry = () => this.start(format);
    panel.dispatch({ type: 'start', phase: 'browser' });
    try {
      await this.api.initPreview();
      const canvas = panel.canvas ?? undefined;
      const blob = await this.api.exportVideo(panel.draft, {
        format,
        canvas,
        quality: panel.quality.value,
        loadMedia: this.loadMedia,
        loadMuxer: () => import(this.muxerUrl),
        signal: controller.signal,
        onProgress: (p) => panel.dispatch({ type: 'progress', status: 'browser', progress: p.phase === 'video' ? p.fraction * 100 : null }),
      });
      if (this.url) URL.revokeObjectURL(this.url);
      this.url = URL.createObjectURL(blob);
      this.made += 1;
      const timeline = panel.draft.timeline(canvas);
      const { durationMs, canvas: frame } = timeline;
      timeline.free?.();
      panel.onExported({
        renderId: `browser-${this.made}`,
        url: this.url,
        format,
        width: frame.width,
        height: frame.height,
        fps: frame.fps,
        durationMs,
        size: blob.size,
        madeInBrowser: true,
      });
    } catch (error) {
      panel.onFailed(error);
    } finally {
      if (panel.controller === controller) panel.controller = null;
    }
  }
}
