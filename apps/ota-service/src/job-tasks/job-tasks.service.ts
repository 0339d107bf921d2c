import { Inject, Injectable } from '@nestjs/common';
import type { TaskInfo } from '@enos-ota/ota-contract';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { EnosOtaClient, type EnosAnswer, type SearchPage } from '../enos/enos-ota-client';
import { buildExpression, type Condition } from '../enos/enos-expression';
import type { JobRef } from '../problems/enos-problems';

export interface TaskFilters {
  readonly status?: string | undefined;
  readonly deviceKey?: string | undefined;
}

/** A job's device tasks through EnOS "Search OTA Tasks", filters turned into an escaped expression. */
@Injectable()
export class JobTasksService {
  constructor(
    private readonly enos: EnosOtaClient,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  search(
    ref: JobRef,
    filters: TaskFilters,
    page: { pageNo: number; pageSize: number },
  ): Promise<EnosAnswer<SearchPage<TaskInfo>>> {
    const conditions: Condition[] = [{ field: 'jobId', operator: '=', value: ref.jobId }];
    if (filters.status !== undefined) conditions.push({ field: 'status', operator: '=', value: filters.status });
    if (filters.deviceKey !== undefined)
      conditions.push({ field: 'deviceKey', operator: '=', value: filters.deviceKey });
    return this.enos.searchTasks(
      ref.orgId,
      { expression: buildExpression(conditions), pagination: page },
      AbortSignal.timeout(this.config.deadlineMs),
    );
  }
}
