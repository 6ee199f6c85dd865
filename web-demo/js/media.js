// The images-and-music panel: drop or pick files, see them at once, upload each in turn with its
// own progress, and see why a file was refused while the others go on. A refused or failed file
// can be dismissed from the list; an accepted one stays (the studio has no way to delete an
// upload, docs/PROTOCOL.md §3), and the panel says so instead of pretending to remove it.
//
// Files upload one per `client.upload([file])` call, in the order they were added (the order the
// editor uses them), so each row has its own progress and its own error.

import { byId, formatBytes, formatSeconds, h, replace } from './dom.js';
import { errorView } from './alerts.js';
import { acceptedText, describeError } from './errors.js';
import { onLanguage, t } from './strings.js';
import { describeKnown, makeThumbnail, objectUrlOf } from './thumbs.js';
import * as store from './store.js';

/** The picture extensions the page takes (docs/PROTOCOL.md §3.5), as the SDK judges them. */
export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'heic', 'gif'];
/** The music extensions the studio takes: an uploaded song becomes the background music. */
export const AUDIO_EXTENSIONS = ['mp3', 'wav', 'm4a', 'aac'];
/** The backend's documented limit; a studio configured lower answers with its own. */
export const MAX_BYTES = 200 * 1024 * 1024;

/** Why the page refuses `file` before sending it, as `{ title, detail }` in words, or null. */
export function precheck(file) {
  const ext = extension(file.name);
  if (!IMAGE_EXTENSIONS.includes(ext) && !AUDIO_EXTENSIONS.includes(ext)) {
    return { title: t('refusedType'), detail: acceptedText([...IMAGE_EXTENSIONS, ...AUDIO_EXTENSIONS]) };
  }
  if (file.size === 0) return { title: t('refusedEmpty'), detail: '' };
  if (file.size > MAX_BYTES) {
    return { title: t('refusedLarge', { size: formatBytes(file.size) }), detail: t('limitPerFile', { max: formatBytes(MAX_BYTES) }) };
  }
  return null;
}

function extension(name) {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Whether `name` is a music file by its extension. */
export function isAudioName(name) {
  return AUDIO_EXTENSIONS.includes(extension(name));
}

/**
 * The panel. Uploads start once `connected` resolves; `onUploaded(media)` runs after each
 * successful upload, and `onAudio(name)` whenever a song is among the project's uploads.
 */
export class MediaPanel {
  constructor({ client, connected, onUploaded, onAudio }) {
    this.client = client;
    this.connected = connected;
    this.onUploaded = onUploaded;
    this.onAudio = onAudio;
    this.list = byId('files');
    this.keep = byId('files-keep');
    this.input = byId('file-input');
    this.zone = byId('dropzone');
    this.queue = Promise.resolve();
    this.pending = 0;
    this.rows = new Set();
    this.previews = new Map(); // media id → object URL of the picture
    this.files = new Map(); // media id → the File uploaded from this page (for the live preview)
    this.wire();
    onLanguage(() => this.rows.forEach((row) => row.relabel()));
  }

  wire() {
    this.input.addEventListener('change', () => {
      this.add([...this.input.files]);
      this.input.value = ''; // so the same file can be picked again
    });
    const over = (event) => {
      if (!event.dataTransfer?.types?.includes('Files')) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      this.zone.classList.add('dragging');
    };
    this.zone.addEventListener('dragenter', over);
    this.zone.addEventListener('dragover', over);
    this.zone.addEventListener('dragleave', () => this.zone.classList.remove('dragging'));
    this.zone.addEventListener('drop', (event) => {
      event.preventDefault();
      this.zone.classList.remove('dragging');
      this.add([...(event.dataTransfer?.files ?? [])]);
    });
    // A file dropped beside the zone would otherwise navigate away from the page.
    window.addEventListener('dragover', (event) => event.preventDefault());
    window.addEventListener('drop', (event) => event.preventDefault());
  }

  /** The preview of an uploaded picture, for the timeline, or null. */
  thumbnailFor(mediaId) {
    return this.previews.get(mediaId) ?? null;
  }

  /** The file uploaded as `mediaId` from this page (not after a reload), or null. */
  fileFor(mediaId) {
    return this.files.get(mediaId) ?? null;
  }

  /** Whether uploads are still running or waiting. */
  get busy() {
    return this.pending > 0;
  }

  /** Resolves once every upload added so far has finished (well or not). */
  idle() {
    return this.queue;
  }

  /** Shows `files` at once and queues those that pass the checks. */
  add(files) {
    for (const file of files) {
      const row = this.row(file.name, file);
      const refused = precheck(file);
      if (refused) {
        row.set('rejected', () => precheck(file).title);
        row.showError(h('div', { class: 'error', role: 'alert', dataset: { kind: 'precheck' } },
          h('p', { class: 'error-title' }, refused.title),
          refused.detail ? h('p', { class: 'error-detail' }, refused.detail) : null));
        continue;
      }
      this.enqueue(file, row);
    }
  }

  /** Rows for media the session already has (after a reload): their pictures fetched from the
   * studio where it gives a URL, else the thumbnails kept when they were uploaded. */
  showKnown(videoInfos) {
    if (!Array.isArray(videoInfos) || this.rows.size > 0) return;
    const kept = store.loadThumbnails(this.client.session?.sessionId ?? '');
    for (const info of videoInfos) {
      const known = describeKnown(info);
      const name = known.name ?? 'Uploaded file';
      const row = this.row(name, null, known.kind);
      row.el.dataset.known = 'true';
      if (known.id) row.el.dataset.mediaId = known.id;
      row.set('done', () => t('uploadedEarlier'));
      if (known.kind === 'audio') this.onAudio?.(name);
      else if (known.kind === 'image' || known.kind === null) this.restoreThumbnail(row, known, kept[known.id]);
    }
    this.updateKeep();
  }

  async restoreThumbnail(row, known, keptDataUrl) {
    let url = null;
    if (known.url) {
      try {
        const response = await fetch(known.url);
        if (response.ok) url = URL.createObjectURL(await response.blob());
      } catch {
        url = null; // the kept thumbnail, or the badge, stands in
      }
    }
    url ??= keptDataUrl ? objectUrlOf(keptDataUrl) : null;
    if (!url) return;
    if (known.id) this.previews.set(known.id, url);
    row.showPicture(url);
  }

  enqueue(file, row) {
    this.pending += 1;
    row.set('queued', () => t('uploadQueued'));
    this.queue = this.queue.then(() => this.upload(file, row)).finally(() => {
      this.pending -= 1;
    });
  }

  async upload(file, row) {
    row.set('queued', () => t('uploadWaitingStudio'));
    await this.connected;
    row.set('uploading', () => t('uploading'));
    // fetch reports no progress while the body is sent: the bar stays indeterminate until the
    // SDK reports bytes, then shows them.
    row.progress.removeAttribute('value');
    row.progress.hidden = false;
    try {
      const media = await this.client.upload([file], {
        onProgress: ({ sent, total }) => {
          if (total > 0 && sent > 0) row.progress.value = Math.min(1, sent / total);
        },
      });
      const medium = media[0];
      row.progress.hidden = true; // the status line says it is done
      const detail = [];
      if (medium?.width && medium?.height) detail.push(`${medium.width}×${medium.height}`);
      if (medium?.durationMs) detail.push(formatSeconds(medium.durationMs));
      detail.push(formatBytes(medium?.size || file.size));
      row.set('done', () => t('uploaded', { detail: detail.join(' · ') }));
      if (medium) {
        row.el.dataset.mediaId = medium.mediaId;
        row.el.dataset.kind = medium.kind;
        this.files.set(medium.mediaId, file);
        if (row.preview) this.previews.set(medium.mediaId, row.preview);
        if (medium.kind === 'image') this.keepThumbnail(file, medium.mediaId);
        if (medium.kind === 'audio') this.onAudio?.(file.name);
      }
      this.updateKeep();
      this.onUploaded?.(media);
    } catch (error) {
      row.progress.hidden = true;
      const refused = error?.kind === 'file_type' || error?.kind === 'file_size';
      row.set(refused ? 'rejected' : 'failed', () => describeError(error).title);
      row.showError(errorView(error, {
        retry: () => {
          row.clearError();
          this.enqueue(file, row);
        },
      }));
    }
  }

  /** Keeps a small copy of the picture, to show it again after a reload. */
  async keepThumbnail(file, mediaId) {
    const sessionId = this.client.session?.sessionId;
    const dataUrl = await makeThumbnail(file);
    if (sessionId && dataUrl) store.saveThumbnail(sessionId, mediaId, dataUrl);
  }

  /** Says why accepted uploads have no remove button, once there is one. */
  updateKeep() {
    this.keep.hidden = !this.list.querySelector('.file[data-status="done"]');
  }

  /**
   * A row for a file named `name`: its preview at once when `file` is a picture the browser can
   * show, else a badge with the file's type; its status line (in the page's language, redrawn
   * when it changes) and, once refused or failed, a button to dismiss it.
   */
  row(name, file = null, kind = null) {
    const status = h('p', { class: 'file-status' });
    const progress = h('progress', { max: '1', hidden: true });
    const body = h('div', { class: 'file-body' }, h('p', { class: 'file-name', title: name }, name), status, progress);
    const audio = kind === 'audio' || isAudioName(name);
    const thumb = h('span', { class: 'thumb placeholder' }, badge(name, audio));
    const dismiss = h('button', { type: 'button', class: 'file-dismiss', hidden: true }, '×');
    const el = h('li', { class: 'file', dataset: { status: 'queued', name, kind: audio ? 'audio' : 'image' } }, thumb, body, dismiss);
    let label = () => '';
    const row = {
      el, body, status, progress, preview: null,
      set(state, text) {
        el.dataset.status = state;
        label = text;
        status.textContent = text();
        // Only a file the studio does not have can go from the list: it was never stored.
        dismiss.hidden = state !== 'rejected' && state !== 'failed';
      },
      relabel() {
        status.textContent = label();
        progress.setAttribute('aria-label', t('uploadOf', { name }));
        dismiss.setAttribute('aria-label', t('dismissFile', { name }));
        dismiss.title = t('dismiss');
      },
      showError(view) {
        body.append(view);
      },
      clearError() {
        body.querySelectorAll('.error').forEach((e) => e.remove());
      },
      showPicture(url) {
        const img = h('img', { alt: '', decoding: 'async', src: url });
        thumb.classList.remove('placeholder');
        replace(thumb, img);
      },
    };
    dismiss.addEventListener('click', () => {
      el.remove();
      this.rows.delete(row);
      this.input.focus(); // focus goes somewhere sensible, not to the page's start
    });
    row.relabel();
    this.rows.add(row);
    this.list.append(el);
    if (file && !audio && (file.type.startsWith('image/') || IMAGE_EXTENSIONS.includes(extension(name)))) {
      row.preview = URL.createObjectURL(file);
      const img = h('img', { alt: '', decoding: 'async' });
      // HEIC (and anything else the browser cannot decode) keeps its labelled placeholder.
      img.addEventListener('load', () => {
        thumb.classList.remove('placeholder');
        replace(thumb, img);
      }, { once: true });
      img.addEventListener('error', () => {
        replace(thumb, badge(name, false), h('span', { class: 'thumb-note' }, t('noPreview')));
        thumb.title = t('noPreviewTitle');
        URL.revokeObjectURL(row.preview);
        row.preview = null;
      }, { once: true });
      img.src = row.preview;
      thumb.append(img); // in the page at once, so it shows as soon as it decodes
    }
    return row;
  }
}

/** The badge standing for a file with no picture: its type, and a note for music. */
function badge(name, audio) {
  const type = extension(name).toUpperCase() || (audio ? 'AUDIO' : 'FILE');
  return audio
    ? [h('span', { class: 'thumb-icon', 'aria-hidden': 'true' }, '♪'), h('span', { class: 'thumb-label' }, type)]
    : h('span', { class: 'thumb-label' }, type);
}
