import type { TaskInfo } from '@enos-ota/ota-contract';
import type { EnosOtaClient, SearchPage } from '../enos/enos-ota-client';
import { buildExpression, type Condition } from '../enos/enos-expression';
import type { JobRef } from '../problems/enos-problems';
import { valueOf } from '../shared/enos-result';

/**
 * One page of a job's tasks, all of them or those in one status: one EnOS task search, its refusal
 * thrown as the job's problem. At page size 1 its `totalSize` is the count the progress and the job
 * summaries are made of.
 */
export async function searchJobTasks(
  enos: EnosOtaClient,
  ref: JobRef,
  status: string | undefined,
  pagination: { pageNo: number; pageSize: number },
  signal: AbortSignal,
): Promise<SearchPage<TaskInfo>> {
  const conditions: Condition[] = [{ field: 'jobId', operator: '=', value: ref.jobId }];
  if (status) conditions.push({ field: 'status', operator: '=', value: status });
  return valueOf(
    await enos.searchTasks(ref.orgId, { expression: buildExpression(conditions), pagination }, signal),
    ref,
  );
}
