import { Inject, Injectable } from '@nestjs/common';
import type { JobInfo } from '@enos-ota/ota-contract';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { EnosOtaClient, type EnosAnswer, type SearchPage } from '../enos/enos-ota-client';
import { buildExpression, type Condition } from '../enos/enos-expression';

export interface JobFilters {
  readonly status?: string | undefined;
  readonly type?: string | undefined;
  readonly productKey?: string | undefined;
  readonly firmwareId?: string | undefined;
  readonly name?: string | undefined;
}

/** An org's jobs through EnOS "Search OTA Jobs", filters turned into an escaped expression. */
@Injectable()
export class JobSearchService {
  constructor(
    private readonly enos: EnosOtaClient,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  search(
    orgId: string,
    filters: JobFilters,
    page: { pageNo: number; pageSize: number },
  ): Promise<EnosAnswer<SearchPage<JobInfo>>> {
    const conditions: Condition[] = [];
    for (const field of ['status', 'type', 'productKey', 'firmwareId'] as const) {
      const value = filters[field];
      if (value !== undefined) conditions.push({ field, operator: '=', value });
    }
    if (filters.name !== undefined) conditions.push({ field: 'name', operator: 'contains', value: filters.name });
    const expression = buildExpression(conditions);
    return this.enos.searchJobs(
      orgId,
      { ...(expression ? { expression } : {}), pagination: page },
      AbortSignal.timeout(this.config.deadlineMs),
    );
  }
}
