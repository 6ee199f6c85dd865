// Titles and captions laid out as ffmpeg's `drawtext` lays them out, so that the preview's words
// sit where the video's do (crates/i2v-studio/src/render/graph/text.rs):
//
// - the block's height `text_h` is `(lines - 1) * (max_glyph_h + line_spacing) + max_glyph_h`,
//   where `max_glyph_h` is the ink's height over every glyph of the text (the highest top above
//   the baseline to the lowest bottom below it, never less than the baseline itself);
// - each line's baseline is `max_glyph_h + line_spacing` below the last, the first one the
//   highest top below the block's top;
// - the lines start at the block's left edge (drawtext does not centre lines), and the block,
//   as wide as its longest line, is centred: x = (W - text_w) / 2, whole pixels;
// - the outline is black at 55 % opacity, `borderPx` wide around the glyphs, under the fill.
//
// A text is drawn once into its own surface and kept: a frame then lays it over the picture
// with its opacity.

import { makeSurface } from './compose.js';

/** The fonts drawtext uses, as installed on the studio's machine (render/fonts.rs). */
const FAMILIES = {
  bold: 'bold {size}px "DejaVu Sans", "Verdana", sans-serif',
  regular: '{size}px "DejaVu Sans", "Verdana", sans-serif',
  cjk: '{size}px "WenQuanYi Zen Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
};

/** The CSS font of a scene text. */
export function cssFont(text) {
  return (FAMILIES[text.face ?? text.font] ?? FAMILIES.regular).replace('{size}', String(text.sizePx));
}

/**
 * The block of `text` at the video's scale: its size and where it goes on a `W`x`H` frame,
 * with each line's baseline. `measure(line)` gives a line's width and ink extents.
 */
export function layout(text, W, H, measure) {
  const metrics = text.lines.map(measure);
  let ascent = 0;
  let descent = 0;
  let width = 0;
  for (const m of metrics) {
    ascent = Math.max(ascent, m.ascent);
    descent = Math.max(descent, m.descent);
    width = Math.max(width, m.width);
  }
  const glyphHeight = Math.ceil(ascent) + Math.ceil(descent);
  const lineStep = glyphHeight + text.lineSpacingPx;
  const height = (text.lines.length - 1) * lineStep + glyphHeight;
  const y = {
    top: Math.floor(H * 0.07),
    center: Math.floor((H - height) / 2),
    bottom: Math.floor(H * 0.93 - height),
  }[text.position] ?? Math.floor((H - height) / 2);
  const x = Math.floor((W - width) / 2);
  const baselines = text.lines.map((_, i) => y + Math.ceil(ascent) + i * lineStep);
  return { x, y, width, height, baselines };
}

/** Measures lines on `ctx` (its font set). */
function measurer(ctx) {
  return (line) => {
    const m = ctx.measureText(line);
    const ink = line.trim().length > 0;
    return {
      width: m.width,
      ascent: ink ? Math.max(0, m.actualBoundingBoxAscent) : 0,
      descent: ink ? Math.max(0, m.actualBoundingBoxDescent) : 0,
    };
  };
}

/** Texts drawn once, kept by what they look like and the scale they were drawn at. */
export class TextCache {
  #surfaces = new Map();

  /** Draws `text` on `ctx` (transform: the video's frame onto the canvas) at its opacity. */
  draw(ctx, text, W, H, scale) {
    if (text.opacity <= 0 || text.lines.length === 0) return;
    const key = JSON.stringify([text.lines, text.face ?? text.font, text.sizePx, text.color, text.position,
      text.lineSpacingPx, text.borderPx, W, H, scale]);
    let drawn = this.#surfaces.get(key);
    if (!drawn) {
      drawn = render(text, W, H, scale);
      if (this.#surfaces.size > 64) this.#surfaces.clear();
      this.#surfaces.set(key, drawn);
    }
    ctx.save();
    ctx.globalAlpha = Math.min(1, text.opacity);
    ctx.drawImage(drawn.surface, drawn.x, drawn.y, drawn.width, drawn.height);
    ctx.restore();
  }

  clear() {
    this.#surfaces.clear();
  }
}

/** `text` drawn on a surface of its own, with where it goes on the frame. */
function render(text, W, H, scale) {
  const probe = makeSurface(1, 1).getContext('2d');
  probe.font = cssFont(text);
  const block = layout(text, W, H, measurer(probe));
  const pad = text.borderPx + 2;
  const x = block.x - pad;
  const y = block.y - pad;
  const width = block.width + 2 * pad;
  const height = block.height + 2 * pad;
  const surface = makeSurface(width * scale, height * scale);
  const ctx = surface.getContext('2d');
  ctx.scale(surface.width / width, surface.height / height);
  ctx.translate(-x, -y);
  ctx.font = cssFont(text);
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.lineJoin = 'round';
  if (text.borderPx > 0) {
    // The outline as drawtext's stroker makes it: the glyphs grown by `borderPx` all round,
    // drawn whole on a layer of its own and then laid at 55 %, so where stroke and glyph
    // overlap it is no darker.
    const outline = makeSurface(surface.width, surface.height);
    const o = outline.getContext('2d');
    o.setTransform(ctx.getTransform());
    o.font = ctx.font;
    o.lineJoin = 'round';
    o.lineWidth = text.borderPx * 2;
    o.fillStyle = '#000';
    o.strokeStyle = '#000';
    block.baselines.forEach((baseline, i) => {
      o.strokeText(text.lines[i], block.x, baseline);
      o.fillText(text.lines[i], block.x, baseline);
    });
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 0.55;
    ctx.drawImage(outline, 0, 0);
    ctx.restore();
  }
  ctx.fillStyle = text.color;
  block.baselines.forEach((baseline, i) => ctx.fillText(text.lines[i], block.x, baseline));
  return { surface, x, y, width, height };
}
