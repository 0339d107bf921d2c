import { Inject, Injectable } from '@nestjs/common';
import type { JobSummary } from '@enos-ota/ota-contract';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { EnosOtaClient } from '../enos/enos-ota-client';
import { searchJobTasks } from '../job-tasks/search-job-tasks';
import { MetricsService } from '../metrics/metrics.service';
import { OtaJobsService } from '../ota-jobs/ota-jobs.service';
import type { JobRef } from '../problems/enos-problems';
import { FLEET_CALLS, type CachedCalls, type FleetCalls } from '../shared/cached-calls';
import { meteredCachedCalls } from '../shared/metered-cached-calls';
import { valueOf } from '../shared/enos-result';
import { CALLS_PER_JOB, countJobTasks, type CountedJob } from './count-job-tasks';

/** EnOS's code for a job it does not know (docs/enos.md section 0). */
const JOB_NOT_FOUND = 24404;

/** Thrown inside a load when the request's call budget cannot cover another job; never cached. */
class BudgetSpent extends Error {}

export interface JobSummariesResult {
  readonly summaries: JobSummary[];
  readonly complete: boolean;
  readonly incompleteReason: string | null;
  /** How old the oldest figures are (0 when all were read for this request). */
  readonly ageMs: number;
}

/**
 * Several jobs' task counts at a glance (a list page's worth): each job from EnOS's totals within
 * CALLS_PER_JOB calls, cached and coalesced per job like the progress, the request as a whole within
 * OTA_PROGRESS_MAX_CALLS calls. Jobs past the budget are answered `not_counted`.
 */
@Injectable()
export class JobSummariesService {
  private readonly calls: CachedCalls<CountedJob>;

  constructor(
    private readonly enos: EnosOtaClient,
    private readonly jobs: OtaJobsService,
    metrics: MetricsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(FLEET_CALLS) fleet: FleetCalls,
  ) {
    this.calls = meteredCachedCalls('summary', config, metrics, fleet, { maxEntries: config.cacheMaxEntries });
  }

  async summaries(orgId: string, jobIds: readonly string[]): Promise<JobSummariesResult> {
    let callsLeft = this.config.progressMaxCalls;
    // Loads start in the order of `jobIds` (a cache hit costs nothing), so the budget goes to the first jobs.
    const reserve = () => {
      if (callsLeft < CALLS_PER_JOB) throw new BudgetSpent();
      callsLeft -= CALLS_PER_JOB;
    };
    const answers = await Promise.all(
      jobIds.map(async (jobId): Promise<{ summary: JobSummary; ageMs: number }> => {
        const get = () =>
          this.calls.get(`${orgId}/${jobId}`, async (signal) => {
            reserve();
            return this.count({ orgId, jobId }, signal);
          });
        try {
          const result = await get().catch((error: unknown) => {
            // Joined another request's call, which its own budget stopped: try once on this request's.
            if (error instanceof BudgetSpent && callsLeft >= CALLS_PER_JOB) return get();
            throw error;
          });
          return { summary: result.value, ageMs: result.ageMs };
        } catch (error) {
          if (!(error instanceof BudgetSpent)) throw error;
          return { summary: { jobId, state: 'not_counted', counts: null, upstreamCalls: 0, asOf: null }, ageMs: 0 };
        }
      }),
    );
    const skipped = answers.filter((answer) => answer.summary.state === 'not_counted').length;
    return {
      summaries: answers.map((answer) => answer.summary),
      complete: skipped === 0,
      incompleteReason:
        skipped === 0
          ? null
          : `${skipped} of ${jobIds.length} jobs not counted: at most ${this.config.progressMaxCalls} calls to EnOS per request (OTA_PROGRESS_MAX_CALLS), ${CALLS_PER_JOB} per job`,
      ageMs: Math.max(0, ...answers.map((answer) => answer.ageMs)),
    };
  }

  private count(ref: JobRef, signal: AbortSignal): Promise<CountedJob> {
    return countJobTasks(ref.jobId, {
      total: async (status) =>
        (await searchJobTasks(this.enos, ref, status, { pageNo: 1, pageSize: 1 }, signal)).pagination.totalSize,
      jobExists: async () => {
        const job = await this.jobs.getJob(ref);
        const upstream = job.source === 'upstream';
        if (!job.value.ok && job.value.code === JOB_NOT_FOUND) return { exists: false, upstream };
        valueOf(job.value, ref);
        return { exists: true, upstream };
      },
    });
  }
}
