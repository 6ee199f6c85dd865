// Hand-made timelines for the Preview's tests (tests/browser/preview.test.mjs), added to the test
// page as a classic script: `window.previewFixtures`. A timeline here is the shape
// `draft.timeline()` returns, with scenes the test writes, so that drawing is tested on its own.
(() => {
  /** A PNG Blob of `width`x`height`, drawn by `paint(ctx)`. */
  async function pictureBlob(width, height, paint) {
    const canvas = new OffscreenCanvas(width, height);
    paint(canvas.getContext('2d'), width, height);
    return canvas.convertToBlob({ type: 'image/png' });
  }

  /** A picture of one colour. */
  function solid(color, width = 320, height = 180) {
    return pictureBlob(width, height, (ctx) => {
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, width, height);
    });
  }

  /** A WAV Blob of a sine tone. */
  function tone(seconds, frequency = 440, rate = 22050) {
    const samples = Math.round(seconds * rate);
    const buffer = new ArrayBuffer(44 + samples * 2);
    const view = new DataView(buffer);
    const text = (at, s) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
    text(0, 'RIFF');
    view.setUint32(4, 36 + samples * 2, true);
    text(8, 'WAVEfmt ');
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true);
    view.setUint16(22, 1, true);
    view.setUint32(24, rate, true);
    view.setUint32(28, rate * 2, true);
    view.setUint16(32, 2, true);
    view.setUint16(34, 16, true);
    text(36, 'data');
    view.setUint32(40, samples * 2, true);
    for (let i = 0; i < samples; i += 1) {
      view.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * frequency * i) / rate) * 12000), true);
    }
    return new Blob([buffer], { type: 'audio/wav' });
  }

  /** A still picture filling the frame. */
  function picture(src, canvas, extra = {}) {
    return {
      src,
      fit: 'cover',
      composed: { width: canvas.width, height: canvas.height },
      view: { width: canvas.width, height: canvas.height, x: 0, y: 0 },
      ...extra,
    };
  }

  /**
   * A timeline of `durationMs` on `canvas` whose scene at each frame is `sceneOf(frame, timeMs)`
   * (its missing fields filled), and whose media are `media`.
   */
  function timeline({ canvas = { width: 320, height: 180, fps: 30 }, durationMs = 2000, media = [], sceneOf }) {
    const frames = Math.round((durationMs * canvas.fps) / 1000);
    return {
      durationMs,
      frames,
      canvas,
      media,
      calls: 0,
      sceneAt(ms) {
        this.calls += 1;
        const frame = Math.min(frames - 1, Math.max(0, Math.floor((ms * canvas.fps) / 1000)));
        const timeMs = (frame * 1000) / canvas.fps;
        return { frame, timeMs, pictures: [], transition: null, texts: [], black: 0, music: [], ...sceneOf(frame, timeMs) };
      },
    };
  }

  /** The RGBA of the canvas's pixel at (x, y). */
  function pixel(canvas, x, y) {
    const ctx = canvas.getContext('2d');
    return [...ctx.getImageData(x, y, 1, 1).data];
  }

  window.previewFixtures = { pictureBlob, solid, tone, picture, timeline, pixel };
})();
