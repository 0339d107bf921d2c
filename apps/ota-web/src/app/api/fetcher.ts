import { DestroyRef, inject, signal } from '@angular/core';
import type { Observable, Subscription } from 'rxjs';
import { type JobLoadFailure, toJobLoadFailure } from './job-load-failure';

/**
 * One request at a time for a component: the last answer, the last failure and whether a request is
 * in flight, as signals. A new `load` cancels the request in flight; the component's destruction too.
 * Create it in an injection context (a field initialiser).
 */
export class Fetcher<P, T> {
  private request: Subscription | null = null;
  private readonly data = signal<T | null>(null);
  private readonly error = signal<JobLoadFailure | null>(null);
  private readonly inFlight = signal(false);
  private readonly last = signal<P | null>(null);

  /** The last answer; kept while reloading with `keep`. */
  readonly value = this.data.asReadonly();
  /** The last request's failure; cleared when the next request starts. */
  readonly failure = this.error.asReadonly();
  readonly pending = this.inFlight.asReadonly();
  /** The parameters of the last request. */
  readonly params = this.last.asReadonly();

  constructor(private readonly fetch: (params: P) => Observable<T>) {
    inject(DestroyRef).onDestroy(() => this.cancel());
  }

  /** Requests `params`; `keep` shows the previous answer until the new one arrives (a refresh). */
  load(params: P, { keep = false }: { keep?: boolean } = {}): void {
    this.cancel();
    this.last.set(params);
    if (!keep) this.data.set(null);
    this.error.set(null);
    this.inFlight.set(true);
    this.request = this.fetch(params).subscribe({
      next: (value) => {
        this.data.set(value);
        this.inFlight.set(false);
      },
      error: (error: unknown) => {
        this.error.set(toJobLoadFailure(error));
        this.inFlight.set(false);
      },
    });
  }

  /** The last request again (after a failure, or to refresh). */
  reload(options?: { keep?: boolean }): void {
    const params = this.last();
    if (params !== null) this.load(params, options);
  }

  /** Stops the request in flight and forgets everything. */
  reset(): void {
    this.cancel();
    this.last.set(null);
    this.data.set(null);
    this.error.set(null);
  }

  private cancel(): void {
    this.request?.unsubscribe();
    this.request = null;
    this.inFlight.set(false);
  }
}
