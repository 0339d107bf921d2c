import {
  HttpClient,
  type HttpErrorResponse,
  type HttpEvent,
  HttpEventType,
  type HttpHeaders,
  type HttpResponse,
} from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { FirmwareInfo, JobProgress, OtaApiPaths, OtaJobPage, OtaTaskPage } from '@enos-ota/ota-contract';
import { type Observable, catchError, defer, filter, map, throwError } from 'rxjs';
import { toJobLoadFailure } from './job-load-failure';

const GET_OTA_JOB_PATH = '/api/v1/orgs/{orgId}/ota-jobs/{jobId}' satisfies keyof OtaApiPaths;
type GetOtaJob = OtaApiPaths[typeof GET_OTA_JOB_PATH]['get'];
type GetOtaJobPath = GetOtaJob['parameters']['path'];
/** The 200 body: EnOS's `JobInfo`, unknown fields included. */
export type OtaJobBody = GetOtaJob['responses'][200]['content']['application/json'];

/** A job as the service returned it, with what support needs to trace the call. */
export interface LoadedJob {
  readonly job: OtaJobBody;
  readonly requestId: string | null;
  readonly enosRequestId: string | null;
  /** When the answer arrived (epoch ms): the "as of" time. */
  readonly receivedAt: number;
}

/** The same-origin URL of one job. */
export function otaJobUrl({ orgId, jobId }: GetOtaJobPath): string {
  return GET_OTA_JOB_PATH.replace('{orgId}', encodeURIComponent(orgId)).replace('{jobId}', encodeURIComponent(jobId));
}

/** Query parameters of a list call; empty and undefined values are left out. */
export type QueryValues = Readonly<Record<string, string | number | null | undefined>>;

/** `?a=1&b=x%20y` in the order given (so a request's URL is predictable), or '' when nothing is set. */
export function queryString(query: QueryValues): string {
  const parts = Object.entries(query)
    .filter(
      (entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined && entry[1] !== '',
    )
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

const path = (...segments: string[]) => `/api/v1/orgs/${segments.map(encodeURIComponent).join('/')}`;

/** `GET /api/v1/orgs/{orgId}/ota-jobs?…` */
export function otaJobsUrl(orgId: string, query: JobListQuery): string {
  const { status, type, productKey, firmwareId, name, pageNo, pageSize } = query;
  return `${path(orgId, 'ota-jobs')}${queryString({ status, type, productKey, firmwareId, name, pageNo, pageSize })}`;
}

/** `GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks?…` */
export function otaTasksUrl({ orgId, jobId }: GetOtaJobPath, query: TaskListQuery): string {
  const { status, reason, deviceKey, pageNo, pageSize } = query;
  return `${path(orgId, 'ota-jobs', jobId, 'tasks')}${queryString({ status, reason, deviceKey, pageNo, pageSize })}`;
}

/** `GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks.csv?…`: every matching task as one file, built by the service. */
export function otaTasksCsvUrl({ orgId, jobId }: GetOtaJobPath, filters: TaskFilters): string {
  const { status, reason, deviceKey } = filters;
  return `${path(orgId, 'ota-jobs', jobId, 'tasks.csv')}${queryString({ status, reason, deviceKey })}`;
}

/** `GET /api/v1/orgs/{orgId}/devices/{deviceKey}/ota-tasks?…` */
export function deviceTasksUrl(orgId: string, deviceKey: string, page: { pageNo: number; pageSize: number }): string {
  return `${path(orgId, 'devices', deviceKey, 'ota-tasks')}${queryString({ pageNo: page.pageNo, pageSize: page.pageSize })}`;
}

/** `GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/progress` */
export function otaProgressUrl({ orgId, jobId }: GetOtaJobPath): string {
  return path(orgId, 'ota-jobs', jobId, 'progress');
}

/** `GET /api/v1/orgs/{orgId}/firmwares/{firmwareId}` */
export function firmwareUrl(orgId: string, firmwareId: string): string {
  return path(orgId, 'firmwares', firmwareId);
}

export interface JobListQuery {
  readonly status?: string | null;
  readonly type?: string | null;
  readonly productKey?: string | null;
  readonly firmwareId?: string | null;
  readonly name?: string | null;
  readonly pageNo: number;
  readonly pageSize: number;
}

/** A job's task filters, all exact; `deviceKey` may list several keys, comma-separated. */
export interface TaskFilters {
  readonly status?: string | null;
  /** The task's reason (EnOS `desc`), as the progress's failure reasons name it. */
  readonly reason?: string | null;
  readonly deviceKey?: string | null;
}

export interface TaskListQuery extends TaskFilters {
  readonly pageNo: number;
  readonly pageSize: number;
}

/** How far a CSV download has got: bytes so far, then the file. */
export type CsvDownload =
  | { readonly phase: 'progress'; readonly bytes: number; readonly total: number | null }
  | { readonly phase: 'done'; readonly text: string; readonly fileName: string | null; readonly total: number | null };

/** The file name the service chose (`attachment; filename="…"`), if any. */
export function attachmentFileName(disposition: string | null): string | null {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1] ?? null;
}

function totalCount(response: { headers: { get(name: string): string | null } }): number | null {
  const value = response.headers.get('X-Total-Count');
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}

/**
 * The service's REST API, the only backend this app talks to. Failures arrive as `JobLoadFailure`
 * (see `toJobLoadFailure`), never as raw HTTP errors.
 */
@Injectable()
export class OtaApi {
  private readonly http = inject(HttpClient);

  getJob(path: GetOtaJobPath): Observable<LoadedJob> {
    return this.http.get<OtaJobBody>(otaJobUrl(path), { observe: 'response' }).pipe(
      map((response: HttpResponse<OtaJobBody>) => {
        if (response.body === null || typeof response.body !== 'object') {
          throw toJobLoadFailure(response);
        }
        return {
          job: response.body,
          requestId: response.headers.get('X-Request-Id'),
          enosRequestId: response.headers.get('X-Enos-Request-Id'),
          receivedAt: Date.now(),
        };
      }),
      catchError((error: HttpErrorResponse | unknown) => throwError(() => toJobLoadFailure(error))),
    );
  }

  listJobs(orgId: string, query: JobListQuery): Observable<OtaJobPage> {
    return this.getBody<OtaJobPage>(otaJobsUrl(orgId, query));
  }

  listTasks(ref: GetOtaJobPath, query: TaskListQuery): Observable<OtaTaskPage> {
    return this.getBody<OtaTaskPage>(otaTasksUrl(ref, query));
  }

  /**
   * The job's tasks as CSV, built and streamed by the service in one request (so the caller's rate
   * limit is never at stake), with download progress along the way.
   */
  downloadTasksCsv(ref: GetOtaJobPath, filters: TaskFilters): Observable<CsvDownload> {
    return defer(() => {
      // The task count arrives with the headers; progress events then carry the bytes so far.
      let total: number | null = null;
      return this.http
        .get(otaTasksCsvUrl(ref, filters), { observe: 'events', responseType: 'text', reportProgress: true })
        .pipe(
          map((event: HttpEvent<string>): CsvDownload | null => {
            switch (event.type) {
              case HttpEventType.ResponseHeader:
                total = totalCount(event);
                return { phase: 'progress', bytes: 0, total };
              case HttpEventType.DownloadProgress:
                return { phase: 'progress', bytes: event.loaded, total };
              case HttpEventType.Response:
                return {
                  phase: 'done',
                  text: event.body ?? '',
                  fileName: attachmentFileName(event.headers.get('Content-Disposition')),
                  total: totalCount(event) ?? total,
                };
              default:
                return null;
            }
          }),
          filter((download): download is CsvDownload => download !== null),
          catchError((error: HttpErrorResponse | unknown) => throwError(() => toJobLoadFailure(error))),
        );
    });
  }

  listDeviceTasks(
    orgId: string,
    deviceKey: string,
    page: { pageNo: number; pageSize: number },
  ): Observable<OtaTaskPage> {
    return this.getBody<OtaTaskPage>(deviceTasksUrl(orgId, deviceKey, page));
  }

  /**
   * The job's progress, `asOf` being when its figures were last known to hold. Polls revalidate with the
   * ETag; after a 304 the browser's cache hands back the body it kept, whose `asOf` is when the figures
   * were first read, while the answer's `Date` (updated by the 304) is when the service confirmed them.
   */
  getProgress(ref: GetOtaJobPath): Observable<JobProgress> {
    return this.getBody<JobProgress>(otaProgressUrl(ref), (body, headers) => {
      const confirmed = Date.parse(headers.get('Date') ?? '');
      return Number.isFinite(confirmed) && confirmed > body.asOf ? { ...body, asOf: confirmed } : body;
    });
  }

  getFirmware(orgId: string, firmwareId: string): Observable<FirmwareInfo> {
    return this.getBody<FirmwareInfo>(firmwareUrl(orgId, firmwareId));
  }

  /** A JSON object body, or a `JobLoadFailure`. */
  private getBody<T extends object>(url: string, read = (body: T, _headers: HttpHeaders): T => body): Observable<T> {
    return this.http.get<T>(url, { observe: 'response' }).pipe(
      map((response: HttpResponse<T>) => {
        if (response.body === null || typeof response.body !== 'object') throw toJobLoadFailure(response);
        return read(response.body, response.headers);
      }),
      catchError((error: HttpErrorResponse | unknown) => throwError(() => toJobLoadFailure(error))),
    );
  }
}
