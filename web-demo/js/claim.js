// The page a project link opens (`/workspace/claim?ct=clm_…`): a read-only view of the project
// the claim token names. The claim token is the key and grants no API access, so this page
// reads the studio's claim view (`GET /api/claim/<token>`) and draws it with the main page's
// timeline; editing goes on in the browser that made the project.

import { byId, h } from './dom.js';
import { errorView } from './alerts.js';
import { TimelineView } from './timeline.js';
import * as store from './store.js';

const status = byId('claim-status');

async function open() {
  const token = new URLSearchParams(location.search).get('ct') ?? '';
  if (!/^clm_[A-Za-z0-9_-]+$/.test(token)) {
    fail({ kind: 'invalid_input', message: 'This link has no valid project key.' });
    return;
  }
  let api;
  let answer;
  try {
    api = await import('/pkg/index.js');
    await api.init();
    const response = await fetch(`/api/claim/${encodeURIComponent(token)}`);
    answer = await response.json();
  } catch (error) {
    fail({ kind: 'network', message: String(error?.message ?? error) });
    return;
  }
  if (answer?.code !== 0 || !answer.data) {
    fail({ kind: 'session', message: 'This project link has expired or is not valid.' });
    return;
  }
  const { state, session_id: sessionId } = answer.data;
  const timeline = new TimelineView({ thumbnailFor: () => null });
  let draft = null;
  try {
    draft = state?.draft ? api.parseDraft(state.draft) : null;
  } catch (error) {
    fail(error);
    return;
  }
  timeline.render(draft);
  const canvas = state?.canvas_config;
  if (canvas) timeline.setCanvas({ width: canvas.width, height: canvas.height, fps: canvas.fps });
  status.textContent = draft ? 'A read-only view of this project.' : 'This project has no video yet.';
  const media = byId('claim-media');
  for (const info of Array.isArray(state?.video_infos) ? state.video_infos : []) {
    if (typeof info?.name === 'string') media.append(h('li', { class: 'file', dataset: { status: 'done' } }, h('p', { class: 'file-name' }, info.name)));
  }
  if (store.load().session?.sessionId === sessionId) byId('continue').textContent = 'Continue editing';
  document.body.dataset.claim = 'ready';
}

function fail(error) {
  document.body.dataset.claim = 'failed';
  status.textContent = '';
  byId('alerts').append(errorView(error));
}

open();
