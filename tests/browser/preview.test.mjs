// @i2v/web's Preview in headless Chromium, drawing hand-made scenes (the shape
// `draft.timeline()` returns; tests/browser/preview-fixtures.js): each fit, the moves' view
// windows, the xfade kinds at known progress, texts where drawtext puts them, the fade to
// black, a missing picture, and the player (seek, play, a new draft mid-play, destroy).
// Pixels are compared with the formulas of the studio's ffmpeg filters, within a few levels.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';

import { launchChromium, startPageServer } from './support.mjs';

let pages;
let browser;
let page;
const pageErrors = [];

before(async () => {
  pages = await startPageServer();
  browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(pages.url);
  await page.waitForFunction(() => document.title === 'ready' && window.i2v);
  await page.addScriptTag({ content: await readFile(new URL('./preview-fixtures.js', import.meta.url), 'utf8') });
});

after(async () => {
  await browser?.close();
  await pages?.stop();
});

/** Asserts that two RGB(A) colours are within `tolerance` levels per channel. */
function near(actual, expected, tolerance, what) {
  const far = expected.some((value, i) => Math.abs(actual[i] - value) > tolerance);
  assert.ok(!far, `${what}: ${JSON.stringify(actual)} is not within ${tolerance} of ${JSON.stringify(expected)}`);
}

test('fits: cover crops the centre, contain adds black bars, blur lays the picture over a darker blur of itself', async () => {
  const px = await page.evaluate(async () => {
    const { Preview } = window.i2v;
    const fx = window.previewFixtures;
    const canvas = { width: 320, height: 180, fps: 30 };
    // A portrait picture: red above, blue below.
    const portrait = await fx.pictureBlob(100, 200, (ctx) => {
      ctx.fillStyle = '#ff0000';
      ctx.fillRect(0, 0, 100, 100);
      ctx.fillStyle = '#0000ff';
      ctx.fillRect(0, 100, 100, 100);
    });
    const out = {};
    for (const fit of ['cover', 'contain', 'blur']) {
      const el = document.createElement('canvas');
      const preview = new Preview(el, { loadMedia: async () => portrait, resolution: 'video' });
      await preview.load(fx.timeline({ canvas, media: [{ src: 'p', kind: 'picture' }],
        sceneOf: () => ({ pictures: [fx.picture('p', canvas, { fit })] }) }));
      out[fit] = { size: [el.width, el.height], top: fx.pixel(el, 160, 40), bottom: fx.pixel(el, 160, 140), side: fx.pixel(el, 20, 40) };
      preview.destroy();
    }
    return out;
  });
  assert.deepEqual(px.cover.size, [320, 180]);
  // cover: 320x640, rows 230..410 shown: red down to row 90 of the frame, blue after.
  near(px.cover.top, [255, 0, 0], 2, 'cover top');
  near(px.cover.bottom, [0, 0, 255], 2, 'cover bottom');
  near(px.cover.side, [255, 0, 0], 2, 'cover side');
  // contain: 90x180 at x = 115: the sides are black.
  near(px.contain.top, [255, 0, 0], 2, 'contain top');
  near(px.contain.side, [0, 0, 0], 0, 'contain side');
  // blur: the sides are the blurred cover, darker (brightness -0.08) and less saturated.
  near(px.blur.top, [255, 0, 0], 2, 'blur picture');
  assert.ok(px.blur.side[0] > 150 && px.blur.side[0] < 240, `blur side is a darker red: ${px.blur.side}`);
  assert.ok(px.blur.side[1] < 40 && px.blur.side[2] < 60, `blur side: ${px.blur.side}`);
});

test('moves: the view window of a pan and of a zoom', async () => {
  const px = await page.evaluate(async () => {
    const { Preview } = window.i2v;
    const fx = window.previewFixtures;
    const canvas = { width: 320, height: 180, fps: 30 };
    // Quadrants: red, green above; blue, white below.
    const quadrants = await fx.pictureBlob(640, 360, (ctx) => {
      [['#ff0000', 0, 0], ['#00ff00', 320, 0], ['#0000ff', 0, 180], ['#ffffff', 320, 180]].forEach(([c, x, y]) => {
        ctx.fillStyle = c;
        ctx.fillRect(x, y, 320, 180);
      });
    });
    const el = document.createElement('canvas');
    const preview = new Preview(el, { loadMedia: async () => quadrants, resolution: 'video' });
    await preview.load(fx.timeline({ canvas, media: [{ src: 'q', kind: 'picture' }], sceneOf: (frame) => ({
      pictures: [frame < 30
        // A pan: composed at 640x360, unscaled, the window at its lower right quarter.
        ? fx.picture('q', canvas, { composed: { width: 640, height: 360 }, view: { width: 640, height: 360, x: 320, y: 180 } })
        // A zoom: composed at 320x180, scaled to 640x360, the window at its centre.
        : fx.picture('q', canvas, { view: { width: 640, height: 360, x: 160, y: 90 } })],
    }) }));
    await preview.seek(0);
    const pan = [fx.pixel(el, 10, 10), fx.pixel(el, 310, 170)];
    await preview.seek(1500);
    const zoom = [fx.pixel(el, 10, 10), fx.pixel(el, 310, 10), fx.pixel(el, 10, 170), fx.pixel(el, 310, 170)];
    preview.destroy();
    return { pan, zoom };
  });
  px.pan.forEach((p, i) => near(p, [255, 255, 255], 2, `pan ${i}`));
  near(px.zoom[0], [255, 0, 0], 2, 'zoom top left');
  near(px.zoom[1], [0, 255, 0], 2, 'zoom top right');
  near(px.zoom[2], [0, 0, 255], 2, 'zoom bottom left');
  near(px.zoom[3], [255, 255, 255], 2, 'zoom bottom right');
});

test('transitions: each xfade kind at a known progress, from red (outgoing) to blue (incoming)', async () => {
  const cases = [
    // [kind, P, [x, y], expected RGB]: the xfade formula at that pixel.
    ['fade', 0.25, [160, 90], [64, 0, 191]],
    ['pixelize', 0.25, [160, 90], [64, 0, 191]], // the cross-fade, in squares
    ['zoomin', 0.25, [160, 90], [128, 0, 128]], // a's weight smoothstep(0, 0.5, 0.25) = 0.5
    ['zoomin', 0.75, [40, 90], [255, 0, 0]],
    ['hlslice', 0.25, [160, 90], [64, 0, 191]], // not drawn here: falls back to fade
    ['fadeblack', 0.5, [160, 90], [0, 0, 87]], // mix(mix(a,0,0), mix(0,b,0.316), 0.5)
    ['fadewhite', 0.5, [160, 90], [168, 168, 255]],
    ['wipeleft', 0.5, [40, 90], [255, 0, 0]],
    ['wipeleft', 0.5, [280, 90], [0, 0, 255]],
    ['wiperight', 0.5, [40, 90], [0, 0, 255]],
    ['wipeup', 0.5, [160, 20], [255, 0, 0]],
    ['wipeup', 0.5, [160, 160], [0, 0, 255]],
    ['wipedown', 0.5, [160, 20], [0, 0, 255]],
    ['slideleft', 0.75, [100, 90], [255, 0, 0]],
    ['slideleft', 0.75, [280, 90], [0, 0, 255]],
    ['slideright', 0.75, [40, 90], [0, 0, 255]],
    ['slideright', 0.75, [200, 90], [255, 0, 0]],
    ['slideup', 0.75, [160, 170], [0, 0, 255]],
    ['slidedown', 0.75, [160, 10], [0, 0, 255]],
    ['slidedown', 0.75, [160, 170], [255, 0, 0]],
    ['smoothleft', 0.5, [2, 90], [255, 0, 0]],
    ['smoothleft', 0.5, [318, 90], [0, 0, 255]],
    ['smoothright', 0.5, [2, 90], [0, 0, 255]],
    ['smoothup', 0.5, [160, 2], [255, 0, 0]],
    ['smoothdown', 0.5, [160, 2], [0, 0, 255]],
    ['circleopen', 0.5, [160, 90], [0, 0, 255]],
    ['circleopen', 0.5, [1, 1], [255, 0, 0]],
    ['circleclose', 0.5, [160, 90], [255, 0, 0]],
    ['circleclose', 0.5, [1, 1], [0, 0, 255]],
    ['radial', 0.5, [300, 90], [0, 0, 255]], // right of the centre: θ = π/2
    ['radial', 0.5, [20, 90], [255, 0, 0]], // left: θ = -π/2
    ['radial', 0.5, [160, 175], [255, 0, 0]], // below: θ = 0
    ['radial', 0.5, [160, 5], [0, 0, 255]], // above: θ = π
  ];
  const results = await page.evaluate(async (cases) => {
    const { Preview } = window.i2v;
    const fx = window.previewFixtures;
    const canvas = { width: 320, height: 180, fps: 30 };
    const blobs = { red: await fx.solid('#ff0000'), blue: await fx.solid('#0000ff') };
    const el = document.createElement('canvas');
    const preview = new Preview(el, { loadMedia: async (src) => blobs[src], resolution: 'video' });
    const out = [];
    for (const [kind, progress, [x, y]] of cases) {
      await preview.load(fx.timeline({ canvas, media: [{ src: 'red', kind: 'picture' }, { src: 'blue', kind: 'picture' }],
        sceneOf: () => ({ pictures: [fx.picture('red', canvas), fx.picture('blue', canvas)], transition: { kind, progress } }) }));
      await preview.seek(0);
      out.push(fx.pixel(el, x, y));
    }
    preview.destroy();
    return out;
  }, cases);
  cases.forEach(([kind, P, at, expected], i) => near(results[i], expected, 4, `${kind} P=${P} at ${at}`));
});

test('dissolve picks each pixel by xfade\'s noise; zoomin magnifies the outgoing picture; pixelize draws squares', async () => {
  const seen = await page.evaluate(async () => {
    const { Preview } = window.i2v;
    const fx = window.previewFixtures;
    const canvas = { width: 320, height: 180, fps: 30 };
    const blobs = {
      red: await fx.solid('#ff0000'),
      blue: await fx.solid('#0000ff'),
      // Red left of x = 120, green right of it: a zoom about the centre moves the edge.
      halves: await fx.pictureBlob(320, 180, (ctx) => {
        ctx.fillStyle = '#ff0000';
        ctx.fillRect(0, 0, 120, 180);
        ctx.fillStyle = '#00ff00';
        ctx.fillRect(120, 0, 200, 180);
      }),
      // A fine checkerboard: pixelize averages it within each square.
      checks: await fx.pictureBlob(320, 180, (ctx) => {
        for (let y = 0; y < 180; y += 1) for (let x = 0; x < 320; x += 1) {
          ctx.fillStyle = (x + y) % 2 ? '#ffffff' : '#000000';
          ctx.fillRect(x, y, 1, 1);
        }
      }),
    };
    const el = document.createElement('canvas');
    const preview = new Preview(el, { loadMedia: async (src) => blobs[src], resolution: 'video' });
    const show = async (from, to, kind, progress) => {
      await preview.load(fx.timeline({ canvas, media: [{ src: from, kind: 'picture' }, { src: to, kind: 'picture' }],
        sceneOf: () => ({ pictures: [fx.picture(from, canvas), fx.picture(to, canvas)], transition: { kind, progress } }) }));
      await preview.seek(0);
    };
    // xfade's noise, as C computes it in single precision: `a` where it is at least 1 - P.
    const f = Math.fround;
    const noise = (x, y) => {
      const v = f(f(Math.sin(f(f(x * f(12.9898)) + f(y * f(78.233))))) * f(43758.545));
      return v - Math.floor(v);
    };
    const out = {};
    for (const P of [0.25, 0.75]) {
      await show('red', 'blue', 'dissolve', P);
      const data = el.getContext('2d').getImageData(0, 0, 320, 180).data;
      let red = 0;
      let agree = 0;
      for (let y = 0; y < 180; y += 1) for (let x = 0; x < 320; x += 1) {
        const isRed = data[(y * 320 + x) * 4] > 128;
        red += isRed;
        agree += isRed === (noise(x, y) >= 1 - P);
      }
      out[`dissolve${P}`] = { red: red / (320 * 180), agree: agree / (320 * 180) };
    }
    await show('halves', 'blue', 'zoomin', 0.75);
    out.zoom = { at110: fx.pixel(el, 110, 90), at20: fx.pixel(el, 20, 90), at300: fx.pixel(el, 300, 90) };
    await show('checks', 'checks', 'pixelize', 0.5);
    out.pixelize = [fx.pixel(el, 3, 3), fx.pixel(el, 4, 3), fx.pixel(el, 160, 90)];
    preview.destroy();
    return out;
  });
  for (const P of [0.25, 0.75]) {
    const { red, agree } = seen[`dissolve${P}`];
    assert.ok(Math.abs(red - P) < 0.02, `dissolve at P=${P}: ${red} of the pixels are the outgoing picture`);
    assert.ok(agree > 0.999, `dissolve at P=${P}: ${agree} of the pixels follow xfade's noise`);
  }
  // At P = 0.75 the zoom is 2x about the centre: x = 110 shows the picture's x = 135 (green).
  near(seen.zoom.at110, [0, 255, 0], 8, 'zoomin at x=110');
  near(seen.zoom.at20, [255, 0, 0], 8, 'zoomin at x=20');
  near(seen.zoom.at300, [0, 255, 0], 8, 'zoomin at x=300');
  // Squares of 18 px at P = 0.5: one pixel of the checkerboard stands for the whole square.
  assert.deepEqual(seen.pixelize[0], seen.pixelize[1], 'neighbours in a square are alike');
});

test('texts sit where drawtext puts them, with their outline and opacity; black covers everything', async () => {
  const r = await page.evaluate(async () => {
    const { Preview } = window.i2v;
    const fx = window.previewFixtures;
    const canvas = { width: 640, height: 360, fps: 30 };
    const grey = await fx.solid('#808080', 640, 360);
    const text = { index: 0, lines: ['Preview', 'two lines'], face: 'bold', sizePx: 40, color: '#FFFFFF', position: 'top',
      lineSpacingPx: 10, borderPx: 2, opacity: 1 };
    const el = document.createElement('canvas');
    const preview = new Preview(el, { loadMedia: async () => grey, resolution: 'video' });
    await preview.load(fx.timeline({ canvas, media: [{ src: 'g', kind: 'picture' }], sceneOf: (frame) => ({
      pictures: [fx.picture('g', canvas)],
      texts: frame < 30 ? [text] : frame < 45 ? [{ ...text, opacity: 0 }] : [],
      black: frame >= 45 ? (frame >= 52 ? 1 : 0.5) : 0,
    }) }));
    await preview.seek(0);
    // The rows with white (text) and near-black (outline) pixels.
    const data = el.getContext('2d').getImageData(0, 0, 640, 360).data;
    let firstWhite = -1;
    let lastWhite = -1;
    let left = 640;
    let right = 0;
    let dark = 0;
    for (let y = 0; y < 360; y += 1) {
      for (let x = 0; x < 640; x += 1) {
        const i = (y * 640 + x) * 4;
        if (data[i] > 250 && data[i + 1] > 250) {
          if (firstWhite < 0) firstWhite = y;
          lastWhite = y;
          left = Math.min(left, x);
          right = Math.max(right, x);
        }
        if (data[i] < 80) dark += 1;
      }
    }
    await preview.seek(1200);
    const hidden = fx.pixel(el, 320, 40);
    await preview.seek(1600);
    const half = fx.pixel(el, 320, 180);
    await preview.seek(1900);
    const black = fx.pixel(el, 320, 180);
    preview.destroy();
    return { firstWhite, lastWhite, left, right, dark, hidden, half, black };
  });
  // top: y = floor(0.07 * 360) = 25, the first line's ink from there.
  assert.ok(Math.abs(r.firstWhite - 25) <= 2, `the text's top at ${r.firstWhite}`);
  // two lines of 40 px bold with 10 px between them: about 40 + 10 + 40 tall.
  assert.ok(r.lastWhite - r.firstWhite > 70 && r.lastWhite - r.firstWhite < 110, `the block is ${r.lastWhite - r.firstWhite} tall`);
  // The block is centred (its longer line, "two lines", is about as wide as "Preview").
  assert.ok(Math.abs((r.left + r.right) / 2 - 320) < 30, `the block spans ${r.left}..${r.right}`);
  assert.ok(r.dark > 100, `an outline is drawn (${r.dark} dark pixels)`);
  near(r.hidden, [128, 128, 128], 2, 'a text at opacity 0');
  near(r.half, [64, 64, 64], 2, 'black at 0.5');
  near(r.black, [0, 0, 0], 0, 'black at 1');
});

test('a missing picture is drawn as a placeholder and reported once, naming its src', async () => {
  const r = await page.evaluate(async () => {
    const { Preview } = window.i2v;
    const fx = window.previewFixtures;
    const canvas = { width: 320, height: 180, fps: 30 };
    const errors = [];
    let calls = 0;
    const el = document.createElement('canvas');
    const preview = new Preview(el, {
      resolution: 'video',
      loadMedia: async (src) => {
        calls += 1;
        if (src === 'gone') throw new Error('404');
        return new Blob(['not a picture'], { type: 'image/jpeg' });
      },
    });
    preview.addEventListener('error', (event) => errors.push([event.detail.src, event.detail.kind, event.detail.error.message]));
    const timeline = fx.timeline({ canvas, media: [{ src: 'gone', kind: 'picture' }, { src: 'broken', kind: 'picture' }],
      sceneOf: (frame) => ({ pictures: [fx.picture(frame < 30 ? 'gone' : 'broken', canvas)] }) });
    await preview.load(timeline);
    await preview.load(timeline); // loaded once: asked for once, reported once
    await preview.seek(0);
    const gone = fx.pixel(el, 160, 20);
    preview.play();
    await new Promise((done) => setTimeout(done, 300));
    preview.pause();
    await preview.seek(1500);
    const broken = fx.pixel(el, 160, 20);
    preview.destroy();
    return { errors, calls, gone, broken };
  });
  assert.equal(r.calls, 2);
  assert.deepEqual(r.errors.map((e) => e.slice(0, 2)), [['gone', 'picture'], ['broken', 'picture']]);
  assert.equal(r.errors[0][2], '404');
  near(r.gone, [0x2b, 0x2b, 0x33], 2, 'the placeholder');
  near(r.broken, [0x2b, 0x2b, 0x33], 2, 'the placeholder of an undecodable picture');
});

test('the player: seek draws that frame, play runs the clock, a new draft mid-play goes on at the same time, destroy stops', async () => {
  const r = await page.evaluate(async () => {
    const { Preview } = window.i2v;
    const fx = window.previewFixtures;
    const canvas = { width: 320, height: 180, fps: 30 };
    const blobs = { red: await fx.solid('#ff0000'), blue: await fx.solid('#0000ff'), song: fx.tone(1) };
    const el = document.createElement('canvas');
    document.body.append(el);
    const preview = new Preview(el, { loadMedia: async (src) => blobs[src], resolution: 'video' });
    const updates = [];
    preview.ontimeupdate = () => updates.push(preview.currentTime);
    const events = [];
    for (const type of ['play', 'pause', 'ended', 'load', 'error']) preview.addEventListener(type, () => events.push(type));
    const first = fx.timeline({ canvas, durationMs: 4000, media: [{ src: 'red', kind: 'picture' }],
      sceneOf: () => ({ pictures: [fx.picture('red', canvas)] }) });
    await preview.load(first);
    const t0 = performance.now();
    await preview.seek(1000);
    const seekMs = performance.now() - t0;
    const atSeek = { time: preview.currentTime, pixel: fx.pixel(el, 10, 10) };
    preview.play();
    await new Promise((done) => setTimeout(done, 400));
    const running = preview.currentTime;
    // A new draft, with music, while playing: it takes over at the same time.
    const second = fx.timeline({ canvas, durationMs: 3000,
      media: [{ src: 'blue', kind: 'picture' }, { src: 'song', kind: 'sound' }],
      sceneOf: (frame, timeMs) => ({ pictures: [fx.picture('blue', canvas)],
        music: [{ index: 0, src: 'song', startMs: 0, durationMs: 3000, offsetMs: timeMs, gain: 0.5 }] }) });
    const before = preview.currentTime;
    await preview.load(second);
    const after = preview.currentTime;
    const stillPlaying = preview.playing;
    await new Promise((done) => setTimeout(done, 300));
    const later = { time: preview.currentTime, pixel: fx.pixel(el, 10, 10) };
    // To the end: it stops there, on the last frame.
    await preview.seek(2900);
    await new Promise((done) => setTimeout(done, 400));
    const ended = { time: preview.currentTime, playing: preview.playing };
    preview.destroy();
    let destroyed = null;
    try {
      preview.play();
    } catch (error) {
      destroyed = error.message;
    }
    el.remove();
    return { seekMs, atSeek, running, before, after, stillPlaying, later, ended, destroyed, events, updates: updates.length, calls: second.calls };
  });
  assert.equal(r.atSeek.time, 1000);
  near(r.atSeek.pixel, [255, 0, 0], 2, 'the first draft');
  assert.ok(r.running > 1200 && r.running < 1900, `playing from 1000 ms, 400 ms later: ${r.running}`);
  assert.ok(r.after >= r.before && r.after - r.before < 300, `the new draft goes on from ${r.before}: ${r.after}`);
  assert.ok(r.stillPlaying);
  assert.ok(r.later.time > r.after + 150, `still playing: ${r.later.time}`);
  near(r.later.pixel, [0, 0, 255], 2, 'the second draft');
  assert.deepEqual(r.ended, { time: 3000, playing: false });
  assert.match(r.destroyed, /destroyed/);
  assert.deepEqual(r.events.filter((e) => e !== 'load'), ['play', 'pause', 'ended']);
  assert.ok(r.events.filter((e) => e === 'load').length === 2, r.events.join());
  assert.ok(r.updates > 10, `timeupdate events: ${r.updates}`);
  assert.ok(r.seekMs < 1000, `seek took ${r.seekMs} ms`);
});

test('the music is levelled to the timeline\'s loudness, as BS.1770 measures it', async () => {
  const measured = await page.evaluate(async () => {
    const { integratedLoudness, levellingGain } = await import('/pkg/preview/loudness.js');
    // A 997 Hz sine at half scale in both channels, 5 s: BS.1770's reference reads -6.02 LUFS.
    const rate = 48_000;
    const buffer = new AudioBuffer({ numberOfChannels: 2, length: rate * 5, sampleRate: rate });
    for (let c = 0; c < 2; c += 1) {
      const samples = buffer.getChannelData(c);
      for (let i = 0; i < samples.length; i += 1) samples[i] = 0.5 * Math.sin((2 * Math.PI * 997 * i) / rate);
    }
    const lufs = await integratedLoudness(buffer);
    const gain = await levellingGain(buffer, { integratedLufs: -14, truePeakDbtp: -1 });
    // A quiet piece is raised only as far as its peaks allow.
    const loudGain = await levellingGain(buffer, { integratedLufs: 0, truePeakDbtp: -1 });
    const silence = new AudioBuffer({ numberOfChannels: 2, length: rate, sampleRate: rate });
    return { lufs, gain, loudGain, silent: await integratedLoudness(silence), silentGain: await levellingGain(silence, { integratedLufs: -14, truePeakDbtp: -1 }) };
  });
  assert.ok(Math.abs(measured.lufs - -6.02) < 0.1, JSON.stringify(measured));
  assert.ok(Math.abs(20 * Math.log10(measured.gain) - (-14 + 6.02)) < 0.1, JSON.stringify(measured));
  // The peaks (-6.02 dBFS) may rise to 1.5 dB under full scale: 4.52 dB, not the 6 asked.
  assert.ok(Math.abs(20 * Math.log10(measured.loudGain) - 4.52) < 0.05, JSON.stringify(measured));
  assert.equal(measured.silent, -Infinity);
  assert.equal(measured.silentGain, 1);
});

test('the soundtrack mixed a stretch at a time joins into the mix of the whole', async () => {
  const measured = await page.evaluate(async () => {
    await window.i2v.init();
    await window.i2v.initPreview();
    const { mixSoundtrack } = await import('/pkg/preview/mix.js');
    const draft = window.i2v.parseDraft({ t: [
      { tt: 0, sg: [{ d: 7000, m: { src: 'a' } }] },
      { tt: 1, sg: [
        { d: 5000, m: { src: 'song', volume: 0.5, fade_in: 800, fade_out: 1200 } },
        { s: 2500, d: 4000, m: { src: 'song', fade_in: 0 } },
      ] },
    ] });
    const timeline = draft.timeline({ width: 320, height: 180, fps: 30 });
    // A 1.3 s rising tone, shorter than either piece: both loop.
    const rate = 48_000;
    const song = new AudioBuffer({ numberOfChannels: 2, length: Math.round(rate * 1.3), sampleRate: rate });
    for (let c = 0; c < 2; c += 1) {
      const samples = song.getChannelData(c);
      for (let i = 0; i < samples.length; i += 1) samples[i] = 0.4 * Math.sin(2 * Math.PI * (220 + i / 400) * (i / rate));
    }
    const bufferOf = () => song;
    const whole = await mixSoundtrack(timeline, bufferOf);
    const stretches = [];
    for (const [from, until] of [[0, 3000], [3000, 6000], [6000, 7000]]) stretches.push(await mixSoundtrack(timeline, bufferOf, from, until));
    let worst = 0;
    let squares = 0;
    let at = 0;
    for (const part of stretches) {
      const a = part.getChannelData(0);
      const b = whole.getChannelData(0);
      for (let i = 0; i < a.length && at + i < b.length; i += 1) {
        const d = Math.abs(a[i] - b[at + i]);
        worst = Math.max(worst, d);
        squares += d * d;
      }
      at += a.length;
    }
    timeline.free();
    return { samples: at, whole: whole.length, worst, rms: Math.sqrt(squares / at) };
  });
  assert.equal(measured.samples, measured.whole, JSON.stringify(measured));
  console.log(JSON.stringify({ stretches: measured }));
  assert.ok(measured.rms < 0.002 && measured.worst < 0.05, JSON.stringify(measured));
});

test('no page errors', () => {
  assert.deepEqual(pageErrors, []);
});
