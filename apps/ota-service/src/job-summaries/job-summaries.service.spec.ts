import type { ServiceConfig } from '../config/service-config';
import type { EnosOtaClient } from '../enos/enos-ota-client';
import type { MetricsService } from '../metrics/metrics.service';
import type { OtaJobsService } from '../ota-jobs/ota-jobs.service';
import type { FleetCalls } from '../shared/cached-calls';
import { JobSummariesService } from './job-summaries.service';

/** EnOS answering every task search with 10 tasks; calls counted. */
function fakeEnos() {
  const searched: string[] = [];
  const enos = {
    searchTasks: async (_orgId: string, body: { expression?: string }) => {
      searched.push(body.expression ?? '');
      return {
        ok: true,
        value: { items: [], pagination: { pageNo: 1, pageSize: 1, totalSize: 10 } },
        envelope: { code: 0 },
        requestId: null,
      };
    },
  };
  return { enos: enos as unknown as EnosOtaClient, searched };
}

/** A fleet store that holds every load until `open` is called, as a replica waiting for the fleet's lock. */
function gatedFleet() {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const fleet: FleetCalls = {
    obtain: async (_key, _ttl, load) => {
      await gate;
      return load();
    },
  };
  return { fleet, open: () => open() };
}

const metrics = { cacheLookups: { inc: () => undefined }, coalescedRequests: { inc: () => undefined } };
const config = { cacheTtlMs: 1000, cacheMaxEntries: 100, deadlineMs: 5000, progressMaxCalls: 7 } as ServiceConfig;

describe('JobSummariesService', () => {
  it('counts a job whose shared call another request’s budget stopped, on its own budget', async () => {
    const { enos, searched } = fakeEnos();
    const { fleet, open } = gatedFleet();
    const service = new JobSummariesService(
      enos,
      {} as OtaJobsService,
      metrics as unknown as MetricsService,
      config,
      fleet,
    );
    // Both wait at the fleet; the second joins the first's call for job c.
    const wide = service.summaries('o', ['a', 'b', 'c']);
    const narrow = service.summaries('o', ['c']);
    open();
    const [first, second] = await Promise.all([wide, narrow]);
    expect(first.summaries.map((summary) => summary.state)).toEqual(['counted', 'counted', 'not_counted']);
    expect(first.complete).toBe(false);
    expect(second.summaries).toEqual([expect.objectContaining({ jobId: 'c', state: 'counted' })]);
    expect(second.complete).toBe(true);
    expect(searched).toHaveLength(9);
  });
});
