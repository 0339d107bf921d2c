import { validateDeviceKeyList, validateReasonFilter, validateTokenFilter } from '@enos-ota/ota-contract/validation';
import type { Condition } from '../enos/enos-expression';
import type { QueryReader } from '../shared/query-params';

/**
 * The filters a job's task list and its CSV export share: `status` and `reason` (EnOS `desc`), both
 * exact, and `deviceKey`, one key or several separated by commas (EnOS `in`, exact and
 * case-sensitive). Returns the search conditions, the job's own condition first.
 */
export function readTaskFilters(reader: QueryReader, jobId: string): { conditions: Condition[]; status?: string } {
  const status = reader.optional('status', validateTokenFilter);
  const reason = reader.optional('reason', validateReasonFilter);
  const deviceKeys = reader.optional('deviceKey', validateDeviceKeyList)?.split(',');
  const conditions: Condition[] = [{ field: 'jobId', operator: '=', value: jobId }];
  if (status !== undefined) conditions.push({ field: 'status', operator: '=', value: status });
  if (reason !== undefined) conditions.push({ field: 'desc', operator: '=', value: reason });
  if (deviceKeys?.length === 1) conditions.push({ field: 'deviceKey', operator: '=', value: deviceKeys[0] ?? '' });
  else if (deviceKeys) conditions.push({ field: 'deviceKey', operator: 'in', values: [...new Set(deviceKeys)] });
  return status === undefined ? { conditions } : { conditions, status };
}
