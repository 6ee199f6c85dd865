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
// The kinds not drawn here (dissolve's random dots, pixelize, zoomin, the slices, diagonals,
// squeezes, covers and reveals, distance, fadegrays, hblur…) fall back to the plain cross-fade:
// the same pictures at the same instant, blended evenly. dissolve is meant to look like a fade.

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

/**
 * Draws `b` over `a` with the alpha `gradient` gives each pixel: `b` goes to the scratch
 * surface, the gradient keeps of it only its alpha (`destination-in`), and the result is laid
 * over `a`.
 */
function masked({ ctx, W, H, drawA, drawB, scratch }, gradient) {
  const s = scratch.getContext('2d');
  s.save();
  s.setTransform(ctx.getTransform());
  s.globalCompositeOperation = 'copy';
  drawB(s);
  s.globalCompositeOperation = 'destination-in';
  s.fillStyle = gradient(s);
  s.fillRect(0, 0, W, H);
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
};

/** The kinds drawn as xfade draws them; any other falls back to `fade`. */
export const DRAWN_KINDS = Object.freeze(Object.keys(KINDS));
