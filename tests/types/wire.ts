// The values the native side hands the JS shell (crates/i2v-js/src/shapes.rs and wire.rs), in
// the contract's own types (npm/shared/index.d.ts). samples.ts, written from the Rust shapes by
// a test in crates/i2v-js, holds one of each, checked here with `satisfies`: a field renamed on
// one side and not on the other fails `tsc` (scripts/test.sh).
//
// Where the shell (npm/shared/*.js) changes a value before a caller sees it, the value that
// crosses differs from the contract's type, and these types say how:
// - A draft crosses as `{value, summary, exportReady, durationMs, layout}` (`WireDraft`);
//   `draftFromWire` (draft.js) wraps it in a `Draft` whose methods give those fields back. The
//   shell does it for the `draft` event and the states and outcomes that hold a draft
//   (`liftEvent`, `liftState`, `liftTurnOutcome`, `liftSendOutcome` in client.js), for
//   `parseDraft` and for `lastDraft`: `Wire<T>` is `T` with each `Draft` in it a `WireDraft`.
// - An error crosses as its fields (`WireError`); `errorFromFields` (errors.js) makes the
//   `I2vError` subclass of its `kind` with those fields, and a `cause` string becomes the
//   `cause` `Error`'s message.
// - A call answers `{ok}` or `{error}` (`unwrap`, draft.js); a call that reports as it goes
//   sends `{progress}` and `{event}` messages and last `{end}` (`#stream`, client.js). The
//   `done` event is the shell's own, made from `end` (turn.js), and `chat`'s `end` is a turn's
//   outcome that the shell gives as `{type: 'chat', outcome}`.

import type {
  Change,
  CheckedExportOptions,
  Credits,
  Draft,
  DraftLayout,
  ErrorKind,
  ExportProgress,
  ExportResult,
  GuiTranslation,
  Scene,
  TimelineInfo,
  I2vError,
  Intent,
  SendOutcome,
  Session,
  State,
  TurnEvent,
  TurnOutcome,
  UploadedMedia,
  UploadProgress,
} from '../../npm/shared/index.js';
import type { answers, errors, messages, sendOutcomes, turnEvents } from './samples.js';

/** A draft as it crosses, before the shell wraps it in a `Draft`. */
export interface WireDraft {
  value: unknown;
  summary: ReturnType<Draft['summary']>;
  exportReady: ReturnType<Draft['isExportReady']>;
  durationMs: number;
  layout: DraftLayout;
}

/** `T` as it crosses: every `Draft` in it a `WireDraft`. */
export type Wire<T> = T extends Draft
  ? WireDraft
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** An error as it crosses: the fields of an `I2vError`, its `cause` in words. */
export type WireError = Pick<
  I2vError,
  | 'code'
  | 'kind'
  | 'message'
  | 'bindUrl'
  | 'acceptedFormats'
  | 'maxBytes'
  | 'retryAfterMs'
  | 'option'
  | 'status'
  | 'requestId'
> & { cause: string | null };

/** What each call of the contract answers, as it crosses. */
export interface Answers {
  connect: Session;
  claimUrl: string;
  credits: Credits;
  state: Wire<State>;
  upload: UploadedMedia[];
  export: ExportResult;
  chat: Wire<TurnOutcome>;
  send: Wire<SendOutcome>;
  parseDraft: WireDraft;
  diffDrafts: Change[];
  checkExportOptions: CheckedExportOptions;
  routeIntent: Intent;
  translateGui: GuiTranslation;
  timeline: TimelineInfo;
  sceneAt: Scene;
}

/** A call's answer or its error. */
export type WireReply = { ok: Answers[keyof Answers] } | { error: WireError };

/** One message of a call that reports as it goes. */
export type WireMessage =
  | { progress: UploadProgress | ExportProgress }
  | { event: Wire<Exclude<TurnEvent, { type: 'done' }>> }
  | { end: WireReply };

// The samples hold every case the contract names: what it names and they lack is an error here.
type Missing<All, Seen> = [Exclude<All, Seen>] extends [never] ? 'none' : Exclude<All, Seen>;
type Sampled<T extends readonly unknown[]> = T[number];

export const everyTurnEvent: Missing<
  Exclude<TurnEvent['type'], 'done'>,
  Sampled<typeof turnEvents>['type']
> = 'none';
export const everyNotice: Missing<
  Extract<TurnEvent, { type: 'notice' }>['notice']['kind'],
  Extract<Sampled<typeof turnEvents>, { type: 'notice' }>['notice']['kind']
> = 'none';
export const everySendOutcome: Missing<SendOutcome['type'], Sampled<typeof sendOutcomes>['type']> =
  'none';
export const everyAnswer: Missing<keyof Answers, keyof typeof answers> = 'none';
// `not_initialised` is the shell's own (`init`, npm/shared/errors.js).
export const everyErrorKind: Missing<
  Exclude<ErrorKind, 'not_initialised'>,
  Sampled<typeof errors>['kind']
> = 'none';
export const everyMessage: Missing<'progress' | 'event' | 'end', keyof Sampled<typeof messages>> =
  'none';
