import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { Subscription } from 'rxjs';
import type { JobRef } from '../api/job-ref';
import { type JobLoadFailure, toJobLoadFailure } from '../api/job-load-failure';
import { type LoadedJob, OtaApi } from '../api/ota-api';
import { sameJob } from '../recent-jobs/recent-jobs';

export type LoadReason = 'initial' | 'manual' | 'auto';

export interface LoadOutcome {
  readonly reason: LoadReason;
  readonly ok: boolean;
}

/**
 * Loads one job and keeps the last good answer while refreshing, so a failed refresh shows the
 * failure next to data marked with its age instead of blanking the page. A new request cancels
 * the one in flight.
 */
@Injectable()
export class JobLoader {
  private readonly api = inject(OtaApi);
  private request: Subscription | null = null;

  private readonly ref = signal<JobRef | null>(null);
  private readonly job = signal<LoadedJob | null>(null);
  private readonly error = signal<JobLoadFailure | null>(null);
  private readonly inFlight = signal<LoadReason | null>(null);
  private readonly outcome = signal<LoadOutcome | null>(null);

  readonly target = this.ref.asReadonly();
  /** The last job received for the target. */
  readonly loaded = this.job.asReadonly();
  /** The last request's failure; cleared by the next success. */
  readonly failure = this.error.asReadonly();
  /** Why a request is in flight, or null. */
  readonly pending = this.inFlight.asReadonly();
  /** A new object after every finished request. */
  readonly lastOutcome = this.outcome.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  /** Shows another job (or the same one again, which does nothing). */
  open(ref: JobRef): void {
    const current = this.ref();
    if (current !== null && sameJob(current, ref)) return;
    this.ref.set(ref);
    this.job.set(null);
    this.error.set(null);
    this.fetch(ref, 'initial');
  }

  /** Stops showing any job (the route named an invalid one). */
  close(): void {
    this.cancel();
    this.ref.set(null);
    this.job.set(null);
    this.error.set(null);
  }

  refresh(reason: Exclude<LoadReason, 'initial'>): void {
    const ref = this.ref();
    if (ref !== null) this.fetch(ref, reason);
  }

  private fetch(ref: JobRef, reason: LoadReason): void {
    this.cancel();
    this.inFlight.set(reason);
    this.request = this.api.getJob(ref).subscribe({
      next: (loaded) => {
        this.job.set(loaded);
        this.error.set(null);
        this.finish(reason, true);
      },
      error: (error: unknown) => {
        this.error.set(toJobLoadFailure(error));
        this.finish(reason, false);
      },
    });
  }

  private finish(reason: LoadReason, ok: boolean): void {
    this.request = null;
    this.inFlight.set(null);
    this.outcome.set({ reason, ok });
  }

  private cancel(): void {
    this.request?.unsubscribe();
    this.request = null;
    this.inFlight.set(null);
  }
}
