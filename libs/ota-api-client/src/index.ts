/**
 * A typed client for the enos-ota REST API: openapi-fetch over the paths generated from the
 * contract, so a change to the spec is a compile error here and in every caller.
 *
 * Caching is left to the `fetch` it is given: in a browser, `fetch` keeps answers that carry an ETag
 * and revalidates them (`If-None-Match`), turning the service's 304 into the cached 200, so callers
 * never see a 304. Nothing here asks the browser to bypass its cache.
 */
import createClient, { type Client } from 'openapi-fetch';
import type {
  FirmwareInfo,
  JobInfo,
  JobProgress,
  JobSummaries,
  OtaApiPaths,
  OtaJobPage,
  OtaTaskPage,
} from '@enos-ota/ota-contract';
import { type CsvFile, type CsvProgress, readCsvFile } from './csv-download';
import { type OtaApiResult, failureOf, successOf, toResult } from './result';

export type { OtaApiFailure, OtaApiResult, OtaApiSuccess } from './result';
export type { CsvFile, CsvProgress } from './csv-download';

export interface OtaApiClientOptions {
  /** Where the service listens, e.g. `http://127.0.0.1:3000` (a web page passes its own origin). */
  readonly baseUrl: string;
  /** An enos-ota API key, sent as `Authorization: Bearer <key>`. */
  readonly apiKey?: string;
  /** A fetch implementation (defaults to the global one). */
  readonly fetch?: typeof globalThis.fetch;
  /** Whether cookies go along (a signed-in operator's session): fetch's own setting. */
  readonly credentials?: RequestInit['credentials'];
}

export interface CallOptions {
  /** Sent as X-Request-Id, to find this call in the service's logs. */
  readonly requestId?: string;
  readonly signal?: AbortSignal;
}

export interface CsvCallOptions extends CallOptions {
  /** Called when the headers arrive and after every chunk of the file. */
  readonly onProgress?: (progress: CsvProgress) => void;
}

/** Filters of a job's task list and CSV export, all exact; `deviceKeys` are case-sensitive (at most 50). */
export interface TaskFilters {
  readonly status?: string;
  /** The task's reason (EnOS `desc`), as the progress's `failureReasons` name it. */
  readonly reason?: string;
  readonly deviceKeys?: readonly string[];
}

/** Filters of an org's job list: exact, except `name` (contains, case-insensitively). */
export interface JobFilters {
  readonly status?: string;
  readonly type?: string;
  readonly productKey?: string;
  readonly firmwareId?: string;
  readonly name?: string;
}

export interface PageRequest {
  readonly pageNo?: number;
  readonly pageSize?: number;
}

export interface OtaApiClient {
  /** GET /api/v1/orgs/{orgId}/ota-jobs/{jobId} */
  getOtaJob(orgId: string, jobId: string, options?: CallOptions): Promise<OtaApiResult<JobInfo>>;
  /** GET /api/v1/orgs/{orgId}/ota-jobs: a page of the org's jobs, newest first. */
  listOtaJobs(
    orgId: string,
    query?: JobFilters & PageRequest,
    options?: CallOptions,
  ): Promise<OtaApiResult<OtaJobPage>>;
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
  /** GET /api/v1/orgs/{orgId}/firmwares/{firmwareId} */
  getFirmware(orgId: string, firmwareId: string, options?: CallOptions): Promise<OtaApiResult<FirmwareInfo>>;
  /**
   * GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks.csv, read to its end: every matching task in one
   * file, built and streamed by the service (one request, whatever the size).
   */
  downloadTasksCsv(
    orgId: string,
    jobId: string,
    filters?: TaskFilters,
    options?: CsvCallOptions,
  ): Promise<OtaApiResult<CsvFile>>;
  /** The URL of GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks.csv (a streamed file: fetch or link it). */
  tasksCsvUrl(orgId: string, jobId: string, filters?: TaskFilters): string;
  /** The underlying openapi-fetch client, for routes without a convenience method. */
  readonly raw: Client<OtaApiPaths>;
}

function callInit(call: CallOptions) {
  return {
    header: call.requestId ? { 'X-Request-Id': call.requestId } : {},
    ...(call.signal ? { signal: call.signal } : {}),
  };
}

/** The set values only: an empty filter is no filter, and is left out of the URL. */
function setValues<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  ) as Partial<T>;
}

function taskQuery(filters: TaskFilters): { status?: string; reason?: string; deviceKey?: string } {
  const deviceKeys = (filters.deviceKeys ?? []).filter((key) => key !== '');
  return setValues({
    status: filters.status,
    reason: filters.reason,
    deviceKey: deviceKeys.length > 0 ? deviceKeys.join(',') : undefined,
  });
}

export function createOtaApiClient(options: OtaApiClientOptions): OtaApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const raw = createClient<OtaApiPaths>({
    baseUrl,
    headers: options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {},
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  return {
    raw,
    async getOtaJob(orgId, jobId, call = {}) {
      const { header, ...init } = callInit(call);
      return toResult(
        await raw.GET('/api/v1/orgs/{orgId}/ota-jobs/{jobId}', { params: { path: { orgId, jobId }, header }, ...init }),
      );
    },
    async listOtaJobs(orgId, query = {}, call = {}) {
      const { header, ...init } = callInit(call);
      const { status, type, productKey, firmwareId, name, pageNo, pageSize } = query;
      return toResult(
        await raw.GET('/api/v1/orgs/{orgId}/ota-jobs', {
          params: {
            path: { orgId },
            query: setValues({ status, type, productKey, firmwareId, name, pageNo, pageSize }),
            header,
          },
          ...init,
        }),
      );
    },
    async listOtaJobTasks(orgId, jobId, query = {}, call = {}) {
      const { header, ...init } = callInit(call);
      const { pageNo, pageSize } = query;
      return toResult(
        await raw.GET('/api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks', {
          params: {
            path: { orgId, jobId },
            query: { ...taskQuery(query), ...setValues({ pageNo, pageSize }) },
            header,
          },
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
          params: {
            path: { orgId, deviceKey },
            query: setValues({ pageNo: page.pageNo, pageSize: page.pageSize }),
            header,
          },
          ...init,
        }),
      );
    },
    async getFirmware(orgId, firmwareId, call = {}) {
      const { header, ...init } = callInit(call);
      return toResult(
        await raw.GET('/api/v1/orgs/{orgId}/firmwares/{firmwareId}', {
          params: { path: { orgId, firmwareId }, header },
          ...init,
        }),
      );
    },
    async downloadTasksCsv(orgId, jobId, filters = {}, call = {}) {
      const { header, ...init } = callInit(call);
      const { data, error, response } = await raw.GET('/api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks.csv', {
        params: { path: { orgId, jobId }, query: taskQuery(filters), header },
        parseAs: 'stream',
        ...init,
      });
      if (!response.ok) return failureOf(response, error);
      const file = await readCsvFile(response, data, call.onProgress ?? (() => undefined));
      return successOf(response, file);
    },
    tasksCsvUrl(orgId, jobId, filters = {}) {
      const query = new URLSearchParams(taskQuery(filters)).toString();
      const path = `/api/v1/orgs/${encodeURIComponent(orgId)}/ota-jobs/${encodeURIComponent(jobId)}/tasks.csv`;
      return `${baseUrl}${path}${query ? `?${query}` : ''}`;
    },
  };
}
