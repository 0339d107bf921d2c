import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Logger } from 'pino';
import { SERVICE_LOGGER } from '../logging/service-logger';
import { validateTokenResponse } from '@enos-ota/ota-contract/validation';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { APP_SECRET, type AppSecret } from '../config/app-secret';
import { EnosHttp } from './enos-http';
import { EnosCallError, type EnosOperation } from './enos-failure';
import { inEnosSpan } from '../tracing/enos-span';
import { tokenEncryption } from './enos-signature';
import { MetricsService } from '../metrics/metrics.service';
import { TOKEN_SHARING, type SharedToken, type TokenSharing } from './token-sharing';

interface HeldToken extends SharedToken {
  /** When to start refreshing: ahead of expiry, with jitter so that replicas do not refresh together. */
  readonly refreshAt: number;
}

/** What to tell an operator when the token service refuses our credentials. */
const SETTING_TO_FIX: Readonly<Record<number, string>> = {
  1002: 'ENOS_APP_KEY is not known to this EnOS gateway: check ENOS_APP_KEY (and ENOS_GATEWAY_URL)',
  1003: 'EnOS rejected the request signature: check that ENOS_APP_SECRET belongs to ENOS_APP_KEY',
};

/** Vendor clients refresh 5 to 10 minutes ahead; short-lived tokens refresh after 80% of their life. */
const REFRESH_AHEAD_MAX_MS = 5 * 60 * 1000;
/** The refresh starts up to this much earlier again, at random. */
const REFRESH_JITTER = 0.5;
/** The token service refuses an `encryption` it has seen before (two requests in the same ms). */
const REPLAYED_ENCRYPTION = 1001;

function holding(token: SharedToken, random = Math.random()): HeldToken {
  const life = token.expiresAt - token.obtainedAt;
  const ahead = Math.min(REFRESH_AHEAD_MAX_MS, life * 0.2) * (1 + REFRESH_JITTER * random);
  return { ...token, refreshAt: token.expiresAt - ahead };
}

/**
 * Holds the EnOS access token: obtained on first use, shared by all callers, refreshed ahead of
 * expiry, and never requested twice at once however many callers wait. In a fleet (TokenSharing),
 * one replica gets or refreshes it and the others adopt it.
 */
@Injectable()
export class EnosTokenService {
  private held: HeldToken | null = null;
  private inFlight: Promise<string> | null = null;
  /** The last token EnOS refused: never adopted again from the fleet. */
  private rejected: string | null = null;
  private readonly logger: Logger;

  constructor(
    private readonly http: EnosHttp,
    private readonly metrics: MetricsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(APP_SECRET) private readonly appSecret: AppSecret,
    @Inject(SERVICE_LOGGER) logger: Logger,
    @Optional() @Inject(TOKEN_SHARING) private readonly sharing: TokenSharing | null = null,
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
      if (now >= held.refreshAt) {
        // Still valid: refresh in the background and answer with the current token.
        this.acquire().catch(() => undefined);
      }
      return held.value;
    }
    return this.acquire();
  }

  /** Forgets a token EnOS refused, unless another caller (or replica) already replaced it. */
  invalidate(rejected: string): void {
    if (this.held?.value === rejected) this.held = null;
    this.rejected = rejected;
    this.sharing?.dropIf(rejected).catch(() => undefined);
  }

  private acquire(): Promise<string> {
    this.inFlight ??= this.requestToken().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async requestToken(): Promise<string> {
    const sharing = this.sharing;
    if (!sharing) return this.fromEnos();
    const adopted = await this.adoptShared(sharing);
    if (adopted) return adopted;
    return sharing.exclusive(async (mayBeShared) => {
      const left = mayBeShared ? await this.adoptShared(sharing) : null;
      if (left) return left;
      const value = await this.fromEnos();
      if (this.held) await sharing.write(this.held);
      return value;
    });
  }

  /** Takes the fleet's token when it is newer than the one held (another replica got or refreshed it). */
  private async adoptShared(sharing: TokenSharing): Promise<string | null> {
    const shared = await sharing.read();
    const held = this.held;
    if (!shared || shared.value === this.rejected || (held && shared.expiresAt <= held.expiresAt)) return null;
    this.held = holding(shared);
    return shared.value;
  }

  private async fromEnos(): Promise<string> {
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

  private async call(operation: EnosOperation, accessToken?: string, retried = false): Promise<string> {
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
    const response = await inEnosSpan(operation, async (span) => {
      const headers: Record<string, string> = {};
      span.attempt(headers);
      try {
        const sent = await this.http.send({ operation, method: 'POST', path, body, headers });
        // The token service's code is its `status` field (no request id): the span records it, never the token.
        const code = (sent.json as { status?: unknown } | null)?.status;
        span.answered(sent.status, typeof code === 'number' ? code : -1, null);
        return sent;
      } catch (error) {
        if (error instanceof EnosCallError) span.failed(error.failure.kind);
        throw error;
      }
    });
    const result = validateTokenResponse(response.json);
    if (!result.valid) {
      throw new EnosCallError(operation, {
        kind: 'bad-response',
        reason: `token answer ${result.message}`,
        requestId: null,
      });
    }
    const answer = result.value;
    if (answer.status === REPLAYED_ENCRYPTION && !retried) {
      // Another request was signed in the same millisecond (e.g. by another replica with this app
      // key): once more, a little later, so with a new timestamp and a new encryption.
      this.logger.warn({ operation }, 'EnOS refused a repeated token encryption; retrying once with a new timestamp');
      await new Promise((resolve) => setTimeout(resolve, 1 + Math.floor(Math.random() * 20)));
      return this.call(operation, accessToken, true);
    }
    if (answer.status !== 0 || !answer.data) {
      const fix = SETTING_TO_FIX[answer.status] ?? 'check ENOS_APP_KEY and ENOS_APP_SECRET';
      this.logger.error(
        { operation, tokenStatus: answer.status, msg: answer.msg },
        `EnOS refused the access-token request: ${fix}`,
      );
      throw new EnosCallError(operation, { kind: 'token-rejected', status: answer.status, msg: answer.msg ?? null });
    }
    const obtainedAt = Date.now();
    this.held = holding({
      value: answer.data.accessToken,
      obtainedAt,
      expiresAt: obtainedAt + answer.data.expire * 1000,
    });
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
