/**
 * A typed client for the enos-ota REST API: openapi-fetch over the paths generated from the
 * contract, so a change to the spec is a compile error here and in every caller.
 */
import createClient, { type Client } from 'openapi-fetch';
import type {
  JobInfo,
  JobProgress,
  JobSummaries,
  OtaApiPaths,
  OtaTaskPage,
  ProblemDetails,
} from '@enos-ota/ota-contract';

export interface OtaApiClientOptions {
  /** Where the service listens, e.g. `http://127.0.0.1:3000`. */
  readonly baseUrl: string;
  /** An enos-ota API key, sent as `Authorization: Bearer <key>`. */
  readonly apiKey?: string;
  /** A fetch implementation (defaults to the global one). */
  readonly fetch?: typeof globalThis.fetch;
}

export interface CallOptions {
  /** Sent as X-Request-Id, to find this call in the service's logs. */
  readonly requestId?: string;
  readonly signal?: AbortSignal;
}

/** The outcome of a call: the value, or the service's problem document; network failures throw. */
export type OtaApiResult<T> =
  | {
      readonly ok: true;
      readonly value: T;
      readonly status: number;
      readonly requestId: string | null;
      readonly enosRequestId: string | null;
    }
  | {
      readonly ok: false;
      readonly problem: ProblemDetails;
      readonly status: number;
      readonly requestId: string | null;
    };

/** Filters of a job's task list and CSV export, all exact; `deviceKeys` are case-sensitive (at most 50). */
export interface TaskFilters {
  readonly status?: string;
  /** The task's reason (EnOS `desc`), as the progress's `failureReasons` name it. */
  readonly reason?: string;
  readonly deviceKeys?: readonly string[];
}

export interface PageRequest {
  readonly pageNo?: number;
  readonly pageSize?: number;
}

export interface OtaApiClient {
  /** GET /api/v1/orgs/{orgId}/ota-jobs/{jobId} */
  getOtaJob(orgId: string, jobId: string, options?: CallOptions): Promise<OtaApiResult<JobInfo>>;
  /** GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks */
  listOtaJobTasks(
    orgId: string,
    jobId: string,
    query?: TaskFilters & PageRequest,
    options?: CallOptions,
  ): Promise<OtaApiResult<OtaTaskPage>>;
  /** GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/progress */
  getOtaJobProgress(orgId: string, jobId: string, options?: CallOptions): Promise<OtaApiResult<JobProgress>>;
  /**
   * GET /api/v1/orgs/{orgId}/ota-job-summaries: task counts of up to 20 jobs (a list page's worth) at a
   * glance, each answered once in the order given.
   */
  getOtaJobSummaries(
    orgId: string,
    jobIds: readonly string[],
    options?: CallOptions,
  ): Promise<OtaApiResult<JobSummaries>>;
  /** GET /api/v1/orgs/{orgId}/devices/{deviceKey}/ota-tasks: the device's tasks across jobs, newest first. */
  listDeviceOtaTasks(
    orgId: string,
    deviceKey: string,
    page?: PageRequest,
    options?: CallOptions,
  ): Promise<OtaApiResult<OtaTaskPage>>;
  /** The URL of GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks.csv (a streamed file: fetch or link it). */
  tasksCsvUrl(orgId: string, jobId: string, filters?: TaskFilters): string;
  /** The underlying openapi-fetch client, for routes without a convenience method. */
  readonly raw: Client<OtaApiPaths>;
}

/** A problem for answers that are not problem documents (e.g. an HTML page from a proxy). */
function unexpectedAnswer(status: number, requestId: string | null): ProblemDetails {
  return {
    type: 'about:blank',
    title: 'Unexpected answer',
    status,
    detail: `The service answered HTTP ${status} without a problem document.`,
    code: status >= 500 ? 'upstream_error' : 'invalid_request',
    requestId: requestId ?? '',
  };
}

function isProblem(value: unknown): value is ProblemDetails {
  return typeof value === 'object' && value !== null && 'code' in value && 'status' in value;
}

/** The fields openapi-fetch answers with, whatever the route. */
interface FetchOutcome<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

function toResult<T>({ data, error, response }: FetchOutcome<T>): OtaApiResult<T> {
  const requestId = response.headers.get('x-request-id');
  if (data !== undefined && response.ok) {
    return {
      ok: true,
      value: data,
      status: response.status,
      requestId,
      enosRequestId: response.headers.get('x-enos-request-id'),
    };
  }
  const problem: unknown = error;
  return {
    ok: false,
    status: response.status,
    requestId,
    problem: isProblem(problem) ? problem : unexpectedAnswer(response.status, requestId),
  };
}

function callInit(call: CallOptions) {
  return {
    header: call.requestId ? { 'X-Request-Id': call.requestId } : {},
    ...(call.signal ? { signal: call.signal } : {}),
  };
}

function taskQuery(filters: TaskFilters): { status?: string; reason?: string; deviceKey?: string } {
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.reason ? { reason: filters.reason } : {}),
    ...(filters.deviceKeys && filters.deviceKeys.length > 0 ? { deviceKey: filters.deviceKeys.join(',') } : {}),
  };
}

export function createOtaApiClient(options: OtaApiClientOptions): OtaApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const raw = createClient<OtaApiPaths>({
    baseUrl,
    headers: options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {},
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    raw,
    async getOtaJob(orgId, jobId, call = {}) {
      const { header, ...init } = callInit(call);
      return toResult(
        await raw.GET('/api/v1/orgs/{orgId}/ota-jobs/{jobId}', { params: { path: { orgId, jobId }, header }, ...init }),
      );
    },
    async listOtaJobTasks(orgId, jobId, query = {}, call = {}) {
      const { header, ...init } = callInit(call);
      const { pageNo, pageSize } = query;
      return toResult(
        await raw.GET('/api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks', {
          params: { path: { orgId, jobId }, query: { ...taskQuery(query), pageNo, pageSize }, header },
          ...init,
        }),
      );
    },
    async getOtaJobProgress(orgId, jobId, call = {}) {
      const { header, ...init } = callInit(call);
      return toResult(
        await raw.GET('/api/v1/orgs/{orgId}/ota-jobs/{jobId}/progress', {
          params: { path: { orgId, jobId }, header },
          ...init,
        }),
      );
    },
    async getOtaJobSummaries(orgId, jobIds, call = {}) {
      const { header, ...init } = callInit(call);
      return toResult(
        await raw.GET('/api/v1/orgs/{orgId}/ota-job-summaries', {
          params: { path: { orgId }, query: { jobIds: jobIds.join(',') }, header },
          ...init,
        }),
      );
    },
    async listDeviceOtaTasks(orgId, deviceKey, page = {}, call = {}) {
      const { header, ...init } = callInit(call);
      return toResult(
        await raw.GET('/api/v1/orgs/{orgId}/devices/{deviceKey}/ota-tasks', {
          params: { path: { orgId, deviceKey }, query: { pageNo: page.pageNo, pageSize: page.pageSize }, header },
          ...init,
        }),
      );
    },
    tasksCsvUrl(orgId, jobId, filters = {}) {
      const query = new URLSearchParams(taskQuery(filters)).toString();
      const path = `/api/v1/orgs/${encodeURIComponent(orgId)}/ota-jobs/${encodeURIComponent(jobId)}/tasks.csv`;
      return `${baseUrl}${path}${query ? `?${query}` : ''}`;
    },
  };
}
