import type { JobSummary } from '@enos-ota/ota-contract';

/** Calls to EnOS one job's counts may take: its total, then its succeeded and failed totals. */
export const CALLS_PER_JOB = 3;

/** What counting one job needs from EnOS; each function is one call. */
export interface TaskTotals {
  /** The job's tasks in `status` (all of them without one): a task search at page size 1, its total. */
  readonly total: (status?: 'succeeded' | 'failed') => Promise<number>;
  /** Whether EnOS knows the job (Get OTA Job, cached); asked only when the job has no tasks. */
  readonly jobExists: () => Promise<{ exists: boolean; upstream: boolean }>;
}

/** A job's summary as it is cached: counted, or not found. */
export type CountedJob = JobSummary & { readonly state: 'counted' | 'not_found' };

/**
 * One job's task counts from EnOS's totals, within CALLS_PER_JOB calls. A task search for a job EnOS
 * does not know finds nothing rather than failing, so a job without tasks is looked up to tell
 * "empty" from "unknown".
 */
export async function countJobTasks(
  jobId: string,
  totals: TaskTotals,
  now: () => number = Date.now,
): Promise<CountedJob> {
  const asOf = now();
  const total = await totals.total();
  if (total === 0) {
    const { exists, upstream } = await totals.jobExists();
    const upstreamCalls = upstream ? 2 : 1;
    if (!exists) return { jobId, state: 'not_found', counts: null, upstreamCalls, asOf };
    return { jobId, state: 'counted', counts: { total, succeeded: 0, failed: 0, remaining: 0 }, upstreamCalls, asOf };
  }
  const [succeeded, failed] = await Promise.all([totals.total('succeeded'), totals.total('failed')]);
  const remaining = Math.max(0, total - succeeded - failed);
  return { jobId, state: 'counted', counts: { total, succeeded, failed, remaining }, upstreamCalls: 3, asOf };
}
