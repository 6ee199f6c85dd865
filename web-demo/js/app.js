// The app: one client for the page, the panels, and the start-up that either resumes the saved
// session (and any render in flight) or connects a new one.

import { byId } from './dom.js';
import { Alerts } from './alerts.js';
import { ChatPanel } from './chat.js';
import { CreditsView } from './credits.js';
import { BrowserExport } from './browser-export.js';
import { ExportPanel, ProjectLink } from './export.js';
import { MediaPanel } from './media.js';
import { PlayerPanel } from './player.js';
import { Suggestions } from './suggestions.js';
import { TimelineView } from './timeline.js';
import { languageOfLocale, onLanguage, setLanguage, t } from './strings.js';
import * as store from './store.js';

/**
 * The page is served by the studio, so the API and the links share its origin. Renders on a local
 * studio take seconds, so the export is polled every second (the protocol's 30 s suits the cloud),
 * for up to the studio's longest render.
 */
function clientOptions() {
  return {
    apiUrl: location.origin,
    webUrl: location.origin,
    language: navigator.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en',
    timing: { exportPollIntervalMs: 1000, exportMaxPolls: 900 },
  };
}

/** Starts the page with the browser package's exports `api`. */
export async function start(api) {
  const client = new api.Client(clientOptions());
  // Uploads and turns wait for the session: sent earlier, each would make a session of its own.
  let markConnected;
  const connected = new Promise((resolve) => {
    markConnected = resolve;
  });
  // The page speaks the conversation's language once there is one; until then, the browser's.
  const saved = store.load();
  const kept = saved.session ? store.loadConversation(saved.session.sessionId) : null;
  setLanguage(kept?.language ?? languageOfLocale(navigator.language));

  const alerts = new Alerts(byId('alerts'));
  const credits = new CreditsView();
  const projectLink = new ProjectLink({ client });
  let chat = null;
  let draftShown = null;
  let player = null;
  const exporter = new ExportPanel({
    client,
    cancelChat: () => chat?.stop(),
    onResult: (result) => player?.setVideo(result),
  });
  let suggestions = null;
  const media = new MediaPanel({
    client,
    connected,
    onUploaded: () => syncSession(),
    // A song already playing in the video needs no chip (after a reload, say).
    onAudio: (name) => {
      if (!musicNamed(draftShown, name)) suggestions?.songUploaded(name);
    },
  });
  const timeline = new TimelineView({ thumbnailFor: (src) => media.thumbnailFor(src) });
  // The studio's proxy of each upload (any browser decodes it, HEIC included, and it is small);
  // where the backend serves no previews (the cloud), the file picked on this page.
  const loadMedia = async (src, kind, { signal } = {}) => {
    try {
      return await client.previewMedia(src, { signal });
    } catch (error) {
      const file = media.fileFor(src);
      if (error?.kind === 'no_preview' && file) return file;
      throw error;
    }
  };
  player = new PlayerPanel({ Preview: api.Preview, loadMedia });
  // The video made in this browser, no render (browser-export.js): buttons of the export panel.
  if (typeof api.exportVideo === 'function') {
    new BrowserExport({
      api,
      panel: exporter,
      loadMedia,
    });
  }
  const connection = byId('connection');

  let connectionKey = 'connecting';
  const setConnection = (state, key) => {
    document.body.dataset.connection = state;
    connectionKey = key;
    connection.textContent = t(key);
  };
  onLanguage(() => {
    connection.textContent = t(connectionKey);
  });

  /** Keeps the saved session in step when the client replaced an expired one. */
  const syncSession = () => {
    if (client.session) store.saveSession(client.session);
  };

  const showDraft = (draft) => {
    draftShown = draft ?? null;
    if (suggestions?.song && musicNamed(draftShown, suggestions.song)) suggestions.songPlaying(suggestions.song);
    timeline.render(draft);
    exporter.setDraft(draft);
    player.setDraft(draft);
    if (draft) projectLink.show();
  };

  const showState = (state) => {
    player.setCanvas(state.canvas); // first, so the draft is laid out in its frame at once
    showDraft(state.draft);
    timeline.setCanvas(state.canvas);
    exporter.setCanvas(state.canvas);
    media.showKnown(state.videoInfos);
  };

  const refreshCredits = async () => {
    try {
      credits.show(await client.credits());
    } catch {
      // The balance is informative; a failed refresh leaves the last one shown.
    }
  };

  const refreshState = async () => {
    try {
      showState(await client.state());
    } catch {
      // The timeline keeps what the turn's events drew.
    }
  };

  chat = new ChatPanel({
    client,
    connected,
    media,
    hooks: {
      draft: showDraft,
      credits: (c) => (c ? credits.show(c) : credits.exhausted()),
      state: showState,
      exportProgress: (p) => exporter.onProgress(p),
      exported: (r) => exporter.onExported(r),
      exportFailed: (e) => exporter.onFailed(e),
      // What a reply suggests that only the person can do: pick files, or render.
      action: (action) => {
        if (action.kind === 'export') exporter.start();
        else byId('file-input').click();
      },
      notice: (notice) => {
        if (notice.kind === 'session_replaced') {
          syncSession();
          alerts.notice('session', t('sessionReplaced'));
        }
      },
      turnStarted: () => suggestions.draw(),
      turnDone: () => {
        syncSession();
        refreshCredits();
        refreshState(); // the canvas (a vertical frame…) is only in the state
      },
    },
  });

  suggestions = new Suggestions({
    root: byId('suggestions'),
    input: byId('composer-input'),
    send: (text) => {
      if (chat.running) return false;
      chat.submit(text);
      return true;
    },
    started: () => chat.started,
    hasDraft: () => draftShown !== null,
  });

  byId('new-project').addEventListener('click', () => {
    store.clearAll();
    location.reload();
  });

  window.addEventListener('unhandledrejection', (event) => {
    alerts.show('unexpected', event.reason);
  });

  const connect = async () => {
    setConnection('connecting', 'connecting');
    const saved = store.load();
    try {
      if (saved.session) {
        client.resume(saved.session);
        let state;
        try {
          state = await client.state();
        } catch (error) {
          if (error?.kind !== 'session' && error?.kind !== 'auth') throw error;
          // The saved session is gone (expired, or another browser profile's): start afresh.
          store.clearAll();
          alerts.notice('session', t('sessionExpired'));
          return connect();
        }
        syncSession();
        // The conversation first, so the page speaks its language in what follows.
        chat.restore(store.loadConversation(saved.session.sessionId));
        suggestions.draw();
        showState(state);
        chat.say(t(state.draft ? 'welcomeBack' : 'welcomeBackEmpty'));
        if (saved.render) exporter.resume(saved.render);
      } else {
        store.saveSession(await client.connect());
      }
      setConnection('ready', 'connected');
      markConnected();
      alerts.clear('connect');
      refreshCredits();
    } catch (error) {
      setConnection('offline', 'notConnected');
      alerts.show('connect', error, { retry: connect });
    }
    return undefined;
  };

  await connect();
  return { client, chat };
}

/** Whether `draft` has an audio block named `name` (the song it plays). */
function musicNamed(draft, name) {
  if (!draft) return false;
  return draft.layout().tracks.some((track) => track.kind === 'audio'
    && track.segments.some((segment) => segment.name === name));
}
