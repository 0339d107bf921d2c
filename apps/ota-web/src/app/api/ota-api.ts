import { HttpClient, type HttpErrorResponse, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { OtaApiPaths } from '@enos-ota/ota-contract';
import { type Observable, catchError, map, throwError } from 'rxjs';
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
}
