import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { SERVICE_LOGGER } from '../logging/service-logger';
import { validateTokenResponse } from '@enos-ota/ota-contract/validation';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { APP_SECRET, type AppSecret } from '../config/app-secret';
import { EnosHttp } from './enos-http';
import { EnosCallError, type EnosOperation } from './enos-failure';
import { tokenEncryption } from './enos-signature';
import { MetricsService } from '../metrics/metrics.service';

interface HeldToken {
  readonly value: string;
  readonly obtainedAt: number;
  readonly expiresAt: number;
}

/** What to tell an operator when the token service refuses our credentials. */
const SETTING_TO_FIX: Readonly<Record<number, string>> = {
  1002: 'ENOS_APP_KEY is not known to this EnOS gateway: check ENOS_APP_KEY (and ENOS_GATEWAY_URL)',
  1003: 'EnOS rejected the request signature: check that ENOS_APP_SECRET belongs to ENOS_APP_KEY',
};

/** Vendor clients refresh 5 to 10 minutes ahead; short-lived tokens refresh after 80% of their life. */
const REFRESH_AHEAD_MAX_MS = 5 * 60 * 1000;

/**
 * Holds the EnOS access token: obtained on first use, shared by all callers, refreshed ahead of
 * expiry, and never requested twice at once however many callers wait.
 */
@Injectable()
export class EnosTokenService {
  private held: HeldToken | null = null;
  private inFlight: Promise<string> | null = null;
  private readonly logger: Logger;

  constructor(
    private readonly http: EnosHttp,
    private readonly metrics: MetricsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(APP_SECRET) private readonly appSecret: AppSecret,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: 'EnosTokenService' });
  }

  /** True while a token is held and not expired: readiness reads this instead of calling EnOS. */
  hasValidToken(now = Date.now()): boolean {
    return this.held !== null && this.held.expiresAt > now;
  }

  async getToken(): Promise<string> {
    const now = Date.now();
    const held = this.held;
    if (held && held.expiresAt > now) {
      const refreshAheadMs = Math.min(REFRESH_AHEAD_MAX_MS, (held.expiresAt - held.obtainedAt) * 0.2);
      if (held.expiresAt - now <= refreshAheadMs) {
        // Still valid: refresh in the background and answer with the current token.
        this.acquire().catch(() => undefined);
      }
      return held.value;
    }
    return this.acquire();
  }

  /** Forgets a token EnOS refused, unless another caller already replaced it. */
  invalidate(rejected: string): void {
    if (this.held?.value === rejected) this.held = null;
  }

  private acquire(): Promise<string> {
    this.inFlight ??= this.requestToken().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async requestToken(): Promise<string> {
    const current = this.held;
    if (current && current.expiresAt > Date.now()) {
      try {
        return await this.call('token.refresh', current.value);
      } catch (error) {
        this.logger.warn({ err: summarise(error) }, 'EnOS token refresh failed; requesting a new token');
      }
    }
    return this.call('token.get');
  }

  private async call(operation: EnosOperation, accessToken?: string): Promise<string> {
    const { appKey } = this.config.enos;
    const timestamp = Date.now();
    const body = JSON.stringify({
      appKey,
      encryption: tokenEncryption(appKey, timestamp, this.appSecret.reveal()),
      timestamp,
      ...(accessToken ? { accessToken } : {}),
    });
    const path =
      operation === 'token.refresh' ? '/apim-token-service/v2.0/token/refresh' : '/apim-token-service/v2.0/token/get';
    this.metrics.tokenRequests.inc({ operation });
    const started = Date.now();
    const response = await this.http.send({ operation, method: 'POST', path, body });
    const result = validateTokenResponse(response.json);
    if (!result.valid) {
      throw new EnosCallError(operation, {
        kind: 'bad-response',
        reason: `token answer ${result.message}`,
        requestId: null,
      });
    }
    const answer = result.value;
    if (answer.status !== 0 || !answer.data) {
      const fix = SETTING_TO_FIX[answer.status] ?? 'check ENOS_APP_KEY and ENOS_APP_SECRET';
      this.logger.error(
        { operation, tokenStatus: answer.status, msg: answer.msg },
        `EnOS refused the access-token request: ${fix}`,
      );
      throw new EnosCallError(operation, { kind: 'token-rejected', status: answer.status, msg: answer.msg ?? null });
    }
    const obtainedAt = Date.now();
    this.held = { value: answer.data.accessToken, obtainedAt, expiresAt: obtainedAt + answer.data.expire * 1000 };
    this.logger.info(
      { operation, expiresInS: answer.data.expire, ms: obtainedAt - started },
      'EnOS access token obtained',
    );
    return answer.data.accessToken;
  }
}

function summarise(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
