// A typed use of @i2v/web's own Preview (npm/web/preview.d.ts), as the built package exports it
// (npm/web/pkg/index.d.ts: the shared contract plus the preview): `tsc --strict` over this file
// with the DOM lib (tsconfig.web.json; scripts/test.sh runs it after build-web.sh).

import { Client, Preview, RenderError, exportFormats, exportVideo, parseDraft } from '../../npm/web/pkg/index.js';
import type { BrowserExportFormat, BrowserExportProgress, PreviewErrorDetail, PreviewTimeline, Scene, Timeline } from '../../npm/web/pkg/index.js';

export async function previewUse(canvas: HTMLCanvasElement, client: Client): Promise<number> {
  const preview = new Preview(canvas, { client, resolution: 'display' });
  const own = new Preview(new OffscreenCanvas(640, 360), {
    loadMedia: async (src, kind, { signal }) => (await fetch(`/media/${kind}/${src}`, { signal })).blob(),
    audioContext: new AudioContext(),
    canvas: { width: 1280, height: 720, fps: 30 },
    resolution: 'video',
  });
  await preview.load(parseDraft('{"t":[]}'));
  preview.addEventListener('timeupdate', () => console.log(preview.currentTime, preview.duration, preview.playing));
  preview.addEventListener('error', (event) => {
    const detail: PreviewErrorDetail = event.detail;
    console.log(detail.src, detail.kind, detail.error.message);
  });
  preview.onerror = (event) => console.log(event.detail.src);
  preview.ontimeupdate = () => {};
  preview.play();
  preview.pause();
  await preview.seek(1500);
  const timeline: PreviewTimeline | null = preview.timeline;
  const scene: Scene | undefined = timeline?.sceneAt(0);
  const kinds = scene?.pictures.map((p) => p.fit) ?? [];
  if (timeline) await own.load(timeline, { canvas: timeline.canvas });
  const draft = parseDraft('{"t":[]}');
  const made = draft.timeline({ width: 1280, height: 720, fps: 30 });
  await own.load(made);
  made.free();
  own.destroy();
  preview.destroy();
  return kinds.length + (scene?.transition?.progress ?? 0);
}

/** The video made in the page: the formats this browser makes, an export cancelled or not. */
export async function exportUse(client: Client, signal: AbortSignal): Promise<string | null> {
  const formats: BrowserExportFormat[] = await exportFormats({ width: 1280, height: 720, fps: 30 });
  const mp4 = formats.find((f) => f.format === 'mp4' && f.available);
  const draft = parseDraft('{"t":[]}');
  try {
    const blob: Blob = await exportVideo(draft, {
      format: mp4 ? 'mp4' : 'webm',
      canvas: { width: 1920, height: 1080, fps: 30 },
      width: 1280,
      quality: 'medium',
      client,
      signal,
      onProgress: (p: BrowserExportProgress) => console.log(p.phase, p.frame, p.frames, p.fraction),
      loadMuxer: () => import(String('/pkg/vendor/mediabunny.js')),
    });
    const timeline: Timeline = draft.timeline({ width: 640, height: 360 });
    const small: Blob = await exportVideo(timeline, { format: 'webm' });
    timeline.free();
    return URL.createObjectURL(small.size > blob.size ? small : blob);
  } catch (error) {
    if (error instanceof RenderError && error.kind === 'export_option') return error.option?.accepted.join() ?? null;
    throw error;
  }
}
