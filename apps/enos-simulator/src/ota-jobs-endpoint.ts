/**
 * `/connect-service/v2.1/ota-jobs`: the resource whose verb is the `action` query parameter. Only
 * `action=get` (V2.1 Get OTA Job) exists so far; `search` and `searchTask` slot in beside it.
 *
 * Org handling [inferred from the documented messages]: an org the data file does not list answers
 * 99400 "orgId does not exist"; a listed org the app key may not read answers 99403 "Denied resource";
 * a job id the org does not have (even if another org has it) answers 24404 "Job not found".
 */
import { CONNECT_ERROR, connectErrorJson, connectSuccessJson } from './enos-envelopes';
import type { JobStore } from './job-store';
import { INVALID_ACTION_OPERATION, type CountedOperation } from './operations';
import { jsonResponse, type SimResponse } from './sim-response';

/** The operation a request to this resource performs, by method and action. */
export function otaJobsOperation(method: string, action: string | null): CountedOperation {
  if (method === 'GET' && action === 'get') return 'ota-jobs.get';
  return INVALID_ACTION_OPERATION;
}

const blank = (value: string | null): boolean => value === null || value.trim() === '';

const connectError = (code: number, msg: string): SimResponse => jsonResponse(200, connectErrorJson(code, msg), code);

/** `Invalid Argument <name>:<name> is missing`, the documented form. */
const missingArgument = (name: string): SimResponse =>
  connectError(CONNECT_ERROR.invalidArgument, `Invalid Argument ${name}:${name} is missing`);

export function handleOtaJobs(method: string, query: URLSearchParams, store: JobStore): SimResponse {
  const action = query.get('action');
  if (blank(action)) return missingArgument('action');
  if (otaJobsOperation(method, action) !== 'ota-jobs.get')
    return connectError(
      CONNECT_ERROR.invalidArgument,
      `Invalid Argument action:action ${String(action)} is not supported for ${method}`,
    );
  return getOtaJob(query, store);
}

function getOtaJob(query: URLSearchParams, store: JobStore): SimResponse {
  const orgId = query.get('orgId');
  const jobId = query.get('jobId');
  if (orgId === null || blank(orgId)) return missingArgument('orgId');
  if (jobId === null || blank(jobId)) return missingArgument('jobId');

  const access = store.orgAccess(orgId);
  if (access === 'unknown')
    return connectError(CONNECT_ERROR.invalidArgument, 'Invalid Argument orgId:  orgId does not exist');
  if (access === 'forbidden') return connectError(CONNECT_ERROR.deniedResource, `Denied resource:  orgId ${orgId}`);

  const job = store.jobJson(orgId, jobId);
  if (job === undefined) return connectError(CONNECT_ERROR.jobNotFound, 'Job not found');
  return jsonResponse(200, connectSuccessJson(job), 0);
}
