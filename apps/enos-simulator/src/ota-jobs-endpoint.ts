/**
 * `/connect-service/v2.1/ota-jobs`: the resource whose verb is the `action` query parameter:
 * `GET action=get` (Get OTA Job), `POST action=search` (Search OTA Jobs) and `POST action=searchTask`
 * (Search OTA Tasks). Get OTA Job is also answered as `POST` with a JSON object body (`{}`), the way
 * the vendor's own Python sample sends it; the body is signed like any other and otherwise ignored.
 *
 * Org handling [inferred from the documented messages]: an org the data file does not list answers
 * 99400 "orgId does not exist"; a listed org the app key may not read answers 99403 "Denied resource";
 * a job id the org does not have (even if another org has it) answers 24404 "Job not found". A search
 * never answers "not found": it answers an empty page.
 */
import type { JobInfo, TaskInfo } from '@enos-ota/ota-contract';
import { CONNECT_ERROR, connectErrorJson, connectPageJson, connectSuccessJson } from './enos-envelopes';
import type { JobStore, Stored } from './job-store';
import { INVALID_ACTION_OPERATION, type CountedOperation } from './operations';
import { JOB_FIELDS, TASK_FIELDS } from './search-fields';
import {
  ExpressionError,
  compileExpression,
  parseExpression,
  restrictedValues,
  type ExpressionNode,
  type FieldTable,
  type Predicate,
} from './search-expression';
import { readSearchRequest, type SearchRequest } from './search-request';
import { jsonResponse, type SimResponse } from './sim-response';

/** The operation a request to this resource performs, by method and action. */
export function otaJobsOperation(method: string, action: string | null): CountedOperation {
  if ((method === 'GET' || method === 'POST') && action === 'get') return 'ota-jobs.get';
  if (method === 'POST' && action === 'search') return 'ota-jobs.search';
  if (method === 'POST' && action === 'searchTask') return 'ota-jobs.searchTask';
  return INVALID_ACTION_OPERATION;
}

export const blank = (value: string | null): value is null => value === null || value.trim() === '';

export const connectError = (code: number, msg: string): SimResponse =>
  jsonResponse(200, connectErrorJson(code, msg), code);

/** `Invalid Argument <name>:<name> is missing`, the documented form. */
export const missingArgument = (name: string): SimResponse =>
  connectError(CONNECT_ERROR.invalidArgument, `Invalid Argument ${name}:${name} is missing`);

export const invalidArgument = (name: string, reason: string): SimResponse =>
  connectError(CONNECT_ERROR.invalidArgument, `Invalid Argument ${name}:${reason}`);

export const unsupportedAction = (action: string | null, method: string): SimResponse =>
  invalidArgument('action', `action ${String(action)} is not supported for ${method}`);

/** The org checks every call makes: missing, unknown (99400) or unreadable (99403); undefined when fine. */
export function checkOrg(orgId: string | null, store: JobStore): SimResponse | undefined {
  if (blank(orgId)) return missingArgument('orgId');
  const access = store.orgAccess(orgId);
  if (access === 'unknown') return invalidArgument('orgId', '  orgId does not exist');
  if (access === 'forbidden') return connectError(CONNECT_ERROR.deniedResource, `Denied resource:  orgId ${orgId}`);
  return undefined;
}

export function handleOtaJobs(method: string, query: URLSearchParams, rawBody: string, store: JobStore): SimResponse {
  const action = query.get('action');
  if (blank(action)) return missingArgument('action');
  switch (otaJobsOperation(method, action)) {
    case 'ota-jobs.get':
      return getOtaJob(query, rawBody, store);
    case 'ota-jobs.search':
      return searchOtaJobs(query, rawBody, store);
    case 'ota-jobs.searchTask':
      return searchOtaTasks(query, rawBody, store);
    default:
      return unsupportedAction(action, method);
  }
}

/** A Get OTA Job body, when one is sent, must be a JSON object (the vendor's sample sends `{}`). */
function isObjectBody(rawBody: string): boolean {
  if (rawBody.trim() === '') return true;
  try {
    const body: unknown = JSON.parse(rawBody);
    return typeof body === 'object' && body !== null && !Array.isArray(body);
  } catch {
    return false;
  }
}

function getOtaJob(query: URLSearchParams, rawBody: string, store: JobStore): SimResponse {
  const orgId = query.get('orgId');
  const jobId = query.get('jobId');
  if (blank(orgId)) return missingArgument('orgId');
  if (blank(jobId)) return missingArgument('jobId');
  if (!isObjectBody(rawBody)) return invalidArgument('body', 'body must be a JSON object');
  const refused = checkOrg(orgId, store);
  if (refused) return refused;
  const job = store.jobJson(orgId, jobId);
  if (job === undefined) return connectError(CONNECT_ERROR.jobNotFound, 'Job not found');
  return jsonResponse(200, connectSuccessJson(job), 0);
}

type Search<T> = { request: SearchRequest; tree: ExpressionNode | undefined; matches: Predicate<T> | undefined };

/** Body, org and expression checks shared by both searches, in that order. */
function prepareSearch<T>(
  query: URLSearchParams,
  rawBody: string,
  store: JobStore,
  fields: FieldTable<T>,
): { ok: true; search: Search<T> } | { ok: false; response: SimResponse } {
  const refusedOrg = checkOrg(query.get('orgId'), store);
  if (refusedOrg) return { ok: false, response: refusedOrg };
  const read = readSearchRequest(rawBody);
  if (!read.ok) return { ok: false, response: invalidArgument(read.field, read.reason) };
  const { request } = read;
  if (request.expression === undefined) return { ok: true, search: { request, tree: undefined, matches: undefined } };
  try {
    const tree = parseExpression(request.expression);
    return { ok: true, search: { request, tree, matches: compileExpression(tree, fields) } };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, response: invalidArgument('expression', error.message) };
    throw error;
  }
}

/** Filters a pre-sorted list and answers the requested page; totalSize counts every match. */
function page<T>(candidates: readonly Stored<T>[], search: Search<T>): SimResponse {
  const { pageNo, pageSize } = search.request;
  const { matches } = search;
  const matching = matches ? candidates.filter((stored) => matches(stored.item)) : candidates;
  const start = (pageNo - 1) * pageSize;
  const items = start >= matching.length ? [] : matching.slice(start, start + pageSize).map((stored) => stored.json);
  return jsonResponse(200, connectPageJson(items, { pageNo, pageSize, totalSize: matching.length }), 0);
}

function searchOtaJobs(query: URLSearchParams, rawBody: string, store: JobStore): SimResponse {
  const prepared = prepareSearch<JobInfo>(query, rawBody, store, JOB_FIELDS);
  if (!prepared.ok) return prepared.response;
  return page(store.jobsOf(query.get('orgId') as string), prepared.search);
}

function searchOtaTasks(query: URLSearchParams, rawBody: string, store: JobStore): SimResponse {
  const prepared = prepareSearch<TaskInfo>(query, rawBody, store, TASK_FIELDS);
  if (!prepared.ok) return prepared.response;
  const orgId = query.get('orgId') as string;
  const { search } = prepared;
  // `jobId = 'X'` (or an in-list) anywhere the whole expression requires it: read only those jobs' tasks.
  const jobIds = search.tree ? restrictedValues(search.tree, 'jobId') : undefined;
  let candidates: readonly Stored<TaskInfo>[];
  if (!jobIds) candidates = store.tasksOf(orgId);
  else if (jobIds.size === 1) candidates = store.tasksOfJob(orgId, [...jobIds][0] as string);
  else candidates = [...jobIds].flatMap((jobId) => store.tasksOfJob(orgId, jobId)).sort((a, b) => a.rank - b.rank);
  return page(candidates, search);
}
