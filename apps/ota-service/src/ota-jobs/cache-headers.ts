import type { Response } from 'express';
import type { JobResult } from './ota-jobs.service';

/** Tells callers how fresh an answer is: `Age`, and how long they may keep it themselves. */
export function setCacheHeaders(response: Response, result: JobResult, cacheTtlMs: number): void {
  response.setHeader('Age', String(Math.floor(result.ageMs / 1000)));
  if (cacheTtlMs === 0) {
    response.setHeader('Cache-Control', 'no-store');
    return;
  }
  const maxAge = result.source === 'stale' ? 0 : Math.max(0, Math.floor((cacheTtlMs - result.ageMs) / 1000));
  response.setHeader('Cache-Control', `private, max-age=${maxAge}`);
}
