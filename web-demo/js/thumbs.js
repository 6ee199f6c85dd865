// Thumbnails that outlive a reload. The seed dialect's state names each upload but gives no URL
// to fetch it by, so the page keeps a small JPEG of each picture it uploaded (a few KB, in
// localStorage through store.js) and shows it again after a reload. Where the state does give a
// URL (the api-reference dialect's keyed `cdn_url`), the studio's own file is shown instead.

import { safeUrl } from './dom.js';

/** The long side of a kept thumbnail, in pixels (two of the list's 56 px, for sharp screens). */
const SIDE = 112;

/**
 * A small JPEG of the picture `file` as a `data:` URL, or null when the browser cannot decode it
 * (HEIC, a damaged file) or draw it.
 */
export async function makeThumbnail(file) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null;
  }
  try {
    const scale = Math.min(1, SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', 0.7);
  } catch {
    return null;
  } finally {
    bitmap.close();
  }
}

/**
 * A `blob:` URL of the picture in a `data:` URL (the page shows pictures from blob URLs only:
 * the content security policy keeps `fetch` of data URLs out, so the bytes are decoded here).
 */
export function objectUrlOf(dataUrl) {
  const comma = dataUrl.indexOf(',');
  if (comma < 0) return null;
  try {
    const bytes = Uint8Array.from(atob(dataUrl.slice(comma + 1)), (c) => c.charCodeAt(0));
    return URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' }));
  } catch {
    return null;
  }
}

/**
 * What the state says of one upload, in either dialect (`docs/PROTOCOL.md` §8):
 * `{ id, name, kind, url, durationMs }`, `url` only when it is a URL the page may show.
 */
export function describeKnown(info) {
  const name = typeof info?.name === 'string' ? info.name
    : typeof info?.filename === 'string' ? info.filename : null;
  const id = info?.media_id ?? info?.mediaId ?? info?.hash ?? info?.cdn_url ?? info?.url ?? null;
  const kind = info?.type ?? info?.file_type ?? info?.kind ?? null;
  const durationMs = Number.isFinite(info?.duration_ms) ? info.duration_ms
    : Number.isFinite(info?.duration) ? Math.round(info.duration * 1000) : null;
  const url = safeUrl(info?.cdn_url ?? info?.url ?? null);
  return { id: typeof id === 'string' ? id : null, name, kind: typeof kind === 'string' ? kind : null, url, durationMs };
}
