// A typed use of the one TypeScript contract (npm/shared/index.d.ts), which both packages ship:
// `tsc --strict --noEmit` over this file (scripts/test.sh, with and without the DOM lib) fails
// when the contract stops type-checking, when a TurnEvent or an error class is added without
// this file handling it, or when a name the packages export goes missing.

import {
  AbortError,
  AgentError,
  ApiError,
  AuthError,
  Client,
  CreditsError,
  DraftError,
  FileError,
  I2vError,
  NetworkError,
  RateLimitError,
  RenderError,
  SessionError,
  SseParser,
  TimeoutError,
  checkExportOptions,
  diffDrafts,
  parseDraft,
  routeIntent,
  translateGui,
} from '../../npm/shared/index.js';
import type { GuiAction, Notice, SendOutcome, TurnEvent } from '../../npm/shared/index.js';

/** Fails to compile when a union gains a member that the switch above it does not handle. */
function unreachable(value: never): never {
  throw new Error(`unhandled: ${JSON.stringify(value)}`);
}

/** Every turn event, narrowed by its `type`, each field used with its own type. */
function describe(event: TurnEvent): string {
  switch (event.type) {
    case 'textDelta':
    case 'text':
      return `${event.message}: ${event.text}`;
    case 'toolStarted':
    case 'toolFinished':
      return event.label;
    case 'draft':
      return `${event.draft.summary()} (${event.draft.isExportReady()})`;
    case 'stillWorking':
      return `${event.waitedMs.toFixed(0)} ms`;
    case 'connectionLost':
      return 'connection lost';
    case 'changes':
      return event.changes.map((change) => change.description).join('\n');
    case 'action':
      return action(event.action);
    case 'uploaded':
      return event.media.map((media) => media.mediaId).join(',');
    case 'credits':
      return String(event.credits.available);
    case 'state':
      return String(event.state.canvas.width);
    case 'exportProgress':
      return `${event.progress.renderId} ${event.progress.progress ?? 0}`;
    case 'exported':
      return event.result.url;
    case 'notice':
      return notice(event.notice);
    case 'done':
      return outcome(event.outcome);
    default:
      return unreachable(event);
  }
}

function action(action: GuiAction): string {
  return action.kind === 'send_edit' ? action.text : action.kind;
}

function notice(notice: Notice): string {
  switch (notice.kind) {
    case 'session_replaced':
      return notice.newSessionId;
    case 'token_renewed':
      return 'renewed';
    case 'client_id_generated':
      return notice.clientId;
    default:
      return unreachable(notice);
  }
}

function outcome(outcome: SendOutcome): string {
  switch (outcome.type) {
    case 'uploaded':
      return String(outcome.media.length);
    case 'credits':
      return String(outcome.credits.total);
    case 'state':
      return String(outcome.state.draft?.durationMs ?? 0);
    case 'exported':
      return outcome.result.downloadUrl;
    case 'chat':
      return outcome.outcome.texts.join(' ');
    default:
      return unreachable(outcome);
  }
}

/** Every error class, each a real `Error` with the contract's fields. */
function explain(error: unknown): string {
  if (!(error instanceof I2vError)) return String(error);
  const common = `${error.name} ${error.kind} ${error.code ?? '-'} ${error.status ?? '-'}`;
  if (error instanceof AuthError) return `${common}: sign in again`;
  if (error instanceof SessionError) return `${common}: a new session`;
  if (error instanceof CreditsError) return `${common}: ${error.bindUrl ?? 'buy credits'}`;
  if (error instanceof FileError) {
    return `${common}: ${error.acceptedFormats?.join(',') ?? ''} ${error.maxBytes ?? ''}`;
  }
  if (error instanceof RateLimitError) return `${common}: wait ${error.retryAfterMs ?? 0} ms`;
  if (error instanceof NetworkError) return `${common}: ${String(error.cause)}`;
  if (error instanceof AgentError) return `${common}: the agent failed`;
  if (error instanceof RenderError) return `${common}: ${error.option?.accepted.join(',') ?? ''}`;
  if (error instanceof DraftError) return `${common}: ${error.message}`;
  if (error instanceof TimeoutError) return `${common}: too slow`;
  if (error instanceof AbortError) return `${common}: cancelled`;
  if (error instanceof ApiError) return `${common}: ${error.requestId ?? ''}`;
  return common;
}

export async function use(): Promise<string[]> {
  const client = new Client({ apiUrl: 'http://127.0.0.1:1', timeout: 1000 });
  const seen: string[] = [client.clientId];
  try {
    const session = await client.connect();
    client.resume(session);
    const turn = client.chat('turn these images into a 30-second video');
    for await (const event of turn) seen.push(describe(event));
    seen.push(outcome(await turn.outcome));
    const video = await client.export({ format: 'mp4', onProgress: (p) => seen.push(p.status) });
    seen.push(video.renderId);
  } catch (error) {
    seen.push(explain(error));
  }
  const draft = parseDraft('{"t":[]}');
  seen.push(draft.summary(), ...diffDrafts(draft, '{"t":[]}').map((c) => c.kind));
  seen.push(routeIntent('export in 4k').action, translateGui('Click Export').text);
  seen.push(checkExportOptions({ format: 'webm' }).format);
  const parser = new SseParser();
  seen.push(...parser.feed('data: hi\n\n').map((event) => event.data));
  return seen;
}
