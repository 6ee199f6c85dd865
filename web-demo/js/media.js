// The images panel: drop or pick files, see them at once, upload each in turn with its own
// progress, and see why a file was refused while the others go on.
//
// Files upload one per `client.upload([file])` call, in the order they were added (the order the
// editor uses them), so each row has its own progress and its own error.

import { byId, formatBytes, h, replace } from './dom.js';
import { errorView } from './alerts.js';
import { acceptedText, describeError } from './errors.js';

/** The extensions the page takes (docs/PROTOCOL.md §3.5, images only), as the SDK judges them. */
export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'heic', 'gif'];
/** The backend's documented limit; a studio configured lower answers with its own. */
export const MAX_BYTES = 200 * 1024 * 1024;

/** Why the page refuses `file` before sending it, or null when it may go. */
export function precheck(file) {
  const ext = extension(file.name);
  if (!IMAGE_EXTENSIONS.includes(ext)) {
    return { title: 'This kind of file cannot be used.', detail: acceptedText(IMAGE_EXTENSIONS) };
  }
  if (file.size === 0) return { title: 'This file is empty.', detail: '' };
  if (file.size > MAX_BYTES) {
    return { title: `This file is too large (${formatBytes(file.size)}).`, detail: `The limit is ${formatBytes(MAX_BYTES)} per file.` };
  }
  return null;
}

function extension(name) {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * The images panel. Uploads start once `connected` resolves; `onUploaded(media)` runs after each
 * successful upload.
 */
export class MediaPanel {
  constructor({ client, connected, onUploaded }) {
    this.client = client;
    this.connected = connected;
    this.onUploaded = onUploaded;
    this.list = byId('files');
    this.input = byId('file-input');
    this.zone = byId('dropzone');
    this.queue = Promise.resolve();
    this.pending = 0;
    this.previews = new Map(); // media id → object URL of the local file
    this.wire();
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

  /** The local preview of an uploaded medium, for the timeline, or null. */
  thumbnailFor(mediaId) {
    return this.previews.get(mediaId) ?? null;
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
      const row = this.row(file);
      this.list.append(row.el);
      const refused = precheck(file);
      if (refused) {
        row.set('rejected', refused.title);
        row.body.append(h('div', { class: 'error', role: 'alert', dataset: { kind: 'precheck' } },
          h('p', { class: 'error-title' }, refused.title),
          refused.detail ? h('p', { class: 'error-detail' }, refused.detail) : null));
        continue;
      }
      this.enqueue(file, row);
    }
  }

  /** Rows for media the session already has (after a reload), without local previews. */
  showKnown(videoInfos) {
    if (!Array.isArray(videoInfos) || this.list.childElementCount > 0) return;
    for (const info of videoInfos) {
      const name = typeof info?.name === 'string' ? info.name : 'Uploaded file';
      const el = h('li', { class: 'file', dataset: { status: 'done' } },
        h('span', { class: 'thumb placeholder', 'aria-hidden': 'true' }, extension(name).toUpperCase() || 'FILE'),
        h('div', { class: 'file-body' },
          h('p', { class: 'file-name' }, name),
          h('p', { class: 'file-status' }, 'Uploaded earlier')));
      this.list.append(el);
    }
  }

  enqueue(file, row) {
    this.pending += 1;
    row.set('queued', 'Waiting…');
    this.queue = this.queue.then(() => this.upload(file, row)).finally(() => {
      this.pending -= 1;
    });
  }

  async upload(file, row) {
    row.set('queued', 'Waiting for the studio…');
    await this.connected;
    row.set('uploading', 'Uploading…');
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
      if (medium && row.preview) this.previews.set(medium.mediaId, row.preview);
      row.progress.hidden = true; // the status line says it is done
      const size = medium?.width && medium?.height ? `${medium.width}×${medium.height} · ` : '';
      row.set('done', `Uploaded · ${size}${formatBytes(medium?.size ?? file.size)}`);
      if (medium) row.el.dataset.mediaId = medium.mediaId;
      this.onUploaded?.(media);
    } catch (error) {
      row.progress.hidden = true;
      const d = describeError(error);
      const refused = error?.kind === 'file_type' || error?.kind === 'file_size';
      row.set(refused ? 'rejected' : 'failed', d.title);
      row.body.append(errorView(error, {
        retry: () => {
          row.clearError();
          this.enqueue(file, row);
        },
      }));
    }
  }

  /** A row for `file`: its preview at once (or a labelled placeholder) and its status line. */
  row(file) {
    const status = h('p', { class: 'file-status' });
    const progress = h('progress', { max: '1', hidden: true, 'aria-label': `Upload of ${file.name}` });
    const body = h('div', { class: 'file-body' }, h('p', { class: 'file-name' }, file.name), status, progress);
    const thumb = h('span', { class: 'thumb' });
    const el = h('li', { class: 'file', dataset: { status: 'queued', name: file.name } }, thumb, body);
    const row = {
      el, body, status, progress, preview: null,
      set(state, text) {
        el.dataset.status = state;
        status.textContent = text;
      },
      clearError() {
        body.querySelectorAll('.error').forEach((e) => e.remove());
      },
    };
    if (file.type.startsWith('image/') || IMAGE_EXTENSIONS.includes(extension(file.name))) {
      row.preview = URL.createObjectURL(file);
      const img = h('img', { alt: '', decoding: 'async' });
      // HEIC (and anything else the browser cannot decode) gets a labelled placeholder.
      img.addEventListener('error', () => {
        replace(thumb, h('span', { class: 'thumb-label' }, `${extension(file.name).toUpperCase() || 'Image'}`),
          h('span', { class: 'thumb-note' }, 'no preview'));
        thumb.classList.add('placeholder');
        thumb.title = 'This browser cannot show a preview of this image; it uploads all the same.';
        URL.revokeObjectURL(row.preview);
        row.preview = null;
      }, { once: true });
      img.src = row.preview;
      thumb.append(img);
    } else {
      thumb.classList.add('placeholder');
      thumb.append(h('span', { class: 'thumb-label' }, extension(file.name).toUpperCase() || 'File'));
    }
    return row;
  }
}
