import { type Signal, computed, inject, linkedSignal, resource } from '@angular/core';
import type { JobInfo } from '@enos-ota/ota-contract';
import { keptValue, resourceFailure } from '../api/api-resource';
import type { JobRef } from '../api/job-ref';
import { failureFromAnswer } from '../api/job-load-failure';
import { OTA_API_CLIENT } from '../api/ota-client';
import { sameJob } from '../recent-jobs/recent-jobs';

/** A job as the service returned it, with what support needs to trace the call. */
export interface LoadedJob {
  readonly job: JobInfo;
  readonly requestId: string | null;
  readonly enosRequestId: string | null;
  /** When the answer arrived (epoch ms): the "as of" time. */
  readonly receivedAt: number;
}

export type LoadReason = 'initial' | 'manual' | 'auto';

export interface LoadOutcome {
  readonly reason: LoadReason;
  readonly ok: boolean;
}

/**
 * The job page's job, as a resource of its reference (undefined: the route names no valid job). A
 * failed refresh keeps the last good answer, so the page shows the failure next to data marked with
 * its age instead of blanking; a new reference (or leaving the page) cancels the request in flight.
 * Create it in an injection context.
 */
export function jobResource(ref: Signal<JobRef | undefined>) {
  const client = inject(OTA_API_CLIENT);
  const params = computed(() => ref(), { equal: (a, b) => a === b || (!!a && !!b && sameJob(a, b)) });
  const job = resource({
    params,
    loader: async ({ params: { orgId, jobId }, abortSignal }): Promise<LoadedJob> => {
      const result = await client.getOtaJob(orgId, jobId, { signal: abortSignal });
      if (!result.ok) throw failureFromAnswer(result);
      const { value, requestId, enosRequestId } = result;
      return { job: value, requestId, enosRequestId, receivedAt: Date.now() };
    },
  });
  /** Why the request in flight (or the last one) was made; a new job starts with 'initial'. */
  const reason = linkedSignal<JobRef | undefined, LoadReason>({ source: params, computation: () => 'initial' });
  const settled = computed(() => job.status() === 'resolved' || job.status() === 'error');

  return {
    target: params,
    /** The last job received for the target. */
    loaded: keptValue(job, params),
    /** The last request's failure; cleared when the next one starts. */
    failure: resourceFailure(job),
    /** Why a request is in flight, or null. */
    pending: computed<LoadReason | null>(() => (job.isLoading() ? reason() : null)),
    /** A new object after every finished request. */
    lastOutcome: computed<LoadOutcome | null>(() =>
      settled() ? { reason: reason(), ok: job.status() === 'resolved' } : null,
    ),
    /** Asks again (nothing while the first answer is still awaited: it is as fresh). */
    refresh(why: Exclude<LoadReason, 'initial'>): void {
      if (job.reload()) reason.set(why);
    },
  };
}

export type JobResource = ReturnType<typeof jobResource>;
