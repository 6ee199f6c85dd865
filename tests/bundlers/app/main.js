// A small app as a user writes it: `@i2v/web` from node_modules, no `init()`, one chat turn
// against the backend named by `?api=`, its reply written into the page.

import { Client } from '@i2v/web';

const status = document.getElementById('status');
const reply = document.getElementById('reply');

async function main() {
  const apiUrl = new URLSearchParams(location.search).get('api');
  const client = new Client({ apiUrl, webUrl: apiUrl, persistClientId: false });
  await client.connect();
  for await (const event of client.chat('hello')) {
    if (event.type === 'textDelta') reply.textContent += event.text;
  }
}

main().then(
  () => {
    status.textContent = 'done';
    document.body.dataset.state = 'done';
  },
  (error) => {
    status.textContent = `failed: ${error?.name}: ${error?.message}`;
    document.body.dataset.state = 'failed';
  },
);
