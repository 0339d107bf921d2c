import { type ResourceRef, inject, resource } from '@angular/core';
import type { JobSummary } from '@enos-ota/ota-contract';
import { valueOf } from '../api/api-resource';
import { OTA_API_CLIENT } from '../api/ota-client';

/** Jobs one summaries request may name (the contract's `JobIdList`): larger pages ask in batches. */
export const GLANCE_BATCH = 20;

/** What a row's glance shows: still loading, not available, or the job's summary. */
export type GlanceState = 'loading' | 'unavailable' | JobSummary;

/** The jobs of one list page whose progress to show. */
export interface GlanceRequest {
  readonly orgId: string;
  readonly jobIds: readonly string[];
}

/**
 * The page's jobs counted at a glance: asked once `request` gives the listed jobs (so the list never
 * waits for it), in batches of GLANCE_BATCH side by side, cancelled when the page changes. Any failed
 * batch makes every glance unavailable; the list itself is untouched. Call in an injection context.
 */
export class JobGlances {
  private readonly client = inject(OTA_API_CLIENT);
  readonly summaries: ResourceRef<ReadonlyMap<string, JobSummary> | undefined>;

  constructor(request: () => GlanceRequest | undefined) {
    this.summaries = resource({
      params: request,
      loader: async ({ params, abortSignal }) => {
        const batches: string[][] = [];
        for (let start = 0; start < params.jobIds.length; start += GLANCE_BATCH) {
          batches.push(params.jobIds.slice(start, start + GLANCE_BATCH));
        }
        const answers = await Promise.all(
          batches.map((jobIds) =>
            valueOf(this.client.getOtaJobSummaries(params.orgId, jobIds, { signal: abortSignal })),
          ),
        );
        return new Map(answers.flatMap((answer) => answer.summaries.map((summary) => [summary.jobId, summary])));
      },
    });
  }

  /** The glance of one listed job. */
  of(jobId: string): GlanceState {
    const status = this.summaries.status();
    if (status === 'error') return 'unavailable';
    if (status !== 'resolved' && status !== 'local') return 'loading';
    return this.summaries.value()?.get(jobId) ?? 'unavailable';
  }
}
