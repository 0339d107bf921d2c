/**
 * The time limit of one call to EnOS, from the first byte written to the last byte read. An HTTP
 * client's own `timeout` usually fires only when the connection goes quiet, so an answer trickled a
 * few bytes at a time would never reach it; this one aborts the call however busy the connection is.
 * It also follows the caller's signal (the request's overall deadline), with one timer and one
 * listener per call, both released by `end()`.
 */
export class CallTimeout {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private expired = false;

  constructor(
    readonly ms: number,
    private readonly outer?: AbortSignal,
  ) {
    this.timer = setTimeout(this.expire, ms);
    if (outer?.aborted) this.controller.abort(outer.reason);
    else outer?.addEventListener('abort', this.follow, { once: true });
  }

  /** Aborts when the time limit passes or the caller's signal aborts, whichever comes first. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True when this call's own time limit ended it (not the caller's signal). */
  get timedOut(): boolean {
    return this.expired;
  }

  /** Releases the timer and the listener; call it once the call settled, whatever the outcome. */
  end(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.follow);
  }

  private readonly expire = (): void => {
    this.expired = true;
    this.controller.abort(new Error(`no answer within ${this.ms} ms`));
  };

  private readonly follow = (): void => this.controller.abort(this.outer?.reason);
}
