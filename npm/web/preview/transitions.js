// ffmpeg's `xfade` transitions on a 2D canvas. `P` is xfade's progress: 1 on the transition's
// first frame, falling towards 0; `a` is the outgoing picture, `b` the incoming one. Each rule
// below is the formula of libavfilter/vf_xfade.c for that kind, where xfade's
// `mix(x, y, m)` is `x * m + y * (1 - m)`:
//
// - a weight that depends on the whole frame (fade, fadeblack, fadewhite) is a global alpha;
// - a hard edge (wipes, slides) is a clip rectangle or a translation;
// - a soft edge (smooth*, circleopen/close, radial) is the incoming picture masked by a linear,
//   radial or conic gradient whose stops sample xfade's smoothstep, drawn over the outgoing.
//
// - a per-pixel choice (dissolve) is a mask computed from xfade's own noise;
// - a resampling (pixelize, zoomin) is the blend drawn small and scaled up, or `a` scaled
//   about the centre.
// The kinds not drawn here (the slices, diagonals, squeezes, covers and reveals, distance,
// fadegrays, hblur, wind…) fall back to the plain cross-fade: the same pictures at the same
// instant, blended evenly.

import { makeSurface } from './compose.js';

/** Hermite interpolation between `edge0` and `edge1`, as GLSL and xfade define it. */
export function smoothstep(edge0, edge1, x) {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

/** How many stops sample a soft edge: enough that the steps do not show. */
const STOPS = 48;

/**
 * Draws the transition `kind` at progress `P` onto `ctx` (whose transform maps the video's
 * `W`x`H` frame onto the canvas). `drawA(c)` and `drawB(c)` draw the outgoing and incoming
 * pictures over the whole frame on any context with that transform; `scratch` is a surface as
 * large as the canvas, for masks.
 */
export function drawTransition(ctx, kind, P, W, H, drawA, drawB, scratch) {
  const draw = KINDS[kind] ?? KINDS.fade;
  draw({ ctx, P, W, H, drawA, drawB, scratch });
}

/** `a * wa + b * wb`, the rest of the weight in grey level `level` (0 black, 255 white). */
function weighted({ ctx, W, H, drawA, drawB }, wa, wb, level) {
  const rest = Math.max(0, 1 - wa - wb);
  ctx.save();
  ctx.fillStyle = `rgb(${level * rest}, ${level * rest}, ${level * rest})`;
  ctx.fillRect(0, 0, W, H);
  // Added, not laid over: each picture contributes its own weight, as xfade sums them.
  ctx.globalCompositeOperation = 'lighter';
  ctx.globalAlpha = wa;
  drawA(ctx);
  ctx.globalAlpha = wb;
  drawB(ctx);
  ctx.restore();
}

/** xfade's fadeblack and fadewhite: `mix(mix(a, bg, s1), mix(bg, b, s2), P)`. */
function fadeThrough(level) {
  return (t) => {
    const phase = 0.2;
    const s1 = smoothstep(1 - phase, 1, t.P);
    const s2 = smoothstep(phase, 1, t.P);
    weighted(t, s1 * t.P, (1 - s2) * (1 - t.P), level);
  };
}

/** Draws `b` where the rectangle is, over `a` everywhere. */
function clipped({ ctx, drawA, drawB }, x, y, w, h) {
  drawA(ctx);
  if (w <= 0 || h <= 0) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  drawB(ctx);
  ctx.restore();
}

/** Draws `a` moved by (ax, ay) and `b` moved by (bx, by). */
function slid({ ctx, drawA, drawB }, ax, ay, bx, by) {
  ctx.save();
  ctx.translate(ax, ay);
  drawA(ctx);
  ctx.restore();
  ctx.save();
  ctx.translate(bx, by);
  drawB(ctx);
  ctx.restore();
}

/** Draws `b` over `a` with the alpha `gradient` gives each pixel. */
function masked(t, gradient) {
  overlaid(t, (s) => {
    s.fillStyle = gradient(s);
    s.fillRect(0, 0, t.W, t.H);
  });
}

/**
 * Draws `b` over `a` where `keep(s)` leaves it: `b` goes to the scratch surface, `keep` draws
 * there with `destination-in` (in the video's coordinates), so that only its alpha of `b`
 * stays, and the result is laid over `a`.
 */
function overlaid({ ctx, drawA, drawB, scratch }, keep) {
  const s = scratch.getContext('2d');
  s.save();
  s.setTransform(ctx.getTransform());
  s.globalCompositeOperation = 'copy';
  drawB(s);
  s.globalCompositeOperation = 'destination-in';
  keep(s);
  s.restore();
  drawA(ctx);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(scratch, 0, 0);
  ctx.restore();
}

/** Fills `gradient` with stops at 0..1 whose alpha is `alphaAt(t)`. */
function sampled(gradient, alphaAt) {
  for (let i = 0; i <= STOPS; i += 1) {
    const t = i / STOPS;
    gradient.addColorStop(t, `rgba(0,0,0,${Math.min(1, Math.max(0, alphaAt(t)))})`);
  }
  return gradient;
}

/** xfade's smooth* kinds: `b`'s weight `smoothstep(0, 1, 1 + d - 2P)` along a line. */
function smooth(direction) {
  return (t) => {
    const { W, H, P } = t;
    const [x0, y0, x1, y1] = {
      left: [0, 0, W, 0], // d = x / W
      right: [W, 0, 0, 0], // d = (W - 1 - x) / W
      up: [0, 0, 0, H], // d = y / H
      down: [0, H, 0, 0], // d = (H - 1 - y) / H
    }[direction];
    masked(t, (s) => sampled(s.createLinearGradient(x0, y0, x1, y1), (d) => smoothstep(0, 1, 1 + d - 2 * P)));
  };
}

/**
 * xfade's circleopen and circleclose: the weight is `smoothstep(0, 1, r / z + p)` of the
 * distance `r` from the centre (`z` the distance to a corner); circleopen gives it to `a` with
 * `p = (P - 0.5) * 3`, circleclose to `b` with `p = (0.5 - P) * 3`.
 */
function circle(open) {
  return (t) => {
    const { W, H, P } = t;
    const cx = Math.floor(W / 2);
    const cy = Math.floor(H / 2);
    const z = Math.hypot(cx, cy);
    const p = open ? (P - 0.5) * 3 : (0.5 - P) * 3;
    masked(t, (s) => sampled(s.createRadialGradient(cx, cy, 0, cx, cy, z), (d) => {
      const weight = smoothstep(0, 1, d + p);
      return open ? 1 - weight : weight;
    }));
  };
}

/**
 * xfade's radial: `b`'s weight is `smoothstep(0, 1, atan2(x - W/2, y - H/2) - (P - 0.5) * 2.5π)`.
 * That angle θ runs from straight down towards the right; a conic gradient's runs clockwise
 * from the right, so it starts pointing up (θ = π) and meets θ = π - 2π t at its stop t.
 */
function radial(t) {
  const { W, H, P } = t;
  const cx = Math.floor(W / 2);
  const cy = Math.floor(H / 2);
  const c = (P - 0.5) * Math.PI * 2.5;
  masked(t, (s) => {
    if (typeof s.createConicGradient !== 'function') return 'rgba(0,0,0,' + (1 - P) + ')';
    return sampled(s.createConicGradient(-Math.PI / 2, cx, cy), (u) => smoothstep(0, 1, Math.PI - 2 * Math.PI * u - c));
  });
}

/**
 * xfade's dissolve: each pixel is `a` where its noise `fract(sin(x·12.9898 + y·78.233) ·
 * 43758.545)` (in single precision, as C computes it) is at least 1 − P, else `b`. The noise
 * is worked out once per size; each frame only compares it.
 */
function dissolve(t) {
  const { P, W, H, scratch } = t;
  const { width, height } = scratch;
  const noise = noiseFor(width, height, W / width, H / height);
  const { surface, image } = dissolveMask(width, height);
  const alpha = image.data;
  const limit = 1 - P;
  for (let i = 0; i < noise.length; i += 1) alpha[i * 4 + 3] = noise[i] < limit ? 255 : 0;
  surface.getContext('2d').putImageData(image, 0, 0);
  overlaid(t, (s) => {
    s.setTransform(1, 0, 0, 1, 0, 0);
    s.drawImage(surface, 0, 0);
  });
}

let noiseCache = null; // { key, noise }
let maskCache = null; // the dissolve's mask: { surface, image }, one canvas's size
let smallCache = null; // pixelize's one pixel a square
/** The dissolve noise of each canvas pixel, at the video pixel it shows (`sx`, `sy`: video px a canvas px). */
function noiseFor(width, height, sx, sy) {
  const key = `${width}x${height}@${sx},${sy}`;
  if (noiseCache?.key === key) return noiseCache.noise;
  const f = Math.fround;
  const noise = new Float32Array(width * height);
  for (let y = 0; y < height; y += 1) {
    const vy = Math.floor(y * sy);
    for (let x = 0; x < width; x += 1) {
      const vx = Math.floor(x * sx);
      const value = f(f(Math.sin(f(f(vx * f(12.9898)) + f(vy * f(78.233))))) * f(43758.545));
      noise[y * width + x] = value - Math.floor(value);
    }
  }
  noiseCache = { key, noise };
  return noise;
}

/** The dissolve's mask surface and the pixels written into it, kept for the next frame. */
function dissolveMask(width, height) {
  if (maskCache?.image.width !== width || maskCache?.image.height !== height) {
    const surface = makeSurface(width, height);
    maskCache = { surface, image: surface.getContext('2d').createImageData(width, height) };
  }
  return maskCache;
}

/**
 * xfade's pixelize: the cross-fade `a·P + b·(1 − P)` sampled at the centres of squares whose
 * side grows to a tenth of the short side half-way and shrinks back: drawn to the scratch
 * surface, shrunk to one pixel a square, and scaled back up without smoothing.
 */
function pixelize(t) {
  const { ctx, P, W, H, drawA, drawB, scratch } = t;
  const distance = Math.ceil(Math.min(P, 1 - P) * 50) / 50;
  const side = (2 * distance * Math.min(W, H)) / 20; // video pixels
  if (!(side > 1)) {
    KINDS.fade(t);
    return;
  }
  const s = scratch.getContext('2d');
  s.save();
  s.setTransform(ctx.getTransform());
  s.globalCompositeOperation = 'copy';
  drawA(s);
  s.globalCompositeOperation = 'source-over';
  s.globalAlpha = 1 - P;
  drawB(s);
  s.restore();
  const scale = scratch.width / W;
  const across = Math.max(1, Math.ceil(W / side));
  const down = Math.max(1, Math.ceil(H / side));
  if (smallCache?.width !== across || smallCache?.height !== down) smallCache = makeSurface(across, down);
  const small = smallCache;
  const c = small.getContext('2d');
  c.imageSmoothingEnabled = false;
  c.clearRect(0, 0, across, down);
  // Each small pixel takes the scratch pixel at its square's centre.
  c.drawImage(scratch, 0, 0, across * side * scale, down * side * scale, 0, 0, across, down);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, across, down, 0, 0, across * side * scale, down * side * scale);
  ctx.restore();
}

/**
 * xfade's zoomin: `a` magnified about the centre by 1 / smoothstep(0.5, 1, P) (without end as
 * it reaches 0), weighted smoothstep(0, 0.5, P) over `b`.
 */
function zoomin({ ctx, P, W, H, drawA, drawB }) {
  const zoom = Math.max(smoothstep(0.5, 1, P), 1 / Math.max(W, H));
  drawB(ctx);
  ctx.save();
  ctx.globalAlpha = smoothstep(0, 0.5, P);
  ctx.translate(W / 2, H / 2);
  ctx.scale(1 / zoom, 1 / zoom);
  ctx.translate(-W / 2, -H / 2);
  drawA(ctx);
  ctx.restore();
}

/** Every kind drawn as xfade draws it, by its xfade name. */
const KINDS = {
  fade: ({ ctx, P, drawA, drawB }) => {
    drawA(ctx);
    ctx.save();
    ctx.globalAlpha = 1 - P;
    drawB(ctx);
    ctx.restore();
  },
  fadeblack: fadeThrough(0),
  fadewhite: fadeThrough(255),
  // wipeleft: `b` where x > P W; wiperight: where x <= (1 - P) W; wipeup: y > P H;
  // wipedown: y <= (1 - P) H.
  wipeleft: (t) => clipped(t, Math.floor(t.W * t.P) + 1, 0, t.W, t.H),
  wiperight: (t) => clipped(t, 0, 0, Math.floor(t.W * (1 - t.P)) + 1, t.H),
  wipeup: (t) => clipped(t, 0, Math.floor(t.H * t.P) + 1, t.W, t.H),
  wipedown: (t) => clipped(t, 0, 0, t.W, Math.floor(t.H * (1 - t.P)) + 1),
  // slideleft: `a` leaves to the left, `b` follows from the right; and so on for the others.
  slideleft: (t) => slid(t, -(1 - t.P) * t.W, 0, t.P * t.W, 0),
  slideright: (t) => slid(t, (1 - t.P) * t.W, 0, -t.P * t.W, 0),
  slideup: (t) => slid(t, 0, -(1 - t.P) * t.H, 0, t.P * t.H),
  slidedown: (t) => slid(t, 0, (1 - t.P) * t.H, 0, -t.P * t.H),
  smoothleft: smooth('left'),
  smoothright: smooth('right'),
  smoothup: smooth('up'),
  smoothdown: smooth('down'),
  circleopen: circle(true),
  circleclose: circle(false),
  radial,
  dissolve,
  pixelize,
  zoomin,
};

/** The kinds drawn as xfade draws them; any other falls back to `fade`. */
export const DRAWN_KINDS = Object.freeze(Object.keys(KINDS));
