/**
 * A time limit as an AbortSignal whose timer is released as soon as the work settles (`end()`), unlike
 * `AbortSignal.timeout`, whose timer stays armed for the whole limit. It can also follow an outer
 * signal (e.g. a caller's deadline), with one timer and one listener, both released by `end()`. Used
 * for the deadline of a shared call to EnOS; each exchange's own limit is the adapter's `timeout`.
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
