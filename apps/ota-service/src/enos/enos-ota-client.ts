import { Inject, Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { GetOtaJobResponse, JobInfo } from '@enos-ota/ota-contract';
import { validateEnosEnvelope, validateJobInfo } from '@enos-ota/ota-contract/validation';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { EnosHttp } from './enos-http';
import { EnosCallError, TOKEN_ERROR_CODES, describeFailure, type EnosOperation } from './enos-failure';
import { enosSignature } from './enos-signature';
import { EnosTokenService } from './enos-token.service';
import { UpstreamResilience } from './upstream-resilience';
import { MetricsService } from '../metrics/metrics.service';

/** A Get OTA Job answer whose envelope is sound: code 0 with a valid JobInfo, or a business error code. */
export type OtaJobAnswer =
  | {
      readonly ok: true;
      readonly job: JobInfo;
      readonly envelope: GetOtaJobResponse;
      readonly requestId: string | null;
    }
  | {
      readonly ok: false;
      readonly envelope: GetOtaJobResponse;
      readonly code: number;
      readonly requestId: string | null;
    };

/**
 * Signed calls to the EnOS OTA APIs. One transparent re-authentication and retry when the gateway
 * refuses the token; everything else is reported as it is for the caller to map.
 */
@Injectable()
export class EnosOtaClient {
  constructor(
    private readonly http: EnosHttp,
    private readonly tokens: EnosTokenService,
    private readonly resilience: UpstreamResilience,
    private readonly metrics: MetricsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @InjectPinoLogger(EnosOtaClient.name) private readonly logger: PinoLogger,
  ) {}

  async getOtaJob(orgId: string, jobId: string, signal: AbortSignal): Promise<OtaJobAnswer> {
    const query = { action: 'get', orgId, jobId };
    const envelope = await this.signedCall('ota-jobs.get', '/connect-service/v2.1/ota-jobs', query, signal);
    const requestId = envelope.requestId ?? null;
    if (envelope.code !== 0) return { ok: false, envelope, code: envelope.code, requestId };
    const job = validateJobInfo(envelope.data);
    if (!job.valid) {
      throw new EnosCallError('ota-jobs.get', {
        kind: 'bad-response',
        reason: `data breaks the JobInfo contract: ${job.message}`,
        requestId,
      });
    }
    return { ok: true, job: job.value, envelope: envelope as GetOtaJobResponse, requestId };
  }

  private async signedCall(
    operation: EnosOperation,
    path: string,
    query: Readonly<Record<string, string>>,
    signal: AbortSignal,
  ): Promise<GetOtaJobResponse> {
    let token = await this.tokens.getToken();
    let envelope = await this.callOnce(operation, path, query, token, signal);
    if (TOKEN_ERROR_CODES.has(envelope.code)) {
      this.logger.info({ operation, enosCode: envelope.code }, 'EnOS refused the access token; re-authenticating once');
      this.tokens.invalidate(token);
      token = await this.tokens.getToken();
      envelope = await this.callOnce(operation, path, query, token, signal);
      if (TOKEN_ERROR_CODES.has(envelope.code)) {
        this.logger.error(
          { operation, enosCode: envelope.code },
          'EnOS refused a fresh access token: check ENOS_APP_KEY and ENOS_APP_SECRET',
        );
        throw new EnosCallError(operation, {
          kind: 'token-rejected',
          status: envelope.code,
          msg: envelope.msg ?? null,
        });
      }
    }
    return envelope;
  }

  private async callOnce(
    operation: EnosOperation,
    path: string,
    query: Readonly<Record<string, string>>,
    accessToken: string,
    signal: AbortSignal,
  ): Promise<GetOtaJobResponse> {
    const started = Date.now();
    try {
      const response = await this.resilience.execute(
        operation,
        (attemptSignal) => {
          const timestamp = Date.now();
          const signature = enosSignature({ accessToken, query, timestamp, appSecret: this.config.enos.appSecret });
          return this.http.send({
            operation,
            method: 'GET',
            path,
            query,
            signal: attemptSignal,
            headers: {
              'apim-accesstoken': accessToken,
              'apim-signature': signature,
              'apim-timestamp': String(timestamp),
            },
          });
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
      const value = envelope.value as GetOtaJobResponse;
      this.metrics.upstreamCalls.inc({ operation, outcome: value.code === 0 ? 'ok' : String(value.code) });
      this.logger.info(
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
