import { Inject, Injectable } from '@nestjs/common';
import type { TaskInfo } from '@enos-ota/ota-contract';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { EnosOtaClient, type EnosAnswer, type SearchPage } from '../enos/enos-ota-client';
import { buildExpression, type Condition } from '../enos/enos-expression';
import type { JobRef } from '../problems/enos-problems';

/** A job's device tasks through EnOS "Search OTA Tasks", conditions turned into an escaped expression. */
@Injectable()
export class JobTasksService {
  constructor(
    private readonly enos: EnosOtaClient,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  search(
    ref: JobRef,
    conditions: readonly Condition[],
    page: { pageNo: number; pageSize: number },
  ): Promise<EnosAnswer<SearchPage<TaskInfo>>> {
    return this.enos.searchTasks(
      ref.orgId,
      { expression: buildExpression(conditions), pagination: page },
      AbortSignal.timeout(this.config.deadlineMs),
    );
  }
}
