// A picture fitted into its composed frame, as the studio's ffmpeg graph composes it once per
// clip (crates/i2v-studio/src/render/graph/video.rs, `fit`): `cover` scales up to cover and
// crops the centre, `contain` scales down to fit on black, `blur` lays the contained picture
// over a blurred, darker, less saturated cover of itself. The sizes follow ffmpeg's `scale`
// with `force_original_aspect_ratio` and `force_divisible_by=2`, and `crop`'s centring (its
// offsets rounded down to even, as for yuv420p), so that edges land on the same pixels.
//
// A composed frame is made once per (src, fit, size, scale) and kept: a frame of the preview is
// then one `drawImage` of it per picture.

/** A canvas to draw on: an `OffscreenCanvas` where there is one, else a detached `<canvas>`. */
export function makeSurface(width, height) {
  const w = Math.max(1, Math.round(width));
  const h = Math.max(1, Math.round(height));
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(w, h);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  return canvas;
}

/** ffmpeg's `av_rescale`: a * b / c rounded to nearest. */
function rescale(a, b, c) {
  return Math.floor((a * b + Math.floor(c / 2)) / c);
}

/**
 * The size ffmpeg's `scale=W:H:force_original_aspect_ratio=…:force_divisible_by=2` gives a
 * picture of `iw`x`ih`: `increase` covers W x H, `decrease` fits inside it.
 */
export function scaledSize(iw, ih, width, height, mode) {
  const tmpW = rescale(height, iw, ih);
  const tmpH = rescale(width, ih, iw);
  if (mode === 'increase') {
    const w = Math.max(tmpW, width);
    const h = Math.max(tmpH, height);
    return { width: Math.ceil(w / 2) * 2, height: Math.ceil(h / 2) * 2 };
  }
  const w = Math.min(tmpW, width);
  const h = Math.min(tmpH, height);
  return { width: Math.max(2, Math.floor(w / 2) * 2), height: Math.max(2, Math.floor(h / 2) * 2) };
}

/** Draws `image` covering a `width`x`height` frame at (0, 0), cropped at its centre. */
function drawCover(ctx, image, width, height) {
  const s = scaledSize(image.width, image.height, width, height, 'increase');
  // crop's default offsets, rounded down to even (the chroma grid of yuv420p).
  const x = Math.floor((s.width - width) / 2) & ~1;
  const y = Math.floor((s.height - height) / 2) & ~1;
  ctx.drawImage(image, -x, -y, s.width, s.height);
}

/** Draws `image` fitted inside a `width`x`height` frame at (0, 0), centred. */
function drawContained(ctx, image, width, height) {
  const s = scaledSize(image.width, image.height, width, height, 'decrease');
  ctx.drawImage(image, Math.floor((width - s.width) / 2), Math.floor((height - s.height) / 2), s.width, s.height);
}

/** The smallest even whole number at least 2 from `value` rounded up to even (video.rs `even`). */
function even(value) {
  return Math.max(2, value + (value % 2));
}

/**
 * `image` composed to `width`x`height` (the scene's `composed` size) by `fit`, on a surface
 * `scale` times that size (the preview may draw smaller than the video).
 */
export function compose(image, fit, width, height, scale = 1) {
  const surface = makeSurface(width * scale, height * scale);
  const ctx = surface.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, surface.width, surface.height);
  ctx.scale(surface.width / width, surface.height / height);
  if (fit === 'cover') {
    drawCover(ctx, image, width, height);
  } else if (fit === 'contain') {
    drawContained(ctx, image, width, height);
  } else {
    ctx.drawImage(blurredBackground(image, width, height), 0, 0, width, height);
    drawContained(ctx, image, width, height);
  }
  return surface;
}

/**
 * The `blur` fit's background: the picture covering an eighth of the frame, blurred with a
 * gaussian of sigma (width / 8 / 40, at least 2), then `eq=brightness=-0.08:saturation=0.85`.
 * Small enough to filter here pixel by pixel, the same in every browser (no `ctx.filter`).
 */
function blurredBackground(image, width, height) {
  const w = even(Math.floor(width / 8));
  const h = even(Math.floor(height / 8));
  const sigma = Math.max(2, Math.floor(w / 40));
  const small = makeSurface(w, h);
  const ctx = small.getContext('2d', { willReadFrequently: true });
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  drawCover(ctx, image, w, h);
  const data = ctx.getImageData(0, 0, w, h);
  gaussianBlur(data.data, w, h, sigma);
  darkenAndDesaturate(data.data);
  ctx.putImageData(data, 0, 0);
  return small;
}

/** A separable gaussian blur of RGBA pixels in place, edges clamped (as ffmpeg's gblur). */
function gaussianBlur(pixels, w, h, sigma) {
  const radius = Math.ceil(sigma * 3);
  const kernel = new Float32Array(radius * 2 + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i += 1) {
    kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
    sum += kernel[i + radius];
  }
  for (let i = 0; i < kernel.length; i += 1) kernel[i] /= sum;
  // Across each row into a float copy (RGB), then down each column back into the pixels (RGBA).
  const temp = new Float32Array(w * h * 3);
  blurPass(pixels, 4, temp, 3, w, h, kernel, true);
  blurPass(temp, 3, pixels, 4, w, h, kernel, false);
  for (let at = 3; at < pixels.length; at += 4) pixels[at] = 255;
}

/**
 * One direction of the blur: every pixel of `from` (`fromStep` values a pixel) weighed by
 * `kernel` along its row (`across`) or its column, clamped at the edges, into `to`'s RGB.
 */
function blurPass(from, fromStep, to, toStep, w, h, kernel, across) {
  const radius = (kernel.length - 1) / 2;
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = -radius; k <= radius; k += 1) {
        const xx = across ? Math.min(w - 1, Math.max(0, x + k)) : x;
        const yy = across ? y : Math.min(h - 1, Math.max(0, y + k));
        const at = (yy * w + xx) * fromStep;
        const weight = kernel[k + radius];
        r += from[at] * weight;
        g += from[at + 1] * weight;
        b += from[at + 2] * weight;
      }
      const out = (y * w + x) * toStep;
      to[out] = r;
      to[out + 1] = g;
      to[out + 2] = b;
    }
  }
}

/**
 * ffmpeg's `eq=brightness=-0.08:saturation=0.85` on BT.709 limited-range YUV, in RGB terms: the
 * chroma scaled by 0.85 around the luma (R-Y, G-Y and B-Y scale alike), and the luma lowered by
 * 0.08 * 256 of its 219 levels, which lowers R, G and B by the same amount.
 */
function darkenAndDesaturate(pixels) {
  const shift = (0.08 * 256 * 255) / 219;
  for (let i = 0; i < pixels.length; i += 4) {
    const r = pixels[i];
    const g = pixels[i + 1];
    const b = pixels[i + 2];
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    pixels[i] = y + 0.85 * (r - y) - shift;
    pixels[i + 1] = y + 0.85 * (g - y) - shift;
    pixels[i + 2] = y + 0.85 * (b - y) - shift;
  }
}

/**
 * What stands in for a picture that could not be loaded: a dark frame with a crossed box and
 * the words "picture missing" and the src, plain enough to see at once that it is not the photo.
 */
export function placeholder(src, width, height, scale = 1) {
  const surface = makeSurface(width * scale, height * scale);
  const ctx = surface.getContext('2d');
  const w = surface.width;
  const h = surface.height;
  ctx.fillStyle = '#2b2b33';
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = '#e0a030';
  ctx.lineWidth = Math.max(2, Math.round(w / 200));
  const inset = ctx.lineWidth * 4;
  ctx.strokeRect(inset, inset, w - 2 * inset, h - 2 * inset);
  ctx.beginPath();
  ctx.moveTo(inset, inset);
  ctx.lineTo(w - inset, h - inset);
  ctx.moveTo(w - inset, inset);
  ctx.lineTo(inset, h - inset);
  ctx.stroke();
  const size = Math.max(10, Math.round(h / 18));
  ctx.font = `bold ${size}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const label = `picture missing: ${src}`;
  const textWidth = Math.min(w - 4 * inset, ctx.measureText(label).width + size);
  ctx.fillStyle = '#2b2b33';
  ctx.fillRect((w - textWidth) / 2, h / 2 - size, textWidth, size * 2);
  ctx.fillStyle = '#f5c060';
  ctx.fillText(label, w / 2, h / 2, w - 4 * inset);
  return surface;
}
