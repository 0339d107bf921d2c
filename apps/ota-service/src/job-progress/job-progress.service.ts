import { Inject, Injectable } from '@nestjs/common';
import { KNOWN_TASK_STATUS_VALUES, type JobProgress, type TaskInfo } from '@enos-ota/ota-contract';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { EnosOtaClient, type SearchPage } from '../enos/enos-ota-client';
import { MetricsService } from '../metrics/metrics.service';
import { OtaJobsService } from '../ota-jobs/ota-jobs.service';
import type { JobRef } from '../problems/enos-problems';
import { FLEET_CALLS, type CachedCalls, type FleetCalls } from '../shared/cached-calls';
import { meteredCachedCalls } from '../shared/metered-cached-calls';
import { valueOf } from '../shared/enos-result';
import { searchJobTasks } from '../job-tasks/search-job-tasks';
import { examineTasks } from './examine-tasks';
import { FailureReasonTally } from './failure-reasons';

/** EnOS's default upgrade timeout, when a job does not state one. */
const DEFAULT_UPGRADE_TIMEOUT_S = 7200;
/** Every stuck task is listed up to this bound (about 300 kB of JSON), longest stuck first. */
const MAX_STUCK_LISTED = 1000;

type TaskStatusName = (typeof KNOWN_TASK_STATUS_VALUES)[number];

function toSeconds(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : DEFAULT_UPGRADE_TIMEOUT_S;
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * A job's progress. Counts per status come from EnOS's totals (one call per status, page size 1);
 * tasks stuck in `upgrading` longer than the job's upgradeTimeout, and the reasons tasks failed, are
 * found by paging through the upgrading and the failed tasks, within OTA_PROGRESS_MAX_CALLS calls in
 * all. Coalesced and cached like the job.
 */
@Injectable()
export class JobProgressService {
  private readonly calls: CachedCalls<JobProgress>;

  constructor(
    private readonly enos: EnosOtaClient,
    private readonly jobs: OtaJobsService,
    metrics: MetricsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(FLEET_CALLS) fleet: FleetCalls,
  ) {
    this.calls = meteredCachedCalls('progress', config, metrics, fleet);
  }

  async progress(ref: JobRef): Promise<JobProgress> {
    return (await this.calls.get(`${ref.orgId}/${ref.jobId}`, (signal) => this.compute(ref, signal))).value;
  }

  private async compute(ref: JobRef, signal: AbortSignal): Promise<JobProgress> {
    const asOf = Date.now();
    let calls = 0;
    const search = async (
      status: string | undefined,
      pageNo: number,
      pageSize: number,
    ): Promise<SearchPage<TaskInfo>> => {
      calls += 1;
      return searchJobTasks(this.enos, ref, status, { pageNo, pageSize }, signal);
    };

    const job = await this.jobs.getJob(ref);
    if (job.source === 'upstream') calls += 1;
    const timeoutS = toSeconds(valueOf(job.value, ref).upgradeTimeout);

    const [all, perStatus] = await Promise.all([
      search(undefined, 1, 1),
      Promise.all(
        KNOWN_TASK_STATUS_VALUES.map(
          async (status) => [status, (await search(status, 1, 1)).pagination.totalSize] as const,
        ),
      ),
    ]);
    const counts = Object.fromEntries(perStatus) as Record<TaskStatusName, number>;
    const total = all.pagination.totalSize;
    const known = KNOWN_TASK_STATUS_VALUES.reduce((sum, status) => sum + counts[status], 0);

    // Stuck tasks and failure reasons: page through the upgrading and the failed tasks (side by side)
    // while the call budget lasts.
    const stuckBefore = asOf - timeoutS * 1000;
    const stuck: TaskInfo[] = [];
    const reasons = new FailureReasonTally();
    const budget = { available: () => calls < this.config.progressMaxCalls, search };
    const [upgrading, failures] = await Promise.all([
      examineTasks('upgrading', counts.upgrading, budget, (tasks) =>
        stuck.push(...tasks.filter((task) => typeof task.updateTime === 'number' && task.updateTime < stuckBefore)),
      ),
      examineTasks('failed', counts.failed, budget, (tasks) => reasons.add(tasks)),
    ]);
    stuck.sort((a, b) => (a.updateTime ?? 0) - (b.updateTime ?? 0));
    const skipped = [
      upgrading.skipped > 0 ? `${upgrading.skipped} upgrading tasks` : null,
      failures.skipped > 0 ? `${failures.skipped} failed tasks` : null,
    ].filter((part) => part !== null);
    const reason =
      skipped.length === 0
        ? null
        : `stopped after ${calls} calls to EnOS (OTA_PROGRESS_MAX_CALLS); ${skipped.join(' and ')} not examined`;

    const finished = counts.succeeded + counts.failed;
    return {
      orgId: ref.orgId,
      jobId: ref.jobId,
      total,
      counts: { ...counts, other: Math.max(0, total - known) },
      percentDone: total === 0 ? 0 : round((finished / total) * 100),
      percentSucceeded: total === 0 ? 0 : round((counts.succeeded / total) * 100),
      upgradeTimeoutSeconds: timeoutS,
      stuck: { count: stuck.length, checked: upgrading.checked, tasks: stuck.slice(0, MAX_STUCK_LISTED) },
      failureReasons: reasons.reasons(),
      failuresChecked: failures.checked,
      complete: reason === null,
      incompleteReason: reason,
      upstreamCalls: calls,
      asOf,
    };
  }
}
