import type { ApiReply } from '../http/http-types';
import { setCachePolicy } from '../http/cache-policy';
import type { JobResult } from './ota-jobs.service';

/** Tells callers how fresh a job answer is: `Age`, and how long they may keep it themselves. */
export function setCacheHeaders(reply: ApiReply, result: JobResult, cacheTtlMs: number): void {
  setCachePolicy(reply, { ageMs: result.ageMs, ttlMs: cacheTtlMs, stale: result.source === 'stale' });
}
