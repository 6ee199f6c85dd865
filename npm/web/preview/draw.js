// One scene (what `Timeline.sceneAt` says is on screen) drawn onto a 2D context, in the order
// the studio's graph draws it: the pictures (blended by the transition when there are two), the
// texts over them, then the video's fade to black over everything.

import { compose, makeSurface, placeholder } from './compose.js';
import { TextCache } from './text.js';
import { drawTransition } from './transitions.js';

/**
 * Draws scenes of one video (`canvas`: its width and height) onto `target`, a canvas whose
 * pixels may be fewer than the video's (the scale is the ratio of widths). `pictureOf(src)`
 * gives the loaded picture of a src, or null when it is missing.
 */
export class SceneDrawer {
  #composed = new Map(); // `${src}|${fit}|${w}x${h}|${scale}` → surface
  #texts = new TextCache();
  #scratch = null;

  constructor(pictureOf) {
    this.pictureOf = pictureOf;
  }

  /** Draws `scene` of a video of `video` ({ width, height }) onto the canvas `target`. */
  draw(target, scene, video) {
    const ctx = target.getContext('2d');
    const W = video.width;
    const H = video.height;
    const scale = target.width / W;
    ctx.save();
    ctx.setTransform(scale, 0, 0, target.height / H, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'low'; // the studio's moves scale with bilinear filtering
    ctx.globalAlpha = 1;
    ctx.globalCompositeOperation = 'source-over';
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, W, H);
    const [a, b] = scene.pictures;
    if (a && b && scene.transition) {
      const drawA = (c) => this.#picture(c, a, W, H, scale);
      const drawB = (c) => this.#picture(c, b, W, H, scale);
      drawTransition(ctx, scene.transition.kind, scene.transition.progress, W, H, drawA, drawB, this.#scratchFor(target));
    } else if (a) {
      this.#picture(ctx, b ?? a, W, H, scale);
    }
    for (const text of scene.texts) this.#texts.draw(ctx, text, W, H, scale);
    if (scene.black > 0) {
      ctx.globalAlpha = Math.min(1, scene.black);
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, W, H);
    }
    ctx.restore();
  }

  /**
   * Composes now every picture `scenes` show (a frame that needs one later then only draws it):
   * `[{ src, fit, composed }]`, at the scale of `target`.
   */
  prepare(pictures, target, video) {
    const scale = target.width / video.width;
    for (const picture of pictures) this.#composedOf(picture, scale);
  }

  /**
   * Draws one picture over the frame: its composed frame scaled to `view`'s size, of which the
   * frame shows the W x H window at (view.x, view.y).
   */
  #picture(ctx, picture, W, H, scale) {
    const surface = this.#composedOf(picture, scale);
    const { view } = picture;
    // Surface pixels per pixel of the scaled view.
    const perX = surface.width / view.width;
    const perY = surface.height / view.height;
    ctx.drawImage(surface, view.x * perX, view.y * perY, W * perX, H * perY, 0, 0, W, H);
  }

  #composedOf({ src, fit, composed }, scale) {
    const image = this.pictureOf(src);
    // A placeholder is kept apart, so the picture is composed once it does load.
    const key = `${src}|${image ? fit : 'missing'}|${composed.width}x${composed.height}|${scale}`;
    let surface = this.#composed.get(key);
    if (!surface) {
      surface = image
        ? compose(image, fit, composed.width, composed.height, scale)
        : placeholder(src, composed.width, composed.height, scale);
      this.#composed.set(key, surface);
    }
    return surface;
  }

  #scratchFor(target) {
    if (!this.#scratch || this.#scratch.width !== target.width || this.#scratch.height !== target.height) {
      this.#scratch = makeSurface(target.width, target.height);
    }
    return this.#scratch;
  }

  /** Forgets the composed pictures of `src` (its picture changed), or all of them. */
  forget(src) {
    if (src === undefined) {
      this.#composed.clear();
      this.#texts.clear();
      return;
    }
    for (const key of this.#composed.keys()) {
      if (key.startsWith(`${src}|`)) this.#composed.delete(key);
    }
  }

  /** Keeps only the composed pictures of the srcs in the set `srcs` (after a new load). */
  retain(srcs) {
    for (const key of this.#composed.keys()) {
      if (!srcs.has(key.slice(0, key.indexOf('|')))) this.#composed.delete(key);
    }
  }
}
