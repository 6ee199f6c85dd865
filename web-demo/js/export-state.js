// The export panel's one state machine, with no DOM: what the panel shows is drawn from its state
// alone, so the panel cannot say "ready" while a render runs or show a video as current after the
// timeline moved on. Renders the panel starts and renders a chat turn starts ("export") report
// through the same events.
//
//   idle ──start/progress──▶ rendering ──exported──▶ ready ◀──change back──▶ outdated
//    ▲                          │   │                                          │
//    └────cancelled / gone──────┘   └──failed──▶ failed        start ◀─────────┘
//
// `idle` is also where a stopped render lands (with `stopped` set, to say so), and where a saved
// render the studio no longer has leaves the panel. `ready` and `outdated` are one result seen
// against the current timeline: a change of the draft or the canvas moves between them.

/** The states, as the panel's `data-state` names them. */
export const STATES = ['idle', 'rendering', 'ready', 'outdated', 'failed'];

/** The state before anything is known: nothing to export, nothing shown. */
export function initialState() {
  return {
    name: 'idle',
    exportable: false, // whether the draft shown can be rendered
    currentKey: null, // what the video would be made of now (timeline and frame)
    madeKey: null, // what the render running or shown is made of (null: not known)
    renderId: null,
    phase: null, // while rendering: sending, preview, resuming, loading, pending, processing, completed, failed
    progress: null, // percent while rendering, when known
    result: null, // the last finished render (kept while a new one runs, dimmed)
    error: null,
    stopped: false,
    resumed: false,
  };
}

/**
 * The state after `event`. Events:
 * - `{ type: 'draft', exportable, key }`, `{ type: 'canvas', key }`: the timeline or frame now;
 * - `{ type: 'start', phase, key, renderId?, resumed? }`: a render asked for (or picked back up);
 * - `{ type: 'progress', renderId, status, progress }`: a status report, from any caller;
 * - `{ type: 'exported', result }`: a finished render;
 * - `{ type: 'failed', error, cancelled }`: a render that did not finish (`cancelled`: stopped);
 * - `{ type: 'gone' }`: a saved render the studio no longer has.
 */
export function next(state, event) {
  switch (event.type) {
    case 'draft':
      return judge({ ...state, exportable: Boolean(event.exportable), currentKey: event.key });
    case 'canvas':
      return judge({ ...state, currentKey: event.key });
    case 'start':
      return {
        ...state,
        name: 'rendering',
        phase: event.phase,
        progress: null,
        renderId: event.renderId ?? null,
        madeKey: event.key === undefined ? state.currentKey : event.key,
        error: null,
        stopped: false,
        resumed: Boolean(event.resumed),
      };
    case 'progress': {
      // A report with no start before it is a render a chat turn began: it is of the timeline now.
      const running = state.name === 'rendering' ? state : next(state, { type: 'start', phase: 'sending' });
      const pct = Number.isFinite(event.progress) ? Math.max(0, Math.min(100, event.progress)) : null;
      return { ...running, renderId: event.renderId ?? running.renderId, phase: event.status, progress: pct };
    }
    case 'exported': {
      // A result from a chat turn may arrive without any progress before it.
      const madeKey = state.name === 'rendering' ? state.madeKey : state.currentKey;
      return judge({ ...state, name: 'ready', result: event.result, renderId: event.result.renderId, madeKey, phase: null, progress: null });
    }
    case 'failed':
      if (state.name !== 'rendering') return state; // nothing was running: nothing to end
      if (event.cancelled) return { ...state, name: 'idle', stopped: true, phase: null, progress: null, result: null, renderId: null };
      return { ...state, name: 'failed', error: event.error, phase: null, progress: null };
    case 'gone':
      return { ...state, name: 'idle', phase: null, progress: null, result: null, renderId: null };
    default:
      return state;
  }
}

/** `ready` or `outdated` by whether the video shown is of the timeline and frame now. A video
 * whose making is unknown (saved by an older page) is taken as current. */
function judge(state) {
  if (state.name !== 'ready' && state.name !== 'outdated') return state;
  const matches = state.madeKey === null || state.madeKey === state.currentKey;
  return { ...state, name: matches ? 'ready' : 'outdated' };
}

/** Whether the export buttons can start a render in `state`. */
export function canStart(state) {
  return state.exportable && state.name !== 'rendering';
}

/**
 * What the video would be made of, the timeline (as JSON) and the frame (`WxH@fps`), as a short
 * fingerprint (saved with the render, so it must stay small: FNV-1a over the text).
 */
export function fingerprint(draftJson, canvasKey) {
  const text = `${draftJson}|${canvasKey}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${text.length}:${hash.toString(16)}`;
}
