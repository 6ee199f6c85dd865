// `TurnStream`: the events of one message as an async iterable, plus the promise of how it ended.
//
// The turn starts at once (so `outcome` works without iterating); events wait in a queue until
// the caller reads them. Breaking out of a `for await` loop cancels the turn.

/** The events of one message; the last one is always `{ type: 'done', outcome }`. */
export class TurnStream {
  #queue = [];
  #wake = null;
  #finished = false;
  #failure = null;
  #cancel;

  /**
   * `run(push)` starts the turn, calls `push(event)` for each event and resolves to the outcome
   * (or rejects with the turn's error); `cancel()` stops it.
   */
  constructor(run, cancel) {
    this.#cancel = cancel;
    this.outcome = run((event) => this.#push(event)).then(
      (outcome) => {
        this.#push({ type: 'done', outcome });
        this.#finish(null);
        return outcome;
      },
      (error) => {
        this.#finish(error);
        throw error;
      },
    );
    // Whoever iterates sees the error there; `outcome` must not also count as unhandled.
    this.outcome.catch(() => {});
  }

  #push(event) {
    if (this.#finished) return;
    this.#queue.push(event);
    this.#wakeReader();
  }

  #finish(error) {
    if (this.#finished) return;
    this.#finished = true;
    this.#failure = error;
    this.#wakeReader();
  }

  #wakeReader() {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  async #next() {
    for (;;) {
      if (this.#queue.length > 0) return { value: this.#queue.shift(), done: false };
      if (this.#finished) {
        const failure = this.#failure;
        this.#failure = null;
        if (failure) throw failure;
        return { value: undefined, done: true };
      }
      await new Promise((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  [Symbol.asyncIterator]() {
    return {
      next: () => this.#next(),
      return: async () => {
        if (!this.#finished) {
          this.#cancel();
          this.#finished = true;
          this.#queue.length = 0;
        }
        return { value: undefined, done: true };
      },
    };
  }
}
