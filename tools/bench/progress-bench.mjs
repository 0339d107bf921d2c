// The progress endpoint on the simulator's 10,000-task job: time per computation (cache off, so each
// request computes) and the calls to EnOS it makes, read both from the answer and from /__sim/stats.
import { median } from './report.mjs';

export const BIG_JOB = { orgId: 'o15724268424841', jobId: '796f4ed3fd1caa40d9b7238e' };

/**
 * @param serviceUrl a service started with OTA_CACHE_TTL_MS=0
 * @param simStats   () => the simulator's call counters
 */
export async function benchmarkProgress({ serviceUrl, simStats, runs }) {
  const url = `${serviceUrl}/api/v1/orgs/${BIG_JOB.orgId}/ota-jobs/${BIG_JOB.jobId}/progress`;
  const samples = [];
  for (let i = 0; i < runs + 1; i += 1) {
    const before = await simStats();
    const started = performance.now();
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    const body = await response.json();
    const ms = performance.now() - started;
    const after = await simStats();
    if (response.status !== 200)
      throw new Error(`progress answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
    const upstream = Object.keys(after).reduce((sum, key) => sum + (after[key] - (before[key] ?? 0)), 0);
    // The first request also warms the job cache path and the JIT; it is not counted.
    if (i > 0)
      samples.push({
        ms,
        upstream,
        reported: body.upstreamCalls,
        total: body.total,
        complete: body.complete,
        stuck: body.stuck.count,
      });
  }
  return {
    runs,
    medianMs: median(samples.map((s) => s.ms)),
    upstreamCallsPerRequest: median(samples.map((s) => s.upstream)),
    reportedUpstreamCalls: median(samples.map((s) => s.reported)),
    total: samples[0]?.total,
    stuck: samples[0]?.stuck,
    complete: samples.every((s) => s.complete),
  };
}
