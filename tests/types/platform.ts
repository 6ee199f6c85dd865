// The platform's own objects fit the contract's structural types (`AbortSignalLike`, `BlobLike`,
// `ByteStreamLike`, `WasmSource`): checked with the DOM lib and with Node's types, the two ways
// a program sees them. (usage.ts is checked with ES2022 alone as well, where none of these exist.)

import { Client, init } from '../../npm/shared/index.js';
import type { UploadInput } from '../../npm/shared/index.js';

export async function platformObjects(client: Client, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const controller = new AbortController();
  await client.connect({ signal: controller.signal, timeout: 1000 });
  await client.credits({ signal: AbortSignal.timeout(5000) });

  const blob = Object.assign(new Blob([bytes], { type: 'image/png' }), { name: 'a.png' });
  const stream = new Blob([bytes]).stream();
  const files: UploadInput[] = [
    blob,
    { name: 'b.png', size: bytes.byteLength, stream },
    { name: 'c.png', data: bytes },
  ];
  await client.upload(files, { signal: controller.signal });

  const url = new URL('./i2v_wasm_bg.wasm', 'https://example.com/app/');
  await init({ wasm: url });
  await init({ wasm: url.href });
  await init({ wasm: fetch(url) });
  await init({ wasm: await fetch(url) });
  await init({ wasm: bytes });
  await init();
}
