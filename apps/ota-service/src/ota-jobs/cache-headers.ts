import type { ApiReply } from '../http/http-types';
import type { JobResult } from './ota-jobs.service';

/** Tells callers how fresh an answer is: `Age`, and how long they may keep it themselves. */
export function setCacheHeaders(reply: ApiReply, result: JobResult, cacheTtlMs: number): void {
  reply.header('Age', String(Math.floor(result.ageMs / 1000)));
  if (cacheTtlMs === 0) {
    reply.header('Cache-Control', 'no-store');
    return;
  }
  const maxAge = result.source === 'stale' ? 0 : Math.max(0, Math.floor((cacheTtlMs - result.ageMs) / 1000));
  reply.header('Cache-Control', `private, max-age=${maxAge}`);
}
