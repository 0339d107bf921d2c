/**
 * A typed client for the enos-ota REST API: openapi-fetch over the paths generated from the
 * contract, so a change to the spec is a compile error here and in every caller.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { JobInfo, OtaApiPaths, ProblemDetails } from '@enos-ota/ota-contract';

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

export interface OtaApiClient {
  /** GET /api/v1/orgs/{orgId}/ota-jobs/{jobId} */
  getOtaJob(orgId: string, jobId: string, options?: CallOptions): Promise<OtaApiResult<JobInfo>>;
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

export function createOtaApiClient(options: OtaApiClientOptions): OtaApiClient {
  const raw = createClient<OtaApiPaths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {},
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    raw,
    async getOtaJob(orgId, jobId, call = {}) {
      const { data, error, response } = await raw.GET('/api/v1/orgs/{orgId}/ota-jobs/{jobId}', {
        params: { path: { orgId, jobId }, header: call.requestId ? { 'X-Request-Id': call.requestId } : {} },
        ...(call.signal ? { signal: call.signal } : {}),
      });
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
    },
  };
}
