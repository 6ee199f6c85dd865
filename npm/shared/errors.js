// Every error the packages throw: an `I2vError` subclass per protocol situation, made from the
// error fields the native side sends or throws as an object (`crates/i2v-js/src/wire.rs`,
// `WireError`): the fields are set from that object, never read out of a message.

/** Every error the packages throw, with the protocol's code and a stable kind. */
export class I2vError extends Error {
  constructor(fields, options) {
    super(fields.message, options);
    this.name = new.target.name;
    this.code = fields.code ?? null;
    this.kind = fields.kind;
    this.bindUrl = fields.bindUrl ?? null;
    this.acceptedFormats = fields.acceptedFormats ?? null;
    this.maxBytes = fields.maxBytes ?? null;
    this.retryAfterMs = fields.retryAfterMs ?? null;
    this.option = fields.option ?? null;
    this.status = fields.status ?? null;
    this.requestId = fields.requestId ?? null;
  }
}

/** The token was rejected, or the client id was missing. */
export class AuthError extends I2vError {}
/** The session expired. */
export class SessionError extends I2vError {}
/** Out of credits, or export needs a plan. */
export class CreditsError extends I2vError {}
/** A file was refused (type or size). */
export class FileError extends I2vError {}
/** Too many requests: wait `retryAfterMs`. */
export class RateLimitError extends I2vError {}
/** The connection or the event stream failed. */
export class NetworkError extends I2vError {}
/** The agent reported a failure. */
export class AgentError extends I2vError {}
/** The export could not be made (as asked). */
export class RenderError extends I2vError {}
/** A draft broke the format; the message names the JSON path. */
export class DraftError extends I2vError {}
/** Waiting ran out. */
export class TimeoutError extends I2vError {}
/** The call was cancelled by its `AbortSignal`. */
export class AbortError extends I2vError {}
/** Anything else the backend or the caller got wrong. */
export class ApiError extends I2vError {}

const CLASS_OF_KIND = {
  auth: AuthError,
  client_id: AuthError,
  session: SessionError,
  credits: CreditsError,
  export_blocked: CreditsError,
  file_type: FileError,
  file_size: FileError,
  rate_limited: RateLimitError,
  network: NetworkError,
  disconnected: NetworkError,
  stream: NetworkError,
  agent: AgentError,
  render: RenderError,
  not_ready: RenderError,
  export_option: RenderError,
  draft: DraftError,
  timeout: TimeoutError,
  cancelled: AbortError,
};

/** The error for the native side's error fields. */
export function errorFromFields(fields) {
  const Class = CLASS_OF_KIND[fields.kind] ?? ApiError;
  // What the network said, for a connection that failed: the error's `cause`, as in fetch.
  const options = typeof fields.cause === 'string' ? { cause: new Error(fields.cause) } : undefined;
  return new Class(fields, options);
}

/**
 * What a synchronous call throws in @i2v/web before the `.wasm` is loaded: `init()` (or any
 * asynchronous call, which loads it) must come first.
 */
export function notInitialisedError(what, loader = 'init') {
  return new ApiError({
    code: null,
    kind: 'not_initialised',
    message: `${what} needs the i2v module loaded: call \`await ${loader}()\` first`,
  });
}

/** The cancellation error for a signal, with the signal's reason as its cause. */
export function abortError(signal) {
  return new AbortError(
    { code: null, kind: 'cancelled', message: 'the operation was aborted' },
    { cause: signal?.reason },
  );
}

/**
 * What a native call threw, as an `I2vError` where it is one: bindings throw the error's fields
 * (a plain object with a `kind`). Anything else (a bug, a TypeError) is passed on as it is.
 */
export function fromThrown(thrown) {
  if (thrown instanceof Error) return thrown;
  if (thrown !== null && typeof thrown === 'object' && typeof thrown.kind === 'string') {
    return errorFromFields(thrown);
  }
  return thrown;
}

/** The names `makeApi` exports, by class. */
export const errorClasses = {
  I2vError,
  AuthError,
  SessionError,
  CreditsError,
  FileError,
  RateLimitError,
  NetworkError,
  AgentError,
  RenderError,
  DraftError,
  TimeoutError,
  AbortError,
  ApiError,
};
