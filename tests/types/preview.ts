// A typed use of @i2v/web's own Preview (npm/web/preview.d.ts), as the built package exports it
// (npm/web/pkg/index.d.ts: the shared contract plus the preview): `tsc --strict` over this file
// with the DOM lib (tsconfig.web.json; scripts/test.sh runs it after build-web.sh).

import { Client, Preview, parseDraft } from '../../npm/web/pkg/index.js';
import type { PreviewErrorDetail, PreviewTimeline, Scene } from '../../npm/web/pkg/index.js';

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
