// The media a preview shows and plays, loaded once per src and kept across loads: pictures as
// `ImageBitmap`s (turned upright by their EXIF orientation, as the studio does), sounds as
// decoded `AudioBuffer`s. A src that cannot be loaded or decoded is remembered as failed, with
// its error, so that it is reported once and drawn as a placeholder rather than asked for again
// on every frame.

/**
 * The loader a preview uses: the caller's `loadMedia`, else the client's `previewMedia` (the
 * studio's proxy of an upload: a JPEG any browser decodes, HEIC included, or the song's audio),
 * else `fetch` for a src that is a URL.
 */
export function chooseLoader({ loadMedia, client } = {}) {
  if (typeof loadMedia === 'function') return (src, kind, signal) => loadMedia(src, kind, { signal });
  if (client && typeof client.previewMedia === 'function') {
    return (src, _kind, signal) => client.previewMedia(src, { signal });
  }
  return async (src, _kind, signal) => {
    if (!/^(https?:|blob:|data:)/i.test(src)) {
      throw new Error(`no loader for "${src}": give the Preview a client or loadMedia`);
    }
    const response = await fetch(src, { signal });
    if (!response.ok) throw new Error(`${src}: HTTP ${response.status}`);
    return response.blob();
  };
}

/** Loads and keeps media by src. `audioContext()` gives the context sounds are decoded in. */
export class MediaStore {
  #load;
  #audioContext;
  #entries = new Map(); // src → { kind, promise, value, error }
  #controller = new AbortController(); // aborted by clear(): nothing loads after

  constructor(load, audioContext) {
    this.#load = load;
    this.#audioContext = audioContext;
  }

  /**
   * Loads every `{ src, kind }` not loaded yet (in parallel) and resolves once all have either
   * loaded or failed; `onError(src, kind, error)` hears each new failure once.
   */
  async loadAll(media, { onError } = {}) {
    const { signal } = this.#controller;
    const waits = media.map(({ src, kind }) => {
      let entry = this.#entries.get(src);
      if (!entry) {
        entry = { kind, value: null, error: null };
        entry.promise = this.#loadOne(src, kind, signal).then(
          (value) => {
            entry.value = value;
          },
          (error) => {
            if (signal.aborted) return;
            entry.error = error instanceof Error ? error : new Error(String(error));
            onError?.(src, kind, entry.error);
          },
        );
        this.#entries.set(src, entry);
      }
      return entry.promise;
    });
    await Promise.all(waits);
  }

  async #loadOne(src, kind, signal) {
    const blob = await this.#load(src, kind, signal);
    if (kind === 'sound') {
      const bytes = await blob.arrayBuffer();
      return this.#audioContext().decodeAudioData(bytes);
    }
    // The preview draws what the studio draws: the picture upright by its EXIF orientation.
    return createImageBitmap(blob, { imageOrientation: 'from-image' });
  }

  /** The loaded picture (`ImageBitmap`) or sound (`AudioBuffer`) of `src`, or null. */
  get(src) {
    return this.#entries.get(src)?.value ?? null;
  }

  /** Why `src` could not be loaded, or null. */
  errorOf(src) {
    return this.#entries.get(src)?.error ?? null;
  }

  /** Stops the loads under way, closes every bitmap and forgets everything. */
  clear() {
    this.#controller.abort();
    this.#controller = new AbortController();
    for (const entry of this.#entries.values()) {
      if (entry.value && typeof entry.value.close === 'function') entry.value.close();
    }
    this.#entries.clear();
  }
}
