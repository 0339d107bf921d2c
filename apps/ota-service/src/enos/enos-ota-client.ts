import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { SERVICE_LOGGER } from '../logging/service-logger';
import type { EnosEnvelope, FirmwareInfo, JobInfo, Pagination, SearchRequest, TaskInfo } from '@enos-ota/ota-contract';
import {
  validateEnosEnvelope,
  validateFirmwareInfo,
  validateJobInfo,
  validateSearchOtaJobsResponse,
  validateSearchOtaTasksResponse,
  type ValidationResult,
} from '@enos-ota/ota-contract/validation';
import { APP_SECRET, type AppSecret } from '../config/app-secret';
import { EnosHttp } from './enos-http';
import { EnosCallError, TOKEN_ERROR_CODES, describeFailure, type EnosOperation } from './enos-failure';
import { enosSignature } from './enos-signature';
import { EnosTokenService } from './enos-token.service';
import { UpstreamResilience } from './upstream-resilience';
import { MetricsService } from '../metrics/metrics.service';
import { inEnosSpan, type EnosSpan } from '../tracing/enos-span';

/** An envelope as EnOS sent it (unknown fields kept), e.g. for the EnOS-compatible route. */
export type RawEnvelope = EnosEnvelope & Readonly<Record<string, unknown>>;

/** An EnOS answer with a sound envelope: code 0 with a valid value, or a business error code. */
export type EnosAnswer<T> =
  | { readonly ok: true; readonly value: T; readonly envelope: RawEnvelope; readonly requestId: string | null }
  | { readonly ok: false; readonly code: number; readonly envelope: RawEnvelope; readonly requestId: string | null };

export type OtaJobAnswer = EnosAnswer<JobInfo>;

export interface SearchPage<T> {
  readonly items: readonly T[];
  readonly pagination: Pagination;
}

const OTA_JOBS_PATH = '/connect-service/v2.1/ota-jobs';
const OTA_FIRMWARES_PATH = '/connect-service/v2.1/ota-firmwares';

interface SignedRequest {
  readonly operation: EnosOperation;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * Signed calls to the EnOS OTA APIs. One transparent re-authentication and retry when the gateway
 * refuses the token; everything else is reported as it is for the caller to map.
 */
@Injectable()
export class EnosOtaClient {
  private readonly logger: Logger;
  /**
   * For the one line per answered call, whose fields are set here and hold no secret (operation,
   * statuses, EnOS's request id, duration): without the redaction pass every other line gets.
   */
  private readonly callLog: Logger;
  constructor(
    private readonly http: EnosHttp,
    private readonly tokens: EnosTokenService,
    private readonly resilience: UpstreamResilience,
    private readonly metrics: MetricsService,
    @Inject(APP_SECRET) private readonly appSecret: AppSecret,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: 'EnosOtaClient' });
    this.callLog = logger.child({ context: 'EnosOtaClient' }, { formatters: { log: (fields) => fields } });
  }

  /** V2.1 Get OTA Job. */
  getOtaJob(orgId: string, jobId: string, signal: AbortSignal): Promise<EnosAnswer<JobInfo>> {
    const request = {
      operation: 'ota-jobs.get',
      method: 'GET',
      path: OTA_JOBS_PATH,
      query: { action: 'get', orgId, jobId },
    } as const;
    return this.answer(request, signal, (envelope) => validateJobInfo(envelope.data), 'JobInfo');
  }

  /** V2.1 Get Firmware. */
  getFirmware(orgId: string, firmwareId: string, signal: AbortSignal): Promise<EnosAnswer<FirmwareInfo>> {
    const request = {
      operation: 'ota-firmwares.get',
      method: 'GET',
      path: OTA_FIRMWARES_PATH,
      query: { action: 'get', orgId, firmwareId },
    } as const;
    return this.answer(request, signal, (envelope) => validateFirmwareInfo(envelope.data), 'FirmwareInfo');
  }

  /** V2.1 Search OTA Jobs. */
  searchJobs(orgId: string, search: SearchRequest, signal: AbortSignal): Promise<EnosAnswer<SearchPage<JobInfo>>> {
    const request = this.searchRequest('ota-jobs.search', 'search', orgId, search);
    return this.answer(
      request,
      signal,
      (envelope) => pageOf<JobInfo>(validateSearchOtaJobsResponse(envelope)),
      'Search OTA Jobs',
    );
  }

  /** V2.1 Search OTA Tasks. */
  searchTasks(orgId: string, search: SearchRequest, signal: AbortSignal): Promise<EnosAnswer<SearchPage<TaskInfo>>> {
    const request = this.searchRequest('ota-jobs.searchTask', 'searchTask', orgId, search);
    return this.answer(
      request,
      signal,
      (envelope) => pageOf<TaskInfo>(validateSearchOtaTasksResponse(envelope)),
      'Search OTA Tasks',
    );
  }

  private searchRequest(operation: EnosOperation, action: string, orgId: string, search: SearchRequest): SignedRequest {
    return { operation, method: 'POST', path: OTA_JOBS_PATH, query: { action, orgId }, body: JSON.stringify(search) };
  }

  /** Calls EnOS and checks a code-0 answer against the contract; a violation is a bad response. */
  private async answer<T>(
    request: SignedRequest,
    signal: AbortSignal,
    validate: (envelope: RawEnvelope) => ValidationResult<T>,
    what: string,
  ): Promise<EnosAnswer<T>> {
    const envelope = await this.signedCall(request, signal);
    const requestId = envelope.requestId ?? null;
    if (envelope.code !== 0) return { ok: false, code: envelope.code, envelope, requestId };
    const checked = validate(envelope);
    if (!checked.valid) {
      const reason = `data breaks the ${what} contract: ${checked.message}`;
      throw new EnosCallError(request.operation, { kind: 'bad-response', reason, requestId });
    }
    return { ok: true, value: checked.value, envelope, requestId };
  }

  private async signedCall(request: SignedRequest, signal: AbortSignal): Promise<RawEnvelope> {
    let token = await this.tokens.getToken();
    let envelope = await this.callOnce(request, token, signal);
    if (TOKEN_ERROR_CODES.has(envelope.code)) {
      this.logger.info(
        { operation: request.operation, enosCode: envelope.code },
        'EnOS refused the access token; re-authenticating once',
      );
      this.tokens.invalidate(token);
      token = await this.tokens.getToken();
      envelope = await this.callOnce(request, token, signal);
      if (TOKEN_ERROR_CODES.has(envelope.code)) {
        this.logger.error(
          { operation: request.operation, enosCode: envelope.code },
          'EnOS refused a fresh access token: check ENOS_APP_KEY and ENOS_APP_SECRET',
        );
        throw new EnosCallError(request.operation, {
          kind: 'token-rejected',
          status: envelope.code,
          msg: envelope.msg ?? null,
        });
      }
    }
    return envelope;
  }

  private callOnce(request: SignedRequest, accessToken: string, signal: AbortSignal): Promise<RawEnvelope> {
    return inEnosSpan(request.operation, (span) => this.callTraced(request, accessToken, signal, span));
  }

  private async callTraced(
    request: SignedRequest,
    accessToken: string,
    signal: AbortSignal,
    span: EnosSpan,
  ): Promise<RawEnvelope> {
    const { operation } = request;
    const started = Date.now();
    try {
      const response = await this.resilience.execute(
        operation,
        (attemptSignal) => {
          const timestamp = Date.now();
          const signature = enosSignature({
            accessToken,
            query: request.query,
            body: request.body,
            timestamp,
            appSecret: this.appSecret.reveal(),
          });
          const headers: Record<string, string> = {
            'apim-accesstoken': accessToken,
            'apim-signature': signature,
            'apim-timestamp': String(timestamp),
          };
          span.attempt(headers);
          return this.http.send({ ...request, signal: attemptSignal, headers });
        },
        signal,
      );
      const envelope = validateEnosEnvelope(response.json);
      if (!envelope.valid) {
        throw new EnosCallError(operation, {
          kind: 'bad-response',
          reason: `envelope ${envelope.message}`,
          requestId: null,
        });
      }
      const value = response.json as RawEnvelope;
      span.answered(response.status, value.code, value.requestId ?? null);
      this.metrics.upstreamCalls.inc({ operation, outcome: value.code === 0 ? 'ok' : String(value.code) });
      this.callLog.info(
        {
          upstream: operation,
          httpStatus: response.status,
          enosCode: value.code,
          enosRequestId: value.requestId ?? null,
          ms: Date.now() - started,
        },
        'EnOS call',
      );
      return value;
    } catch (error) {
      if (error instanceof EnosCallError) {
        span.failed(error.failure.kind);
        this.metrics.upstreamCalls.inc({ operation, outcome: error.failure.kind });
        this.logger.warn(
          { upstream: operation, failure: error.failure.kind, ms: Date.now() - started },
          `EnOS call failed: ${describeFailure(error.failure)}`,
        );
      }
      throw error;
    }
  }
}

/** A search envelope with code 0 must carry an array and its pagination. */
function pageOf<T>(
  result: ValidationResult<{ data?: unknown; pagination?: unknown }>,
): ValidationResult<SearchPage<T>> {
  if (!result.valid) return result;
  const { data, pagination } = result.value;
  if (!Array.isArray(data) || pagination === null || typeof pagination !== 'object') {
    const path = Array.isArray(data) ? 'pagination' : 'data';
    return { valid: false, issues: [{ path, message: 'is required' }], message: `${path} is required` };
  }
  return { valid: true, value: { items: data as T[], pagination: pagination as Pagination } };
}
